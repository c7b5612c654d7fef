package index

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/script"
	"plans/segment"
)

func TestFragments(t *testing.T) {
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		orig  string
		marks []string
		max   int
		width int
		want  []string // HTML
	}{
		{"traditional text, simplified marks", "深化校務公開，推進民主管理。", []string{"校务公开"}, 2, 80,
			[]string{"深化<mark>校務公開</mark>，推進民主管理。"}},
		{"adjacent marks merge", "组织体检疗休养活动", []string{"体检", "疗休养"}, 2, 80,
			[]string{"组织<mark>体检疗休养</mark>活动"}},
		{"overlapping marks merge", "召开教职工代表大会", []string{"教职工代表", "代表大会"}, 2, 80,
			[]string{"召开<mark>教职工代表大会</mark>"}},
		{"html escaped", "<b>福利</b> & 体检", []string{"福利"}, 2, 80,
			[]string{"&lt;b&gt;<mark>福利</mark>&lt;/b&gt; &amp; 体检"}},
		{"white space collapsed", "第一行\n\n  第二行 福利", []string{"福利"}, 2, 80,
			[]string{"第二行 <mark>福利</mark>"}},
		{"cut with ellipses", strings.Repeat("甲", 50) + "福利" + strings.Repeat("乙", 50), []string{"福利"}, 2, 20,
			[]string{"…甲甲甲甲甲<mark>福利</mark>乙乙乙乙乙乙乙乙乙乙乙乙乙…"}},
		{"starts at the line", "前一行很长很长很长\n福利待遇", []string{"福利"}, 2, 40,
			[]string{"<mark>福利</mark>待遇"}},
		{"one word: the first fragment", "福利" + strings.Repeat("。", 60) + "体检" + strings.Repeat("。", 60) + "福利和体检",
			[]string{"福利"}, 1, 20, []string{"<mark>福利</mark>" + strings.Repeat("。", 18) + "…"}},
		{"more distinct words win", "福利" + strings.Repeat("。", 60) + "体检" + strings.Repeat("。", 60) + "福利和体检",
			[]string{"福利", "体检"}, 1, 20, []string{"…。。。。。<mark>福利</mark>和<mark>体检</mark>"}},
		{"no match: the beginning", "  工会工作计划全文", []string{"福利"}, 2, 4, []string{"工会工作…"}},
		{"no ellipsis at line ends", "前文\n福利待遇\n后文", []string{"福利"}, 2, 4, []string{"<mark>福利</mark>待遇"}},
		{"full-width letters", "加入ＱＱ群交流", []string{"qq群"}, 2, 80, []string{"加入<mark>ＱＱ群</mark>交流"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frags := fragments(tt.orig, conv.Simplify(tt.orig), tt.marks, tt.max, tt.width)
			var got []string
			for _, f := range frags {
				got = append(got, f.HTML())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Every hit of real searches: fragments are valid UTF-8, marks sit on the
// query's words (or their synonyms) in the original script, and the text
// around them is the original text.
func TestHighlightsOnOriginalText(t *testing.T) {
	docs := append(seedDocs(t), testDocs(t)...)
	ix, src := newTestIndex(t, docs...)
	byID := map[string]string{}
	for _, d := range docs {
		byID[d.ID] = corpusSpace(d.Text)
	}
	for _, q := range []string{"校务公开", "校務公開", "福利", "送温暖", "代表大会", "会", "QQ群", "100%", "加强民主管理", `"困难教职工"`} {
		res := all(t, ix, src, Request{Query: q})
		allowed := map[string]bool{}
		for _, term := range res.Terms {
			for _, a := range term.Areas {
				for _, w := range ix.areas.words[a] {
					allowed[w] = true
				}
			}
			allowed[term.Simplified] = true
			for _, s := range term.Synonyms {
				allowed[s] = true
			}
			for _, w := range term.Words {
				allowed[w.Word] = true
				for _, s := range w.Synonyms {
					allowed[s] = true
				}
			}
		}
		for _, h := range res.Hits {
			if len(h.Fragments) == 0 {
				t.Errorf("%q: %s %s has no fragment", q, h.DocID, h.Heading)
			}
			for _, f := range h.Fragments {
				plain := f.Plain()
				if !utf8.ValidString(plain) || !utf8.ValidString(f.HTML()) {
					t.Fatalf("%q: invalid UTF-8 in %q", q, plain)
				}
				// The fragment is the original text (white space collapsed).
				for _, piece := range strings.Split(plain, "…") {
					if !strings.Contains(byID[h.DocID], strings.TrimSpace(piece)) {
						t.Errorf("%q: %q is not in the text of %s", q, piece, h.DocID)
					}
				}
				for _, m := range f.Marked() {
					if !markCovered(ix, m, allowed) {
						t.Errorf("%q: mark %q is not made of the query's words", q, m)
					}
				}
			}
			if len(marks(h)) == 0 && h.Match != MatchArea {
				t.Errorf("%q: %s %s: no mark", q, h.DocID, h.Heading)
			}
		}
	}
}

// corpusSpace collapses white space like fragments do.
func corpusSpace(s string) string { return collapseSpace(s) }

// markCovered tells whether a marked string (merged neighbours, which may
// overlap) is covered by occurrences of allowed strings inside it,
// comparing in the simplified folded form.
func markCovered(ix *Index, m string, allowed map[string]bool) bool {
	s := segment.Normalize(ix.simplify(m))
	covered := make([]bool, len(s))
	for a := range allowed {
		if a == "" {
			continue
		}
		for i := 0; i+len(a) <= len(s); {
			j := strings.Index(s[i:], a)
			if j < 0 {
				break
			}
			for k := i + j; k < i+j+len(a); k++ {
				covered[k] = true
			}
			_, size := utf8.DecodeRuneInString(s[i+j:])
			i += j + size
		}
	}
	for _, c := range covered {
		if !c {
			return false
		}
	}
	return s != ""
}

func FuzzFragments(f *testing.F) {
	for _, name := range []string{"testdata/docs/城东小学2019年工会工作计划.txt", "testdata/docs/溪南幼兒園2010年工會工作計劃.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "校务公开", 80)
	}
	f.Add("a\xffb福利\x00<", "福利", 3)
	conv, err := script.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, mark string, width int) {
		if width < 1 || width > 500 {
			return
		}
		text = strings.ToValidUTF8(text, "\uFFFD")
		frags := fragments(text, conv.Simplify(text), []string{segment.Normalize(conv.Simplify(mark))}, 3, width)
		if len(frags) > 3 {
			t.Fatalf("%d fragments", len(frags))
		}
		collapsed := collapseSpace(text)
		for _, fr := range frags {
			if !utf8.ValidString(fr.HTML()) {
				t.Fatalf("invalid UTF-8: %q", fr.HTML())
			}
			for _, piece := range strings.Split(fr.Plain(), "…") {
				if p := strings.TrimSpace(piece); !strings.Contains(collapsed, p) && !strings.Contains(text, "…") {
					t.Fatalf("%q is not in the text", p)
				}
			}
		}
	})
}

func FuzzSearch(f *testing.F) {
	for _, q := range []string{"校务公开", "校務公開 -福利", `"困难教职工"`, "会", "QQ群 100%", "“", "-", "「」",
		"劳动竞赛 OR 福利", "OR", "| -体检", "福利 体检 2015", "工会自身建设", "校物公开"} {
		f.Add(q)
	}
	docs := testDocs(f)
	ix, src := newTestIndex(f, docs...)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(context.Background(), Request{Query: q, Limit: 5}, src)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if res.Total < uint64(len(res.Hits)) {
			t.Fatalf("total %d < %d hits", res.Total, len(res.Hits))
		}
		hitDocs := map[string]bool{}
		for _, h := range res.Hits {
			hitDocs[h.DocID] = true
			if h.Match != MatchWords && h.Match != MatchArea {
				t.Fatalf("hit without a reason: %+v", h)
			}
		}
		if res.TotalDocs > res.Total || res.TotalDocs < uint64(len(hitDocs)) {
			t.Fatalf("%d documents, %d entries, hits in %d documents", res.TotalDocs, res.Total, len(hitDocs))
		}
		if res.Total > 0 && len(res.Suggestions) > 0 {
			t.Fatalf("suggestions %q for a query that finds %d", res.Suggestions, res.Total)
		}
		for _, h := range res.Hits {
			for _, fr := range h.Fragments {
				if !utf8.ValidString(fr.HTML()) {
					t.Fatalf("invalid UTF-8 fragment %q", fr.HTML())
				}
			}
		}
	})
}

func TestMarkRanges(t *testing.T) {
	text := "推進校務公開，ＱＱ群與校務公開欄"
	simp := "推进校务公开，ＱＱ群与校务公开栏"
	got := MarkRanges(text, simp, []string{"校务公开", "qq"})
	var marked []string
	for _, r := range got {
		marked = append(marked, text[r[0]:r[1]])
	}
	if diff := cmp.Diff([]string{"校務公開", "ＱＱ", "校務公開"}, marked); diff != "" {
		t.Errorf("marked (-want +got):\n%s", diff)
	}
	if MarkRanges(text, "推进", []string{"推进"}) != nil {
		t.Error("a view that is not rune-aligned gave ranges")
	}
}
