package pipeline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"plans/corpus"
	"plans/internal/fixture"
	"plans/internal/seedtest"
)

var (
	testPipeOnce sync.Once
	testPipe     *Pipeline
	testPipeErr  error
)

func newTestPipeline(t testing.TB) *Pipeline {
	t.Helper()
	testPipeOnce.Do(func() { testPipe, testPipeErr = New(DefaultOptions()) })
	if testPipeErr != nil {
		t.Fatal(testPipeErr)
	}
	return testPipe
}

func process(t testing.TB, p *Pipeline, name string, data []byte) []corpus.Document {
	t.Helper()
	out, err := p.Process(context.Background(), Input{Key: "/seeds/" + name, Source: name, Data: data})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.Docs
}

func squeeze(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
}

// TestSeedsSplitIntoLabelledParts checks the import done-when on the seeds:
// every file splits into the labelled parts with matching titles, and no
// site noise survives in any title or text.
func TestSeedsSplitIntoLabelledParts(t *testing.T) {
	p := newTestPipeline(t)
	for _, seed := range seedtest.Load(t) {
		t.Run(seed.Name, func(t *testing.T) {
			docs := process(t, p, seed.Name, []byte(seed.Text))
			var got, want []string
			for _, d := range docs {
				got = append(got, squeeze(d.Title))
			}
			for _, part := range seed.Labels.Parts {
				want = append(want, squeeze(part.Title))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("parts:\n got  %q\n want %q", got, want)
			}
			for _, d := range docs {
				for _, noise := range seed.Labels.Noise {
					if strings.Contains(d.Title, noise) || strings.Contains(d.Text, noise) {
						t.Errorf("part %d (%s) still holds site noise %q", d.Part, d.Title, noise)
					}
				}
				if d.Script == "" || d.ID == "" || d.Source != seed.Name {
					t.Errorf("part %d: missing id/source/script: %q %q %q", d.Part, d.ID, d.Source, d.Script)
				}
			}
		})
	}
}

// TestSeedsScore runs the understanding scoring of the labels over the
// whole pipeline.
func TestSeedsScore(t *testing.T) {
	p := newTestPipeline(t)
	var total seedtest.Report
	for _, seed := range seedtest.Load(t) {
		docs := process(t, p, seed.Name, []byte(seed.Text))
		total.Add(seedtest.Score(seed.Labels, docs))
	}
	t.Log(total.String())
	total.Check(t)
}

// TestSeedsInEveryEncodingAndWrapper: each seed re-encoded (GBK, Big5 for
// the traditional ones, BOM-less UTF-16LE) and wrapped (.docx, a noisy saved
// .html page) exports the same documents as its UTF-8 original.
func TestSeedsInEveryEncodingAndWrapper(t *testing.T) {
	p := newTestPipeline(t)
	for _, seed := range seedtest.Load(t) {
		lines := nonEmptyLines(seed.Text)
		variants := []struct {
			name, enc string
			data      func(text string) []byte
		}{
			{"gbk.txt", "gbk", func(s string) []byte { return fixture.Encode(s, "gbk") }},
			{"utf16le.txt", "utf-16le", func(s string) []byte { return fixture.Encode(s, "utf-16le") }},
			{"docx", "", func(string) []byte { return fixture.DOCX("", lines) }},
			{"numbered.docx", "", func(string) []byte { return fixture.DOCXNumbered("", lines) }},
			{"html", "", func(string) []byte { return fixture.NoisyHTML(lines[0], lines, "gb2312") }},
			{"utf8.html", "", func(string) []byte { return fixture.NoisyHTML(lines[0], lines, "utf-8") }},
		}
		if seed.Labels.Script == "traditional" {
			variants = append(variants, struct {
				name, enc string
				data      func(text string) []byte
			}{"big5.txt", "big5", func(s string) []byte { return fixture.Encode(s, "big5") }})
		}
		for _, v := range variants {
			t.Run(seed.Name+"/"+v.name, func(t *testing.T) {
				text := seed.Text
				if v.enc != "" {
					// Characters the encoding cannot hold are dropped by the
					// encoder; compare with the same text in UTF-8.
					text = fixture.Encodable(text, v.enc)
				}
				want := process(t, p, seed.Name, []byte(text))
				name := strings.TrimSuffix(seed.Name, ".txt") + "." + v.name
				got := process(t, p, name, v.data(text))
				if err := sameDocuments(want, got); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimRight(l, "\r"))
		}
	}
	return out
}

func sameDocuments(want, got []corpus.Document) error {
	if len(want) != len(got) {
		var wt, gt []string
		for _, d := range want {
			wt = append(wt, d.Title)
		}
		for _, d := range got {
			gt = append(gt, d.Title)
		}
		return fmt.Errorf("%d documents %q, want %d %q", len(got), gt, len(want), wt)
	}
	for i := range want {
		if squeeze(want[i].Title) != squeeze(got[i].Title) {
			return fmt.Errorf("part %d title %q, want %q", i+1, got[i].Title, want[i].Title)
		}
		if w, g := squeeze(want[i].Text), squeeze(got[i].Text); w != g {
			return fmt.Errorf("part %d (%s) text differs:\n%s", i+1, want[i].Title, firstDiff(w, g))
		}
	}
	return nil
}

func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	cut := func(r []rune) string {
		lo, hi := max(0, i-20), min(len(r), i+40)
		return string(r[lo:hi])
	}
	return fmt.Sprintf("  at rune %d\n  want …%s…\n  got  …%s…", i, cut(ra), cut(rb))
}
