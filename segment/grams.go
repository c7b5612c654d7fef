package segment

import (
	"unicode"
	"unicode/utf8"
)

// Token is one unit of a text: Text is its folded form (what is indexed),
// Start and End are byte offsets into the text that was cut.
type Token struct {
	Text       string
	Start, End int
}

// class is what a rune contributes to tokenization.
type class uint8

const (
	sep  class = iota // punctuation, space, symbols: breaks runs
	han               // ideographs (and kana, hangul): character pairs
	word              // other letters and digits: whole-run words
)

func classOf(r rune) class {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return word
		}
		return sep
	case 0x4E00 <= r && r <= 0x9FFF: // CJK Unified Ideographs, the common case
		return han
	case 0x3000 <= r && r <= 0x303F, 0xFF00 <= r && r <= 0xFF0F: // CJK punctuation
		return sep
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return han
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return word
	}
	return sep
}

// IsHan tells whether r is a character that is indexed in pairs.
func IsHan(r rune) bool { return classOf(Fold(r)) == han }

// run is a maximal run of one class in a folded text.
type run struct {
	cls        class
	start, end int   // byte offsets in the folded text
	runes      []int // byte offset of every rune (han runs only)
}

func runs(s string) []run {
	var out []run
	for i, r := range s {
		c := classOf(r)
		if c == sep {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].cls == c && out[k].end == i {
			out[k].end = i + utf8.RuneLen(r)
			if c == han {
				out[k].runes = append(out[k].runes, i)
			}
			continue
		}
		rn := run{cls: c, start: i, end: i + utf8.RuneLen(r)}
		if c == han {
			rn.runes = []int{i}
		}
		out = append(out, rn)
	}
	return out
}

// Grams cuts text into the terms of the substring field of the index.
// Inside a run of Chinese characters every pair of neighbours is a term
// (校务公开 → 校务 务公 公开) and the run's last character is a term of its
// own (开), so that every character starts a term; a run of other letters
// or digits is one term (QQ → qq, 100); where such a word touches Chinese
// characters, the word joined with the touching character is a term too
// (QQ群 → qq qq群 群). Punctuation and space separate runs and are dropped.
// Terms are folded (see Fold); Start and End are byte offsets into text.
//
// The field keeps no positions: a string of characters is found by the
// conjunction of its terms (QueryGrams), which is exact up to three
// characters and, beyond, misses nothing but may in rare cases match a text
// that holds all the pairs apart.
func Grams(text string) []Token {
	f := fold(text)
	s := f.text
	toks := make([]Token, 0, len(s)/3+8)
	tok := func(a, b int) {
		toks = append(toks, Token{Text: s[a:b], Start: f.offset(a), End: f.offset(b)})
	}
	// One pass: prev is the previous character of the current Chinese run,
	// wordAt the start of the current run of letters or digits, before the
	// character right before that word (for 群qq).
	prev, prevEnd, wordAt, before := -1, -1, -1, -1
	endWord := func(at int) {
		if wordAt >= 0 {
			tok(wordAt, at)
			if before >= 0 {
				tok(before, at)
			}
		}
		wordAt, before = -1, -1
	}
	endRun := func() {
		if prev >= 0 {
			tok(prev, prevEnd)
		}
		prev = -1
	}
	for i, r := range s {
		size := utf8.RuneLen(r)
		switch classOf(r) {
		case han:
			if wordAt >= 0 {
				w := wordAt
				endWord(i)
				tok(w, i+size) // qq群
			}
			if prev >= 0 {
				tok(prev, i+size)
			}
			prev, prevEnd = i, i+size
		case word:
			if prev >= 0 {
				before = prev
				endRun()
			}
			if wordAt < 0 {
				wordAt = i
			}
		default:
			endRun()
			endWord(i)
		}
	}
	endRun()
	endWord(len(s))
	return toks
}

// QueryGrams returns what a string must hold to contain text: every term of
// terms, and for every entry of prefixes some term that starts with it (a
// lone Chinese character is found as the start of a term). No terms and no
// prefixes means text has nothing searchable.
func QueryGrams(text string) (terms, prefixes []string) {
	s := Normalize(text)
	rs := runs(s)
	seen := make(map[string]bool)
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for k, r := range rs {
		switch r.cls {
		case han:
			if len(r.runes) == 1 {
				touches := k > 0 && rs[k-1].end == r.start || k+1 < len(rs) && rs[k+1].start == r.end
				if !touches {
					prefixes = append(prefixes, s[r.start:r.end])
				}
				continue // else the joined word term holds it
			}
			for i := 0; i+1 < len(r.runes); i++ {
				end := r.end
				if i+2 < len(r.runes) {
					end = r.runes[i+2]
				}
				add(s[r.runes[i]:end])
			}
		case word:
			add(s[r.start:r.end])
			if k > 0 && rs[k-1].end == r.start && rs[k-1].cls == han {
				prev := rs[k-1]
				add(s[prev.runes[len(prev.runes)-1]:r.end])
			}
			if k+1 < len(rs) && rs[k+1].start == r.end && rs[k+1].cls == han {
				next := rs[k+1]
				end := next.end
				if len(next.runes) > 1 {
					end = next.runes[1]
				}
				add(s[r.start:end])
			}
		}
	}
	return terms, prefixes
}

// IsHanPair tells whether term is two Chinese characters (a pair of
// Grams).
func IsHanPair(term string) bool {
	r1, n1 := utf8.DecodeRuneInString(term)
	if n1 == len(term) {
		return false
	}
	r2, n2 := utf8.DecodeRuneInString(term[n1:])
	return n1+n2 == len(term) && classOf(r1) == han && classOf(r2) == han
}

// DropWordPairs removes from grams (Grams of a text) the pairs of Chinese
// characters that words (Cut of the same text) holds as a whole word at the
// same place, and returns what is left (grams is reused). An index that
// keeps both lists then still has every pair of the text once: in the pair
// list, or as a word (see QueryGrams).
func DropWordPairs(grams, words []Token) []Token {
	out := grams[:0]
	j := 0
	for _, g := range grams {
		// Words come in text order; a pair starts at or after every gram
		// before it, so the words before g are behind for good.
		for j < len(words) && words[j].Start < g.Start {
			j++
		}
		if j < len(words) && words[j].Start == g.Start && words[j].End == g.End &&
			words[j].Text == g.Text && IsHanPair(g.Text) {
			continue
		}
		out = append(out, g)
	}
	return out
}
