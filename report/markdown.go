package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"plans/corpus"
)

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

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

type mdWriter struct {
	bytes.Buffer
	r *Report
	n *namer
}

func (w *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

func (w *mdWriter) row(cells ...string) {
	w.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

func (w *mdWriter) header(cells ...string) {
	w.row(cells...)
	seps := make([]string, len(cells))
	for i := range seps {
		seps[i] = "---"
	}
	w.row(seps...)
}

// ref is the escaped code and title of a document.
func (w *mdWriter) ref(id string) string { return mdEscape(w.n.docRef(id)) }

// WriteMarkdown writes the report as Markdown.
func WriteMarkdown(out io.Writer, r *Report) error {
	w := &mdWriter{r: r, n: newNamer(r)}
	w.line("# %s", r.Title)
	w.line("")
	w.line("%s", mdEscape(scopeSentence(r)))
	w.line("")
	w.documents()
	w.coverage()
	w.calendar()
	w.targets()
	w.terms()
	w.copies()
	w.changes()
	if len(r.Notes) > 0 {
		w.line("## 说明")
		w.line("")
		for _, n := range r.Notes {
			w.line("- %s", mdEscape(n))
		}
		w.line("")
	}
	_, err := out.Write(w.Bytes())
	return err
}

func (w *mdWriter) documents() {
	w.line("## 文档")
	w.line("")
	w.header("编号", "标题", "单位", "年份", "类型", "字形", "章节", "字数", "来源")
	for _, d := range w.r.Documents {
		w.row(w.n.code(d.ID), mdEscape(d.Title), mdEscape(orgName(d.Org)), yearName(d.Year), kindName(d.Kind),
			scriptName(d.Script), fmt.Sprint(d.Sections), fmt.Sprint(d.Chars), mdEscape(fmt.Sprintf("%s #%d", d.Source, d.Part)))
	}
	w.line("")
}

func (w *mdWriter) coverage() {
	c := w.r.Coverage
	w.line("## 覆盖矩阵")
	w.line("")
	cols, absent := visibleTopics(c)
	group := c.By != ByDoc
	if group {
		w.line("每格为涉及该领域的文档数 / 该组文档数，以及该领域所占篇幅的平均比例。")
	} else {
		w.line("●：有章节写到该领域，百分比为其所占篇幅；○：只在行事历、目标或全文中提到。")
	}
	w.line("")
	head := []string{"行"}
	for _, i := range cols {
		head = append(head, c.Topics[i].Name)
	}
	w.header(head...)
	for _, row := range c.Rows {
		label := mdEscape(clip(row.Label, 24))
		if !group {
			label = w.n.code(row.Key) + " " + label
		}
		cells := []string{label}
		for _, i := range cols {
			cells = append(cells, cellText(row.Cells[i], group, len(row.Docs)))
		}
		w.row(cells...)
	}
	tot := []string{"**合计**"}
	for _, i := range cols {
		tot = append(tot, fmt.Sprintf("%d/%d", c.Totals[i].Docs, w.r.Scope.Documents))
	}
	w.row(tot...)
	w.line("")
	if len(absent) > 0 {
		w.line("没有文档涉及：%s。", strings.Join(absent, "、"))
		w.line("")
	}
	w.line("### 依据章节")
	w.line("")
	if len(c.Rows) > maxEvidenceRows {
		w.line("行数较多（%d 行），章节出处见 JSON 输出。", len(c.Rows))
		w.line("")
		return
	}
	for _, row := range c.Rows {
		var parts []string
		for _, i := range cols {
			cell := row.Cells[i]
			if len(cell.Sections) == 0 {
				continue
			}
			var hs []string
			for _, s := range cell.Sections {
				h := clip(s.Heading, 30)
				if group {
					h = w.n.code(s.Doc) + " " + h
				}
				hs = append(hs, mdEscape(h))
			}
			parts = append(parts, c.Topics[i].Name+"："+strings.Join(hs, "；"))
		}
		if len(parts) == 0 {
			continue
		}
		label := mdEscape(clip(row.Label, 24))
		if !group {
			label = w.n.code(row.Key) + " " + label
		}
		w.line("- **%s**", label)
		for _, p := range parts {
			w.line("  - %s", p)
		}
	}
	w.line("")
}

func (w *mdWriter) calendar() {
	h := w.r.Calendar
	w.line("## 行事历热力图")
	w.line("")
	if h.Plans == 0 {
		w.line("所选文档都没有行事历。")
		w.line("")
		return
	}
	w.line("%d 份文档有行事历。数字为该月安排了该领域活动的文档数。", h.Plans)
	w.line("")
	head := []string{"工作领域"}
	for m := 1; m <= 12; m++ {
		head = append(head, monthName(m))
	}
	w.header(head...)
	for _, row := range h.Rows {
		cells := []string{row.Name}
		for _, n := range row.Counts {
			cells = append(cells, countCell(n))
		}
		w.row(cells...)
	}
	tot := []string{"**有安排的文档**"}
	for _, n := range h.MonthDocs {
		tot = append(tot, countCell(n))
	}
	w.row(tot...)
	w.line("")
	w.line("### 每月常见活动")
	w.line("")
	for _, m := range h.Months {
		var acts []string
		for _, a := range m.Top {
			acts = append(acts, fmt.Sprintf("%s — %d 份中有 %d 份", mdEscape(a.Label), h.Plans, a.Count))
		}
		w.line("- **%s**：%s", monthName(m.Month), strings.Join(acts, "；"))
	}
	w.line("")
}

func countCell(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func (w *mdWriter) targets() {
	w.line("## 目标指标")
	w.line("")
	if len(w.r.Targets) == 0 {
		w.line("所选文档没有量化目标。")
		w.line("")
		return
	}
	for _, g := range w.r.Targets {
		w.line("### %s", mdEscape(groupTitle(g)))
		w.line("")
		w.line("共 %d 项：最低 %s，中位 %s，最高 %s。", g.Count, num(g.Min)+g.Unit, num(g.Median)+g.Unit, num(g.Max)+g.Unit)
		w.line("")
		w.header("目标", "文档", "单位", "年份", "原文")
		for _, v := range g.Values {
			w.row(valueText(v.Value, g.Unit, v.Op), w.ref(v.Doc), mdEscape(orgName(v.Org)), yearName(v.Year), mdEscape(clip(v.Text, 60)))
		}
		w.line("")
	}
}

func (w *mdWriter) terms() {
	t := w.r.Terms
	w.line("## 特色词")
	w.line("")
	if len(t.Groups) == 0 {
		w.line("未计算特色词（见说明）。")
		w.line("")
		return
	}
	w.line("与其余文档相比用得明显更多的词（对数似然比 G² ≥ %s），括号内为本组次数 / 其余次数。", num(minLL))
	w.line("")
	for _, g := range t.Groups {
		label := mdEscape(clip(g.Label, 24))
		if t.By == ByDoc {
			label = w.n.code(g.Key) + " " + label
		}
		if len(g.Terms) == 0 {
			w.line("- **%s**（%d 词）：无明显特色词", label, g.Tokens)
			continue
		}
		var ts []string
		for _, x := range g.Terms {
			ts = append(ts, fmt.Sprintf("%s（%d/%d，G² %s）", mdEscape(x.Word), x.Count, x.Rest, num(x.LL)))
		}
		w.line("- **%s**（%d 词）：%s", label, g.Tokens, strings.Join(ts, "、"))
	}
	w.line("")
}

func (w *mdWriter) copies() {
	c := w.r.Copies
	w.line("## 雷同文本")
	w.line("")
	w.line("按简体字形比较 %d 字以上的句子（%d 字片段的 MinHash，%d 个哈希分 %d 段，相似度 ≥ %s 视为同一段文字），不受繁简、标点和空格影响。",
		c.MinChars, c.Shingle, c.Hashes, c.Bands, num(c.Threshold))
	w.line("")
	w.line("### 各文档的雷同比例")
	w.line("")
	none := 0
	var rows [][]string
	for _, d := range c.Documents {
		if d.SharedChars == 0 {
			none++
			continue
		}
		src := w.n.partnersText(d.Partners)
		if d.WideChars > 0 {
			if src != "" {
				src += "；"
			}
			src += fmt.Sprintf("广泛共用 %d 字", d.WideChars)
		}
		rows = append(rows, []string{w.ref(d.Doc), fmt.Sprint(d.Chars), fmt.Sprint(d.SharedChars), pct(d.Share), mdEscape(src)})
	}
	if len(rows) == 0 {
		w.line("没有发现雷同文本。")
		w.line("")
		return
	}
	w.header("文档", "字数", "雷同字数", "占比", "与之雷同的文档")
	for _, r := range rows {
		w.row(r...)
	}
	w.line("")
	if none > 0 {
		w.line("其余 %d 份文档没有与他人雷同的句子。", none)
		w.line("")
	}
	if len(c.Pairs) > 0 {
		w.line("### 文档对")
		w.line("")
		w.header("文档 A", "文档 B", "共用句数", "A 中雷同", "B 中雷同")
		for _, p := range c.Pairs {
			w.row(w.ref(p.A), w.ref(p.B), fmt.Sprint(p.Sentences), fmt.Sprintf("%s（%d 字）", pct(p.ShareA), p.CharsA),
				fmt.Sprintf("%s（%d 字）", pct(p.ShareB), p.CharsB))
		}
		if c.TotalPairs > len(c.Pairs) {
			w.line("")
			w.line("另有 %d 对未列出。", c.TotalPairs-len(c.Pairs))
		}
		w.line("")
	}
	w.line("### 共用段落")
	w.line("")
	for i, p := range c.Passages {
		var ds []string
		for _, o := range p.Occurrences {
			ds = append(ds, w.n.code(o.Doc))
		}
		more := ""
		if p.DocCount > len(p.Occurrences) {
			more = fmt.Sprintf(" 等 %d 份", p.DocCount)
		}
		w.line("%d. 「%s」（%d 字；%s%s）", i+1, mdEscape(p.Text), p.Chars, strings.Join(ds, "、"), more)
	}
	if c.TotalPassages > len(c.Passages) {
		w.line("")
		w.line("另有 %d 段未列出。", c.TotalPassages-len(c.Passages))
	}
	w.line("")
}

func (w *mdWriter) changes() {
	w.line("## 逐年变化")
	w.line("")
	if len(w.r.Changes) == 0 {
		w.line("指定单位（--org）或两份以上文档（--docs）时比较前后变化。")
		w.line("")
		return
	}
	for _, c := range w.r.Changes {
		w.line("### %s → %s", w.ref(c.From), w.ref(c.To))
		w.line("")
		w.line("- 新增领域：%s", topicList(c.TopicsAdded))
		w.line("- 不再涉及：%s", topicList(c.TopicsDropped))
		w.line("- 章节：新增 %d，修改 %d，未变 %d，删除 %d", c.Counts.New, c.Counts.Changed, c.Counts.Unchanged, c.Counts.Dropped)
		var cal []string
		for _, m := range c.Calendar {
			var parts []string
			if len(m.Added) > 0 {
				parts = append(parts, "新增 "+mdEscape(strings.Join(m.Added, "、")))
			}
			if len(m.Dropped) > 0 {
				parts = append(parts, "取消 "+mdEscape(strings.Join(m.Dropped, "、")))
			}
			if len(parts) > 0 {
				cal = append(cal, monthName(m.Month)+" "+strings.Join(parts, "，"))
			}
		}
		if len(cal) > 0 {
			w.line("- 行事历：%s", strings.Join(cal, "；"))
		} else if len(c.Calendar) > 0 {
			w.line("- 行事历：没有变化")
		}
		var ts []string
		for _, t := range c.Targets {
			ts = append(ts, mdEscape(targetChangeText(t)))
		}
		if line := targetsLine(ts, c.TargetsUnchanged); line != "" {
			w.line("- %s", line)
		}
		w.line("- %s", pairingLine(c.PairThreshold))
		w.line("")
		w.header("状态", "原章节", "新章节", "相似度")
		for _, s := range c.Sections {
			from, to, sim := "", "", ""
			if s.From != nil {
				from = mdEscape(clip(s.From.Heading, 30))
			}
			if s.To != nil {
				to = mdEscape(clip(s.To.Heading, 30))
			}
			if s.From != nil && s.To != nil {
				sim = pct(s.Similarity)
			}
			w.row(statusName(s.Status), from, to, sim)
		}
		w.line("")
	}
}

func topicList(ids []string) string {
	if len(ids) == 0 {
		return "无"
	}
	var ns []string
	for _, id := range ids {
		ns = append(ns, corpus.TopicName(id))
	}
	return strings.Join(ns, "、")
}
