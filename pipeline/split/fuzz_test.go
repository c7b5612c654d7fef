package split

import (
	"plans/internal/txtar"

	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplit checks Split's invariants: no panic, no empty part, and the
// parts' texts, one after another, are input lines in order.
func FuzzSplit(f *testing.F) {
	for _, path := range txtar.Glob(f, "cases/*.txtar") {
		a := txtar.Read(f, path)
		f.Add(a.Files["input"], strings.TrimSpace(a.Files["hint"]))
	}
	f.Add(txtar.Read(f, filepath.Join("testdata", "page.txtar")).Files["page"], "页面")
	f.Add("【篇1】\n【篇2】\n正文", "")
	Split("x", "") // load the converter before fuzzing
	f.Fuzz(func(t *testing.T, in, hint string) {
		parts := Split(in, hint)
		inLines := strings.Split(in, "\n")
		k := 0
		for i, p := range parts {
			if strings.TrimSpace(p.Text) == "" {
				t.Fatalf("part %d is empty", i+1)
			}
			if utf8.ValidString(in) && utf8.ValidString(hint) && (!utf8.ValidString(p.Title) || !utf8.ValidString(p.Text)) {
				t.Fatalf("part %d is not valid UTF-8", i+1)
			}
			for _, l := range strings.Split(p.Text, "\n") {
				for k < len(inLines) && inLines[k] != l {
					k++
				}
				if k == len(inLines) {
					t.Fatalf("part %d line %q is not an input line in order", i+1, l)
				}
				k++
			}
		}
	})
}
