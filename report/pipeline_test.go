package report

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"plans/corpus"
	"plans/internal/seedtest"
	"plans/pipeline"
	"plans/pipeline/reader"
)

// importExamples runs the real pipeline over the bundled examples/ folder
// and the seeds, as `plans import` would (test-only dependency: the report
// itself imports nothing but corpus).
func importExamples(t *testing.T) []corpus.Document {
	t.Helper()
	p, err := pipeline.New(pipeline.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	_, file, _, _ := runtime.Caller(0)
	examples := filepath.Join(filepath.Dir(filepath.Dir(file)), "examples")
	var docs []corpus.Document
	process := func(key, source string, data []byte) {
		out, err := p.Process(context.Background(), pipeline.Input{Key: key, Source: source, Data: data})
		var re *reader.Error
		if errors.As(err, &re) {
			return // unreadable files are reported by the importer, not here
		}
		if err != nil {
			t.Fatalf("%s: %v", source, err)
		}
		docs = append(docs, out.Docs...)
	}
	err = filepath.WalkDir(examples, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(examples, path)
		process(path, "examples/"+filepath.ToSlash(rel), data)
		return nil
	})
	if err != nil {
		t.Fatalf("examples: %v", err)
	}
	for _, s := range seedtest.Load(t) {
		process(s.Path, "seeds/"+s.Name, []byte(s.Text))
	}
	return docs
}

func TestExamplesAndSeeds(t *testing.T) {
	docs := importExamples(t)
	find := func(source string, part int) string {
		for _, d := range docs {
			if strings.HasPrefix(d.Source, source) && d.Part == part {
				return d.ID
			}
		}
		t.Fatalf("no document %s #%d among %d", source, part, len(docs))
		return ""
	}
	o := DefaultOptions()
	o.Words = standInWords
	r, err := Build(docs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, docs, r)
	rows := map[string]bool{}
	for _, row := range r.Coverage.Rows {
		rows[row.Key] = true
	}

	t.Run("coverage", func(t *testing.T) {
		for _, x := range []struct {
			source string
			part   int
		}{{"seeds/000", 1}, {"seeds/001", 1}, {"seeds/002", 1}, {"seeds/004", 3}, {"seeds/004", 4}, {"seeds/004", 5}} {
			if id := find(x.source, x.part); !cellOf(t, r.Coverage, id, "disclosure").Present {
				t.Errorf("%s #%d: no 校务公开 in the matrix", x.source, x.part)
			}
		}
		// The off-topic pieces of 003 are not in the matrix.
		for part := 1; part <= 5; part++ {
			if id := find("seeds/003", part); rows[id] {
				t.Errorf("seeds/003 #%d (off-topic) is a row of the matrix", part)
			}
		}
	})

	t.Run("calendar", func(t *testing.T) {
		if n := topActivities(r.Calendar, 3)["三八活动"]; n < 2 {
			t.Errorf("三八 in March in %d plans", n)
		}
		if n := topActivities(r.Calendar, 9)["教师节活动"]; n < 2 {
			t.Errorf("教师节 in September in %d plans", n)
		}
	})

	t.Run("targets", func(t *testing.T) {
		id := find("seeds/004", 4)
		var got []float64
		for _, g := range r.Targets {
			for _, v := range g.Values {
				if v.Doc == id {
					got = append(got, v.Value)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, []float64{80, 90, 100}) {
			t.Errorf("004 篇四 targets = %v, want 80, 90, 100", got)
		}
	})

	t.Run("copies", func(t *testing.T) {
		pairs := map[[2]string]CopyPair{}
		for _, p := range r.Copies.Pairs {
			pairs[[2]string{p.A, p.B}] = p
			pairs[[2]string{p.B, p.A}] = p
		}
		for _, x := range []struct {
			a, b string
			min  int // shared sentences at least
		}{
			{"seeds/003", "seeds/003", 1}, // the two kindergarten plans (#6, #7)
			{"examples/青石中学", "examples/交通职校", 2},
			{"examples/网上范文/学校工会工作计划", "examples/青石中学", 3},
			{"examples/2023年城南实验小学", "examples/2024年城南实验小学", 5},
		} {
			pa, pb := 1, 1
			if x.a == "seeds/003" {
				pa, pb = 6, 7
			}
			p, ok := pairs[[2]string{find(x.a, pa), find(x.b, pb)}]
			if !ok || p.Sentences < x.min {
				t.Errorf("%s #%d ↔ %s #%d: %d shared sentences, want at least %d", x.a, pa, x.b, pb, p.Sentences, x.min)
			}
		}
	})
}
