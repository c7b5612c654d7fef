//go:build office

package reader

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/docx"
)

// TestOfficeNotes saves a .docx with footnotes as .doc with LibreOffice:
// both read the same, each note after the text behind its mark.
//
//	go test -tags office -run TestOfficeNotes ./pipeline/reader/
func TestOfficeNotes(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is not installed")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	w := docx.NewWriter()
	w.Paragraph("一、指导思想")
	w.Paragraph("团结广大教职工，建设职工之家。", "依据上级工会工作要点。")
	w.Paragraph("二、主要工作")
	w.Paragraph("组织健康体检。", "体检费用由工会经费列支。")
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "notes.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--convert-to", "doc", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	doc, err := os.ReadFile(filepath.Join(dir, "notes.doc"))
	if err != nil {
		t.Fatal(err)
	}
	want := "一、指导思想\n团结广大教职工，建设职工之家。[注1]\n二、主要工作\n组织健康体检。[注2]\n" +
		"[注1] 依据上级工会工作要点。\n[注2] 体检费用由工会经费列支。"
	for name, b := range map[string][]byte{"notes.docx": data, "notes.doc": doc} {
		res, err := Read(context.Background(), name, b, DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, res.Text); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}
