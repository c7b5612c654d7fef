package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"plans/corpus"
	"plans/internal/synth"
	"plans/script"
	"plans/segment"
)

// benchDocs makes n plan documents from the test documents with synth.
func benchDocs(b *testing.B, n int) []corpus.Document {
	b.Helper()
	var texts []string
	for _, name := range []string{"城东小学2019年工会工作计划.txt", "溪南幼兒園2010年工會工作計劃.txt", "桐溪中学2015年工会工作总结.txt"} {
		t, err := os.ReadFile(filepath.Join("testdata", "docs", name))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	conv, err := script.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []corpus.Document
	err = synth.NewPool(texts...).Generate(synth.Options{Docs: n, Seed: 1, Traditional: conv.Traditionalize, TraditionalShare: 0.1},
		func(f synth.File) error {
			d := naiveDoc(b, fmt.Sprintf("b%05d-1", len(docs)), f.Name, f.Text, f.Year, f.Org)
			d.Topics = []string{"welfare"}
			docs = append(docs, d)
			return nil
		})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

func BenchmarkIndex(b *testing.B) {
	docs := benchDocs(b, 200)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	dir := b.TempDir()
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ix, err := Open(filepath.Join(dir, fmt.Sprint(i)), DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := ix.Update(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
}

func BenchmarkSearch(b *testing.B) {
	docs := benchDocs(b, 500)
	ix, src := newTestIndex(b, docs...)
	queries := []Request{
		{Query: "校务公开"}, {Query: "福利"}, {Query: "教代会"}, {Query: "会"},
		{Query: "加强民主管理"}, {Query: "体检", Years: YearRange{2010, 2015}, Topics: []string{"welfare"}},
	}
	for _, r := range queries {
		b.Run(r.Query, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ix.Search(context.Background(), r, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTokenFrequencies measures the term frequencies of entry-sized
// texts (100 characters), pairs and words.
func BenchmarkTokenFrequencies(b *testing.B) {
	text, err := os.ReadFile("testdata/docs/城东小学2019年工会工作计划.txt")
	if err != nil {
		b.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		b.Fatal(err)
	}
	var chunks [][]segment.Token
	rs := []rune(string(text))
	for i := 0; i+100 <= len(rs); i += 100 {
		s := string(rs[i : i+100])
		chunks = append(chunks, segment.Grams(s), seg.Cut(s))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// An arena per round, reused as a batch's are.
		a := getArena()
		for _, c := range chunks {
			a.frequencies(c, false)
		}
		putArena(a)
	}
}
