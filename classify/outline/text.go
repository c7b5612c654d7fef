package outline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// Text holds a document's text as runes in both views. Offsets are rune
// offsets, the same in the original and the simplified view.
type Text struct {
	orig             string
	OrigRunes, Runes []rune // original and simplified runes
	byteOff          []int  // byte offset in orig of rune i; len(o)+1 entries
	// same: the simplified view is orig itself (valid UTF-8), so its
	// slices need no conversion.
	same bool
}

func NewText(orig, simplified string) *Text {
	t := &Text{orig: orig, OrigRunes: []rune(orig)}
	if simplified != "" && simplified != orig && utf8.RuneCountInString(simplified) == len(t.OrigRunes) {
		t.Runes = []rune(simplified)
	} else {
		t.Runes = t.OrigRunes
		t.same = utf8.ValidString(orig)
	}
	t.byteOff = make([]int, len(t.OrigRunes)+1)
	b := 0
	for i, r := range t.OrigRunes {
		t.byteOff[i] = b
		b += utf8.RuneLen(r)
		if r == utf8.RuneError {
			// RuneLen of the replacement rune is 3, but an invalid byte in
			// orig decodes to it with width 1: recompute from the string.
			_, w := utf8.DecodeRuneInString(orig[t.byteOff[i]:])
			b = t.byteOff[i] + w
		}
	}
	t.byteOff[len(t.OrigRunes)] = b
	return t
}

// Orig returns the original text of runes [a, b).
func (t *Text) Orig(a, b int) string {
	if a < 0 {
		a = 0
	}
	if b > len(t.OrigRunes) {
		b = len(t.OrigRunes)
	}
	if a >= b {
		return ""
	}
	return t.orig[t.byteOff[a]:t.byteOff[b]]
}

// Simp returns the simplified text of runes [a, b).
func (t *Text) Simp(a, b int) string {
	if a < 0 {
		a = 0
	}
	if b > len(t.Runes) {
		b = len(t.Runes)
	}
	if a >= b {
		return ""
	}
	if t.same {
		return t.orig[t.byteOff[a]:t.byteOff[b]]
	}
	return string(t.Runes[a:b])
}

// RuneIndex returns the rune offset of the first s in the original text,
// or -1.
func (t *Text) RuneIndex(s string) int {
	i := strings.Index(t.orig, s)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(t.orig[:i])
}

// ByteOffset returns the byte offset in the original text of rune i.
func (t *Text) ByteOffset(i int) int { return t.byteOff[i] }

// SimplifyLike simplifies s (a title not found in the text) character by
// character, with the pairs of original and simplified characters the
// text's two views give.
func (t *Text) SimplifyLike(s string) string {
	if t.same || s == "" {
		return s
	}
	pairs := map[rune]rune{}
	for i, r := range t.OrigRunes {
		if v := t.Runes[i]; v != r {
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

// TrimSpan narrows [a, b) so that it neither starts nor ends with space.
func (t *Text) TrimSpan(a, b int) (int, int) {
	for a < b && zhtext.IsSpace(t.Runes[a]) {
		a++
	}
	for b > a && zhtext.IsSpace(t.Runes[b-1]) {
		b--
	}
	return a, b
}

// isPunct reports punctuation and symbols (both widths).
func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// Key returns s without spaces and punctuation, lower-cased: the form in
// which headings and titles are compared.
func Key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if zhtext.IsSpace(r) || isPunct(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Span is a run of runes [Start, End), such as a line without its newline.
type Span struct{ Start, End int }

// Lines splits the text into Lines at "\n".
func (t *Text) Lines() []Span {
	var out []Span
	a := 0
	for i, r := range t.Runes {
		if r == '\n' {
			out = append(out, Span{a, i})
			a = i + 1
		}
	}
	out = append(out, Span{a, len(t.Runes)})
	return out
}
