package workspace

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/golang/snappy"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	bolt "go.etcd.io/bbolt"

	"plans/corpus"
)

// A removal kept in the trash can be restored exactly; emptying the trash
// makes it final.
func TestTrashRestoreAndEmpty(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	fa := File{Key: "/x/a.txt", Source: "a.txt", Status: FileOK}
	fb := File{Key: "/x/b.txt", Source: "b.txt", Status: FileOK}
	if _, err := w.Apply([]Change{
		{File: fa, Docs: []corpus.Document{doc("a-1", "a.txt", 1, "一"), doc("a-2", "a.txt", 2, "二")}},
		{File: fb, Docs: []corpus.Document{doc("b-1", "b.txt", 1, "三")}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.MarkClean([]string{"a-1", "a-2", "b-1"}); err != nil {
		t.Fatal(err)
	}
	before, _ := w.AllDocuments()

	e, err := w.Trash("t1", []string{fa.Key}, []string{"/x/a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if e.DocCount() != 2 || len(e.Files) != 1 {
		t.Errorf("entry holds %d documents, %d files", e.DocCount(), len(e.Files))
	}
	if n, _ := w.DocumentCount(); n != 1 {
		t.Errorf("%d documents after the removal, want 1", n)
	}
	if _, ok, _ := w.File(fa.Key); ok {
		t.Error("the file record is still there")
	}
	dirty, _ := w.Dirty()
	if diff := cmp.Diff([]string{"a-1", "a-2"}, dirty); diff != "" {
		t.Errorf("dirty after the removal (-want +got):\n%s", diff)
	}
	if es, _ := w.TrashEntries(); len(es) != 1 || es[0].ID != "t1" {
		t.Errorf("trash entries %+v", es)
	}

	if _, err := w.Restore("t1"); err != nil {
		t.Fatal(err)
	}
	after, _ := w.AllDocuments()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("restored documents (-before +after):\n%s", diff)
	}
	if _, ok, _ := w.File(fa.Key); !ok {
		t.Error("the file record was not restored")
	}
	if _, err := w.Restore("t1"); !errors.Is(err, ErrNotInTrash) {
		t.Errorf("second restore: %v", err)
	}

	// A file imported again after its removal is not overwritten.
	if _, err := w.Trash("t2", []string{fb.Key}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Apply([]Change{{File: fb, Docs: []corpus.Document{doc("b-1", "b.txt", 1, "新三")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Restore("t2"); !errors.Is(err, ErrRestoreConflict) {
		t.Errorf("restore over a new import: %v", err)
	}

	emptied, err := w.EmptyTrash()
	if err != nil || len(emptied) != 1 || emptied[0].ID != "t2" {
		t.Errorf("EmptyTrash = %+v, %v", emptied, err)
	}
	if es, _ := w.TrashEntries(); len(es) != 0 {
		t.Errorf("trash after emptying: %+v", es)
	}
	if _, err := w.Restore("t2"); !errors.Is(err, ErrNotInTrash) {
		t.Errorf("restore after emptying: %v", err)
	}
}

// The store and the lock are readable by the owner only, the folder
// enterable by the owner only.
func TestWorkspaceModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for name, want := range map[string]os.FileMode{"": 0o700, "store.db": 0o600, "lock": 0o600} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
	}
}

// A removal kept by a version 2 store (Snappy documents) can still be
// restored after the store moved to version 3; one of version 1 cannot.
func TestRestoreOlderTrashEntries(t *testing.T) {
	for _, tc := range []struct {
		schema string
		ok     bool
	}{{"2", true}, {"1", false}} {
		t.Run("version "+tc.schema, func(t *testing.T) {
			w, err := Open(t.TempDir(), ReadWrite, "test")
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			d := sectionedDoc("a-1")
			f := File{Key: "/x/a.txt", Source: "a.txt", Status: FileOK, DocIDs: []string{d.ID}}
			rec := append([]byte{docSnappy}, snappy.Encode(nil, oldJSON(t, d))...)
			e := TrashEntry{ID: "t1", Schema: tc.schema, Files: []File{f}, Docs: map[string][]byte{d.ID: rec}}
			js, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucketIfNotExists(bucketTrash)
				if err != nil {
					return err
				}
				return b.Put([]byte(e.ID), js)
			}); err != nil {
				t.Fatal(err)
			}
			_, err = w.Restore("t1")
			if !tc.ok {
				if err == nil {
					t.Error("a version 1 entry was restored")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := w.Document(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(d, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("restored (-removed +read):\n%s", diff)
			}
			if rf, ok, err := w.File(f.Key); err != nil || !ok || rf.Source != f.Source {
				t.Errorf("restored file record: %+v, %v, %v", rf, ok, err)
			}
		})
	}
}
