package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/internal/golden"
	"plans/internal/seedtest"
	"plans/segment"
)

// all returns every hit of a request, ungrouped.
func all(t testing.TB, ix *Index, src Source, r Request) *Result {
	t.Helper()
	r.Limit, r.PerDoc = 100000, 100000
	res, err := ix.Search(context.Background(), r, src)
	if err != nil {
		t.Fatalf("Search(%q): %v", r.Query, err)
	}
	return res
}

func hitIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.DocID+"|"+h.Entry+"|"+h.SectionID+"|"+h.Heading)
	}
	sort.Strings(ids)
	return ids
}

// brute returns the entries of docs whose simplified text contains every
// one of the strings, in the same form as hitIDs.
func brute(ix *Index, docs []corpus.Document, strs ...string) []string {
	var ids []string
	for i := range docs {
		for _, e := range ix.newDocView(&docs[i]).entries() {
			text := segment.Normalize(e.Simp)
			ok := true
			for _, s := range strs {
				if !strings.Contains(text, segment.Normalize(ix.simplify(s))) {
					ok = false
				}
			}
			if ok {
				ids = append(ids, docs[i].ID+"|"+string(e.Kind)+"|"+e.SectionID+"|"+e.Heading)
			}
		}
	}
	sort.Strings(ids)
	return ids
}

var markRE = regexp.MustCompile(`<mark>(.*?)</mark>`)

// marks returns the marked strings of a hit's HTML fragments.
func marks(h Hit) []string {
	var out []string
	for _, f := range h.Fragments {
		for _, m := range markRE.FindAllStringSubmatch(f.HTML(), -1) {
			out = append(out, m[1])
		}
	}
	return out
}

func seedDocs(t testing.TB) []corpus.Document {
	var docs []corpus.Document
	for i, s := range seedtest.Load(t) {
		docs = append(docs, naiveDoc(t, fmt.Sprintf("seed%d-1", i), s.Name, s.Text, 0, ""))
	}
	return docs
}

// 校务公开 finds the 校務公開 sections of the traditional seeds and the
// simplified ones, and so does 校務公開; marks sit on the words as written.
func TestBothScriptsFindBoth(t *testing.T) {
	docs := seedDocs(t)
	ix, src := newTestIndex(t, docs...)
	want := brute(ix, docs, "校务公开")
	scripts := map[string]corpus.Script{}
	for _, d := range docs {
		scripts[d.ID] = d.Script
	}
	for _, q := range []string{"校务公开", "校務公開"} {
		t.Run(q, func(t *testing.T) {
			res := all(t, ix, src, Request{Query: q, Exact: true})
			if diff := cmp.Diff(want, hitIDs(res)); diff != "" {
				t.Fatalf("hits differ from the entries holding 校务公开 (-want +got):\n%s", diff)
			}
			seen := map[corpus.Script]int{}
			for _, h := range res.Hits {
				seen[scripts[h.DocID]]++
				ms := marks(h)
				if len(ms) == 0 {
					t.Errorf("%s %s: no mark", h.DocID, h.Heading)
				}
				for _, m := range ms {
					wantMark := "校务公开"
					if scripts[h.DocID] == corpus.Traditional {
						wantMark = "校務公開"
					}
					if m != wantMark {
						t.Errorf("%s (%s): mark %q, want %q", h.DocID, scripts[h.DocID], m, wantMark)
					}
				}
			}
			if seen[corpus.Traditional] == 0 || seen[corpus.Simplified] == 0 {
				t.Errorf("hits by script %v: want both scripts", seen)
			}
		})
	}
}

// Every hit holds the query; every entry holding it is a hit.
func TestNoFalseNegatives(t *testing.T) {
	docs := seedDocs(t)
	ix, src := newTestIndex(t, docs...)
	// Substrings of the seeds, two to six characters.
	var queries []string
	for _, d := range docs {
		rs := []rune(d.Simplified)
		for i := 100; i+6 < len(rs) && len(queries) < 120; i += 397 {
			for n := 2; n <= 6; n += 2 {
				q := strings.TrimSpace(string(rs[i : i+n]))
				if utf8.RuneCountInString(q) == n && !strings.ContainsAny(q, "，。、；：“”（）()\n ,.0123456789") {
					queries = append(queries, q)
				}
			}
		}
	}
	if len(queries) < 30 {
		t.Fatalf("only %d queries", len(queries))
	}
	for _, q := range queries {
		res := all(t, ix, src, Request{Query: `"` + q + `"`})
		if diff := cmp.Diff(brute(ix, docs, q), hitIDs(res)); diff != "" {
			t.Errorf("%q: hits differ from the entries holding it (-want +got):\n%s", q, diff)
		}
		if res.Total < uint64(len(res.Hits)) {
			t.Errorf("%q: total %d < %d hits", q, res.Total, len(res.Hits))
		}
	}
}

func TestThesaurus(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	expanded := all(t, ix, src, Request{Query: "福利"})
	exact := all(t, ix, src, Request{Query: "福利", Exact: true})
	if diff := cmp.Diff(brute(ix, docs, "福利"), hitIDs(exact)); diff != "" {
		t.Errorf("--exact 福利 (-want +got):\n%s", diff)
	}
	found := map[string]bool{}
	for _, id := range hitIDs(expanded) {
		found[id] = true
	}
	for _, w := range []string{"体检", "保险", "疗休养"} {
		for _, id := range brute(ix, docs, w) {
			if !found[id] {
				t.Errorf("福利 does not find %s, which holds %s", id, w)
			}
		}
	}
	// Sections about 体检 without 福利 are found only through the thesaurus.
	var only []string
	for _, id := range brute(ix, docs, "體檢") {
		if !contains(brute(ix, docs, "福利"), id) {
			only = append(only, id)
		}
	}
	if len(only) == 0 {
		t.Fatal("test data has no section with 体检 and without 福利")
	}
	for _, id := range only {
		if contains(hitIDs(exact), id) {
			t.Errorf("--exact 福利 finds %s, which does not hold 福利", id)
		}
	}
	if len(expanded.Terms) != 1 || len(expanded.Terms[0].Words) != 1 ||
		!contains(expanded.Terms[0].Words[0].Synonyms, "体检") || !strings.Contains(expanded.Explain, "疗休养") {
		t.Errorf("explanation does not show the expansion: %+v %q", expanded.Terms, expanded.Explain)
	}
	if len(exact.Terms[0].Words[0].Synonyms) != 0 {
		t.Errorf("--exact still expands: %+v", exact.Terms)
	}
	// Expanded hits are marked on the synonym they hold.
	for _, h := range expanded.Hits {
		if len(marks(h)) == 0 {
			t.Errorf("%s %s: no mark", h.DocID, h.Heading)
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestCompoundsAndParts(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	// A part of a long word finds the long word.
	parts := all(t, ix, src, Request{Query: "代表大会", Exact: true})
	if diff := cmp.Diff(brute(ix, docs, "代表大会"), hitIDs(parts)); diff != "" {
		t.Errorf("代表大会 (-want +got):\n%s", diff)
	}
	if len(brute(ix, docs, "教职工代表大会")) == 0 || len(parts.Hits) <= len(brute(ix, docs, "教职工代表大会"))-1 {
		t.Errorf("代表大会 finds %d entries", len(parts.Hits))
	}
	for _, h := range parts.Hits {
		for _, m := range marks(h) {
			if segment.Normalize(ix.simplify(m)) != "代表大会" {
				t.Errorf("mark %q in a search for 代表大会", m)
			}
		}
	}
	// The long word finds its abbreviation through the thesaurus.
	long := all(t, ix, src, Request{Query: "教职工代表大会"})
	got := hitIDs(long)
	for _, id := range brute(ix, docs, "教代会") {
		if !contains(got, id) {
			t.Errorf("教职工代表大会 does not find %s (教代会)", id)
		}
	}
}

func TestOneCharacterQuery(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	for _, q := range []string{"会", "會", "园"} {
		res := all(t, ix, src, Request{Query: q, Exact: true})
		want := brute(ix, docs, q)
		if len(want) == 0 {
			t.Fatalf("no entry holds %q", q)
		}
		if diff := cmp.Diff(want, hitIDs(res)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", q, diff)
		}
		if res.Total != uint64(len(want)) {
			t.Errorf("%q: total %d, want %d", q, res.Total, len(want))
		}
	}
}

func TestLettersAndDigits(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	tests := []struct {
		q     string
		holds string
	}{
		{"QQ群", "QQ群"},
		{"ＱＱ群", "QQ群"},
		{"qq", "QQ"},
		{"100%", "100%"},
		{"95%以上", "95%以上"},
		{"2019年", "2019年"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res := all(t, ix, src, Request{Query: tt.q, Exact: true})
			want := brute(ix, docs, tt.holds)
			if len(want) == 0 {
				t.Fatalf("no entry holds %q", tt.holds)
			}
			if diff := cmp.Diff(want, hitIDs(res)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Unquoted, 群 and QQ are two words that may stand apart; quoted, the
	// string must occur as written.
	if res := all(t, ix, src, Request{Query: "群QQ"}); len(res.Hits) == 0 {
		t.Errorf("群QQ (two words) finds nothing")
	}
	if res := all(t, ix, src, Request{Query: `"群QQ"`}); len(res.Hits) != 0 {
		t.Errorf(`"群QQ" finds %v`, hitIDs(res))
	}
}

func TestFiltersAndFacets(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	byID := map[string]*corpus.Document{}
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	tests := []struct {
		name string
		r    Request
		keep func(d *corpus.Document, h Hit) bool
	}{
		{"topic and year range", Request{Topics: []string{"disclosure"}, Years: YearRange{2008, 2012}},
			func(d *corpus.Document, h Hit) bool {
				return d.Year >= 2008 && d.Year <= 2012 && contains(h.Topics, "disclosure")
			}},
		{"query, kind and org type", Request{Query: "教代会", Kinds: []string{"plan"}, OrgTypes: []string{"primary", "middle"}},
			func(d *corpus.Document, h Hit) bool {
				return d.Kind == corpus.KindPlan && d.OrgType != corpus.OrgKindergarten
			}},
		{"org in the other script", Request{Query: "体检", Orgs: []string{"溪南幼儿园"}},
			func(d *corpus.Document, h Hit) bool { return d.Org == "溪南幼兒園" }},
		{"tag", Request{Tags: []string{"calendar"}},
			func(d *corpus.Document, h Hit) bool { return h.Tag == corpus.TagCalendar }},
		{"months", Request{Months: []int{9}},
			func(d *corpus.Document, h Hit) bool { return contains(intsToStrings(h.Months), "9") }},
		{"open year range", Request{Query: "工会", Years: YearRange{From: 2015}},
			func(d *corpus.Document, h Hit) bool { return d.Year >= 2015 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := all(t, ix, src, tt.r)
			if len(res.Hits) == 0 {
				t.Fatal("no hits")
			}
			if res.Total != uint64(len(res.Hits)) {
				t.Errorf("total %d, %d hits", res.Total, len(res.Hits))
			}
			want := Facets{Topic: map[string]int{}, Year: map[string]int{}, Tag: map[string]int{}, Kind: map[string]int{}, OrgType: map[string]int{}}
			for _, h := range res.Hits {
				d := byID[h.DocID]
				if !tt.keep(d, h) {
					t.Errorf("hit %s %s does not pass the filters", h.DocID, h.Heading)
				}
				for _, tp := range h.Topics {
					want.Topic[tp]++
				}
				if d.Year != 0 {
					want.Year[fmt.Sprint(d.Year)]++
				}
				want.Tag[string(h.Tag)]++
				want.Kind[string(d.Kind)]++
				want.OrgType[string(d.OrgType)]++
			}
			if diff := cmp.Diff(want, res.Facets); diff != "" {
				t.Errorf("facets (-want +got):\n%s", diff)
			}
		})
	}
	// Everything that passes is found: the unfiltered count by hand.
	res := all(t, ix, src, Request{Topics: []string{"disclosure"}, Years: YearRange{2008, 2012}})
	n := 0
	for i := range docs {
		if docs[i].Year < 2008 || docs[i].Year > 2012 {
			continue
		}
		for _, e := range ix.newDocView(&docs[i]).entries() {
			if contains(e.Topics, "disclosure") {
				n++
			}
		}
	}
	if len(res.Hits) != n {
		t.Errorf("topic+year: %d hits, want %d", len(res.Hits), n)
	}
}

func intsToStrings(v []int) []string {
	var out []string
	for _, n := range v {
		out = append(out, fmt.Sprint(n))
	}
	return out
}

func TestGroupingAndPaging(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	ctx := context.Background()
	full := all(t, ix, src, Request{Query: "教职工"})
	perDoc := map[string]int{}
	for _, h := range full.Hits {
		perDoc[h.DocID]++
	}
	res, err := ix.Search(ctx, Request{Query: "教职工", PerDoc: 1, Limit: 10}, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(perDoc) {
		t.Fatalf("PerDoc 1: %d hits, want one per document (%d)", len(res.Hits), len(perDoc))
	}
	for _, h := range res.Hits {
		if h.More != perDoc[h.DocID]-1 {
			t.Errorf("%s: More = %d, want %d", h.DocID, h.More, perDoc[h.DocID]-1)
		}
	}
	// Pages of two join up to the whole list.
	var paged []string
	for off := 0; ; off += 2 {
		p, err := ix.Search(ctx, Request{Query: "教职工", PerDoc: 3, Limit: 2, Offset: off}, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Hits) == 0 {
			break
		}
		for _, h := range p.Hits {
			paged = append(paged, h.DocID+h.SectionID+h.Heading)
		}
	}
	one, _ := ix.Search(ctx, Request{Query: "教职工", PerDoc: 3, Limit: 1000}, src)
	var whole []string
	for _, h := range one.Hits {
		whole = append(whole, h.DocID+h.SectionID+h.Heading)
	}
	if diff := cmp.Diff(whole, paged); diff != "" {
		t.Errorf("pages (-whole +paged):\n%s", diff)
	}
	// Documents do not interleave.
	last := map[string]int{}
	for i, h := range one.Hits {
		if j, ok := last[h.DocID]; ok && j != i-1 {
			t.Errorf("hits of %s are not together", h.DocID)
		}
		last[h.DocID] = i
	}
}

func TestExcludeAndPhrase(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	with := brute(ix, docs, "教职工", "体检")
	res := all(t, ix, src, Request{Query: "教职工 -体检", Exact: true})
	for _, id := range hitIDs(res) {
		if contains(with, id) {
			t.Errorf("教职工 -体检 finds %s, which holds 体检", id)
		}
	}
	if len(res.Hits) == 0 {
		t.Error("教职工 -体检 finds nothing")
	}
	// A quoted phrase must occur as written; words apart are not enough.
	apart := all(t, ix, src, Request{Query: "教职工 健康", Exact: true})
	phrase := all(t, ix, src, Request{Query: "“教职工健康”"})
	if diff := cmp.Diff(brute(ix, docs, "教职工健康"), hitIDs(phrase)); diff != "" {
		t.Errorf("phrase (-want +got):\n%s", diff)
	}
	if len(apart.Hits) <= len(phrase.Hits) {
		t.Errorf("words apart find %d, the phrase %d: want more apart", len(apart.Hits), len(phrase.Hits))
	}
}

// The JSON output follows the search contract of DESIGN.md.
func TestSearchJSON(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	for _, tt := range []struct {
		name string
		r    Request
	}{
		{"disclosure", Request{Query: "校务公开", Limit: 4}},
		{"welfare_2015", Request{Query: "福利", Years: YearRange{2015, 2015}, Limit: 3}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.r, src)
			if err != nil {
				t.Fatal(err)
			}
			res.TookMS = 0
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			golden.Check(t, "testdata/search_"+tt.name+".json", b)

			// The contract's keys are there with the right types.
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"query", "total", "took_ms", "hits", "facets"} {
				if _, ok := m[k]; !ok {
					t.Errorf("no %q", k)
				}
			}
			for _, f := range []string{"topic", "year", "tag", "kind"} {
				if _, ok := m["facets"].(map[string]any)[f]; !ok {
					t.Errorf("no facet %q", f)
				}
			}
			for _, h := range m["hits"].([]any) {
				hit := h.(map[string]any)
				for _, k := range []string{"doc_id", "section_id", "source", "title", "org", "year", "heading", "tag", "topics", "score", "fragments"} {
					if _, ok := hit[k]; !ok {
						t.Errorf("hit without %q", k)
					}
				}
				for _, f := range hit["fragments"].([]any) {
					if !strings.Contains(f.(string), "<mark>") {
						t.Errorf("fragment without <mark>: %q", f)
					}
				}
			}
		})
	}
}

func TestUnknownOrgAndYearAreNull(t *testing.T) {
	b, err := json.Marshal(Hit{DocID: "x-1", Tag: corpus.TagWork})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"org":null`, `"year":null`, `"section_id":null`, `"topics":[]`, `"fragments":[]`, `"role":"主要工作"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

func TestKWIC(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	res, err := ix.KWIC(context.Background(), KWICRequest{Term: "教代会", Width: 6}, src)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		n += strings.Count(d.Simplified, "教代会")
	}
	if len(res.Lines) != n {
		t.Errorf("%d lines, the documents hold 教代会 %d times", len(res.Lines), n)
	}
	for i, l := range res.Lines {
		if segment.Normalize(ix.simplify(l.Match)) != "教代会" {
			t.Errorf("line %d: match %q", i, l.Match)
		}
		if utf8.RuneCountInString(l.Left) > 6 || utf8.RuneCountInString(l.Right) > 6 || strings.ContainsAny(l.Left+l.Right, "\n\r") {
			t.Errorf("line %d: context %q %q", i, l.Left, l.Right)
		}
		if i > 0 && l.DocID < res.Lines[i-1].DocID {
			t.Errorf("line %d: not in document order", i)
		}
	}
	limited, err := ix.KWIC(context.Background(), KWICRequest{Term: "教代會", Limit: 2}, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(limited.Lines) != 2 || !limited.More {
		t.Errorf("limit 2: %d lines, more=%v", len(limited.Lines), limited.More)
	}
}

func TestParseYears(t *testing.T) {
	tests := []struct {
		in   string
		want YearRange
		err  bool
	}{
		{"2012", YearRange{2012, 2012}, false},
		{"2018-2022", YearRange{2018, 2022}, false},
		{"2018—2022", YearRange{2018, 2022}, false},
		{"2018年至2022年", YearRange{2018, 2022}, false},
		{"２０１８－２０２２", YearRange{2018, 2022}, false}, // full-width, as typed with a Chinese IME
		{"２０２３年", YearRange{2023, 2023}, false},
		{"２０１９～", YearRange{From: 2019}, false},
		{"2018-", YearRange{From: 2018}, false},
		{"-2012", YearRange{To: 2012}, false},
		{"", YearRange{}, false},
		{"2022-2018", YearRange{}, true},
		{"12", YearRange{}, true},
		{"-", YearRange{}, true},
		{"abc", YearRange{}, true},
	}
	for _, tt := range tests {
		got, err := ParseYears(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseYears(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestSplitQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []part
	}{
		{"校务公开", []part{{Text: "校务公开"}}},
		{"福利　体检 ", []part{{Text: "福利"}, {Text: "体检"}}},
		{`"民主 管理" -体检`, []part{{Text: "民主 管理", Phrase: true}, {Text: "体检", Exclude: true}}},
		{"“校务公开”「教代会」", []part{{Text: "校务公开", Phrase: true}, {Text: "教代会", Phrase: true}}},
		{"-“送温暖”", []part{{Text: "送温暖", Phrase: true, Exclude: true}}},
		{`"未闭合`, []part{{Text: "未闭合", Phrase: true}}},
		{"- 单独的减号", []part{{Text: "-"}, {Text: "单独的减号"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitQuery(tt.in)); diff != "" {
			t.Errorf("splitQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
