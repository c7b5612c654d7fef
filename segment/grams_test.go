package segment

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGrams(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"校务公开", []string{"校务", "务公", "公开", "开"}},
		{"工会，工作", []string{"工会", "会", "工作", "作"}},
		{"会", []string{"会"}},
		{"QQ群", []string{"qq", "qq群", "群"}},
		{"加入QQ群交流", []string{"加入", "入", "qq", "入qq", "qq群", "群交", "交流", "流"}},
		{"满意率100%以上", []string{"满意", "意率", "率", "100", "率100", "以上", "上"}},
		{"ＱＱ群", []string{"qq", "qq群", "群"}},
		{"校務公開", []string{"校務", "務公", "公開", "開"}}, // no conversion: the caller simplifies
		{"Word 2019", []string{"word", "2019"}},
		{"。，！ ", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := Grams(tt.in)
			checkTokens(t, tt.in, toks, false)
			got := words(toks)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Grams(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestQueryGrams(t *testing.T) {
	tests := []struct {
		in              string
		terms, prefixes []string
	}{
		{"校务公开", []string{"校务", "务公", "公开"}, nil},
		{"福利", []string{"福利"}, nil},
		{"会", nil, []string{"会"}},
		{"工 会", nil, []string{"工", "会"}},
		{"QQ群", []string{"qq", "qq群"}, nil},
		{"100%", []string{"100"}, nil},
		{"第3次", []string{"3", "第3", "3次"}, nil},
		{"ＱＱ", []string{"qq"}, nil},
		{"公开公开", []string{"公开", "开公"}, nil},
		{"，。", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			terms, prefixes := QueryGrams(tt.in)
			if diff := cmp.Diff(tt.terms, terms); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.prefixes, prefixes); diff != "" {
				t.Errorf("prefixes (-want +got):\n%s", diff)
			}
		})
	}
}

// gramSet is the set of terms of a text's grams.
func gramSet(toks []Token) map[string]bool {
	have := map[string]bool{}
	for _, t := range toks {
		have[t.Text] = true
	}
	return have
}

// holds tells whether a text with the given gram terms satisfies the query
// grams of q.
func holds(have map[string]bool, q string) bool {
	terms, prefixes := QueryGrams(q)
	for _, t := range terms {
		if !have[t] {
			return false
		}
	}
	for _, p := range prefixes {
		found := false
		for t := range have {
			if strings.HasPrefix(t, p) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// cutsWord tells whether rs[i:j] starts or ends inside a run of letters or
// digits.
func cutsWord(rs []rune, i, j int) bool {
	isWord := func(k int) bool { return k >= 0 && k < len(rs) && classOf(Fold(rs[k])) == word }
	return isWord(i) && isWord(i-1) || isWord(j-1) && isWord(j)
}

// Every substring of a text (letters and digits taken as whole words) is
// found through the grams: no false negatives.
func TestQueryGramsFindEverySubstring(t *testing.T) {
	b, err := os.ReadFile("testdata/plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		g := gramSet(Grams(line))
		rs := []rune(line)
		for i := 0; i < len(rs); i += 3 {
			for n := 1; n <= 6 && i+n <= len(rs); n++ {
				if cutsWord(rs, i, i+n) {
					continue // letters and digits match as whole words
				}
				q := string(rs[i : i+n])
				if !holds(g, q) {
					t.Fatalf("%q is in %q but its grams do not match", q, line)
				}
			}
		}
	}
}

func BenchmarkGrams(b *testing.B) {
	text, err := os.ReadFile("testdata/plan.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Grams(string(text))
	}
}

func TestDropWordPairs(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "推进校务公开，关心教职工"
	var words []string
	for _, w := range s.Cut(text) {
		words = append(words, w.Text)
	}
	var kept []string
	for _, g := range DropWordPairs(Grams(text), s.Cut(text)) {
		kept = append(kept, g.Text)
	}
	// 推进 and 关心 are words of two characters: found as words, not pairs.
	for _, w := range []string{"推进", "关心"} {
		if !contains(words, w) || contains(kept, w) {
			t.Errorf("%s: words %q, pairs kept %q", w, words, kept)
		}
	}
	// Pairs inside longer words and across words stay.
	for _, p := range []string{"校务", "务公", "公开", "进校", "教职", "职工"} {
		if !contains(kept, p) {
			t.Errorf("pair %s dropped: kept %q (words %q)", p, kept, words)
		}
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{{"工会", true}, {"工", false}, {"工会会", false}, {"qq", false}, {"q群", false}, {"會員", true}, {"", false}} {
		if got := IsHanPair(tt.s); got != tt.want {
			t.Errorf("IsHanPair(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
