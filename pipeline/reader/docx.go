package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"plans/docx"
	"plans/internal/zhtext"
)

// errNotWord: a zip package that is not a Word document.
var errNotWord = errors.New("zip package without a Word document")

// readDOCX reads a .docx (Office Open XML) package.
func readDOCX(ctx context.Context, data []byte, lim Limits) (Result, error) {
	if len(data) == 0 {
		return Result{}, newError(NoText, "文件是空的", nil)
	}
	d, err := docx.Read(bytes.NewReader(data), int64(len(data)), lim.MaxUnpackedBytes)
	switch {
	case errors.Is(err, docx.ErrTooLarge):
		return Result{}, newError(TooLarge, fmt.Sprintf("文档解压后超过 %s 的上限（可能是恶意的“压缩炸弹”文件），已拒绝读取", zhtext.Size(lim.MaxUnpackedBytes)), err)
	case errors.Is(err, docx.ErrNotPackage):
		return Result{}, newError(Corrupt, "Word 文档（.docx）已损坏：不是有效的 zip 压缩格式，可能下载不完整", err)
	case errors.Is(err, docx.ErrNoDocument):
		return Result{}, newError(Corrupt, "这个 zip 文件里没有 Word 正文（word/document.xml），不是 .docx 文档", errors.Join(errNotWord, err))
	case err != nil && d == nil:
		return Result{}, newError(Corrupt, "Word 文档（.docx）已损坏，无法读取", err)
	}
	res := Result{Format: "docx", Title: plausibleTitle(d.Title)}
	if err != nil {
		// The body was cut short: keep what was read.
		res.Warnings = append(res.Warnings, "文档正文不完整（文件可能已损坏），只读取了前面的部分")
	}
	var b strings.Builder
	line := 0
	chunks := d.AltChunks
	writeLine := func(text string, heading int) {
		if b.Len() > 0 || line > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text)
		if heading > 0 && strings.TrimSpace(text) != "" {
			res.Headings = append(res.Headings, Heading{Line: line, Level: heading})
		}
		line += 1 + strings.Count(text, "\n")
	}
	for i := 0; i <= len(d.Paragraphs); i++ {
		for len(chunks) > 0 && chunks[0].At <= i {
			cr, err := readAltChunk(ctx, chunks[0])
			if err != nil {
				return Result{}, err
			}
			chunks = chunks[1:]
			if strings.TrimSpace(cr.Text) == "" {
				continue
			}
			first := line
			writeLine(cr.Text, 0)
			for _, h := range cr.Headings {
				res.Headings = append(res.Headings, Heading{Line: first + h.Line, Level: h.Level})
			}
		}
		if i < len(d.Paragraphs) {
			writeLine(normalizeText(d.Paragraphs[i].Line()), d.Paragraphs[i].Heading)
		}
	}
	if strings.TrimSpace(b.String()) == "" && len(d.Headers) > 0 {
		// Nothing in the body: the header is all there is (a letterhead
		// saved on its own, a form whose text sits in the header).
		var h []string
		for _, p := range d.Headers {
			if t := strings.TrimSpace(normalizeText(p.Line())); t != "" {
				h = append(h, t)
			}
		}
		if len(h) > 0 {
			res.Warnings = append(res.Warnings, "正文是空的，只在页眉页脚里找到文字，已读取页眉页脚")
			b.WriteString(strings.Join(h, "\n"))
		}
	}
	// Footnotes and endnotes follow the text, each after its mark.
	for _, n := range d.Notes {
		var parts []string
		for _, p := range n.Paragraphs {
			if t := strings.TrimSpace(normalizeText(p.Line())); t != "" {
				parts = append(parts, t)
			}
		}
		if len(parts) > 0 {
			b.WriteString("\n" + n.Mark + " " + strings.Join(parts, "\n"))
		}
	}
	res.Text = b.String()
	return res, nil
}

// readAltChunk reads a part a .docx imports with w:altChunk, by its
// extension: a web page (.htm, .html, .xhtml, .mht, .mhtml) or text.
// Other formats (a nested .docx, .rtf) are left out.
func readAltChunk(ctx context.Context, c docx.AltChunk) (Result, error) {
	var (
		res Result
		err error
	)
	switch ext(c.Part) {
	case ".htm", ".html", ".xhtml":
		res, err = readHTML(ctx, c.Data, "")
	case ".mht", ".mhtml":
		res, err = readMHTML(ctx, c.Data)
	case ".txt":
		res, err = readText(c.Data, "txt")
	default:
		return Result{}, nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, nil // an unreadable chunk loses only itself
	}
	res.Text = normalizeText(res.Text)
	return res, nil
}

// plausibleTitle returns the title a document's properties declare when
// it reads as a title, and "" for what templates and tools leave there:
// placeholders ("（填写标准名称）", "我是{{title}}", "[标题]"), field codes
// and generic names ("Document1", "无标题").
func plausibleTitle(title string) string {
	t := strings.TrimSpace(title)
	if t == "" {
		return ""
	}
	lower := strings.ToLower(t)
	for _, marker := range []string{"{{", "}}", "${", "<%", "%>", "{%", "$[", "«", "»", "mergefield"} {
		if strings.Contains(lower, marker) {
			return ""
		}
	}
	// A title entirely in brackets is an instruction to whoever fills the
	// template in.
	runes := []rune(t)
	if len(runes) >= 2 {
		pairs := map[rune]rune{'（': '）', '(': ')', '【': '】', '[': ']', '<': '>', '〈': '〉', '〔': '〕', '{': '}', '［': '］'}
		if closing, ok := pairs[runes[0]]; ok && runes[len(runes)-1] == closing {
			return ""
		}
	}
	for _, w := range []string{"请输入", "请填写", "填写", "在此输入", "在此处输入", "此处输入"} {
		if strings.Contains(t, w) {
			return ""
		}
	}
	// Generic names Word, WPS and converters give.
	generic := strings.TrimRight(lower, "0123456789 ")
	switch generic {
	case "document", "doc", "untitled", "title", "文档", "新建文档", "新建 doc 文档", "新建 docx 文档", "无标题", "标题",
		"新建 microsoft word 文档", "microsoft word 文档", "word 文档", "文档标题", "标题一", "":
		return ""
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return ""
	}
	return t
}
