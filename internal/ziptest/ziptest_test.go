package ziptest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "word"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := Dir(t, dir)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(files))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if want, ok := files[f.Name]; !ok || string(got) != want {
			t.Errorf("entry %q = %q, want %q (known: %v)", f.Name, got, want, ok)
		}
	}
}
