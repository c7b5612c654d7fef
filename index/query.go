package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"plans/corpus"
	"plans/segment"
)

// QueryTerm says how one part of a query was understood (--explain).
type QueryTerm struct {
	Text       string `json:"text"`       // as typed
	Simplified string `json:"simplified"` // simplified, folded: what is searched
	Phrase     bool   `json:"phrase,omitempty"`
	Exclude    bool   `json:"exclude,omitempty"`
	// Or: this part is an alternative to the one before ("A OR B").
	Or       bool        `json:"or,omitempty"`
	Words    []QueryWord `json:"words,omitempty"`    // the words it was cut into
	Synonyms []string    `json:"synonyms,omitempty"` // of the whole part
	// Areas are the work areas (topic ids) the part names: sections
	// tagged with them match too, below those that hold the words.
	Areas []string `json:"areas,omitempty"`
}

// QueryWord is a word of a query part with its thesaurus expansions.
type QueryWord struct {
	Word     string   `json:"word"`
	Synonyms []string `json:"synonyms,omitempty"`
}

// nodeKind is the kind of a query node.
type nodeKind uint8

const (
	nodeTerm nodeKind = iota // a term of a field
	nodeAnd                  // all kids, none of not
	nodeOr                   // any kid
	nodeAll                  // every entry
	nodeNone                 // no entry
)

// node is a query over the index: a tree of terms combined with and/or/not,
// evaluated with the postings bitmaps of the index (engine.go) or turned
// into a Bleve query (bleveQuery).
type node struct {
	kind  nodeKind
	field string
	term  string
	// alt, when set, is a second field that may hold term instead of
	// field: a pair of characters that is a gse word at some place is
	// indexed there as a word (fieldWords), not as a pair (fieldGrams).
	// The node matches the entries of either; scored, it counts both.
	alt string
	// boost weighs a term in the score; 0 for filters, which only select.
	boost float64
	kids  []*node
	not   []*node // nodeAnd only
	// exact, when set, is a folded simplified string that an entry matching
	// this node contains: the terms below approximate it (a conjunction of
	// character pairs), the text decides (verify).
	exact string
	// area, on a term of a topic keyword, is the topic: verify checks it
	// against the entry's topics.
	area string
}

func termNode(field, term string, boost float64) *node {
	return &node{kind: nodeTerm, field: field, term: term, boost: boost}
}

func and(kids ...*node) *node {
	kids = compactNodes(kids)
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	return &node{kind: nodeAnd, kids: kids}
}

func or(kids ...*node) *node {
	kids = compactNodes(kids)
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	return &node{kind: nodeOr, kids: kids}
}

func compactNodes(ns []*node) []*node {
	out := ns[:0]
	for _, n := range ns {
		if n != nil {
			out = append(out, n)
		}
	}
	return out
}

// verify tells whether an entry whose folded simplified text is text, and
// whose work areas are topics, matches n: exact strings must occur, areas
// must be the entry's; filters are taken as matched (the index decided them
// exactly).
func (n *node) verify(text string, topics []string) bool {
	if n.exact != "" {
		return strings.Contains(text, n.exact)
	}
	if n.area != "" {
		return containsString(topics, n.area)
	}
	switch n.kind {
	case nodeAnd:
		for _, k := range n.kids {
			if !k.verify(text, topics) {
				return false
			}
		}
		for _, k := range n.not {
			if k.exact != "" && strings.Contains(text, k.exact) {
				return false
			}
		}
		return true
	case nodeOr:
		for _, k := range n.kids {
			if k.verify(text, topics) {
				return true
			}
		}
		return false
	case nodeNone:
		return false
	}
	return true
}

// dict answers questions about the terms of the index at query time, and
// collects the ranking-only terms of the query being compiled.
type dict struct {
	ctx   context.Context
	r     bindex.IndexReader
	eng   *engine // nil when the index is not scorch
	total int
	cache map[string]int
	rank  []*node
}

// freq returns the number of entries whose field holds term.
func (d *dict) freq(field, term string) int {
	key := field + "\x00" + term
	if n, ok := d.cache[key]; ok {
		return n
	}
	n := 0
	if d.eng != nil {
		n = int(d.eng.docFreq(field, term))
	} else if tfr, err := d.r.TermFieldReader(d.ctx, []byte(term), field, false, false, false); err == nil {
		n = int(tfr.Count())
		tfr.Close()
	}
	d.cache[key] = n
	return n
}

// maxExpansion bounds the terms a prefix or a filter pattern expands to.
const maxExpansion = 5000

// collect returns the terms of fd that keep accepts (all when keep is nil),
// at most maxExpansion.
func collect(fd bindex.FieldDict, err error, keep func(string) bool) []string {
	if err != nil {
		return nil
	}
	defer fd.Close()
	var out []string
	for len(out) < maxExpansion {
		e, err := fd.Next()
		if err != nil || e == nil {
			break
		}
		if keep == nil || keep(e.Term) {
			out = append(out, e.Term)
		}
	}
	return out
}

func (d *dict) prefixTerms(field, prefix string) []string {
	fd, err := d.r.FieldDictPrefix(field, []byte(prefix))
	return collect(fd, err, nil)
}

// compiled is a query string turned into a query tree.
type compiled struct {
	root *node
	// literal is root without the work-area alternatives, nil when the
	// query names no area; tiers rank the hits then (see tiering).
	literal *node
	tiers   *tiering
	// rank are scored terms that do not select: an entry whose heading
	// holds a query word ranks higher.
	rank  []*node
	terms []QueryTerm
	marks []markGroup
	// areas are the parts that name work areas, for telling why an entry
	// matched.
	areas []areaPart
}

// areaPart is a part of a query that names work areas: lit matches its
// words, topics are its areas.
type areaPart struct {
	lit    *node
	topics []string
}

// reason tells how an entry with the given text and topics matched: by
// its words, or through the areas (topic ids) that stood in for missing
// words.
func (c *compiled) reason(text string, topics []string) (match string, areas []string) {
	if c.literal == nil || c.literal.verify(text, topics) {
		return MatchWords, nil
	}
	for _, p := range c.areas {
		if p.lit != nil && p.lit.verify(text, topics) {
			continue
		}
		for _, t := range p.topics {
			if containsString(topics, t) && !containsString(areas, t) {
				areas = append(areas, t)
			}
		}
	}
	if len(areas) == 0 {
		return MatchWords, nil
	}
	return MatchArea, areas
}

// Why a hit matched (Hit.Match).
const (
	MatchWords = "words" // it holds the words (or their synonyms)
	MatchArea  = "topic" // it is tagged with a work area the query names
)

// markGroup is what to highlight for one part of a query (folded,
// simplified): the primary strings where an entry holds one of them, else
// the fallback ones (the words of a part whose whole is not there).
type markGroup struct {
	primary, fallback []string
}

// marksFor returns the strings to highlight in an entry with the given
// folded simplified text.
func (c *compiled) marksFor(text string) []string {
	var out []string
	for _, g := range c.marks {
		found := false
		for _, m := range g.primary {
			if m != "" && strings.Contains(text, m) {
				found = true
				break
			}
		}
		out = append(out, g.primary...)
		if !found {
			out = append(out, g.fallback...)
		}
	}
	return out
}

// alt is one alternative of a query part: full matches it with its work
// areas, lit by its words (or their synonyms), typed by the words as typed.
type alt struct{ full, lit, typed *node }

// compile turns the parsed query of r (ParseQuery) and its filters into a
// query tree. The parts of an Or form one alternative; the others must all
// match; a Not leaves its entries out.
func (ix *Index) compile(d *dict, r *Request) *compiled {
	c := &compiled{}
	var groups [][]alt
	var mustNot []*node
	named := map[string]bool{} // areas already named by an earlier part
	for _, q := range ParseQuery(r.Query).Qs {
		switch q := q.(type) {
		case Not:
			if n := ix.excluded(d, c, q); n != nil { // nothing searchable excludes nothing
				mustNot = append(mustNot, n)
			}
		case Or:
			g := make([]alt, len(q.Qs))
			for i, m := range q.Qs {
				g[i] = ix.alternative(d, c, r, m, i > 0, named)
			}
			groups = append(groups, g)
		default:
			groups = append(groups, []alt{ix.alternative(d, c, r, q, false, named)})
		}
	}
	var must, lit, typed []*node
	for _, g := range groups {
		var fulls, lits, typeds []*node
		for _, a := range g {
			fulls, lits, typeds = append(fulls, a.full), append(lits, a.lit), append(typeds, a.typed)
		}
		must, lit, typed = append(must, or(fulls...)), append(lit, or(lits...)), append(typed, or(typeds...))
	}
	filters := ix.filterNodes(d, r)
	must, lit, typed = append(must, filters...), append(lit, filters...), append(typed, filters...)
	if len(must) == 0 {
		must = []*node{{kind: nodeAll}}
	}
	c.rank = d.rank
	c.root = withNot(and(must...), mustNot)
	if len(c.areas) > 0 {
		c.literal = withNot(and(lit...), mustNot)
		var area []*node
		for _, p := range c.areas {
			for _, t := range p.topics {
				area = append(area, termNode(fieldKeys, key(keyTopic, t), 0))
			}
		}
		c.tiers = &tiering{typed: withNot(and(typed...), mustNot), literal: c.literal, area: or(area...)}
	}
	return c
}

// excluded compiles an excluded part (its entries are left out) and
// records it for --explain.
func (ix *Index) excluded(d *dict, c *compiled, q Not) *node {
	text, phrase := leafText(q.Q)
	simp := segment.Normalize(ix.simplify(text))
	c.terms = append(c.terms, QueryTerm{Text: text, Simplified: simp, Phrase: phrase, Exclude: true})
	return ix.unit(d, simp, 0)
}

// alternative compiles a word or a phrase of the query; orPrev marks it as an
// alternative to the part before (for --explain). A word that names a work
// area also matches the sections tagged with it, unless r asks for exact
// words; an area stands in for the words of the first part that names it
// only (福利 体检: both name welfare, 体检 must still occur).
func (ix *Index) alternative(d *dict, c *compiled, r *Request, q Q, orPrev bool, named map[string]bool) alt {
	text, phrase := leafText(q)
	simp := segment.Normalize(ix.simplify(text))
	t := QueryTerm{Text: text, Simplified: simp, Phrase: phrase, Or: orPrev}
	var n, typed *node
	if phrase {
		n = ix.unit(d, simp, boostWhole)
		typed = n
		c.marks = append(c.marks, markGroup{primary: []string{simp}})
	} else {
		n, typed = ix.partNode(d, &t, r.Exact, c)
	}
	var area *node
	if !phrase && !r.Exact {
		syns := t.Synonyms
		if len(t.Words) == 1 {
			syns = append(append([]string(nil), syns...), t.Words[0].Synonyms...)
		}
		for _, a := range ix.areas.of(simp, syns) {
			if !named[a] {
				named[a] = true
				t.Areas = append(t.Areas, a)
			}
		}
		area = ix.areaNode(d, t.Areas)
		if area != nil {
			c.areas = append(c.areas, areaPart{lit: n, topics: t.Areas})
		}
	}
	c.terms = append(c.terms, t)
	a := alt{full: or(n, area), lit: n, typed: typed}
	if a.full == nil {
		a.full = &node{kind: nodeNone}
	}
	if a.lit == nil {
		a.lit = &node{kind: nodeNone}
	}
	if a.typed == nil {
		a.typed = &node{kind: nodeNone}
	}
	return a
}

// leafText is the text of a Word or a Phrase, and whether it is a phrase.
func leafText(q Q) (string, bool) {
	switch q := q.(type) {
	case Phrase:
		return q.Text, true
	case Word:
		return q.Text, false
	}
	return q.String(), false
}

// withNot returns n with entries matching any of not left out.
func withNot(n *node, not []*node) *node {
	if len(not) == 0 {
		return n
	}
	if n.kind != nodeAnd || n.exact != "" || len(n.not) > 0 {
		n = &node{kind: nodeAnd, kids: []*node{n}}
	} else {
		n = &node{kind: nodeAnd, kids: n.kids}
	}
	n.not = not
	return n
}

// areaNode matches the entries tagged with one of the topics; the strong
// words of each topic rank them (the entries found through an area alone
// rank below those that hold the query's words: see engine.run).
func (ix *Index) areaNode(d *dict, topics []string) *node {
	var kids []*node
	for _, t := range topics {
		n := termNode(fieldKeys, key(keyTopic, t), 0)
		n.area = t
		kids = append(kids, n)
		for _, w := range ix.areas.rankWords(t) {
			if d.freq(fieldWords, w) > 0 {
				d.rank = append(d.rank, termNode(fieldWords, w, boostArea))
			}
		}
	}
	return or(kids...)
}

// Boosts: a word found as a gse word ranks above the same characters inside
// another word; the whole of a multi-word part above its words apart; an
// expansion below what was typed.
const (
	boostWord    = 1.0
	boostGrams   = 1.0
	boostWhole   = 2.0
	boostSynonym = 0.5
	boostHead    = 3.0 // the word in the heading
	boostArea    = 0.3 // a word of a work area the query names
)

// partNode builds the query of an unquoted part: its words must all occur
// (each also through its synonyms); the whole part as one string ranks
// higher. typed is the same without the synonyms (sharing its nodes).
func (ix *Index) partNode(d *dict, t *QueryTerm, exact bool, c *compiled) (n, typed *node) {
	freq := func(w string) int { return d.freq(fieldWords, w) }
	words := segment.CutVocab(t.Simplified, freq, d.total)
	if len(words) == 0 {
		return nil, nil
	}
	var alts []*node
	synonyms := func(syns []string) {
		for _, s := range syns {
			alts = append(alts, ix.unit(d, s, boostSynonym))
		}
	}
	if len(words) == 1 && words[0].Text == t.Simplified {
		w := QueryWord{Word: t.Simplified}
		if !exact {
			w.Synonyms = ix.thesaurus.Expand(w.Word)
		}
		t.Words = []QueryWord{w}
		typed = ix.wordNode(d, w.Word)
		alts = append(alts, typed)
		synonyms(w.Synonyms)
		c.marks = append(c.marks, markGroup{primary: append([]string{w.Word}, w.Synonyms...)})
		return or(alts...), typed
	}
	if !exact {
		t.Synonyms = ix.thesaurus.Expand(t.Simplified)
	}
	g := markGroup{primary: append([]string{t.Simplified}, t.Synonyms...)}
	var conj, typedConj []*node
	for _, tok := range words {
		w := QueryWord{Word: tok.Text}
		if !exact {
			w.Synonyms = ix.thesaurus.Expand(w.Word)
		}
		t.Words = append(t.Words, w)
		wn := ix.wordNode(d, w.Word)
		typedConj = append(typedConj, wn)
		wa := []*node{wn}
		for _, s := range w.Synonyms {
			wa = append(wa, ix.unit(d, s, boostSynonym))
		}
		conj = append(conj, or(wa...))
		g.fallback = append(g.fallback, w.Word)
		g.fallback = append(g.fallback, w.Synonyms...)
	}
	c.marks = append(c.marks, g)
	var whole *node
	if len(words) > 1 {
		whole = ix.unit(d, t.Simplified, boostWhole)
		alts = append(alts, whole)
	}
	alts = append(alts, and(conj...))
	synonyms(t.Synonyms)
	return or(alts...), or(whole, and(typedConj...))
}

// wordNode matches a word typed by the user: as a contiguous string (the
// gram field) and, where it is a gse word of the corpus, as a word (the zh
// field), which adds to the score.
func (ix *Index) wordNode(d *dict, w string) *node {
	u := ix.unit(d, w, 1)
	if u == nil {
		return nil
	}
	if d.freq(fieldWords, w) == 0 {
		return u
	}
	wt := termNode(fieldWords, w, boostWord)
	wt.exact = w
	return or(u, wt)
}

// unit matches a folded simplified string as a contiguous substring of an
// entry: all its character pairs (and words) in the gram field, each lone
// character as the start of some term. boost 0 makes it a pure filter.
func (ix *Index) unit(d *dict, u string, boost float64) *node {
	terms, prefixes := segment.QueryGrams(u)
	if len(terms)+len(prefixes) == 0 {
		return nil
	}
	// Only the rarest pair is scored: the others select the same entries
	// and would cost a pass over their postings each.
	var kids []*node
	rarest, rarestDF := -1, 0
	for i, t := range terms {
		n := termNode(fieldGrams, t, 0)
		df := d.freq(fieldGrams, t)
		if segment.IsHanPair(t) {
			if w := d.freq(fieldWords, t); w > 0 {
				n.alt = fieldWords
				df += w
			}
		}
		kids = append(kids, n)
		if rarest < 0 || df < rarestDF {
			rarest, rarestDF = i, df
		}
	}
	if rarest >= 0 && boost > 0 {
		kids[rarest].boost = boost * boostGrams
		d.rank = append(d.rank, termNode(fieldHead, terms[rarest], boost*boostHead))
	}
	for _, p := range prefixes {
		// A lone character: every term that starts with it. Only the
		// character itself (the end of a run) is scored, when nothing
		// else is: scoring hundreds of pairs would cost a pass over each.
		var alts []*node
		for _, t := range d.prefixTerms(fieldGrams, p) {
			b := 0.0
			if t == p && rarest < 0 {
				b = boost * boostGrams
			}
			alts = append(alts, termNode(fieldGrams, t, b))
		}
		// The pairs that start with it and are words (see alt).
		for _, t := range d.prefixTerms(fieldWords, p) {
			if segment.IsHanPair(t) {
				alts = append(alts, termNode(fieldWords, t, 0))
			}
		}
		if len(alts) == 0 {
			return &node{kind: nodeNone, exact: u}
		}
		kids = append(kids, or(alts...))
	}
	if len(kids) == 1 && len(prefixes) == 0 && utf8.RuneCountInString(u) <= 2 {
		kids[0].exact = u
		return kids[0]
	}
	return &node{kind: nodeAnd, kids: kids, exact: u}
}

// filterNodes builds the filters of a request.
func (ix *Index) filterNodes(d *dict, r *Request) []*node {
	var out []*node
	anyOf := func(name string, values []string) {
		var kids []*node
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				kids = append(kids, termNode(fieldKeys, key(name, v), 0))
			}
		}
		if len(kids) > 0 {
			out = append(out, or(kids...))
		}
	}
	anyOf(keyTopic, r.Topics)
	anyOf(keyTag, r.Tags)
	anyOf(keyKind, r.Kinds)
	anyOf(keyOrgType, r.OrgTypes)
	anyOf(keyScript, r.Scripts)
	anyOf(keySource, r.Sources)
	var months []string
	for _, m := range r.Months {
		months = append(months, strconv.Itoa(m))
	}
	anyOf(keyMonth, months)
	if r.OnlyRelevant {
		anyOf(keyRelevant, []string{"true"})
	}
	// terms returns the values of the keyword name that keep accepts.
	values := func(fd bindex.FieldDict, err error, keep func(string) bool) []string {
		var out []string
		for _, t := range collect(fd, err, nil) {
			if v := strings.TrimPrefix(t, key(name0(t), "")); keep == nil || keep(v) {
				out = append(out, v)
			}
		}
		return out
	}
	var orgKeys []string
	for _, o := range r.Orgs {
		if k := orgKey(ix.simplify(o)); k != "" {
			orgKeys = append(orgKeys, k)
		}
	}
	if len(orgKeys) > 0 {
		fd, err := d.r.FieldDictPrefix(fieldKeys, []byte(key(keyOrg, "")))
		orgs := values(fd, err, func(org string) bool {
			for _, k := range orgKeys {
				if strings.Contains(org, k) {
					return true
				}
			}
			return false
		})
		anyOf(keyOrg, orgs)
		if len(orgs) == 0 {
			out = append(out, &node{kind: nodeNone})
		}
	}
	if !r.Years.IsZero() {
		from, to := r.Years.From, r.Years.To
		if from <= 0 {
			from = 1000
		}
		if to <= 0 {
			to = 9999
		}
		fd, err := d.r.FieldDictRange(fieldKeys, []byte(key(keyYear, fmt.Sprintf("%04d", from))),
			[]byte(key(keyYear, fmt.Sprintf("%04d", to))))
		years := values(fd, err, nil)
		anyOf(keyYear, years)
		if len(years) == 0 {
			out = append(out, &node{kind: nodeNone})
		}
	}
	return out
}

// name0 returns the keyword name of a term of fieldKeys.
func name0(term string) string {
	name, _, _ := strings.Cut(term, "=")
	return name
}

// bleveQuery turns a query tree into the equivalent Bleve query (without
// the exact-string check), for indexes the engine cannot read and to check
// the engine against Bleve.
func bleveQuery(n *node) query.Query {
	switch n.kind {
	case nodeTerm:
		term := func(field string) query.Query {
			q := query.NewTermQuery(n.term)
			q.SetField(field)
			if n.boost > 0 {
				q.SetBoost(n.boost)
			}
			return q
		}
		if n.alt != "" {
			return query.NewDisjunctionQuery([]query.Query{term(n.field), term(n.alt)})
		}
		return term(n.field)
	case nodeAnd:
		var must, not []query.Query
		for _, k := range n.kids {
			must = append(must, bleveQuery(k))
		}
		for _, k := range n.not {
			not = append(not, bleveQuery(k))
		}
		if len(not) == 0 {
			return query.NewConjunctionQuery(must)
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		return query.NewBooleanQuery(must, nil, not)
	case nodeOr:
		var kids []query.Query
		for _, k := range n.kids {
			kids = append(kids, bleveQuery(k))
		}
		return query.NewDisjunctionQuery(kids)
	case nodeAll:
		return query.NewMatchAllQuery()
	}
	return query.NewMatchNoneQuery()
}

// explain renders the understood query for people.
func explain(terms []QueryTerm) string {
	var b strings.Builder
	for i, t := range terms {
		switch {
		case t.Or:
			b.WriteString("；或者 ")
		case i > 0:
			b.WriteString("；")
		}
		switch {
		case t.Exclude:
			fmt.Fprintf(&b, "排除含“%s”的段落", t.Simplified)
		case t.Phrase:
			fmt.Fprintf(&b, "短语“%s”（原样连续出现）", t.Simplified)
		default:
			b.WriteString(t.Text)
			b.WriteString(" → ")
			for j, w := range t.Words {
				if j > 0 {
					b.WriteString(" + ")
				}
				b.WriteString(w.Word)
				if len(w.Synonyms) > 0 {
					fmt.Fprintf(&b, "（或 %s）", strings.Join(w.Synonyms, "、"))
				}
			}
			if len(t.Words) > 1 {
				b.WriteString("，各词都要出现，整体连续出现者排前")
			}
			if len(t.Synonyms) > 0 {
				fmt.Fprintf(&b, "；整体也可换作 %s", strings.Join(t.Synonyms, "、"))
			}
			if len(t.Words) == 0 {
				b.WriteString("（没有可检索的字词）")
			}
			if len(t.Areas) > 0 {
				names := make([]string, len(t.Areas))
				for i, a := range t.Areas {
					names[i] = "“" + corpus.TopicName(a) + "”"
				}
				fmt.Fprintf(&b, "；也找工作领域为%s的段落（不含这些词的排在后面）", strings.Join(names, "、"))
			}
		}
	}
	return b.String()
}
