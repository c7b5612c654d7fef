package review

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is a piece of text matched by key words: a plan item (or a
// calendar activity, a target) or a summary passage.
type unit struct {
	simp   string
	set    map[string]bool // every word of simp, key words or not
	words  []string        // distinct key words, in order of appearance
	lead   map[string]bool
	months []int
	topics []string
}

// matcher holds the key-word weights of one review.
type matcher struct {
	words     func(string) []string
	synonyms  func(string) []string
	frequency func(string) float64
	idf       map[string]float64
	content   map[string]bool     // words rare in the two documents and in general Chinese
	syn       map[string][]string // cache
}

// keyWords cuts simplified text into distinct key words: at least two
// runes with a letter among them.
func (m *matcher) keyWords(simp string) []string {
	ws := m.cut(simp)
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		w = strings.TrimSpace(w)
		if utf8.RuneCountInString(w) < 2 || seen[w] || !hasLetters(w, 1) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// cut cuts simplified text into words.
func (m *matcher) cut(simp string) []string {
	if m.words != nil {
		return m.words(simp)
	}
	return pairs(simp)
}

// pairs is the fallback cutter: overlapping pairs of Han characters.
func pairs(s string) []string {
	var out []string
	var prev rune = -1
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			prev = -1
			continue
		}
		if prev >= 0 {
			out = append(out, string([]rune{prev, r}))
		}
		prev = r
	}
	return out
}

// newUnit makes a unit of simplified text; lead is the part of it whose
// key words weigh HeadingWeight.
func (m *matcher) newUnit(simp, lead string, months []int, topics []string) *unit {
	u := &unit{simp: simp, words: m.keyWords(simp), months: months, topics: topics, set: map[string]bool{}}
	for _, w := range m.cut(simp) {
		u.set[strings.TrimSpace(w)] = true
	}
	if lead != "" {
		u.lead = map[string]bool{}
		for i, w := range m.keyWords(lead) {
			if i == 0 {
				// A lead is a verb and its object (做好女教职工工作,
				// 完善教工之家设施): the verb says how, the object what.
				// The first word weighs as a body word.
				if !slices.Contains(u.words, w) {
					u.words = append(u.words, w)
				}
				continue
			}
			u.lead[w] = true
			if !slices.Contains(u.words, w) {
				u.words = append(u.words, w)
			}
		}
	}
	if u.months == nil {
		u.months = monthsIn(simp)
	}
	return u
}

// weigh computes the inverse document frequency of every key word over
// the units: a word in most of them (工作, 教职工, 开展) says little.
func (m *matcher) weigh(units []*unit) {
	df := map[string]int{}
	for _, u := range units {
		for _, w := range u.words {
			df[w]++
		}
	}
	n := float64(len(units))
	m.idf = make(map[string]float64, len(df))
	m.content = make(map[string]bool, len(df))
	for w, c := range df {
		sp := m.specificity(w)
		m.idf[w] = math.Log((n+1)/(float64(c)+0.5)) * sp
		m.content[w] = sp >= ContentSpecificity && float64(c) <= math.Max(2, ContentShare*n)
	}
}

// specificity is how much a word says about union work rather than about
// anything: 1 for a word the general dictionary does not know or the
// union-term dictionary supplies (民主评议, 指导老师), less the more common
// it is in general Chinese (结果, 进行, 考核). Two documents are too few to
// tell a common word from a rare one by themselves.
func (m *matcher) specificity(w string) float64 {
	if m.frequency == nil {
		return 1
	}
	f := m.frequency(w)
	if f <= 0 {
		return 1
	}
	return 1 / (1 + math.Log10(1+f/CommonFrequency))
}

func (m *matcher) weight(u *unit, w string) float64 {
	x := m.idf[w]
	if x < 0 {
		x = 0
	}
	if u.lead[w] {
		x *= HeadingWeight
	}
	return x
}

func (m *matcher) synonymsOf(w string) []string {
	if m.synonyms == nil {
		return nil
	}
	if s, ok := m.syn[w]; ok {
		return s
	}
	s := m.synonyms(w)
	m.syn[w] = s
	return s
}

// credit is how far a unit has the key word w: 1 as written (in the
// unit's segmentation, or for words of three runes or more anywhere in its
// text: 教职工代表大会 inside 第六届教职工代表大会), SynonymCredit through a
// thesaurus synonym or as the two halves of a long compound (师徒结对 in
// 师徒签订结对协议), PartCredit for a two-rune word inside a longer one
// (生日 in 生日会, 教育 in 教育工会), else 0.
func (m *matcher) credit(w string, u *unit) float64 {
	if has(u, w) {
		return 1
	}
	for _, s := range m.synonymsOf(w) {
		if s != "" && has(u, s) {
			return SynonymCredit
		}
	}
	rs := []rune(w)
	if len(rs) >= 4 && u.set[string(rs[:2])] && u.set[string(rs[len(rs)-2:])] {
		return SynonymCredit
	}
	if len(rs) == 2 && strings.Contains(u.simp, w) {
		return PartCredit
	}
	return 0
}

func has(u *unit, w string) bool {
	return u.set[w] || utf8.RuneCountInString(w) >= 3 && strings.Contains(u.simp, w)
}

// scored is a passage's match with a plan unit.
type scored struct {
	p     int // passage index
	raw   float64
	bonus float64
	score float64
}

// coverage is the share of u's key-word weight that p has.
func (m *matcher) coverage(u, p *unit) float64 {
	total, got := 0.0, 0.0
	for _, w := range u.words {
		x := m.weight(u, w)
		total += x
		got += x * m.credit(w, p)
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// bonus is what a passage earns for sharing the unit's work area and months.
func bonus(u, p *unit) float64 {
	b := 0.0
	for _, t := range u.topics {
		if t != "other" && slices.Contains(p.topics, t) {
			b += TopicBonus
			break
		}
	}
	for _, mo := range u.months {
		if containsInt(p.months, mo) {
			b += MonthBonus
			break
		}
	}
	return b
}

// sharesContent reports whether p has enough of u's rarer words to be
// evidence: the words it has (as written, or through a synonym) weigh
// together at least half of u's weightiest word, and one of them is a
// content word (rare in the two documents and in general Chinese) when u
// has any. Sharing only common words (组织, 教职工, 全体, 结果) is no
// evidence.
func (m *matcher) sharesContent(u, p *unit) bool {
	top, got := 0.0, 0.0
	content, shared := false, false
	for _, w := range u.words {
		x := math.Max(m.idf[w], 0)
		top = math.Max(top, x)
		content = content || m.content[w]
		c := m.credit(w, p)
		if c >= SynonymCredit {
			got += x
		}
		shared = shared || c > 0 && m.content[w]
	}
	return top > 0 && got >= top/2 && (shared || !content)
}

// matchResult is a plan unit matched against the summary's passages.
type matchResult struct {
	score    float64
	evidence []scored
	found    []string
	missing  []string
}

// match finds the evidence of u among the passages and scores it.
func (m *matcher) match(u *unit, passages []*unit) matchResult {
	var cands []scored
	for i, p := range passages {
		raw := m.coverage(u, p)
		if raw < EvidenceScore/2 || !m.sharesContent(u, p) {
			continue
		}
		b := bonus(u, p)
		sc := math.Min(1, raw+b)
		if sc < EvidenceScore {
			continue
		}
		cands = append(cands, scored{p: i, raw: raw, bonus: b, score: sc})
	}
	slices.SortStableFunc(cands, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.p, b.p))
	})
	if len(cands) > MaxEvidence {
		cands = cands[:MaxEvidence]
	}
	var r matchResult
	r.evidence = cands
	total, got, best := 0.0, 0.0, 0.0
	type ww struct {
		w string
		x float64
	}
	var found, missing []ww
	for _, w := range u.words {
		x := m.weight(u, w)
		total += x
		c := 0.0
		for _, e := range cands {
			c = math.Max(c, m.credit(w, passages[e.p]))
		}
		got += x * c
		if c > 0 {
			found = append(found, ww{w, x})
		} else if x > 0 {
			missing = append(missing, ww{w, x})
		}
	}
	for _, e := range cands {
		best = math.Max(best, e.bonus)
	}
	if total > 0 && len(cands) > 0 {
		r.score = math.Min(1, got/total+best)
	}
	byWeight := func(a, b ww) int { return cmp.Or(cmp.Compare(b.x, a.x), strings.Compare(a.w, b.w)) }
	slices.SortStableFunc(found, byWeight)
	slices.SortStableFunc(missing, byWeight)
	for _, f := range found {
		r.found = append(r.found, f.w)
	}
	for i, f := range missing {
		if i == 8 {
			break
		}
		r.missing = append(r.missing, f.w)
	}
	return r
}

// statusOf decides an item's status from its score.
func statusOf(score float64, evidence int) Status {
	switch {
	case evidence > 0 && score >= DoneScore:
		return Done
	case evidence > 0 && score >= PartlyScore:
		return Partly
	}
	return NotFound
}

// round2 rounds a score to two decimals.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// specificWords counts the words of u that are content words and at
// least as specific as min.
func (m *matcher) specificWords(u *unit, min float64) int {
	n := 0
	for _, w := range u.words {
		if m.content[w] && m.specificity(w) >= min {
			n++
		}
	}
	return n
}
