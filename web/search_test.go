package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"plans/internal/txtar"
)

// searchResult is what a search page shows, read back from its HTML.
type searchResult struct {
	docs      []string            // document titles, in order
	docLinks  []string            // their links
	years     []int               // their years (0 when not shown)
	marks     []string            // marked words
	facets    map[string][]string // facet label -> "value N 篇" entries
	reasons   []string            // reasons shown on hits
	summary   string
	totalDocs int
	next      string
	prev      string
}

var yearRE = regexp.MustCompile(`^(\d{4})年$`)

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
		r.docLinks = append(r.docLinks, attr(findAll(h[0], element("a"))[0], "href"))
		y := 0
		for _, sp := range findAll(findAll(a, class("meta"))[0], element("span")) {
			if m := yearRE.FindStringSubmatch(strings.TrimSpace(text(sp))); m != nil {
				y, _ = strconv.Atoi(m[1])
			}
		}
		r.years = append(r.years, y)
	}
	for _, m := range findAll(doc, element("mark")) {
		r.marks = append(r.marks, text(m))
	}
	for _, f := range findAll(doc, class("facet")) {
		label := strings.TrimSpace(text(findAll(f, element("h2"))[0]))
		for _, li := range findAll(f, element("li")) {
			entry := strings.TrimSpace(text(findAll(li, class("fl"))[0])) + " " + strings.TrimSpace(text(findAll(li, class("count"))[0]))
			r.facets[label] = append(r.facets[label], entry)
		}
	}
	for _, s := range findAll(doc, class("reason")) {
		r.reasons = append(r.reasons, text(s))
	}
	if s := findAll(doc, class("summary")); len(s) > 0 {
		r.summary = text(s[0])
		if st := findAll(s[0], element("strong")); len(st) > 0 {
			r.totalDocs, _ = strconv.Atoi(text(st[0]))
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

// facetChoice returns the URL that choosing a facet value requests: its
// form's fields and the value's button (or the link of an active value).
func facetChoice(t *testing.T, body, param, value string) string {
	t.Helper()
	for _, f := range findAll(parse(t, body), class("facet")) {
		for _, b := range findAll(f, element("button")) {
			if attr(b, "name") != param || attr(b, "value") != value {
				continue
			}
			v := url.Values{}
			for _, in := range findAll(f, element("input")) {
				if attr(in, "type") == "hidden" {
					v.Add(attr(in, "name"), attr(in, "value"))
				}
			}
			v.Add(param, value)
			if attr(f, "action") != "/search" || strings.ToLower(attr(f, "method")) != "get" {
				t.Fatalf("facet form posts to %s %s", attr(f, "method"), attr(f, "action"))
			}
			return "/search?" + v.Encode()
		}
	}
	t.Fatalf("no facet choice %s=%s", param, value)
	return ""
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
		})
	}
}

// Facets count documents; choosing a value keeps the query and filters.
func TestSearchFacets(t *testing.T) {
	e := corpusEnv(t)
	body := e.mustGet(t, "/search?q="+url.QueryEscape("校务公开"), http.StatusOK).body
	r := readSearch(t, body)
	years := r.facets["年份"]
	if diff := cmp.Diff([]string{"2024年", "2023年", "2022年"}, firstWords(years)); diff != "" {
		t.Errorf("year facet (-want +got):\n%s", diff)
	}
	// Counts are documents: as many as are listed for the year.
	perYear := map[int]int{}
	for _, y := range r.years {
		perYear[y]++
	}
	for _, y := range years {
		label, count, _ := strings.Cut(y, " ")
		yr, _ := strconv.Atoi(strings.TrimSuffix(label, "年"))
		if count != strconv.Itoa(perYear[yr])+" 篇" {
			t.Errorf("year facet entry %q: %d documents listed", y, perYear[yr])
		}
	}
	if !slices.ContainsFunc(r.facets["单位类型"], func(s string) bool { return strings.HasPrefix(s, "中学 ") }) {
		t.Errorf("org type facet lacks 中学: %q", r.facets["单位类型"])
	}

	href := facetChoice(t, body, "year", "2022")
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Query(); got.Get("q") != "校务公开" || got.Get("year") != "2022" {
		t.Errorf("facet choice %q does not keep the query and set the year", href)
	}
	filteredBody := e.mustGet(t, href, http.StatusOK).body
	filtered := readSearch(t, filteredBody)
	if diff := cmp.Diff([]string{"城東中學2022年工會工作計劃"}, filtered.docs); diff != "" {
		t.Errorf("year 2022 (-want +got):\n%s", diff)
	}
	if !strings.Contains(filteredBody, "已选条件") || !strings.Contains(filteredBody, "年份：2022年") {
		t.Errorf("the active filter is not shown")
	}
	// The active value is a link that lifts the filter.
	for _, a := range findAll(parse(t, filteredBody), class("on")) {
		if attr(a, "aria-current") == "true" && strings.Contains(text(a), "2022年") {
			if got, _ := url.Parse(attr(a, "href")); got.Query().Has("year") || got.Query().Get("q") != "校务公开" {
				t.Errorf("lifting the year: %q", attr(a, "href"))
			}
		}
	}
	// A second choice in another facet keeps the first.
	both := facetChoice(t, filteredBody, "kind", "plan")
	if got, _ := url.Parse(both); got.Query().Get("year") != "2022" || got.Query().Get("kind") != "plan" {
		t.Errorf("kind after year: %q", both)
	}

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

// A larger corpus for paging: the relevance set of the index.
var (
	relOnce sync.Once
	relEnv  *testEnv
	relErr  error
)

func relevanceEnv(t *testing.T) *testEnv {
	t.Helper()
	relOnce.Do(func() {
		dir, err := os.MkdirTemp("", "plans-web-rel-")
		if err != nil {
			relErr = err
			return
		}
		paths, _ := filepath.Glob(filepath.Join("..", "index", "testdata", "relevance", "*.txtar"))
		for _, p := range paths {
			for name, body := range txtar.Read(t, p).Files {
				if relErr = os.WriteFile(filepath.Join(dir, name), []byte(body+"\n"), 0o644); relErr != nil {
					return
				}
			}
		}
		relEnv, relErr = openEnv(dir, nil)
		os.RemoveAll(dir)
	})
	if relErr != nil {
		t.Fatal(relErr)
	}
	return relEnv
}

// Pages hold docsPerPage documents, say how many pages there are, and
// together list every document once; the totals are in documents and
// matches.
func TestSearchPaging(t *testing.T) {
	e := relevanceEnv(t)
	q := "/search?q=" + url.QueryEscape("工会")
	first := readSearch(t, e.mustGet(t, q, http.StatusOK).body)
	if first.totalDocs <= docsPerPage {
		t.Fatalf("only %d documents: no second page", first.totalDocs)
	}
	pages := (first.totalDocs + docsPerPage - 1) / docsPerPage
	if !strings.Contains(first.summary, "篇文档 · ") || !strings.Contains(first.summary, "第 1 / "+strconv.Itoa(pages)+" 页") {
		t.Errorf("summary %q lacks the document count or the page count", first.summary)
	}
	if len(first.docs) != docsPerPage || first.next == "" || first.prev != "" {
		t.Fatalf("page 1: %d documents, next %q prev %q", len(first.docs), first.next, first.prev)
	}
	seen := map[string]bool{}
	next, n := q, 0
	for next != "" {
		r := readSearch(t, e.mustGet(t, next, http.StatusOK).body)
		n++
		if n > 1 && r.prev == "" {
			t.Errorf("page %d has no link back", n)
		}
		for _, d := range r.docLinks {
			if seen[d] {
				t.Errorf("%s is on two pages", d)
			}
			seen[d] = true
		}
		next = r.next
	}
	if n != pages || len(seen) != first.totalDocs {
		t.Errorf("%d pages, %d documents; want %d pages, %d documents", n, len(seen), pages, first.totalDocs)
	}
	last := e.mustGet(t, q+"&page=99", http.StatusOK)
	if !strings.Contains(last.body, "这一页没有更多结果了") {
		t.Errorf("page 99 does not say it is empty")
	}
}

func TestSearchSortByYear(t *testing.T) {
	e := relevanceEnv(t)
	body := e.mustGet(t, "/search?q="+url.QueryEscape("工会"), http.StatusOK).body
	var href string
	for _, a := range findAll(parse(t, body), element("a")) {
		if strings.HasPrefix(text(a), "按年份") {
			href = attr(a, "href")
		}
	}
	if href == "" {
		t.Fatal("no link to sort by year")
	}
	r := readSearch(t, e.mustGet(t, href, http.StatusOK).body)
	for i := 1; i < len(r.years); i++ {
		if r.years[i] > r.years[i-1] && r.years[i-1] != 0 || r.years[i] != 0 && r.years[i-1] == 0 {
			t.Errorf("by year: %v", r.years)
			break
		}
	}
	if !strings.Contains(e.mustGet(t, href, http.StatusOK).body, `<strong aria-current="true">按年份`) {
		t.Error("the order in force is not marked")
	}
}

// The document opened from a result links back to the same search: query,
// filters, order and page.
func TestSearchBackLink(t *testing.T) {
	e := relevanceEnv(t)
	search := "/search?q=" + url.QueryEscape("工会") + "&kind=plan&sort=year&page=2"
	r := readSearch(t, e.mustGet(t, search, http.StatusOK).body)
	if len(r.docLinks) == 0 {
		t.Fatal("page 2 is empty")
	}
	page := parse(t, e.mustGet(t, r.docLinks[0], http.StatusOK).body)
	var back string
	for _, a := range findAll(page, element("a")) {
		if text(a) == "回到搜索结果" {
			back = attr(a, "href")
		}
	}
	u, err := url.Parse(back)
	if err != nil || u.Path != "/search" {
		t.Fatalf("back link %q", back)
	}
	want := url.Values{"q": {"工会"}, "kind": {"plan"}, "sort": {"year"}, "page": {"2"}}
	if diff := cmp.Diff(want, u.Query()); diff != "" {
		t.Errorf("back link (-want +got):\n%s", diff)
	}
}

// "这篇文档还有 N 处匹配" opens the document at the first match not shown.
func TestSearchMoreOpensNextMatch(t *testing.T) {
	e := relevanceEnv(t)
	body := e.mustGet(t, "/search?q="+url.QueryEscape("工会"), http.StatusOK).body
	doc := parse(t, body)
	checked := 0
	for _, art := range findAll(doc, element("article")) {
		more := findAll(art, class("moredoc"))
		if len(more) == 0 {
			continue
		}
		href := attr(findAll(more[0], element("a"))[0], "href")
		u, err := url.Parse(href)
		if err != nil {
			t.Fatal(err)
		}
		if u.Fragment == "" {
			continue // the next match is the opening, at the top
		}
		for _, w := range findAll(art, class("where")) {
			if h, _ := url.Parse(attr(findAll(w, element("a"))[0], "href")); h.Fragment == u.Fragment {
				t.Errorf("more link opens at %s, a match already shown", u.Fragment)
			}
		}
		page := parse(t, e.mustGet(t, u.Path+"?"+u.RawQuery, http.StatusOK).body)
		blocks := findAll(page, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == u.Fragment })
		if len(blocks) != 1 || len(findAll(blocks[0], element("mark"))) == 0 {
			t.Errorf("%s: no marked section %s", u.Path, u.Fragment)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no document with more matches in a section")
	}
}

// hitLinks returns the links of the hits that hold the query's words
// (not those found through their work area).
func hitLinks(t *testing.T, body string) []string {
	var out []string
	for _, w := range findAll(parse(t, body), class("where")) {
		if len(findAll(w, class("reason"))) > 0 {
			continue
		}
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

// Documents that are not union plans or summaries are left out unless
// asked for.
func TestSearchHidesIrrelevant(t *testing.T) {
	e := relevanceEnv(t)
	q := "/search?q=" + url.QueryEscape("学生")
	def := readSearch(t, e.mustGet(t, q, http.StatusOK).body)
	all := readSearch(t, e.mustGet(t, q+"&all=1", http.StatusOK).body)
	if len(all.docs) <= len(def.docs) {
		t.Fatalf("all=1 lists %d documents, the default %d", len(all.docs), len(def.docs))
	}
	for _, l := range def.docLinks {
		u, _ := url.Parse(l)
		id, _ := url.PathUnescape(strings.TrimPrefix(u.Path, "/doc/"))
		d, err := e.ws.Document(id)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Relevant {
			t.Errorf("%s is listed although it is not a union plan or summary", d.Title)
		}
	}
	body := e.mustGet(t, q+"&all=1", http.StatusOK).body
	if !strings.Contains(body, "也看与工会工作无关的文档") {
		t.Error("the filter in force is not shown")
	}
}

func TestSearchFullWidthYear(t *testing.T) {
	e := corpusEnv(t)
	ascii := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开")+"&year=2022", http.StatusOK).body)
	full := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开")+"&year="+url.QueryEscape("２０２２"), http.StatusOK).body)
	if len(ascii.docs) == 0 || !cmp.Equal(ascii.docs, full.docs) {
		t.Errorf("year ２０２２: %q; 2022: %q", full.docs, ascii.docs)
	}
	rng := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开")+"&year="+url.QueryEscape("２０２３－２０２４"), http.StatusOK).body)
	asciiRng := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("校务公开")+"&year=2023-2024", http.StatusOK).body)
	if len(asciiRng.docs) < 2 || !cmp.Equal(asciiRng.docs, rng.docs) {
		t.Errorf("years ２０２３－２０２４: %q; 2023-2024: %q", rng.docs, asciiRng.docs)
	}
}

// Messages are in words a secretary uses: no segmentation of the query,
// no 章节角色, no 未知.
func TestSearchWording(t *testing.T) {
	e := corpusEnv(t)
	for _, q := range []string{"量子纠缠", "校务公开", "福利 体检", "加强民主管理"} {
		body := e.mustGet(t, "/search?q="+url.QueryEscape(q), http.StatusOK).body
		for _, bad := range []string{" + ", "章节角色", "未知", "检索方式", "→"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the page says %q", q, bad)
			}
		}
	}
	none := e.mustGet(t, "/search?q="+url.QueryEscape("量子纠缠"), http.StatusOK).body
	if !strings.Contains(none, "没有找到与“量子纠缠”有关的内容") {
		t.Errorf("no-hit page does not say so:\n%s", excerpt(none))
	}
	// A near miss suggests what it likely meant, as a link that finds it.
	typo := parse(t, e.mustGet(t, "/search?q="+url.QueryEscape("校物公开"), http.StatusOK).body)
	var sugg string
	for _, a := range findAll(typo, element("a")) {
		if text(a) == "校务公开" {
			sugg = attr(a, "href")
		}
	}
	if sugg == "" {
		t.Fatal("校物公开: no suggestion of 校务公开")
	}
	if r := readSearch(t, e.mustGet(t, sugg, http.StatusOK).body); len(r.docs) == 0 {
		t.Errorf("the suggestion %q finds nothing", sugg)
	}
	// Synonyms and areas are said in words.
	welfare := e.mustGet(t, "/search?q="+url.QueryEscape("福利"), http.StatusOK).body
	if !strings.Contains(welfare, "意思相近的说法：") || !strings.Contains(welfare, "“福利保障”") {
		t.Errorf("福利: the widening is not explained:\n%s", excerpt(welfare))
	}
}

// Sections found through their work area say so.
func TestSearchMatchReason(t *testing.T) {
	e := relevanceEnv(t)
	// The area's name is in no document: every hit is there through it.
	r := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("业务与竞赛"), http.StatusOK).body)
	if len(r.reasons) == 0 || len(r.reasons) != len(hitLinksAll(t, e, "业务与竞赛")) {
		t.Fatalf("业务与竞赛: %d hits, %d with a reason", len(hitLinksAll(t, e, "业务与竞赛")), len(r.reasons))
	}
	for _, s := range r.reasons {
		if s != "按工作领域“业务与竞赛”找到" {
			t.Errorf("reason %q", s)
		}
	}
	exact := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape(`"业务与竞赛"`), http.StatusOK).body)
	if len(exact.reasons) != 0 {
		t.Errorf("a quoted phrase is matched through its area: %q", exact.reasons)
	}
}

// A query past the cap is refused with a clear message and a small page;
// under the cap, the facets do not repeat it once per value.
func TestSearchQueryCap(t *testing.T) {
	e := corpusEnv(t)
	huge := strings.Repeat("校务公开", 7500) // 30,000 characters
	r := e.get(t, "/search?q="+url.QueryEscape(huge))
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "太长") || !strings.Contains(r.body, strconv.Itoa(maxQueryChars)) {
		t.Errorf("huge query: status %d\n%s", r.status, excerpt(r.body))
	}
	if len(r.body) > 20000 {
		t.Errorf("huge query: a page of %d bytes", len(r.body))
	}
	q := strings.Repeat("校务公开", maxQueryChars/4)
	ok := e.mustGet(t, "/search?q="+url.QueryEscape(q), http.StatusOK)
	aside := findAll(parse(t, ok.body), class("facets"))
	if len(aside) != 1 {
		t.Fatal("no facets")
	}
	facets := findAll(aside[0], class("facet"))
	values := findAll(aside[0], element("li"))
	n := 0
	for _, in := range findAll(aside[0], element("input")) {
		if attr(in, "value") == q {
			n++
		}
	}
	for _, a := range findAll(aside[0], element("a")) {
		n += strings.Count(attr(a, "href"), url.QueryEscape(q))
	}
	if n != len(facets) || len(values) <= len(facets) {
		t.Errorf("the query is written %d times in %d facets of %d values", n, len(facets), len(values))
	}
}

// hitLinksAll returns every hit link of the first page of a search.
func hitLinksAll(t *testing.T, e *testEnv, q string) []string {
	var out []string
	for _, w := range findAll(parse(t, e.mustGet(t, "/search?q="+url.QueryEscape(q), http.StatusOK).body), class("where")) {
		out = append(out, attr(findAll(w, element("a"))[0], "href"))
	}
	return out
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
	home := e.mustGet(t, "/", http.StatusOK)
	if !strings.Contains(home.body, `name="q"`) {
		t.Errorf("the home page has no search box")
	}

	empty := freshEnv(t, nil)
	page := empty.mustGet(t, "/search", http.StatusOK)
	if !strings.Contains(page.body, "工作区里还没有文档") || !strings.Contains(page.body, `href="/import"`) {
		t.Errorf("empty workspace: no hint to import\n%s", excerpt(page.body))
	}
}
