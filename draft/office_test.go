//go:build office

package draft

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDOCXOpensInLibreOffice converts a draft to PDF with LibreOffice, the
// reader CI installs from Debian: go test -tags office ./draft/
func TestDOCXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("soffice not found: install libreoffice-writer-nogui to run this test")
			}
			t.Skip("soffice not found: install libreoffice-writer-nogui to run this test")
		}
	}
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	dir := t.TempDir()
	in := filepath.Join(dir, "draft.docx")
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home")) // a fresh profile
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "draft.pdf")
	st, err := os.Stat(pdf)
	if err != nil || st.Size() == 0 {
		t.Fatalf("no PDF written: %v\n%s", err, out)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Logf("pdftotext not found: PDF written (%d bytes), text not checked", st.Size())
		return
	}
	text, err := exec.CommandContext(ctx, pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext puts spaces between Han characters and digits.
	got := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{d.Title, "一、指导思想", "四、行事历", "《麓山中学2023年工会工作计划》"} {
		if !strings.Contains(got, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}
