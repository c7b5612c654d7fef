package workspace

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golang/snappy"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	bolt "go.etcd.io/bbolt"

	"plans/corpus"
)

// sectionedDoc is a document with sections whose texts are their ranges
// of the document's text, as the pipeline makes them: the heading, then
// indented lines.
func sectionedDoc(id string) corpus.Document {
	para := "加强民主管理，深化校务公开，组织教职工疗休养。"
	body := strings.Repeat("\u3000\u3000"+para+"\n", 20)
	clean := strings.TrimSuffix(strings.Repeat(para+"\n", 20), "\n")
	h1, h2 := "一、工作目标", "二、主要工作"
	text := h1 + "\n" + body + h2 + "\n" + body
	d := doc(id, id+".txt", 1, text)
	d.Sections = []corpus.Section{
		{ID: id + "/s1", Depth: 1, Number: "一、", Heading: h1, Tag: corpus.TagGoals, Text: clean, Start: 0, End: len(h1) + 1 + len(body)},
		{ID: id + "/s2", Depth: 1, Number: "二、", Heading: h2, Tag: corpus.TagWork, Text: clean, Topics: []string{"disclosure"},
			Start: len(h1) + 1 + len(body), End: len(text)},
	}
	return d
}

// rawRecord returns the record of key in bucket as stored.
func rawRecord(t *testing.T, w *Workspace, bucket []byte, key string) []byte {
	t.Helper()
	var raw []byte
	w.view(func(tx *bolt.Tx) error {
		raw = append(raw, tx.Bucket(bucket).Get([]byte(key))...)
		return nil
	})
	if len(raw) == 0 {
		t.Fatalf("no record %s in %s", key, bucket)
	}
	return raw
}

func TestDocumentsAreStoredCompressed(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	d := sectionedDoc("a-1")
	f := File{Key: "/x/a.txt", Root: "/x", Source: "a.txt", Status: FileOK}
	if _, err := w.Apply([]Change{{File: f, Docs: []corpus.Document{d}}}); err != nil {
		t.Fatal(err)
	}
	raw := rawRecord(t, w, bucketDocs, "a-1")
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if raw[0] != recFlate || len(raw)*3 > len(js) {
		t.Errorf("stored %d bytes (first byte %d) for %d bytes of JSON: want it compressed to under a third", len(raw), raw[0], len(js))
	}
	got, err := w.Document("a-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("read back (-stored +read):\n%s", diff)
	}
	if raw := rawRecord(t, w, bucketFiles, f.Key); raw[0] != recFlate {
		t.Errorf("file record starts with %d, want %d (compressed)", raw[0], recFlate)
	}
	got2, ok, err := w.File(f.Key)
	if err != nil || !ok || got2.Source != f.Source || len(got2.DocIDs) != 1 {
		t.Errorf("File = %+v, %v, %v", got2, ok, err)
	}
}

// A section's text that is its range of the document's text is left out
// of the record and made again when read; any other text is kept as it
// is.
func TestSectionTextDerived(t *testing.T) {
	d := sectionedDoc("a-1")
	other := d
	other.Sections = slices.Clone(d.Sections)
	other.Sections[0].Text = "另写的正文"                      // not the range's
	other.Sections[1].Start, other.Sections[1].End = 5, 1 // not a range
	empty := d
	empty.Sections = slices.Clone(d.Sections)
	empty.Sections[0].Text = ""
	for _, tc := range []struct {
		name    string
		d       corpus.Document
		derived []bool
	}{
		{"ranges", d, []bool{true, true}},
		{"other texts", other, []bool{false, false}},
		{"empty", empty, []bool{false, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			js, err := encodeJSON(&tc.d)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Doc struct {
					Sections []struct {
						Text    string `json:"text"`
						Derived bool   `json:"derived"`
					} `json:"sections"`
				} `json:"doc"`
			}
			if err := json.Unmarshal(js, &r); err != nil {
				t.Fatal(err)
			}
			for i, s := range r.Doc.Sections {
				if s.Derived != tc.derived[i] || s.Derived && s.Text != "" {
					t.Errorf("section %d stored derived=%v with %d bytes of text, want derived=%v", i, s.Derived, len(s.Text), tc.derived[i])
				}
			}
			got, err := decodeDoc(compress(js))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.d, got); diff != "" {
				t.Errorf("read back (-stored +read):\n%s", diff)
			}
		})
	}
}

func TestDecodeDocRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, {}, []byte("x"), {docSnappy, 0xff, 0xff}, {recFlate, 0xff, 0xff}, []byte("{broken")} {
		if _, err := decodeDoc(b); err == nil {
			t.Errorf("decodeDoc(%q) accepted", b)
		}
	}
}

// oldJSON is the JSON of a document record of versions 1 and 2: every
// section's text written out.
func oldJSON(t *testing.T, d corpus.Document) []byte {
	t.Helper()
	doc, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	simp := ""
	if d.Simplified != d.Text {
		simp = d.Simplified
	}
	js, err := json.Marshal(struct {
		Doc        json.RawMessage `json:"doc"`
		Simplified string          `json:"simplified,omitempty"`
	}{doc, simp})
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// Stores of versions 1 (bare JSON records) and 2 (Snappy documents, bare
// JSON file records) read the same, and are migrated to the current format
// when opened for writing.
func TestMigrateOlderSchemas(t *testing.T) {
	for _, version := range []string{"1", "2"} {
		t.Run("version "+version, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Open(dir, ReadWrite, "test")
			if err != nil {
				t.Fatal(err)
			}
			const n = 1203 // more than one migration transaction
			var want []corpus.Document
			var wantFiles []File
			err = w.update(func(tx *bolt.Tx) error {
				for i := 0; i < n; i++ {
					d := sectionedDoc(fmt.Sprintf("d%04d", i))
					v := oldJSON(t, d)
					if version == "2" {
						v = append([]byte{docSnappy}, snappy.Encode(nil, v)...)
					}
					if err := tx.Bucket(bucketDocs).Put([]byte(d.ID), v); err != nil {
						return err
					}
					want = append(want, d)
					if i%100 == 0 {
						f := File{Key: "/x/" + d.Source, Root: "/x", Source: d.Source, Status: FileOK, DocIDs: []string{d.ID}, Docs: []DocInfo{Info(&d)}}
						js, _ := json.Marshal(f)
						if err := tx.Bucket(bucketFiles).Put([]byte(f.Key), js); err != nil {
							return err
						}
						wantFiles = append(wantFiles, f)
					}
				}
				return tx.Bucket(bucketMeta).Put([]byte("schema"), []byte(version))
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
				// The export's JSON of old records writes [] for nil.
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s (-want +got):\n%s", when, diff)
				}
				files, err := w.Files()
				if err != nil {
					t.Fatalf("%s: %v", when, err)
				}
				if diff := cmp.Diff(wantFiles, files); diff != "" {
					t.Errorf("%s: files (-want +got):\n%s", when, diff)
				}
			}
			r, err := Open(dir, ReadOnly, "test")
			if err != nil {
				t.Fatal(err)
			}
			check(r, "version "+version+", read-only")
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
			old := 0
			w.view(func(tx *bolt.Tx) error {
				for _, b := range [][]byte{bucketDocs, bucketFiles} {
					tx.Bucket(b).ForEach(func(k, v []byte) error {
						if v[0] != recFlate {
							old++
						}
						return nil
					})
				}
				return nil
			})
			if old > 0 {
				t.Errorf("%d records not rewritten by the migration", old)
			}
		})
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

// isSectionText says yes exactly when sectionText gives the text.
func TestIsSectionText(t *testing.T) {
	text := "一、目标\n\u3000\u3000第一行。\n\n  第二行。  \n二、工作\n"
	s := corpus.Section{Heading: "一、目标", Start: 0, End: strings.Index(text, "二、")}
	derived := sectionText(text, &s)
	if derived != "第一行。\n第二行。" {
		t.Fatalf("sectionText = %q", derived)
	}
	for _, want := range []string{derived, "", "第一行。", "第一行。\n第二行", "第一行。\n第二行。\n", "第一行。第二行。", "\n第一行。\n第二行。", "第一行。\n第二行。x"} {
		if got := isSectionText(text, &s, want); got != (want == derived) {
			t.Errorf("isSectionText(%q) = %v", want, got)
		}
	}
	empty := corpus.Section{Heading: "二、工作", Start: strings.Index(text, "二、"), End: len(text)}
	if !isSectionText(text, &empty, "") || isSectionText(text, &empty, "x") {
		t.Error("a section with an empty body")
	}
	bad := corpus.Section{Start: 5, End: 2}
	if sectionText(text, &bad) != "" || !isSectionText(text, &bad, "") {
		t.Error("a section whose range is not one")
	}
}

// Whatever a section's text and range, a document reads back as written:
// the text is left out only when the reader makes it again the same.
func FuzzDocumentRecord(f *testing.F) {
	f.Add("一、目标\n\u3000\u3000第一行。\n\n  第二行。\n", "一、目标", "第一行。\n第二行。", 0, 30)
	f.Add("一、目标\n第一行。", "一、目标", "别的", 0, 5)
	f.Add("abc", "", "abc", 0, 3)
	f.Add("x\n\ty\u3000\n", "x", "y", 0, 8)
	f.Fuzz(func(t *testing.T, text, heading, secText string, start, end int) {
		d := doc("f-1", "f.txt", 1, text)
		d.Sections = []corpus.Section{{ID: "f-1/s1", Heading: heading, Text: secText, Start: start, End: end}}
		b, err := encodeDoc(&d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeDoc(b)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(text) || !utf8.ValidString(heading) || !utf8.ValidString(secText) {
			return // JSON replaced the invalid bytes
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("(-written +read):\n%s", diff)
		}
	})
}
