package index

import (
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Counting documents. A document's entries are written in one batch, so
// they are in one segment (a merge keeps a segment's entries together): a
// segment's table maps each entry to a number of its document, local to the
// segment, and the documents among a set of entries are counted segment by
// segment.

// docTable maps the entries of a segment to their documents.
type docTable struct {
	of   []uint32 // entry number → document number + 1 (0: unknown)
	docs int
}

// docTables caches the tables of the segments an index has seen (segments
// do not change; a table costs about a microsecond per document to build).
type docTables struct {
	mu   sync.Mutex
	segs map[segment.Segment]*docTable
}

// table returns the table of a segment, building it when needed.
func (dt *docTables) table(s *segState) *docTable {
	seg := s.ss.Segment()
	dt.mu.Lock()
	t, ok := dt.segs[seg]
	dt.mu.Unlock()
	if ok {
		return t
	}
	t = buildDocTable(s)
	dt.mu.Lock()
	if dt.segs == nil {
		dt.segs = map[segment.Segment]*docTable{}
	}
	dt.segs[seg] = t
	dt.mu.Unlock()
	return t
}

// prune forgets the tables of segments that are not in the engine's
// snapshot (merged away).
func (dt *docTables) prune(e *engine) {
	dt.mu.Lock()
	defer dt.mu.Unlock()
	if len(dt.segs) <= len(e.segs) {
		return
	}
	live := make(map[segment.Segment]bool, len(e.segs))
	for _, s := range e.segs {
		live[s.ss.Segment()] = true
	}
	for seg := range dt.segs {
		if !live[seg] {
			delete(dt.segs, seg)
		}
	}
}

func buildDocTable(s *segState) *docTable {
	t := &docTable{of: make([]uint32, s.ss.Segment().Count())}
	d := s.dict(fieldKeys)
	if d == nil {
		return t
	}
	prefix := key(keyDoc, "")
	end := []byte(prefix)
	end[len(end)-1]++
	it := d.AutomatonIterator(matchAll{}, []byte(prefix), end)
	var pl segment.PostingsList
	for {
		de, err := it.Next()
		if err != nil || de == nil {
			break
		}
		pl, err = d.PostingsList([]byte(de.Term), nil, pl)
		if err != nil || pl == nil {
			continue
		}
		t.docs++
		pi := pl.Iterator(false, false, false, nil)
		for p, err := pi.Next(); err == nil && p != nil; p, err = pi.Next() {
			if n := p.Number(); n < uint64(len(t.of)) {
				t.of[n] = uint32(t.docs)
			}
		}
	}
	return t
}

// docCounter counts distinct documents among entries of one segment.
type docCounter struct {
	t     *docTable
	stamp []uint32
	gen   uint32
}

func newDocCounter(t *docTable) *docCounter {
	return &docCounter{t: t, stamp: make([]uint32, t.docs+1)}
}

// count returns the number of documents of the entries in bm.
func (c *docCounter) count(bm *roaring.Bitmap) uint64 {
	c.gen++
	var n uint64
	it := bm.Iterator()
	for it.HasNext() {
		e := it.Next()
		if int(e) >= len(c.t.of) {
			continue
		}
		d := c.t.of[e]
		if d == 0 || c.stamp[d] == c.gen {
			continue
		}
		c.stamp[d] = c.gen
		n++
	}
	return n
}

// docCounts returns the number of documents among the hits, and among the
// hits holding each of terms (facet keywords).
func (ev *evaluation) docCounts(tables *docTables, terms []string) (uint64, map[string]int) {
	tables.prune(ev.e)
	totals := make([]uint64, len(ev.e.segs))
	per := make([][]uint64, len(ev.e.segs))
	ev.e.parallel(func(i int, s *segState) {
		per[i] = make([]uint64, len(terms))
		hits := ev.hits[i]
		if hits.IsEmpty() {
			return
		}
		c := newDocCounter(tables.table(s))
		totals[i] = c.count(hits)
		for j, t := range terms {
			p := s.postings(fieldKeys, t)
			if p.IsEmpty() || !p.Intersects(hits) {
				continue
			}
			per[i][j] = c.count(roaring.And(hits, p))
		}
	})
	var total uint64
	out := make(map[string]int)
	for i := range totals {
		total += totals[i]
		for j, t := range terms {
			if per[i][j] > 0 {
				out[t] += int(per[i][j])
			}
		}
	}
	return total, out
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
