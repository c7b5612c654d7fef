package outline

import (
	"slices"
	"strings"

	"plans/internal/zhtext"
)

// MonthLabel is a month block label at the start of a paragraph: 9月：,
// 九月份, 7月—8月, 七八月份, 二、三月份, 4-6月, 十二月至一月.
type MonthLabel struct {
	Months     []int
	Start, End int // label runes (bullets and separator excluded)
	Content    int // where the block's text starts
	separated  bool
}

// IsBullet reports a bullet that may open a list item or a month label
// (•, ·, ●, ■, ◆, ★, -…).
func IsBullet(r rune) bool {
	switch r {
	case '●', '○', '■', '□', '◆', '◇', '★', '☆', '·', '•', '▲', '△', '►', '▶', '※', '→', '>', '-', '*', '◎':
		return true
	}
	return false
}

// parseMonthNum reads a month number 1–12 at s[i:] (Chinese or Arabic).
func parseMonthNum(s []rune, i, end int) (int, int) {
	v, n, _ := parseMonthNumKind(s, i, end)
	return v, n
}

// parseMonthNumKind also tells whether the number is written in Arabic
// digits (a range never mixes the two: 1、九月份 is item 1, September).
func parseMonthNumKind(s []rune, i, end int) (int, int, bool) {
	if i >= end {
		return 0, 0, false
	}
	if v, n := parseAr(s, i, 2); n > 0 {
		if v >= 1 && v <= 12 {
			return v, n, true
		}
		return 0, 0, true
	}
	if (s[i] == '正' || s[i] == '元') && i+1 < end && s[i+1] == '月' { // 正月, 元月
		return 1, 1, false
	}
	v, n := ParseCN(s, i)
	if n == 0 || v < 1 || v > 12 {
		return 0, 0, false
	}
	return v, n, false
}

func isRangeSep(r rune) bool {
	switch r {
	case '—', '–', '-', '－', '~', '～', '至', '到', '─', '━', '―', '、', '‐', '‑', '〜':
		return true
	}
	return false
}

// proseAfterMonth runes after 月/月份 show a month word in a sentence
// (四月底前完成…) rather than a label.
func proseAfterMonth(r rune) bool {
	switch r {
	case '底', '初', '末', '前', '后', '起', '以', '内', '里', '间', '中', '的', '和', '与', '及', '开', '这', '那', '将', '要', '是', '在', '止', '至', '到', '左', '之', '日', '号', '下', '上', '即', '就', '已', '对', '由', '举', '进', '份':
		return true
	}
	return false
}

// parseMonthLabel reads a month label at the start of a paragraph [i, end).
// strict requires a separator after the label (outside calendar sections).
func parseMonthLabel(s []rune, i, end int, strict bool) (MonthLabel, bool) {
	var ml MonthLabel
	for i < end && (zhtext.IsSpace(s[i]) || IsBullet(s[i])) {
		i++
	}
	ml.Start = i
	if q, k := parseQuarter(s, i, end); k > 0 {
		if quarterHeading(s, i+k, end) {
			return ml, false // 二季度工作打算 heads a part of a summary
		}
		return finishLabel(s, ml, i+k, end, strict, []int{3*q - 2, 3*q - 1, 3 * q})
	}
	m1, n, ar1 := parseMonthNumKind(s, i, end)
	if n == 0 {
		return ml, false
	}
	// the second month of a range: same kind of digits; with 、 the next
	// month only (七、八月份, 1、2月)
	second := func(k int, sep rune) (int, int) {
		v, n2, ar2 := parseMonthNumKind(s, k, end)
		if n2 == 0 || ar2 != ar1 {
			return 0, 0
		}
		if (sep == '、' || sep == ',' || sep == '，') && v != m1%12+1 {
			return 0, 0
		}
		return v, n2
	}
	p := i + n
	m2 := 0
	at := func(k int) rune {
		if k < end {
			return s[k]
		}
		return 0
	}
	if at(p) == ' ' && at(p+1) == '月' { // 9 月
		p++
	}
	switch {
	case at(p) == '月':
		p++
		if at(p) == '份' {
			p++
		}
		// 7月—8月 / 9月至10月
		if isRangeSep(at(p)) && at(p) != '、' {
			if v, k := second(p+1, at(p)); k > 0 && at(p+1+k) == '月' {
				m2 = v
				p = p + 1 + k + 1
				if at(p) == '份' {
					p++
				}
			}
		}
	case isRangeSep(at(p)) || at(p) == ',' || at(p) == '，':
		// 4-6月, 七、八月份, 二、三月份, 7至8月, 7,8月
		v, k := second(p+1, at(p))
		if k == 0 || at(p+1+k) != '月' {
			return ml, false
		}
		m2 = v
		p = p + 1 + k + 1
		if at(p) == '份' {
			p++
		}
	default:
		// 七八月份, 十一十二月
		v, k := second(p, 0)
		if k == 0 || at(p+k) != '月' {
			return ml, false
		}
		if !(v == m1+1 || (m1 == 12 && v == 1)) {
			return ml, false
		}
		m2 = v
		p = p + k + 1
		if at(p) == '份' {
			p++
		}
	}
	// 上旬 / 中旬 / 下旬 belong to the label when a separator follows.
	if (at(p) == '上' || at(p) == '中' || at(p) == '下') && at(p+1) == '旬' {
		p += 2
	}
	// more months listed after the first: 十二月份、一月份 / 7月、8月 / 3月和4月
	var extra []int
	for len(extra) < 11 {
		c := at(p)
		if !(c == '、' || c == '，' || c == ',' || c == '和' || c == '及' || c == '与' || c == '/' || c == '／') {
			break
		}
		v, k, ar := parseMonthNumKind(s, p+1, end)
		if k == 0 || ar != ar1 || at(p+1+k) != '月' {
			break
		}
		extra = append(extra, v)
		p = p + 1 + k + 1
		if at(p) == '份' {
			p++
		}
	}
	months := monthRange(m1, m2)
	for _, v := range extra {
		if !slices.Contains(months, v) {
			months = append(months, v)
		}
	}
	return finishLabel(s, ml, p, end, strict, months)
}

// quarterHeading reports a quarter followed only by the name of a plan
// part (二季度工作打算, 第三季度工作计划): a heading, not a calendar block.
func quarterHeading(s []rune, p, end int) bool {
	rest := strings.TrimSpace(string(s[p:end]))
	rest = strings.TrimRight(rest, "：:")
	rest = strings.TrimPrefix(rest, "的")
	rest = strings.TrimPrefix(rest, "工作")
	switch rest {
	case "打算", "计划", "安排", "设想", "思路", "重点", "要点", "总结", "小结":
		return true
	}
	return false
}

// parseQuarter reads a quarter label at s[i:]: 第一季度, 一季度, 第1季度.
// It returns the quarter and the runes read.
func parseQuarter(s []rune, i, end int) (int, int) {
	k := i
	if k < end && s[k] == '第' {
		k++
	}
	v, n := parseMonthNum(s, k, end)
	if n == 0 || v < 1 || v > 4 {
		return 0, 0
	}
	k += n
	if k+1 < end && s[k] == '季' && s[k+1] == '度' {
		return v, k + 2 - i
	}
	return 0, 0
}

// finishLabel reads the separator after a month label ending at p and
// fills in the label.
func finishLabel(s []rune, ml MonthLabel, p, end int, strict bool, months []int) (MonthLabel, bool) {
	// markdown emphasis around the label: **9月**：
	for p < end && (s[p] == '*' || s[p] == '_') {
		p++
	}
	ml.End = p
	for ml.End > ml.Start && (s[ml.End-1] == '*' || s[ml.End-1] == '_') {
		ml.End--
	}
	q := p
	for q < end && zhtext.IsSpace(s[q]) {
		q++
	}
	switch {
	case q >= end:
		ml.separated = true
	case s[q] == '：' || s[q] == ':' || s[q] == '，' || s[q] == ',' || s[q] == '.' || s[q] == '．' || s[q] == '、' || s[q] == '；':
		ml.separated = true
		q++
		for q < end && zhtext.IsSpace(s[q]) {
			q++
		}
	case s[q] == '（' || s[q] == '(':
		// 九月份（开学月）：
		k := q + 1
		for k < end && k < q+12 && !zhtext.IsCloseParen(s[k]) {
			k++
		}
		if k < end && zhtext.IsCloseParen(s[k]) {
			q = k + 1
			for q < end && (zhtext.IsSpace(s[q]) || s[q] == '：' || s[q] == ':' || s[q] == '*' || s[q] == '_') {
				q++
			}
			ml.separated = true
		}
	case q > p:
		ml.separated = true // 9月 召开… / 9月\t召开…
	}
	if !ml.separated {
		if strict || proseAfterMonth(s[p]) {
			return ml, false
		}
	}
	ml.Content = q
	ml.Months = months
	return ml, true
}

// monthRange lists the months from a to b (b = 0: only a), wrapping after
// December (11-1月 → 11, 12, 1).
func monthRange(a, b int) []int {
	if b == 0 || b == a {
		return []int{a}
	}
	var out []int
	for m, k := a, 0; k < 12; k++ {
		out = append(out, m)
		if m == b {
			break
		}
		m = m%12 + 1
	}
	return out
}
