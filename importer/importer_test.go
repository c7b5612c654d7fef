package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
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

// limitProbe records the garbage collector's settings while the import runs.
type limitProbe struct{ limit, percent int64 }

func (p *limitProbe) Start(int) {
	p.limit = debug.SetMemoryLimit(-1) // a negative value only reads it
	pct := debug.SetGCPercent(100)
	debug.SetGCPercent(pct)
	p.percent = int64(pct)
}
func (p *limitProbe) Step(string, workspace.FileStatus) {}
func (p *limitProbe) Finish()                           {}

func TestSizedMemoryLimit(t *testing.T) {
	for _, tc := range []struct{ limit, work, want int64 }{
		{limit: 1 << 30, work: 0, want: memoryFloor},
		{limit: 1 << 30, work: 55_000, want: memoryFloor + memoryPerByte*55_000},         // 10 plans
		{limit: 1 << 30, work: 5_500_000, want: memoryFloor + memoryPerByte*5_500_000},   // 1,000 plans
		{limit: 1 << 30, work: 55_000_000, want: memoryFloor + memoryPerByte*55_000_000}, // 10,000 plans
		{limit: 1 << 30, work: 500_000_000, want: 1 << 30},                               // the limit caps it
		{limit: 1 << 30, work: 1 << 62, want: 1 << 30},                                   // no overflow
		{limit: 64 << 20, work: 1 << 20, want: 64 << 20},                                 // a limit below the floor stays
		{limit: 0, work: 1 << 20, want: 0},                                               // the runtime's settings stay
	} {
		if got := SizedMemoryLimit(tc.limit, tc.work); got != tc.want {
			t.Errorf("SizedMemoryLimit(%d, %d) = %d, want %d", tc.limit, tc.work, got, tc.want)
		}
	}
}

// With MemoryLimit the collector runs only at the limit during the import,
// and the previous settings are back afterwards; without it, they are not
// touched.
func TestRunMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	dir := t.TempDir()
	writePlans(t, dir, 2)
	w, err := workspace.Open(t.TempDir(), workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var work int64
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		work += fi.Size()
	}
	for _, tc := range []struct {
		limit            int64
		duringL, duringP int64
	}{
		// Two small files: the limit is sized to them, far below 700 MB.
		{limit: 700 << 20, duringL: memoryFloor + memoryPerByte*work, duringP: -1},
		// A limit below what the sizing gives stays as it is.
		{limit: 50 << 20, duringL: 50 << 20, duringP: -1},
		{limit: 0, duringL: 3 << 30, duringP: 150},
	} {
		p := &limitProbe{}
		if _, err := Run(context.Background(), w, Options{Roots: []string{dir}, MemoryLimit: tc.limit, Progress: p}); err != nil {
			t.Fatal(err)
		}
		if p.limit != tc.duringL || p.percent != tc.duringP {
			t.Errorf("MemoryLimit %d: during the import limit %d, GC percent %d; want %d, %d",
				tc.limit, p.limit, p.percent, tc.duringL, tc.duringP)
		}
		if got := debug.SetMemoryLimit(-1); got != 3<<30 {
			t.Errorf("MemoryLimit %d: limit after the import %d, want it restored (%d)", tc.limit, got, int64(3<<30))
		}
		pct := debug.SetGCPercent(150)
		if pct != 150 {
			t.Errorf("MemoryLimit %d: GC percent after the import %d, want it restored (150)", tc.limit, pct)
		}
	}
	noEnv := func(string) string { return "" }
	if l := DefaultMemoryLimit(noEnv); l <= 0 || l > 1<<30 {
		t.Errorf("DefaultMemoryLimit() = %d, want at most 1 GiB", l)
	}
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		env := func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		}
		if l := DefaultMemoryLimit(env); l != 0 {
			t.Errorf("with %s set: DefaultMemoryLimit() = %d, want 0 (the runtime's settings)", name, l)
		}
	}
}
