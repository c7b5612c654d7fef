package workspace

import (
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

// fill imports files of docs documents each, then imports them again with
// other documents and drops every other file: the churn of re-imports
// that leaves free pages behind.
func fill(t *testing.T, w *Workspace, files, docs int) {
	t.Helper()
	for round := 0; round < 2; round++ {
		var changes []Change
		for i := 0; i < files; i++ {
			f := File{Key: fmt.Sprintf("/x/f%03d.txt", i), Root: "/x", Source: fmt.Sprintf("f%03d.txt", i), Status: FileOK}
			c := Change{File: f}
			for j := 0; j < docs; j++ {
				c.Docs = append(c.Docs, noisyDoc(fmt.Sprintf("f%03d-r%d-%d", i, round, j)))
			}
			changes = append(changes, c)
			if len(changes) == 10 {
				if _, err := w.Apply(changes); err != nil {
					t.Fatal(err)
				}
				changes = nil
			}
		}
		if _, err := w.Apply(changes); err != nil {
			t.Fatal(err)
		}
	}
	var drop []string
	for i := 0; i < files; i += 2 {
		drop = append(drop, fmt.Sprintf("/x/f%03d.txt", i))
	}
	if _, err := w.RemoveFiles(drop); err != nil {
		t.Fatal(err)
	}
}

// noisyDoc is sectionedDoc with a paragraph of characters that do not
// compress, so that its record takes about as much room as a real plan's.
func noisyDoc(id string) corpus.Document {
	d := sectionedDoc(id)
	rng := rand.New(rand.NewPCG(uint64(len(id)), uint64(crc32.ChecksumIEEE([]byte(id)))))
	var b strings.Builder
	for i := 0; i < 1500; i++ {
		b.WriteRune(rune(0x4e00 + rng.IntN(0x9fa5-0x4e00)))
	}
	d.Text += "\n" + b.String()
	d.Simplified = d.Text
	return d
}

// contents is everything a store holds, as its readers see it.
type contents struct {
	Docs   []corpus.Document
	Files  []File
	Schema string
}

func readAll(t *testing.T, w *Workspace) contents {
	t.Helper()
	docs, err := w.AllDocuments()
	if err != nil {
		t.Fatal(err)
	}
	files, err := w.Files()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := w.Meta("schema")
	if err != nil {
		t.Fatal(err)
	}
	return contents{docs, files, schema}
}

// smallCompactions lets stores of a test's size be compacted.
func smallCompactions(t *testing.T) {
	old := compactMin
	compactMin = 64 << 10
	t.Cleanup(func() { compactMin = old })
}

func TestCompactGivesBackFreePages(t *testing.T) {
	smallCompactions(t)
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { w.Close() }()
	fill(t, w, 100, 3)
	want := readAll(t, w)
	size, free, err := w.StoreSize()
	if err != nil {
		t.Fatal(err)
	}
	if free*5 < size {
		t.Fatalf("the churn left %d bytes to give back of %d: not enough to test compaction", free, size)
	}

	// Readers in other goroutines go on while the store is compacted.
	var stop atomic.Bool
	var readErrs atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				if _, err := w.Document(want.Docs[0].ID); err != nil {
					readErrs.Add(1)
				}
			}
		}()
	}
	saved, err := w.Compact()
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n := readErrs.Load(); n > 0 {
		t.Errorf("%d reads failed during the compaction", n)
	}
	newSize, newFree, err := w.StoreSize()
	if err != nil {
		t.Fatal(err)
	}
	if saved < free/2 || newSize != size-saved || newFree >= free/4 {
		t.Errorf("compaction: %d bytes (%d to give back) → %d bytes (%d), reported %d saved", size, free, newSize, newFree, saved)
	}
	if st, err := os.Stat(filepath.Join(dir, "store.db")); err != nil || st.Size() != newSize {
		t.Errorf("store.db after compaction: %d bytes, %v; want %d (its pages)", st.Size(), err, newSize)
	}
	if _, err := os.Stat(filepath.Join(dir, "store.db.compact")); !os.IsNotExist(err) {
		t.Errorf("the compaction's temporary file is left: %v", err)
	}
	if diff := cmp.Diff(want, readAll(t, w)); diff != "" {
		t.Errorf("after compaction (-before +after):\n%s", diff)
	}

	// The store takes writes after, and keeps them.
	d := sectionedDoc("new-1")
	if _, err := w.Apply([]Change{{File: File{Key: "/x/new.txt", Status: FileOK}, Docs: []corpus.Document{d}}}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if w, err = Open(dir, ReadOnly, "test"); err != nil {
		t.Fatal(err)
	}
	got, err := w.Document("new-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("written after compaction (-written +read):\n%s", diff)
	}
	if n, _ := w.DocumentCount(); n != len(want.Docs)+1 {
		t.Errorf("%d documents after compaction and a write, want %d", n, len(want.Docs)+1)
	}
}

func TestCompactOnlyWhenWorthIt(t *testing.T) {
	smallCompactions(t)
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Apply([]Change{{File: File{Key: "/x/a.txt", Status: FileOK}, Docs: []corpus.Document{sectionedDoc("a-1")}}}); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dir, "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	if saved, err := w.Compact(); saved != 0 || err != nil {
		t.Errorf("Compact of a store with little to give back = %d, %v; want 0, nil", saved, err)
	}
	after, err := os.Stat(filepath.Join(dir, "store.db"))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("the store's file was replaced (%v)", err)
	}
	// Compacted once, a store has little to give back.
	fill(t, w, 100, 3)
	if saved, err := w.Compact(); saved == 0 || err != nil {
		t.Fatalf("Compact after churn = %d, %v", saved, err)
	}
	compacted, err := os.Stat(filepath.Join(dir, "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	if saved, err := w.Compact(); saved != 0 || err != nil {
		t.Errorf("Compact of a compacted store = %d, %v; want 0, nil", saved, err)
	}
	if after, err := os.Stat(filepath.Join(dir, "store.db")); err != nil || !os.SameFile(compacted, after) {
		t.Errorf("the compacted store's file was replaced (%v)", err)
	}
	w.Close()

	r, err := Open(dir, ReadOnly, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if saved, err := r.Compact(); saved != 0 || err != nil {
		t.Errorf("Compact of a read-only workspace = %d, %v; want 0, nil", saved, err)
	}
}
