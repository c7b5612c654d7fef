package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"

	"plans/corpus"
	"plans/draft"
)

// homePage is the overview: what the workspace holds (documents by year
// and by kind of organisation), the recent imports, and a way to search,
// start a draft or a comparison.
type homePage struct {
	chrome
	Documents, Relevant, Orgs int
	Years                     []countRow
	OrgTypes                  []countRow
	Jobs                      []jobView
	Orgs1                     []string // organisations, for the draft and compare forms
}

// countRow is one bar of an overview table.
type countRow struct {
	Label   string
	Count   int
	Percent int // of the largest row, for the bar
	Href    string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p := &homePage{chrome: s.chrome("首页", ""), Documents: len(docs)}
	years := map[int]int{}
	types := map[corpus.OrgType]int{}
	orgs := map[string]bool{}
	for i := range docs {
		d := &docs[i]
		if d.Relevant {
			p.Relevant++
		}
		years[d.Year]++
		t := d.OrgType
		if t == "" {
			t = corpus.OrgUnknown
		}
		types[t]++
		if d.Org != "" {
			orgs[d.Org] = true
		}
	}
	p.Orgs = len(orgs)
	p.Orgs1 = orgNames(docs)
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	slices.SortFunc(ys, func(a, b int) int {
		if (a == 0) != (b == 0) { // 年份未注明 last
			return cmp.Compare(b2i(a == 0), b2i(b == 0))
		}
		return cmp.Compare(b, a)
	})
	for _, y := range ys {
		row := countRow{Label: yearText(y), Count: years[y]}
		if y != 0 {
			row.Href = "/docs?" + url.Values{"year": {yearString(y)}}.Encode()
		}
		p.Years = append(p.Years, row)
	}
	for _, t := range draft.PeerTypeOrder {
		if n := types[t]; n > 0 {
			label := orgTypeName(t)
			if t == corpus.OrgUnknown {
				label = "类型不明"
			}
			p.OrgTypes = append(p.OrgTypes, countRow{Label: label, Count: n,
				Href: "/search?" + url.Values{"orgtype": {string(t)}}.Encode()})
		}
	}
	scale(p.Years)
	scale(p.OrgTypes)
	for i, j := range s.jobs.recent() {
		if i == 5 {
			break
		}
		p.Jobs = append(p.Jobs, j.snapshot())
	}
	return s.render(w, http.StatusOK, "home", p)
}

func yearString(y int) string { return yearText(y)[:len(yearText(y))-len("年")] }

// scale sets each row's bar length against the largest.
func scale(rows []countRow) {
	top := 0
	for _, r := range rows {
		top = max(top, r.Count)
	}
	for i := range rows {
		if top > 0 {
			rows[i].Percent = max(2, rows[i].Count*100/top)
		}
	}
}
