package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"

	"plans/segment"
)

// KWICLine is one occurrence of a term with its context, in the original
// script: Left + Match + Right, line breaks shown as spaces.
type KWICLine struct {
	DocID     string `json:"doc_id"`
	SectionID string `json:"section_id,omitempty"`
	Source    string `json:"source"`
	Title     string `json:"title"`
	Org       string `json:"org"`
	Year      int    `json:"year"`
	Heading   string `json:"heading"`
	Left      string `json:"left"`
	Match     string `json:"match"`
	Right     string `json:"right"`
}

// KWICRequest asks for keyword-in-context lines.
type KWICRequest struct {
	Term  string
	Width int // characters of context on each side (default 20)
	Limit int // most lines (default 100)
	// Filters as in Request (Query, Limit, Offset and display fields are
	// ignored).
	Filter Request
}

// KWICResult is the lines found, in corpus order (document, then position).
type KWICResult struct {
	Term    string     `json:"term"`
	Entries uint64     `json:"entries"` // sections (and preambles, calendar entries) holding the term
	More    bool       `json:"more"`    // there are more occurrences than Limit
	Lines   []KWICLine `json:"lines"`
}

// KWIC finds every occurrence of a term — a contiguous string, in either
// script, no thesaurus — and returns it with its context.
func (ix *Index) KWIC(ctx context.Context, kr KWICRequest, src Source) (*KWICResult, error) {
	if kr.Width <= 0 {
		kr.Width = 20
	}
	if kr.Limit <= 0 {
		kr.Limit = 100
	}
	term := strings.TrimSpace(kr.Term)
	res := &KWICResult{Term: term, Lines: []KWICLine{}}
	if term == "" {
		return res, nil
	}
	r := kr.Filter
	r.Query = `"` + strings.NewReplacer(`"`, "", "“", "", "”", "").Replace(term) + `"`
	p, err := ix.prepare(ctx, &r)
	if err != nil {
		return nil, err
	}
	defer p.close()
	c := p.c
	// Every matching entry; they are sorted below.
	var ids []string
	if p.eng != nil {
		for _, s := range p.eng.segs {
			it := s.eval(c.root).Iterator()
			for it.HasNext() {
				if id, err := s.ss.DocID(uint64(it.Next())); err == nil {
					ids = append(ids, string(id))
				}
			}
		}
		res.Entries = uint64(len(ids))
	} else {
		const page = 10000
		for from := 0; ; from += page {
			req := bleve.NewSearchRequestOptions(bleveQuery(c.root), page, from, false)
			req.Score = "none"
			sr, err := ix.bi.SearchInContext(ctx, req)
			if err != nil {
				return nil, fmt.Errorf("kwic: %w", err)
			}
			for _, h := range sr.Hits {
				ids = append(ids, h.ID)
			}
			res.Entries = sr.Total
			if len(sr.Hits) < page {
				break
			}
		}
	}
	type loc struct {
		id       string
		doc, key string
	}
	locs := make([]loc, len(ids))
	for i, id := range ids {
		d, k := splitID(id)
		locs[i] = loc{id: id, doc: d, key: k}
	}
	sort.Slice(locs, func(i, j int) bool {
		if locs[i].doc != locs[j].doc {
			return locs[i].doc < locs[j].doc
		}
		return entryOrder(locs[i].key) < entryOrder(locs[j].key)
	})
	var cur *docView
	for _, l := range locs {
		if len(res.Lines) >= kr.Limit {
			res.More = true
			break
		}
		if err := checkCtx(ctx); err != nil {
			return nil, err
		}
		if cur == nil || cur.d.ID != l.doc {
			d, err := src.Document(l.doc)
			if err != nil {
				return nil, fmt.Errorf("kwic: document %s: %w", l.doc, err)
			}
			cur = ix.newDocView(&d)
		}
		e, ok := cur.entry(l.key)
		if !ok {
			continue
		}
		rs := []rune(e.Orig)
		for _, iv := range matches(e.Simp, c.marksFor(segment.Normalize(e.Simp))) {
			if len(res.Lines) >= kr.Limit {
				res.More = true
				break
			}
			res.Lines = append(res.Lines, KWICLine{
				DocID: cur.d.ID, SectionID: e.SectionID, Source: cur.d.Source, Title: cur.d.Title,
				Org: cur.d.Org, Year: cur.d.Year, Heading: e.Heading,
				Left:  oneLine(string(rs[max(0, iv.s-kr.Width):iv.s])),
				Match: string(rs[iv.s:iv.e]),
				Right: oneLine(string(rs[iv.e:min(len(rs), iv.e+kr.Width)])),
			})
		}
	}
	return res, nil
}

// entryOrder sorts the keys of a document's entries in document order.
func entryOrder(key string) string {
	switch {
	case key == keyPreamble:
		return "0"
	case strings.HasPrefix(key, keySection):
		id := strings.TrimPrefix(key, keySection)
		if i := strings.LastIndex(id, "/s"); i >= 0 {
			if n, err := strconv.Atoi(id[i+2:]); err == nil {
				return fmt.Sprintf("1%08d", n)
			}
		}
		return "1" + id
	case strings.HasPrefix(key, keyCalendar):
		n, _ := strconv.Atoi(strings.TrimPrefix(key, keyCalendar))
		return fmt.Sprintf("2%08d", n)
	}
	return "3" + key
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}
