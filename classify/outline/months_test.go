package outline

import (
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

// FuzzMonthLabel: no panic, label and content spans in order and inside
// the text, months in 1..12.
func FuzzMonthLabel(f *testing.F) {
	for _, s := range []string{"七、八月份：纳凉晚会", "11-1月：总结", "9月\t教代会", "二、三月份:\n总结上学期工作", "四月底前完成", "十二月至一月：慰问", "第三季度：", "1、九月份"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		for _, strict := range []bool{true, false} {
			ml, ok := parseMonthLabel(rs, 0, len(rs), strict)
			if !ok {
				continue
			}
			if ml.Start > ml.End || ml.End > ml.Content || ml.Content > len(rs) {
				t.Fatalf("bad spans %+v for %q", ml, s)
			}
			if len(ml.Months) == 0 {
				t.Fatalf("label without months for %q", s)
			}
			for _, m := range ml.Months {
				if m < 1 || m > 12 {
					t.Fatalf("month %d from %q", m, s)
				}
			}
		}
	})
}
