// Package index keeps the Bleve search index of a workspace: one Bleve
// document (entry) per section, per calendar entry and per document
// preamble, over the simplified view of the text, so that a query in either
// script finds documents in either script.
//
// Each entry's text is analysed twice: "zh", gse words with a shipped
// dictionary of union terms, for ranking; and "gram", the pairs of
// neighbouring characters, which find any substring — parts of long words
// (代表大会 in 教职工代表大会), one-character queries, quoted phrases. A
// pair that is a two-character gse word at its place is indexed as that
// word only, and queries look for pairs in both fields. A
// keyword field carries the filters and facets. Nothing is stored: hits are
// completed and highlighted from the workspace store (Source).
//
// A search never loads the gse dictionary: the query is cut into words with
// the index's own term dictionary (segment.CutVocab). Matching, counting and
// facets run on the postings bitmaps of the scorch segments (engine.go).
// See README.md for the design and its costs.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"plans/corpus"
	"plans/script"
	"plans/segment"
)

// ErrReindexNeeded says that the index was built by another version of the
// analyzer, dictionary or field layout: its answers would be wrong, and it
// must be rebuilt from the store (plans reindex).
var ErrReindexNeeded = errors.New("索引是用另一版本的分词器或索引结构建立的，需要重建索引（plans reindex）")

// ErrNoIndex says that there is no index in the directory (Options.ReadOnly
// does not create one).
var ErrNoIndex = errors.New("还没有索引：请先导入文件（plans import）")

// Source gives the documents of the workspace store; hits and fragments are
// built from it.
type Source interface {
	Document(id string) (corpus.Document, error)
}

// Options configure an index.
type Options struct {
	// BatchSize is the number of Bleve documents written per batch
	// (default 5000: entries are short, about 300 characters, so this is
	// some 1.5 MB of text; smaller batches make more segments to merge).
	BatchSize int
	// ReadOnly opens an existing index for searching only: no background
	// merging, and an error (ErrNoIndex) rather than a new index when the
	// directory holds none.
	ReadOnly bool
	// Thesaurus is the synonym table (see ParseThesaurus); nil means the
	// shipped one.
	Thesaurus []byte
	// Lexicon is the topic lexicon the documents were classified with (the
	// format of classify's data/topics.txt); its strong words name work
	// areas in queries. nil means the classifier's own.
	Lexicon []byte
}

// DefaultOptions returns the default options.
func DefaultOptions() Options { return Options{BatchSize: 5000} }

// Index is an open search index. Its methods are safe for concurrent use;
// writes are serialised.
type Index struct {
	dir  string
	opts Options
	bi   bleve.Index

	words, grams, keys analysis.Analyzer
	thesaurus          *Thesaurus
	areas              *areas
	docs               docTables // see doccount.go

	writeMu sync.Mutex
	// asyncErr receives errors of Bleve's background persister.
	asyncErr chan error
	written  int // entries written by Update (for tests)
	// unmerged counts the entries written since the index was opened or
	// last merged into one segment (Compact).
	unmerged uint64

	convOnce sync.Once
	conv     *script.Converter
}

const metaKey = "plans.meta"

// meta is what the index records about how it was built.
type meta struct {
	Schema   int    `json:"schema"`
	Analyzer string `json:"analyzer"`
}

func currentMeta() meta {
	return meta{Schema: schemaVersion, Analyzer: segment.Version()}
}

// Open opens the index in dir, creating it if it does not exist (unless
// opts.ReadOnly). It returns an error wrapping ErrReindexNeeded when the
// index was built with another analyzer or layout.
func Open(dir string, opts Options) (*Index, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultOptions().BatchSize
	}
	if err := register(); err != nil {
		return nil, err
	}
	th, err := loadThesaurus(opts.Thesaurus)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, opts: opts, thesaurus: th, areas: newAreas(opts.Lexicon), asyncErr: subscribeAsyncErrors(dir)}
	opened := false
	defer func() {
		if !opened {
			unsubscribeAsyncErrors(dir)
		}
	}()

	_, statErr := os.Stat(filepath.Join(dir, "index_meta.json"))
	switch {
	case statErr == nil:
		cfg := map[string]interface{}{"asyncErrorCallbackName": asyncCallbackName}
		if opts.ReadOnly {
			cfg["read_only"] = true
		}
		bi, err := bleve.OpenUsing(dir, cfg)
		if err != nil {
			if !validMeta(filepath.Join(dir, "index_meta.json")) {
				// Cut short by a crash of an older plans while it created the
				// index: rebuilding from the store is the cure.
				return nil, fmt.Errorf("open index %s: unreadable index_meta.json: %w", dir, ErrReindexNeeded)
			}
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
		ix.bi = bi
		if err := ix.checkMeta(); err != nil {
			bi.Close()
			return nil, err
		}
	case errors.Is(statErr, os.ErrNotExist):
		if opts.ReadOnly {
			return nil, ErrNoIndex
		}
		if err := ix.create(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("open index %s: %w", dir, statErr)
	}
	im, ok := ix.bi.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		ix.bi.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, ErrReindexNeeded)
	}
	ix.words = im.AnalyzerNamed(analyzerWords)
	ix.grams = im.AnalyzerNamed(analyzerGrams)
	ix.keys = im.AnalyzerNamed(analyzerKeys)
	if ix.words == nil || ix.grams == nil || ix.keys == nil {
		ix.bi.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, ErrReindexNeeded)
	}
	opened = true
	return ix, nil
}

func (ix *Index) create() error {
	if err := os.MkdirAll(filepath.Dir(ix.dir), 0o700); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	// A directory without index_meta.json is a half-created index: start over.
	if err := os.RemoveAll(ix.dir); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	im, err := newMapping()
	if err != nil {
		return err
	}
	// The index is made in a sibling folder and renamed into place once its
	// version record is on disk: Bleve writes index_meta.json in place, so
	// a process killed while creating the index would otherwise leave a
	// cut-short file behind; this way it leaves only a folder that the next
	// create removes.
	tmp := ix.dir + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	// Created with safe batches, so that the mapping and the version record
	// are on disk when it is closed.
	bi, err := bleve.NewUsing(tmp, im, scorch.Name, scorch.Name, map[string]interface{}{"asyncErrorCallbackName": asyncCallbackName})
	if err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	ix.bi = bi
	if err := ix.setMeta(currentMeta()); err != nil {
		bi.Close()
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	if err := bi.Close(); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	if err := os.Chmod(filepath.Join(tmp, "index_meta.json"), 0o600); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	if err := os.Rename(tmp, ix.dir); err != nil {
		return fmt.Errorf("create index %s: %w", ix.dir, err)
	}
	// unsafe_batch: a batch returns once it is searchable; Update waits for
	// the last one to be on disk (see flush).
	cfg := map[string]interface{}{"unsafe_batch": true, "asyncErrorCallbackName": asyncCallbackName}
	if ix.bi, err = bleve.OpenUsing(ix.dir, cfg); err != nil {
		return fmt.Errorf("open index %s: %w", ix.dir, err)
	}
	return nil
}

// setMeta records how the index is built, and waits until it is on disk.
func (ix *Index) setMeta(m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	w := ix.newWriter()
	w.batch.SetInternal([]byte(metaKey), b)
	return w.close()
}

func (ix *Index) checkMeta() error {
	b, err := ix.bi.GetInternal([]byte(metaKey))
	if err != nil {
		return fmt.Errorf("open index %s: %w", ix.dir, err)
	}
	var m meta
	if len(b) == 0 || json.Unmarshal(b, &m) != nil {
		return fmt.Errorf("open index %s: no version record: %w", ix.dir, ErrReindexNeeded)
	}
	if cur := currentMeta(); m != cur {
		return fmt.Errorf("open index %s (built with %q, layout %d; now %q, layout %d): %w",
			ix.dir, m.Analyzer, m.Schema, cur.Analyzer, cur.Schema, ErrReindexNeeded)
	}
	return nil
}

// Close closes the index.
func (ix *Index) Close() error {
	defer unsubscribeAsyncErrors(ix.dir)
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", ix.dir, err)
	}
	return nil
}

// Remove deletes the index in dir (for plans reindex, before Open).
func Remove(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove index %s: %w", dir, err)
	}
	return nil
}

// converter returns the traditional→simplified converter, or nil when it
// cannot be loaded (texts are then used as they are).
func (ix *Index) converter() *script.Converter {
	ix.convOnce.Do(func() {
		ix.conv, _ = script.Default()
	})
	return ix.conv
}

func (ix *Index) simplify(s string) string {
	if c := ix.converter(); c != nil {
		return c.Simplify(s)
	}
	return s
}

// Count returns the number of Bleve documents (sections, calendar entries,
// preambles) in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count index %s: %w", ix.dir, err)
	}
	return n, nil
}

// checkCtx returns ctx's error, if any.
func checkCtx(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
		return nil
	}
}

// validMeta reports whether the file at path holds a JSON object, as
// Bleve's index_meta.json does.
func validMeta(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var m map[string]any
	return json.Unmarshal(b, &m) == nil
}
