package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// docText holds a document's text as runes in both views. Offsets are rune
// offsets, the same in the original and the simplified view.
type docText struct {
	orig    string
	o, s    []rune // original and simplified runes
	byteOff []int  // byte offset in orig of rune i; len(o)+1 entries
	// same: the simplified view is orig itself (valid UTF-8), so its
	// slices need no conversion.
	same bool
}

func newDocText(orig, simplified string) *docText {
	t := &docText{orig: orig, o: []rune(orig)}
	if simplified != "" && simplified != orig && utf8.RuneCountInString(simplified) == len(t.o) {
		t.s = []rune(simplified)
	} else {
		t.s = t.o
		t.same = utf8.ValidString(orig)
	}
	t.byteOff = make([]int, len(t.o)+1)
	b := 0
	for i, r := range t.o {
		t.byteOff[i] = b
		b += utf8.RuneLen(r)
		if r == utf8.RuneError {
			// RuneLen of the replacement rune is 3, but an invalid byte in
			// orig decodes to it with width 1: recompute from the string.
			_, w := utf8.DecodeRuneInString(orig[t.byteOff[i]:])
			b = t.byteOff[i] + w
		}
	}
	t.byteOff[len(t.o)] = b
	return t
}

// origText returns the original text of runes [a, b).
func (t *docText) origText(a, b int) string {
	if a < 0 {
		a = 0
	}
	if b > len(t.o) {
		b = len(t.o)
	}
	if a >= b {
		return ""
	}
	return t.orig[t.byteOff[a]:t.byteOff[b]]
}

// simp returns the simplified text of runes [a, b).
func (t *docText) simp(a, b int) string {
	if a < 0 {
		a = 0
	}
	if b > len(t.s) {
		b = len(t.s)
	}
	if a >= b {
		return ""
	}
	if t.same {
		return t.orig[t.byteOff[a]:t.byteOff[b]]
	}
	return string(t.s[a:b])
}

// runeIndex returns the rune offset of the first s in the original text,
// or -1.
func (t *docText) runeIndex(s string) int {
	i := strings.Index(t.orig, s)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(t.orig[:i])
}

// byteOffset returns the byte offset in the original text of rune i.
func (t *docText) byteOffset(i int) int { return t.byteOff[i] }

// simplifyLike simplifies s (a title not found in the text) character by
// character, with the pairs of original and simplified characters the
// text's two views give.
func (t *docText) simplifyLike(s string) string {
	if t.same || s == "" {
		return s
	}
	pairs := map[rune]rune{}
	for i, r := range t.o {
		if v := t.s[i]; v != r {
			pairs[r] = v
		}
	}
	return strings.Map(func(r rune) rune {
		if v, ok := pairs[r]; ok {
			return v
		}
		return r
	}, s)
}

// trimSpan narrows [a, b) so that it neither starts nor ends with space.
func (t *docText) trimSpan(a, b int) (int, int) {
	for a < b && zhtext.IsSpace(t.s[a]) {
		a++
	}
	for b > a && zhtext.IsSpace(t.s[b-1]) {
		b--
	}
	return a, b
}

// isPunct reports punctuation and symbols (both widths).
func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// normKey removes spaces and punctuation (for comparing headings and titles).
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if zhtext.IsSpace(r) || isPunct(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// line is a span of runes [start, end) without its newline.
type span struct{ start, end int }

// lines splits the text into lines at "\n".
func (t *docText) lines() []span {
	var out []span
	a := 0
	for i, r := range t.s {
		if r == '\n' {
			out = append(out, span{a, i})
			a = i + 1
		}
	}
	out = append(out, span{a, len(t.s)})
	return out
}
