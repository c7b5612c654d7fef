package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/index"
)

// docsPerPage is the number of documents per page of results; each shows
// its best hitsPerDoc hits.
const (
	docsPerPage = 20
	hitsPerDoc  = 3
)

// maxQueryChars is the longest query searched: a query is a few words,
// and a longer one would be repeated in every link of the page.
const maxQueryChars = 100

// The facet parameters of /search, in display order, with what a
// secretary calls them.
var facetParams = []struct{ param, label string }{
	{"topic", "工作领域"},
	{"year", "年份"},
	{"kind", "文档类型"},
	{"orgtype", "单位类型"},
	{"tag", "所在部分"},
}

// searchParams are the parameters of a search besides the query, kept by
// links that change one of them and by the document page's way back.
var searchParams = []string{"topic", "tag", "kind", "orgtype", "year", "org", "all", "sort", "page"}

type searchPage struct {
	chrome
	Q, Org, Year string
	// All includes documents that are not union plans or summaries.
	All  bool
	Sort string
	// Problem says what is wrong with the request (a bad year, a query
	// too long).
	Problem   string
	Documents int // in the workspace
	Searched  bool
	Total     uint64 // matching sections and entries
	TotalDocs uint64 // documents holding them
	TookMS    int64
	// Also says, in words, what else was searched for: synonyms and work
	// areas (never how the query was cut into words).
	Also        string
	Suggestions []suggestion
	Groups      []hitGroup
	Facets      []facetGroup
	Active      []activeFilter
	PageNo      int
	Pages       int
	Prev        string
	Next        string
	SortLinks   []sortLink
	// Hidden are the filters kept when the query box is submitted again.
	Hidden []param
}

type param struct{ Name, Value string }

type suggestion struct{ Query, Href string }

type sortLink struct {
	Label, Href string
	On          bool
}

// hitGroup is one document with its best hits.
type hitGroup struct {
	DocID, Title, Href, Org, Source string
	Year                            int
	Kind                            corpus.Kind
	OrgType                         corpus.OrgType
	Script                          corpus.Script
	Hits                            []hitView
	More                            int    // matches of the document not shown
	MoreHref                        string // the document at the first of them
}

type hitView struct {
	Href      string
	Path      string // heading path
	Entry     string // section | calendar | preamble
	Tag       corpus.Tag
	Topics    []string
	Months    []int
	Fragments []index.Fragment
	// Reason is why a hit without the words matched (its work area).
	Reason string
}

// facetGroup is one facet: a small form that sets its parameter and keeps
// the others, so that the query is written once per facet, not once per
// value.
type facetGroup struct {
	Param, Label string
	Values       []facetValue
	Hidden       []param
}

type facetValue struct {
	Value, Label string
	Docs         int // documents
	Count        int // matching sections
	Href         string
	Active       bool
}

type activeFilter struct{ Label, Href string }

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := &searchPage{chrome: s.chrome("搜索", "search"),
		Q: strings.TrimSpace(q.Get("q")), Org: strings.TrimSpace(q.Get("org")),
		Year: strings.TrimSpace(q.Get("year")), All: q.Get("all") == "1", Sort: q.Get("sort")}
	if p.Sort != index.SortYear {
		p.Sort = ""
	}
	if n := utf8.RuneCountInString(p.Q); n > maxQueryChars {
		p.Problem = fmt.Sprintf("要找的内容太长了（%d 个字）。请只写关键的几个词，最多 %d 个字。", n, maxQueryChars)
		p.Q = shorten(p.Q, maxQueryChars)
		return s.render(w, http.StatusBadRequest, "search", p)
	}
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
		Years: years, OnlyRelevant: !p.All, Sort: p.Sort, ByDoc: true,
		Limit: docsPerPage, Offset: (p.PageNo - 1) * docsPerPage, PerDoc: hitsPerDoc,
	}
	if p.Org != "" {
		req.Orgs = []string{p.Org}
	}
	res, err := s.ix.Search(r.Context(), req, s.ws)
	if err != nil {
		return err
	}
	p.Searched = true
	p.Total, p.TotalDocs, p.TookMS = res.Total, res.TotalDocs, res.TookMS
	p.Also = alsoSearched(res.Terms)
	for _, sq := range res.Suggestions {
		p.Suggestions = append(p.Suggestions, suggestion{sq, searchHref(q, "q", sq)})
	}
	back := backParams(q)
	p.Groups = groupHits(res.Documents, p.Q, back)
	p.Facets = facetGroups(q, res.Facets, res.FacetDocs)
	p.Active = activeFilters(q)
	for _, name := range []string{"topic", "tag", "kind", "orgtype", "sort"} {
		for _, v := range q[name] {
			p.Hidden = append(p.Hidden, param{name, v})
		}
	}
	p.Pages = int((res.TotalDocs + docsPerPage - 1) / docsPerPage)
	if p.PageNo > 1 {
		p.Prev = searchHref(q, "page", strconv.Itoa(p.PageNo-1))
	}
	if p.PageNo < p.Pages {
		p.Next = searchHref(q, "page", strconv.Itoa(p.PageNo+1))
	}
	p.SortLinks = []sortLink{
		{"按相关程度", searchHref(q, "sort", ""), p.Sort == ""},
		{"按年份（新的在前）", searchHref(q, "sort", index.SortYear), p.Sort == index.SortYear},
	}
	return s.render(w, http.StatusOK, "search", p)
}

// alsoSearched says which synonyms and work areas the query was widened
// with, in a sentence; "" when none.
func alsoSearched(terms []index.QueryTerm) string {
	var syns, areas []string
	add := func(list *[]string, s string) {
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
	for _, t := range terms {
		if t.Exclude || t.Phrase {
			continue
		}
		for _, w := range t.Words {
			for _, s := range w.Synonyms {
				add(&syns, s)
			}
		}
		for _, s := range t.Synonyms {
			add(&syns, s)
		}
		for _, a := range t.Areas {
			add(&areas, "“"+corpus.TopicName(a)+"”")
		}
	}
	var parts []string
	if len(syns) > 0 {
		more := ""
		if len(syns) > 8 {
			syns, more = syns[:8], " 等"
		}
		parts = append(parts, "同时找了意思相近的说法："+strings.Join(syns, "、")+more)
	}
	if len(areas) > 0 {
		parts = append(parts, "归入"+strings.Join(areas, "、")+"工作的段落即使没有这些字也列出，排在后面")
	}
	return strings.Join(parts, "；")
}

// backParams is the search's parameters other than the query, for the
// document page's link back to the results (the query travels in its own
// parameter).
func backParams(q url.Values) string {
	v := url.Values{}
	for _, name := range searchParams {
		for _, x := range q[name] {
			if x != "" {
				v.Add(name, x)
			}
		}
	}
	return v.Encode()
}

// searchBackHref is the link from a document back to the search it was
// opened from: the query q and the parameters back (see backParams),
// of which only the search's own are kept.
func searchBackHref(q, back string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if b, err := url.ParseQuery(back); err == nil {
		for _, name := range searchParams {
			for _, x := range b[name] {
				v.Add(name, x)
			}
		}
	}
	return "/search?" + v.Encode()
}

// groupHits lays out the documents of a page with their hits.
func groupHits(docs []index.DocHits, q, back string) []hitGroup {
	var out []hitGroup
	for _, d := range docs {
		g := hitGroup{DocID: d.DocID, Title: d.Title, Href: docHrefBack(d.DocID, q, "", back),
			Org: d.Org, Source: d.Source, Year: d.Year, Kind: d.Kind, OrgType: d.OrgType}
		for _, h := range d.Hits {
			g.Script = h.Script
			g.More += h.More
			if h.More > 0 && g.MoreHref == "" {
				g.MoreHref = docHrefBack(h.DocID, q, h.NextSection, back)
			}
			heads := h.HeadingPath
			if len(heads) == 0 && h.Heading != "" {
				heads = []string{h.Heading}
			}
			short := make([]string, len(heads))
			for i, hd := range heads {
				short[i] = shorten(hd, 24)
			}
			hv := hitView{Href: docHrefBack(h.DocID, q, h.SectionID, back), Path: strings.Join(short, " › "), Entry: h.Entry,
				Tag: h.Tag, Topics: h.Topics, Months: h.Months, Fragments: h.Fragments}
			if h.Match == index.MatchArea {
				names := make([]string, len(h.Areas))
				for i, a := range h.Areas {
					names[i] = "“" + corpus.TopicName(a) + "”"
				}
				hv.Reason = "按工作领域" + strings.Join(names, "、") + "找到"
			}
			g.Hits = append(g.Hits, hv)
		}
		if g.MoreHref == "" {
			g.MoreHref = g.Href
		}
		out = append(out, g)
	}
	return out
}

// docHref links to a document, with the query to highlight and the
// section to scroll to.
func docHref(id, q, section string) string { return docHrefBack(id, q, section, "") }

// docHrefBack links to a document, with the query to highlight, the search
// to go back to (see backParams) and the section to scroll to.
func docHrefBack(id, q, section, back string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if back != "" {
		v.Set("back", back)
	}
	u := "/doc/" + url.PathEscape(id)
	if e := v.Encode(); e != "" {
		u += "?" + e
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

// facetGroups turns facet counts into choices: a value sets the filter
// (through its group's form), the active value lifts it (a link).
func facetGroups(q url.Values, f, docs index.Facets) []facetGroup {
	counts := map[string]map[string]int{"topic": f.Topic, "year": f.Year, "tag": f.Tag, "kind": f.Kind, "orgtype": f.OrgType}
	docCounts := map[string]map[string]int{"topic": docs.Topic, "year": docs.Year, "tag": docs.Tag, "kind": docs.Kind, "orgtype": docs.OrgType}
	var out []facetGroup
	for _, fp := range facetParams {
		g := facetGroup{Param: fp.param, Label: fp.label}
		for _, name := range append([]string{"q"}, searchParams...) {
			if name == fp.param || name == "page" {
				continue
			}
			for _, v := range q[name] {
				if v != "" {
					g.Hidden = append(g.Hidden, param{name, v})
				}
			}
		}
		for value, n := range counts[fp.param] {
			if n == 0 || value == "" || fp.param == "topic" && value == "other" {
				continue
			}
			fv := facetValue{Value: value, Label: facetLabel(fp.param, value), Count: n,
				Docs: docCounts[fp.param][value], Active: slices.Contains(q[fp.param], value)}
			if fv.Active {
				fv.Href = searchHref(q, fp.param, "")
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
		if c := cmp.Compare(b.Docs, a.Docs); c != 0 {
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

// facetLabel is what a secretary calls a facet value.
func facetLabel(param, v string) string {
	switch param {
	case "topic":
		return corpus.TopicName(v)
	case "year":
		return v + "年"
	case "tag":
		if corpus.Tag(v) == corpus.TagOther {
			return "其他部分"
		}
		return tagName(corpus.Tag(v))
	case "kind":
		if corpus.Kind(v) == corpus.KindOther {
			return "其他文档"
		}
		return kindName(corpus.Kind(v))
	case "orgtype":
		if corpus.OrgType(v) == corpus.OrgUnknown || v == "" {
			return "看不出类型的单位"
		}
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
	if q.Get("all") == "1" {
		out = append(out, activeFilter{Label: "也看与工会工作无关的文档", Href: searchHref(q, "all", "")})
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
