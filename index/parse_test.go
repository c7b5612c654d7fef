package index

import (
	"context"
	"testing"

	"plans/corpus"
)

// Query in, tree out (zoekt's query/parse_test.go): what ParseQuery makes of
// what users type.
func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "(and)"},
		{"校务公开", "(and 校务公开)"},
		{"福利 体检 2023", "(and 福利 体检 2023)"},
		{"福利\u3000体检", "(and 福利 体检)"},
		{`"校务 公开"`, `(and "校务 公开")`},
		{"“送温暖”活动", `(and "送温暖" 活动)`},
		{"「教代會」", `(and "教代會")`},
		{"慰问 -退休", "(and 慰问 (not 退休))"},
		{"慰问 －退休", "(and 慰问 (not 退休))"},
		{`-"退休 教师"`, `(and (not "退休 教师"))`},
		{"体检 OR 疗休养", "(and (or 体检 疗休养))"},
		{"体检 | 疗休养 或者 保险 女工", "(and (or 体检 疗休养 保险) 女工)"},
		{"OR 体检", "(and 体检)"},
		{"体检 OR", "(and 体检)"},
		{"体检 OR -保险", "(and 体检 (not 保险))"},
		{"a - b", "(and a - b)"},
	} {
		if got := ParseQuery(tc.in).String(); got != tc.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// How parsed queries meet the index: the compiled tree of a few queries
// over a small index (words in zh, character pairs in gram, keywords in
// key; exact strings are checked against the text). Work-area expansion is
// left out (Exact) so that the trees do not change with the thesaurus.
func TestCompileTree(t *testing.T) {
	ix, _ := newTestIndex(t,
		corpus.Document{ID: "a-1", Source: "a.txt", Title: "实验小学工会工作计划", Kind: corpus.KindPlan, Relevant: true, Year: 2023,
			Text: "一、校务公开\n坚持校务公开，组织教职工健康体检。",
			Sections: []corpus.Section{{ID: "a-1/s1", Heading: "一、校务公开", Text: "坚持校务公开，组织教职工健康体检。", Tag: corpus.TagWork,
				Topics: []string{"disclosure", "welfare"}, Start: 0, End: 30}}},
	)
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Query: "体检", Exact: true}, `(exact "体检" gram:体检)`},
		{Request{Query: "体检 -校务公开", Exact: true},
			`(and (exact "体检" gram:体检) (not (exact "校务公开" (and gram:校务 gram:务公 gram:公开))))`},
		{Request{Query: "体检 OR 疗休养", Exact: true}, `(or (exact "体检" gram:体检) (exact "疗休养" (and gram:疗休 gram:休养)))`},
		{Request{Query: `"健康体检"`, Exact: true}, `(exact "健康体检" (and gram:健康 gram:康体 gram:体检))`},
		{Request{Query: "体检", Exact: true, Years: YearRange{2023, 2023}}, `(and (exact "体检" gram:体检) key:year=2023)`},
		// A part of several words: the whole as typed, or its words apart
		// (教职工 is a gse word, held as a word or as pairs).
		{Request{Query: "教职工体检", Exact: true},
			`(or (exact "教职工体检" (and gram:教职 gram:职工 gram:工体 gram:体检)) (and (or (exact "教职工" (and gram:教职 gram:职工)) (exact "教职工" zh:教职工)) (exact "体检" gram:体检)))`},
	} {
		t.Run(tc.req.Query, func(t *testing.T) {
			got := compiledTree(t, ix, &tc.req)
			if got != tc.want {
				t.Errorf("compile(%q) =\n%s\nwant\n%s", tc.req.Query, got, tc.want)
			}
		})
	}
}

func compiledTree(t *testing.T, ix *Index, r *Request) string {
	t.Helper()
	p, err := ix.prepare(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	return p.c.root.String()
}

// Every part of the query becomes exactly one leaf of the tree, none
// empty; Or groups have two parts or more; Not holds a leaf.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "福利 体检 2023", `"校务 公开" -退休`, "体检 OR 疗休养 | 保险", "－「教代會」 或者 x", "OR OR -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		leaves := 0
		var walk func(q Q, depth int)
		walk = func(q Q, depth int) {
			switch q := q.(type) {
			case Word:
				if q.Text == "" {
					t.Fatalf("empty word in %s", s)
				}
				leaves++
			case Phrase:
				if q.Text == "" {
					t.Fatalf("empty phrase in %q", s)
				}
				leaves++
			case Not:
				if _, ok := q.Q.(Or); ok {
					t.Fatalf("Not of an Or in %q", s)
				}
				walk(q.Q, depth+1)
			case Or:
				if len(q.Qs) < 2 || depth > 0 {
					t.Fatalf("bad Or %s in %q", q, s)
				}
				for _, k := range q.Qs {
					walk(k, depth+1)
				}
			default:
				t.Fatalf("unexpected %T in %q", q, s)
			}
		}
		for _, k := range q.Qs {
			walk(k, 0)
		}
		if n := len(splitQuery(s)); leaves != n {
			t.Fatalf("%q: %d leaves, %d parts", s, leaves, n)
		}
		_ = q.String()
	})
}
