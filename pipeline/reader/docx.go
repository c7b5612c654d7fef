package reader

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"plans/docx"
)

// errNotWord: a zip package that is not a Word document.
var errNotWord = errors.New("zip package without a Word document")

// readDOCX reads a .docx (Office Open XML) package.
func readDOCX(data []byte, lim Limits) (Result, error) {
	if len(data) == 0 {
		return Result{}, newError(NoText, "文件是空的", nil)
	}
	d, err := docx.Read(bytes.NewReader(data), int64(len(data)), lim.MaxUnpackedBytes)
	switch {
	case errors.Is(err, docx.ErrTooLarge):
		return Result{}, newError(TooLarge, fmt.Sprintf("文档解压后超过 %s 的上限（可能是恶意的“压缩炸弹”文件），已拒绝读取", humanBytes(lim.MaxUnpackedBytes)), err)
	case errors.Is(err, docx.ErrNotPackage):
		return Result{}, newError(Corrupt, "Word 文档（.docx）已损坏：不是有效的 zip 压缩格式，可能下载不完整", err)
	case errors.Is(err, docx.ErrNoDocument):
		return Result{}, newError(Corrupt, "这个 zip 文件里没有 Word 正文（word/document.xml），不是 .docx 文档", errors.Join(errNotWord, err))
	case err != nil && d == nil:
		return Result{}, newError(Corrupt, "Word 文档（.docx）已损坏，无法读取", err)
	}
	res := Result{Format: "docx", Title: d.Title}
	if err != nil {
		// The body was cut short: keep what was read.
		res.Warnings = append(res.Warnings, "文档正文不完整（文件可能已损坏），只读取了前面的部分")
	}
	var b strings.Builder
	line := 0
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		text := normalizeText(p.Line())
		b.WriteString(text)
		if p.Heading > 0 && strings.TrimSpace(text) != "" {
			res.Headings = append(res.Headings, Heading{Line: line, Level: p.Heading})
		}
		line += 1 + strings.Count(text, "\n")
	}
	res.Text = b.String()
	return res, nil
}
