// Package wordset looks for any of a fixed list of words in a text in one
// pass, instead of one strings.Contains per word: the rule lists of the
// cleaner and the classifier are checked against every line of every
// document.
package wordset

import (
	"strings"
	"unicode/utf8"
)

// Set is a list of words to look for. The zero Set holds no word.
type Set struct {
	// first has a bit for every rune in the Basic Multilingual Plane that
	// begins some word: most runes of a text are ruled out without a map
	// lookup.
	first   [1 << 16 / 64]uint64
	byFirst map[rune][]entry
	// odd holds the words that are not valid UTF-8 (looked for byte by
	// byte: they may begin inside a character of the text).
	odd []entry
	n   int
}

type entry struct {
	word string
	idx  int // the word's number in the set
}

// New returns the set of words (empty words are ignored, repeated words
// count once).
func New(words ...string) *Set {
	s := &Set{byFirst: map[rune][]entry{}}
	seen := map[string]bool{}
	for _, w := range words {
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		if !utf8.ValidString(w) {
			s.odd = append(s.odd, entry{w, s.n})
			s.n++
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if r < 1<<16 {
			s.first[r/64] |= 1 << (r % 64)
		}
		s.byFirst[r] = append(s.byFirst[r], entry{w, s.n})
		s.n++
	}
	return s
}

// Len returns the number of distinct words in the set.
func (s *Set) Len() int { return s.n }

// mayBegin reports whether some word begins with r.
func (s *Set) mayBegin(r rune) bool {
	if r < 1<<16 {
		return s.first[r/64]&(1<<(r%64)) != 0
	}
	_, ok := s.byFirst[r]
	return ok
}

// In reports whether text contains any word of the set.
func (s *Set) In(text string) bool {
	if s == nil || s.n == 0 {
		return false
	}
	for _, e := range s.odd {
		if strings.Contains(text, e.word) {
			return true
		}
	}
	for i, r := range text {
		if !s.mayBegin(r) {
			continue
		}
		for _, e := range s.byFirst[r] {
			if strings.HasPrefix(text[i:], e.word) {
				return true
			}
		}
	}
	return false
}

// Distinct returns how many different words of the set text contains.
func (s *Set) Distinct(text string) int {
	if s == nil || s.n == 0 {
		return 0
	}
	var small [64]bool
	found := small[:]
	if s.n > len(small) {
		found = make([]bool, s.n)
	}
	n := 0
	for _, e := range s.odd {
		if strings.Contains(text, e.word) {
			found[e.idx] = true
			n++
		}
	}
	for i, r := range text {
		if !s.mayBegin(r) {
			continue
		}
		for _, e := range s.byFirst[r] {
			if !found[e.idx] && strings.HasPrefix(text[i:], e.word) {
				found[e.idx] = true
				n++
			}
		}
	}
	return n
}
