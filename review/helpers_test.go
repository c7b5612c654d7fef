package review

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"plans/corpus"
	"plans/index"
	"plans/internal/fixture"
	"plans/internal/txtar"
	"plans/pipeline"
	"plans/pipeline/reader"
	"plans/script"
	"plans/segment"
)

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// process runs one file through the import pipeline, as plans import does.
func process(t testing.TB, key, source string, data []byte) []corpus.Document {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(pipeline.DefaultOptions()) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	out, err := pipe.Process(context.Background(), pipeline.Input{Key: key, Source: source, Data: data})
	var re *reader.Error
	if errors.As(err, &re) {
		return nil // unreadable files are the importer's to report
	}
	if err != nil {
		t.Fatalf("%s: %v", source, err)
	}
	return out.Docs
}

// fixtureCorpus imports testdata/corpus.txtar: the plans and summaries
// written for these tests (a name ending in @big5 is encoded in Big5).
func fixtureCorpus(t testing.TB) []corpus.Document {
	t.Helper()
	a := txtar.Read(t, filepath.Join("testdata", "corpus.txtar"))
	names := make([]string, 0, len(a.Files))
	for n := range a.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	var docs []corpus.Document
	for _, n := range names {
		text := a.Files[n] + "\n"
		data := []byte(text)
		name := n
		if base, ok := strings.CutSuffix(n, "@big5"); ok {
			name = base
			data = fixture.Encode(text, "big5")
		}
		docs = append(docs, process(t, "/fixtures/"+name, name, data)...)
	}
	return docs
}

// exampleCorpus imports the bundled examples/ folder.
func exampleCorpus(t testing.TB) []corpus.Document {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(filepath.Dir(file)), "examples")
	var docs []corpus.Document
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		docs = append(docs, process(t, "/examples/"+filepath.ToSlash(rel), filepath.ToSlash(rel), data)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// testOptions are the options plans review uses: the gse segmenter, the
// search thesaurus and OpenCC.
func testOptions(t testing.TB) Options {
	t.Helper()
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	th, err := index.ParseThesaurus(index.DefaultThesaurus())
	if err != nil {
		t.Fatal(err)
	}
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	return LanguageOptions(seg, th.Expand, conv.Simplify)
}
