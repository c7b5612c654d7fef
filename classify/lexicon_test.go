package classify

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func TestDefaultLexicon(t *testing.T) {
	lx, err := parseLexicon(DefaultLexicon())
	if err != nil {
		t.Fatal(err)
	}
	// every taxonomy topic but "other" has terms
	has := map[string]bool{}
	for _, id := range lx.topics {
		has[id] = true
	}
	for _, tp := range corpus.Topics {
		if tp.ID != "other" && !has[tp.ID] {
			t.Errorf("topic %s has no terms in the default lexicon", tp.ID)
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"term before topic", "教代会 3\n", "before any [topic]"},
		{"bad weight", "[welfare]\n体检 x\n", "bad weight"},
		{"weight out of range", "[welfare]\n体检 12\n", "bad weight"},
		{"too many fields", "[welfare]\n体检 3 4\n", "want"},
		{"empty", "# nothing\n", "no terms"},
		{"bad id", "[ ]\n体检\n", "bad topic id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLexicon([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseLexicon error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, err := New(Options{Lexicon: []byte("教代会\n")}); err == nil {
		t.Error("New accepted a broken lexicon")
	}
}

func TestLongestMatch(t *testing.T) {
	lx, err := parseLexicon([]byte("[staff-home]\n职工之家 3\n教职工之家 3\n[women]\n女教职工 3\n[hardship-aid]\n困难教职工 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	lx.scan([]rune("建设教职工之家，关心女教职工和困难教职工"), func(m match) {
		got = append(got, m.hits[0].topic)
	})
	want := []string{"staff-home", "women", "hardship-aid"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scan (-want +got):\n%s", diff)
	}
}

// A user lexicon replaces the default: a term it adds tags sections.
func TestCustomLexicon(t *testing.T) {
	text := "学校工会工作计划\n一、主要工作\n（一）开展读书沙龙活动\n每月组织教职工读书沙龙，交流读书心得。"
	def, _ := testSetup(t)
	d := newDoc(t, "c", "学校工会工作计划", text)
	def.Classify(d)
	for _, id := range d.Topics {
		if id == "reading" {
			t.Fatalf("default lexicon knows reading: %v", d.Topics)
		}
	}
	custom := string(DefaultLexicon()) + "\n[reading]\n读书沙龙 3\n"
	clf, err := New(Options{Lexicon: []byte(custom)})
	if err != nil {
		t.Fatal(err)
	}
	d = newDoc(t, "c", "学校工会工作计划", text)
	clf.Classify(d)
	sec, ok := d.Section(corpus.SectionID("c", 2))
	if !ok {
		t.Fatalf("no second section: %+v", d.Sections)
	}
	if diff := cmp.Diff([]string{"reading"}, sec.Topics); diff != "" {
		t.Errorf("section topics with the custom lexicon (-want +got):\n%s", diff)
	}
}

// FuzzLexiconScan compares scan with a walk of the trie from every
// position (no test of the first rune).
func FuzzLexiconScan(f *testing.F) {
	lx := defaultTestLexicon(f)
	f.Add("建设教职工之家，关心女教职工和困难教职工，开展送温暖活动")
	f.Add("校务公开𠀀师德师风")
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		var got, want []match
		lx.scan(rs, func(m match) { got = append(got, m) })
		for i := 0; i < len(rs); {
			n, best := lx.root, -1
			var hits []termHit
			for j := i; j < len(rs) && n.next != nil; j++ {
				if n = n.next[rs[j]]; n == nil {
					break
				}
				if n.hits != nil {
					best, hits = j+1, n.hits
				}
			}
			if best < 0 {
				i++
				continue
			}
			want = append(want, match{start: i, end: best, hits: hits})
			i = best
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(match{}, termHit{})); diff != "" {
			t.Fatalf("scan(%q) (-want +got):\n%s", s, diff)
		}
	})
}

func defaultTestLexicon(tb testing.TB) *lexicon {
	tb.Helper()
	lx, err := parseLexicon(defaultLexicon)
	if err != nil {
		tb.Fatal(err)
	}
	return lx
}
