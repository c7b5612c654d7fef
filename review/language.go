package review

import (
	"strings"

	"plans/segment"
)

// SegmenterLanguage returns the Words and Frequency options from the gse
// segmenter: words as it cuts them, and their frequency in its general
// dictionary (0 for the union terms of the shipped user dictionary, which
// carry made-up frequencies to keep them whole).
func SegmenterLanguage(seg *segment.Segmenter) (words func(string) []string, frequency func(string) float64) {
	user := map[string]bool{}
	if ws, err := segment.ParseDict(segment.UserDict()); err == nil {
		for _, w := range ws {
			user[segment.Normalize(w.Text)] = true
		}
	}
	frequency = func(w string) float64 {
		w = strings.TrimSpace(w)
		if user[w] {
			return 0
		}
		f, ok := seg.Known(w)
		if !ok {
			return 0
		}
		return f
	}
	return seg.Words, frequency
}

// LanguageOptions returns Options with everything the matching knows of the
// language: the segmenter's words and frequencies, a thesaurus's synonyms
// (index.Thesaurus.Expand) and a rune-aligned simplifier (OpenCC). Org,
// Year and the ids are left for the caller.
func LanguageOptions(seg *segment.Segmenter, synonyms func(string) []string, simplify func(string) string) Options {
	words, freq := SegmenterLanguage(seg)
	return Options{Words: words, Frequency: freq, Synonyms: synonyms, Simplify: simplify}
}
