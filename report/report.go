// Package report compares understood documents: which work areas each plan
// covers, what happens in which month, the quantified targets and their
// spread, the words that set a plan apart, the passages plans copied from
// each other or from a 范文, and what changed from one year to the next.
//
// Build turns []corpus.Document into a *Report, plain data with stable
// snake_case JSON keys; WriteMarkdown, WriteHTML and WriteJSON render it.
// The package depends only on corpus and the standard library: the
// segmentation used for distinctive terms is injected through
// Options.Words.
package report

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"plans/corpus"
)

// Grouping of the rows of the coverage matrix and of distinctive terms.
const (
	ByDoc  = "doc"
	ByOrg  = "org"
	ByYear = "year"
)

// Errors returned by Build. The messages are shown to users.
var (
	ErrNoDocuments = errors.New("没有符合条件的文档")
	ErrUnknownDoc  = errors.New("找不到文档")
	ErrBadGrouping = errors.New("分组方式只能是 doc、org 或 year")
)

// Options selects the documents of a report and tunes its parts.
type Options struct {
	// By groups the rows of the coverage matrix and the distinctive terms:
	// ByDoc (default), ByOrg or ByYear.
	By string
	// Org keeps the documents of one organisation (compared with the
	// document's org as written and in its simplified view). With Org set,
	// the year-over-year part follows that organisation across its years.
	Org string
	// YearFrom and YearTo keep documents of those years (inclusive; 0 means
	// open). When either is set, documents of unknown year are left out.
	YearFrom, YearTo int
	// Kinds keeps documents of these kinds (empty: all kinds).
	Kinds []corpus.Kind
	// DocIDs keeps exactly these documents, in this order; the
	// year-over-year part compares them one after the other. Unknown ids
	// are an error (ErrUnknownDoc). Listed documents are kept even when not
	// relevant.
	DocIDs []string
	// IncludeIrrelevant keeps documents that are not union plans or
	// summaries (Relevant false). By default they are left out.
	IncludeIrrelevant bool

	// Words segments a simplified text into words for distinctive terms; it
	// must be the segmentation the index uses and safe for concurrent use.
	// When nil, distinctive terms are not computed (a note says so).
	Words func(simplified string) []string

	// TopTerms is the number of distinctive terms per group (default 10).
	TopTerms int
	// TopActivities is the number of common activities shown per month
	// (default 5).
	TopActivities int
	// MaxPassages caps the shared passages listed (default 200); MaxPairs
	// the document pairs (default 500). Shares are computed over all.
	MaxPassages, MaxPairs int
	// Workers bounds the goroutines used for segmentation and hashing
	// (default: GOMAXPROCS).
	Workers int
}

// DefaultOptions returns the options of a report over the whole relevant
// corpus, one row per document.
func DefaultOptions() Options {
	return Options{By: ByDoc, TopTerms: 10, TopActivities: 5, MaxPassages: 200, MaxPairs: 500}
}

// Report is a comparison of documents. It is plain data: every part is
// sorted so that the same input gives the same report.
type Report struct {
	Title     string        `json:"title"`
	Scope     Scope         `json:"scope"`
	Documents []DocInfo     `json:"documents"`
	Coverage  Coverage      `json:"coverage"`
	Calendar  Heatmap       `json:"calendar"`
	Targets   []TargetGroup `json:"targets"`
	Terms     Terms         `json:"terms"`
	Copies    Copies        `json:"copies"`
	Changes   []Change      `json:"changes"`
	Notes     []string      `json:"notes"`
}

// Scope says which documents the report covers.
type Scope struct {
	By        string         `json:"by"`
	Org       string         `json:"org,omitempty"`
	YearFrom  int            `json:"year_from,omitempty"`
	YearTo    int            `json:"year_to,omitempty"`
	Kinds     []string       `json:"kinds,omitempty"`
	DocIDs    []string       `json:"doc_ids,omitempty"`
	Documents int            `json:"documents"`
	ByKind    map[string]int `json:"by_kind"`
	Orgs      int            `json:"orgs"`
	Years     []int          `json:"years"`
}

// DocInfo identifies a document of the report.
type DocInfo struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	Part     int    `json:"part"`
	Kind     string `json:"kind"`
	Relevant bool   `json:"relevant"`
	Script   string `json:"script"`
	Year     int    `json:"year,omitempty"`
	Org      string `json:"org,omitempty"`
	OrgType  string `json:"org_type,omitempty"`
	Sections int    `json:"sections"`
	Chars    int    `json:"chars"`
}

// Doc returns the document info of id (a linear search: renderers index
// the documents once).
func (r *Report) Doc(id string) (DocInfo, bool) {
	for _, d := range r.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return DocInfo{}, false
}

// Build compares docs as opts says.
func Build(docs []corpus.Document, opts Options) (*Report, error) {
	return BuildContext(context.Background(), docs, opts)
}

// BuildContext is Build with a context that cancels the long parts
// (segmentation and hashing).
func BuildContext(ctx context.Context, docs []corpus.Document, opts Options) (*Report, error) {
	opts = withDefaults(opts)
	if opts.By != ByDoc && opts.By != ByOrg && opts.By != ByYear {
		return nil, fmt.Errorf("%w: %q", ErrBadGrouping, opts.By)
	}
	sel, err := selectDocs(docs, opts)
	if err != nil {
		return nil, err
	}
	if len(sel) == 0 {
		return nil, ErrNoDocuments
	}
	views := makeViews(sel)

	r := &Report{Title: "工会工作计划对比报告", Scope: scopeOf(views, opts)}
	for _, v := range views {
		r.Documents = append(r.Documents, infoOf(v))
	}
	groups := groupViews(views, opts.By)
	r.Coverage = buildCoverage(views, groups, opts.By)
	r.Calendar = buildHeatmap(views, opts.TopActivities)
	r.Targets = buildTargets(views)

	var notes []string
	r.Terms, notes, err = buildTerms(ctx, views, groups, opts)
	if err != nil {
		return nil, err
	}
	r.Notes = append(r.Notes, notes...)
	r.Copies, err = buildCopies(ctx, views, opts)
	if err != nil {
		return nil, err
	}
	r.Changes = buildChanges(views, opts)
	if r.Notes == nil {
		r.Notes = []string{}
	}
	return r, nil
}

func withDefaults(o Options) Options {
	d := DefaultOptions()
	if o.By == "" {
		o.By = d.By
	}
	if o.TopTerms <= 0 {
		o.TopTerms = d.TopTerms
	}
	if o.TopActivities <= 0 {
		o.TopActivities = d.TopActivities
	}
	if o.MaxPassages <= 0 {
		o.MaxPassages = d.MaxPassages
	}
	if o.MaxPairs <= 0 {
		o.MaxPairs = d.MaxPairs
	}
	return o
}

// selectDocs applies the filters. Without DocIDs the documents are sorted
// by source and part so that the report does not depend on input order.
func selectDocs(docs []corpus.Document, o Options) ([]*corpus.Document, error) {
	var out []*corpus.Document
	if len(o.DocIDs) > 0 {
		byID := make(map[string]*corpus.Document, len(docs))
		for i := range docs {
			byID[docs[i].ID] = &docs[i]
		}
		seen := make(map[string]bool)
		for _, id := range o.DocIDs {
			d, ok := byID[id]
			if !ok {
				return nil, fmt.Errorf("%w: %s", ErrUnknownDoc, id)
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			if keep(d, o) {
				out = append(out, d)
			}
		}
		return out, nil
	}
	for i := range docs {
		d := &docs[i]
		if (d.Relevant || o.IncludeIrrelevant) && keep(d, o) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b *corpus.Document) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), cmp.Compare(a.Part, b.Part), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

func keep(d *corpus.Document, o Options) bool {
	if o.Org != "" {
		want := strings.TrimSpace(o.Org)
		if !corpus.SameOrg(d.Org, want) && !corpus.SameOrg(simplifierOf(d).apply(d.Org), want) {
			return false
		}
	}
	if o.YearFrom != 0 || o.YearTo != 0 {
		if d.Year == 0 || (o.YearFrom != 0 && d.Year < o.YearFrom) || (o.YearTo != 0 && d.Year > o.YearTo) {
			return false
		}
	}
	if len(o.Kinds) > 0 && !slices.Contains(o.Kinds, d.Kind) {
		return false
	}
	return true
}

func scopeOf(views []*docView, o Options) Scope {
	s := Scope{By: o.By, Org: o.Org, YearFrom: o.YearFrom, YearTo: o.YearTo, DocIDs: o.DocIDs,
		Documents: len(views), ByKind: map[string]int{}, Years: []int{}}
	for _, k := range o.Kinds {
		s.Kinds = append(s.Kinds, string(k))
	}
	orgs := map[string]bool{}
	years := map[int]bool{}
	for _, v := range views {
		s.ByKind[string(v.doc.Kind)]++
		if v.doc.Org != "" {
			orgs[v.conv.apply(v.doc.Org)] = true // as the org rows count them
		}
		if v.doc.Year != 0 {
			years[v.doc.Year] = true
		}
	}
	s.Orgs = len(orgs)
	for y := range years {
		s.Years = append(s.Years, y)
	}
	slices.Sort(s.Years)
	return s
}

func infoOf(v *docView) DocInfo {
	d := v.doc
	ot := string(d.OrgType)
	if d.OrgType == corpus.OrgUnknown {
		ot = ""
	}
	return DocInfo{ID: d.ID, Title: d.Title, Source: d.Source, Part: d.Part, Kind: string(d.Kind),
		Relevant: d.Relevant, Script: string(d.Script), Year: d.Year, Org: d.Org, OrgType: ot,
		Sections: len(d.Sections), Chars: v.chars}
}

// group is a row of the matrix: one document, one organisation or one year.
type group struct {
	key, label string
	docs       []*docView
}

func groupViews(views []*docView, by string) []*group {
	if by == ByDoc {
		gs := make([]*group, len(views))
		for i, v := range views {
			gs[i] = &group{key: v.doc.ID, label: docLabel(v.doc), docs: []*docView{v}}
		}
		return gs
	}
	idx := map[string]*group{}
	var gs []*group
	for _, v := range views {
		var key, label string
		switch by {
		case ByOrg:
			// Grouped by the simplified name, so that a school writing in
			// both scripts is one row.
			key, label = v.conv.apply(v.doc.Org), v.doc.OrgName()
		case ByYear:
			if v.doc.Year != 0 {
				key = strconv.Itoa(v.doc.Year)
			}
			label = v.doc.YearLabel()
		}
		g, ok := idx[key]
		if !ok {
			g = &group{key: key, label: label}
			idx[key] = g
			gs = append(gs, g)
		}
		g.docs = append(g.docs, v)
	}
	// Unknown (empty key) last; years numerically, orgs by name.
	slices.SortFunc(gs, func(a, b *group) int {
		if (a.key == "") != (b.key == "") {
			if a.key == "" {
				return 1
			}
			return -1
		}
		if by == ByYear {
			ya, _ := strconv.Atoi(a.key)
			yb, _ := strconv.Atoi(b.key)
			return cmp.Compare(ya, yb)
		}
		return strings.Compare(a.key, b.key)
	})
	return gs
}

// docLabel is how a document is named in rows and lists.
func docLabel(d *corpus.Document) string {
	t := strings.TrimSpace(d.Title)
	if t == "" {
		t = d.Source
	}
	return t
}

// round keeps n decimals so that reports are stable and readable.
func round(x float64, n int) float64 {
	p := 1.0
	for range n {
		p *= 10
	}
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}

// topicSort orders topic ids as corpus.Topics does, unknown ids by name.
func topicSort(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(corpus.TopicOrder(a), corpus.TopicOrder(b)), strings.Compare(a, b))
	})
}
