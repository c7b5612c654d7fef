package outline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMarker(t *testing.T) {
	type want struct {
		Style string
		Value int
		Token string // the marker as written, "" when there is none
	}
	tests := []struct {
		in   string
		want want
	}{
		{"一、指导思想", want{styleCN, 1, "一、"}},
		{"十二、其他", want{styleCN, 12, "十二、"}},
		{"二十一、附则", want{styleCN, 21, "二十一、"}},
		{"三．工作措施", want{styleCN, 3, "三．"}},
		{"四.开展活动", want{styleCN, 4, "四."}},
		{"（一）加强民主管理", want{styleCNParen, 1, "（一）"}},
		{"(二)、深化校务公开", want{styleCNParen, 2, "(二)、"}},
		{"（十）其他工作", want{styleCNParen, 10, "（十）"}},
		{"一）组织建设", want{styleCNHalf, 1, "一）"}},
		{"1、加强学习", want{styleAr, 1, "1、"}},
		{"1坚持民主办学", want{styleArBare, 1, "1"}},
		{"1、九月份召开教代会", want{styleAr, 1, "1、"}},
		{"3月召开教代会", want{"", 0, ""}},
		{"2人一组参加比赛", want{"", 0, ""}},
		{"10余项活动", want{"", 0, ""}},
		{"三，口号", want{styleCN, 3, "三，"}},
		{"一：指导思想", want{styleCN, 1, "一："}},
		{"一：以服务教职工为宗旨，团结全体教职工。", want{"", 0, ""}},
		{"三，我们要加强学习，提高素质。", want{"", 0, ""}},
		{"2.深入开展校务公开工作", want{styleAr, 2, "2."}},
		{"3．开展文明礼仪活动", want{styleAr, 3, "3．"}},
		{"1。加强对基层工会文体活动的组织", want{styleAr, 1, "1。"}},
		{"12，做好总结", want{styleAr, 12, "12，"}},
		{"(1)加强民主管理", want{styleArParen, 1, "(1)"}},
		{"（2）开展技能竞赛", want{styleArParen, 2, "（2）"}},
		{"1）学习工会法", want{styleArHalf, 1, "1）"}},
		{"⑴组织学习", want{styleParenNum, 1, "⑴"}},
		{"③开展评比", want{styleCircled, 3, "③"}},
		{"第一部分 指导思想", want{styleDi, 1, "第一部分 "}},
		{"第二章 工作任务", want{styleDiZhang, 2, "第二章 "}},
		{"第三，加强权益保护", want{styleEnum, 3, "第三，"}},
		{"首先，工会将加强沟通", want{styleEnum, 1, "首先，"}},
		{"其次,做好服务", want{styleEnum, 2, "其次,"}},
		{"再次，结合诚信教育", want{styleEnum, 3, "再次，"}},
		{"最后，关注身心健康", want{styleEnum, 99, "最后，"}},
		{"一是切实发挥职工大会作用", want{styleShi, 1, "一是"}},
		{"二要抓招商引资", want{styleShi, 2, "二要"}},
		{"2.1 社会阶层分化的影响", want{styleDec2, 1, "2.1 "}},
		{"1.2.3 细则", want{styleDec3, 3, "1.2.3 "}},
		{"一 指导思想", want{styleCN, 1, "一 "}},
		// not markers
		{"二、三月份：总结上学期工作", want{}},
		{"一、二等奖", want{}},
		{"三.八妇女节", want{}},
		{"1.5万元", want{}},
		{"2012年工作计划", want{}},
		{"一年来，我们取得了成绩", want{}},
		{"三八妇女节活动", want{}},
		{"1、2月份：寒假", want{}},
		{"首先要明确目标", want{}},
		{"第一时间处理", want{}},
		{"（2012年9月）", want{}},
		{"100%的教职工参加", want{}},
		{"一、", want{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s := []rune(tt.in)
			var got want
			if m, ok := ParseMarker(s, 0, len(s)); ok {
				got = want{m.Style, m.value, string(s[m.Start:m.End])}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseMarker(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseCN(t *testing.T) {
	tests := []struct {
		in        string
		val, size int
	}{
		{"一", 1, 1}, {"九", 9, 1}, {"十", 10, 1}, {"十一", 11, 2}, {"二十", 20, 2},
		{"二十三", 23, 3}, {"九十九", 99, 3}, {"零", 0, 0}, {"甲", 0, 0}, {"", 0, 0},
	}
	for _, tt := range tests {
		v, n := ParseCN([]rune(tt.in), 0)
		if v != tt.val || n != tt.size {
			t.Errorf("parseCN(%q) = %d, %d; want %d, %d", tt.in, v, n, tt.val, tt.size)
		}
	}
}

func TestLeadEnd(t *testing.T) {
	tests := []struct {
		in      string // the text after the number
		heading string
		body    string
	}{
		{"加强民主管理", "加强民主管理", ""},
		{"加强民主管理。", "加强民主管理。", ""},
		{"铸师魂。工会配合党支部开展活动。", "铸师魂。", "工会配合党支部开展活动。"},
		{"工作目标：教职工满意率达到90%。", "工作目标：", "教职工满意率达到90%。"},
		{"指导思想 以科学发展观为指导，认真贯彻上级工会的要求。", "指导思想", "以科学发展观为指导，认真贯彻上级工会的要求。"},
		{"加强民主管理 提升民主意识", "加强民主管理 提升民主意识", ""},
		{"开展“讲礼仪。重师德”活动，提高素养。组织学习。", "开展“讲礼仪。重师德”活动，提高素养。", "组织学习。"},
		{"进一步增强维护意识；", "进一步增强维护意识；", ""},
	}
	for _, tt := range tests {
		s := []rune(tt.in)
		h, b, _ := leadEnd(s, 0, len(s))
		got := [2]string{string(s[:h]), string(s[b:])}
		if diff := cmp.Diff([2]string{tt.heading, tt.body}, got); diff != "" {
			t.Errorf("leadEnd(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
