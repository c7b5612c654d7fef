package segment

import (
	"unicode"
	"unicode/utf8"
)

// Fold maps one rune to the form that is indexed and searched: full-width
// ASCII becomes half-width, the ideographic space a space, letters lower
// case. It maps a rune to exactly one rune, so a folded text has as many
// runes as its input (rune offsets stay valid; byte offsets may not).
func Fold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == 0x3000: // ideographic space
		return ' '
	case 0x3001 <= r && r <= 0x9FFF, 0xAC00 <= r && r <= 0xD7AF, 0xF900 <= r && r <= 0xFAFF:
		return r // CJK punctuation, kana, ideographs, hangul: no case
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
		return Fold(r - 0xFEE0)
	}
	return unicode.ToLower(r)
}

// Normalize folds every rune of s (see Fold). Invalid UTF-8 bytes become
// U+FFFD. The result has as many runes as s.
func Normalize(s string) string {
	// Fast path: nothing to change.
	changed := false
	for _, r := range s {
		if Fold(r) != r || r == utf8.RuneError {
			changed = true
			break
		}
	}
	if !changed {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, Fold(r))
	}
	return string(b)
}

// folded is a text folded rune by rune together with the way back to byte
// offsets of the input.
type folded struct {
	text string
	// orig[i] is the input byte offset of folded byte offset i, for every
	// rune start and for len(text); nil when folding kept every byte offset.
	orig []int
	n    int // input length in bytes
}

func fold(s string) folded {
	// Fast path: nothing changes.
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || Fold(r) != r {
			break
		}
		i += size
	}
	if i == len(s) {
		return folded{text: s, n: len(s)}
	}
	b := make([]byte, i, len(s)+8)
	copy(b, s[:i])
	var orig []int // built only once a rune changes its length
	for j, r := range s[i:] {
		j += i
		f := Fold(r)
		at := len(b)
		b = utf8.AppendRune(b, f)
		if orig == nil && (len(b)-at != utf8.RuneLen(r) || r == utf8.RuneError) {
			orig = make([]int, at, len(s)+1)
			for k := range orig {
				orig[k] = k // the same layout so far
			}
		}
		if orig != nil {
			for range len(b) - at {
				orig = append(orig, j)
			}
		}
	}
	if orig != nil {
		orig = append(orig, len(s))
	}
	return folded{text: string(b), orig: orig, n: len(s)}
}

// offset maps a byte offset of the folded text to the input.
func (f folded) offset(i int) int {
	if f.orig == nil {
		return i
	}
	if i >= len(f.orig) {
		return f.n
	}
	return f.orig[i]
}
