package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"plans/corpus"
	"plans/workspace"
)

// fakeIndex records what the importer asks of the index; it fails the
// update number failAt (1-based; 0 = never).
type fakeIndex struct {
	mu      sync.Mutex
	docs    map[string]bool
	updates int
	failAt  int
}

func (f *fakeIndex) Update(_ context.Context, docs []corpus.Document) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates++
	if f.updates == f.failAt {
		return errors.New("injected index failure")
	}
	for _, d := range docs {
		f.docs[d.ID] = true
	}
	return nil
}

func (f *fakeIndex) Delete(_ context.Context, ids []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		delete(f.docs, id)
	}
	return nil
}

func (f *fakeIndex) ids() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for id := range f.docs {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func writePlans(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		text := fmt.Sprintf("第%d学校2023年工会工作计划\n一、指导思想\n以教代会为依托，推进校务公开。\n二、主要工作\n1、开展送温暖活动，慰问困难教职工%d人。\n", i, i+3)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("plan%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func storedIDs(t *testing.T, w *workspace.Workspace) []string {
	t.Helper()
	docs, err := w.AllDocuments()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.ID)
	}
	slices.Sort(out)
	return out
}

// Batches are indexed while later files are parsed; in the end the index
// holds exactly the stored documents and no dirty mark is left.
func TestRunIndexesEveryBatch(t *testing.T) {
	dir := t.TempDir()
	writePlans(t, dir, 23)
	w, err := workspace.Open(t.TempDir(), workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ix := &fakeIndex{docs: map[string]bool{}}
	opts := Options{Roots: []string{dir}, BatchFiles: 4, OpenIndex: func() (Indexer, error) { return ix, nil }}
	sum, err := Run(context.Background(), w, opts)
	if err != nil {
		t.Fatal(err)
	}
	stored := storedIDs(t, w)
	if len(stored) != 23 || sum.Parsed != 23 || sum.Indexed != 23 {
		t.Fatalf("stored %d, parsed %d, indexed %d; want 23 each", len(stored), sum.Parsed, sum.Indexed)
	}
	if !slices.Equal(stored, ix.ids()) {
		t.Errorf("index holds %v, store %v", ix.ids(), stored)
	}
	if ix.updates < 6 {
		t.Errorf("%d index updates for 23 files in batches of 4, want one per batch (6)", ix.updates)
	}
	if dirty, _ := w.Dirty(); len(dirty) != 0 {
		t.Errorf("dirty marks left: %v", dirty)
	}

	// A removed file's document leaves the index with --prune; a changed
	// one is indexed again; the others are not touched.
	if err := os.Remove(filepath.Join(dir, "plan00.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plan01.txt"), []byte("新学校2024年工会工作计划\n一、主要工作\n建设教工之家。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := ix.updates
	opts.Prune = true
	sum, err = Run(context.Background(), w, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Parsed != 1 || sum.Indexed != 1 || sum.Pruned != 1 {
		t.Errorf("second run: parsed %d, indexed %d, pruned %d; want 1, 1, 1", sum.Parsed, sum.Indexed, sum.Pruned)
	}
	if !slices.Equal(storedIDs(t, w), ix.ids()) || len(ix.ids()) != 22 {
		t.Errorf("after prune: index %v, store %v", ix.ids(), storedIDs(t, w))
	}
	if ix.updates == before {
		t.Error("the changed file was not indexed")
	}
}

// An index failure stops the import with the error; what was stored keeps
// its dirty marks, and the next run indexes it.
func TestRunIndexFailureLeavesWorkForNextRun(t *testing.T) {
	dir := t.TempDir()
	writePlans(t, dir, 12)
	w, err := workspace.Open(t.TempDir(), workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	failing := &fakeIndex{docs: map[string]bool{}, failAt: 2}
	opts := Options{Roots: []string{dir}, BatchFiles: 3, OpenIndex: func() (Indexer, error) { return failing, nil }}
	if _, err := Run(context.Background(), w, opts); err == nil || !strings.Contains(err.Error(), "injected index failure") {
		t.Fatalf("Run = %v, want the index failure", err)
	}
	dirty, err := w.Dirty()
	if err != nil {
		t.Fatal(err)
	}
	if len(dirty) == 0 {
		t.Fatal("no dirty marks after a failed index update")
	}
	for _, id := range dirty {
		if failing.docs[id] {
			t.Errorf("%s is indexed but still marked dirty", id)
		}
	}

	ix := &fakeIndex{docs: map[string]bool{}}
	for id := range failing.docs {
		ix.docs[id] = true // what the failed run did index stays indexed
	}
	opts.OpenIndex = func() (Indexer, error) { return ix, nil }
	if _, err := Run(context.Background(), w, opts); err != nil {
		t.Fatal(err)
	}
	if stored := storedIDs(t, w); len(stored) != 12 || !slices.Equal(stored, ix.ids()) {
		t.Errorf("after the second run: index %v, store %v", ix.ids(), stored)
	}
	if dirty, _ := w.Dirty(); len(dirty) != 0 {
		t.Errorf("dirty marks left: %v", dirty)
	}
}
