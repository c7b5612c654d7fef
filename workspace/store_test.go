package workspace

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"plans/corpus"
)

// sectionedDoc is a document with sections that repeat its text, as the
// pipeline makes them.
func sectionedDoc(id string) corpus.Document {
	body := strings.Repeat("加强民主管理，深化校务公开，组织教职工疗休养。", 20)
	d := doc(id, id+".txt", 1, "一、工作目标\n"+body+"\n二、主要工作\n"+body)
	d.Sections = []corpus.Section{
		{ID: id + "/s1", Depth: 1, Number: "一", Heading: "工作目标", Tag: corpus.TagGoals, Text: body, Start: 0, End: 10 + len(body)},
		{ID: id + "/s2", Depth: 1, Number: "二", Heading: "主要工作", Tag: corpus.TagWork, Text: body, Topics: []string{"disclosure"}},
	}
	return d
}

func TestDocumentsAreStoredCompressed(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	d := sectionedDoc("a-1")
	if _, err := w.Apply([]Change{{File: File{Key: "/x/a.txt", Status: FileOK}, Docs: []corpus.Document{d}}}); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	w.db.View(func(tx *bolt.Tx) error {
		raw = append(raw, tx.Bucket(bucketDocs).Get([]byte("a-1"))...)
		return nil
	})
	js, err := encodeJSON(&d)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) == 0 || raw[0] != docSnappy || len(raw)*3 > len(js) {
		t.Errorf("stored %d bytes (first byte %d) for %d bytes of JSON: want it compressed to under a third", len(raw), raw[0], len(js))
	}
	got, err := w.Document("a-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("read back (-stored +read):\n%s", diff)
	}
}

func TestDecodeDocRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, {}, []byte("x"), {docSnappy, 0xff, 0xff}, []byte("{broken")} {
		if _, err := decodeDoc(b); err == nil {
			t.Errorf("decodeDoc(%q) accepted", b)
		}
	}
}

// A version 1 store (bare JSON records) reads the same, and is migrated
// when opened for writing.
func TestMigrateSchema1(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	const n = 1203 // more than one migration transaction
	var want []corpus.Document
	err = w.db.Update(func(tx *bolt.Tx) error {
		for i := 0; i < n; i++ {
			d := sectionedDoc(fmt.Sprintf("d%04d", i))
			js, err := encodeJSON(&d)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketDocs).Put([]byte(d.ID), js); err != nil {
				return err
			}
			want = append(want, d)
		}
		return tx.Bucket(bucketMeta).Put([]byte("schema"), []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()

	check := func(w *Workspace, when string) {
		t.Helper()
		got, err := w.AllDocuments()
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", when, diff)
		}
	}
	r, err := Open(dir, ReadOnly, "test")
	if err != nil {
		t.Fatal(err)
	}
	check(r, "version 1, read-only")
	r.Close()

	w, err = Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	check(w, "migrated")
	if v, _ := w.Meta("schema"); v != SchemaVersion {
		t.Errorf("schema after migration = %q, want %q", v, SchemaVersion)
	}
	plain := 0
	w.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			if v[0] != docSnappy {
				plain++
			}
			return nil
		})
	})
	if plain > 0 {
		t.Errorf("%d documents not compressed by the migration", plain)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetMeta("schema", "9"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if w, err := Open(dir, ReadWrite, "test"); err == nil {
		w.Close()
		t.Fatal("a store of version 9 was opened for writing")
	} else if !strings.Contains(err.Error(), "版本为 9") {
		t.Errorf("message %q does not name the version", err)
	}
}
