package index

import (
	"container/heap"
	"math"
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// engine evaluates query trees on the segments of a scorch snapshot with
// their postings bitmaps: matching, counting and facet counts are set
// operations, whatever the number of hits; only the scored terms are read
// posting by posting, and only for the hits. Bleve's own searchers visit
// every hit (and its doc values, for facets), which costs microseconds per
// hit — too much for a common word in a large workspace.
type engine struct {
	segs []*segState
	// live is the number of entries in the snapshot.
	live uint64
}

type segState struct {
	ss      *scorch.SegmentSnapshot
	deleted *roaring.Bitmap
	dicts   map[string]segment.TermDictionary
	terms   map[string]*roaring.Bitmap // field\x00term → postings minus deleted
	// evals are the entries of the inner nodes evaluated so far: the
	// trees that rank a query (tiering) share nodes with it. Nodes do not
	// change once compiled, and an engine serves one search.
	evals map[*node]*roaring.Bitmap
}

// newEngine returns an engine over the reader, or nil when the reader is
// not a scorch snapshot.
func newEngine(r bindex.IndexReader) *engine {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	e := &engine{}
	for _, ss := range snap.Segments() {
		e.segs = append(e.segs, &segState{ss: ss, deleted: ss.Deleted(),
			dicts: map[string]segment.TermDictionary{}, terms: map[string]*roaring.Bitmap{}})
		e.live += ss.Count()
	}
	return e
}

func (s *segState) dict(field string) segment.TermDictionary {
	if d, ok := s.dicts[field]; ok {
		return d
	}
	d, err := s.ss.Segment().Dictionary(field)
	if err != nil {
		d = nil
	}
	s.dicts[field] = d
	return d
}

var emptyBitmap = roaring.New()

// postings returns the live entries of the segment whose field holds term.
// The bitmap may be shared with the segment: callers must not modify it.
func (s *segState) postings(field, term string) *roaring.Bitmap {
	key := field + "\x00" + term
	if bm, ok := s.terms[key]; ok {
		return bm
	}
	bm := emptyBitmap
	if d := s.dict(field); d != nil {
		if pl, err := d.PostingsList([]byte(term), s.deleted, nil); err == nil && pl != nil {
			if it, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator); ok {
				if n, ok := it.DocNum1Hit(); ok {
					bm = roaring.BitmapOf(uint32(n))
				} else if a := it.ActualBitmap(); a != nil {
					bm = a
				}
			}
		}
	}
	s.terms[key] = bm
	return bm
}

// termPostings returns the live entries of the segment that a term node
// matches: those whose field, or alt field, holds the term.
func (s *segState) termPostings(n *node) *roaring.Bitmap {
	bm := s.postings(n.field, n.term)
	if n.alt == "" {
		return bm
	}
	key := n.field + "|" + n.alt + "\x00" + n.term // the union, asked for by eval and run
	if u, ok := s.terms[key]; ok {
		return u
	}
	switch alt := s.postings(n.alt, n.term); {
	case alt.IsEmpty():
	case bm.IsEmpty():
		bm = alt
	default:
		bm = roaring.Or(bm, alt)
	}
	s.terms[key] = bm
	return bm
}

// matchAll is the automaton that accepts every term.
type matchAll struct{}

func (matchAll) Start() int               { return 0 }
func (matchAll) IsMatch(int) bool         { return true }
func (matchAll) CanMatch(int) bool        { return true }
func (matchAll) WillAlwaysMatch(int) bool { return true }
func (matchAll) Accept(int, byte) int     { return 0 }

// liveTerms returns the terms of field that start with prefix and that some
// live entry holds. (A segment's term dictionary keeps the terms of its
// deleted entries until it is merged away.)
func (e *engine) liveTerms(field, prefix string) []string {
	end := []byte(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			end = end[:i+1]
			break
		}
	}
	seen := make(map[string]bool)
	var out []string
	for _, s := range e.segs {
		d := s.dict(field)
		if d == nil {
			continue
		}
		anyDeleted := s.deleted != nil && !s.deleted.IsEmpty()
		it := d.AutomatonIterator(matchAll{}, []byte(prefix), end)
		for {
			de, err := it.Next()
			if err != nil || de == nil {
				break
			}
			if seen[de.Term] {
				continue
			}
			if anyDeleted && s.postings(field, de.Term).IsEmpty() {
				continue
			}
			seen[de.Term] = true
			out = append(out, de.Term)
		}
	}
	return out
}

// mayHold reports whether some segment's dictionary of field holds term
// (its entries may all be deleted): a cheap test before liveTerms.
func (e *engine) mayHold(field, term string) bool {
	for _, s := range e.segs {
		d := s.dict(field)
		if d == nil {
			continue
		}
		if ok, err := d.Contains([]byte(term)); err != nil || ok {
			return true
		}
	}
	return false
}

// docFreq returns the number of live entries whose field holds term.
func (e *engine) docFreq(field, term string) uint64 {
	var n uint64
	for _, s := range e.segs {
		n += s.postings(field, term).GetCardinality()
	}
	return n
}

// eval returns the entries of the segment that match n. The bitmap may be
// shared: callers must not modify it.
func (s *segState) eval(n *node) *roaring.Bitmap {
	if n.kind != nodeAnd && n.kind != nodeOr {
		return s.eval1(n)
	}
	if bm, ok := s.evals[n]; ok {
		return bm
	}
	bm := s.eval1(n)
	if s.evals == nil {
		s.evals = map[*node]*roaring.Bitmap{}
	}
	s.evals[n] = bm
	return bm
}

func (s *segState) eval1(n *node) *roaring.Bitmap {
	switch n.kind {
	case nodeTerm:
		return s.termPostings(n)
	case nodeAll:
		return s.ss.DocNumbersLive()
	case nodeAnd:
		bms := make([]*roaring.Bitmap, 0, len(n.kids))
		for _, k := range n.kids {
			bm := s.eval(k)
			if bm.IsEmpty() {
				return emptyBitmap
			}
			bms = append(bms, bm)
		}
		var out *roaring.Bitmap
		if len(bms) == 1 {
			out = bms[0].Clone()
		} else {
			out = roaring.FastAnd(bms...)
		}
		for _, k := range n.not {
			if out.IsEmpty() {
				break
			}
			out.AndNot(s.eval(k))
		}
		return out
	case nodeOr:
		bms := make([]*roaring.Bitmap, 0, len(n.kids))
		for _, k := range n.kids {
			if bm := s.eval(k); !bm.IsEmpty() {
				bms = append(bms, bm)
			}
		}
		switch len(bms) {
		case 0:
			return emptyBitmap
		case 1:
			return bms[0]
		}
		return roaring.FastOr(bms...)
	}
	return emptyBitmap
}

// evaluation is the result of a query tree on the whole snapshot.
type evaluation struct {
	e    *engine
	hits []*roaring.Bitmap // per segment
	// scores[i][j] is the score of the j-th hit of segment i (in doc order).
	docs   [][]uint32
	scores [][]float32
	// tiers[i][j] is the tier of a hit when the query names work areas
	// (see tiering); nil otherwise.
	tiers [][]uint8
	// years[i][j] is the year of the hit's document when hits are ranked
	// newest first (orderByYear); nil otherwise.
	years [][]uint16
}

// tiering ranks the hits of a query that names work areas: typed matches
// the words as typed, literal also their synonyms, area the entries tagged
// with one of the areas.
type tiering struct {
	typed, literal, area *node
}

// tier returns the tier of an entry (lower ranks first): the words as
// typed in a section about the area; the words as typed; synonyms in a
// section about the area; the area alone; synonyms alone.
func tier(typed, literal, area bool) uint8 {
	switch {
	case typed && area:
		return 0
	case typed:
		return 1
	case literal && area:
		return 2
	case area:
		return 3
	}
	return 4
}

// run evaluates n and scores the hits (with the scored terms of n and the
// ranking-only terms rank), segments in parallel. With t, hits are ranked
// by tier first.
func (e *engine) run(n *node, t *tiering, rank ...*node) *evaluation {
	ev := &evaluation{e: e, hits: make([]*roaring.Bitmap, len(e.segs)),
		docs: make([][]uint32, len(e.segs)), scores: make([][]float32, len(e.segs))}
	if t != nil {
		ev.tiers = make([][]uint8, len(e.segs))
	}
	leaves := uniqueLeaves(collectScored(n, append([]*node(nil), rank...)))
	// Document frequencies per segment, with the hits.
	dfs := make([][]uint64, len(e.segs))
	e.parallel(func(i int, s *segState) {
		ev.hits[i] = s.eval(n)
		dfs[i] = make([]uint64, len(leaves))
		for j, l := range leaves {
			dfs[i][j] = s.termPostings(l).GetCardinality()
		}
	})
	weights := make([]float32, len(leaves))
	live := float64(e.live)
	for j, l := range leaves {
		var df uint64
		for i := range dfs {
			df += dfs[i][j]
		}
		if df > 0 {
			idf := 1 + math.Log(live/(float64(df)+1))
			weights[j] = float32(l.boost * idf * idf)
		}
	}
	e.parallel(func(i int, s *segState) {
		ev.docs[i] = ev.hits[i].ToArray()
		ev.scores[i] = make([]float32, len(ev.docs[i]))
		if len(ev.docs[i]) == 0 {
			return
		}
		if t != nil {
			typed, lit, area := s.eval(t.typed), s.eval(t.literal), s.eval(t.area)
			tiers := make([]uint8, len(ev.docs[i]))
			for j, d := range ev.docs[i] {
				tiers[j] = tier(typed.Contains(d), lit.Contains(d), area.Contains(d))
			}
			ev.tiers[i] = tiers
		}
		for j, l := range leaves {
			if weights[j] > 0 {
				s.addScores(l.field, l.term, weights[j], ev.docs[i], ev.scores[i])
				if l.alt != "" {
					s.addScores(l.alt, l.term, weights[j], ev.docs[i], ev.scores[i])
				}
			}
		}
	})
	return ev
}

// parallel runs fn on every segment, as many at a time as there are
// processors. Each segment is handled by one goroutine at a time, so its
// caches need no lock.
func (e *engine) parallel(fn func(i int, s *segState)) {
	if len(e.segs) == 1 {
		fn(0, e.segs[0])
		return
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, s := range e.segs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i, s)
		}()
	}
	wg.Wait()
}

// uniqueLeaves drops repeated terms (a word and its synonym may share a
// character pair), keeping the highest boost.
func uniqueLeaves(ls []*node) []*node {
	at := make(map[string]int)
	var out []*node
	for _, l := range ls {
		key := l.field + "\x00" + l.alt + "\x00" + l.term
		if i, ok := at[key]; ok {
			if l.boost > out[i].boost {
				out[i] = l
			}
			continue
		}
		at[key] = len(out)
		out = append(out, l)
	}
	return out
}

// total returns the number of hits.
func (ev *evaluation) total() uint64 {
	var n uint64
	for _, bm := range ev.hits {
		n += bm.GetCardinality()
	}
	return n
}

// facetCounts counts the hits holding each term of the facet field, and
// with docs also the documents: among all hits (docs) and among the hits
// holding each term (termDocs). A segment's hits become a plain bit set;
// each term's postings are then checked against it, which costs one bit
// test per posting, or the hits are checked against the term when they are
// fewer. A document's entries are all in one segment (they are written in
// one batch, and a merge keeps a segment's entries together), so documents
// are counted segment by segment.
func (ev *evaluation) facetCounts(terms []string, tables *docTables) (counts map[string]int, docs uint64, termDocs map[string]int) {
	per := make([][]uint64, len(ev.e.segs))
	perDocs := make([][]uint64, len(ev.e.segs))
	totals := make([]uint64, len(ev.e.segs))
	// Counts of the segments whose table has them, in one pass.
	segCounts := make([]map[string]int, len(ev.e.segs))
	segDocCounts := make([]map[string]int, len(ev.e.segs))
	if tables != nil {
		tables.prune(ev.e)
	}
	ev.e.parallel(func(i int, s *segState) {
		per[i] = make([]uint64, len(terms))
		perDocs[i] = make([]uint64, len(terms))
		hits := ev.hits[i]
		nh := hits.GetCardinality()
		if nh == 0 {
			return
		}
		var hitDoc []uint32 // per hit, in the order of ev.docs[i]
		var stamp []uint32  // per document: the last term it was counted for
		if tables != nil {
			tb := tables.table(s)
			if tb.ok {
				segCounts[i], segDocCounts[i] = map[string]int{}, map[string]int{}
				totals[i] = tb.countFacets(hits, segCounts[i], segDocCounts[i])
				return
			}
			hitDoc = make([]uint32, len(ev.docs[i]))
			seen := make([]bool, tb.docs+1)
			for j, d := range ev.docs[i] {
				if int(d) < len(tb.of) {
					hitDoc[j] = tb.of[d]
					if !seen[hitDoc[j]] && hitDoc[j] != 0 {
						seen[hitDoc[j]] = true
						totals[i]++
					}
				}
			}
			stamp = make([]uint32, tb.docs+1)
		}
		buf := make([]uint32, 256)
		// count counts the hits among entries (sorted) and their
		// documents, for term j.
		count := func(j int, next func([]uint32) int, isHit func(uint32) (int, bool)) {
			var c, nd uint64
			for n := next(buf); n > 0; n = next(buf) {
				for _, d := range buf[:n] {
					h, ok := isHit(d)
					if !ok {
						continue
					}
					c++
					if hitDoc != nil {
						if doc := hitDoc[h]; doc != 0 && stamp[doc] != uint32(j+1) {
							stamp[doc] = uint32(j + 1)
							nd++
						}
					}
				}
			}
			per[i][j], perDocs[i][j] = c, nd
		}
		var index []int32 // entry → hit number + 1
		for j, t := range terms {
			p := s.postings(fieldKeys, t)
			np := p.GetCardinality()
			if np == 0 {
				continue
			}
			if hitDoc == nil && (nh*4 < np || np < 64) {
				per[i][j] = hits.AndCardinality(p)
				continue
			}
			if nh*4 < np || np < 64 {
				// Few hits: the intersection, walked along the hits.
				docs := ev.docs[i]
				h := 0
				count(j, roaring.And(hits, p).ManyIterator().NextMany, func(d uint32) (int, bool) {
					for h < len(docs) && docs[h] < d {
						h++
					}
					return h, h < len(docs) && docs[h] == d
				})
				continue
			}
			if index == nil {
				index = make([]int32, s.ss.Segment().Count())
				for h, d := range ev.docs[i] {
					index[d] = int32(h + 1)
				}
			}
			count(j, p.ManyIterator().NextMany, func(d uint32) (int, bool) {
				if int(d) >= len(index) || index[d] == 0 {
					return 0, false
				}
				return int(index[d] - 1), true
			})
		}
	})
	counts = make(map[string]int)
	termDocs = make(map[string]int)
	for i := range totals {
		docs += totals[i]
		for t, n := range segCounts[i] {
			counts[t] += n
		}
		for t, n := range segDocCounts[i] {
			termDocs[t] += n
		}
	}
	for j, t := range terms {
		var n, nd uint64
		for i := range per {
			n += per[i][j]
			nd += perDocs[i][j]
		}
		if n > 0 {
			counts[t] += int(n)
		}
		if nd > 0 {
			termDocs[t] += int(nd)
		}
	}
	return counts, docs, termDocs
}

// collectScored returns the term leaves of n that carry a boost, outside
// negations.
func collectScored(n *node, out []*node) []*node {
	switch n.kind {
	case nodeTerm:
		if n.boost > 0 {
			out = append(out, n)
		}
	case nodeAnd, nodeOr:
		for _, k := range n.kids {
			out = collectScored(k, out)
		}
	}
	return out
}

// The score of a hit is the sum, over the scored terms it holds, of
// boost × idf² × √(tf × norm), norm being 1/√(field length): Bleve's
// classic tf-idf with the length normalisation softened; see run.

// addScores adds w × √tf × norm of term to the scores of docs.
func (s *segState) addScores(field, term string, w float32, docs []uint32, scores []float32) {
	d := s.dict(field)
	if d == nil {
		return
	}
	pl, err := d.PostingsList([]byte(term), s.deleted, nil)
	if err != nil || pl == nil {
		return
	}
	it := pl.Iterator(true, true, false, nil)
	// norm is 1/√length; its square root keeps short entries (a calendar
	// line) from outranking the sections that discuss the word.
	weight := func(p segment.Posting) float32 {
		return w * float32(math.Sqrt(float64(p.Frequency())*p.Norm()))
	}
	if uint64(len(docs))*8 < pl.Count() {
		// Few hits, many postings: jump to each hit. A posting past the
		// hit asked for may be the next hit's; remember it.
		last, lastW := int64(-1), float32(0)
		for j, doc := range docs {
			d := int64(doc)
			if d > last {
				p, err := it.Advance(uint64(doc))
				if err != nil || p == nil {
					return
				}
				last, lastW = int64(p.Number()), weight(p)
			}
			if d == last {
				scores[j] += lastW
			}
		}
		return
	}
	j := 0
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return
		}
		num := p.Number()
		for j < len(docs) && uint64(docs[j]) < num {
			j++
		}
		if j == len(docs) {
			return
		}
		if uint64(docs[j]) == num {
			scores[j] += weight(p)
		}
	}
}

// scoredHit is a hit with its score.
type scoredHit struct {
	ID    string
	Score float64
	// doc is the number of the hit's document (docTable.num; 0 when not
	// known); seg and num say where the entry is.
	doc uint32
	seg int
	num uint32
	// tier 1: matched through a work area only; year: the document's, when
	// ranking newest first. Both come before the score.
	tier uint8
	year uint16
}

// top returns the k best hits, best first. Ties are in the order the
// documents were indexed when tables gives their numbers, and in the order
// of the entries within a document (which no merge changes), so that the
// order does not depend on how the index is cut into segments; with nil
// tables in index order.
func (ev *evaluation) top(k int, tables *docTables) []scoredHit {
	h := &hitHeap{}
	for i := range ev.docs {
		var nums []uint32
		if tables != nil && len(ev.docs[i]) > 0 {
			nums = tables.nums(ev.e.segs[i])
		}
		for j, doc := range ev.docs[i] {
			sh := scoredHit{Score: float64(ev.scores[i][j]), seg: i, num: doc}
			if int(doc) < len(nums) {
				sh.doc = nums[doc]
			}
			if ev.tiers != nil && ev.tiers[i] != nil {
				sh.tier = ev.tiers[i][j]
			}
			if ev.years != nil && ev.years[i] != nil {
				sh.year = ev.years[i][j]
			}
			if h.Len() < k {
				heap.Push(h, sh)
			} else if worse((*h)[0], sh) {
				(*h)[0] = sh
				heap.Fix(h, 0)
			}
		}
	}
	out := make([]scoredHit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(scoredHit)
	}
	for i := range out {
		id, err := ev.e.segs[out[i].seg].ss.DocID(uint64(out[i].num))
		if err == nil {
			out[i].ID = string(id)
		}
	}
	return out
}

// worse tells whether a ranks below b.
func worse(a, b scoredHit) bool {
	if a.year != b.year {
		return a.year < b.year
	}
	if a.tier != b.tier {
		return a.tier > b.tier
	}
	if a.Score != b.Score {
		return a.Score < b.Score
	}
	if a.doc != b.doc {
		return a.doc > b.doc
	}
	if a.seg != b.seg {
		return a.seg > b.seg
	}
	return a.num > b.num
}

// hitHeap is a min-heap: the worst kept hit on top.
type hitHeap []scoredHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(scoredHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
