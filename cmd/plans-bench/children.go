package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"

	"plans/corpus"
	"plans/importer"
	"plans/index"
	"plans/pipeline"
	"plans/segment"
	"plans/workspace"
)

func wsDir(dir string) string { return filepath.Join(dir, "ws") }

// childStats is what a child process reports on stdout.
type childStats struct {
	Seconds    float64 `json:"seconds"`
	Docs       int     `json:"docs"`
	Entries    uint64  `json:"entries,omitempty"`
	TextBytes  int64   `json:"text_bytes"`
	IndexBytes int64   `json:"index_bytes"`
	StoreBytes int64   `json:"store_bytes,omitempty"`
	MaxRSS     int64   `json:"max_rss"` // bytes
	// MaxAnon and MaxFile split the resident memory (sampled): anonymous
	// memory (the Go heap, stacks) and file pages mapped by the process
	// (the index's segments, the store), which the kernel can reclaim.
	MaxAnon int64 `json:"max_rss_anon,omitempty"`
	MaxFile int64 `json:"max_rss_file,omitempty"`
	Failed  int   `json:"failed,omitempty"`
}

// sampleRSS samples the process's anonymous and file-backed resident
// memory every interval until stop is called, and returns the peaks.
func sampleRSS(interval time.Duration) (stop func() (anon, file int64)) {
	done := make(chan struct{})
	var maxAnon, maxFile int64
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			a, f := rssNow()
			maxAnon, maxFile = max(maxAnon, a), max(maxFile, f)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (int64, int64) {
		close(done)
		<-finished
		return maxAnon, maxFile
	}
}

// rssNow reads RssAnon and RssFile from /proc/self/status (0 elsewhere).
func rssNow() (anon, file int64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb int64
		if n, _ := fmt.Sscanf(line, "RssAnon: %d kB", &kb); n == 1 {
			anon = kb * 1024
		}
		if n, _ := fmt.Sscanf(line, "RssFile: %d kB", &kb); n == 1 {
			file = kb * 1024
		}
	}
	return anon, file
}

func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

func report(v any) error {
	return json.NewEncoder(os.Stdout).Encode(v)
}

// childImport imports the corpus into a fresh workspace with the real
// importer and index.
func childImport(ctx context.Context, o options) error {
	stop, err := cpuProfile(o.cpuprof)
	if err != nil {
		return err
	}
	defer stop()
	if err := os.RemoveAll(wsDir(o.dir)); err != nil {
		return err
	}
	ws, err := workspace.Open(wsDir(o.dir), workspace.ReadWrite, "bench")
	if err != nil {
		return err
	}
	defer ws.Close()
	var ix *index.Index
	stopRSS := sampleRSS(100 * time.Millisecond)
	start := time.Now()
	sum, err := importer.Run(ctx, ws, importer.Options{
		Roots:       []string{corpusDir(o.dir)},
		Pipeline:    pipeline.DefaultOptions(),              // as plans import does
		MemoryLimit: importer.DefaultMemoryLimit(os.Getenv), // as plans import does by default
		OpenIndex: func() (importer.Indexer, error) {
			var err error
			ix, err = index.Open(ws.IndexDir(), index.DefaultOptions())
			return ix, err
		},
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	var entries uint64
	if ix != nil {
		entries, _ = ix.Count()
		if err := ix.Close(); err != nil {
			return err
		}
	}
	elapsed := time.Since(start)
	maxAnon, maxFile := stopRSS()
	if o.memprof != "" {
		if err := writeHeapProfile(o.memprof); err != nil {
			return err
		}
	}
	st := childStats{Seconds: elapsed.Seconds(), Entries: entries, MaxRSS: maxRSS(), MaxAnon: maxAnon, MaxFile: maxFile,
		IndexBytes: dirSize(ws.IndexDir()), StoreBytes: dirSize(filepath.Join(ws.Dir, "store.db")), Failed: len(sum.Failed)}
	// One document at a time: holding them all would make this child's
	// memory that of the whole corpus.
	err = ws.Documents(func(d corpus.Document) error {
		st.Docs++
		st.TextBytes += int64(len(d.Text))
		return nil
	})
	if err != nil {
		return err
	}
	return report(st)
}

// cpuProfile starts a CPU profile written to path ("" = none) and returns
// the function that ends it.
func cpuProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// importedDocs reads the documents the import child stored.
func importedDocs(dir string) ([]corpus.Document, error) {
	ws, err := workspace.Open(wsDir(dir), workspace.ReadOnly, "bench")
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	return ws.AllDocuments()
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// childIndex indexes the documents of the imported workspace again, into a
// fresh index, the way the importer does (Update with 500 documents at a
// time): the index's own throughput, to compare with the baseline.
func childIndex(ctx context.Context, o options) error {
	stop, err := cpuProfile(o.cpuprof)
	if err != nil {
		return err
	}
	defer stop()
	docs, err := importedDocs(o.dir)
	if err != nil {
		return err
	}
	dir := filepath.Join(o.dir, "reindex")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	start := time.Now()
	ix, err := index.Open(dir, index.DefaultOptions())
	if err != nil {
		return err
	}
	var textBytes int64
	for len(docs) > 0 {
		n := min(500, len(docs))
		for _, d := range docs[:n] {
			textBytes += int64(len(d.Text))
		}
		if err := ix.Update(ctx, docs[:n]); err != nil {
			return err
		}
		docs = docs[n:]
	}
	entries, _ := ix.Count()
	if err := ix.Close(); err != nil {
		return err
	}
	elapsed := time.Since(start)
	return report(childStats{Seconds: elapsed.Seconds(), Entries: entries, TextBytes: textBytes,
		IndexBytes: dirSize(dir), MaxRSS: maxRSS()})
}

// childBaseline indexes the texts of the imported documents with a bare
// Bleve index: default mapping, one Bleve document per document, the same
// gse segmenter as tokenizer, batches of 1000.
func childBaseline(ctx context.Context, o options) error {
	docs, err := importedDocs(o.dir)
	if err != nil {
		return err
	}
	dir := filepath.Join(o.dir, "baseline.bleve")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := registry.RegisterTokenizer("bench_gse", func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return gseTokenizer{}, nil
	}); err != nil {
		return err
	}
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer("bench_gse", map[string]interface{}{"type": custom.Name, "tokenizer": "bench_gse"}); err != nil {
		return err
	}
	m.DefaultAnalyzer = "bench_gse"

	start := time.Now()
	if _, err := segment.Default(); err != nil {
		return err
	}
	idx, err := bleve.New(dir, m)
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	var textBytes int64
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		textBytes += int64(len(d.Text))
		if err := b.Index(d.ID, struct{ Text string }{d.Text}); err != nil {
			return err
		}
		if b.Size() >= 1000 {
			if err := idx.Batch(b); err != nil {
				return err
			}
			b.Reset()
		}
	}
	if err := idx.Batch(b); err != nil {
		return err
	}
	if err := idx.Close(); err != nil {
		return err
	}
	elapsed := time.Since(start)
	return report(childStats{Seconds: elapsed.Seconds(), Docs: len(docs), TextBytes: textBytes,
		IndexBytes: dirSize(dir), MaxRSS: maxRSS()})
}

type gseTokenizer struct{}

func (gseTokenizer) Tokenize(b []byte) analysis.TokenStream {
	seg, _ := segment.Default()
	toks := seg.Cut(string(b))
	out := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		out[i] = &analysis.Token{Term: []byte(t.Text), Start: t.Start, End: t.End, Position: i + 1, Type: analysis.Ideographic}
	}
	return out
}

// searchStats is what a cold search child reports.
type searchStats struct {
	Total  uint64 `json:"total"`
	Hits   int    `json:"hits"`
	TookMS int64  `json:"took_ms"`
}

// childSearch runs one search the way plans search does: open the
// workspace and the index read-only, search, print, exit.
func childSearch(ctx context.Context, o options) error {
	ws, err := workspace.Open(wsDir(o.dir), workspace.ReadOnly, "search")
	if err != nil {
		return err
	}
	defer ws.Close()
	ix, err := index.Open(ws.IndexDir(), index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, index.Request{Query: o.query}, ws)
	if err != nil {
		return err
	}
	if _, err := json.Marshal(res); err != nil {
		return err
	}
	return report(searchStats{Total: res.Total, Hits: len(res.Hits), TookMS: res.TookMS})
}
