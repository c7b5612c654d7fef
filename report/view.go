package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/corpus"
)

// docView is a selected document with what the parts of the report share:
// its simplified view and a converter of its own strings (headings,
// activities, org) to simplified characters.
type docView struct {
	doc   *corpus.Document
	simp  string     // Simplified, or Text when there is no simplified view
	conv  simplifier // maps this document's traditional runes to simplified
	chars int        // letters and digits in the text
}

func makeViews(docs []*corpus.Document) []*docView {
	vs := make([]*docView, len(docs))
	for i, d := range docs {
		v := &docView{doc: d, simp: d.Text, conv: simplifierOf(d)}
		if d.Simplified != "" && utf8.RuneCountInString(d.Simplified) == utf8.RuneCountInString(d.Text) {
			v.simp = d.Simplified
		}
		for _, r := range v.simp {
			if _, ok := normRune(r); ok {
				v.chars++
			}
		}
		vs[i] = v
	}
	return vs
}

// simplifier converts strings of one document to simplified characters
// rune by rune, with the mapping learnt from the document itself: Text and
// Simplified are rune-aligned, so every rune that differs between them is a
// conversion the pipeline made. Runes the document does not contain are
// kept. A nil simplifier is the identity.
type simplifier map[rune]rune

func simplifierOf(d *corpus.Document) simplifier {
	if d.Simplified == "" || d.Simplified == d.Text {
		return nil
	}
	if utf8.RuneCountInString(d.Simplified) != utf8.RuneCountInString(d.Text) {
		return nil
	}
	var m simplifier
	j := 0
	for _, r := range d.Text {
		s, n := utf8.DecodeRuneInString(d.Simplified[j:])
		j += n
		if s != r {
			if m == nil {
				m = make(simplifier)
			}
			if _, ok := m[r]; !ok {
				m[r] = s
			}
		}
	}
	return m
}

func (m simplifier) apply(s string) string {
	if len(m) == 0 {
		return s
	}
	changed := false
	for _, r := range s {
		if _, ok := m[r]; ok {
			changed = true
			break
		}
	}
	if !changed {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if t, ok := m[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normRune folds full-width ASCII and case, and tells whether r is a
// letter or digit (Han characters are letters); punctuation, spaces and
// symbols are not part of a normalised text.
func normRune(r rune) (rune, bool) {
	if r >= 0x4E00 && r <= 0x9FFF { // CJK unified ideographs: the bulk of the text
		return r, true
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A', true
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r, true
		}
		return r, false
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r), true
	}
	return r, false
}

// normalize keeps the letters and digits of s, folded.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if n, ok := normRune(r); ok {
			b.WriteRune(n)
		}
	}
	return b.String()
}

// stripNumber removes leading list numbers from a heading: 一、 （二） 3. (4)
// ⑤ 第六、 一是 and the separators and spaces around them, repeatedly
// (（一）、1、…). A bare numeral counts only when a separator follows it, so
// words such as 三八 or 一年 are kept.
func stripNumber(s string) string {
	for {
		t := strings.TrimLeftFunc(s, isSeparator)
		rest, ok := cutNumber(t)
		if !ok {
			return t
		}
		s = rest
	}
}

const (
	numeralRunes   = "一二三四五六七八九十百零〇○两0123456789０１２３４５６７８９"
	separatorRunes = "、.．,，:：;；-—·"
)

func isNumeral(r rune) bool { return strings.ContainsRune(numeralRunes, r) }

func isSeparator(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(separatorRunes, r) }

func cutNumber(t string) (string, bool) {
	r, n := utf8.DecodeRuneInString(t)
	if r >= '①' && r <= '⑳' {
		return t[n:], true
	}
	rest, open := t, false
	if strings.ContainsRune("（(【[〔", r) {
		rest, open = t[n:], true
	}
	rest = strings.TrimPrefix(rest, "第")
	after := strings.TrimLeftFunc(rest, isNumeral)
	if after == rest {
		return t, false
	}
	if open {
		r, n := utf8.DecodeRuneInString(after)
		if !strings.ContainsRune("）)】]〕", r) {
			return t, false
		}
		return after[n:], true
	}
	if strings.HasPrefix(after, "是") {
		return after[len("是"):], true
	}
	if r, _ := utf8.DecodeRuneInString(after); after == "" || isSeparator(r) {
		return after, true
	}
	return t, false
}

// headingKey is the comparable form of a simplified heading: without its
// number, punctuation and spaces.
func headingKey(h string) string {
	return normalize(stripNumber(h))
}

// bigrams returns the set of rune bigrams of a normalised string (a single
// rune counts as its own bigram).
func bigrams(s string) map[string]struct{} {
	rs := []rune(s)
	m := make(map[string]struct{}, len(rs))
	if len(rs) == 1 {
		m[s] = struct{}{}
	}
	for i := 0; i+1 < len(rs); i++ {
		m[string(rs[i:i+2])] = struct{}{}
	}
	return m
}

// dice is the Dice coefficient of the bigram sets of two normalised
// strings.
func dice(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	ga, gb := bigrams(a), bigrams(b)
	if len(ga)+len(gb) == 0 {
		return 0
	}
	n := 0
	for g := range ga {
		if _, ok := gb[g]; ok {
			n++
		}
	}
	return 2 * float64(n) / float64(len(ga)+len(gb))
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	s = corpus.NormalizeSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n]) + "…"
}
