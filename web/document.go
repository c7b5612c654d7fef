package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/index"
	"plans/segment"
	"plans/workspace"
)

// docPage is one document: facts, outline, calendar, targets, warnings and
// the text with an anchor per section and the query's words marked.
type docPage struct {
	chrome
	D          *corpus.Document
	Q          string
	Chars      int
	Marks      int // occurrences of the query's words in the text
	Outline    []*outlineNode
	Calendar   []calendarRow
	Targets    []targetRow
	Blocks     []textBlock
	SearchHref string
}

type outlineNode struct {
	ID, Heading string
	Short       string // the heading cut to a line
	Href        string // the section's anchor
	Tag         corpus.Tag
	Topics      []string
	Marks       int
	Children    []*outlineNode
}

type calendarRow struct {
	corpus.CalendarEntry
	Href string
}

type targetRow struct {
	corpus.Target
	Href string
}

// textBlock is a stretch of the text: a section's own text (ID set) or
// text outside any section.
type textBlock struct {
	ID     string
	Depth  int
	Marks  int
	Pieces []piece
}

// piece is a run of text shown one way: marked (a query word), as a
// heading, or plain.
type piece struct {
	Text    string
	Mark    bool
	Heading bool
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) error {
	d, err := s.ws.Document(r.PathValue("id"))
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var words []string
	if q != "" {
		if words, err = s.queryWords(r, q); err != nil {
			return err
		}
		if utf8.RuneCountInString(d.Simplified) != utf8.RuneCountInString(d.Text) {
			d.Simplified = s.conv.Simplify(d.Text)
		}
	}
	p := newDocPage(&d, q, words)
	if back := r.URL.Query().Get("back"); back != "" && q != "" {
		p.SearchHref = searchBackHref(q, back) // filters and page too (search.go)
	}
	p.chrome = s.chrome(d.Title, "docs")
	return s.render(w, http.StatusOK, "document", p)
}

// newDocPage lays out a document, marking words (simplified) in its text.
func newDocPage(d *corpus.Document, q string, words []string) *docPage {
	p := &docPage{D: d, Q: q, Chars: utf8.RuneCountInString(d.Text)}
	if q != "" {
		p.SearchHref = "/search?q=" + url.QueryEscape(q)
	}
	spans := markSpans(d.Text, d.Simplified, words)
	p.Marks = len(spans)
	p.Blocks = textBlocks(d, spans)
	marks := make(map[string]int)
	for _, b := range p.Blocks {
		if b.ID != "" {
			marks[b.ID] = b.Marks
		}
	}
	p.Outline = outline(d.Sections, marks)
	for _, c := range d.Calendar {
		row := calendarRow{CalendarEntry: c}
		if c.Section != "" {
			row.Href = "#" + c.Section
		}
		p.Calendar = append(p.Calendar, row)
	}
	for _, t := range d.Targets {
		row := targetRow{Target: t}
		if t.Section != "" {
			row.Href = "#" + t.Section
		}
		p.Targets = append(p.Targets, row)
	}
	return p
}

// queryWords returns the words to mark for a query as the index understands
// it (words and their synonyms, phrases whole, excluded words left out).
func (s *Server) queryWords(r *http.Request, q string) ([]string, error) {
	res, err := s.ix.Search(r.Context(), index.Request{Query: q, Limit: 1, PerDoc: 1, Fragments: 1}, s.ws)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range res.Terms {
		if t.Exclude {
			continue
		}
		if t.Phrase {
			out = append(out, t.Simplified)
			continue
		}
		out = append(out, t.Synonyms...)
		for _, w := range t.Words {
			out = append(out, w.Word)
			out = append(out, w.Synonyms...)
		}
	}
	return out, nil
}

// span is a range of byte offsets [Start, End) of a document's text.
type span struct{ Start, End int }

// markSpans finds the words (simplified) in simp, the rune-aligned
// simplified view of text, and returns where they are in text, merged and
// in order. Matching ignores case and full/half width.
func markSpans(text, simp string, words []string) []span {
	marks := make([]string, 0, len(words))
	for _, w := range words {
		marks = append(marks, segment.Normalize(strings.TrimSpace(w)))
	}
	var out []span
	for _, r := range index.MarkRanges(text, simp, marks) {
		out = append(out, span{r[0], r[1]})
	}
	return out
}

// textBlocks cuts the text at the sections' offsets. Offsets out of range
// or out of order are clamped, so every section gets its block (its
// anchor) whatever the document holds.
func textBlocks(d *corpus.Document, marks []span) []textBlock {
	text := d.Text
	clamp := func(i int) int {
		i = min(max(i, 0), len(text))
		for i < len(text) && !utf8.RuneStart(text[i]) {
			i++
		}
		return i
	}
	secs := slices.Clone(d.Sections)
	slices.SortStableFunc(secs, func(a, b corpus.Section) int { return cmp.Compare(a.Start, b.Start) })
	var out []textBlock
	cursor := 0
	add := func(id string, depth, st, en int, heading span) {
		// Line breaks at the ends of a block are the block's own edges.
		for st < en && (text[st] == '\n' || text[st] == '\r') {
			st++
		}
		for en > st && (text[en-1] == '\n' || text[en-1] == '\r') {
			en--
		}
		if id == "" && st >= en {
			return
		}
		out = append(out, cutBlock(text, id, depth, st, en, heading, marks))
	}
	for _, sec := range secs {
		st := clamp(max(sec.Start, cursor))
		en := clamp(max(sec.End, st))
		add("", 0, cursor, st, span{})
		h := span{}
		body := text[st:en]
		trimmed := strings.TrimLeft(body, " \t\u3000")
		if sec.Heading != "" && !sec.Inline && sec.Depth <= 2 && strings.HasPrefix(trimmed, sec.Heading) {
			h.Start = st + len(body) - len(trimmed)
			h.End = h.Start + len(sec.Heading)
		}
		add(sec.ID, sec.Depth, st, en, h)
		cursor = en
	}
	add("", 0, cursor, len(text), span{})
	return out
}

// cutBlock makes the block [st, en) of text, split where marks (sorted,
// not overlapping) and the heading begin and end.
func cutBlock(text, id string, depth, st, en int, heading span, marks []span) textBlock {
	b := textBlock{ID: id, Depth: depth}
	i := sort.Search(len(marks), func(i int) bool { return marks[i].End > st })
	j := i
	for j < len(marks) && marks[j].Start < en {
		j++
	}
	marks = marks[i:j]
	cuts := []int{st, en}
	in := func(i int) bool { return i > st && i < en }
	if heading.End > heading.Start {
		for _, c := range []int{heading.Start, heading.End} {
			if in(c) {
				cuts = append(cuts, c)
			}
		}
	}
	for _, m := range marks {
		if m.Start >= st {
			b.Marks++
		}
		for _, c := range []int{m.Start, m.End} {
			if in(c) {
				cuts = append(cuts, c)
			}
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	k := 0 // the first mark that may hold the next piece
	for c := 0; c+1 < len(cuts); c++ {
		a, z := cuts[c], cuts[c+1]
		for k < len(marks) && marks[k].End <= a {
			k++
		}
		b.Pieces = append(b.Pieces, piece{Text: text[a:z], Mark: k < len(marks) && marks[k].Start <= a,
			Heading: heading.End > heading.Start && a >= heading.Start && a < heading.End})
	}
	return b
}

// outline builds the heading tree from the sections' parents.
func outline(secs []corpus.Section, marks map[string]int) []*outlineNode {
	nodes := make(map[string]*outlineNode, len(secs))
	var roots []*outlineNode
	for _, s := range secs {
		n := &outlineNode{ID: s.ID, Heading: s.Heading, Short: shorten(s.Heading, 30), Href: "#" + s.ID, Tag: s.Tag, Topics: s.Topics, Marks: marks[s.ID]}
		nodes[s.ID] = n
		if parent, ok := nodes[s.Parent]; ok && s.Parent != "" {
			parent.Children = append(parent.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}

// documentsPage lists the documents and the imported files.
type documentsPage struct {
	chrome
	Org, Year, Kind string
	Problem         string
	Docs            []docRow
	Total           int
	Files           []fileRow
	ExportHref      string
	Flash           string
	// Undo is the trash entry of a removal just made, to undo it.
	Undo string
}

type docRow struct {
	ID, Href, Title, Org, Source string
	Year, Part                   int
	Kind                         corpus.Kind
	Relevant                     bool
	Script                       corpus.Script
	Sections, Calendar, Targets  int
}

type fileRow struct {
	Key, Source, Dir string
	Status           workspace.FileStatus
	Reason           string
	Docs             int
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := &documentsPage{chrome: s.chrome("文档", "docs"), Org: strings.TrimSpace(q.Get("org")),
		Year: strings.TrimSpace(q.Get("year")), Kind: q.Get("kind")}
	if id := q.Get("done"); id != "" {
		p.Flash, _ = s.flash.get(id)
	}
	if id := q.Get("undo"); id != "" && p.Flash != "" {
		p.Undo = id
	}
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p.Total = len(docs)
	keep, err := s.docFilter(p.Org, p.Year, p.Kind)
	if err != nil {
		p.Problem = err.Error()
		return s.render(w, http.StatusBadRequest, "documents", p)
	}
	for i := range docs {
		d := &docs[i]
		if !keep(d) {
			continue
		}
		p.Docs = append(p.Docs, docRow{ID: d.ID, Href: docHref(d.ID, "", ""), Title: d.Title, Org: d.Org,
			Source: d.Source, Year: d.Year, Part: d.Part, Kind: d.Kind, Relevant: d.Relevant, Script: d.Script,
			Sections: len(d.Sections), Calendar: len(d.Calendar), Targets: len(d.Targets)})
	}
	slices.SortFunc(p.Docs, func(a, b docRow) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Part, b.Part))
	})
	files, err := s.ws.Files()
	if err != nil {
		return err
	}
	for _, f := range files {
		p.Files = append(p.Files, fileRow{Key: f.Key, Source: f.Source, Dir: f.Root, Status: f.Status,
			Reason: f.Reason, Docs: len(f.DocIDs)})
	}
	slices.SortFunc(p.Files, func(a, b fileRow) int { return cmp.Or(cmp.Compare(a.Dir, b.Dir), cmp.Compare(a.Source, b.Source)) })
	v := r.URL.Query()
	v.Del("done")
	p.ExportHref = "/export.jsonl"
	if e := v.Encode(); e != "" {
		p.ExportHref += "?" + e
	}
	return s.render(w, http.StatusOK, "documents", p)
}

// docFilter selects documents by organisation (part of the name, either
// script), years and kind.
func (s *Server) docFilter(org, years, kind string) (func(*corpus.Document) bool, error) {
	yr, err := index.ParseYears(years)
	if err != nil {
		return nil, err
	}
	want := s.conv.Simplify(org)
	return func(d *corpus.Document) bool {
		if kind != "" && string(d.Kind) != kind {
			return false
		}
		if !yr.IsZero() && (d.Year == 0 || yr.From != 0 && d.Year < yr.From || yr.To != 0 && d.Year > yr.To) {
			return false
		}
		if want != "" && !strings.Contains(s.conv.Simplify(d.Org), want) && !strings.Contains(s.conv.Simplify(d.Title), want) {
			return false
		}
		return true
	}, nil
}

// export downloads the (filtered) documents as JSON Lines, as plans export
// writes them.
func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	keep, err := s.docFilter(strings.TrimSpace(q.Get("org")), strings.TrimSpace(q.Get("year")), q.Get("kind"))
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if keep(&docs[i]) {
			if err := enc.Encode(docs[i]); err != nil {
				return fmt.Errorf("export %s: %w", docs[i].ID, err)
			}
		}
	}
	return download(w, "application/x-ndjson; charset=utf-8", "plans-export.jsonl", buf.Bytes())
}

// within reports whether path is inside dir.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(rel)
}

// download writes b as an attachment named name.
func download(w http.ResponseWriter, contentType, name string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	_, err := w.Write(b)
	return err
}
