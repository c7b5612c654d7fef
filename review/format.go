package review

import (
	"fmt"
	"strconv"
	"strings"

	"plans/corpus"
)

// KindNames are the Chinese names of the item kinds.
var KindNames = map[string]string{
	"goal":     "工作目标",
	"work":     "主要工作",
	"calendar": "行事历",
}

// kinds lists the item kinds in the order the outputs show them.
var kinds = []string{"goal", "work", "calendar"}

// NotFoundNote explains what not-found means, wherever it is shown.
const NotFoundNote = "“总结中未提及”只表示总结里没有写到这一项，不等于这项工作没有做。"

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func score(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

func opSymbol(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	}
	return "="
}

// plannedText is a target's planned value: 体检率 ≥ 100%.
func plannedText(t TargetCheck) string {
	return fmt.Sprintf("%s %s %s%s", t.Metric, opSymbol(t.Planned.Op), num(t.Planned.Value), t.Planned.Unit)
}

// reportedText is the figure the summary reports: 98%（体检率为98%）.
func reportedText(t TargetCheck) string {
	if t.Reported == nil {
		return "—"
	}
	return fmt.Sprintf("%s%s（%s）", num(t.Reported.Value), t.Reported.Unit, t.Reported.Text)
}

// metText is the verdict on a target.
func metText(t TargetCheck) string {
	switch {
	case t.Met == nil:
		return "总结未给出数字"
	case *t.Met:
		return "达到"
	}
	return "未达到"
}

// metClass is the CSS class of a target's verdict.
func metClass(t TargetCheck) string {
	switch {
	case t.Met == nil:
		return "none"
	case *t.Met:
		return "met"
	}
	return "missed"
}

// summarySentence sums up a review in one paragraph.
func summarySentence(r *Review) string {
	c := r.Counts
	s := fmt.Sprintf("计划共 %d 项：总结中已报告完成 %d 项，部分提及 %d 项，总结中未提及 %d 项。", c.Items, c.Done, c.Partly, c.NotFound)
	if c.Targets > 0 {
		s += fmt.Sprintf("量化指标 %d 项：达到 %d 项，未达到 %d 项，总结未给出数字 %d 项。", c.Targets, c.Met, c.NotMet, c.NoFigure)
	}
	if c.Unplanned > 0 {
		s += fmt.Sprintf("总结中另有 %d 处计划外的工作。", c.Unplanned)
	}
	return s
}

// itemsOf returns the items of one kind, in plan order.
func itemsOf(r *Review, kind string) []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

// itemTitle is how an item is named in the outputs.
func itemTitle(it Item) string {
	if it.Kind == "calendar" {
		return it.Heading
	}
	if h := strings.TrimSpace(it.Heading); h != "" {
		return h
	}
	return it.Text
}

func topicNames(ids []string) string {
	var names []string
	for _, id := range ids {
		if id != "" && id != "other" {
			names = append(names, corpus.TopicName(id))
		}
	}
	return strings.Join(names, "、")
}

func docLine(d DocRef) string {
	s := "《" + d.Title + "》"
	var facts []string
	if d.DocID != "" {
		facts = append(facts, "编号 "+d.DocID)
	}
	if d.Source != "" {
		facts = append(facts, "来源 "+d.Source)
	}
	if len(facts) > 0 {
		s += "（" + strings.Join(facts, "，") + "）"
	}
	return s
}

// missingText lists an item's key words the summary lacks.
func missingText(it Item, n int) string {
	ws := it.Missing
	if len(ws) > n {
		ws = ws[:n]
	}
	return strings.Join(ws, "、")
}
