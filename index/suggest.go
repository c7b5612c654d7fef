package index

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// maxSuggestions is the most queries suggested when nothing was found.
const maxSuggestions = 3

// suggest returns queries worth trying when a query found nothing: each
// part replaced by the work area it contains or nearly spells, or by the
// corpus word one character away from it — the ones that would find
// something.
func (ix *Index) suggest(p *prepared) []string {
	d := p.d
	type cand struct {
		query string
		freq  int
		area  bool
	}
	var cands []cand
	seen := map[string]bool{}
	terms := p.c.terms
	for i, t := range terms {
		if t.Exclude || t.Simplified == "" {
			continue
		}
		replace := func(w string) string {
			parts := make([]string, len(terms))
			for j, u := range terms {
				switch {
				case j == i:
					parts[j] = w
				case u.Exclude:
					parts[j] = "-" + u.Text
				case u.Phrase:
					parts[j] = "\"" + u.Text + "\""
				default:
					parts[j] = u.Text
				}
				if u.Or && j > 0 {
					parts[j] = "OR " + parts[j]
				}
			}
			return strings.Join(parts, " ")
		}
		add := func(w string, freq int, area bool) {
			if w == t.Simplified || freq == 0 {
				return
			}
			q := replace(w)
			if !seen[q] {
				seen[q] = true
				cands = append(cands, cand{q, freq, area})
			}
		}
		// A work area the part contains or nearly spells.
		for _, w := range ix.areas.names {
			if !isHanWord(w) {
				continue
			}
			if strings.Contains(t.Simplified, w) || editDistance(t.Simplified, w) <= maxEdits(w) {
				freq := 0
				for _, topic := range ix.areas.byWord[w] {
					freq += d.freq(fieldKeys, key(keyTopic, topic))
				}
				add(w, freq, true)
			}
		}
		// A corpus word one character away.
		if p.eng == nil || utf8.RuneCountInString(t.Simplified) < 2 {
			continue
		}
		first, _ := utf8.DecodeRuneInString(t.Simplified)
		n := utf8.RuneCountInString(t.Simplified)
		for _, w := range p.eng.liveTerms(fieldWords, string(first)) {
			if utf8.RuneCountInString(w) == n && editDistance(t.Simplified, w) == 1 {
				add(w, d.freq(fieldWords, w), false)
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].area != cands[j].area {
			return cands[i].area
		}
		return cands[i].freq > cands[j].freq
	})
	var out []string
	for _, c := range cands {
		if !ix.finds(p, c.query) {
			continue
		}
		out = append(out, c.query)
		if len(out) == maxSuggestions {
			break
		}
	}
	return out
}

// finds tells whether query, with the filters of the prepared request,
// matches some entry (a suggestion must find something).
func (ix *Index) finds(p *prepared, query string) bool {
	if p.eng == nil {
		return true
	}
	r := p.req
	r.Query = query
	d := &dict{ctx: p.d.ctx, r: p.r, eng: p.eng, total: p.d.total, cache: p.d.cache}
	c := ix.compile(d, &r)
	for _, s := range p.eng.segs {
		if !s.eval(c.root).IsEmpty() {
			return true
		}
	}
	return false
}

// maxEdits is how far a query may be from an area's word to suggest it.
func maxEdits(w string) int {
	if utf8.RuneCountInString(w) >= 4 {
		return 2
	}
	return 1
}

func isHanWord(w string) bool {
	for _, r := range w {
		if r < 0x3400 {
			return false
		}
	}
	return w != ""
}

// editDistance is the Levenshtein distance of two strings in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
