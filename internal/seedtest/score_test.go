package seedtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func intp(i int) *int       { return &i }
func strp(s string) *string { return &s }

func TestStripNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一、指导思想", "指导思想"},
		{"(一)、提高能力", "提高能力"},
		{"（三）发挥工会职能", "发挥工会职能"},
		{"1、加强教代会", "加强教代会"},
		{"12.做好总结", "做好总结"},
		{"⑴组织学习", "组织学习"},
		{"②开展评比", "开展评比"},
		{"第一部分 指导思想", "指导思想"},
		{"一是切实发挥作用", "切实发挥作用"},
		{"首先，加强沟通", "加强沟通"},
		{"指导思想", "指导思想"},
		{"一年来的工作", "一年来的工作"},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(stripNumber(tt.in)); got != tt.want {
			t.Errorf("stripNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScore(t *testing.T) {
	labels := Labels{File: "x.txt", Parts: []Part{{
		Title: "学校工会工作计划", Kind: "plan", Relevant: true, Year: intp(2012), Org: strp("郭村第一中学"),
		Sections: []Section{
			{Heading: "一、指导思想", Tag: "ideology"},
			{Heading: "1、紧紧围绕大局,创造性地开展工作", Tag: "work", Topics: []string{"rights-law", "political-study"}},
			{Heading: "二、工作目标", Tag: "goals"},
			{Heading: "1、营造和谐氛围；", Tag: "goals", Optional: true},
			{Heading: "三、行事历", Tag: "calendar"},
		},
		Calendar: []Calendar{{Months: []int{7, 8}, Starts: "组织教职工"}, {Months: []int{9}, Starts: "庆祝教师节"}},
		Targets:  []string{"评估合格率达100%", "满意率达到80%以上"},
		Topics:   []string{"rights-law", "political-study", "welfare"},
	}}}
	doc := corpus.Document{
		Title: "学校工会工作计划", Kind: corpus.KindPlan, Relevant: true, Year: 2012, Org: "郭村第一中学",
		Topics: []string{"rights-law", "welfare", "safety"},
		Sections: []corpus.Section{
			{Heading: "一、 指导思想：", Tag: corpus.TagIdeology},
			// an inline heading cut at the full stop: the label is a prefix
			{Heading: "1、紧紧围绕大局,创造性地开展工作。各校要坚持…", Tag: corpus.TagWork, Topics: []string{"rights-law"}},
			{Heading: "二、工作目标", Tag: corpus.TagWork},
			{Heading: "三、行事历", Tag: corpus.TagCalendar},
		},
		Calendar: []corpus.CalendarEntry{
			{Months: []int{7}, Text: "组织教职工下企业考察"},
			{Months: []int{9}, Text: "1、庆祝教师节。"},
		},
		Targets: []corpus.Target{{Text: "四月底前，评估合格率达100%"}},
	}
	r := Score(labels, []corpus.Document{doc})
	got := []int{r.Headings, r.HeadingsFound, r.TagsMatched, r.TagsRight, r.SecTP, r.SecFP, r.SecFN,
		r.DocTP, r.DocFP, r.DocFN, r.Calendar, r.CalendarFound, r.Targets, r.TargetsFound,
		r.Kinds, r.KindsRight, r.Years, r.YearsRight, r.Orgs, r.OrgsRight}
	want := []int{4, 4, 4, 3, 1, 0, 1, 2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s\n%s", diff, r)
	}
	for _, miss := range []string{"tag of \"二、工作目标\" is work", "has months [7], want [7 8]", "target not found: 满意率达到80%以上"} {
		if !strings.Contains(r.String(), miss) {
			t.Errorf("report does not mention %q:\n%s", miss, r)
		}
	}
	if f := r.DocTopicF1(); f < 0.66 || f > 0.67 {
		t.Errorf("doc topic F1 %.3f, want 2/3", f)
	}

	// a missing part counts everything it labels as missed
	r = Score(labels, nil)
	if r.PartsFound != 0 || r.Headings != 4 || r.HeadingsFound != 0 || r.Targets != 2 {
		t.Errorf("missing part: %s", r)
	}
}

// Check fails when a bar is not met and passes when all are.
func TestCheck(t *testing.T) {
	ok := Report{Parts: 1, PartsFound: 1, Headings: 2, HeadingsFound: 2, TagsMatched: 2, TagsRight: 2,
		SecTP: 9, SecFP: 1, DocTP: 10, Kinds: 1, KindsRight: 1, Years: 1, YearsRight: 1, Orgs: 1, OrgsRight: 1}
	ft := &fakeT{}
	ok.Check(ft)
	if ft.failed {
		t.Errorf("Check failed a report that meets the bars: %s", ft.msg)
	}
	bad := ok
	bad.HeadingsFound = 1
	ft = &fakeT{}
	bad.Check(ft)
	if !ft.failed || !strings.Contains(ft.msg, "headings found 1/2") {
		t.Errorf("Check did not fail on a missing heading: %q", ft.msg)
	}
}

type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.failed = true
	f.msg = fmt.Sprintf(format, args...)
}
