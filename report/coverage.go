package report

import (
	"slices"
	"unicode/utf8"

	"plans/corpus"
)

// Coverage is the work-area matrix: one row per document (or organisation,
// or year), one column per topic.
type Coverage struct {
	By     string        `json:"by"`
	Topics []TopicRef    `json:"topics"`
	Rows   []CoverageRow `json:"rows"`
	Totals []TopicTotal  `json:"totals"`
}

// TopicRef is a column of the matrix.
type TopicRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CoverageRow is one row of the matrix. Cells are aligned with
// Coverage.Topics.
type CoverageRow struct {
	Key   string         `json:"key"`
	Label string         `json:"label"`
	Docs  []string       `json:"docs"`
	Cells []CoverageCell `json:"cells"`
}

// CoverageCell tells whether a row covers a topic.
//
// Weight is the share of the document's sectioned text given to the topic
// (a section with several topics shares its length among them; a section
// without topics takes those of its nearest ancestor); a document without
// sections shares its weight evenly among its topics. A topic mentioned only
// in the document's topics, calendar or targets is present with weight 0.
// For a group row, Docs counts the documents that cover the topic and
// Weight is the mean over the group's documents. In JSON, an absent topic
// is a cell with its topic alone.
type CoverageCell struct {
	Topic    string       `json:"topic"`
	Present  bool         `json:"present,omitempty"`
	Docs     int          `json:"docs,omitempty"`
	Weight   float64      `json:"weight,omitempty"`
	Calendar int          `json:"calendar,omitempty"`
	Targets  int          `json:"targets,omitempty"`
	Sections []SectionRef `json:"sections,omitempty"`
}

// SectionRef points to a section of a document.
type SectionRef struct {
	Doc     string `json:"doc"`
	Section string `json:"section"`
	Heading string `json:"heading"`
}

// TopicTotal says how common a topic is.
type TopicTotal struct {
	Topic string  `json:"topic"`
	Rows  int     `json:"rows"`
	Docs  int     `json:"docs"`
	Share float64 `json:"share"` // Docs over all documents of the report
}

// docCoverage is what one document says about each topic.
type docCoverage struct {
	weight   map[string]float64
	present  map[string]bool
	calendar map[string]int
	targets  map[string]int
	sections map[string][]SectionRef
}

func coverageOf(d *corpus.Document) docCoverage {
	c := docCoverage{weight: map[string]float64{}, present: map[string]bool{}, calendar: map[string]int{},
		targets: map[string]int{}, sections: map[string][]SectionRef{}}
	for _, t := range d.Topics {
		c.present[t] = true
	}
	for _, e := range d.Calendar {
		for _, t := range e.Topics {
			c.present[t] = true
			c.calendar[t]++
		}
	}
	for _, tg := range d.Targets {
		for _, t := range tg.Topics {
			c.present[t] = true
			c.targets[t]++
		}
	}
	byID := make(map[string]*corpus.Section, len(d.Sections))
	for i := range d.Sections {
		byID[d.Sections[i].ID] = &d.Sections[i]
	}
	effective := func(s *corpus.Section) []string {
		for depth := 0; s != nil && depth < 64; depth++ {
			if len(s.Topics) > 0 {
				return s.Topics
			}
			s = byID[s.Parent]
		}
		return nil
	}
	total := 0.0
	for i := range d.Sections {
		s := &d.Sections[i]
		n := float64(utf8.RuneCountInString(s.Heading) + utf8.RuneCountInString(s.Text))
		total += n
		ts := effective(s)
		for _, t := range ts {
			c.weight[t] += n / float64(len(ts))
			c.present[t] = true
		}
		for _, t := range s.Topics {
			c.sections[t] = append(c.sections[t], SectionRef{Doc: d.ID, Section: s.ID, Heading: s.Heading})
		}
	}
	if total > 0 {
		for t := range c.weight {
			c.weight[t] /= total
		}
	} else if len(d.Topics) > 0 {
		for _, t := range d.Topics {
			c.weight[t] = 1 / float64(len(d.Topics))
		}
	}
	return c
}

func buildCoverage(views []*docView, groups []*group, by string) Coverage {
	covs := make(map[*docView]docCoverage, len(views))
	seen := map[string]bool{}
	for _, v := range views {
		c := coverageOf(v.doc)
		covs[v] = c
		for t := range c.present {
			seen[t] = true
		}
	}
	// Columns: every topic of the taxonomy, then any other id found.
	var ids []string
	for _, t := range corpus.Topics {
		ids = append(ids, t.ID)
		delete(seen, t.ID)
	}
	var extra []string
	for t := range seen {
		extra = append(extra, t)
	}
	slices.Sort(extra)
	ids = append(ids, extra...)

	cov := Coverage{By: by}
	for _, id := range ids {
		cov.Topics = append(cov.Topics, TopicRef{ID: id, Name: corpus.TopicName(id)})
	}
	totals := make([]TopicTotal, len(ids))
	for i, id := range ids {
		totals[i].Topic = id
	}
	for _, g := range groups {
		row := CoverageRow{Key: g.key, Label: g.label, Cells: make([]CoverageCell, len(ids))}
		for _, v := range g.docs {
			row.Docs = append(row.Docs, v.doc.ID)
		}
		for i, id := range ids {
			cell := CoverageCell{Topic: id}
			w := 0.0
			for _, v := range g.docs {
				c := covs[v]
				if !c.present[id] {
					continue
				}
				cell.Docs++
				w += c.weight[id]
				cell.Calendar += c.calendar[id]
				cell.Targets += c.targets[id]
				cell.Sections = append(cell.Sections, c.sections[id]...)
			}
			cell.Present = cell.Docs > 0
			cell.Weight = round(w/float64(len(g.docs)), 3)
			row.Cells[i] = cell
			if cell.Present {
				totals[i].Rows++
				totals[i].Docs += cell.Docs
			}
		}
		cov.Rows = append(cov.Rows, row)
	}
	for i := range totals {
		totals[i].Share = round(float64(totals[i].Docs)/float64(len(views)), 3)
	}
	cov.Totals = totals
	return cov
}
