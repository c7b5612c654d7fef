package draft

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
)

// unzipDOCX returns the parts of a .docx, failing unless every XML part is
// well-formed.
func unzipDOCX(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = string(data)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err != nil {
					if !errors.Is(err, io.EOF) {
						t.Errorf("%s is not well-formed XML: %v", f.Name, err)
					}
					break
				}
			}
		}
	}
	return parts
}

func TestWriteDOCX(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	parts := unzipDOCX(t, buf.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/_rels/document.xml.rels"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("part %s is missing", name)
		}
	}
	doc := parts["word/document.xml"]
	// Title and headings use Word's styles.
	styles := map[string]int{}
	for _, m := range regexp.MustCompile(`<w:pStyle w:val="([^"]+)"/>`).FindAllStringSubmatch(doc, -1) {
		styles[m[1]]++
	}
	if styles["Title"] != 1 || styles["Heading1"] != 5 || styles["Heading2"] < 10 {
		t.Errorf("paragraph styles %v: want 1 Title, 5 Heading1 (四 sections and the appendix), Heading2 below", styles)
	}
	for _, s := range []string{"Title", "Heading1", "Heading2"} {
		if !regexp.MustCompile(`w:styleId="` + s + `"`).MatchString(parts["word/styles.xml"]) {
			t.Errorf("style %s is not defined", s)
		}
	}
	for _, font := range []string{"黑体", "仿宋"} {
		if !strings.Contains(parts["word/styles.xml"], font) {
			t.Errorf("styles do not use %s", font)
		}
	}
	// One footnote per citation mark, each with its text.
	want := 0
	for _, b := range layout(d) {
		for _, p := range b.parts {
			want += len(p.cites)
		}
	}
	refs := regexp.MustCompile(`<w:footnoteReference w:id="(\d+)"/>`).FindAllStringSubmatch(doc, -1)
	notes := regexp.MustCompile(`<w:footnote w:id="(\d+)"[ >]`).FindAllStringSubmatch(parts["word/footnotes.xml"], -1)
	ids := map[string]bool{}
	for _, n := range notes {
		ids[n[1]] = true
	}
	if len(refs) != want {
		t.Errorf("%d footnote references, want %d", len(refs), want)
	}
	for _, r := range refs {
		if !ids[r[1]] {
			t.Errorf("footnote %s is referenced but not defined", r[1])
		}
	}
	if !strings.Contains(parts["word/footnotes.xml"], "《麓山中学2023年工会工作计划》") {
		t.Error("footnotes do not name the cited plans")
	}
	// The text is there, escaped.
	if !strings.Contains(doc, d.Title) || !strings.Contains(doc, "一、指导思想") {
		t.Error("title or headings missing from document.xml")
	}
}
