package split

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plans/internal/zhtext"
	"plans/script"
)

const flatBody = "以服务教职工为宗旨，围绕学校中心工作，推进民主管理和校务公开，做好送温暖工作，组织文体活动，建设教工之家，关心退休教师，加强工会自身建设。"

func TestSeparateTitle(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"title then space",
			"城西小学2023年工会工作计划 一、指导思想：" + flatBody,
			"城西小学2023年工会工作计划\n一、指导思想：" + flatBody},
		{"title glued to the first heading",
			"城西小学2023年工会工作计划一、指导思想：" + flatBody,
			"城西小学2023年工会工作计划\n一、指导思想：" + flatBody},
		{"blank lines and indent before it",
			"\n\u3000\u3000城西小学2023年工会工作总结\u3000\u3000一年来，" + flatBody,
			"\n\u3000\u3000城西小学2023年工会工作总结\n一年来，" + flatBody},
		{"only the first line", "短标题\n城西小学2023年工会工作计划 " + flatBody, "短标题\n城西小学2023年工会工作计划 " + flatBody},
		{"a short first line is a line", "城西小学2023年工会工作计划 一、指导思想", "城西小学2023年工会工作计划 一、指导思想"},
		{"no title at the head", "一、指导思想：" + flatBody + flatBody, "一、指导思想：" + flatBody + flatBody},
		{"a sentence is no title", "今年我校工会工作计划如下 " + flatBody, "今年我校工会工作计划如下 " + flatBody},
		{"a site's heading ending in a colon before the title",
			"优质文档-为你奉上幼儿园工会计划5篇幼儿园工会计划一:2023年城西幼儿园工会工作计划 一、指导思想：" + flatBody,
			"优质文档-为你奉上幼儿园工会计划5篇幼儿园工会计划一:\n2023年城西幼儿园工会工作计划\n一、指导思想：" + flatBody},
		{"the text glued to the title's kind word",
			"东湖区教育工会2022年工作总结及2023年工作要点2022年东湖区教育工会在上级工会的领导下，" + flatBody,
			"东湖区教育工会2022年工作总结及2023年工作要点\n2022年东湖区教育工会在上级工会的领导下，" + flatBody},
		{"glued to 我校",
			"城西小学2022年度工会工作总结我校工会在上级工会的领导下，" + flatBody,
			"城西小学2022年度工会工作总结\n我校工会在上级工会的领导下，" + flatBody},
		{"a kind word inside a sentence is no title's end",
			"今年工会工作计划全面完成各项任务，" + flatBody,
			"今年工会工作计划全面完成各项任务，" + flatBody},
		{"a file name is no title", "2023年中学工会工作计划4 docx " + flatBody, "2023年中学工会工作计划4 docx " + flatBody},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SeparateTitle(tc.in, nil); got != tc.want {
				t.Errorf("SeparateTitle(%q)\n= %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
	// Traditional titles are judged on their simplified view.
	trad := "城西小學2023年工會工作計劃 一、指導思想：" + flatBody
	if got := SeparateTitle(trad, script.DefaultSimplify()); !strings.HasPrefix(got, "城西小學2023年工會工作計劃\n一、") {
		t.Errorf("traditional title not separated: %q", got)
	}
}

// SeparateTitle only ever replaces one run of white space (or nothing
// before 一、) with a line break, and doing it twice changes nothing.
func FuzzSeparateTitle(f *testing.F) {
	f.Add("城西小学2023年工会工作计划 一、指导思想：" + flatBody)
	f.Add("城西小学2023年工会工作计划一、" + flatBody)
	f.Add("\n\n标题 " + flatBody)
	f.Fuzz(func(t *testing.T, s string) {
		got := SeparateTitle(s, nil)
		if got == s {
			return
		}
		// one more line, two when a site's heading before the title (…:)
		// goes on a line of its own
		if n := strings.Count(got, "\n") - strings.Count(s, "\n"); n != 1 && n != 2 {
			t.Fatalf("SeparateTitle(%q) = %q: %d more lines", s, got, n)
		}
		if squeezeBytes(got) != squeezeBytes(s) {
			t.Fatalf("SeparateTitle(%q) = %q: text changed", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("SeparateTitle(%q) is not valid UTF-8", s)
		}
		if again := SeparateTitle(got, nil); again != got {
			t.Fatalf("not idempotent on %q: %q then %q", s, got, again)
		}
	})
}

// squeezeBytes drops white space and keeps every other byte as it is
// (invalid UTF-8 included).
func squeezeBytes(s string) string { return strings.Join(strings.FieldsFunc(s, zhtext.IsSpace), "") }
