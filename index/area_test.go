package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

// areaDocs are documents whose sections are tagged by hand: some about an
// area without its words, as the classifier tags them from its lexicon.
func areaDocs(t testing.TB) []corpus.Document {
	t.Helper()
	texts := []struct {
		id, text string
		year     int
		topics   [][]string // per section
	}{
		{"a1-1", "甲小学工会工作计划\n一、开展劳动竞赛\n组织劳动竞赛，评选先进。\n二、关心教职工\n组织健康体检。\n", 2019,
			[][]string{{"skills"}, {"welfare"}}},
		{"a2-1", "乙中学工会工作总结\n一、岗位技能比赛\n举办青年教师说课评课活动，以赛促教。\n二、教工之家\n添置健身器材。\n", 2021,
			[][]string{{"skills"}, {"staff-home"}}},
		{"a3-1", "丙幼儿园工会工作计划\n一、业务提升\n2023年组织保育员操作比赛。\n二、暑期安排\n2023年暑期组织教师外出休整。\n", 2023,
			[][]string{{"skills"}, {"welfare"}}},
		{"a4-1", "丁公司工会工作计划\n一、安全生产\n开展安全检查，劳动竞赛另行安排。\n", 0,
			[][]string{{"safety"}}},
	}
	var docs []corpus.Document
	for _, x := range texts {
		d := naiveDoc(t, x.id, x.id+".txt", x.text, x.year, "")
		if len(d.Sections) != len(x.topics) {
			t.Fatalf("%s: %d sections", x.id, len(d.Sections))
		}
		for i := range d.Sections {
			d.Sections[i].Topics = x.topics[i]
		}
		docs = append(docs, d)
	}
	return docs
}

type areaHit struct {
	Doc, Heading, Match string
	Areas               []string
}

func areaHits(res *Result) []areaHit {
	var out []areaHit
	for _, h := range res.Hits {
		out = append(out, areaHit{h.DocID, h.Heading, h.Match, h.Areas})
	}
	return out
}

// A query that names a work area finds the sections tagged with it that do
// not hold the words, after those that do, with the area as the reason;
// --exact finds only the words.
func TestWorkAreaQuery(t *testing.T) {
	docs := areaDocs(t)
	ix, src := newTestIndex(t, docs...)
	res := all(t, ix, src, Request{Query: "劳动竞赛"})
	want := []areaHit{
		{"a1-1", "一、开展劳动竞赛", MatchWords, nil},
		// Holds the words but is not about the area: below the sections
		// that are about it (a synonym-free literal match still ranks
		// above the area alone).
		{"a4-1", "一、安全生产", MatchWords, nil},
		{"a2-1", "一、岗位技能比赛", MatchArea, []string{"skills"}},
		{"a3-1", "一、业务提升", MatchArea, []string{"skills"}},
	}
	got := areaHits(res)
	// The two area-only sections rank by score; compare as a set after
	// the first two.
	if len(got) == len(want) {
		tail := got[2:]
		sort.Slice(tail, func(i, j int) bool { return tail[i].Doc < tail[j].Doc })
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("劳动竞赛 (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.Explain, "业务与竞赛") || !cmp.Equal(res.Terms[0].Areas, []string{"skills"}) {
		t.Errorf("explain does not name the area: %q %+v", res.Explain, res.Terms)
	}
	if res.TotalDocs != 4 || res.Total != 4 {
		t.Errorf("total %d entries in %d documents, want 4 in 4", res.Total, res.TotalDocs)
	}

	exact := all(t, ix, src, Request{Query: "劳动竞赛", Exact: true})
	if diff := cmp.Diff([]areaHit{
		{"a1-1", "一、开展劳动竞赛", MatchWords, nil},
		{"a4-1", "一、安全生产", MatchWords, nil},
	}, areaHits(exact)); diff != "" {
		t.Errorf("劳动竞赛 --exact (-want +got):\n%s", diff)
	}
	if len(exact.Terms[0].Areas) != 0 || strings.Contains(exact.Explain, "工作领域") {
		t.Errorf("--exact still names areas: %+v %q", exact.Terms, exact.Explain)
	}

	// The topic's Chinese name and a thesaurus synonym name it too.
	for _, q := range []string{"业务与竞赛", "技术比武"} {
		r := all(t, ix, src, Request{Query: q})
		found := map[string]bool{}
		for _, h := range r.Hits {
			found[h.DocID] = true
		}
		if !found["a2-1"] || !found["a3-1"] {
			t.Errorf("%s: the skills sections are not found: %+v", q, areaHits(r))
		}
	}
}

// An area mixed with other words keeps AND on the other words.
func TestWorkAreaWithOtherWords(t *testing.T) {
	docs := areaDocs(t)
	ix, src := newTestIndex(t, docs...)
	// 福利 names welfare; 2023 must occur: a3-1's welfare section (no
	// welfare word) is found, not its skills section (2023, not welfare)
	// nor a1-1's welfare section (no 2023).
	res := all(t, ix, src, Request{Query: "福利 2023"})
	if diff := cmp.Diff([]areaHit{{"a3-1", "二、暑期安排", MatchArea, []string{"welfare"}}}, areaHits(res)); diff != "" {
		t.Errorf("福利 2023 (-want +got):\n%s", diff)
	}
	// 体检 is a synonym of 福利: a1-1's section holds the words.
	res = all(t, ix, src, Request{Query: "福利 体检"})
	if diff := cmp.Diff([]areaHit{{"a1-1", "二、关心教职工", MatchWords, nil}}, areaHits(res)); diff != "" {
		t.Errorf("福利 体检 (-want +got):\n%s", diff)
	}
}

func TestOrQuery(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	res := all(t, ix, src, Request{Query: "疗休养 OR 一日捐", Exact: true})
	want := append(brute(ix, docs, "疗休养"), brute(ix, docs, "一日捐")...)
	sort.Strings(want)
	want = dedupe(want)
	if len(want) < 2 {
		t.Fatalf("test data: %v", want)
	}
	if diff := cmp.Diff(want, hitIDs(res)); diff != "" {
		t.Errorf("疗休养 OR 一日捐 (-want +got):\n%s", diff)
	}
	// OR binds the words on its sides; the others must still occur.
	res = all(t, ix, src, Request{Query: "疗休养 OR 一日捐 教职工", Exact: true})
	for _, id := range hitIDs(res) {
		if !contains(brute(ix, docs, "教职工"), id) {
			t.Errorf("疗休养 OR 一日捐 教职工 finds %s without 教职工", id)
		}
	}
	if !strings.Contains(all(t, ix, src, Request{Query: "疗休养 OR 一日捐"}).Explain, "或者") {
		t.Error("explain does not say OR")
	}
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func TestSplitQueryOr(t *testing.T) {
	tests := []struct {
		in   string
		want []part
	}{
		{"体检 OR 疗休养", []part{{Text: "体检"}, {Text: "疗休养", Or: true}}},
		{"体检 | 疗休养 教师", []part{{Text: "体检"}, {Text: "疗休养", Or: true}, {Text: "教师"}}},
		{"OR 体检", []part{{Text: "体检"}}},
		{"体检 or 疗休养", []part{{Text: "体检"}, {Text: "or"}, {Text: "疗休养"}}},
		{`体检 OR "疗休养"`, []part{{Text: "体检"}, {Text: "疗休养", Phrase: true, Or: true}}},
		{"体检 OR -疗休养", []part{{Text: "体检"}, {Text: "疗休养", Exclude: true}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitQuery(tt.in)); diff != "" {
			t.Errorf("splitQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// Document totals and facet counts in documents agree with the hits.
func TestDocumentCounts(t *testing.T) {
	docs := append(testDocs(t), areaDocs(t)...)
	ix, src := newTestIndex(t, docs...)
	for _, q := range []string{"", "教职工", "福利", "会", "劳动竞赛 OR 体检"} {
		res := all(t, ix, src, Request{Query: q})
		byDoc := map[string]bool{}
		facets := map[string]map[string]bool{} // "topic=x" → documents
		addFacet := func(k, doc string) {
			if facets[k] == nil {
				facets[k] = map[string]bool{}
			}
			facets[k][doc] = true
		}
		for _, h := range res.Hits {
			byDoc[h.DocID] = true
			for _, tp := range h.Topics {
				addFacet("topic="+tp, h.DocID)
			}
			addFacet("tag="+string(h.Tag), h.DocID)
			if h.Year != 0 {
				addFacet(fmt.Sprintf("year=%d", h.Year), h.DocID)
			}
		}
		if res.TotalDocs != uint64(len(byDoc)) {
			t.Errorf("%q: TotalDocs %d, the hits are in %d documents", q, res.TotalDocs, len(byDoc))
		}
		check := func(name string, got map[string]int) {
			for v, n := range got {
				if want := len(facets[name+"="+v]); n != want {
					t.Errorf("%q: %s %s: %d documents, want %d", q, name, v, n, want)
				}
			}
		}
		check("topic", res.FacetDocs.Topic)
		check("tag", res.FacetDocs.Tag)
		check("year", res.FacetDocs.Year)
		for v, n := range res.FacetDocs.Topic {
			if n > res.Facets.Topic[v] {
				t.Errorf("%q: topic %s: %d documents > %d entries", q, v, n, res.Facets.Topic[v])
			}
		}
	}
}

func TestSortByYear(t *testing.T) {
	docs := append(testDocs(t), areaDocs(t)...)
	ix, src := newTestIndex(t, docs...)
	res := all(t, ix, src, Request{Query: "工会", Sort: SortYear})
	last := 10000
	for _, h := range res.Hits {
		y := h.Year
		if y == 0 {
			y = -1 // unknown years last
		}
		if y > last {
			t.Errorf("%s (%d) after a document of %d", h.DocID, h.Year, last)
		}
		last = y
	}
	if len(res.Hits) < 4 {
		t.Errorf("only %d hits", len(res.Hits))
	}
}

// By document: Limit and Offset count documents; each document comes once
// with its best hits and its number of matches.
func TestByDocument(t *testing.T) {
	docs := append(testDocs(t), areaDocs(t)...)
	ix, src := newTestIndex(t, docs...)
	ctx := context.Background()
	whole, err := ix.Search(ctx, Request{Query: "教职工", ByDoc: true, Limit: 100, PerDoc: 2}, src)
	if err != nil {
		t.Fatal(err)
	}
	if uint64(len(whole.Documents)) != whole.TotalDocs {
		t.Fatalf("%d documents listed, total %d", len(whole.Documents), whole.TotalDocs)
	}
	entries := 0
	for _, d := range whole.Documents {
		if len(d.Hits) == 0 || len(d.Hits) > 2 || d.Matches < len(d.Hits) {
			t.Errorf("%s: %d hits, %d matches", d.DocID, len(d.Hits), d.Matches)
		}
		entries += d.Matches
	}
	if uint64(entries) != whole.Total {
		t.Errorf("matches add up to %d, total %d", entries, whole.Total)
	}
	var paged []string
	for off := 0; off < 20; off += 2 {
		p, err := ix.Search(ctx, Request{Query: "教职工", ByDoc: true, Limit: 2, Offset: off, PerDoc: 2}, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Documents) > 2 {
			t.Errorf("offset %d: %d documents on a page of 2", off, len(p.Documents))
		}
		for _, d := range p.Documents {
			paged = append(paged, d.DocID)
		}
	}
	var all []string
	for _, d := range whole.Documents {
		all = append(all, d.DocID)
	}
	if diff := cmp.Diff(all, paged); diff != "" {
		t.Errorf("pages (-whole +paged):\n%s", diff)
	}
}

// A query that finds nothing suggests the nearest work area or word of the
// corpus, never the analyzer's segmentation.
func TestSuggestions(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	tests := []struct {
		q, want string
	}{
		{"校物公开", "校务公开"},     // one character wrong: the area
		{"送温缓", "送温暖"},       // the area
		{"教职工 体捡", "教职工 体检"}, // the other words stay
	}
	for _, tt := range tests {
		res := all(t, ix, src, Request{Query: tt.q})
		if res.Total != 0 {
			t.Errorf("%q finds %d", tt.q, res.Total)
			continue
		}
		if !contains(res.Suggestions, tt.want) {
			t.Errorf("%q: suggestions %q, want %q among them", tt.q, res.Suggestions, tt.want)
		}
		for _, s := range res.Suggestions {
			if r := all(t, ix, src, Request{Query: s}); r.Total == 0 {
				t.Errorf("%q: suggestion %q finds nothing", tt.q, s)
			}
		}
	}
	if res := all(t, ix, src, Request{Query: "量子纠缠"}); res.Total != 0 || len(res.Suggestions) != 0 {
		t.Errorf("量子纠缠: %d hits, suggestions %q", res.Total, res.Suggestions)
	}
}
