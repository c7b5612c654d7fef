package classify

import (
	"strings"

	"plans/classify/outline"
	"plans/internal/zhtext"
)

// splitActivities cuts a block's text into activities: lines, numbered
// items, ；-separated clauses and sentences, table cells.
func splitActivities(text string, dropCol int) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		cells := []string{line}
		if strings.Contains(line, "\t") {
			cells = strings.Split(line, "\t")
			if dropCol >= 0 && dropCol < len(cells) && len(cells) > 1 {
				cells = append(cells[:dropCol:dropCol], cells[dropCol+1:]...)
			}
		}
		for _, cell := range cells {
			for _, item := range splitItems(cell) {
				for _, a := range splitClauses(item) {
					a = trimActivity(a)
					if a != "" {
						out = append(out, a)
					}
				}
			}
		}
	}
	return out
}

// splitItems cuts "1、… 2、…" into items at numbering tokens that follow a
// space or clause punctuation.
func splitItems(s string) []string {
	rs := []rune(s)
	var out []string
	a := 0
	for i := 1; i < len(rs); i++ {
		prev := rs[i-1]
		if !(zhtext.IsSpace(prev) || zhtext.IsSentenceEnd(prev) || prev == '，' || prev == ',') {
			continue
		}
		if m, ok := outline.ParseMarker(rs, i, len(rs)); ok && !outline.WeakStyle(m.Style) {
			out = append(out, string(rs[a:i]))
			a = i
		}
	}
	out = append(out, string(rs[a:]))
	return out
}

// splitClauses cuts at ；and sentence ends outside quotes and brackets.
func splitClauses(s string) []string {
	var out []string
	depth := 0
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '“', '「', '《', '（', '(', '‘', '『', '〈', '【':
			depth++
		case '”', '」', '》', '）', ')', '’', '』', '〉', '】':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && (r == '；' || r == ';' || r == '。' || r == '！' || r == '？') {
			out = append(out, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	out = append(out, b.String())
	return out
}

// trimActivity removes numbering, bullets, spaces and trailing punctuation.
func trimActivity(a string) string {
	rs := []rune(strings.TrimSpace(a))
	i := 0
	for i < len(rs) && (zhtext.IsSpace(rs[i]) || outline.IsBullet(rs[i])) {
		i++
	}
	if m, ok := outline.ParseMarker(rs, i, len(rs)); ok && !outline.WeakStyle(m.Style) {
		i = m.End
	}
	for i < len(rs) && zhtext.IsSpace(rs[i]) {
		i++
	}
	j := len(rs)
	for j > i && (zhtext.IsSpace(rs[j-1]) || strings.ContainsRune("，,、。；;：:.．！!？?", rs[j-1])) {
		j--
	}
	if i >= j {
		return ""
	}
	out := string(rs[i:j])
	if zhtext.CountHan([]rune(out)) == 0 {
		return ""
	}
	return out
}
