package classify

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSplitActivities(t *testing.T) {
	tests := []struct {
		in      string
		dropCol int
		want    []string
	}{
		{"召开教代会；制定工会工作计划。", -1, []string{"召开教代会", "制定工会工作计划"}},
		{"庆“三八”活动。召开教代会。", -1, []string{"庆“三八”活动", "召开教代会"}},
		{"1、学习新工会法。\n2、建立新工会会员档案。\n3、召开工会委员会，布置学期工作", -1,
			[]string{"学习新工会法", "建立新工会会员档案", "召开工会委员会，布置学期工作"}},
		{"1、举行教工篮球赛 2、开展“抓质量月”活动", -1, []string{"举行教工篮球赛", "开展“抓质量月”活动"}},
		{"开展“讲文明；树新风”活动", -1, []string{"开展“讲文明；树新风”活动"}},
		{"召开工会委员会议；制定计划\t工会主席", 1, []string{"召开工会委员会议", "制定计划"}},
		{"\n\n", -1, nil},
	}
	for _, tt := range tests {
		got := splitActivities(tt.in, tt.dropCol)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("splitActivities(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// FuzzCalendar checks the calendar built from a document: no panic, months
// in 1..12, labels taken from the text (outline's FuzzMonthLabel checks the
// labels themselves).
func FuzzCalendar(f *testing.F) {
	for _, s := range []string{"七、八月份：纳凉晚会", "11-1月：总结", "9月\t教代会", "二、三月份:\n总结上学期工作", "四月底前完成", "十二月至一月：慰问"} {
		f.Add(s)
	}
	for _, path := range testDocsF(f) {
		_, text := readDoc(f, path)
		f.Add(text)
	}
	clf, conv := testSetup(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d := newDoc(t, "f", "工会工作计划", "工会工作计划\n每月工作安排\n"+s)
		d.Simplified = conv.Simplify(d.Text)
		clf.Classify(d)
		for _, e := range d.Calendar {
			if len(e.Months) == 0 || len(e.Months) > 12 {
				t.Fatalf("entry %q has months %v", e.Label, e.Months)
			}
			for _, m := range e.Months {
				if m < 1 || m > 12 {
					t.Fatalf("entry %q has month %d", e.Label, m)
				}
			}
			if !strings.Contains(d.Text, e.Label) {
				t.Fatalf("label %q not in text", e.Label)
			}
			for _, a := range e.Activities {
				if !utf8.ValidString(a) || a == "" {
					t.Fatalf("bad activity %q", a)
				}
			}
		}
	})
}

func testDocsF(f *testing.F) []string {
	f.Helper()
	return testDocs(f)
}

// TestCalendarSection: month blocks hang under their own depth-1 calendar
// section, not under the last work section before them.
func TestCalendarSection(t *testing.T) {
	clf, _ := testSetup(t)
	tests := []struct {
		name, text string
		heading    string
		months     [][]int
	}{
		{"appendix with an ASCII colon and a year",
			"学校工会工作计划\n三、工作内容\n11、加强工会自身建设。规范工会经费管理。\n\n附:2019年工会工作安排\n二、三月份:制定计划。\n4-6月:召开教代会。\n七八月份:暑期疗休养。",
			"附:2019年工会工作安排", [][]int{{2, 3}, {4, 5, 6}, {7, 8}}},
		{"appendix with a full-width colon after inline 一是 sections",
			"区教育工会工作要点\n六、加强自身建设，增强工会活力。一是扩大工会组织覆盖。二是加强工会干部培训。\n附：2020年主要活动安排\n一月份：送温暖。\n二月份、三月份：关爱行动。\n十二月份：年度总结。",
			"附：2020年主要活动安排", [][]int{{1}, {2, 3}, {12}}},
		{"appendix titled without a role word",
			"学校工会工作计划\n一、主要工作\n1、做好送温暖工作。春节前走访慰问困难教职工。\n附：2021年工会活动一览\n3月：召开教代会。\n9月：庆祝教师节。",
			"附：2021年工会活动一览", [][]int{{3}, {9}}},
		{"markdown calendar of quarters",
			"企业工会工作计划\n## 重点工作\n开展劳动竞赛。\n## 全年工作安排\n**第一季度（1—3月）**：召开职代会。\n**第二季度**：职工篮球赛。",
			"全年工作安排", [][]int{{1, 2, 3}, {4, 5, 6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "c", "学校工会工作计划", tt.text)
			clf.Classify(d)
			checkInvariants(t, d)
			var months [][]int
			var sec []string
			for _, e := range d.Calendar {
				months = append(months, e.Months)
				s, _ := d.Section(e.Section)
				sec = append(sec, fmt.Sprintf("%s|%s|%d", s.Heading, s.Tag, s.Depth))
			}
			if diff := cmp.Diff(tt.months, months); diff != "" {
				t.Errorf("months (-want +got):\n%s", diff)
			}
			for _, got := range sec {
				if want := tt.heading + "|calendar|1"; got != want {
					t.Errorf("entry under %q, want %q", got, want)
				}
			}
		})
	}
}

// Month labels alone on their lines, each followed by a list that starts
// again at 1, with no calendar heading: the months are a calendar and the
// lists their activities, not headings of the outline.
func TestCalendarOfRestartingLists(t *testing.T) {
	clf, _ := testSetup(t)
	text := "2023年育才路小学工会工作安排\n\n1、做好新学期慰问工作。\n\n2、核对工会会员信息。\n\n三月份：\n\n1、开展庆“三八”健步走活动。\n\n2、召开教代会。\n\n四月份：\n\n1、组织春季踏青活动。\n\n2、举办青年教师基本功比赛。\n\n五月份：\n\n1、评选校级优秀教职工。"
	d := newDoc(t, "r", "2023年育才路小学工会工作安排", text)
	clf.Classify(d)
	checkInvariants(t, d)
	var months [][]int
	var acts []string
	for _, e := range d.Calendar {
		months = append(months, e.Months)
		acts = append(acts, e.Activities...)
	}
	if diff := cmp.Diff([][]int{{3}, {4}, {5}}, months); diff != "" {
		t.Errorf("months (-want +got):\n%s", diff)
	}
	if len(acts) != 5 || acts[0] != "开展庆“三八”健步走活动" {
		t.Errorf("activities = %q", acts)
	}
	var heads []string
	for _, s := range d.Sections {
		heads = append(heads, s.Heading)
	}
	if diff := cmp.Diff([]string{"1、做好新学期慰问工作。", "2、核对工会会员信息。"}, heads); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}
