package index

import (
	"bytes"
	"encoding/json"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/segment"
)

// Span is a piece of a fragment; Mark is set on matched words.
type Span struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Fragment is a piece of the original text around matches, cut on
// character boundaries, white space collapsed, "…" where a line was cut.
type Fragment []Span

// HTML renders the fragment HTML-escaped with <mark>…</mark> around matches.
func (f Fragment) HTML() string {
	var b strings.Builder
	for _, s := range f {
		if s.Mark {
			b.WriteString("<mark>")
			b.WriteString(html.EscapeString(s.Text))
			b.WriteString("</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}

// Plain renders the fragment as plain text.
func (f Fragment) Plain() string {
	var b strings.Builder
	for _, s := range f {
		b.WriteString(s.Text)
	}
	return b.String()
}

// ANSI renders the fragment for a terminal: matches in bold red.
func (f Fragment) ANSI() string {
	var b strings.Builder
	for _, s := range f {
		if s.Mark {
			b.WriteString("\x1b[1;31m")
			b.WriteString(s.Text)
			b.WriteString("\x1b[0m")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// MarshalJSON writes the fragment as its HTML string (the search contract),
// without escaping < and > (an encoder with SetEscapeHTML(true), the
// default of json.Marshal, escapes them again as \u003c and \u003e).
func (f Fragment) MarshalJSON() ([]byte, error) { return marshalRaw(f.HTML()) }

// marshalRaw is json.Marshal without escaping <, > and &.
func marshalRaw(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Marked returns the marked pieces, in order.
func (f Fragment) Marked() []string {
	var out []string
	for _, s := range f {
		if s.Mark {
			out = append(out, s.Text)
		}
	}
	return out
}

// interval is a range of rune indexes [s, e).
type interval struct{ s, e int }

// matches finds where the marks occur in the simplified view and returns the
// merged rune intervals, and for each the set of marks found there.
func matches(simp string, marks []string) []interval {
	folded := segment.Normalize(simp)
	// runeAt[i] is the rune index of byte offset i of folded.
	runeAt := make([]int, len(folded)+1)
	n := 0
	for i := range folded {
		runeAt[i] = n
		n++
	}
	for i := len(folded) - 1; i >= 0; i-- {
		if !utf8.RuneStart(folded[i]) {
			runeAt[i] = runeAt[i-1]
		}
	}
	runeAt[len(folded)] = n
	var ivs []interval
	seen := make(map[string]bool)
	for _, m := range marks {
		if m == "" || seen[m] || !strings.ContainsFunc(m, isWordRune) {
			continue
		}
		seen[m] = true
		for off := 0; off < len(folded); {
			i := strings.Index(folded[off:], m)
			if i < 0 {
				break
			}
			s := off + i
			ivs = append(ivs, interval{runeAt[s], runeAt[s+len(m)]})
			_, size := utf8.DecodeRuneInString(folded[s:])
			off = s + size
		}
	}
	sort.Slice(ivs, func(i, j int) bool {
		if ivs[i].s != ivs[j].s {
			return ivs[i].s < ivs[j].s
		}
		return ivs[i].e > ivs[j].e
	})
	var out []interval
	for _, iv := range ivs {
		if k := len(out) - 1; k >= 0 && iv.s <= out[k].e {
			out[k].e = max(out[k].e, iv.e)
			continue
		}
		out = append(out, iv)
	}
	return out
}

// MarkRanges returns where marks (folded, simplified words, as a
// search's Marks) occur in text, given its rune-aligned simplified view
// simp: byte ranges [start, end) of text, merged and in order, the same
// places a search's fragments mark. It returns nil when simp is not
// rune-aligned with text.
func MarkRanges(text, simp string, marks []string) [][2]int {
	if utf8.RuneCountInString(simp) != utf8.RuneCountInString(text) {
		return nil
	}
	ivs := matches(simp, marks)
	if len(ivs) == 0 {
		return nil
	}
	byteAt := make([]int, 0, len(text)+1) // rune index → byte offset
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	out := make([][2]int, len(ivs))
	for i, iv := range ivs {
		out[i] = [2]int{byteAt[iv.s], byteAt[iv.e]}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// fragments cuts up to max fragments of about width characters from orig
// (the original text; simp its rune-aligned simplified view) around the
// occurrences of marks (folded, simplified). With no occurrence it returns
// the beginning of the text.
func fragments(orig, simp string, marks []string, maxFrags, width int) []Fragment {
	rs := []rune(orig)
	if utf8.RuneCountInString(simp) != len(rs) {
		simp = orig
	}
	ivs := matches(simp, marks)
	if len(ivs) == 0 {
		start := 0
		for start < len(rs) && unicode.IsSpace(rs[start]) {
			start++
		}
		if start == len(rs) {
			return nil
		}
		return []Fragment{cut(rs, start, min(len(rs), start+width), nil)}
	}
	type window struct {
		start, end int
		ivs        []interval
		distinct   int
	}
	var wins []window
	lead := width / 4
	for i := 0; i < len(ivs); {
		w := window{start: max(0, ivs[i].s-lead)}
		// Start at a line start when there is one in the lead.
		for k := ivs[i].s - 1; k >= w.start; k-- {
			if rs[k] == '\n' {
				w.start = k + 1
				break
			}
		}
		w.end = min(len(rs), w.start+width)
		for i < len(ivs) && ivs[i].s < w.end {
			w.end = max(w.end, ivs[i].e)
			w.ivs = append(w.ivs, ivs[i])
			i++
		}
		seen := make(map[string]bool)
		for _, iv := range w.ivs {
			seen[segment.Normalize(string(rs[iv.s:iv.e]))] = true
		}
		w.distinct = len(seen)
		wins = append(wins, w)
	}
	if len(wins) > maxFrags {
		order := make([]int, len(wins))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			wa, wb := wins[order[a]], wins[order[b]]
			if wa.distinct != wb.distinct {
				return wa.distinct > wb.distinct
			}
			return len(wa.ivs) > len(wb.ivs)
		})
		keep := order[:maxFrags]
		sort.Ints(keep)
		picked := make([]window, 0, maxFrags)
		for _, k := range keep {
			picked = append(picked, wins[k])
		}
		wins = picked
	}
	out := make([]Fragment, 0, len(wins))
	for _, w := range wins {
		out = append(out, cut(rs, w.start, w.end, w.ivs))
	}
	return out
}

// cut builds the fragment of rs[start:end] with the given intervals marked.
func cut(rs []rune, start, end int, ivs []interval) Fragment {
	var f Fragment
	add := func(text string, mark bool) {
		text = collapseSpace(text)
		if text == "" {
			return
		}
		if k := len(f) - 1; k >= 0 && f[k].Mark == mark {
			f[k].Text += text
			return
		}
		f = append(f, Span{Text: text, Mark: mark})
	}
	// "…" where a line was cut, not at a line break or before blank text.
	if start > 0 && rs[start-1] != '\n' && strings.TrimSpace(string(rs[:start])) != "" {
		add("…", false)
	}
	at := start
	for _, iv := range ivs {
		s, e := max(iv.s, start), min(iv.e, end)
		if s >= e {
			continue
		}
		add(string(rs[at:s]), false)
		add(string(rs[s:e]), true)
		at = e
	}
	add(string(rs[at:end]), false)
	if end < len(rs) && rs[end] != '\n' && strings.TrimSpace(string(rs[end:])) != "" {
		add("…", false)
	}
	// Trim white space at the ends.
	if len(f) > 0 && !f[0].Mark {
		f[0].Text = strings.TrimLeftFunc(f[0].Text, unicode.IsSpace)
	}
	if k := len(f) - 1; k >= 0 && !f[k].Mark {
		f[k].Text = strings.TrimRightFunc(f[k].Text, unicode.IsSpace)
	}
	return f
}

// collapseSpace turns every run of white space into one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
