package zhtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStartsWithNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"一、指导思想": true, "二 . 工作目标": true, "（一）民主管理": true, "( 1 )开好教代会": true,
		"1、体检": true, "12.慰问": true, "3）春游": true, "第一，": true, "第二是": true, "①组织": true,
		"十二、附则": true, "一是加强学习": false, "指导思想": false, "2023年工作计划": false,
		" 一、前面有空格": false, "附：行事历": false, "第一章": false, "一月份：": false,
	} {
		if got := StartsWithNumber(s); got != want {
			t.Errorf("StartsWithNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestStripNumbering(t *testing.T) {
	for in, want := range map[string]string{
		"一、指导思想":            "指导思想",
		"（一）加强民主管理":         "加强民主管理",
		"  (1) 开好教代会":       "开好教代会",
		"1.开展读书活动":          "开展读书活动",
		"一、（一）双层编号":         "双层编号",
		"③组织春游":             "组织春游",
		"第一部分　工作回顾":         "工作回顾",
		"第二章 组织建设":          "组织建设",
		"一是加强学习":            "加强学习",
		"其次，丰富活动":           "丰富活动",
		"附：行事历":             "行事历",
		"## 三、工作措施":         "工作措施",
		"五.一劳动节慰问":          "五.一劳动节慰问",
		"5.12防震演练":          "5.12防震演练",
		"指导思想":              "指导思想",
		"2023年工会工作计划":       "2023年工会工作计划",
		"\u3000十二、其他\u3000": "其他",
	} {
		if got := StripNumbering(in); got != want {
			t.Errorf("StripNumbering(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzStripNumbering(f *testing.F) {
	for _, s := range []string{"一、（一）1.标题", "五.一劳动节", "第一部分", "（1）", "附：", "## 二、", "首先，"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := StripNumbering(s)
		if !strings.Contains(s, got) {
			t.Fatalf("StripNumbering(%q) = %q, not a piece of the input", s, got)
		}
		if len(got) > len(s) {
			t.Fatalf("StripNumbering(%q) grew", s)
		}
		StartsWithNumber(s)
	})
}
