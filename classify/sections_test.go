package classify

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

// TestSectionText: a section's text is its own body, up to its first child.
func TestSectionText(t *testing.T) {
	clf, _ := testSetup(t)
	text := "学校工会工作计划\n一、主要工作\n　　围绕学校中心工作。\n（一）民主管理\n　　开好教代会。\n　　推进校务公开。\n二、行事历\n9月：开学工作。"
	d := newDoc(t, "t", "学校工会工作计划", text)
	clf.Classify(d)
	var got []string
	for _, s := range d.Sections {
		got = append(got, s.Heading+"|"+s.Text+"|"+d.Text[s.Start:s.End])
	}
	want := []string{
		"一、主要工作|围绕学校中心工作。|一、主要工作\n　　围绕学校中心工作。",
		"（一）民主管理|开好教代会。\n推进校务公开。|（一）民主管理\n　　开好教代会。\n　　推进校务公开。",
		"二、行事历|9月：开学工作。|二、行事历\n9月：开学工作。",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

// FuzzClassify: no panic, offsets in bounds and on rune boundaries, sections
// ordered, parents before children, months in range, deterministic.
func FuzzClassify(f *testing.F) {
	for _, path := range testDocs(f) {
		title, text := readDoc(f, path)
		f.Add(title, text)
	}
	f.Add("", "一、\n（一）\n1、\n(1)\n①\n第一部分\n一是\n首先，")
	f.Add("计划", "一、指导思想 以…。二、工作目标 （一）…；1、…；2、…")
	f.Add("计划", "\t\n\u3000\n七八月份\n二、三月份:\n")
	clf, _ := testSetup(f)
	f.Fuzz(func(t *testing.T, title, text string) {
		if !utf8.ValidString(text) || !utf8.ValidString(title) {
			return
		}
		d := newDoc(t, "f", title, text)
		clf.Classify(d)
		checkInvariants(t, d)
		e := newDoc(t, "f", title, text)
		clf.Classify(e)
		if diff := cmp.Diff(d, e); diff != "" {
			t.Fatalf("two runs differ:\n%s", diff)
		}
		for _, s := range d.Sections {
			if !utf8.ValidString(s.Heading) || !utf8.ValidString(s.Text) {
				t.Fatalf("invalid UTF-8 in section %+v", s)
			}
		}
	})
}

// A document whose simplified view does not line up with its text (a bug
// upstream) is still classified, on the original text.
func TestMisalignedSimplified(t *testing.T) {
	clf, _ := testSetup(t)
	d := &corpus.Document{ID: "m", Title: "学校工会工作计划", Text: "学校工会工作计划\n一、指导思想\n以服务教职工为宗旨，开好教代会。", Simplified: "短"}
	clf.Classify(d)
	if len(d.Sections) != 1 || d.Sections[0].Tag != corpus.TagIdeology {
		t.Errorf("sections %+v", d.Sections)
	}
}

func BenchmarkClassify(b *testing.B) {
	clf, conv := testSetup(b)
	raw, err := os.ReadFile("testdata/docs/01_plan_basic.txt")
	if err != nil {
		b.Fatal(err)
	}
	_, text, _ := strings.Cut(string(raw), "\n")
	// a long plan: the document body repeated as one would find in a
	// compilation page, traditional form
	text = conv.Traditionalize(strings.Repeat(text+"\n", 4))
	simp := conv.Simplify(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := &corpus.Document{ID: "b", Title: "2013年工會工作計劃", Text: text, Simplified: simp}
		clf.Classify(d)
	}
}

// TestTailExcluded: a trailing sign-off and a closing paragraph stay in
// the document text but out of the last section and calendar entry.
func TestTailExcluded(t *testing.T) {
	clf, _ := testSetup(t)
	tests := []struct {
		name     string
		text     string
		lastSec  string // Text of the last section
		lastCal  string // activities of the last calendar entry
		lastSpan string // the last section's text at its offsets
	}{
		{"calendar with org and date",
			"学校工会工作计划\n一、主要工作\n组织教职工开展文体活动。\n二、每月工作安排\n11月：教工篮球赛。\n12月：工会工作总结。\n\n城南小学工会\n2024年2月",
			"11月：教工篮球赛。\n12月：工会工作总结。", "工会工作总结", "二、每月工作安排\n11月：教工篮球赛。\n12月：工会工作总结。"},
		{"org and date on one line",
			"学校工会工作计划\n一、主要工作\n组织教职工开展文体活动，做好工会工作。\n城南小学工会　2024年2月20日",
			"组织教职工开展文体活动，做好工会工作。", "", "一、主要工作\n组织教职工开展文体活动，做好工会工作。"},
		{"essay with a closing paragraph and a placeholder sign-off",
			"学校工会工作计划\n首先，推进民主管理。开好教代会。\n其次，丰富工会活动。组织教工文体活动。\n总之，我校工会将团结全体教职工，开拓进取。\nXX学校工会\n20__年__月__日",
			"组织教工文体活动。", "", "其次，丰富工会活动。组织教工文体活动。"},
		{"no sign-off: the last line stays",
			"学校工会工作计划\n一、主要工作\n组织教职工开展文体活动。\n加强工会自身建设",
			"组织教职工开展文体活动。\n加强工会自身建设", "", "一、主要工作\n组织教职工开展文体活动。\n加强工会自身建设"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "t", "学校工会工作计划", tt.text)
			clf.Classify(d)
			checkInvariants(t, d)
			if len(d.Sections) == 0 {
				t.Fatal("no sections")
			}
			last := d.Sections[len(d.Sections)-1]
			var cal string
			if n := len(d.Calendar); n > 0 {
				cal = strings.Join(d.Calendar[n-1].Activities, "/")
			}
			got := []string{last.Text, cal, d.Text[last.Start:last.End]}
			want := []string{tt.lastSec, tt.lastCal, tt.lastSpan}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
