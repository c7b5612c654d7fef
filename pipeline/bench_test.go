package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"plans/internal/synth"
	"plans/pipeline/reader"
	"plans/script"
)

// BenchmarkProcess runs the whole pipeline over a synthetic corpus made from
// the bundled examples, like the one plans-bench imports (one file in ten
// traditional):
//
//	go test -run '^$' -bench Process -cpuprofile cpu.out ./pipeline/
func BenchmarkProcess(b *testing.B) {
	conv, err := script.Default()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join("..", "examples")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, e := range ents {
		res, err := reader.ReadFile(context.Background(), filepath.Join(dir, e.Name()), reader.DefaultLimits())
		if err == nil {
			texts = append(texts, conv.Simplify(res.Text))
		}
	}
	var files []Input
	err = synth.NewPool(texts...).Generate(synth.Options{Docs: 300, Seed: 1, Traditional: conv.Traditionalize, TraditionalShare: 0.1},
		func(f synth.File) error {
			files = append(files, Input{Key: "/bench/" + f.Name, Source: f.Name, Data: []byte(f.Text)})
			return nil
		})
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := p.Process(context.Background(), f); err != nil {
				b.Fatal(fmt.Errorf("%s: %w", f.Source, err))
			}
		}
	}
}
