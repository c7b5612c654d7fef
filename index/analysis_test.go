package index

import (
	"strconv"
	"strings"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"plans/segment"
)

// Update takes the tokenizers' tokens directly (analyzedTokens); the terms
// and frequencies must be those of the analyzers recorded in the mapping,
// which is what queries use.
func TestAnalyzedTokensMatchAnalyzers(t *testing.T) {
	if err := register(); err != nil {
		t.Fatal(err)
	}
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"认真落实教代会各项职权，推进校务公开，建设教工之家。",
		"建立QQ群，参与率达到100%，开展“送温暖”活动 2023年3月",
		"工会工会工会", "", "a", "（一）加强师德师风建设",
	}
	for _, f := range []struct {
		name, analyzer string
		opts           bindex.FieldIndexingOptions
		toks           func(string) []segment.Token
	}{
		{fieldWords, analyzerWords, optWords, seg.Cut},
		{fieldGrams, analyzerGrams, optGrams, segment.Grams},
	} {
		a := im.AnalyzerNamed(f.analyzer)
		if a == nil {
			t.Fatalf("no analyzer %s", f.analyzer)
		}
		if f.opts.IncludeTermVectors() {
			t.Fatalf("%s keeps term vectors; analyzedTokens records no locations", f.name)
		}
		for _, text := range texts {
			text = segment.Normalize(text)
			got := analyzedTokens(nil, f.name, len(text), f.opts, f.toks(text))
			want := analyzed(f.name, []byte(text), f.opts, a)
			if got.AnalyzedLength() != want.AnalyzedLength() {
				t.Errorf("%s %q: length %d, analyzer %d", f.name, text, got.AnalyzedLength(), want.AnalyzedLength())
			}
			if diff := cmp.Diff(freqMap(want.AnalyzedTokenFrequencies()), freqMap(got.AnalyzedTokenFrequencies())); diff != "" {
				t.Errorf("%s %q (-analyzer +direct):\n%s", f.name, text, diff)
			}
		}
	}
}

func freqMap(tf bindex.TokenFrequencies) map[string]int {
	out := make(map[string]int, len(tf))
	for k, v := range tf {
		if k != string(v.Term) {
			out["key/term mismatch: "+k] = -1
		}
		out[k] = v.Frequency()
	}
	return out
}

// Update takes the keywords' terms directly too (keyTokens): they must be
// what the keys analyzer makes of the joined keywords.
func TestKeyTokensMatchAnalyzer(t *testing.T) {
	if err := register(); err != nil {
		t.Fatal(err)
	}
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed(analyzerKeys)
	for _, keys := range [][]string{
		{key(keyDoc, "d1"), key(keyTopic, "welfare"), key(keyTopic, "disclosure"), key(keyYear, "2012")},
		{key(keySource, "计划/2012 城南.docx"), key(keyTopic, "welfare"), key(keyTopic, "welfare")},
		{key(keyDoc, "x")},
		{},
	} {
		toks, size := keyTokens(keys)
		joined := strings.Join(keys, keySep)
		got := analyzedTokens(nil, fieldKeys, size, optKeys, toks)
		want := analyzed(fieldKeys, []byte(joined), optKeys, a)
		if size != len(joined) || got.AnalyzedLength() != want.AnalyzedLength() {
			t.Errorf("%q: size %d, length %d; analyzer %d, %d", keys, size, got.AnalyzedLength(), len(joined), want.AnalyzedLength())
		}
		if diff := cmp.Diff(freqMap(want.AnalyzedTokenFrequencies()), freqMap(got.AnalyzedTokenFrequencies())); diff != "" {
			t.Errorf("%q (-analyzer +direct):\n%s", keys, diff)
		}
	}
}

// An arena's frequencies stay right while it fills several blocks, and
// again when it is reused after a reset.
func TestFreqArena(t *testing.T) {
	long := strings.Repeat("长", arenaBytes/2) // a term larger than a block of bytes
	var sets [][]segment.Token
	for n := 0; n < 3*arenaFreqs; n += 700 {
		var toks []segment.Token
		for i := 0; i < n; i++ {
			toks = append(toks, segment.Token{Text: strconv.Itoa(i % (n/2 + 1))})
		}
		toks = append(toks, segment.Token{Text: long}, segment.Token{Text: "工会"}, segment.Token{Text: long})
		sets = append(sets, toks)
	}
	want := func(toks []segment.Token, skip bool) map[string]int {
		out := map[string]int{}
		for _, tk := range toks {
			if skip {
				out[tk.Text] = 0
			} else {
				out[tk.Text]++
			}
		}
		return out
	}
	a := &freqArena{}
	for round := 0; round < 2; round++ {
		var got []bindex.TokenFrequencies
		for i, toks := range sets {
			got = append(got, a.frequencies(toks, i%2 == 1))
		}
		// Earlier maps are intact once later ones are made.
		for i, toks := range sets {
			if diff := cmp.Diff(want(toks, i%2 == 1), freqMap(got[i])); diff != "" {
				t.Errorf("round %d, set %d (-want +got):\n%s", round, i, diff)
			}
		}
		a.reset()
	}
}
