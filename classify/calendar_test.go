package classify

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseMonthLabel(t *testing.T) {
	tests := []struct {
		in     string
		strict bool
		months []int // nil: not a label
		label  string
		rest   string
	}{
		{"1月：制定工会工作计划", true, []int{1}, "1月", "制定工会工作计划"},
		{"十二月份：迎新年联欢", true, []int{12}, "十二月份", "迎新年联欢"},
		{"九月份", true, []int{9}, "九月份", ""},
		{"一月份：工会工作小结", true, []int{1}, "一月份", "工会工作小结"},
		{"7月—8月：组织教职工下企业考察", true, []int{7, 8}, "7月—8月", "组织教职工下企业考察"},
		{"七八月份：做好纳凉晚会工作", true, []int{7, 8}, "七八月份", "做好纳凉晚会工作"},
		{"七、八月份：暑期疗休养", true, []int{7, 8}, "七、八月份", "暑期疗休养"},
		{"二、三月份:", true, []int{2, 3}, "二、三月份", ""},
		{"4-6月：技能竞赛", true, []int{4, 5, 6}, "4-6月", "技能竞赛"},
		{"7,8月：组织职工分批疗休养", true, []int{7, 8}, "7,8月", "组织职工分批疗休养"},
		{"元月份：走访慰问", true, []int{1}, "元月份", "走访慰问"},
		{"元旦：迎新年联欢", true, nil, "", ""},
		{"1~2月：春节慰问", true, []int{1, 2}, "1~2月", "春节慰问"},
		{"二季度工作打算", false, nil, "", ""},
		{"第三季度：职工运动会", true, []int{7, 8, 9}, "第三季度", "职工运动会"},
		{"1-2月：寒假慰问", true, []int{1, 2}, "1-2月", "寒假慰问"},
		{"11-1月：学期总结", true, []int{11, 12, 1}, "11-1月", "学期总结"},
		{"十二月至一月：慰问退休教师", true, []int{12, 1}, "十二月至一月", "慰问退休教师"},
		{"9月至10月：教师节活动", true, []int{9, 10}, "9月至10月", "教师节活动"},
		{"十一十二月：总结", true, []int{11, 12}, "十一十二月", "总结"},
		{"9月\t召开教代会；制定计划", true, []int{9}, "9月", "召开教代会；制定计划"},
		{"３月：庆三八", true, []int{3}, "３月", "庆三八"},
		{"9 月：开学工作", true, []int{9}, "9 月", "开学工作"},
		{"● 10月：篮球赛", true, []int{10}, "10月", "篮球赛"},
		{"九月份（开学月）：迎新", true, []int{9}, "九月份", "迎新"},
		{"9月上旬：开学", true, []int{9}, "9月上旬", "开学"},
		{"3月召开教代会", false, []int{3}, "3月", "召开教代会"},
		// several months listed on one label line, in document order
		{"十二月份、一月份：迎新年活动", true, []int{12, 1}, "十二月份、一月份", "迎新年活动"},
		{"二月份、三月份：疫情防控关爱行动", true, []int{2, 3}, "二月份、三月份", "疫情防控关爱行动"},
		{"7月、8月：暑期疗休养", true, []int{7, 8}, "7月、8月", "暑期疗休养"},
		{"十一月份和十二月份：召开教代会", true, []int{11, 12}, "十一月份和十二月份", "召开教代会"},
		{"3月、5月：教师基本功比赛", true, []int{3, 5}, "3月、5月", "教师基本功比赛"},
		{"9月，召开教代会", true, []int{9}, "9月", "召开教代会"},
		// quarters
		{"第一季度（1—3月）：制定年度计划", true, []int{1, 2, 3}, "第一季度", "制定年度计划"},
		{"**第三季度（7—9月）**：送清凉", true, []int{7, 8, 9}, "第三季度", "送清凉"},
		{"二季度：职工篮球赛", true, []int{4, 5, 6}, "二季度", "职工篮球赛"},
		{"**10月**：职工健康体检", true, []int{10}, "10月", "职工健康体检"},
		{"第五季度：不存在", true, nil, "", ""},
		// prose and look-alikes
		{"3月召开教代会", true, nil, "", ""},
		{"四月底前，全面完成公办学校校务公开评估", false, nil, "", ""},
		{"五月份起每月公示一次", false, nil, "", ""},
		{"九月初开学后召开教代会", false, nil, "", ""},
		{"十三月：不存在", true, nil, "", ""},
		{"二、主要工作", true, nil, "", ""},
		{"2012年3月", true, nil, "", ""},
		{"12个月内完成", false, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s := []rune(tt.in)
			ml, ok := parseMonthLabel(s, 0, len(s), tt.strict)
			if tt.months == nil {
				if ok {
					t.Fatalf("parseMonthLabel(%q) = %v, want no label", tt.in, ml.Months)
				}
				return
			}
			if !ok {
				t.Fatalf("parseMonthLabel(%q): no label, want %v", tt.in, tt.months)
			}
			got := []string{string(s[ml.Start:ml.End]), string(s[ml.Content:])}
			if diff := cmp.Diff(tt.months, ml.Months); diff != "" {
				t.Errorf("months (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{tt.label, tt.rest}, got); diff != "" {
				t.Errorf("label/rest (-want +got):\n%s", diff)
			}
		})
	}
}

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

func TestMonthRange(t *testing.T) {
	tests := []struct {
		a, b int
		want []int
	}{
		{9, 0, []int{9}}, {7, 8, []int{7, 8}}, {4, 6, []int{4, 5, 6}}, {11, 1, []int{11, 12, 1}}, {3, 3, []int{3}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, monthRange(tt.a, tt.b)); diff != "" {
			t.Errorf("monthRange(%d, %d) (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}

// FuzzCalendar checks the month-label parser and the calendar built from a
// document: no panic, months in 1..12, labels taken from the text.
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
		rs := []rune(s)
		for _, strict := range []bool{true, false} {
			if ml, ok := parseMonthLabel(rs, 0, len(rs), strict); ok {
				if ml.Start > ml.End || ml.End > ml.Content || ml.Content > len(rs) {
					t.Fatalf("bad spans %+v for %q", ml, s)
				}
				for _, m := range ml.Months {
					if m < 1 || m > 12 {
						t.Fatalf("month %d from %q", m, s)
					}
				}
			}
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
