package classify

import (
	"fmt"
	"strings"
	"testing"

	"plans/classify/outline"
	"plans/corpus"
	"plans/internal/seedtest"
)

// seedDocs cuts a seed file into its labelled parts the way the split stage
// will: each part runs from its title line to the next part's title line.
// Lines holding a labelled noise string are dropped (the clean stage's
// job), as is a title line repeated inside a part.
func seedDocs(t testing.TB, sd seedtest.Seed) []corpus.Document {
	t.Helper()
	lines := strings.Split(sd.Text, "\n")
	keep := func(l string) bool {
		for _, n := range sd.Labels.Noise {
			if strings.Contains(l, n) {
				return false
			}
		}
		return true
	}
	starts := make([]int, len(sd.Labels.Parts))
	from := 0
	for pi, p := range sd.Labels.Parts {
		starts[pi] = -1
		for i := from; i < len(lines); i++ {
			if outline.Key(lines[i]) == outline.Key(p.Title) {
				starts[pi] = i
				from = i + 1
				break
			}
		}
		if starts[pi] < 0 {
			t.Fatalf("%s: part title %q not found", sd.Name, p.Title)
		}
	}
	var docs []corpus.Document
	for pi, p := range sd.Labels.Parts {
		a := starts[pi]
		if len(sd.Labels.Parts) == 1 {
			a = 0 // a single plan keeps the lines above its title (org line)
		}
		b := len(lines)
		if pi+1 < len(starts) {
			b = starts[pi+1]
		}
		var kept []string
		titleSeen := false
		for _, l := range lines[a:b] {
			if !keep(l) {
				continue
			}
			if outline.Key(l) == outline.Key(p.Title) {
				if titleSeen {
					continue
				}
				titleSeen = true
			}
			kept = append(kept, l)
		}
		text := strings.Trim(strings.Join(kept, "\n"), "\n ")
		id := fmt.Sprintf("%s-%d", strings.SplitN(sd.Name, "_", 2)[0], pi+1)
		docs = append(docs, *newDoc(t, id, p.Title, text))
	}
	return docs
}

// TestSeeds scores the classifier on the labelled seeds against the bars
// of the done-when.
func TestSeeds(t *testing.T) {
	seeds := seedtest.Load(t)
	clf, _ := testSetup(t)
	var total seedtest.Report
	for _, sd := range seeds {
		docs := seedDocs(t, sd)
		for i := range docs {
			clf.Classify(&docs[i])
			if testing.Verbose() {
				t.Logf("%s part %d %s\n%s", sd.Name, i+1, docs[i].Title, dump(&docs[i]))
			}
		}
		r := seedtest.Score(sd.Labels, docs)
		total.Add(r)
	}
	t.Logf("seed scores:\n%s", total)
	total.Check(t)
}
