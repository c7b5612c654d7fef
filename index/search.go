package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/sync/errgroup"

	"plans/corpus"
	"plans/segment"
)

// Request is a search.
type Request struct {
	// Query is what the user typed: words (all must occur, each also
	// through its synonyms), "quoted phrases" (exactly as written), -words
	// (must not occur). Empty lists everything that passes the filters.
	Query string

	// Filters: a hit must match one of the values of every non-empty list.
	Topics, Tags, Kinds, OrgTypes, Scripts, Sources []string
	Orgs                                            []string // part of the organisation name
	Years                                           YearRange
	Months                                          []int // calendar entries of these months
	OnlyRelevant                                    bool  // skip documents that are not union plans or summaries

	Limit  int // hits per page (default 10)
	Offset int // hits to skip
	// PerDoc is the most hits one document shows (default 2); the others
	// are counted in Hit.More.
	PerDoc int
	// Exact turns the thesaurus and work-area matching off.
	Exact bool
	// Sort is SortRelevance (default) or SortYear (newest first, the best
	// first within a year).
	Sort string
	// ByDoc counts Limit and Offset in documents rather than hits, and
	// fills Result.Documents.
	ByDoc bool
	// Fragments is the number of fragments per hit (default 2), FragmentChars
	// their length in characters (default 80).
	Fragments, FragmentChars int
}

// Orders of hits (Request.Sort).
const (
	SortRelevance = "relevance"
	SortYear      = "year"
)

func (r *Request) defaults() {
	if r.Limit <= 0 {
		r.Limit = 10
	}
	if r.Offset < 0 {
		r.Offset = 0
	}
	if r.PerDoc <= 0 {
		r.PerDoc = 2
	}
	if r.Fragments <= 0 {
		r.Fragments = 2
	}
	if r.FragmentChars <= 0 {
		r.FragmentChars = 80
	}
}

// Result is a page of hits with facet counts over all hits.
type Result struct {
	Query string `json:"query"`
	// Total is the number of matching entries (sections, calendar
	// entries, preambles). Facets count the same entries. A term of three
	// or more characters is matched by its character pairs, so in rare
	// cases an entry that holds all the pairs apart is counted; such an
	// entry is never shown as a hit (its text is checked).
	Total  uint64 `json:"total"`
	TookMS int64  `json:"took_ms"`
	Hits   []Hit  `json:"hits"`
	Facets Facets `json:"facets"`
	// TotalDocs is the number of documents with a matching entry;
	// FacetDocs counts documents as Facets counts entries (a document
	// counts once for each value that one of its matching entries has).
	TotalDocs uint64 `json:"total_docs"`
	FacetDocs Facets `json:"facet_docs"`
	// Documents are the page's documents with their hits (Request.ByDoc).
	Documents []DocHits `json:"documents,omitempty"`
	// Terms is how the query was understood, Explain the same in words.
	Terms   []QueryTerm `json:"terms"`
	Explain string      `json:"explain"`
	// ThesaurusVersion is the version of the synonym table used.
	ThesaurusVersion string `json:"thesaurus_version,omitempty"`
	// Suggestions are queries worth trying when nothing was found: a work
	// area or a word of the corpus close to what was typed.
	Suggestions []string `json:"suggestions,omitempty"`
}

// DocHits is one document of a result with its best hits.
type DocHits struct {
	DocID   string         `json:"doc_id"`
	Title   string         `json:"title"`
	Org     string         `json:"org"`
	OrgType corpus.OrgType `json:"org_type"`
	Year    int            `json:"year"`
	Kind    corpus.Kind    `json:"kind"`
	Source  string         `json:"source"`
	// Matches is the number of matching entries of the document (those
	// shown and the others).
	Matches int   `json:"matches"`
	Hits    []Hit `json:"hits"`
}

// Facets are counts of matching entries by field value.
type Facets struct {
	Topic   map[string]int `json:"topic"`
	Year    map[string]int `json:"year"` // entries of documents with no known year are not counted
	Tag     map[string]int `json:"tag"`
	Kind    map[string]int `json:"kind"`
	OrgType map[string]int `json:"org_type"`
}

// Hit is one matching entry.
type Hit struct {
	DocID       string
	SectionID   string // the section, or the calendar entry's section; "" for a preamble
	Entry       string // section | calendar | preamble
	Source      string
	Title       string
	Org         string // "" when unknown
	OrgType     corpus.OrgType
	Year        int // 0 when unknown
	Kind        corpus.Kind
	Script      corpus.Script
	Heading     string
	HeadingPath []string
	Tag         corpus.Tag
	Topics      []string
	Months      []int
	Score       float64
	Fragments   []Fragment
	// More is the number of other matching entries of the same document
	// that are not shown (see Request.PerDoc); NextSection is the section
	// of the best of them ("" when it has none), set on the document's
	// last hit.
	More        int
	NextSection string
	// Match is MatchWords when the entry holds the query's words, MatchArea
	// when a work area the query names stood in for some of them; Areas
	// are those areas (topic ids).
	Match string
	Areas []string
}

// hitJSON is the search contract's shape of a hit.
type hitJSON struct {
	DocID       string     `json:"doc_id"`
	SectionID   *string    `json:"section_id"`
	Entry       string     `json:"entry"`
	Source      string     `json:"source"`
	Title       string     `json:"title"`
	Org         *string    `json:"org"`
	OrgType     string     `json:"org_type"`
	Year        *int       `json:"year"`
	Kind        string     `json:"kind"`
	Script      string     `json:"script"`
	Heading     string     `json:"heading"`
	HeadingPath []string   `json:"heading_path"`
	Tag         string     `json:"tag"`
	Role        string     `json:"role"`
	Topics      []string   `json:"topics"`
	Months      []int      `json:"months,omitempty"`
	Score       float64    `json:"score"`
	Fragments   []Fragment `json:"fragments"`
	More        int        `json:"more"`
	Match       string     `json:"match,omitempty"`
	MatchTopics []string   `json:"match_topics,omitempty"`
}

// MarshalJSON writes the search contract: org and year null when unknown,
// fragments as HTML with <mark>.
func (h Hit) MarshalJSON() ([]byte, error) {
	j := hitJSON{
		DocID: h.DocID, Entry: h.Entry, Source: h.Source, Title: h.Title,
		OrgType: string(h.OrgType), Kind: string(h.Kind), Script: string(h.Script),
		Heading: h.Heading, HeadingPath: nonNilStrings(h.HeadingPath), Tag: string(h.Tag),
		Role: corpus.TagNames[h.Tag], Topics: nonNilStrings(h.Topics), Months: h.Months,
		Score: h.Score, Fragments: h.Fragments, More: h.More, Match: h.Match, MatchTopics: h.Areas,
	}
	if j.Fragments == nil {
		j.Fragments = []Fragment{}
	}
	if h.SectionID != "" {
		s := h.SectionID
		j.SectionID = &s
	}
	if h.Org != "" {
		o := h.Org
		j.Org = &o
	}
	if h.Year != 0 {
		y := h.Year
		j.Year = &y
	}
	return marshalRaw(j)
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Search runs a request. Hits are grouped by document: a document's best
// entries (at most Request.PerDoc) come together, in the order of its best
// score. Fragments come from src, in the original script.
func (ix *Index) Search(ctx context.Context, r Request, src Source) (*Result, error) {
	start := time.Now()
	r.defaults()
	p, err := ix.prepare(ctx, &r)
	if err != nil {
		return nil, err
	}
	defer p.close()
	res := &Result{Query: r.Query, Terms: p.c.terms, Explain: explain(p.c.terms), Hits: []Hit{},
		ThesaurusVersion: ix.thesaurus.Version()}
	want := r.Offset + r.Limit

	// rank returns the k best hits.
	var rank func(k int) ([]scoredHit, error)
	if p.eng != nil {
		ev := p.eng.run(p.c.root, p.c.tiers, p.c.rank...)
		res.Total = ev.total()
		terms := p.facetTerms()
		counts, docs, docCounts := ev.facetCounts(terms, &ix.docs)
		res.Facets, res.TotalDocs, res.FacetDocs = facetsFrom(counts), docs, facetsFrom(docCounts)
		if r.Sort == SortYear {
			var years []string
			for _, t := range terms {
				if name0(t) == keyYear {
					years = append(years, t)
				}
			}
			ev.orderByYear(years)
		}
		rank = func(k int) ([]scoredHit, error) { return ev.top(k, &ix.docs), nil }
	} else {
		first := true
		rank = func(k int) ([]scoredHit, error) {
			// Without the engine there are no facet counts: the keywords
			// have no doc values.
			req := bleve.NewSearchRequestOptions(bleveQuery(p.c.root), k, 0, false)
			sr, err := ix.bi.SearchInContext(ctx, req)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			if first {
				res.Total = sr.Total
				res.Facets, res.FacetDocs = facetsFrom(nil), facetsFrom(nil)
				first = false
			}
			out := make([]scoredHit, len(sr.Hits))
			for i, h := range sr.Hits {
				out[i] = scoredHit{ID: h.ID, Score: h.Score}
			}
			return out, nil
		}
	}

	docs := make(map[string]*docView)
	bad := make(map[string]bool) // hits whose text does not hold the query
	k := max(4*want, 50)
	ranked, err := rank(k)
	if err != nil {
		return nil, err
	}
	for checks := 0; ; {
		grouped := groupHits(ranked, bad, r.PerDoc)
		have := len(grouped)
		if r.ByDoc {
			have = countDocs(grouped)
		}
		if have < want && uint64(len(ranked)) < res.Total && len(ranked) == k {
			k *= 4
			if ranked, err = rank(k); err != nil {
				return nil, err
			}
			continue
		}
		page := pageOf(grouped, r.Offset, r.Limit, r.ByDoc)
		if err := ix.loadDocs(ctx, page, src, docs); err != nil {
			return nil, err
		}
		hits, failed, err := ix.completeHits(ctx, page, p.c, &r, src, docs)
		if err != nil {
			return nil, err
		}
		if checks++; len(failed) == 0 || checks == 5 {
			res.Hits = hits
			break
		}
		for _, id := range failed {
			bad[id] = true
		}
	}
	if r.ByDoc {
		res.Documents = byDocument(res.Hits)
	}
	if res.Total == 0 && strings.TrimSpace(r.Query) != "" {
		res.Suggestions = ix.suggest(p)
	}
	res.TookMS = time.Since(start).Milliseconds()
	return res, nil
}

// countDocs returns the number of documents among grouped hits.
func countDocs(g []groupedHit) int {
	n, last := 0, ""
	for _, h := range g {
		if id, _ := splitID(h.ID); id != last {
			n, last = n+1, id
		}
	}
	return n
}

// pageOf returns the hits of one page: offset and limit count hits, or
// documents when byDoc.
func pageOf(g []groupedHit, offset, limit int, byDoc bool) []groupedHit {
	if !byDoc {
		if offset >= len(g) {
			return nil
		}
		return g[offset:min(len(g), offset+limit)]
	}
	from, to := len(g), len(g)
	n, last := -1, ""
	for i, h := range g {
		if id, _ := splitID(h.ID); id != last {
			n, last = n+1, id
			if n == offset {
				from = i
			}
			if n == offset+limit {
				to = i
				break
			}
		}
	}
	if from > to {
		return nil
	}
	return g[from:to]
}

// byDocument gathers consecutive hits of one document.
func byDocument(hits []Hit) []DocHits {
	out := []DocHits{}
	for _, h := range hits {
		if n := len(out); n == 0 || out[n-1].DocID != h.DocID {
			out = append(out, DocHits{DocID: h.DocID, Title: h.Title, Org: h.Org, OrgType: h.OrgType,
				Year: h.Year, Kind: h.Kind, Source: h.Source})
		}
		d := &out[len(out)-1]
		d.Hits = append(d.Hits, h)
		d.Matches += 1 + h.More
	}
	return out
}

// prepared is a compiled request with the reader it was compiled against.
type prepared struct {
	r   bindex.IndexReader
	eng *engine
	c   *compiled
	d   *dict
	req Request
}

func (p *prepared) close() { p.r.Close() }

// facetTerms returns the keywords counted in facets.
func (p *prepared) facetTerms() []string {
	var out []string
	for _, name := range facetNames {
		fd, err := p.r.FieldDictPrefix(fieldKeys, []byte(key(name, "")))
		out = append(out, collect(fd, err, nil)...)
	}
	return out
}

// prepare opens a reader on the current snapshot and compiles the request.
func (ix *Index) prepare(ctx context.Context, r *Request) (*prepared, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	total, err := reader.DocCount()
	if err != nil {
		reader.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	p := &prepared{r: reader, eng: newEngine(reader)}
	d := &dict{ctx: ctx, r: reader, eng: p.eng, total: int(total), cache: make(map[string]int)}
	p.c = ix.compile(d, r)
	p.d, p.req = d, *r
	return p, nil
}

// groupedHit is a hit with the number of entries of its document that are
// not shown.
type groupedHit struct {
	scoredHit
	more int
	next string // the Bleve id of the best hit of the document not shown
}

// groupHits orders hits by document (documents in the order of their best
// hit) and keeps at most perDoc of each, leaving out those in skip.
func groupHits(hits []scoredHit, skip map[string]bool, perDoc int) []groupedHit {
	type group struct {
		hits []scoredHit
		n    int
		next string
	}
	var order []string
	groups := make(map[string]*group)
	for _, h := range hits {
		if skip[h.ID] || h.ID == "" {
			continue
		}
		id, _ := splitID(h.ID)
		g, ok := groups[id]
		if !ok {
			g = &group{}
			groups[id] = g
			order = append(order, id)
		}
		g.n++
		if len(g.hits) < perDoc {
			g.hits = append(g.hits, h)
		} else if _, k := splitID(h.ID); g.next == "" && k != keyPreamble {
			g.next = h.ID // the opening has no section to go to
		}
	}
	var out []groupedHit
	for _, id := range order {
		g := groups[id]
		for i, h := range g.hits {
			gh := groupedHit{scoredHit: h}
			if i == len(g.hits)-1 {
				gh.more, gh.next = g.n-len(g.hits), g.next
			}
			out = append(out, gh)
		}
	}
	return out
}

// loadDocs reads the documents of the hits that are not in docs yet, a few
// at a time.
func (ix *Index) loadDocs(ctx context.Context, page []groupedHit, src Source, docs map[string]*docView) error {
	if src == nil {
		return fmt.Errorf("search: no document source")
	}
	var ids []string
	for _, gh := range page {
		id, _ := splitID(gh.ID)
		if _, ok := docs[id]; !ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	views := make([]*docView, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i, id := range ids {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := src.Document(id)
			if err != nil {
				return fmt.Errorf("search: document %s: %w", id, err)
			}
			views[i] = ix.newDocView(&d)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, id := range ids {
		docs[id] = views[i]
	}
	return nil
}

// completeHits builds the display of hits whose documents are loaded:
// it checks that their text holds the query (the index matches character pairs; see node.exact) and
// builds their display. It returns the ids of the hits that failed.
func (ix *Index) completeHits(ctx context.Context, page []groupedHit, c *compiled, r *Request, src Source, docs map[string]*docView) ([]Hit, []string, error) {
	out := make([]Hit, 0, len(page))
	var failed []string
	for _, gh := range page {
		if err := checkCtx(ctx); err != nil {
			return nil, nil, err
		}
		docID, key := splitID(gh.ID)
		dv, ok := docs[docID]
		if !ok {
			return nil, nil, fmt.Errorf("search: document %s not loaded", docID)
		}
		d := dv.d
		h := Hit{
			DocID: d.ID, Source: d.Source, Title: d.Title, Org: d.Org, OrgType: d.OrgType,
			Year: d.Year, Kind: d.Kind, Script: d.Script, Score: gh.Score, More: gh.more,
		}
		e, ok := dv.entry(key)
		if !ok {
			// The store changed since the index was written; show what is known.
			h.Entry = "unknown"
			out = append(out, h)
			continue
		}
		folded := segment.Normalize(e.Simp)
		if !c.root.verify(folded, e.Topics) {
			failed = append(failed, gh.ID)
			continue
		}
		h.Match, h.Areas = c.reason(folded, e.Topics)
		if gh.next != "" {
			if _, k := splitID(gh.next); k != "" {
				if ne, ok := dv.entry(k); ok {
					h.NextSection = ne.SectionID
				}
			}
		}
		h.Entry = string(e.Kind)
		h.SectionID = e.SectionID
		h.Heading = e.Heading
		h.HeadingPath = e.Path
		h.Tag = e.Tag
		h.Topics = e.Topics
		h.Months = e.Months
		marks := c.marksFor(folded)
		if h.Match == MatchArea {
			// The words of the area it holds show why it is here.
			for _, a := range h.Areas {
				marks = append(marks, ix.areas.words[a]...)
			}
		}
		h.Fragments = fragments(e.Orig, e.Simp, marks, r.Fragments, r.FragmentChars)
		out = append(out, h)
	}
	return out, failed, nil
}

// facetsFrom sorts counts of facet terms ("name=value") into Facets.
func facetsFrom(counts map[string]int) Facets {
	out := Facets{Topic: map[string]int{}, Year: map[string]int{}, Tag: map[string]int{},
		Kind: map[string]int{}, OrgType: map[string]int{}}
	byName := map[string]map[string]int{keyTopic: out.Topic, keyYear: out.Year, keyTag: out.Tag,
		keyKind: out.Kind, keyOrgType: out.OrgType}
	for term, n := range counts {
		name, value, ok := strings.Cut(term, "=")
		if m := byName[name]; ok && m != nil {
			m[value] = n
		}
	}
	return out
}

// SortedYears returns the year facet's keys in order (for display).
func (f Facets) SortedYears() []string {
	ys := make([]string, 0, len(f.Year))
	for y := range f.Year {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool {
		a, _ := strconv.Atoi(ys[i])
		b, _ := strconv.Atoi(ys[j])
		return a < b
	})
	return ys
}
