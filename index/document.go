package index

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/corpus"
)

// entryKind is what a Bleve document stands for.
type entryKind string

const (
	entrySection  entryKind = "section"
	entryCalendar entryKind = "calendar"
	entryPreamble entryKind = "preamble" // title and text before the first section
)

// entry is one Bleve document of a corpus document.
type entry struct {
	ID   string // Bleve id: document id, "|", key
	Kind entryKind
	// Orig is the entry's text in the original script, Simp its simplified
	// view with exactly as many runes.
	Orig, Simp string
	Heading    string
	Path       []string // headings from the top-level section down
	SectionID  string
	Tag        corpus.Tag
	Topics     []string
	Months     []int
}

// Keys of entries inside a document.
const (
	keyPreamble = "p"
	keySection  = "s:" // + section id, without its document's id (sectionKey)
	keyCalendar = "c:" // + calendar index (1-based)
)

func bleveID(docID, key string) string { return docID + "|" + key }

// sectionKey is the key of a section's entry. Section ids usually start
// with their document's id (corpus.SectionID: "docID/s3"), which the entry's
// id holds already: the key keeps the rest ("s:/s3"). Bleve stores every
// entry's id and keeps it in a term dictionary; this saves a tenth of the
// index's ids.
func sectionKey(docID, sectionID string) string {
	if rest, ok := strings.CutPrefix(sectionID, docID); ok && strings.HasPrefix(rest, "/") {
		return keySection + rest
	}
	return keySection + sectionID
}

// keySectionID returns the section id of a section entry's key.
func keySectionID(docID, key string) string {
	id := strings.TrimPrefix(key, keySection)
	if strings.HasPrefix(id, "/") {
		return docID + id
	}
	return id
}

// splitID returns the document id and the key of a Bleve id.
func splitID(id string) (docID, key string) {
	docID, key, _ = strings.Cut(id, "|")
	return docID, key
}

// view maps byte ranges of a document's text to its simplified view.
type view struct {
	text, simp string
	// offs[i] is the byte offset in simp of byte offset i in text (at rune
	// starts and len(text)); nil when both have the same byte layout.
	offs []int32
}

// newView returns the view of text and simp, or nil when simp is not
// rune-aligned with text.
func newView(text, simp string) *view {
	if len(simp) == len(text) {
		same := true
		for i, j := 0, 0; i < len(text); {
			_, a := utf8.DecodeRuneInString(text[i:])
			_, b := utf8.DecodeRuneInString(simp[j:])
			if a != b {
				same = false
				break
			}
			i += a
			j += b
		}
		if same {
			return &view{text: text, simp: simp}
		}
	}
	if utf8.RuneCountInString(text) != utf8.RuneCountInString(simp) {
		return nil
	}
	offs := make([]int32, len(text)+1)
	j := 0
	for i := 0; i < len(text); {
		_, a := utf8.DecodeRuneInString(text[i:])
		_, b := utf8.DecodeRuneInString(simp[j:])
		for k := 0; k < a; k++ {
			offs[i+k] = int32(j) // inside a rune: its start
		}
		i += a
		j += b
	}
	offs[len(text)] = int32(len(simp))
	return &view{text: text, simp: simp, offs: offs}
}

// slice returns text[start:end] and its simplified view, or false when the
// range is not valid.
func (v *view) slice(start, end int) (orig, simp string, ok bool) {
	if v == nil || start < 0 || end > len(v.text) || start > end ||
		!isRuneStart(v.text, start) || !isRuneStart(v.text, end) {
		return "", "", false
	}
	if v.offs == nil {
		return v.text[start:end], v.simp[start:end], true
	}
	return v.text[start:end], v.simp[v.offs[start]:v.offs[end]], true
}

func isRuneStart(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// docView is a document with the means to build its entries.
type docView struct {
	d        *corpus.Document
	v        *view
	simplify func(string) string
}

func (ix *Index) newDocView(d *corpus.Document) *docView {
	simp := d.Simplified
	if simp == "" && d.Text != "" {
		simp = ix.simplify(d.Text)
	}
	return &docView{d: d, v: newView(d.Text, simp), simplify: ix.simplify}
}

// pair returns text with its simplified view.
func (dv *docView) pair(text string) (string, string) {
	s := dv.simplify(text)
	if utf8.RuneCountInString(s) != utf8.RuneCountInString(text) {
		return text, text
	}
	return text, s
}

// entries returns every entry of the document, in document order: the
// preamble, the sections, the calendar entries.
func (dv *docView) entries() []entry {
	out := make([]entry, 0, 1+len(dv.d.Sections)+len(dv.d.Calendar))
	out = append(out, dv.preamble())
	for i := range dv.d.Sections {
		out = append(out, dv.section(i))
	}
	for i := range dv.d.Calendar {
		out = append(out, dv.calendar(i))
	}
	return out
}

// entry returns the entry with the given key.
func (dv *docView) entry(key string) (entry, bool) {
	switch {
	case key == keyPreamble:
		return dv.preamble(), true
	case strings.HasPrefix(key, keySection):
		id := keySectionID(dv.d.ID, key)
		for i := range dv.d.Sections {
			if dv.d.Sections[i].ID == id || dv.sectionID(i) == id {
				return dv.section(i), true
			}
		}
	case strings.HasPrefix(key, keyCalendar):
		n, err := strconv.Atoi(strings.TrimPrefix(key, keyCalendar))
		if err == nil && n >= 1 && n <= len(dv.d.Calendar) {
			return dv.calendar(n - 1), true
		}
	}
	return entry{}, false
}

func (dv *docView) preamble() entry {
	d := dv.d
	end := len(d.Text)
	if len(d.Sections) > 0 {
		end = d.Sections[0].Start
	}
	orig, simp, ok := dv.v.slice(0, end)
	if !ok {
		orig, simp = "", ""
	}
	if t := strings.TrimSpace(d.Title); t != "" && !strings.Contains(orig, t) {
		to, ts := dv.pair(t)
		if orig != "" {
			to, ts = to+"\n"+orig, ts+"\n"+simp
		}
		orig, simp = to, ts
	}
	e := entry{ID: bleveID(d.ID, keyPreamble), Kind: entryPreamble, Orig: orig, Simp: simp, Heading: d.Title, Tag: corpus.TagOther}
	if len(d.Sections) == 0 {
		e.Topics = d.Topics // the whole document
	}
	return e
}

// sectionID returns the id of section i, made up when the document has none.
func (dv *docView) sectionID(i int) string {
	if id := dv.d.Sections[i].ID; id != "" {
		return id
	}
	return corpus.SectionID(dv.d.ID, i+1)
}

func (dv *docView) section(i int) entry {
	s := &dv.d.Sections[i]
	orig, simp, ok := dv.v.slice(s.Start, s.End)
	switch {
	case dv.ownsCalendar(s.ID):
		// Its month blocks are entries of their own: the section stands
		// for its heading only, so that a match is not found twice.
		orig, simp = dv.pair(s.Heading)
	case !ok || strings.TrimSpace(orig) == "":
		orig, simp = dv.pair(joinNonEmpty(s.Heading, s.Text))
	}
	id := dv.sectionID(i)
	return entry{
		ID: bleveID(dv.d.ID, sectionKey(dv.d.ID, id)), Kind: entrySection, Orig: orig, Simp: simp,
		Heading: s.Heading, Path: dv.d.HeadingPath(s.ID), SectionID: id, Tag: s.Tag, Topics: s.Topics,
	}
}

// ownsCalendar tells whether calendar entries belong to the section id.
func (dv *docView) ownsCalendar(id string) bool {
	if id == "" {
		return false
	}
	for i := range dv.d.Calendar {
		if dv.d.Calendar[i].Section == id {
			return true
		}
	}
	return false
}

func (dv *docView) calendar(i int) entry {
	c := &dv.d.Calendar[i]
	text := c.Text
	if !strings.HasPrefix(strings.TrimSpace(text), strings.TrimSpace(c.Label)) {
		text = joinNonEmpty(c.Label, text)
	}
	orig, simp := dv.pair(text)
	var path []string
	if c.Section != "" {
		path = dv.d.HeadingPath(c.Section)
	}
	return entry{
		ID: bleveID(dv.d.ID, keyCalendar+strconv.Itoa(i+1)), Kind: entryCalendar, Orig: orig, Simp: simp,
		Heading: c.Label, Path: append(path, c.Label), SectionID: c.Section, Tag: corpus.TagCalendar,
		Topics: c.Topics, Months: c.Months,
	}
}

func joinNonEmpty(a, b string) string {
	switch {
	case strings.TrimSpace(a) == "":
		return b
	case strings.TrimSpace(b) == "":
		return a
	}
	return a + "\n" + b
}
