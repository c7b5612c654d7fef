package classify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/internal/golden"
)

// readDoc reads a test document: a "title: …" line, then the text.
func readDoc(t testing.TB, path string) (title, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	first, rest, _ := strings.Cut(s, "\n")
	title, ok := strings.CutPrefix(first, "title: ")
	if !ok {
		t.Fatalf("%s: first line must be \"title: …\"", path)
	}
	return title, strings.TrimRight(rest, "\n")
}

func testDocs(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob("testdata/docs/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test documents: %v", err)
	}
	return paths
}

// TestGolden classifies every invented document under testdata/docs and
// compares what was understood with its .golden file.
func TestGolden(t *testing.T) {
	clf, _ := testSetup(t)
	for _, path := range testDocs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			title, text := readDoc(t, path)
			d := newDoc(t, "doc", title, text)
			clf.Classify(d)
			checkInvariants(t, d)
			golden.Check(t, strings.TrimSuffix(path, ".txt")+".golden", []byte(dump(d)))
		})
	}
}

// checkInvariants verifies what every classified document must satisfy.
func checkInvariants(t testing.TB, d *corpus.Document) {
	t.Helper()
	ids := map[string]int{}
	lastStart := -1
	for i, s := range d.Sections {
		if want := corpus.SectionID(d.ID, i+1); s.ID != want {
			t.Errorf("section %d id %q, want %q", i, s.ID, want)
		}
		if s.Parent != "" {
			pi, ok := ids[s.Parent]
			if !ok {
				t.Errorf("section %s: parent %s does not precede it", s.ID, s.Parent)
			} else if d.Sections[pi].Depth != s.Depth-1 {
				t.Errorf("section %s depth %d under parent depth %d", s.ID, s.Depth, d.Sections[pi].Depth)
			}
		} else if s.Depth != 1 {
			t.Errorf("top-level section %s has depth %d", s.ID, s.Depth)
		}
		ids[s.ID] = i
		if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
			t.Fatalf("section %s offsets [%d,%d) out of bounds (len %d)", s.ID, s.Start, s.End, len(d.Text))
		}
		if !utf8.ValidString(d.Text[s.Start:s.End]) {
			t.Errorf("section %s offsets not on rune boundaries", s.ID)
		}
		if s.Start <= lastStart {
			t.Errorf("section %s starts at %d, not after the previous section (%d)", s.ID, s.Start, lastStart)
		}
		lastStart = s.Start
		if !strings.HasPrefix(d.Text[s.Start:], s.Heading) {
			t.Errorf("section %s: heading %q is not the text at its start offset", s.ID, s.Heading)
		}
		if s.Heading == "" {
			t.Errorf("section %s has an empty heading", s.ID)
		}
		if s.Number != "" && !strings.HasPrefix(s.Heading, s.Number) {
			t.Errorf("section %s: heading %q does not start with its number %q", s.ID, s.Heading, s.Number)
		}
	}
	for _, e := range d.Calendar {
		if len(e.Months) == 0 {
			t.Errorf("calendar entry %q has no months", e.Label)
		}
		for _, m := range e.Months {
			if m < 1 || m > 12 {
				t.Errorf("calendar entry %q: month %d", e.Label, m)
			}
		}
		if e.Section != "" {
			if _, ok := ids[e.Section]; !ok {
				t.Errorf("calendar entry %q: unknown section %s", e.Label, e.Section)
			}
		}
		if !strings.Contains(d.Text, e.Label) {
			t.Errorf("calendar label %q is not in the text", e.Label)
		}
	}
	for _, tg := range d.Targets {
		if !strings.Contains(d.Text, tg.Text) {
			t.Errorf("target text %q is not in the text", tg.Text)
		}
		switch tg.Op {
		case ">=", "=", "<=":
		default:
			t.Errorf("target %q: op %q", tg.Text, tg.Op)
		}
	}
	for _, list := range [][]string{d.Topics} {
		for _, id := range list {
			if corpus.TopicOrder(id) == len(corpus.Topics) {
				t.Errorf("unknown topic %q", id)
			}
		}
	}
	if d.Kind == corpus.KindOther && d.Relevant {
		t.Errorf("kind other but relevant")
	}
}

// TestScripts: a traditional document and its simplified twin are
// understood the same way.
func TestScripts(t *testing.T) {
	clf, conv := testSetup(t)
	for _, path := range testDocs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			title, text := readDoc(t, path)
			a := newDoc(t, "a", title, text)
			trad := conv.Traditionalize(text)
			if utf8.RuneCountInString(trad) != utf8.RuneCountInString(text) {
				t.Skip("traditional form changes the length")
			}
			b := newDoc(t, "a", conv.Traditionalize(title), trad)
			clf.Classify(a)
			clf.Classify(b)
			type view struct {
				Kind     corpus.Kind
				Relevant bool
				Year     int
				Topics   []string
				Depths   []int
				Tags     []corpus.Tag
				Months   [][]int
				Targets  []float64
			}
			mk := func(d *corpus.Document) view {
				v := view{Kind: d.Kind, Relevant: d.Relevant, Year: d.Year, Topics: d.Topics}
				for _, s := range d.Sections {
					v.Depths = append(v.Depths, s.Depth)
					v.Tags = append(v.Tags, s.Tag)
				}
				for _, e := range d.Calendar {
					v.Months = append(v.Months, e.Months)
				}
				for _, tg := range d.Targets {
					v.Targets = append(v.Targets, tg.Value)
				}
				return v
			}
			if diff := cmp.Diff(mk(a), mk(b)); diff != "" {
				t.Errorf("simplified vs traditional differ (-simp +trad):\n%s", diff)
			}
		})
	}
}

// TestConcurrent: one Classifier serves many goroutines with the same
// results as one at a time (run with -race).
func TestConcurrent(t *testing.T) {
	clf, _ := testSetup(t)
	paths := testDocs(t)
	want := make([]string, len(paths))
	docs := make([]*corpus.Document, len(paths))
	for i, p := range paths {
		title, text := readDoc(t, p)
		d := newDoc(t, "c", title, text)
		docs[i] = d
		e := *d
		clf.Classify(&e)
		want[i] = dump(&e)
	}
	got := make([]string, len(paths))
	done := make(chan int)
	for i := range docs {
		go func(i int) {
			e := *docs[i]
			clf.Classify(&e)
			got[i] = dump(&e)
			done <- i
		}(i)
	}
	for range docs {
		<-done
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concurrent results differ (-want +got):\n%s", diff)
	}
}
