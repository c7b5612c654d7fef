package classify

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

// outlineOf classifies text and returns "depth number heading" lines.
func outlineOf(t testing.TB, title, text string) []string {
	t.Helper()
	clf, _ := testSetup(t)
	d := newDoc(t, "o", title, text)
	clf.Classify(d)
	var out []string
	for _, s := range d.Sections {
		out = append(out, fmt.Sprintf("%d %s", s.Depth, s.Heading))
	}
	return out
}

func TestOutlineRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"nesting follows the document: 1、 on top",
			"1、加强学习\n组织教职工学习。\n（1）政治学习\n每月一次。\n2、做好服务\n关心教职工。",
			[]string{"1 1、加强学习", "2 （1）政治学习", "1 2、做好服务"}},
		{"一、 after (三) is top level again",
			"一、指导思想\n正文内容。\n二、主要工作\n(一)民主管理\n正文内容。\n(二)校务公开\n正文内容。\n(三)师德建设\n正文内容。\n三、行事历\n9月：开学。\n10月：运动会。",
			[]string{"1 一、指导思想", "1 二、主要工作", "2 (一)民主管理", "2 (二)校务公开", "2 (三)师德建设", "1 三、行事历"}},
		{"month range is not heading 二",
			"一、每月工作安排\n二、三月份：\n总结上学期工作。\n四月份：\n教师技能练兵。",
			[]string{"1 一、每月工作安排"}},
		{"inline heading is the lead sentence",
			"1、加强民主管理。按时召开教代会，认真落实提案。\n2、推进校务公开。及时公开财务收支。",
			[]string{"1 1、加强民主管理。", "1 2、推进校务公开。"}},
		{"heading in the middle of a line",
			"（一）加强民主管理\n按时召开教代会，营造良好氛围。    （二）发挥工会职能\n组织文体活动。",
			[]string{"1 （一）加强民主管理", "1 （二）发挥工会职能"}},
		{"一是 paragraphs, not mid-paragraph",
			"一、加强学习\n一是组织工会会员政治学习。每月一次。\n二是组织教职工业务学习，一是读书，二是交流。",
			[]string{"1 一、加强学习", "2 一是组织工会会员政治学习。", "2 二是组织教职工业务学习，一是读书，二是交流。"}},
		{"a lone 一是 is body text",
			"一、加强学习\n一是组织政治学习，每月一次。\n还要开展业务学习。",
			[]string{"1 一、加强学习"}},
		{"essay enumerators need a run",
			"首先，我们要提高认识。这很重要。\n工会将继续努力。",
			nil},
		{"unnumbered role headings on top",
			"工作目标\n1、满意率达到90%。\n2、参与面达到95%。\n下半年主要工作\n一、民主管理\n正文内容很长很长。\n二、文体活动\n正文内容很长很长。",
			[]string{"1 工作目标", "2 1、满意率达到90%。", "2 2、参与面达到95%。", "1 下半年主要工作", "2 一、民主管理", "2 二、文体活动"}},
		{"list lines under a heading are not headings",
			"(一)抓好教职工的政治学习。\n学习新工会法及教职工保障方面的内容\n学习工会组织的工作职能，不断增强基层工会组织成员的思想觉悟、工作能力。\n(二)发挥桥梁作用。",
			[]string{"1 (一)抓好教职工的政治学习。", "1 (二)发挥桥梁作用。"}},
		{"a signature is not a heading",
			"一、主要工作\n做好各项工作，为学校发展作出贡献。\n江城市第三中学工会\n2013年2月",
			[]string{"1 一、主要工作"}},
		{"a table row is not a heading",
			"一、行事历\n月份\t工作内容\t负责人\n9月\t召开教代会\t工会主席",
			[]string{"1 一、行事历"}},
		{"an appendix heading with an ASCII colon and a year is its own section",
			"一、主要工作\n1、加强工会自身建设。规范工会经费管理。\n附:2019年工会工作安排\n二、三月份:制定工会工作计划。\n4-6月:召开教代会。",
			[]string{"1 一、主要工作", "2 1、加强工会自身建设。", "1 附:2019年工会工作安排"}},
		{"an appendix heading without a role word is its own section",
			"一、主要工作\n（一）关心教职工生活\n1、做好送温暖工作。春节前走访慰问困难教职工。\n附：2021年工会活动一览\n3月：召开教代会。\n9月：庆祝教师节。",
			[]string{"1 一、主要工作", "2 （一）关心教职工生活", "3 1、做好送温暖工作。", "1 附：2021年工会活动一览"}},
		{"markdown headings nest by their marks, without the marks",
			"## 工作目标\n- 入会率达到98%以上。\n## 重点工作\n### 推进民主管理\n1. 坚持职代会制度。\n2. 推进厂务公开。\n### 加强安全生产监督\n开展安康杯竞赛，组织消防演练。\n## 全年工作安排\n**第一季度**：召开职代会。\n**第二季度**：职工篮球赛。",
			[]string{"1 工作目标", "1 重点工作", "2 推进民主管理", "3 1. 坚持职代会制度。", "3 2. 推进厂务公开。", "2 加强安全生产监督", "1 全年工作安排"}},
		{"a numbered markdown heading keeps its number",
			"## 一、指导思想\n以服务职工为宗旨。\n## 二、主要工作\n### （一）民主管理\n开好职代会。",
			[]string{"1 一、指导思想", "1 二、主要工作", "2 （一）民主管理"}},
		{"a short line after the last item of a run opens the next un-numbered heading",
			"重点工作\n深化民主管理\n①坚持职代会制度。每年召开两次职工代表大会。\n②推进厂务公开。按季度公开职工关心的事项。\n关爱困难职工\n①建立困难职工档案。\n②春节前走访慰问困难职工。\n加强安全生产监督\n开展安康杯竞赛，组织车间安全隐患排查和消防演练。",
			[]string{"1 重点工作", "2 深化民主管理", "3 ①坚持职代会制度。", "3 ②推进厂务公开。", "2 关爱困难职工", "3 ①建立困难职工档案。", "3 ②春节前走访慰问困难职工。", "2 加强安全生产监督"}},
		{"an exclamation is not an essay heading",
			"首先，请允许我代表全体教师表示热烈的欢迎！\n其次，祝大家工作顺利！\n工会将继续努力。",
			nil},
		{"the title line is not a section",
			"学校工会工作计划\n一、指导思想\n以服务为宗旨。",
			[]string{"1 一、指导思想"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outlineOf(t, "学校工会工作计划", tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("outline (-want +got):\n%s", diff)
			}
		})
	}
}

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

// FuzzOutline: no panic, offsets in bounds and on rune boundaries, sections
// ordered, parents before children, months in range, deterministic.
func FuzzOutline(f *testing.F) {
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

func TestMarkerStartsTable(t *testing.T) {
	for r := rune(0); r < 1<<17; r++ {
		if mayStartMarker(r) != mayStartMarkerSlow(r) {
			t.Fatalf("mayStartMarker(%q) = %v, want %v", r, mayStartMarker(r), mayStartMarkerSlow(r))
		}
	}
}
