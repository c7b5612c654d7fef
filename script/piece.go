package script

import (
	"strings"
	"unicode/utf8"
)

// Aligned reports whether simplified is a simplified view of text rune for
// rune (the same number of runes), so that offsets carry over.
func Aligned(text, simplified string) bool {
	return simplified != "" && utf8.RuneCountInString(simplified) == utf8.RuneCountInString(text)
}

// ConvertAligned applies conv to s when conv keeps the number of runes,
// and returns s as it is when there is no conv or it does not.
func ConvertAligned(conv func(string) string, s string) string {
	if conv == nil || s == "" {
		return s
	}
	out := conv(s)
	if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
		return s
	}
	return out
}

// Piece returns the simplified view of s, a piece of text found at or
// after byte offset from (else anywhere in text): the same runes of
// simplified when the two are aligned (Aligned, which callers that ask
// often compute once) and s occurs in text; else conv's output when it
// keeps the number of runes; else s itself.
func Piece(text, simplified string, aligned bool, s string, from int, conv func(string) string) string {
	if s == "" {
		return s
	}
	if aligned {
		if from < 0 || from > len(text) {
			from = 0
		}
		i := strings.Index(text[from:], s)
		if i < 0 {
			i = strings.Index(text, s)
		} else {
			i += from
		}
		if i >= 0 {
			return runeSlice(simplified, utf8.RuneCountInString(text[:i]), utf8.RuneCountInString(s))
		}
	}
	return ConvertAligned(conv, s)
}

// runeSlice returns n runes of s from rune offset start.
func runeSlice(s string, start, n int) string {
	i, r := 0, 0
	for r < start && i < len(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r++
	}
	j := i
	for k := 0; k < n && j < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return s[i:j]
}
