package review

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"plans/corpus"
)

// mdEscape makes document text safe inside Markdown (and table cells):
// markup characters are escaped, HTML is neutralised, lines are joined.
func mdEscape(s string) string {
	s = corpus.NormalizeSpace(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '|', '*', '_', '`', '[', ']', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WriteMarkdown writes the review as Markdown, in Chinese.
func WriteMarkdown(out io.Writer, r *Review) error {
	var b bytes.Buffer
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	year := ""
	if r.Year != 0 {
		year = fmt.Sprintf(" %d年", r.Year)
	}
	line("# 对照检查：%s%s", mdEscape(orgOr(r.Org)), year)
	line("")
	line("- 计划：%s", mdEscape(docLine(r.Plan)))
	line("- 总结：%s", mdEscape(docLine(r.Summary)))
	if r.Pair.Note != "" {
		line("- 配对：%s", mdEscape(r.Pair.Note))
	}
	line("")
	line("%s", summarySentence(r))
	line("")
	line("> %s", NotFoundNote)
	line("")

	line("## 一、计划事项逐条对照")
	line("")
	for _, k := range kinds {
		items := itemsOf(r, k)
		if len(items) == 0 {
			continue
		}
		line("### %s", KindNames[k])
		line("")
		group := ""
		for _, it := range items {
			if g := strings.Join(it.Path, " › "); k == "work" && g != group && g != "" {
				if group != "" {
					line("")
				}
				group = g
				line("#### %s", mdEscape(g))
				line("")
			}
			line("- %s —— **%s**（得分 %s）%s", mdEscape(itemTitle(it)), StatusNames[it.Status], score(it.Score), topicSuffix(it.Topics))
			for _, p := range it.Parts {
				line("  - %s：%s（%s）", mdEscape(p.Text), StatusNames[p.Status], score(p.Score))
			}
			for _, e := range it.Evidence {
				line("  - 总结（%s）：“%s”", score(e.Score), mdEscape(e.Text))
			}
			if it.Status == NotFound && len(it.Missing) > 0 {
				line("  - 总结中没有找到：%s", mdEscape(missingText(it, 6)))
			}
		}
		line("")
	}

	line("## 二、量化指标")
	line("")
	if len(r.Targets) == 0 {
		line("计划中没有量化指标。")
	} else {
		line("| 计划指标 | 计划值 | 总结报告 | 结果 |")
		line("|---|---|---|---|")
		for _, t := range r.Targets {
			line("| %s | %s | %s | %s |", mdEscape(t.Text), mdEscape(plannedText(t)), mdEscape(reportedText(t)), metText(t))
		}
	}
	line("")

	line("## 三、计划外的工作")
	line("")
	if len(r.Unplanned) == 0 {
		line("总结中没有发现计划以外的工作。")
	} else {
		line("总结写到、而计划里没有预见的工作（括号内为与最接近的计划事项的重合度）：")
		line("")
		for _, p := range r.Unplanned {
			line("- %s（%s）%s", mdEscape(p.Text), score(p.Score), topicSuffix(p.Topics))
		}
	}
	line("")

	line("## 四、总结中的存在问题")
	line("")
	list(&b, r.Problems, "总结中没有单列存在的问题。")
	line("## 五、总结中的今后打算")
	line("")
	list(&b, r.NextSteps, "总结中没有单列今后的打算。")

	line("## 说明")
	line("")
	line("逐条对照按意思而不是按字面：计划事项和总结句子先分词，取关键词（越少见的词越重要，通用词典里的常用词分量轻），")
	line("同义词表（如 送温暖 = 慰问）、同一工作领域、相同月份都计入。得分是计划事项的关键词在总结依据中出现的比重：")
	line("不低于 %s 为已报告完成，不低于 %s 为部分提及，其余为总结中未提及；单句得分不低于 %s 才列为依据。", num(DoneScore), num(PartlyScore), num(EvidenceScore))
	_, err := out.Write(b.Bytes())
	return err
}

func list(b *bytes.Buffer, items []string, empty string) {
	if len(items) == 0 {
		fmt.Fprintf(b, "%s\n\n", empty)
		return
	}
	for i, s := range items {
		fmt.Fprintf(b, "%d. %s\n", i+1, mdEscape(s))
	}
	b.WriteByte('\n')
}

func topicSuffix(ids []string) string {
	if n := topicNames(ids); n != "" {
		return " 〔" + n + "〕"
	}
	return ""
}

func orgOr(org string) string {
	if org == "" {
		return "单位未注明"
	}
	return org
}
