package index

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	seginterface "github.com/blevesearch/scorch_segment_api/v2"
)

// Counting documents. Every entry carries its document's number as
// bit-sliced keywords: "db=b" for each bit b that is set. Numbers are given
// in order as documents are (re)indexed (the index keeps the last one,
// docSeqKey), so they are unique and small: a workspace that indexed a
// hundred thousand documents uses 17 bits. A segment's table (docTable)
// reads every entry's document from the bits' postings — a few postings
// lists, not one term per document — and is kept while the index is open.

// docBits is the most bits of a document number.
const docBits = 32

// docSeqKey is the internal key of the last document number given.
const docSeqKey = "plans.docseq"

// docNumberBits returns the bit keywords' values of a document number.
func docNumberBits(n uint64) []string {
	var out []string
	for b := 0; b < docBits; b++ {
		if n>>b&1 == 1 {
			out = append(out, strconv.Itoa(b))
		}
	}
	return out
}

// docSeq returns the last document number given.
func (ix *Index) docSeq() (uint64, error) {
	b, err := ix.bi.GetInternal([]byte(docSeqKey))
	if err != nil {
		return 0, fmt.Errorf("read index %s: %w", ix.dir, err)
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("read index %s: bad document number %q: %w", ix.dir, b, ErrReindexNeeded)
	}
	return n, nil
}

// docTable maps the entries of a segment to their documents (numbered 1…
// docs within the segment) and to their facet values, so that a search
// counts entries and documents per facet value in one pass over its hits.
// Segments do not change: an index keeps the tables of the segments it has
// seen (docTables).
type docTable struct {
	of []uint32 // entry → document within the segment (0: unknown)
	// num is the number of each entry's document (docSeqKey; 0: unknown):
	// ranking breaks ties by it, in the order documents were indexed,
	// whatever segments merges made.
	num  []uint32
	docs int
	// facets are the facet keywords of the segment, by name (facetNames),
	// made on the table's second use (a command-line search uses it once:
	// counting term by term costs it less than making the columns).
	facets []facetColumn
	// ok is true when facets are made and each has at most 64 values in
	// the segment; counts are otherwise made term by term (facetCounts).
	ok      bool
	uses    atomic.Int32
	columns sync.Once
}

// facetColumn is one facet keyword's values for every entry of a segment:
// a bit mask over its values (topics: several per entry) or the value's
// number + 1 (one value per entry).
type facetColumn struct {
	terms []string // "name=value", in the order of their numbers
	multi bool
	mask  []uint64
	one   []uint8
}

// docTables caches the tables of the segments an index has seen.
type docTables struct {
	mu   sync.Mutex
	segs map[seginterface.Segment]*docTable
}

// table returns the table of a segment, building it when needed.
func (dt *docTables) table(s *segState) *docTable {
	seg := s.ss.Segment()
	dt.mu.Lock()
	t, ok := dt.segs[seg]
	dt.mu.Unlock()
	if ok {
		if t.uses.Add(1) >= 2 {
			t.columns.Do(func() { t.buildColumns(s) })
		}
		return t
	}
	t = buildDocTable(s)
	t.uses.Add(1)
	dt.mu.Lock()
	if dt.segs == nil {
		dt.segs = map[seginterface.Segment]*docTable{}
	}
	dt.segs[seg] = t
	dt.mu.Unlock()
	return t
}

// nums returns the document numbers of a segment's entries (docTable.num)
// without counting a use of its table (the facet columns are made on the
// second search, not on the second look at a table in one search).
func (dt *docTables) nums(s *segState) []uint32 {
	seg := s.ss.Segment()
	dt.mu.Lock()
	t, ok := dt.segs[seg]
	dt.mu.Unlock()
	if ok {
		return t.num
	}
	t = buildDocTable(s)
	dt.mu.Lock()
	if dt.segs == nil {
		dt.segs = map[seginterface.Segment]*docTable{}
	}
	if old, ok := dt.segs[seg]; ok {
		t = old
	} else {
		dt.segs[seg] = t
	}
	dt.mu.Unlock()
	return t.num
}

// prune forgets the tables of segments that are not in the engine's
// snapshot (merged away).
func (dt *docTables) prune(e *engine) {
	dt.mu.Lock()
	defer dt.mu.Unlock()
	if len(dt.segs) <= len(e.segs) {
		return
	}
	live := make(map[seginterface.Segment]bool, len(e.segs))
	for _, s := range e.segs {
		live[s.ss.Segment()] = true
	}
	for seg := range dt.segs {
		if !live[seg] {
			delete(dt.segs, seg)
		}
	}
}

// each calls fn with every term of the keyword name in the segment and a
// way to visit its entries (deleted ones too: they are never hits).
func (s *segState) each(name string, fn func(term string, entries func(func(uint32)))) {
	d := s.dict(fieldKeys)
	if d == nil {
		return
	}
	n := uint32(s.ss.Segment().Count())
	buf := make([]uint32, 256)
	var pl seginterface.PostingsList
	prefix := key(name, "")
	end := []byte(prefix)
	end[len(end)-1]++
	it := d.AutomatonIterator(matchAll{}, []byte(prefix), end)
	for {
		de, err := it.Next()
		if err != nil || de == nil {
			return
		}
		pl, err = d.PostingsList([]byte(de.Term), nil, pl)
		if err != nil || pl == nil {
			continue
		}
		fn(de.Term, func(f func(uint32)) {
			pi := pl.Iterator(false, false, false, nil)
			if opt, ok := pi.(seginterface.OptimizablePostingsIterator); ok {
				if e, ok := opt.DocNum1Hit(); ok {
					if uint32(e) < n {
						f(uint32(e))
					}
					return
				}
				if bm := opt.ActualBitmap(); bm != nil {
					it := bm.ManyIterator()
					for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
						for _, e := range buf[:k] {
							if e < n {
								f(e)
							}
						}
					}
					return
				}
			}
			for p, err := pi.Next(); err == nil && p != nil; p, err = pi.Next() {
				if e := p.Number(); e < uint64(n) {
					f(uint32(e))
				}
			}
		})
	}
}

func buildDocTable(s *segState) *docTable {
	n := s.ss.Segment().Count()
	t := &docTable{of: make([]uint32, n), num: make([]uint32, n)}
	// The documents' numbers, from their bits, then numbered 1… here.
	nums := make([]uint64, n)
	s.each(keyDocBit, func(term string, entries func(func(uint32))) {
		b, err := strconv.Atoi(strings.TrimPrefix(term, key(keyDocBit, "")))
		if err != nil || b < 0 || b >= docBits {
			return
		}
		entries(func(e uint32) { nums[e] |= 1 << b })
	})
	local := map[uint64]uint32{}
	for e, x := range nums {
		if x == 0 {
			continue
		}
		id, ok := local[x]
		if !ok {
			id = uint32(len(local) + 1)
			local[x] = id
		}
		t.of[e] = id
		t.num[e] = uint32(x) // docBits is 32
	}
	t.docs = len(local)
	return t
}

// buildColumns makes the facet columns of the table.
func (t *docTable) buildColumns(s *segState) {
	n := len(t.of)
	ok := true
	var facets []facetColumn
	for _, name := range facetNames {
		c := facetColumn{multi: name == keyTopic}
		if c.multi {
			c.mask = make([]uint64, n)
		} else {
			c.one = make([]uint8, n)
		}
		s.each(name, func(term string, entries func(func(uint32))) {
			v := len(c.terms)
			c.terms = append(c.terms, term)
			switch {
			case v >= 64:
				ok = false // see facetColumn
			case c.multi:
				entries(func(e uint32) { c.mask[e] |= 1 << v })
			default:
				entries(func(e uint32) { c.one[e] = uint8(v + 1) })
			}
		})
		facets = append(facets, c)
	}
	t.facets, t.ok = facets, ok
}

// countFacets counts, in one pass over a segment's hits, the documents
// among them and the entries and documents holding each facet value
// (adding to counts and docCounts); t.ok must be true.
func (t *docTable) countFacets(hits *roaring.Bitmap, counts, docCounts map[string]int) (docs uint64) {
	entries := make([][]uint64, len(t.facets))
	perDoc := make([][]uint64, len(t.facets))
	// seen[k][d] has a bit for each value of facet k counted for document d.
	seen := make([][]uint64, len(t.facets))
	for k, c := range t.facets {
		entries[k] = make([]uint64, len(c.terms))
		perDoc[k] = make([]uint64, len(c.terms))
		seen[k] = make([]uint64, t.docs+1)
	}
	docSeen := make([]bool, t.docs+1)
	buf := make([]uint32, 256)
	it := hits.ManyIterator()
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, e := range buf[:n] {
			if int(e) >= len(t.of) {
				continue
			}
			d := t.of[e]
			if d != 0 && !docSeen[d] {
				docSeen[d] = true
				docs++
			}
			for k := range t.facets {
				c := &t.facets[k]
				var m uint64
				if c.multi {
					m = c.mask[e]
				} else if v := c.one[e]; v != 0 {
					m = 1 << (v - 1)
				}
				for m != 0 {
					v := bits.TrailingZeros64(m)
					m &= m - 1
					entries[k][v]++
					if d != 0 && seen[k][d]&(1<<v) == 0 {
						seen[k][d] |= 1 << v
						perDoc[k][v]++
					}
				}
			}
		}
	}
	for k, c := range t.facets {
		for v, term := range c.terms {
			if entries[k][v] > 0 {
				counts[term] += int(entries[k][v])
			}
			if perDoc[k][v] > 0 {
				docCounts[term] += int(perDoc[k][v])
			}
		}
	}
	return docs
}

// orderByYear sets the year of every hit (0 when unknown), for ranking
// newest first.
func (ev *evaluation) orderByYear(years []string) {
	ev.years = make([][]uint16, len(ev.e.segs))
	ev.e.parallel(func(i int, s *segState) {
		docs := ev.docs[i]
		ys := make([]uint16, len(docs))
		ev.years[i] = ys
		if len(docs) == 0 {
			return
		}
		for _, t := range years {
			y, err := strconv.Atoi(t[len(keyYear)+1:])
			if err != nil || y <= 0 || y > 65535 {
				continue
			}
			p := s.postings(fieldKeys, t)
			if p.IsEmpty() || !p.Intersects(ev.hits[i]) {
				continue
			}
			it := roaring.And(ev.hits[i], p).Iterator()
			j := 0
			for it.HasNext() {
				n := it.Next()
				for j < len(docs) && docs[j] < n {
					j++
				}
				if j < len(docs) && docs[j] == n {
					ys[j] = uint16(y)
				}
			}
		}
	})
}
