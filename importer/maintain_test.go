package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"plans/pipeline"
	"plans/workspace"
)

func (f *fakeIndex) DocIDs(context.Context) (map[string]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]bool{}
	for id := range f.docs {
		out[id] = true
	}
	return out, nil
}

// imported returns a workspace holding n plans of dir, indexed in ix.
func imported(t *testing.T, n int) (w *workspace.Workspace, dir string, ix *fakeIndex) {
	t.Helper()
	dir = t.TempDir()
	writePlans(t, dir, n)
	w, err := workspace.Open(t.TempDir(), workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	ix = &fakeIndex{docs: map[string]bool{}}
	if _, err := Run(context.Background(), w, Options{Roots: []string{dir}, OpenIndex: func() (Indexer, error) { return ix, nil }}); err != nil {
		t.Fatal(err)
	}
	return w, dir, ix
}

func TestRemoveTakesDocumentsOutOfStoreAndIndex(t *testing.T) {
	w, dir, ix := imported(t, 5)
	key := filepath.Join(dir, "plan02.txt")
	ids, err := Remove(context.Background(), w, ix, []string{key})
	if err != nil || len(ids) != 1 {
		t.Fatalf("Remove = %v, %v", ids, err)
	}
	if stored := storedIDs(t, w); len(stored) != 4 || !slices.Equal(stored, ix.ids()) {
		t.Errorf("store %v, index %v", stored, ix.ids())
	}
	if dirty, _ := w.Dirty(); len(dirty) != 0 {
		t.Errorf("dirty marks left: %v", dirty)
	}
}

func TestCheckHealthyWorkspace(t *testing.T) {
	w, _, ix := imported(t, 4)
	h, err := Check(context.Background(), w, ix, IndexOK, nil, pipelineVersion(t))
	if err != nil {
		t.Fatal(err)
	}
	if h.Problems() != 0 || !h.IndexConsistent() || h.Documents != 4 || h.Files != 4 {
		t.Errorf("health = %+v, want no problems, 4 documents and files", h)
	}
}

// Every kind of damage is found, and Repair fixes what it safely can; a
// second Check finds nothing left.
func TestCheckAndRepair(t *testing.T) {
	w, dir, ix := imported(t, 6)
	stored := storedIDs(t, w)
	// The index lost one document and holds one that is gone; one file was
	// deleted behind plans' back.
	delete(ix.docs, stored[0])
	ix.docs["ghost-1"] = true
	if err := os.Remove(filepath.Join(dir, "plan05.txt")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h, err := Check(ctx, w, ix, IndexOK, nil, pipelineVersion(t))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Missing, stored[:1]) || !slices.Equal(h.Extra, []string{"ghost-1"}) || len(h.Gone) != 1 {
		t.Fatalf("missing %v, extra %v, gone %v", h.Missing, h.Extra, h.Gone)
	}
	if h.Problems() != 3 {
		t.Errorf("%d problems, want 3 (missing, extra, gone)", h.Problems())
	}
	rep, err := Repair(ctx, w, h, RepairOptions{Index: ix, Reset: func() (Indexer, error) { return nil, errors.New("no rebuild expected") }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.SyncedFixes != 2 || len(rep.Deleted) != 1 || rep.RebuiltDone {
		t.Errorf("repairs = %+v", rep)
	}
	h, err = Check(ctx, w, ix, IndexOK, nil, pipelineVersion(t))
	if err != nil {
		t.Fatal(err)
	}
	if h.Problems() != 0 {
		t.Errorf("after repair: %+v", h)
	}
	if got := storedIDs(t, w); len(got) != 5 || !slices.Equal(got, ix.ids()) {
		t.Errorf("after repair: store %v, index %v", got, ix.ids())
	}
}

// An outdated index is rebuilt from the store; files parsed by older rules
// are imported again.
func TestRepairRebuildsAndReimports(t *testing.T) {
	w, dir, _ := imported(t, 3)
	ctx := context.Background()
	h, err := Check(ctx, w, nil, IndexOutdated, errors.New("outdated"), "an older pipeline")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.OutdatedRoots, []string{dir}) || h.Problems() != 2 {
		t.Fatalf("outdated roots %v, problems %d", h.OutdatedRoots, h.Problems())
	}
	fresh := &fakeIndex{docs: map[string]bool{}}
	resets := 0
	rep, err := Repair(ctx, w, h, RepairOptions{Reset: func() (Indexer, error) { resets++; return fresh, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.RebuiltDone || rep.Rebuilt != 3 || resets != 1 || rep.Index != Indexer(fresh) || !slices.Equal(rep.Reimported, []string{dir}) {
		t.Errorf("repairs = %+v, resets %d", rep, resets)
	}
	if !slices.Equal(storedIDs(t, w), fresh.ids()) {
		t.Errorf("rebuilt index %v, store %v", fresh.ids(), storedIDs(t, w))
	}
}

// An interrupted rebuild leaves every document marked dirty, so the next
// writer finishes it.
func TestRebuildInterruptedLeavesWorkMarked(t *testing.T) {
	w, _, _ := imported(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Rebuild(ctx, w, func() (Indexer, error) { return &fakeIndex{docs: map[string]bool{}}, nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want canceled", err)
	}
	if dirty, _ := w.Dirty(); len(dirty) != 3 {
		t.Errorf("%d documents marked dirty after an interrupted rebuild, want 3", len(dirty))
	}
}

// pipelineVersion is the version of the default pipeline, which
// imported's files were parsed with.
func pipelineVersion(t *testing.T) string {
	t.Helper()
	return pipeline.Version(pipeline.Options{})
}
