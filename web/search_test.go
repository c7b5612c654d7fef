package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// searchResult is what a search page shows, read back from its HTML.
type searchResult struct {
	docs   []string            // document titles, in order
	marks  []string            // marked words
	facets map[string][]string // facet label -> "value count" entries
	next   string
	prev   string
}

func readSearch(t *testing.T, body string) searchResult {
	t.Helper()
	doc := parse(t, body)
	r := searchResult{facets: map[string][]string{}}
	for _, a := range findAll(doc, element("article")) {
		h := findAll(a, element("h2"))
		if len(h) == 0 {
			t.Fatalf("hit group without title")
		}
		r.docs = append(r.docs, strings.TrimSpace(text(h[0])))
	}
	for _, m := range findAll(doc, element("mark")) {
		r.marks = append(r.marks, text(m))
	}
	for _, f := range findAll(doc, class("facet")) {
		label := strings.TrimSpace(text(findAll(f, element("h2"))[0]))
		for _, a := range findAll(f, element("a")) {
			entry := strings.TrimSpace(text(findAll(a, class("fl"))[0])) + " " + strings.TrimSpace(text(findAll(a, class("count"))[0]))
			r.facets[label] = append(r.facets[label], entry)
		}
	}
	for _, a := range findAll(doc, element("a")) {
		switch attr(a, "rel") {
		case "next":
			r.next = attr(a, "href")
		case "prev":
			r.prev = attr(a, "href")
		}
	}
	return r
}

func TestSearchFindsBothScripts(t *testing.T) {
	e := corpusEnv(t)
	tests := []struct {
		name, query string
		wantDocs    []string // must be among the hit groups
		wantMarks   []string // each must be marked somewhere
	}{
		{"simplified query", "校务公开", []string{"城东小学2023年工会工作计划", "城東中學2022年工會工作計劃", "北湖小学2024年工会工作计划"}, []string{"校务公开", "校務公開"}},
		{"traditional query", "校務公開", []string{"城东小学2023年工会工作计划", "城東中學2022年工會工作計劃"}, []string{"校务公开", "校務公開"}},
		{"word of a summary", "集体生日", []string{"西山幼儿园2023年工会工作总结"}, []string{"集体生日"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape(tt.query), http.StatusOK).body)
			for _, d := range tt.wantDocs {
				if !slices.Contains(r.docs, d) {
					t.Errorf("no hit group for %s; got %q", d, r.docs)
				}
			}
			for _, m := range tt.wantMarks {
				if !slices.Contains(r.marks, m) {
					t.Errorf("%q is not marked; marks %q", m, r.marks)
				}
			}
			if slices.Contains(r.docs, "西山幼儿园2023年工会工作总结") && tt.query != "集体生日" {
				t.Errorf("the summary has no 校务公开 but is listed")
			}
		})
	}
}

func TestSearchFacets(t *testing.T) {
	e := corpusEnv(t)
	r := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开"), http.StatusOK).body)
	years := r.facets["年份"]
	if diff := cmp.Diff([]string{"2024年", "2023年", "2022年"}, firstWords(years)); diff != "" {
		t.Errorf("year facet (-want +got):\n%s", diff)
	}
	if !slices.ContainsFunc(r.facets["单位类型"], func(s string) bool { return strings.HasPrefix(s, "中学 ") }) {
		t.Errorf("org type facet lacks 中学: %q", r.facets["单位类型"])
	}

	// A click on a facet value keeps the query and filters on it.
	doc := parse(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开"), http.StatusOK).body)
	var href string
	for _, a := range findAll(doc, element("a")) {
		if strings.TrimSpace(text(a)) == "2022年2" || strings.HasPrefix(strings.TrimSpace(text(a)), "2022年") {
			href = attr(a, "href")
		}
	}
	if href == "" {
		t.Fatal("no link for the year 2022")
	}
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Query(); got.Get("q") != "校务公开" || got.Get("year") != "2022" {
		t.Errorf("facet link %q does not keep the query and set the year", href)
	}
	filtered := readSearch(t, e.mustGet(t, href, http.StatusOK).body)
	if diff := cmp.Diff([]string{"城東中學2022年工會工作計劃"}, filtered.docs); diff != "" {
		t.Errorf("year 2022 (-want +got):\n%s", diff)
	}
	body := e.mustGet(t, href, http.StatusOK).body
	if !strings.Contains(body, "已选条件") || !strings.Contains(body, "年份：2022年") {
		t.Errorf("the active filter is not shown")
	}

	// Topic and kind filters.
	sum := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("体检")+"&kind=summary", http.StatusOK).body)
	if diff := cmp.Diff([]string{"西山幼儿园2023年工会工作总结"}, sum.docs); diff != "" {
		t.Errorf("kind=summary (-want +got):\n%s", diff)
	}
	top := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("教职工")+"&topic=hardship-aid", http.StatusOK).body)
	if len(top.docs) == 0 || slices.Contains(top.docs, "北湖小学2024年工会工作计划") {
		t.Errorf("topic=hardship-aid: %q", top.docs)
	}
}

func firstWords(entries []string) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i], _, _ = strings.Cut(e, " ")
	}
	return out
}

func TestSearchPaging(t *testing.T) {
	e := corpusEnv(t)
	first := e.mustGet(t, "/search?q="+url.QueryEscape("教职工"), http.StatusOK)
	p1 := readSearch(t, first.body)
	if p1.next == "" || p1.prev != "" {
		t.Fatalf("page 1: next %q prev %q", p1.next, p1.prev)
	}
	hits1 := hitLinks(t, first.body)
	if len(hits1) != hitsPerPage {
		t.Errorf("page 1 has %d hits, want %d", len(hits1), hitsPerPage)
	}
	second := e.mustGet(t, p1.next, http.StatusOK)
	p2 := readSearch(t, second.body)
	if p2.prev == "" {
		t.Errorf("page 2 has no link back")
	}
	hits2 := hitLinks(t, second.body)
	if len(hits2) == 0 {
		t.Fatal("page 2 is empty")
	}
	for _, h := range hits2 {
		if slices.Contains(hits1, h) {
			t.Errorf("hit %s is on both pages", h)
		}
	}
	// A page past the end says so.
	last := e.mustGet(t, "/search?q="+url.QueryEscape("教职工")+"&page=99", http.StatusOK)
	if !strings.Contains(last.body, "这一页没有更多结果了") {
		t.Errorf("page 99 does not say it is empty")
	}
}

// hitLinks returns the links of the hits (document and section).
func hitLinks(t *testing.T, body string) []string {
	var out []string
	for _, w := range findAll(parse(t, body), class("where")) {
		for _, a := range findAll(w, element("a")) {
			out = append(out, attr(a, "href"))
		}
	}
	return out
}

func TestSearchLinksToSection(t *testing.T) {
	e := corpusEnv(t)
	body := e.mustGet(t, "/search?q="+url.QueryEscape("校务公开"), http.StatusOK).body
	links := hitLinks(t, body)
	if len(links) == 0 {
		t.Fatal("no hits")
	}
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.Path, "/doc/") || u.Query().Get("q") != "校务公开" || u.Fragment == "" {
			t.Errorf("hit link %q lacks the document, the query or the section", l)
			continue
		}
		// The document page has the anchor, holding a marked word.
		page := parse(t, e.mustGet(t, u.Path+"?"+u.RawQuery, http.StatusOK).body)
		blocks := findAll(page, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == u.Fragment })
		if len(blocks) != 1 {
			t.Errorf("%s: %d elements with id %q", u.Path, len(blocks), u.Fragment)
			continue
		}
		if len(findAll(blocks[0], element("mark"))) == 0 {
			t.Errorf("%s#%s: the section has no marked word: %q", u.Path, u.Fragment, text(blocks[0]))
		}
	}
}

func TestSearchProblemsAndEmpty(t *testing.T) {
	e := corpusEnv(t)
	r := e.get(t, "/search?q=x&year=abc")
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "年份") {
		t.Errorf("bad year: status %d\n%s", r.status, excerpt(r.body))
	}
	none := e.mustGet(t, "/search?q="+url.QueryEscape("量子纠缠"), http.StatusOK)
	if !strings.Contains(none.body, "没有找到") {
		t.Errorf("no-hit page does not say so")
	}
	all := e.mustGet(t, "/search", http.StatusOK)
	if !strings.Contains(all.body, `name="q"`) || len(readSearch(t, all.body).docs) == 0 {
		t.Errorf("the search page without a query lists nothing")
	}

	empty := freshEnv(t, nil)
	page := empty.mustGet(t, "/", http.StatusOK)
	if !strings.Contains(page.body, "工作区里还没有文档") || !strings.Contains(page.body, `href="/import"`) {
		t.Errorf("empty workspace: no hint to import\n%s", excerpt(page.body))
	}
}
