package draft

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// maxLead is the longest lead sentence, in runes, an item keeps.
const maxLead = 40

// sentenceEnd are the runes that end a lead sentence.
const sentenceEnd = "。；;！!？?\n\r"

// clauseEnd are the runes where a long lead may be cut.
const clauseEnd = "，,、：:"

// trailPunct is trimmed from the end of a lead.
const trailPunct = "，,、：:；;。.．！!？? \t\u3000\u00a0"

// lead returns the lead sentence of s: numbering stripped, cut at the
// first sentence end and, when longer than max runes, at the last clause
// boundary before max (or at max). The result is always a substring of s.
func lead(s string, max int) string {
	s = zhtext.StripNumbering(s)
	if i := strings.IndexAny(s, sentenceEnd); i >= 0 {
		s = s[:i]
	}
	s = trimTrail(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := -1, 0
	for i, r := range s {
		if n >= max {
			break
		}
		if strings.ContainsRune(clauseEnd, r) && n >= 6 {
			cut = i
		}
		n++
	}
	if cut < 0 {
		// No clause boundary: cut at max runes.
		n = 0
		for i := range s {
			if n == max {
				cut = i
				break
			}
			n++
		}
	}
	if cut >= 0 {
		s = s[:cut]
	}
	return trimTrail(s)
}

// trimTrail trims white space and punctuation from the end of a lead.
func trimTrail(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return zhtext.IsSpace(r) || strings.ContainsRune(trailPunct, r) })
}

// excerpt returns the first sentence of s cut at a clause boundary before
// max runes, for wording options. It is a prefix of zhtext.TrimSpace(s).
func excerpt(s string, max int) string {
	s = zhtext.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "。"); i >= 0 {
		s = s[:i+len("。")]
	}
	if utf8.RuneCountInString(s) <= max {
		return strings.TrimRight(s, " \t\u3000")
	}
	cut, n := -1, 0
	for i, r := range s {
		if n >= max {
			break
		}
		if strings.ContainsRune("，,；;、", r) && n >= 10 {
			cut = i + utf8.RuneLen(r)
		}
		n++
	}
	if cut < 0 {
		n = 0
		for i := range s {
			if n == max {
				cut = i
				break
			}
			n++
		}
	}
	return s[:cut]
}

// paragraphs splits s into trimmed non-empty lines.
func paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = zhtext.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// gramSet is the sorted set of rune bigrams of a text's letters and
// digits (punctuation and spaces dropped); a one-rune text gives its
// unigram.
type gramSet []uint64

func grams(s string) gramSet {
	var prev rune = -1
	var g gramSet
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n++
		if prev >= 0 {
			g = append(g, uint64(prev)<<32|uint64(r))
		}
		prev = r
	}
	if n == 1 {
		g = append(g, uint64(prev))
	}
	slices.Sort(g)
	return slices.Compact(g)
}

// jaccard is the Jaccard similarity of two gram sets.
func jaccard(a, b gramSet) float64 {
	inter := intersect(a, b)
	if inter == 0 {
		return 0
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func intersect(a, b gramSet) int {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return inter
}

// containment is the share of the smaller set found in the larger: a
// short item (召开教代会) restated at length (召开第七届二次教代会) is the
// same item even though their Jaccard similarity is low.
const containment = 0.75

// similarFrom decides sameness from the set sizes and their intersection:
// Jaccard similarity at least threshold, or containment of a set of at
// least three grams.
func similarFrom(na, nb, inter int, threshold float64) bool {
	if inter == 0 {
		return false
	}
	if float64(inter)/float64(na+nb-inter) >= threshold {
		return true
	}
	small := min(na, nb)
	return small >= 3 && float64(inter)/float64(small) >= containment
}

// similar reports whether two gram sets are the same item.
func similar(a, b gramSet, threshold float64) bool {
	return similarFrom(len(a), len(b), intersect(a, b), threshold)
}

// clusterer groups texts whose gram sets are similar to a cluster's first
// member. Postings keep it fast on large corpora.
type clusterer struct {
	threshold float64
	reps      []gramSet
	post      map[uint64][]int
}

func newClusterer(threshold float64) *clusterer {
	return &clusterer{threshold: threshold, post: map[uint64][]int{}}
}

// find returns the cluster most similar to g (at least the threshold), or -1.
func (c *clusterer) find(g gramSet) int {
	if len(g) == 0 {
		return -1
	}
	shared := map[int]int{}
	for _, k := range g {
		for _, ci := range c.post[k] {
			shared[ci]++
		}
	}
	best, bestSim := -1, 0.0
	for ci, n := range shared {
		if !similarFrom(len(g), len(c.reps[ci]), n, c.threshold) {
			continue
		}
		sim := float64(n) / float64(len(g)+len(c.reps[ci])-n)
		if sim > bestSim || (sim == bestSim && ci < best) {
			best, bestSim = ci, sim
		}
	}
	return best
}

// add starts a new cluster with g and returns its index.
func (c *clusterer) add(g gramSet) int {
	ci := len(c.reps)
	c.reps = append(c.reps, g)
	for _, k := range g {
		c.post[k] = append(c.post[k], ci)
	}
	return ci
}

// normOrg normalises an organisation name for matching: white space
// removed (the caller passes the simplified view).
func normOrg(s string) string {
	return strings.Map(func(r rune) rune {
		if zhtext.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// hasLetters reports whether s has at least n letters (Han characters
// count as letters).
func hasLetters(s string, n int) bool {
	c := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			c++
			if c >= n {
				return true
			}
		}
	}
	return false
}
