package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"plans/workspace"
)

// This file keeps the store and the index consistent outside an import:
// removing files, rebuilding the index, checking and repairing a
// workspace. The command line and the web page only render the results.

// Remove deletes the documents of the imported files keys (file records'
// keys, absolute paths) from the store, then from the index. It returns
// the ids of the documents removed. An interruption between the two steps
// leaves the documents marked dirty, and the next writer finishes the job.
func Remove(ctx context.Context, w *workspace.Workspace, ix Indexer, keys []string) ([]string, error) {
	ids, err := w.RemoveFiles(keys)
	if err != nil {
		return nil, err
	}
	if _, err := SyncIndex(ctx, w, ix); err != nil {
		return ids, err
	}
	return ids, nil
}

// Rebuild fills a new, empty index from the store: every document is
// marked dirty first (so that an interrupted rebuild is finished by the
// next writer), then reset gives the empty index, which is filled and
// returned open with the number of documents indexed.
func Rebuild(ctx context.Context, w *workspace.Workspace, reset func() (Indexer, error)) (Indexer, int, error) {
	if err := w.MarkAllDirty(); err != nil {
		return nil, 0, err
	}
	ix, err := reset()
	if err != nil {
		return nil, 0, err
	}
	n, err := SyncIndex(ctx, w, ix)
	if err == nil {
		err = Compact(ctx, w, ix)
	}
	return ix, n, err
}

// IndexState is what Check found of the index.
type IndexState int

const (
	IndexOK       IndexState = iota
	IndexEmpty               // no index, and no documents to index
	IndexMissing             // no index although the store has documents
	IndexOutdated            // built by another version of plans
	IndexBroken              // cannot be opened or read
)

// IndexReader is the part of the index Check reads.
type IndexReader interface {
	DocIDs(ctx context.Context) (map[string]bool, error)
}

// Health is what Check found: every list is empty in a healthy workspace.
type Health struct {
	Documents int
	Files     int

	Index    IndexState
	IndexErr error    // why the index is missing, outdated or broken
	Dirty    []string // documents whose index entries were never updated (an interrupted import)
	Missing  []string // in the store, not in the index
	Extra    []string // in the index, not in the store

	Gone          []workspace.File // imported files that no longer exist
	Failed        []workspace.File // files that could not be read last time
	OutdatedRoots []string         // folders holding files parsed by older rules
	Warned        []Warned         // documents with warnings
}

// Warned is a document with warnings, for the health report.
type Warned struct {
	ID, Title, Warning string // the first warning
}

// Problems counts the problems in h (warnings are not problems).
func (h *Health) Problems() int {
	n := 0
	if h.Index == IndexMissing || h.Index == IndexOutdated || h.Index == IndexBroken {
		n++
	}
	for _, l := range [][]string{h.Dirty, h.Missing, h.Extra} {
		if len(l) > 0 {
			n++
		}
	}
	if len(h.Gone) > 0 {
		n++
	}
	if len(h.OutdatedRoots) > 0 {
		n++
	}
	if len(h.Failed) > 0 {
		n++
	}
	return n
}

// IndexConsistent reports whether the index agrees with the store.
func (h *Health) IndexConsistent() bool {
	return h.Index == IndexOK && len(h.Dirty) == 0 && len(h.Missing) == 0 && len(h.Extra) == 0
}

// Check examines the workspace w and its index: ix is the open index,
// or nil with openErr saying why it could not be opened (index.ErrNoIndex
// and index.ErrReindexNeeded are told apart by the caller through
// state). pipelineVersion is the current pipeline's version, against which
// the files' parse records are compared.
func Check(ctx context.Context, w *workspace.Workspace, ix IndexReader, state IndexState, openErr error, pipelineVersion string) (*Health, error) {
	h := &Health{Index: state, IndexErr: openErr}
	docs, err := w.AllDocumentsContext(ctx)
	if err != nil {
		return nil, err
	}
	files, err := w.Files()
	if err != nil {
		return nil, err
	}
	h.Documents, h.Files = len(docs), len(files)
	if h.Index == IndexMissing && len(docs) == 0 {
		h.Index = IndexEmpty
	}
	if ix != nil && h.Index == IndexOK {
		if h.Dirty, err = w.Dirty(); err != nil {
			return nil, err
		}
		inIndex, err := ix.DocIDs(ctx)
		if err != nil {
			h.Index, h.IndexErr = IndexBroken, err
		} else {
			inStore := make(map[string]bool, len(docs))
			for _, d := range docs {
				inStore[d.ID] = true
				if !inIndex[d.ID] {
					h.Missing = append(h.Missing, d.ID)
				}
			}
			for id := range inIndex {
				if !inStore[id] {
					h.Extra = append(h.Extra, id)
				}
			}
			sort.Strings(h.Extra)
		}
	}
	roots := map[string]bool{}
	for _, f := range files {
		if _, err := os.Stat(f.Key); err != nil {
			h.Gone = append(h.Gone, f)
			continue
		}
		if f.Status == workspace.FileFailed {
			h.Failed = append(h.Failed, f)
		}
		if f.Status == workspace.FileOK && f.Pipeline != pipelineVersion {
			roots[f.Root] = true
		}
	}
	for r := range roots {
		h.OutdatedRoots = append(h.OutdatedRoots, r)
	}
	slices.Sort(h.OutdatedRoots)
	for _, d := range docs {
		if len(d.Warnings) > 0 {
			h.Warned = append(h.Warned, Warned{ID: d.ID, Title: d.Title, Warning: d.Warnings[0]})
		}
	}
	return h, nil
}

// RepairOptions say how Repair may fix what Check found.
type RepairOptions struct {
	// Index is the open index (nil when it is missing, outdated or broken).
	Index Indexer
	// Reset removes the index and opens a new, empty one (for Rebuild).
	Reset func() (Indexer, error)
	// Import re-imports the folders parsed by older rules; its Roots are
	// set by Repair.
	Import Options
}

// Repairs says what Repair did.
type Repairs struct {
	Rebuilt     int // documents indexed by a rebuild (0: no rebuild)
	RebuiltDone bool
	Synced      int      // documents re-indexed to make the index agree
	SyncedFixes int      // problems the resync solved (dirty, missing, extra)
	Deleted     []string // documents of files that no longer exist
	Reimported  []string // folders imported again with the current rules
	// Index is the index after the repairs (a new one after a rebuild);
	// the caller closes it.
	Index Indexer
}

// Repair fixes what can be fixed safely of h: a missing, outdated or
// broken index is rebuilt; an index that disagrees with the store is
// brought up to date; documents of files that are gone are removed;
// folders parsed by older rules are imported again. Files that could not
// be read stay as they are: only the user can fix them.
func Repair(ctx context.Context, w *workspace.Workspace, h *Health, o RepairOptions) (*Repairs, error) {
	rep := &Repairs{Index: o.Index}
	// index gives the open index, opening a new one when there is none
	// (an empty workspace has no index yet).
	index := func() (Indexer, error) {
		if rep.Index == nil {
			ix, err := o.Reset()
			if err != nil {
				return nil, err
			}
			rep.Index = ix
		}
		return rep.Index, nil
	}
	switch h.Index {
	case IndexMissing, IndexOutdated, IndexBroken:
		if c, ok := rep.Index.(interface{ Close() error }); ok {
			c.Close()
		}
		rep.Index = nil
		ix, n, err := Rebuild(ctx, w, o.Reset)
		rep.Index = ix
		if err != nil {
			return rep, err
		}
		rep.Rebuilt, rep.RebuiltDone = n, true
	case IndexOK:
		if !h.IndexConsistent() {
			for _, l := range [][]string{h.Dirty, h.Missing, h.Extra} {
				if len(l) > 0 {
					rep.SyncedFixes++
				}
			}
			if err := w.MarkDirty(append(slices.Clone(h.Missing), h.Extra...)); err != nil {
				return rep, err
			}
			n, err := SyncIndex(ctx, w, rep.Index)
			if err != nil {
				return rep, err
			}
			rep.Synced = n
		}
	}
	if len(h.Gone) > 0 {
		keys := make([]string, len(h.Gone))
		for i, f := range h.Gone {
			keys[i] = f.Key
		}
		ix, err := index()
		if err != nil {
			return rep, err
		}
		ids, err := Remove(ctx, w, ix, keys)
		rep.Deleted = ids
		if err != nil {
			return rep, err
		}
	}
	if len(h.OutdatedRoots) > 0 {
		io := o.Import
		io.Roots = h.OutdatedRoots
		io.OpenIndex = index
		if _, err := Run(ctx, w, io); err != nil {
			return rep, err
		}
		rep.Reimported = h.OutdatedRoots
	}
	return rep, nil
}

// Trash removes the files keys and their documents like Remove, keeping
// them in the workspace's trash under id so that the removal can be
// undone (Restore) until the trash is emptied (EmptyTrash). uploads are
// files of the workspace's uploads folder to delete only then.
func Trash(ctx context.Context, w *workspace.Workspace, ix Indexer, id string, keys, uploads []string) (workspace.TrashEntry, error) {
	e, err := w.Trash(id, keys, uploads)
	if err != nil {
		return e, err
	}
	_, err = SyncIndex(ctx, w, ix)
	return e, err
}

// Restore undoes the removal id kept in the trash: its files and
// documents come back, in the store and in the index.
func Restore(ctx context.Context, w *workspace.Workspace, ix Indexer, id string) (workspace.TrashEntry, error) {
	e, err := w.Restore(id)
	if err != nil {
		return e, err
	}
	_, err = SyncIndex(ctx, w, ix)
	return e, err
}

// EmptyTrash ends every removal kept in the trash for good: the trashed
// documents, and the uploaded files they came from (only files inside the
// workspace's uploads folder are ever deleted). It returns how many
// removals it ended.
func EmptyTrash(w *workspace.Workspace) (int, error) {
	entries, err := w.EmptyTrash()
	if err != nil {
		return 0, err
	}
	uploads := w.UploadsDir()
	for _, e := range entries {
		for _, p := range e.Uploads {
			if rel, err := filepath.Rel(uploads, p); err != nil || !filepath.IsLocal(rel) {
				continue
			}
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return len(entries), fmt.Errorf("remove upload %s: %w", p, err)
			}
		}
	}
	return len(entries), nil
}
