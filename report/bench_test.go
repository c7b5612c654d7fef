package report

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"plans/corpus"
)

// generateCorpus makes n documents from the relevant fixtures,
// deterministically: each is a fixture under another organisation and
// year, with one paragraph left out, two sentences of its own added and
// its targets moved. Like a real folder it is full of shared passages.
func generateCorpus(tb testing.TB, n int) []corpus.Document {
	tb.Helper()
	var bases []corpus.Document
	for _, d := range loadFixtures(tb) {
		if d.Relevant {
			bases = append(bases, d)
		}
	}
	var vocab []string
	for w := range standInDict {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	rng := rand.New(rand.NewPCG(2012, 10000))
	sentence := func() string {
		var b strings.Builder
		for range 6 + rng.IntN(10) {
			b.WriteString(vocab[rng.IntN(len(vocab))])
		}
		b.WriteString("。")
		return b.String()
	}
	docs := make([]corpus.Document, n)
	for i := range docs {
		base := bases[i%len(bases)]
		d := base
		d.ID = fmt.Sprintf("%010x-1", i)
		d.Source = fmt.Sprintf("gen/%05d/%s", i, base.Source)
		if base.Org != "" {
			d.Org = fmt.Sprintf("%s%d分校", base.Org, i/len(bases)%400)
		}
		if base.Year != 0 {
			d.Year = 2005 + rng.IntN(10)
		}
		// Text and Simplified stay rune-aligned: the same lines are
		// dropped and the same (simplified) sentences added to both.
		lines, slines := strings.Split(base.Text, "\n"), strings.Split(base.Simplified, "\n")
		drop := 1 + rng.IntN(len(lines)-1)
		lines = slices.Delete(slices.Clone(lines), drop, drop+1)
		slines = slices.Delete(slices.Clone(slines), drop, drop+1)
		for range 2 {
			s := sentence()
			lines = append(lines, s)
			slines = append(slines, s)
		}
		d.Text, d.Simplified = strings.Join(lines, "\n"), strings.Join(slines, "\n")
		d.Targets = slices.Clone(base.Targets)
		for k := range d.Targets {
			d.Targets[k].Value = min(100, max(50, d.Targets[k].Value+float64(rng.IntN(11)-5)))
		}
		docs[i] = d
	}
	return docs
}

// A generated corpus exercises the paths a few fixtures do not: families
// of passages held by many documents, capped pairs and passages.
func TestGeneratedCorpus(t *testing.T) {
	docs := generateCorpus(t, 400)
	o := DefaultOptions()
	o.Words = standInWords
	o.MaxPairs, o.MaxPassages = 50, 20
	r, err := Build(docs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, docs, r)
	if len(r.Documents) != 400 || len(r.Coverage.Rows) != 400 {
		t.Fatalf("%d documents, %d rows", len(r.Documents), len(r.Coverage.Rows))
	}
	if len(r.Copies.Pairs) != 50 || r.Copies.TotalPairs <= 50 || len(r.Copies.Passages) != 20 {
		t.Errorf("pairs %d of %d, passages %d of %d", len(r.Copies.Pairs), r.Copies.TotalPairs, len(r.Copies.Passages), r.Copies.TotalPassages)
	}
	wide := 0
	for _, d := range r.Copies.Documents {
		if d.WideChars > 0 {
			wide++
		}
		if d.WideChars > d.SharedChars || d.SharedChars > d.Chars {
			t.Fatalf("%s: wide %d, shared %d, chars %d", d.Doc, d.WideChars, d.SharedChars, d.Chars)
		}
	}
	if wide < 200 {
		t.Errorf("only %d of 400 documents carry widely shared passages", wide)
	}
	// Each fixture was copied about 57 times: its 三八 calendar line is in
	// every copy that kept it.
	if n := topActivities(r.Calendar, 3)["三八活动"]; n < 200 {
		t.Errorf("三八 in March in %d plans", n)
	}
	for _, p := range r.Copies.Passages {
		if p.DocCount > maxListedDocs && len(p.Occurrences) != maxListedDocs {
			t.Errorf("passage held by %d documents lists %d", p.DocCount, len(p.Occurrences))
		}
	}
}

// BenchmarkBuild times a report over 10,000 documents (by document: the
// largest matrix) with the stand-in segmenter. The real gse segmenter
// segments about 3 MB/s per core: add about 1 s per 3 MB of text.
func BenchmarkBuild(b *testing.B) {
	docs := generateCorpus(b, 10000)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	o := DefaultOptions()
	o.Words = standInWords
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(docs, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB-text")
}

// BenchmarkBuildNoTerms leaves out segmentation: the cost of the report's
// own work.
func BenchmarkBuildNoTerms(b *testing.B) {
	docs := generateCorpus(b, 10000)
	o := DefaultOptions()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(docs, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	docs := generateCorpus(b, 10000)
	o := DefaultOptions()
	o.Words = standInWords
	r, err := Build(docs, o)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Report) error
	}{{"md", WriteMarkdown}, {"html", WriteHTML}, {"json", WriteJSON}} {
		b.Run(f.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := f.write(&buf, r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/1e6, "MB/op")
		})
	}
}
