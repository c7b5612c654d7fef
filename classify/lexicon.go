package classify

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/runeset"
)

//go:embed data/topics.txt
var defaultLexicon []byte

// lexicon maps terms to work-area topics. Terms are matched on the
// simplified view, longest match first and without overlaps.
type lexicon struct {
	root   *trieNode
	topics []string // topic ids in taxonomy order, as they appear in the data
	terms  int
	// first has a bit for every rune of the Basic Multilingual Plane that
	// starts a term: most characters of a text start none, and the test
	// costs less than a map lookup.
	first runeset.Set
}

type trieNode struct {
	next map[rune]*trieNode
	hits []termHit // non-nil when a term ends here
}

type termHit struct {
	topic  string
	weight int
}

// parseLexicon reads the lexicon format described in data/topics.txt.
func parseLexicon(data []byte) (*lexicon, error) {
	lx := &lexicon{root: &trieNode{}}
	// topic ids outside corpus.Topics are allowed: finer topics may be added
	seen := map[string]bool{}
	topic := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			topic = strings.TrimSpace(line[1 : len(line)-1])
			if topic == "" || strings.ContainsAny(topic, " \t") {
				return nil, fmt.Errorf("lexicon line %d: bad topic id %q", n, topic)
			}
			if !seen[topic] {
				seen[topic] = true
				lx.topics = append(lx.topics, topic)
			}
			continue
		}
		if topic == "" {
			return nil, fmt.Errorf("lexicon line %d: term %q before any [topic]", n, line)
		}
		fields := strings.Fields(line)
		weight := 1
		if len(fields) > 2 {
			return nil, fmt.Errorf("lexicon line %d: want \"term [weight]\", got %q", n, line)
		}
		if len(fields) == 2 {
			w, err := strconv.Atoi(fields[1])
			if err != nil || w < 1 || w > 9 {
				return nil, fmt.Errorf("lexicon line %d: bad weight %q", n, fields[1])
			}
			weight = w
		}
		lx.add(fields[0], topic, weight)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read lexicon: %w", err)
	}
	if lx.terms == 0 {
		return nil, fmt.Errorf("lexicon has no terms")
	}
	sort.SliceStable(lx.topics, func(i, j int) bool {
		return corpus.TopicOrder(lx.topics[i]) < corpus.TopicOrder(lx.topics[j])
	})
	return lx, nil
}

func (lx *lexicon) add(term, topic string, weight int) {
	if term != "" {
		r, _ := utf8.DecodeRuneInString(term)
		lx.first.Add(r)
	}
	n := lx.root
	for _, r := range term {
		if n.next == nil {
			n.next = make(map[rune]*trieNode)
		}
		c := n.next[r]
		if c == nil {
			c = &trieNode{}
			n.next[r] = c
		}
		n = c
	}
	for i, h := range n.hits {
		if h.topic == topic {
			n.hits[i].weight = weight
			return
		}
	}
	n.hits = append(n.hits, termHit{topic: topic, weight: weight})
	lx.terms++
}

// match is one term found in a text.
type match struct {
	start, end int // rune offsets in the scanned slice
	hits       []termHit
}

// scan finds the terms in s (simplified runes), longest match first.
func (lx *lexicon) scan(s []rune, fn func(m match)) {
	for i := 0; i < len(s); {
		if r := s[i]; runeset.InPlane(r) && !lx.first.Has(r) {
			i++
			continue
		}
		n := lx.root
		best := -1
		var bestHits []termHit
		for j := i; j < len(s) && n.next != nil; j++ {
			c := n.next[s[j]]
			if c == nil {
				break
			}
			n = c
			if n.hits != nil {
				best, bestHits = j+1, n.hits
			}
		}
		if best < 0 {
			i++
			continue
		}
		fn(match{start: i, end: best, hits: bestHits})
		i = best
	}
}

// topicScores is evidence per topic: the summed weights and the number of
// term occurrences.
type topicScores map[string]*evidence

type evidence struct {
	weight int
	count  int
	max    int // the largest single-term weight seen
}

func (ts topicScores) add(o topicScores, factor int) {
	for t, e := range o {
		x := ts[t]
		if x == nil {
			x = &evidence{}
			ts[t] = x
		}
		x.weight += e.weight * factor
		x.count += e.count
		if e.max > x.max {
			x.max = e.max
		}
	}
}

// score returns the evidence of each topic in s.
func (lx *lexicon) score(s []rune) topicScores {
	ts := topicScores{}
	lx.scan(s, func(m match) {
		for _, h := range m.hits {
			e := ts[h.topic]
			if e == nil {
				e = &evidence{}
				ts[h.topic] = e
			}
			e.weight += h.weight
			e.count++
			if h.weight > e.max {
				e.max = h.weight
			}
		}
	})
	return ts
}

// sortTopics orders topic ids by the taxonomy.
func sortTopics(ids []string) []string {
	sort.SliceStable(ids, func(i, j int) bool {
		oi, oj := corpus.TopicOrder(ids[i]), corpus.TopicOrder(ids[j])
		if oi != oj {
			return oi < oj
		}
		return ids[i] < ids[j]
	})
	return ids
}
