package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"plans/corpus"
)

// Formatting shared by the Markdown and HTML renderers. Every user-facing
// word is Chinese.

var byNames = map[string]string{ByDoc: "按文档", ByOrg: "按单位", ByYear: "按年份"}

// kindOrder is the order in which kinds are counted in the scope.
var kindOrder = []corpus.Kind{corpus.KindPlan, corpus.KindPoints, corpus.KindSummary, corpus.KindOther}

func kindName(k string) string {
	if n, ok := corpus.KindNames[corpus.Kind(k)]; ok {
		return n
	}
	return k
}

func scriptName(s string) string {
	if n, ok := corpus.ScriptNames[corpus.Script(s)]; ok {
		return n
	}
	return s
}

func orgName(org string) string {
	if org == "" {
		return "未注明"
	}
	return org
}

func yearName(y int) string {
	if y == 0 {
		return "未注明"
	}
	return strconv.Itoa(y)
}

// scopeSentence describes what the report covers.
func scopeSentence(r *Report) string {
	s := r.Scope
	var kinds []string
	for _, k := range kindOrder {
		if n := s.ByKind[string(k)]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d 份", kindName(string(k)), n))
		}
	}
	years := "年份未注明"
	switch len(s.Years) {
	case 0:
	case 1:
		years = fmt.Sprintf("%d 年", s.Years[0])
	default:
		years = fmt.Sprintf("%d–%d 年", s.Years[0], s.Years[len(s.Years)-1])
	}
	out := fmt.Sprintf("共 %d 份文档（%s），%d 个单位，%s；%s分行。", s.Documents, strings.Join(kinds, "、"), s.Orgs, years, byNames[s.By])
	var filters []string
	if s.Org != "" {
		filters = append(filters, "单位 "+s.Org)
	}
	if s.YearFrom != 0 || s.YearTo != 0 {
		from, to := "", ""
		if s.YearFrom != 0 {
			from = strconv.Itoa(s.YearFrom)
		}
		if s.YearTo != 0 {
			to = strconv.Itoa(s.YearTo)
		}
		filters = append(filters, fmt.Sprintf("年份 %s–%s", from, to))
	}
	if len(s.Kinds) > 0 {
		var ks []string
		for _, k := range s.Kinds {
			ks = append(ks, kindName(k))
		}
		filters = append(filters, "类型 "+strings.Join(ks, "、"))
	}
	if len(s.DocIDs) > 0 {
		filters = append(filters, fmt.Sprintf("指定文档 %d 份", len(s.DocIDs)))
	}
	if len(filters) > 0 {
		out += "筛选：" + strings.Join(filters, "；") + "。"
	}
	return out
}

// namer names the documents of a report in renderers.
type namer struct {
	r   *Report
	idx map[string]int
}

func newNamer(r *Report) *namer {
	n := &namer{r: r, idx: make(map[string]int, len(r.Documents))}
	for i, d := range r.Documents {
		n.idx[d.ID] = i
	}
	return n
}

// code is the short name of a document in the report: D1, D2, … in the
// order of Documents.
func (n *namer) code(id string) string {
	i, ok := n.idx[id]
	if !ok {
		return id
	}
	return "D" + strconv.Itoa(i+1)
}

// docRef names a document: its code and its title, clipped.
func (n *namer) docRef(id string) string {
	i, ok := n.idx[id]
	if !ok {
		return id
	}
	return n.code(id) + " " + clip(n.r.Documents[i].Title, 24)
}

// pct writes a share as a percentage.
func pct(x float64) string {
	switch {
	case x <= 0:
		return "0%"
	case x < 0.005:
		return "<1%"
	}
	return strconv.Itoa(int(math.Round(x*100))) + "%"
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func opSymbol(op string) string {
	switch op {
	case ">=", "≥":
		return "≥"
	case "<=", "≤":
		return "≤"
	case ">":
		return ">"
	case "<":
		return "<"
	}
	return ""
}

// valueText writes a target value with its operator and unit: ≥90%.
func valueText(v float64, unit, op string) string {
	return opSymbol(op) + num(v) + unit
}

func monthName(m int) string { return strconv.Itoa(m) + "月" }

// visibleTopics are the matrix columns some row covers; absent names the
// others.
func visibleTopics(c Coverage) (cols []int, absent []string) {
	for i, t := range c.Totals {
		if t.Rows > 0 {
			cols = append(cols, i)
		} else if t.Topic != "other" {
			absent = append(absent, c.Topics[i].Name)
		}
	}
	return cols, absent
}

// cellText writes a matrix cell: ● and the weight for a document that
// gives the topic a section, ○ for a mere mention; n/m and the mean weight
// for a group.
func cellText(c CoverageCell, group bool, size int) string {
	if !c.Present {
		return ""
	}
	if group {
		if c.Weight == 0 {
			return fmt.Sprintf("%d/%d", c.Docs, size)
		}
		return fmt.Sprintf("%d/%d·%s", c.Docs, size, pct(c.Weight))
	}
	if c.Weight == 0 {
		return "○"
	}
	return "●" + pct(c.Weight)
}

// level grades a weight for colouring: 0 (absent) to 4.
func level(c CoverageCell) int {
	switch {
	case !c.Present:
		return 0
	case c.Weight < 0.05:
		return 1
	case c.Weight < 0.15:
		return 2
	case c.Weight < 0.3:
		return 3
	}
	return 4
}

func statusName(s string) string {
	if n, ok := StatusNames[s]; ok {
		return n
	}
	return s
}

// targetChangeText writes 满意率 90% → 95%.
func targetChangeText(t TargetChange) string {
	from, to := "—", "—"
	if t.From != nil {
		from = num(*t.From) + t.Unit
	}
	if t.To != nil {
		to = num(*t.To) + t.Unit
	}
	return fmt.Sprintf("%s %s → %s", t.Metric, from, to)
}

// groupTitle names a target group: 校务公开 · 覆盖面（%）.
func groupTitle(g TargetGroup) string {
	s := g.TopicName + " · " + g.Metric
	if g.Unit != "" {
		s += "（" + g.Unit + "）"
	}
	return s
}

// partnersText writes the main partners of a document: D3 标题（120 字）.
func (n *namer) partnersText(ps []CopyPartner) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s（%d 字）", n.docRef(p.Doc), p.Chars))
	}
	return strings.Join(out, "、")
}

// maxEvidenceRows bounds the rows whose section references are listed in
// Markdown and HTML (JSON always has them all).
const maxEvidenceRows = 100
