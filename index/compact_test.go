package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/segment"
)

// segmentCount returns the number of segments of the index's current
// snapshot.
func segmentCount(t *testing.T, ix *Index) int {
	t.Helper()
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader is a %T, not a scorch snapshot", r)
	}
	return len(snap.Segments())
}

// A compacted index holds one segment and answers every search as before.
func TestCompactMergesAndAnswersTheSame(t *testing.T) {
	docs := append(seedDocs(t), testDocs(t)...)
	dir := filepath.Join(t.TempDir(), "index")
	// Three Updates: three segments, as an import of three batches makes
	// them (fewer than Bleve's merger would merge on its own).
	ix, err := Open(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	ctx := context.Background()
	src := memSource{}
	src.add(docs...)
	for i := 0; i < 3; i++ {
		if err := ix.Update(ctx, docs[i*len(docs)/3:(i+1)*len(docs)/3]); err != nil {
			t.Fatal(err)
		}
	}
	// A deletion leaves dead entries, which the merge drops.
	if err := ix.Delete(ctx, []string{docs[1].ID}); err != nil {
		t.Fatal(err)
	}
	delete(src, docs[1].ID)
	before := segmentCount(t, ix)
	if before < 2 {
		t.Fatalf("%d segments before compaction: the test needs several", before)
	}
	requests := []Request{
		{Query: "校务公开"}, {Query: "福利"}, {Query: "会"}, {Query: "工会 -教代会"},
		{Query: "加强民主管理"}, {Query: `"困难教职工"`}, {Query: "体检", Exact: true},
		{Topics: []string{"disclosure", "welfare"}}, {Query: "教职工", Tags: []string{"work"}},
		{Query: "没有这个词语"}, {},
	}
	search := func(ix *Index) []*Result {
		t.Helper()
		var out []*Result
		for _, r := range requests {
			r.Limit = 1000
			res, err := ix.Search(ctx, r, src)
			if err != nil {
				t.Fatalf("%q: %v", r.Query, err)
			}
			res.TookMS = 0
			out = append(out, res)
		}
		return out
	}
	want := search(ix)
	wantCount := count(t, ix)

	merged, err := ix.Compact(ctx)
	if err != nil || !merged {
		t.Fatalf("Compact = %v, %v; want a merge", merged, err)
	}
	if n := segmentCount(t, ix); n != 1 {
		t.Errorf("%d segments after compaction, want 1", n)
	}
	if diff := cmp.Diff(want, search(ix)); diff != "" {
		t.Errorf("searches after compaction (-before +after):\n%s", diff)
	}
	if got := count(t, ix); got != wantCount {
		t.Errorf("%d entries after compaction, want %d", got, wantCount)
	}
	// On disk: the merged segment only.
	if zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap")); len(zaps) != 1 {
		t.Errorf("segment files after compaction: %v, want one", zaps)
	}
	if merged, err := ix.Compact(ctx); merged || err != nil {
		t.Errorf("second Compact = %v, %v; want nothing to do", merged, err)
	}
	// One document written again since the merge: a second segment, too
	// little to merge the index for.
	changed := docs[0]
	changed.Text += "\n五、新增\n教职工健康体检。"
	changed.Simplified = changed.Text
	src.add(changed)
	if err := ix.Update(ctx, []corpus.Document{changed}); err != nil {
		t.Fatal(err)
	}
	if merged, err := ix.Compact(ctx); merged || err != nil || segmentCount(t, ix) < 2 {
		t.Errorf("Compact after a small update = %v, %v with %d segments; want no merge", merged, err, segmentCount(t, ix))
	}
	want = search(ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened, the same answers.
	if ix, err = Open(dir, Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, search(ix)); diff != "" {
		t.Errorf("searches after reopening (-before +after):\n%s", diff)
	}
	if merged, err := ix.Compact(ctx); merged || err != nil {
		t.Errorf("Compact of a read-only index = %v, %v; want nothing done", merged, err)
	}
}

func TestWorthMerging(t *testing.T) {
	for _, tc := range []struct {
		segs           int
		written, total uint64
		want           bool
	}{
		{5, 17000, 17000, true}, // a new index
		{5, 9000, 17000, true},  // half of it written now
		{5, 100, 170000, false}, // a few files added to a large index
		{1, 17000, 17000, false},
		{0, 0, 0, false},
		{3, 10, 0, false}, // everything deleted
	} {
		if got := worthMerging(tc.segs, tc.written, tc.total); got != tc.want {
			t.Errorf("worthMerging(%d, %d, %d) = %v, want %v", tc.segs, tc.written, tc.total, got, tc.want)
		}
	}
}

// An index built with the previous layout (or any other) is rebuilt, not
// read: its entries' ids and fields are not what this version looks for.
func TestOlderSchemaNeedsReindex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(context.Background(), testDocs(t)); err != nil {
		t.Fatal(err)
	}
	if err := ix.setMeta(meta{Schema: schemaVersion - 1, Analyzer: segment.Version()}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	for _, opts := range []Options{DefaultOptions(), {ReadOnly: true}} {
		if ix, err := Open(dir, opts); !errors.Is(err, ErrReindexNeeded) {
			if err == nil {
				ix.Close()
			}
			t.Errorf("Open(read-only %v) of a layout %d index: %v, want ErrReindexNeeded", opts.ReadOnly, schemaVersion-1, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Errorf("the outdated index was touched: %v", err)
	}
}
