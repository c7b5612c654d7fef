package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func count(t testing.TB, ix *Index) uint64 {
	t.Helper()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func entryCount(ix *Index, docs ...corpus.Document) uint64 {
	var n uint64
	for i := range docs {
		n += uint64(len(ix.newDocView(&docs[i]).entries()))
	}
	return n
}

func TestUpdateReplacesAndDeleteRemoves(t *testing.T) {
	docs := testDocs(t)
	ix, src := newTestIndex(t, docs...)
	ctx := context.Background()
	if got, want := count(t, ix), entryCount(ix, docs...); got != want {
		t.Fatalf("%d entries, want %d", got, want)
	}
	if res := all(t, ix, src, Request{Query: "校务公开", Exact: true}); len(res.Hits) == 0 {
		t.Fatal("校务公开 not found before the change")
	}

	// The first document changes: fewer sections, other words.
	changed := naiveDoc(t, docs[0].ID, docs[0].Source,
		"城东小学2020年工会工作计划\n\n一、主要工作\n组织教职工疗休养和登山活动。\n二、其他\n按时收缴会费。\n", 2020, "城东小学")
	src.add(changed)
	if err := ix.Update(ctx, []corpus.Document{changed}); err != nil {
		t.Fatal(err)
	}
	if got, want := count(t, ix), entryCount(ix, changed, docs[1], docs[2]); got != want {
		t.Errorf("after the change: %d entries, want %d", got, want)
	}
	for _, h := range all(t, ix, src, Request{Query: "校务公开", Exact: true}).Hits {
		if h.DocID == changed.ID {
			t.Errorf("old text still found: %s %s", h.DocID, h.Heading)
		}
	}
	res := all(t, ix, src, Request{Query: "登山", Years: YearRange{2020, 2020}})
	if len(res.Hits) != 1 || res.Hits[0].DocID != changed.ID {
		t.Errorf("new text: %v", hitIDs(res))
	}

	// Delete removes every entry of the document.
	if err := ix.Delete(ctx, []string{docs[1].ID}); err != nil {
		t.Fatal(err)
	}
	if got, want := count(t, ix), entryCount(ix, changed, docs[2]); got != want {
		t.Errorf("after delete: %d entries, want %d", got, want)
	}
	ids, err := ix.DocIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]bool{changed.ID: true, docs[2].ID: true}, ids); diff != "" {
		t.Errorf("DocIDs (-want +got):\n%s", diff)
	}
	for _, h := range all(t, ix, src, Request{}).Hits {
		if h.DocID == docs[1].ID {
			t.Errorf("deleted document still found: %s", h.Heading)
		}
	}
}

func TestUpdateSkipsUnchanged(t *testing.T) {
	docs := testDocs(t)
	ix, _ := newTestIndex(t, docs...)
	before, err := ix.fingerprints()
	if err != nil {
		t.Fatal(err)
	}
	ix.written = 0
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if ix.written != 0 {
		t.Errorf("re-indexing unchanged documents wrote %d entries", ix.written)
	}
	// A change of metadata alone (the year) is a change.
	docs[2].Year = 2016
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if want := entryCount(ix, docs[2]); ix.written != int(want) {
		t.Errorf("a changed year wrote %d entries, want %d", ix.written, want)
	}
	after, err := ix.fingerprints()
	if err != nil {
		t.Fatal(err)
	}
	if before[docs[0].ID] != after[docs[0].ID] || before[docs[2].ID] == after[docs[2].ID] {
		t.Errorf("fingerprints before %v, after %v", before, after)
	}
}

func TestUpdateInSmallBatches(t *testing.T) {
	docs := seedDocs(t)
	opts := DefaultOptions()
	opts.BatchSize = 7
	ix, err := Open(filepath.Join(t.TempDir(), "ix"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if got, want := count(t, ix), entryCount(ix, docs...); got != want {
		t.Errorf("%d entries, want %d", got, want)
	}
}

func TestUpdateCancelled(t *testing.T) {
	docs := testDocs(t)
	ix, err := Open(filepath.Join(t.TempDir(), "ix"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Update(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("Update with a cancelled context: %v", err)
	}
}

func TestReopenAndReindexNeeded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	docs := testDocs(t)
	ix, err := Open(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	want := count(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened read-only, everything is there.
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := count(t, ro); got != want {
		t.Errorf("reopened: %d entries, want %d", got, want)
	}
	ro.Close()

	// An index built by another analyzer version must be rebuilt.
	ix, err = Open(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.setMeta(meta{Schema: schemaVersion, Analyzer: "gse v0.1 zh_s; user 000000; segment 0"}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	_, err = Open(dir, DefaultOptions())
	if !errors.Is(err, ErrReindexNeeded) {
		t.Fatalf("Open of an index built by another analyzer: %v, want ErrReindexNeeded", err)
	}
	if !strings.Contains(err.Error(), "plans reindex") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrReindexNeeded) {
		t.Errorf("read-only Open: %v, want ErrReindexNeeded", err)
	}

	// Rebuild: remove and index again.
	if err := Remove(dir); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if got := count(t, ix); got != want {
		t.Errorf("rebuilt: %d entries, want %d", got, want)
	}
}

func TestOpenReadOnlyWithoutIndex(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "none"), Options{ReadOnly: true}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open read-only of a missing index: %v, want ErrNoIndex", err)
	}
}

// Entries of documents with odd or missing offsets, without sections or
// simplified view still index and highlight on the original text.
func TestOddDocuments(t *testing.T) {
	docs := []corpus.Document{
		{ID: "odd-1", Source: "a.txt", Title: "無章節的計劃", Text: "工會將組織教職工健康體檢。", Kind: corpus.KindPlan},
		{ID: "odd-2", Source: "b.txt", Title: "坏偏移", Text: "一、福利\n组织体检。", Simplified: "",
			Sections: []corpus.Section{{ID: "odd-2/s1", Heading: "一、福利", Text: "组织体检。", Start: 3, End: 999}}},
		{ID: "odd-3", Source: "c.txt", Text: "", Title: ""},
	}
	ix, src := newTestIndex(t, docs...)
	res := all(t, ix, src, Request{Query: "体检", Exact: true})
	got := map[string]string{}
	for _, h := range res.Hits {
		got[h.DocID] = strings.Join(marks(h), ",")
	}
	want := map[string]string{"odd-1": "體檢", "odd-2": "体检"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A crash while an index is created leaves no index at its place, only a
// folder the next create removes; an index_meta.json cut short by an older
// version's crash asks for a rebuild instead of failing every open.
func TestCreateIsAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	// What a crash in the middle of create leaves now: a half-made sibling.
	if err := os.MkdirAll(dir+".new", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir+".new", "index_meta.json"), []byte(`{"stor`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("read-only Open after a crashed create: %v, want ErrNoIndex", err)
	}
	ix, err := Open(dir, DefaultOptions())
	if err != nil {
		t.Fatalf("Open after a crashed create: %v", err)
	}
	ix.Close()
	if _, err := os.Stat(dir + ".new"); !os.IsNotExist(err) {
		t.Errorf("the half-made folder is still there: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("index_meta.json: %v, mode %v; want 0600", err, fi)
	}
	if ix, err = Open(dir, Options{ReadOnly: true}); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	ix.Close()

	// What an older version's crash could leave: index_meta.json cut short.
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte(`{"storage":"bol`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, DefaultOptions()); !errors.Is(err, ErrReindexNeeded) {
		t.Errorf("Open with a cut-short index_meta.json: %v, want ErrReindexNeeded", err)
	}
}
