package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"plans/internal/synth"
	"plans/pipeline/reader"
	"plans/script"
)

// corpusDir is where the generated files go inside the work folder.
func corpusDir(dir string) string { return filepath.Join(dir, "corpus") }

// generate writes the synthetic corpus (unless it is already there) and
// returns the number of files.
func generate(o options) (int, error) {
	out := corpusDir(o.dir)
	if ents, err := os.ReadDir(out); err == nil && len(ents) == o.docs {
		return len(ents), nil
	}
	conv, err := script.Default()
	if err != nil {
		return 0, err
	}
	var texts []string
	err = filepath.WalkDir(o.examples, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !reader.Supported(path) {
			return err
		}
		res, err := reader.ReadFile(context.Background(), path, reader.DefaultLimits())
		if err != nil {
			return nil // the examples include files plans skips on purpose
		}
		// The pool mixes paragraphs of every example; the traditional
		// examples go in simplified, so that only the documents picked
		// by TraditionalShare are traditional (a simplified plan with a
		// traditional paragraph in it would be an odd document).
		texts = append(texts, conv.Simplify(res.Text))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read examples %s: %w", o.examples, err)
	}
	if len(texts) == 0 {
		return 0, fmt.Errorf("no readable examples in %s", o.examples)
	}
	pool := synth.NewPool(texts...)
	if err := os.RemoveAll(out); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	n := 0
	err = pool.Generate(synth.Options{Docs: o.docs, Seed: o.seed, Traditional: conv.Traditionalize, TraditionalShare: o.trad},
		func(f synth.File) error {
			n++
			return os.WriteFile(filepath.Join(out, f.Name), []byte(f.Text), 0o644)
		})
	return n, err
}
