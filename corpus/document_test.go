package corpus

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDocumentJSONContract(t *testing.T) {
	d := Document{ID: "a-1", Source: "x/a.txt", Part: 1, Title: "计划", Kind: KindPlan,
		Relevant: true, Script: Simplified, Text: "正文",
		Sections: []Section{{ID: "a-1/s1", Depth: 1, Number: "一、", Heading: "一、指导思想", Tag: TagIdeology}}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "source", "part", "title", "kind", "relevant", "script", "year", "org",
		"topics", "text", "sections", "calendar", "targets", "warnings"} {
		if _, ok := m[k]; !ok {
			t.Errorf("export lacks %q", k)
		}
	}
	if m["year"] != nil || m["org"] != nil {
		t.Errorf("unknown year/org must be null: %v %v", m["year"], m["org"])
	}
	if !strings.Contains(string(b), `"parent":null`) || !strings.Contains(string(b), `"topics":[]`) {
		t.Errorf("section parent must be null and empty lists []: %s", b)
	}
	d.Year, d.Org = 2012, "郭村第一中学"
	d.Sections = append(d.Sections, Section{ID: "a-1/s2", Parent: "a-1/s1", Depth: 2})
	b, _ = json.Marshal(d)
	var back Document
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	d.Topics, d.Warnings, d.Calendar, d.Targets = []string{}, []string{}, []CalendarEntry{}, []Target{}
	d.Sections[0].Topics, d.Sections[1].Topics = []string{}, []string{}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestHeadingPath(t *testing.T) {
	d := Document{Sections: []Section{
		{ID: "s1", Heading: "二、主要工作"},
		{ID: "s2", Parent: "s1", Heading: "（一）民主管理"},
		{ID: "s3", Parent: "s2", Heading: "1、教代会"},
	}}
	if diff := cmp.Diff([]string{"二、主要工作", "（一）民主管理", "1、教代会"}, d.HeadingPath("s3")); diff != "" {
		t.Error(diff)
	}
}

func TestDocumentIDIsStable(t *testing.T) {
	a, b := DocumentID("/home/u/plans/a.docx", 2), DocumentID("/home/u/plans/a.docx", 2)
	if a != b || !strings.HasSuffix(a, "-2") || len(a) != 12 {
		t.Errorf("ids %q %q", a, b)
	}
	if DocumentID("/home/u/plans/b.docx", 2) == a {
		t.Error("different files share an id")
	}
}

func TestSameOrg(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"城南实验小学", "城南实验小学", true},
		{"城南实验小学", "桐溪市溪北区城南实验小学", true},
		{"桐溪市溪北区城南实验小学", "城南 实验小学", true},
		{"实验小学", "城南实验小学", false},      // not a place-name prefix
		{"城北实验小学", "桐溪市城南实验小学", false}, // different school
		{"", "城南实验小学", false},
		{"溪北区教育工会", "桐溪市溪北区教育工会", true},
	}
	for _, tt := range tests {
		if got := SameOrg(tt.a, tt.b); got != tt.want {
			t.Errorf("SameOrg(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
