package index

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// Each Update writes at least one segment, and Bleve's merger leaves up to
// ten segments of a size alone: an import of 1,000 plans ends with five
// segments of about 3,400 entries. Every segment has its own term
// dictionaries and postings headers, and the terms of plans are few and
// common, so one segment takes about 13% less room (and a search opens one
// dictionary per field instead of five).

// Compact merges the index into one segment when the entries written
// since it was opened or last merged are at least half of it (a new index,
// an import of many files; a few files added to a large index are left to
// Bleve's own merging, which keeps the cost of an import proportional to
// its files, also for a server that indexes upload after upload).
// It reports whether it merged. It returns once the merged segment is the
// index's, on disk; ctx stops it early (the index stays as it was).
func (ix *Index) Compact(ctx context.Context) (bool, error) {
	if ix.opts.ReadOnly {
		return false, nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	adv, err := ix.bi.Advanced()
	if err != nil {
		return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return false, nil
	}
	segs, total, err := segments(sc)
	if err != nil {
		return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	if !worthMerging(segs, ix.unmerged, total) {
		return false, nil
	}
	// Bleve's plan for one segment merges ten segments per task, so that
	// an index of fifty segments would come out of one pass with five:
	// one task takes them all (merging is one pass over the segments'
	// dictionaries, however many they are). Passes go on while Bleve's
	// own merges of the meantime leave more than one.
	opts := mergeplan.SingleSegmentMergePlanOptions
	opts.SegmentsPerMergeTask = 1 << 16
	for pass := 0; pass < 3 && segs > 1; pass++ {
		if err := sc.ForceMerge(ctx, &opts); err != nil {
			return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if segs, _, err = segments(sc); err != nil {
			return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
		}
	}
	// The merged segment is on disk, but the persister may not yet have
	// recorded it as the index's: an empty batch with a callback waits
	// for that (see writer.close).
	w := ix.newWriter()
	w.wrote = true
	if err := w.close(); err != nil {
		return false, err
	}
	ix.unmerged = 0
	ix.awaitCleanup(ctx, segs)
	return true, nil
}

// awaitCleanup waits a little for Bleve's persister to delete the files of
// the segments a merge replaced (it does so between two pieces of work, in
// the background), so that an import that ends now leaves none behind: at
// most until the index folder holds segs segment files, or a second.
func (ix *Index) awaitCleanup(ctx context.Context, segs int) {
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		files, err := filepath.Glob(filepath.Join(ix.dir, "store", "*.zap"))
		if err != nil || len(files) <= segs {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// segments returns the number of segments of the index's current snapshot
// and the entries they hold.
func segments(sc *scorch.Scorch) (int, uint64, error) {
	r, err := sc.Reader()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, 0, nil
	}
	total, err := snap.DocCount()
	return len(snap.Segments()), total, err
}

// worthMerging tells whether an index of segs segments holding total
// entries, of which written were written since it was opened, is worth
// merging into one.
func worthMerging(segs int, written, total uint64) bool {
	return segs > 1 && total > 0 && written*2 >= total
}
