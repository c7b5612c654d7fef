//go:build office

package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpensInLibreOffice converts a Writer document to PDF with LibreOffice
// and checks the rendered text: the package opens, the list numbers Word
// generates are there, and the footnote is rendered.
//
//	go test -tags office -run TestOpensInLibreOffice ./docx/
func TestOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is not installed")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	w := NewWriter()
	w.Title("青山湖区实验小学2024年工会工作计划")
	w.ListItem(0, "指导思想")
	w.Paragraph("以党的二十大精神为指导。", "脚注：上级工会工作要点")
	w.ListItem(0, "主要工作")
	w.ListItem(1, "加强民主管理")
	w.ListItem(2, "召开教代会")
	w.Heading(1, "行事历")
	w.Table([][]string{{"月份", "工作内容"}, {"九月", "庆祝教师节"}})
	w.RestartList()
	w.ListItem(0, "第二篇")
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "plan.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "plan.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"一、指导思想", "二、主要工作", "（一）加强民主管理", "1、召开教代会", "行事历", "九月庆祝教师节", "一、第二篇", "脚注：上级工会工作要点"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered PDF lacks %q:\n%s", want, out)
		}
	}
}
