package classify

import (
	"strings"

	"plans/classify/outline"
	"plans/corpus"
	"plans/internal/zhtext"
)

// Figures finds every quantity with a unit that names what it counts in a
// text, whether it is a commitment (满意率达到95%以上) or a figure reported
// as achieved (参与率达到93%, 全年开展文体活动12次, 满意率为96.5%) — the
// figures a summary reports, which Classify does not keep as targets.
// simplified is the simplified view of text, rune-aligned with it (or ""
// when text is simplified already); matching runs on it and Text is taken
// from text. Op is "=" for a figure stated without a comparator.
//
// It reuses the target rules (figures, units, comparators, metrics) of
// Classify.
func Figures(text, simplified string) []corpus.Target {
	t := outline.NewText(text, simplified)
	s := t.Runes
	a, b := 0, len(s)
	var out []corpus.Target
	for i := a; i < b; i++ {
		r := s[i]
		if !zhtext.IsArabicDigit(r) {
			continue
		}
		if i > a && (zhtext.IsArabicDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == '．' || s[i-1] == '第') {
			continue
		}
		f, ok := readFigure(s[:b], i)
		if !ok {
			continue
		}
		cs := clauseStart(s, a, i)
		before := string(s[cs:i])
		op, cmpAt, _, found := findComparator(before, f)
		if !found {
			op, cmpAt = "=", len(strings.TrimRight(before, " \u3000"))
		}
		switch f.suffix {
		case "以上":
			op = ">="
		case "以下", "以内":
			op = "<="
		}
		// 已达到: the achieved mark is not part of the metric
		metric := metricOf(strings.TrimSuffix(strings.TrimRight(before[:cmpAt], " \u3000"), "已"), f)
		end := f.end
		if metric == "" {
			// the thing counted after the figure: 慰问困难教职工5户 has it
			// before; 组织2次教工培训 after
			k := f.end
			for k < b && k-f.end < 12 && zhtext.IsHan(s[k]) && s[k] != '的' {
				k++
			}
			if (k == b || isClauseBreak(s[k])) && k-f.end >= 2 {
				metric = metricOf(string(s[f.end:k]), figure{})
				end = k
			}
		}
		if metric == "" {
			i = f.end - 1
			continue
		}
		for end > cs && zhtext.IsSpace(s[end-1]) {
			end--
		}
		out = append(out, corpus.Target{Text: t.Orig(cs, end), Metric: metric, Value: f.value, Unit: f.unit, Op: op})
		i = f.end - 1
	}
	return out
}
