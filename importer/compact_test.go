package importer

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"plans/workspace"
)

// compactingIndex is a fakeIndex that can be compacted.
type compactingIndex struct {
	fakeIndex
	compactions atomic.Int32
	indexedThen int // documents it held when compacted
	fail        error
}

func (c *compactingIndex) Compact(ctx context.Context) (bool, error) {
	c.compactions.Add(1)
	c.indexedThen = len(c.ids())
	return c.fail == nil, c.fail
}

// An import ends by compacting the index, once everything is in it; an
// import with nothing to index does not open the index to compact it.
func TestRunCompactsTheIndex(t *testing.T) {
	dir := t.TempDir()
	writePlans(t, dir, 9)
	w, err := workspace.Open(t.TempDir(), workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ix := &compactingIndex{fakeIndex: fakeIndex{docs: map[string]bool{}}}
	opened := 0
	opts := Options{Roots: []string{dir}, BatchFiles: 2, OpenIndex: func() (Indexer, error) { opened++; return ix, nil }}
	if _, err := Run(context.Background(), w, opts); err != nil {
		t.Fatal(err)
	}
	if n := ix.compactions.Load(); n != 1 || ix.indexedThen != 9 {
		t.Errorf("compacted %d times, holding %d documents; want once, after all 9", n, ix.indexedThen)
	}

	// Nothing changed: the index is neither opened nor compacted.
	opened = 0
	if _, err := Run(context.Background(), w, opts); err != nil {
		t.Fatal(err)
	}
	if opened != 0 || ix.compactions.Load() != 1 {
		t.Errorf("unchanged files: index opened %d times, compacted %d times; want 0 and still 1", opened, ix.compactions.Load())
	}

	// A failed compaction is the import's error, named as such.
	ix.fail = errors.New("disk full")
	if err := Compact(context.Background(), w, ix); err == nil || !strings.Contains(err.Error(), "整理索引") || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Compact with a failing index: %v", err)
	}
	// A cancelled context stops before the store is compacted.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ix.fail = nil
	if err := Compact(ctx, w, ix); !errors.Is(err, context.Canceled) {
		t.Errorf("Compact with a cancelled context: %v", err)
	}
	// An index that cannot compact itself (or none) is fine.
	if err := Compact(context.Background(), w, &fakeIndex{docs: map[string]bool{}}); err != nil {
		t.Errorf("Compact with a plain index: %v", err)
	}
	if err := Compact(context.Background(), w, nil); err != nil {
		t.Errorf("Compact without an index: %v", err)
	}
}
