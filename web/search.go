package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/index"
)

// hitsPerPage is the number of hits (sections, calendar entries) per page.
const hitsPerPage = 10

// The facet parameters of /search, in display order.
var facetParams = []struct{ param, label string }{
	{"topic", "工作领域"},
	{"year", "年份"},
	{"tag", "章节角色"},
	{"kind", "文档类型"},
	{"orgtype", "单位类型"},
}

type searchPage struct {
	chrome
	Q, Org, Year string
	Relevant     bool
	// Problem says what is wrong with the request (a bad year).
	Problem   string
	Documents int // in the workspace
	Searched  bool
	Total     uint64
	TookMS    int64
	Explain   string
	Groups    []hitGroup
	Facets    []facetGroup
	Active    []activeFilter
	PageNo    int
	Prev      string
	Next      string
	// Hidden are the filters kept when the query box is submitted again.
	Hidden []param
}

type param struct{ Name, Value string }

// hitGroup is the hits of one document.
type hitGroup struct {
	DocID, Title, Href, Org, Source string
	Year                            int
	Kind                            corpus.Kind
	OrgType                         corpus.OrgType
	Script                          corpus.Script
	Hits                            []hitView
	More                            int // entries of the document not shown
}

type hitView struct {
	Href      string
	Path      string // heading path
	Entry     string // section | calendar | preamble
	Tag       corpus.Tag
	Topics    []string
	Months    []int
	Fragments []index.Fragment
}

type facetGroup struct {
	Param, Label string
	Values       []facetValue
}

type facetValue struct {
	Value, Label string
	Count        int
	Href         string
	Active       bool
}

type activeFilter struct{ Label, Href string }

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := &searchPage{chrome: s.chrome("搜索", "search"),
		Q: strings.TrimSpace(q.Get("q")), Org: strings.TrimSpace(q.Get("org")),
		Year: strings.TrimSpace(q.Get("year")), Relevant: q.Get("rel") == "1"}
	if p.Q != "" {
		p.Title = p.Q + " · 搜索"
	}
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p.Documents = len(docs)
	if p.Documents == 0 {
		return s.render(w, http.StatusOK, "search", p)
	}
	years, err := index.ParseYears(p.Year)
	if err != nil {
		p.Problem = err.Error()
		return s.render(w, http.StatusBadRequest, "search", p)
	}
	p.PageNo, _ = strconv.Atoi(q.Get("page"))
	p.PageNo = min(max(p.PageNo, 1), 1000)
	req := index.Request{
		Query: p.Q, Topics: q["topic"], Tags: q["tag"], Kinds: q["kind"], OrgTypes: q["orgtype"],
		Years: years, OnlyRelevant: p.Relevant,
		Limit: hitsPerPage, Offset: (p.PageNo - 1) * hitsPerPage, PerDoc: 3,
	}
	if p.Org != "" {
		req.Orgs = []string{p.Org}
	}
	res, err := s.ix.Search(r.Context(), req, s.ws)
	if err != nil {
		return err
	}
	p.Searched = true
	p.Total, p.TookMS, p.Explain = res.Total, res.TookMS, res.Explain
	p.Groups = groupHits(res.Hits, p.Q)
	p.Facets = facetGroups(q, res.Facets)
	p.Active = activeFilters(q)
	for _, name := range []string{"topic", "tag", "kind", "orgtype"} {
		for _, v := range q[name] {
			p.Hidden = append(p.Hidden, param{name, v})
		}
	}
	if p.PageNo > 1 {
		p.Prev = searchHref(q, "page", strconv.Itoa(p.PageNo-1))
	}
	if len(res.Hits) == hitsPerPage && uint64(p.PageNo*hitsPerPage) < res.Total {
		p.Next = searchHref(q, "page", strconv.Itoa(p.PageNo+1))
	}
	return s.render(w, http.StatusOK, "search", p)
}

// groupHits puts consecutive hits of one document together (the index
// returns a document's hits one after the other).
func groupHits(hits []index.Hit, q string) []hitGroup {
	var out []hitGroup
	for _, h := range hits {
		if n := len(out); n == 0 || out[n-1].DocID != h.DocID {
			out = append(out, hitGroup{DocID: h.DocID, Title: h.Title, Href: docHref(h.DocID, q, ""),
				Org: h.Org, Source: h.Source, Year: h.Year, Kind: h.Kind, OrgType: h.OrgType, Script: h.Script})
		}
		g := &out[len(out)-1]
		g.More += h.More
		heads := h.HeadingPath
		if len(heads) == 0 && h.Heading != "" {
			heads = []string{h.Heading}
		}
		short := make([]string, len(heads))
		for i, hd := range heads {
			short[i] = shorten(hd, 24)
		}
		path := strings.Join(short, " › ")
		g.Hits = append(g.Hits, hitView{Href: docHref(h.DocID, q, h.SectionID), Path: path, Entry: h.Entry,
			Tag: h.Tag, Topics: h.Topics, Months: h.Months, Fragments: h.Fragments})
	}
	return out
}

// docHref links to a document, with the query to highlight and the section
// to scroll to.
func docHref(id, q, section string) string {
	u := "/doc/" + url.PathEscape(id)
	if q != "" {
		u += "?q=" + url.QueryEscape(q)
	}
	if section != "" {
		u += "#" + section
	}
	return u
}

// searchHref is the current search with one parameter set (or removed when
// value is ""); changing anything but the page goes back to page 1.
func searchHref(q url.Values, name, value string) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = slices.Clone(vs)
	}
	if name != "page" {
		v.Del("page")
	}
	if value == "" {
		v.Del(name)
	} else {
		v.Set(name, value)
	}
	if e := v.Encode(); e != "" {
		return "/search?" + e
	}
	return "/search"
}

// facetGroups turns facet counts into links: a click filters on the value,
// a click on the active value lifts the filter.
func facetGroups(q url.Values, f index.Facets) []facetGroup {
	counts := map[string]map[string]int{"topic": f.Topic, "year": f.Year, "tag": f.Tag, "kind": f.Kind, "orgtype": f.OrgType}
	var out []facetGroup
	for _, fp := range facetParams {
		g := facetGroup{Param: fp.param, Label: fp.label}
		for value, n := range counts[fp.param] {
			if n == 0 || value == "" {
				continue
			}
			fv := facetValue{Value: value, Label: facetLabel(fp.param, value), Count: n,
				Active: slices.Contains(q[fp.param], value)}
			if fv.Active {
				fv.Href = searchHref(q, fp.param, "")
			} else {
				fv.Href = searchHref(q, fp.param, value)
			}
			g.Values = append(g.Values, fv)
		}
		slices.SortFunc(g.Values, func(a, b facetValue) int { return facetOrder(fp.param, a, b) })
		if len(g.Values) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func facetOrder(param string, a, b facetValue) int {
	switch param {
	case "year":
		return cmp.Compare(b.Value, a.Value) // recent first
	case "topic":
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(corpus.TopicOrder(a.Value), corpus.TopicOrder(b.Value))
	}
	return cmp.Compare(valueOrder(param, a.Value), valueOrder(param, b.Value))
}

// Customary orders of the small facets.
var (
	tagOrder     = []corpus.Tag{corpus.TagIdeology, corpus.TagGoals, corpus.TagWork, corpus.TagCalendar, corpus.TagAchievements, corpus.TagProblems, corpus.TagNextSteps, corpus.TagOther}
	kindOrder    = []corpus.Kind{corpus.KindPlan, corpus.KindSummary, corpus.KindPoints, corpus.KindOther}
	orgTypeOrder = []corpus.OrgType{corpus.OrgKindergarten, corpus.OrgPrimary, corpus.OrgMiddle, corpus.OrgVocational, corpus.OrgUniversity, corpus.OrgEducationUnion, corpus.OrgEnterprise, corpus.OrgGovernment, corpus.OrgUnknown}
)

func valueOrder(param, v string) int {
	var i int
	switch param {
	case "tag":
		i = slices.Index(tagOrder, corpus.Tag(v))
	case "kind":
		i = slices.Index(kindOrder, corpus.Kind(v))
	case "orgtype":
		i = slices.Index(orgTypeOrder, corpus.OrgType(v))
	}
	if i < 0 {
		return 100
	}
	return i
}

// facetLabel is the Chinese name of a facet value.
func facetLabel(param, v string) string {
	switch param {
	case "topic":
		return corpus.TopicName(v)
	case "year":
		return v + "年"
	case "tag":
		return tagName(corpus.Tag(v))
	case "kind":
		return kindName(corpus.Kind(v))
	case "orgtype":
		return orgTypeName(corpus.OrgType(v))
	}
	return v
}

// activeFilters lists the filters in force, each with the link that lifts it.
func activeFilters(q url.Values) []activeFilter {
	var out []activeFilter
	for _, fp := range facetParams {
		for _, v := range q[fp.param] {
			if v == "" {
				continue
			}
			out = append(out, activeFilter{Label: fp.label + "：" + facetLabel(fp.param, v), Href: searchHref(q, fp.param, "")})
		}
	}
	if org := strings.TrimSpace(q.Get("org")); org != "" {
		out = append(out, activeFilter{Label: "单位：" + org, Href: searchHref(q, "org", "")})
	}
	if q.Get("rel") == "1" {
		out = append(out, activeFilter{Label: "只看工会计划和总结", Href: searchHref(q, "rel", "")})
	}
	return out
}

// shorten cuts s to n characters, with "…" where it was cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
