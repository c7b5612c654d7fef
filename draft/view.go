package draft

import (
	"cmp"
	"fmt"
	"strings"

	"plans/corpus"
	"plans/script"
)

// view is a source document prepared for drafting.
type view struct {
	doc      *corpus.Document
	aligned  bool // doc.Simplified is rune-aligned with doc.Text
	conv     func(string) string
	unit     string // the peer organisation it counts for
	typeRank int    // 0 for the draft's own kind, then the related kinds in order
	children map[string][]*corpus.Section
}

func newView(d *corpus.Document, conv func(string) string) *view {
	v := &view{doc: d, conv: conv, children: map[string][]*corpus.Section{}}
	v.aligned = script.Aligned(d.Text, d.Simplified)
	for i := range d.Sections {
		s := &d.Sections[i]
		if s.Parent != "" {
			v.children[s.Parent] = append(v.children[s.Parent], s)
		}
	}
	return v
}

// simplify returns the simplified view of s, a text taken from the
// document (script.Piece).
func (v *view) simplify(s string) string {
	return script.Piece(v.doc.Text, v.doc.Simplified, v.aligned, s, 0, v.conv)
}

// citation cites section s of the document (the whole document when s is nil).
func (v *view) citation(s *corpus.Section) Citation {
	c := Citation{DocID: v.doc.ID, Title: v.doc.Title, Org: v.doc.Org, Year: v.doc.Year, Source: v.doc.Source}
	if s != nil {
		c.SectionID = s.ID
		c.Heading = s.Heading
	}
	return c
}

// hasDescendant reports whether a descendant of s satisfies ok.
func (v *view) hasDescendant(s *corpus.Section, ok func(*corpus.Section) bool) bool {
	for _, c := range v.children[s.ID] {
		if ok(c) || v.hasDescendant(c, ok) {
			return true
		}
	}
	return false
}

// sectionContaining returns the section whose heading or body contains
// text, preferring sections with the given tag and then deeper ones.
func (v *view) sectionContaining(text string, tag corpus.Tag) *corpus.Section {
	if text == "" {
		return nil
	}
	var best *corpus.Section
	score := func(s *corpus.Section) int {
		n := s.Depth
		if s.Tag == tag {
			n += 100
		}
		return n
	}
	for i := range v.doc.Sections {
		s := &v.doc.Sections[i]
		if strings.Contains(s.Text, text) || strings.Contains(s.Heading, text) {
			if best == nil || score(s) > score(best) {
				best = s
			}
		}
	}
	return best
}

// resolve returns the section with id, or nil.
func (v *view) resolve(id string) *corpus.Section {
	if id == "" {
		return nil
	}
	s, ok := v.doc.Section(id)
	if !ok {
		return nil
	}
	return s
}

// covered returns the work areas a document covers: the topics of its
// work and goals sections and targets, or the document's topics when it
// has no such sections (an essay-style plan).
func (v *view) covered() map[string]bool {
	out := map[string]bool{}
	sectioned := false
	for _, s := range v.doc.Sections {
		if s.Tag == corpus.TagWork || s.Tag == corpus.TagGoals {
			sectioned = true
			for _, t := range s.Topics {
				out[t] = true
			}
		}
	}
	for _, t := range v.doc.Targets {
		for _, id := range t.Topics {
			out[id] = true
		}
	}
	if !sectioned {
		for _, t := range v.doc.Topics {
			out[t] = true
		}
	}
	delete(out, "other")
	delete(out, "")
	return out
}

// plannable reports whether a document can serve as a base or a peer: a
// relevant plan or 工作要点.
func plannable(d *corpus.Document) bool {
	return d.Relevant && (d.Kind == corpus.KindPlan || d.Kind == corpus.KindPoints)
}

// corpusViews holds the views of a corpus and picks the base and peers.
type corpusViews struct {
	views []*view
	conv  func(string) string
}

func newCorpusViews(docs []corpus.Document, conv func(string) string) *corpusViews {
	cv := &corpusViews{conv: conv, views: make([]*view, len(docs))}
	for i := range docs {
		cv.views[i] = newView(&docs[i], conv)
	}
	return cv
}

// orgKey is the normalised simplified form of the organisation of v.
func (cv *corpusViews) orgKey(v *view) string {
	if v.doc.Org == "" {
		return ""
	}
	return normOrg(v.simplify(v.doc.Org))
}

// queryKey normalises an organisation name given by the user: converted
// with the converter, or through a document whose text contains it.
func (cv *corpusViews) queryKey(org string) string {
	if org == "" {
		return ""
	}
	if cv.conv != nil {
		return normOrg(script.ConvertAligned(cv.conv, org))
	}
	for _, v := range cv.views {
		if v.aligned && strings.Contains(v.doc.Text, org) {
			return normOrg(v.simplify(org))
		}
	}
	return normOrg(org)
}

// matchesOrg reports whether v belongs to the organisation org (key from queryKey).
func (cv *corpusViews) matchesOrg(v *view, org, key string) bool {
	if org == "" || v.doc.Org == "" {
		return false
	}
	return v.doc.Org == org || corpus.SameOrg(cv.orgKey(v), key) || corpus.SameOrg(v.doc.Org, org)
}

// pickBase returns the base: the document named by id, or the
// organisation's latest plan; nil when there is none.
func (cv *corpusViews) pickBase(id, org, key string) (*view, error) {
	if id != "" {
		for _, v := range cv.views {
			if v.doc.ID == id {
				return v, nil
			}
		}
		return nil, fmt.Errorf("%w：%s", ErrBaseNotFound, id)
	}
	var best *view
	for _, v := range cv.views {
		if !plannable(v.doc) || !cv.matchesOrg(v, org, key) {
			continue
		}
		if best == nil || baseOrder(v, best) < 0 {
			best = v
		}
	}
	return best, nil
}

// baseOrder orders candidate bases: latest year first, plans before
// 要点, more sections, then id.
func baseOrder(a, b *view) int {
	if c := cmp.Compare(b.doc.Year, a.doc.Year); c != 0 {
		return c
	}
	ap, bp := a.doc.Kind == corpus.KindPlan, b.doc.Kind == corpus.KindPlan
	if ap != bp {
		if ap {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(len(b.doc.Sections), len(a.doc.Sections)); c != 0 {
		return c
	}
	return cmp.Compare(a.doc.ID, b.doc.ID)
}

// peers returns the plans of other organisations, each with its unit key
// set (see choosePeers for which of them are used).
func (cv *corpusViews) peers(base *view, org, key string) []*view {
	baseKey := ""
	if base != nil {
		baseKey = cv.orgKey(base)
	}
	var out []*view
	for _, v := range cv.views {
		if v == base || !plannable(v.doc) || cv.matchesOrg(v, org, key) {
			continue
		}
		k := cv.orgKey(v)
		if k != "" && k == baseKey {
			continue
		}
		if k != "" {
			v.unit = "org:" + k
		} else {
			v.unit = "doc:" + v.doc.ID
		}
		out = append(out, v)
	}
	return out
}

// peerOrder orders peers: the draft's own kind first, then the related
// kinds in order, then the latest.
func peerOrder(a, b *view) int {
	if c := cmp.Compare(a.typeRank, b.typeRank); c != 0 {
		return c
	}
	if c := cmp.Compare(b.doc.Year, a.doc.Year); c != 0 {
		return c
	}
	return cmp.Compare(a.doc.ID, b.doc.ID)
}
