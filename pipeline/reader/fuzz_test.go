package reader

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"plans/internal/fixture"
)

// Each fuzz test calls its reader directly, so that a panic in plans' own
// code fails the test (Read would turn it into a Corrupt error), then
// checks the Read contract on the same bytes: no panic, an *Error or a
// Result whose text is valid UTF-8 without "\r", NUL or control
// characters, with headings inside the text.

func fuzzContract(t *testing.T, name string, data []byte) {
	t.Helper()
	res, err := Read(context.Background(), name, data, Limits{MaxFileBytes: 4 << 20, MaxUnpackedBytes: 8 << 20, MaxPages: 20})
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v (%T) is not an *Error", err, err)
		}
		if e.Reason == "" || !utf8.ValidString(e.Reason) {
			t.Fatalf("bad reason %q", e.Reason)
		}
		return
	}
	checkContract(t, res)
	if strings.TrimSpace(res.Text) == "" {
		t.Fatal("empty text without a NoText error")
	}
}

func addFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadText(f *testing.F) {
	addFiles(f, "plan.txt", "plan_trad.txt")
	for _, enc := range fixture.Encodings {
		f.Add(fixture.Encode("一、指导思想\r\n团结广大教职工。", enc))
	}
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Add([]byte("\xe5\xb7\xa5\xe4\xbc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := readText(data, "txt")
		if err == nil && !utf8.ValidString(res.Text) {
			t.Fatalf("decoded text is not valid UTF-8: %q", res.Text)
		}
		fuzzContract(t, "f.txt", data)
	})
}

func FuzzReadDOCX(f *testing.F) {
	addFiles(f, "plan_numbered_lo.docx")
	f.Add(fixture.DOCXNumbered("标题", []string{"一、指导思想", "（一）民主管理", "1、教代会"}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add(docxPackage(f, map[string]string{
		"word/document.xml": wBody(`<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:altChunk r:id="c1"/>`),
		"word/_rels/document.xml.rels": `<Relationships><Relationship Id="c1" Type="x/aFChunk" Target="c.html"/>` +
			`<Relationship Id="f" Type="x/footnotes" Target="footnotes.xml"/><Relationship Id="h" Type="x/header" Target="h.xml"/></Relationships>`,
		"word/c.html":        "<p>块</p>",
		"word/footnotes.xml": `<w:footnotes ` + wNS + `><w:footnote w:id="1"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:footnote></w:footnotes>`,
		"word/h.xml":         `<w:hdr ` + wNS + `><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>`,
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		readDOCX(context.Background(), data, Limits{MaxUnpackedBytes: 8 << 20})
		fuzzContract(t, "f.docx", data)
	})
}

func FuzzReadHTML(f *testing.F) {
	f.Add(fixture.NoisyHTML("阳光小学工会工作计划", []string{"一、指导思想", "团结广大教职工。"}, "gb2312"))
	f.Add([]byte(`<html><body><table><tr><td><p>九月</p></td><td>教师节<br>慰问</td></tr></table><pre>a
b</pre><h2>二、</h2></body></html>`))
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+5bel5LyaPC9wPg==\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		readHTML(ctx, data, "")
		readMHTML(ctx, data)
		fuzzContract(t, "f.html", data)
	})
}

func FuzzReadPDF(f *testing.F) {
	addFiles(f, "plan_trad.pdf")
	f.Add(withXref([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>endobj\n" +
		"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 700 Td (Plan 2023) Tj ET\nendstream\nendobj\n" +
		"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		readPDF(context.Background(), data, Limits{MaxPages: 20})
		fuzzContract(t, "f.pdf", data)
	})
}

func FuzzReadDOC(f *testing.F) {
	addFiles(f, "plan_numbered.doc", "calendar.doc")
	f.Add(makeCFB(map[string][]byte{"WordDocument": wordFIB(0x00C1, 0), "0Table": {2, 0, 0, 0, 0}}))
	f.Add(makeWord97(wordDoc{main: "正文\x02与\x02。\r", footnotes: []string{"\x02 脚注\r"}, endnotes: []string{"\x02 尾注\r"},
		textboxes: []string{"文本框\r"}, struck: [][2]int{{0, 1}}}))
	f.Add(makeWord6("一、指导思想\r团结教职工。\r", 0x0804, simplifiedchinese.GBK))
	f.Add(makeWord97(wordDoc{main: "段\x08落\r", textboxes: []string{"框\r", "框二\r"}, boxAnchors: []int{1, -1}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		readOLE(context.Background(), data, ".doc")
		fuzzContract(t, "f.doc", data)
	})
}

func FuzzReadRTF(f *testing.F) {
	addFiles(f, "calendar.rtf")
	f.Add([]byte(`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 x;}}\f0\'d2\'bb\u12289?\par{\*\x y}\trowd\intbl a\cell b\cell\row\bin3 abc}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		readRTF(context.Background(), data)
		fuzzContract(t, "f.rtf", data)
	})
}

// FuzzDecodeText: every decoding path (BOMs, UTF-16 guesses, ISO-2022,
// GB18030/Big5, single-byte charsets, refusals) returns valid UTF-8 or an
// *errEncoding, and the ISO-2022-CN decoder never panics.
func FuzzDecodeText(f *testing.F) {
	f.Add(iso2022CN(f, "一、指导思想\n团结广大教职工。"))
	f.Add([]byte("\x1b$)A\x0e;y1>\x0f\r\n\x0e;y\x0f"))
	f.Add(eucTWLike(50))
	f.Add([]byte("Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la carte"))
	f.Add(fixture.Encode("工会工作计划", "big5"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := decodeISO2022CN(data); err == nil && !utf8.ValidString(s) {
			t.Fatalf("ISO-2022-CN decoded to invalid UTF-8: %q", s)
		}
		text, _, _, err := decodeTextChecked(data)
		if err != nil {
			var e *errEncoding
			if !errors.As(err, &e) || e.reason == "" {
				t.Fatalf("error %v (%T) is not an *errEncoding", err, err)
			}
			return
		}
		if !utf8.ValidString(strings.ToValidUTF8(text, "")) {
			t.Fatal("unreachable")
		}
		decodeHTML(data, "iso-8859-6")
		fuzzContract(t, "f.txt", data)
	})
}
