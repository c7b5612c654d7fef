package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// An index of the previous layout, built by the same analyzer (what an
// upgrade that changes only the index's fields or ids leaves), is rebuilt
// by the next import, which then finds both the old documents and the new
// ones; the workspace ends up with one index segment.
func TestImportRebuildsAnIndexOfThePreviousLayout(t *testing.T) {
	ws, src := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("育才小学2024年工会工作计划\n一、指导思想\n推进校务公开。\n"), 0o644)
	if code, _, errOut := run(t, ws, "import", src); code != ExitOK {
		t.Fatal(errOut)
	}
	previousLayout(t, ws)
	if code, _, errOut := run(t, ws, "search", "校务公开"); code != ExitError || !strings.Contains(errOut, "plans reindex") {
		t.Fatalf("search on the index of the previous layout: %d %s", code, errOut)
	}

	os.WriteFile(filepath.Join(src, "b.txt"), []byte("育英中学2025年工会工作计划\n一、主要工作\n做好送温暖工作。\n"), 0o644)
	code, _, errOut := run(t, ws, "import", src)
	if code != ExitOK || !strings.Contains(errOut, "重建索引") {
		t.Fatalf("import over the index of the previous layout: %d\n%s", code, errOut)
	}
	for q, want := range map[string]string{"校务公开": "育才小学", "送温暖": "育英中学"} {
		if code, out, _ := run(t, ws, "search", q); code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("search %s after the import: %d\n%.300s", q, code, out)
		}
	}
	if zaps, _ := filepath.Glob(filepath.Join(ws, "index", "store", "*.zap")); len(zaps) != 1 {
		t.Errorf("index segments after the rebuild and import: %v, want one", zaps)
	}
}

// previousLayout makes the index of ws look built by the previous version
// of its layout, with the same analyzer.
func previousLayout(t *testing.T, ws string) {
	t.Helper()
	bi, err := bleve.Open(filepath.Join(ws, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	raw, err := bi.GetInternal([]byte("plans.meta"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("plans.meta %q: %v", raw, err)
	}
	schema, ok := m["schema"].(float64)
	if !ok || schema < 2 {
		t.Fatalf("plans.meta %q has no layout to go back from", raw)
	}
	m["schema"] = schema - 1
	raw, _ = json.Marshal(m)
	b := bi.NewBatch()
	b.SetInternal([]byte("plans.meta"), raw)
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := <-persisted; err != nil {
		t.Fatal(err)
	}
}
