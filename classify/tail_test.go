package classify

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2019年2月", true},
		{"二〇二〇年一月十日", true},
		{"二○二二年二月", true},
		{"2024年2月20日", true},
		{"（2013年2月）", true},
		{"20__年__月__日", true},
		{"XX年XX月XX日", true},
		{"2021-09-01", true},
		{"2月20日", true},
		{"2019年", true},
		{"2018年工会工作计划", false},
		{"附:2019年工会工作安排", false},
		{"附：2020年主要活动安排", false},
		{"12月", false},
		{"九月份", false},
		{"2012年是学校发展的关键一年", false},
	}
	for _, tt := range tests {
		if got := isDateLine(tt.in); got != tt.want {
			t.Errorf("isDateLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSignatureLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"溪北区教育工会", true},
		{"城南实验小学工会委员会", true},
		{"桐溪市交通职业技术学校工会", true},
		{"XX学校工会", true},
		{"江北区第二实验小学", true},
		{"城南实验小学工会　2024年2月20日", true},
		{"二〇二〇年一月十日", true},
		{"（盖章）", true},
		{"工会", false},
		{"加强工会自身建设", false},
		{"12月：工会工作总结。", false},
		{"11-12月:教工登山比赛;工会工作总结。", false},
		{"做好各项工作，为学校发展作出贡献。", false},
	}
	for _, tt := range tests {
		if got := signatureLine(tt.in); got != tt.want {
			t.Errorf("signatureLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
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
