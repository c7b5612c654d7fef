package workspace

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"plans/corpus"
)

func doc(id, source string, part int, text string) corpus.Document {
	return corpus.Document{ID: id, Source: source, Part: part, Title: "标题" + id, Text: text,
		Simplified: text, Kind: corpus.KindPlan, Relevant: true, Script: corpus.Simplified, Year: 2023}
}

func TestApplyReplacesAFilesDocuments(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	f := File{Key: "/x/a.txt", Source: "a.txt", Status: FileOK}
	if _, err := w.Apply([]Change{{File: f, Docs: []corpus.Document{doc("a-1", "a.txt", 1, "一"), doc("a-2", "a.txt", 2, "二")}}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.DocumentCount(); n != 2 {
		t.Fatalf("count = %d, want 2", n)
	}
	// The file changed and now holds one document: both old ids are
	// marked dirty (a-2 is gone, a-1 replaced).
	dirtied, err := w.Apply([]Change{{File: f, Docs: []corpus.Document{doc("a-1", "a.txt", 1, "新")}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a-1", "a-2"}, dirtied); diff != "" {
		t.Errorf("Apply's dirty ids (-want +got):\n%s", diff)
	}
	docs, err := w.AllDocuments()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Text != "新" || docs[0].Simplified != "新" {
		t.Fatalf("after replace: %+v", docs)
	}
	rec, ok, err := w.File("/x/a.txt")
	if err != nil || !ok {
		t.Fatalf("file record: %v %v", ok, err)
	}
	if diff := cmp.Diff([]string{"a-1"}, rec.DocIDs); diff != "" {
		t.Error(diff)
	}
	dirty, _ := w.Dirty()
	if diff := cmp.Diff([]string{"a-1", "a-2"}, dirty); diff != "" {
		t.Errorf("dirty ids (-want +got):\n%s", diff)
	}
	if err := w.MarkClean(dirty); err != nil {
		t.Fatal(err)
	}
	removed, err := w.RemoveFiles([]string{"/x/a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a-1"}, removed); diff != "" {
		t.Error(diff)
	}
	if n, _ := w.DocumentCount(); n != 0 {
		t.Fatalf("count after remove = %d", n)
	}
	if _, err := w.Document("a-1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Document after remove: %v", err)
	}
}

func TestSimplifiedViewRoundTrip(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	trad := doc("t-1", "t.txt", 1, "工會工作計劃")
	trad.Simplified = "工会工作计划"
	simp := doc("s-1", "s.txt", 1, "工会工作计划")
	if _, err := w.Apply([]Change{{File: File{Key: "t"}, Docs: []corpus.Document{trad}}, {File: File{Key: "s"}, Docs: []corpus.Document{simp}}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []corpus.Document{trad, simp} {
		got, err := w.Document(want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != want.Text || got.Simplified != want.Simplified {
			t.Errorf("%s: text %q simplified %q, want %q %q", want.ID, got.Text, got.Simplified, want.Text, want.Simplified)
		}
	}
}

func TestDocumentByPrefix(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Apply([]Change{{File: File{Key: "k"}, Docs: []corpus.Document{doc("abc123-1", "a", 1, "x"), doc("abc123-2", "a", 2, "y")}}}); err != nil {
		t.Fatal(err)
	}
	d, err := w.Document("abc123-2")
	if err != nil || d.Text != "y" {
		t.Fatalf("exact: %v %v", d.Text, err)
	}
	if _, err := w.Document("abc"); err == nil || !strings.Contains(err.Error(), "不唯一") {
		t.Fatalf("ambiguous prefix: %v", err)
	}
	if _, err := w.Document("zzz"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
}

func TestBusyWorkspaceNamesItsHolder(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, ReadWrite, "import")
	if err != nil {
		t.Fatal(err)
	}
	// A second writer fails at once (were it to wait for the lock, this test
	// would hang: the first writer is closed only below).
	_, err = Open(dir, ReadWrite, "import")
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("second writer: got %v, want BusyError", err)
	}
	if busy.Holder == nil || busy.Holder.Command != "import" {
		t.Fatalf("holder = %+v", busy.Holder)
	}
	if !strings.Contains(err.Error(), "import") || !strings.Contains(err.Error(), "正被另一个 plans 进程使用") {
		t.Errorf("message: %s", err)
	}
	if _, err := Open(dir, ReadOnly, "search"); !errors.As(err, &busy) {
		t.Fatalf("reader while writer holds it: %v", err)
	}
	w.Close()
	r1, err := Open(dir, ReadOnly, "search")
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(dir, ReadOnly, "export")
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	r2.Close()
	if _, err := Open(dir, ReadWrite, "import"); !errors.As(err, &busy) || busy.Holder != nil {
		t.Fatalf("writer while a reader holds it: %v", err)
	}
}

func TestReadOnlyOpenNeedsAWorkspace(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "none"), ReadOnly, "search")
	if !errors.Is(err, ErrNoWorkspace) {
		t.Fatalf("got %v", err)
	}
}

func TestExportShapeHasNulls(t *testing.T) {
	d := corpus.Document{ID: "x-1", Source: "a.txt", Part: 1}
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Apply([]Change{{File: File{Key: "k"}, Docs: []corpus.Document{d}}}); err != nil {
		t.Fatal(err)
	}
	got, err := w.Document("x-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Year != 0 || got.Org != "" || got.Source != "a.txt" {
		t.Fatalf("round trip: %+v", got)
	}
}

func richDoc() corpus.Document {
	return corpus.Document{
		ID: "abc-1", Source: "计划/a.docx", Part: 1, Title: "2023年工會工作計劃", Kind: corpus.KindPlan, Relevant: true,
		Script: corpus.Traditional, Year: 0, Org: "", OrgType: "school", Topics: []string{"welfare"},
		Text: "一、指導思想\n正文", Simplified: "一、指导思想\n正文",
		Sections: []corpus.Section{
			{ID: "abc-1/s1", Depth: 1, Number: "一", Heading: "指導思想", Tag: corpus.TagIdeology, Text: "正文", Start: 0, End: 10},
			{ID: "abc-1/s2", Parent: "abc-1/s1", Depth: 2, Heading: "（一）", Tag: corpus.TagOther, Topics: []string{}, Inline: true},
		},
		Calendar: []corpus.CalendarEntry{{Months: []int{3}, Text: "三月：慰问"}},
		Targets:  []corpus.Target{{Text: "参与率达到90%"}},
		Warnings: []string{"第1行有乱码"}, Format: "docx",
	}
}

// A document comes back from the store as it went in.
func TestDocumentRoundTrip(t *testing.T) {
	w, err := Open(t.TempDir(), ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, year := range []int{0, 2023} {
		d := richDoc()
		d.Year = year
		if year != 0 {
			d.Org = "城南实验小学"
		}
		if _, err := w.Apply([]Change{{File: File{Key: "k"}, Docs: []corpus.Document{d}}}); err != nil {
			t.Fatal(err)
		}
		got, err := w.Document(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("year %d (-stored +read):\n%s", year, diff)
		}
	}
}

// Records written before the store had its own encoding (the export's
// JSON, with nulls) read the same.
func TestDecodeExportFormatRecord(t *testing.T) {
	d := richDoc()
	doc, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	simp, _ := json.Marshal(d.Simplified)
	old := []byte(`{"doc":` + string(doc) + `,"simplified":` + string(simp) + `}`)
	got, err := decodeDoc(old)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-written +read):\n%s", diff)
	}
}
