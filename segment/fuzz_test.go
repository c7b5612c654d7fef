package segment

import (
	"os"
	"testing"
	"unicode/utf8"
)

func seedCorpus(f *testing.F) {
	for _, name := range []string{"testdata/plan.txt", "testdata/plan_trad.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("加入QQ群交流，满意率100%以上。ＱＱ群")
	f.Add("a\xffb工会\u3000ＡＢ")
}

func FuzzGrams(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := Grams(text)
		checkTokens(t, text, toks, false)
		have := gramSet(toks)
		// Every substring is found through its grams.
		rs := []rune(text)
		for i := 0; i < len(rs) && i < 40; i++ {
			for n := 1; n <= 4 && i+n <= len(rs); n++ {
				if cutsWord(rs, i, i+n) {
					continue // letters and digits match as whole words
				}
				q := string(rs[i : i+n])
				if !utf8.ValidString(q) {
					continue
				}
				if !holds(have, q) {
					t.Fatalf("%q is in %q but its grams do not match", q, text)
				}
			}
		}
	})
}

func FuzzCut(f *testing.F) {
	seedCorpus(f)
	s, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkTokens(t, text, s.Cut(text), true)
	})
}

func FuzzCutVocab(f *testing.F) {
	seedCorpus(f)
	vocab := map[string]int{"工会": 10, "校务公开": 5, "教代会": 3, "qq": 1}
	f.Fuzz(func(t *testing.T, text string) {
		toks := CutVocab(text, func(w string) int { return vocab[w] }, 100)
		checkTokens(t, text, toks, true)
		// Every word cuts to something again.
		for i, tk := range toks {
			again := CutVocab(tk.Text, func(w string) int { return vocab[w] }, 100)
			if len(again) == 0 {
				t.Fatalf("token %d %q cuts to nothing", i, tk.Text)
			}
		}
	})
}

// FuzzDropWordPairs checks that the pairs DropWordPairs leaves, with the
// words that are pairs, still find every substring of the text, and that it
// drops nothing but pairs that are words at the same place.
func FuzzDropWordPairs(f *testing.F) {
	seedCorpus(f)
	s, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 600 {
			text = text[:600] // the seeds are whole plans: their start will do
		}
		words := s.Cut(text)
		grams := Grams(text)
		kept := DropWordPairs(append([]Token(nil), grams...), words)
		// kept is grams without some Han pairs that are words.
		at := map[Token]bool{}
		for _, w := range words {
			at[w] = true
		}
		k := 0
		for _, g := range grams {
			if k < len(kept) && kept[k] == g {
				k++
				continue
			}
			if !IsHanPair(g.Text) || !at[g] {
				t.Fatalf("%q: dropped %+v, which is not a word there", text, g)
			}
		}
		if k != len(kept) {
			t.Fatalf("%q: kept tokens are not a subsequence of the grams", text)
		}
		have := gramSet(kept)
		for _, w := range words {
			if IsHanPair(w.Text) {
				have[w.Text] = true
			}
		}
		rs := []rune(text)
		for i := 0; i < len(rs) && i < 40; i++ {
			for n := 1; n <= 4 && i+n <= len(rs); n++ {
				if cutsWord(rs, i, i+n) {
					continue
				}
				q := string(rs[i : i+n])
				if !utf8.ValidString(q) {
					continue
				}
				if !holds(have, q) {
					t.Fatalf("%q is in %q but the pairs left and the words do not match it", q, text)
				}
			}
		}
	})
}
