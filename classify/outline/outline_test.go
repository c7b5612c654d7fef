package outline

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"plans/script"

	"github.com/google/go-cmp/cmp"
)

// outlineOf parses text (simplified for the outline, as classify does)
// and returns "depth heading" lines.
func outlineOf(t testing.TB, title, text string) []string {
	t.Helper()
	o := Parse(NewText(text, simplify(t, text)), title)
	var out []string
	for i, n := range o.Nodes {
		out = append(out, fmt.Sprintf("%d %s", n.Depth, o.Heading(i)))
	}
	return out
}

var (
	convOnce sync.Once
	conv     *script.Converter
	convErr  error
)

// simplify returns the simplified view of text, as the pipeline hands it
// to classify.
func simplify(t testing.TB, text string) string {
	t.Helper()
	convOnce.Do(func() { conv, convErr = script.Default() })
	if convErr != nil {
		t.Fatal(convErr)
	}
	return conv.Simplify(text)
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
		{"a covering notice over the document it issues is not part of its tree",
			"关于印发《学校工会工作计划》的通知\n各年级组：\n现将《学校工会工作计划》印发给你们，请认真落实。\n附件：《学校工会工作计划》\n校工会\n2023年2月20日\n学校工会工作计划\n一、指导思想\n以服务为宗旨。\n二、主要工作\n开好教代会。",
			[]string{"1 一、指导思想", "1 二、主要工作"}},
		{"a sentence that leads into the list is not a heading over it",
			"为了充分发挥工会组织的作用，我校工会本学期计划如下：\n一、政治学习：每月组织一次。\n二、民主管理：召开教代会。",
			[]string{"1 一、政治学习：", "1 二、民主管理："}},
		{"a label with a colon over the list is",
			"工作措施：\n一、政治学习：每月组织一次。\n二、民主管理：召开教代会。",
			[]string{"1 工作措施：", "2 一、政治学习：", "2 二、民主管理："}},
		{"a table's header row typed with bars is not a heading",
			"一、主要工作\n开好教代会。\n二、行事历\n月份 | 工作内容\n九月 | 制定计划\n十月 | 教工秋游",
			[]string{"1 一、主要工作", "1 二、行事历"}},
		{"a heading of two clauses ends at the space before its body",
			"一、工作回顾\n（一）加强思想教育，提高思想认识\n组织干部职工开展主题教育。\n（二）开展学习培训，提高干部素质 组织干部职工到革命纪念馆学习，重温入党誓词，接受传统教育。",
			[]string{"1 一、工作回顾", "2 （一）加强思想教育，提高思想认识", "2 （二）开展学习培训，提高干部素质"}},
		{"nor is a title's second line",
			"红旗厂工会2018年工作总结\n及2019年工作计划\n一、工作回顾\n召开职代会两次。\n二、工作打算\n推进厂务公开。",
			[]string{"1 一、工作回顾", "1 二、工作打算"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title := "学校工会工作计划"
			if first, _, _ := strings.Cut(tt.text, "\n"); strings.HasSuffix(first, "总结") {
				title = first // given as the file's name would give it
			}
			got := outlineOf(t, title, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("outline (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMarkerStartsTable(t *testing.T) {
	for r := rune(0); r < 1<<17; r++ {
		if mayStartMarker(r) != mayStartMarkerSlow(r) {
			t.Fatalf("mayStartMarker(%q) = %v, want %v", r, mayStartMarker(r), mayStartMarkerSlow(r))
		}
	}
}
