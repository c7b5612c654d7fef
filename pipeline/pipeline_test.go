package pipeline

import (
	"testing"

	"plans/classify"
)

// The version names the rules and the lexicon a file was parsed with: the
// built-in lexicon, given or implied, is one version; another lexicon is
// another.
func TestVersion(t *testing.T) {
	def := Version(DefaultOptions())
	if got := Version(Options{}); got != def {
		t.Errorf("zero options: version %s, default options %s", got, def)
	}
	other := DefaultOptions()
	other.Classify = classify.Options{Lexicon: append(classify.DefaultLexicon(), []byte("\n# 自定义\n")...)}
	if Version(other) == def {
		t.Errorf("a changed lexicon keeps version %s", def)
	}
}
