package draft

import (
	"testing"

	"plans/corpus"
	"plans/internal/corpusfix"
)

// loadCorpus reads the test corpus, testdata/corpus.txt, written by hand in
// the fixture language of package corpusfix.
func loadCorpus(t testing.TB) []corpus.Document {
	t.Helper()
	return corpusfix.Load(t, "testdata/corpus.txt")
}
