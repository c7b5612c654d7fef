// Package importer brings folders of files into a workspace: it walks them,
// parses what changed through the pipeline, stores the documents and keeps
// the search index in step.
//
// Guarantees: a file that cannot be read is recorded with its reason and the
// rest goes on; every batch of documents is committed to the store in one
// transaction together with a "dirty" mark, and the index is brought up to
// date afterwards, so an interrupted import leaves a consistent store and the
// next run finishes the index work.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"plans/corpus"
	"plans/internal/sysmem"
	"plans/internal/zhtext"
	"plans/pipeline"
	"plans/pipeline/reader"
	"plans/workspace"
)

// Indexer is the part of the search index the importer writes to.
type Indexer interface {
	Update(ctx context.Context, docs []corpus.Document) error
	Delete(ctx context.Context, ids []string) error
}

// Progress receives progress reports; all methods are called from one
// goroutine.
type Progress interface {
	Start(total int)
	Step(source string, status workspace.FileStatus)
	Finish()
}

// Options configures an import.
type Options struct {
	Roots       []string
	Prune       bool          // drop documents whose files are gone
	Workers     int           // parallel parsers; 0 = 2
	FileTimeout time.Duration // per-file limit; 0 = one minute
	BatchFiles  int           // files per store transaction; 0 = sized to the import (BatchSize)
	Pipeline    pipeline.Options
	// NewPipeline makes the pipeline; it is called only when some file has
	// to be parsed (nil = pipeline.New).
	NewPipeline func(pipeline.Options) (*pipeline.Pipeline, error)
	// OpenIndex opens the search index; it is called only when the index
	// has something to do (nil = no index).
	OpenIndex func() (Indexer, error)
	Progress  Progress
	// MemoryLimit is how far the import lets the Go heap grow before the
	// garbage collector runs (a soft limit, runtime/debug.SetMemoryLimit;
	// the previous settings come back when Run returns). Parsing and
	// indexing make much short-lived garbage, and collecting it only when
	// this much memory is in use makes a large import markedly faster
	// (plans-bench). Run lowers it to what the files it reads need
	// (SizedMemoryLimit). 0 leaves the Go runtime's settings (GOGC,
	// GOMEMLIMIT) alone; DefaultMemoryLimit is the usual value.
	MemoryLimit int64
}

// DefaultMemoryLimit is the usual MemoryLimit (the most an import's heap
// may grow to; Run sizes the limit to the files it reads, see
// SizedMemoryLimit): 1 GiB, or half the memory
// the process may use (its cgroup's limit, or the machine's memory) when
// that is less; 0 — the runtime's own settings — when the user set GOGC or
// GOMEMLIMIT in the environment getenv reads.
func DefaultMemoryLimit(getenv func(string) string) int64 {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := int64(1) << 30
	if avail := sysmem.Available(); avail > 0 && avail/2 < limit {
		limit = avail / 2
	}
	return limit
}

// Sizing the memory limit to the work: the heap an import needs is the
// pipeline's and the index's working set (a few batches of documents and
// the index's segments being built), which grows with the text, plus a
// fixed part (readers' tables, the mapped dictionary's bookkeeping, the
// index's own structures). Below the limit the collector does not run at
// all; a limit far above what the work needs only lets garbage pile up
// (a 10-file import used to reach 460 MB).
const (
	memoryFloor   = 96 << 20 // the fixed part, and the least limit
	memoryPerByte = 8        // heap allowed per byte of files to read
)

// SizedMemoryLimit is the memory limit of an import that reads files of
// work bytes in all: memoryFloor plus memoryPerByte per byte, at most
// limit (the configured or default limit).
func SizedMemoryLimit(limit, work int64) int64 {
	if limit <= memoryFloor {
		return limit
	}
	sized := int64(memoryFloor)
	if work > 0 {
		sized += min(work, (limit-memoryFloor)/memoryPerByte+1) * memoryPerByte
	}
	return min(limit, sized)
}

// BatchSize is the number of files an import of n files writes to the
// store (and hands to the index) at a time: a twentieth of them, at least
// 20 and at most 200. Each batch is indexed while the next is parsed, so
// the last one is indexed alone; and the index holds the analysis of two
// batches at once, which the collector walks again and again. Batches of a
// twentieth keep that tail and that memory small; 200 files (about 3,400
// index entries) is as large as they get. At 1,000 plans, batches of 50
// instead of 200 make the import about a sixth faster (plans-bench); the
// index is merged into one segment at the end either way.
func BatchSize(n int) int {
	return min(200, max(20, n/20))
}

// workBytes is the size of the files an import may read.
func workBytes(files []candidate) int64 {
	var n int64
	for _, c := range files {
		if c.skip == "" {
			n += c.size
		}
	}
	return n
}

// collectLess makes the garbage collector run only when the heap reaches
// limit, and returns the function that restores the previous settings.
func collectLess(limit int64) (restore func()) {
	prevLimit := debug.SetMemoryLimit(limit)
	prevPercent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// FileResult is one file's outcome as shown to users.
type FileResult struct {
	Source string
	Path   string
	Status workspace.FileStatus
	Reason string
	Docs   int
	// Removed counts the lines (and line fragments) cleaning took out of
	// the file as site furniture.
	Removed int
}

// Summary is what an import found.
type Summary struct {
	Files     int // files seen under the roots
	OK        int // files read (now or earlier) without error
	Parsed    int // files read and parsed in this run
	Unchanged int // files skipped because they did not change
	Skipped   []FileResult
	Failed    []FileResult
	Missing   []string // files recorded earlier that are gone
	Pruned    int      // documents dropped with Prune
	Indexed   int      // index entries brought up to date (documents)
	Elapsed   time.Duration
	// Removed counts the lines cleaning took out as site furniture in the
	// files parsed in this run.
	Removed int

	// What the imported folders hold now (including unchanged files).
	Docs     []workspace.DocInfo
	Pipeline string
}

// Run imports the roots into the workspace w (opened ReadWrite).
func Run(ctx context.Context, w *workspace.Workspace, opts Options) (*Summary, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = 2
	}
	if opts.FileTimeout <= 0 {
		opts.FileTimeout = time.Minute
	}
	if opts.NewPipeline == nil {
		opts.NewPipeline = pipeline.New
	}
	restore := func() {}
	defer func() { restore() }()
	if opts.MemoryLimit > 0 {
		restore = collectLess(opts.MemoryLimit)
	}
	// The PDF engine starts with the first PDF; its memory goes back when
	// the import ends.
	defer reader.ClosePDFEngine()
	version := pipeline.Version(opts.Pipeline)
	sum := &Summary{Pipeline: version}

	im := &run{w: w, opts: opts, sum: sum, version: version}
	// Finish index work an earlier, interrupted run left behind.
	if err := im.syncIndex(ctx); err != nil {
		return sum, err
	}

	files, err := im.walk()
	if err != nil {
		return sum, err
	}
	sum.Files = len(files) + len(sum.Failed) // walk failures are files too
	if im.opts.BatchFiles <= 0 {
		im.opts.BatchFiles = BatchSize(len(files))
	}
	if opts.MemoryLimit > 0 {
		// Now that the work is known, the limit is sized to it.
		restore()
		restore = collectLess(SizedMemoryLimit(opts.MemoryLimit, workBytes(files)))
	}
	if opts.Progress != nil {
		opts.Progress.Start(len(files))
	}
	err = im.process(ctx, files)
	if opts.Progress != nil {
		opts.Progress.Finish()
	}
	if err != nil {
		return sum, err
	}
	if err := im.missing(ctx, files); err != nil {
		return sum, err
	}
	if err := im.syncIndex(ctx); err != nil {
		return sum, err
	}
	if err := Compact(ctx, w, im.index); err != nil {
		return sum, err
	}
	if err := im.collect(files); err != nil {
		return sum, err
	}
	sort.Slice(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	sort.Slice(sum.Failed, func(i, j int) bool { return sum.Failed[i].Path < sum.Failed[j].Path })
	sum.Elapsed = time.Since(start)
	return sum, nil
}

type run struct {
	w       *workspace.Workspace
	opts    Options
	sum     *Summary
	version string
	mu      sync.Mutex // guards pipe
	pipe    *pipeline.Pipeline
	index   Indexer
}

// candidate is a file found under a root.
type candidate struct {
	key, root, source string
	size              int64
	mod               time.Time
	skip              string // reason it is skipped, if it is
}

func (r *run) walk() ([]candidate, error) {
	var out []candidate
	seen := map[string]bool{}
	for _, root := range r.opts.Roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("找不到要导入的路径 %s：%w", root, err)
		}
		base := abs
		if !st.IsDir() {
			base = filepath.Dir(abs)
		}
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == abs {
					return err
				}
				rel, _ := filepath.Rel(base, path)
				r.sum.Failed = append(r.sum.Failed, FileResult{Source: filepath.ToSlash(rel), Path: path,
					Status: workspace.FileFailed, Reason: "无法读取：" + reasonOf(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != abs && (strings.HasPrefix(name, ".") || path == r.w.Dir) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || seen[path] {
				return nil
			}
			seen[path] = true
			rel, _ := filepath.Rel(base, path)
			info, err := os.Stat(path) // follows links
			if err != nil {
				r.sum.Failed = append(r.sum.Failed, FileResult{Source: filepath.ToSlash(rel), Path: path,
					Status: workspace.FileFailed, Reason: "无法读取：" + reasonOf(err)})
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil // directories behind links, devices, pipes
			}
			c := candidate{key: path, root: base, source: filepath.ToSlash(rel), size: info.Size(), mod: info.ModTime()}
			if !reader.Supported(name) {
				c.skip = reader.SkipReason(name)
			}
			out = append(out, c)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("遍历 %s：%w", root, err)
		}
	}
	return out, nil
}

type outcome struct {
	change workspace.Change
	result FileResult
}

// process parses the files with the workers, writes their outcomes to the
// store in batches (commit) and indexes each written batch (indexBatches)
// while the workers go on with the next files.
func (r *run) process(ctx context.Context, files []candidate) error {
	jobs := make(chan candidate)
	results := make(chan outcome)
	// One written batch may wait for the indexer while the next is
	// gathered: parsing, storing and indexing overlap, and at most three
	// batches of documents are in memory.
	written := make(chan indexJob, 1)
	g, gctx := errgroup.WithContext(ctx)

	g.Go(func() error {
		defer close(jobs)
		for _, c := range files {
			select {
			case jobs <- c:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	workers, wctx := errgroup.WithContext(gctx)
	for i := 0; i < r.opts.Workers; i++ {
		workers.Go(func() error {
			for c := range jobs {
				o, err := r.one(wctx, c)
				if err != nil {
					return err
				}
				select {
				case results <- o:
				case <-wctx.Done():
					return wctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		err := workers.Wait()
		close(results)
		return err
	})
	g.Go(func() error {
		defer close(written)
		return r.commit(gctx, results, written)
	})
	g.Go(func() error { return r.indexBatches(gctx, written) })
	return g.Wait()
}

// indexJob is a batch written to the store, for the index: the ids it
// marked dirty and its documents.
type indexJob struct {
	ids   []string
	fresh map[string]corpus.Document
}

// indexBatches brings the index up to date with each written batch and
// clears the batch's dirty marks. A batch the run does not get to stays
// marked, and the next run indexes it.
func (r *run) indexBatches(ctx context.Context, jobs <-chan indexJob) error {
	for job := range jobs {
		if r.opts.OpenIndex == nil {
			continue
		}
		if err := r.openIndex(); err != nil {
			return err
		}
		n, err := indexIDs(ctx, r.w, r.index, job.ids, job.fresh)
		r.sum.Indexed += n
		if err != nil {
			return err
		}
	}
	return nil
}

// one decides what to do with a file and does it. Per-file problems are
// outcomes, not errors; only a cancelled context is an error.
func (r *run) one(ctx context.Context, c candidate) (outcome, error) {
	rec, known, err := r.w.File(c.key)
	if err != nil {
		return outcome{}, err
	}
	f := workspace.File{Key: c.key, Root: c.root, Source: c.source, Size: c.size, ModTime: c.mod,
		Pipeline: r.version, ImportedAt: time.Now()}
	res := FileResult{Source: c.source, Path: c.key}
	if c.skip != "" {
		f.Status, f.Reason = workspace.FileSkipped, c.skip
		res.Status, res.Reason = f.Status, f.Reason
		if known && rec.Status == workspace.FileSkipped && rec.Reason == c.skip {
			return outcome{result: res}, nil // nothing to write
		}
		return outcome{change: workspace.Change{File: f}, result: res}, nil
	}
	unchanged := known && rec.Size == c.size && rec.ModTime.Equal(c.mod) && rec.Pipeline == r.version
	if unchanged {
		res.Status, res.Reason, res.Docs = rec.Status, rec.Reason, len(rec.DocIDs)
		return outcome{result: res}, nil
	}
	if lim := r.opts.Pipeline.Limits.MaxFileBytes; lim > 0 && c.size > lim {
		f.Status = workspace.FileSkipped
		f.Reason = fmt.Sprintf("文件过大（%s，上限 %s），未读取", zhtext.Size(c.size), zhtext.Size(lim))
		res.Status, res.Reason = f.Status, f.Reason
		return outcome{change: workspace.Change{File: f}, result: res}, nil
	}
	data, err := os.ReadFile(c.key)
	if err != nil {
		f.Status, f.Reason = workspace.FileFailed, "无法读取文件："+reasonOf(err)
		res.Status, res.Reason = f.Status, f.Reason
		return outcome{change: workspace.Change{File: f}, result: res}, nil
	}
	sum := sha256.Sum256(data)
	f.Hash = hex.EncodeToString(sum[:])
	if known && rec.Hash == f.Hash && rec.Pipeline == r.version {
		// Same content, new timestamp: remember the timestamp only.
		rec.ModTime, rec.Size = c.mod, c.size
		res.Status, res.Reason, res.Docs = rec.Status, rec.Reason, len(rec.DocIDs)
		return outcome{change: workspace.Change{File: rec, Touch: true}, result: res}, nil
	}
	p, err := r.pipeline()
	if err != nil {
		return outcome{}, err
	}
	out, err := r.parse(ctx, p, pipeline.Input{Key: c.key, Source: c.source, Data: data})
	if ctx.Err() != nil {
		return outcome{}, ctx.Err()
	}
	if err != nil {
		f.Status, f.Reason = statusOf(err), reasonOf(err)
		res.Status, res.Reason = f.Status, f.Reason
		return outcome{change: workspace.Change{File: f}, result: res}, nil
	}
	f.Status, f.Format, f.Encoding = workspace.FileOK, out.Format, out.Encoding
	res.Status, res.Docs, res.Removed = workspace.FileOK, len(out.Docs), len(out.Removed)
	return outcome{change: workspace.Change{File: f, Docs: out.Docs}, result: res}, nil
}

// parse runs the pipeline with the per-file time limit. A parser that does
// not return in time is abandoned and the file reported.
func (r *run) parse(ctx context.Context, p *pipeline.Pipeline, in pipeline.Input) (pipeline.Output, error) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.FileTimeout)
	defer cancel()
	type result struct {
		out pipeline.Output
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- result{err: &reader.Error{Kind: reader.Corrupt, Reason: fmt.Sprintf("处理时出错（%v）", v)}}
			}
		}()
		out, err := p.Process(ctx, in)
		ch <- result{out, err}
	}()
	select {
	case res := <-ch:
		return res.out, res.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return pipeline.Output{}, &reader.Error{Kind: reader.Corrupt,
				Reason: fmt.Sprintf("处理超时（超过 %s），已放弃", r.opts.FileTimeout)}
		}
		return pipeline.Output{}, ctx.Err()
	}
}

func (r *run) pipeline() (*pipeline.Pipeline, error) {
	// Called from several workers; guard the lazy construction.
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pipe == nil {
		p, err := r.opts.NewPipeline(r.opts.Pipeline)
		if err != nil {
			return nil, err
		}
		r.pipe = p
	}
	return r.pipe, nil
}

// commit writes outcomes to the store in batches and hands each written
// batch to the indexer.
func (r *run) commit(ctx context.Context, results <-chan outcome, written chan<- indexJob) error {
	var batch []workspace.Change
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ids, err := r.w.Apply(batch)
		if err != nil {
			return fmt.Errorf("写入工作区：%w", err)
		}
		fresh := make(map[string]corpus.Document)
		for _, c := range batch {
			for _, d := range c.Docs {
				fresh[d.ID] = d
			}
		}
		batch = nil // the documents now belong to the indexer
		if len(ids) == 0 {
			return nil
		}
		select {
		case written <- indexJob{ids: ids, fresh: fresh}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for o := range results {
		res := o.result
		switch res.Status {
		case workspace.FileOK:
			r.sum.OK++
		case workspace.FileSkipped:
			r.sum.Skipped = append(r.sum.Skipped, res)
		case workspace.FileFailed:
			r.sum.Failed = append(r.sum.Failed, res)
		}
		switch {
		case o.change.File.Key == "":
			r.sum.Unchanged++
		case o.change.Touch:
			r.sum.Unchanged++
			batch = append(batch, o.change)
		default:
			if o.change.File.Status != workspace.FileSkipped {
				r.sum.Parsed++
			}
			r.sum.Removed += res.Removed
			batch = append(batch, o.change)
		}
		if r.opts.Progress != nil {
			r.opts.Progress.Step(res.Source, res.Status)
		}
		if len(batch) >= r.opts.BatchFiles {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return ctx.Err()
}

// openIndex opens the index on first use.
func (r *run) openIndex() error {
	if r.index != nil {
		return nil
	}
	ix, err := r.opts.OpenIndex()
	if err != nil {
		return fmt.Errorf("打开索引：%w", err)
	}
	r.index = ix
	return nil
}

// syncIndex brings the index up to date for every dirty document, opening
// the index only when there is something to do.
func (r *run) syncIndex(ctx context.Context) error {
	if r.opts.OpenIndex == nil {
		return nil
	}
	dirty, err := r.w.Dirty()
	if err != nil || len(dirty) == 0 {
		return err
	}
	if err := r.openIndex(); err != nil {
		return err
	}
	n, err := indexIDs(ctx, r.w, r.index, dirty, nil)
	r.sum.Indexed += n
	return err
}

// Compacter is an index that can tidy itself after much writing (the
// search index merges its segments: index.Index.Compact).
type Compacter interface {
	Compact(ctx context.Context) (bool, error)
}

// Compact tidies the workspace after much writing: the index ix (nil when
// it was not opened) when it is a Compacter, and the store, each only when
// that is worth it (see their Compact). Both at once: merging the index
// keeps one core busy, copying the store mostly waits for the disk.
func Compact(ctx context.Context, w *workspace.Workspace, ix Indexer) error {
	var g errgroup.Group
	if c, ok := ix.(Compacter); ok {
		g.Go(func() error {
			if _, err := c.Compact(ctx); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("整理索引：%w", err)
			}
			return nil
		})
	}
	g.Go(func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, err := w.Compact()
		return err
	})
	return g.Wait()
}

// SyncIndex brings ix up to date with the store for every document marked
// dirty in w: documents that exist are (re)indexed, the others deleted
// from the index; then the marks are cleared. It returns the number of
// documents indexed.
func SyncIndex(ctx context.Context, w *workspace.Workspace, ix Indexer) (int, error) {
	dirty, err := w.Dirty()
	if err != nil {
		return 0, err
	}
	return indexIDs(ctx, w, ix, dirty, nil)
}

// indexIDs brings the index up to date for the given dirty ids and clears
// their marks: documents that exist are (re)indexed — taken from fresh when
// there, read from the store otherwise —, the others deleted from the
// index. It returns the number of documents indexed.
func indexIDs(ctx context.Context, w *workspace.Workspace, ix Indexer, dirty []string, fresh map[string]corpus.Document) (int, error) {
	const chunk = 500
	indexed := 0
	for len(dirty) > 0 {
		if err := ctx.Err(); err != nil {
			return indexed, err
		}
		n := min(chunk, len(dirty))
		ids := dirty[:n]
		dirty = dirty[n:]
		var docs []corpus.Document
		var gone []string
		for _, id := range ids {
			if d, ok := fresh[id]; ok {
				docs = append(docs, d)
				continue
			}
			d, err := w.Document(id)
			switch {
			case err == nil:
				docs = append(docs, d)
			case errors.Is(err, workspace.ErrNotFound):
				gone = append(gone, id)
			default:
				return indexed, err
			}
		}
		if len(gone) > 0 {
			if err := ix.Delete(ctx, gone); err != nil {
				return indexed, fmt.Errorf("更新索引：%w", err)
			}
		}
		if len(docs) > 0 {
			if err := ix.Update(ctx, docs); err != nil {
				return indexed, fmt.Errorf("更新索引：%w", err)
			}
		}
		if err := w.MarkClean(ids); err != nil {
			return indexed, err
		}
		indexed += len(docs)
	}
	return indexed, nil
}

// missing finds recorded files under the roots that are gone, and drops
// their documents when pruning.
func (r *run) missing(ctx context.Context, files []candidate) error {
	present := make(map[string]bool, len(files))
	for _, c := range files {
		present[c.key] = true
	}
	recs, err := r.w.Files()
	if err != nil {
		return err
	}
	var gone []string
	for _, f := range recs {
		if present[f.Key] || !r.underRoots(f.Key) {
			continue
		}
		if _, err := os.Stat(f.Key); err == nil {
			continue // still there (e.g. now a hidden path); leave it
		}
		gone = append(gone, f.Key)
		r.sum.Missing = append(r.sum.Missing, f.Source)
	}
	if r.opts.Prune && len(gone) > 0 {
		ids, err := r.w.RemoveFiles(gone)
		if err != nil {
			return err
		}
		r.sum.Pruned = len(ids)
	}
	return nil
}

func (r *run) underRoots(key string) bool {
	for _, root := range r.opts.Roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if key == abs || strings.HasPrefix(key, abs+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// collect gathers the documents of every file under the roots for the
// summary, from the file records (documents are not decoded).
func (r *run) collect(files []candidate) error {
	for _, c := range files {
		rec, ok, err := r.w.File(c.key)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if len(rec.Docs) == len(rec.DocIDs) {
			r.sum.Docs = append(r.sum.Docs, rec.Docs...)
			continue
		}
		for _, id := range rec.DocIDs { // a record written before summaries were kept
			if d, err := r.w.Document(id); err == nil {
				r.sum.Docs = append(r.sum.Docs, workspace.Info(&d))
			}
		}
	}
	return nil
}

func statusOf(err error) workspace.FileStatus {
	var re *reader.Error
	if errors.As(err, &re) && re.Kind == reader.TooLarge {
		return workspace.FileSkipped
	}
	return workspace.FileFailed
}

func reasonOf(err error) string {
	var re *reader.Error
	switch {
	case errors.As(err, &re):
		return re.Reason
	case errors.Is(err, fs.ErrPermission):
		return "没有读取权限"
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	}
	return err.Error()
}
