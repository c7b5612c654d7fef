//go:build office

package reader

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"plans/docx"
	"plans/internal/fixture"
	"plans/internal/ziptest"
)

// TestOfficeFixtures converts .docx files written by plans into .doc,
// .pdf, .rtf and LibreOffice's own .docx with LibreOffice, and checks that
// every conversion reads back as the source text. It proves that Word
// processors open what docx.Writer writes, and that the readers handle
// what they write. With PLANS_REGEN_FIXTURES=1 the conversions replace
// the fixtures under testdata/.
//
//	go test -tags office -run TestOfficeFixtures ./pipeline/reader/
func TestOfficeFixtures(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is not installed")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	tmp := t.TempDir()
	plan := lines(t, "testdata/plan.txt")
	trad := lines(t, "testdata/plan_trad.txt")
	inputs := map[string][]byte{
		"plan.docx":          fixture.DOCX("", plan),
		"plan_numbered.docx": fixture.DOCXNumbered("", plan),
		"plan_trad.docx":     fixture.DOCX("", trad),
		"calendar.docx":      calendarDOCX(t),
		"handmade.docx":      ziptest.Dir(t, "../../docx/testdata/handmade"),
	}
	for name, data := range inputs {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	convert := func(in, format, outDir string) string {
		t.Helper()
		dir := filepath.Join(tmp, outDir)
		cmd := exec.Command(soffice, "--headless", "--convert-to", format, "--outdir", dir, filepath.Join(tmp, in))
		cmd.Env = append(os.Environ(), "HOME="+filepath.Join(tmp, "home"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %s → %s: %v\n%s", in, format, err, out)
		}
		ext := format
		if i := strings.IndexByte(ext, ':'); i >= 0 {
			ext = ext[:i]
		}
		out := filepath.Join(dir, strings.TrimSuffix(in, ".docx")+"."+ext)
		if _, err := os.Stat(out); err != nil {
			t.Fatalf("soffice did not write %s", out)
		}
		return out
	}
	joined := func(ls []string) string { return strings.Join(ls, "\n") }
	cases := []struct {
		in, format, fixtureName string
		want                    string
	}{
		{"plan.docx", "pdf", "plan.pdf", joined(plan)},
		{"plan.docx", "doc", "plan.doc", joined(plan)},
		{"plan_numbered.docx", "doc", "plan_numbered.doc", joined(plan)},
		{"plan_numbered.docx", "rtf", "plan_numbered.rtf", joined(plan)},
		{"plan_numbered.docx", "docx:MS Word 2007 XML", "plan_numbered_lo.docx", joined(plan)},
		{"plan_numbered.docx", "pdf", "plan_numbered.pdf", joined(plan)},
		{"plan_trad.docx", "pdf", "plan_trad.pdf", joined(trad)},
		{"calendar.docx", "doc", "calendar.doc", ""},
		{"calendar.docx", "pdf", "calendar.pdf", ""},
		{"calendar.docx", "rtf", "calendar.rtf", ""},
		{"handmade.docx", "doc", "handmade.doc", ""},
	}
	for _, c := range cases {
		t.Run(c.fixtureName, func(t *testing.T) {
			out := convert(c.in, c.format, strings.ReplaceAll(c.fixtureName, ".", "_"))
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(context.Background(), c.fixtureName, data, DefaultLimits())
			if err != nil {
				t.Fatalf("Read %s: %v", c.fixtureName, err)
			}
			if c.want != "" && res.Text != c.want {
				t.Errorf("%s reads as:\n%s\nwant:\n%s", c.fixtureName, res.Text, c.want)
			}
			if len(data) > 300<<10 {
				t.Errorf("%s is %d bytes; fixtures must stay under 300 KB", c.fixtureName, len(data))
			}
			if os.Getenv("PLANS_REGEN_FIXTURES") == "1" {
				if err := os.WriteFile(filepath.Join("testdata", c.fixtureName), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	// The encrypted PDF fixture: LibreOffice with an open password.
	t.Run("encrypted.pdf", func(t *testing.T) {
		out := convert("plan_trad.docx", `pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"gonghui"}}`, "encrypted")
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read(context.Background(), "encrypted.pdf", data, DefaultLimits())
		if KindOf(err) != Encrypted {
			t.Errorf("encrypted PDF: err = %v, want Encrypted", err)
		}
		if os.Getenv("PLANS_REGEN_FIXTURES") == "1" {
			if err := os.WriteFile("testdata/encrypted.pdf", data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func lines(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// calendarDOCX is a plan with its 行事历 as a table.
func calendarDOCX(t testing.TB) []byte {
	w := docx.NewWriter()
	w.Title("柳溪镇中心幼儿园2022年工会工作计划")
	w.Paragraph("一、指导思想")
	w.Paragraph("以服务教职工为宗旨，围绕幼儿园中心工作开展工会工作。")
	w.Paragraph("二、行事历")
	w.Table([][]string{
		{"月份", "工作内容", "负责人"},
		{"九月", "庆祝教师节，慰问全体教职工。", "工会主席"},
		{"十月", "组织教职工秋游活动。\n开展趣味运动会。", "文体委员"},
		{"十一月", "", "女工委员"},
	})
	w.Paragraph("三、其他")
	w.Paragraph("以上计划如有变动另行通知。")
	b, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
