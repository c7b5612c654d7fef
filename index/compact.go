package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
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
	r, err := sc.Reader()
	if err != nil {
		return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	segs, total := 0, uint64(0)
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		segs = len(snap.Segments())
		total, _ = snap.DocCount()
	}
	r.Close()
	if !worthMerging(segs, ix.unmerged, total) {
		return false, nil
	}
	if err := sc.ForceMerge(ctx, nil); err != nil {
		return false, fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	if err := ctx.Err(); err != nil {
		return false, err
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
	return true, nil
}

// worthMerging tells whether an index of segs segments holding total
// entries, of which written were written since it was opened, is worth
// merging into one.
func worthMerging(segs int, written, total uint64) bool {
	return segs > 1 && total > 0 && written*2 >= total
}
