// Package reader turns the bytes of one file — plain text in any of the
// encodings Chinese users meet, .docx, .doc/.wps, .rtf, saved web pages
// (.html, .mht) and .pdf — into UTF-8 text with one paragraph per line.
//
// Every failure is an *Error with a Kind and a Chinese reason for users;
// readers never panic (third-party panics are recovered), never loop
// without checking the context, and never allocate beyond the Limits.
package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// Limits bound what Read accepts.
type Limits struct {
	// MaxFileBytes: larger files are refused with TooLarge.
	MaxFileBytes int64
	// MaxUnpackedBytes: total decompressed bytes of a zip-based format
	// (.docx); more is refused with TooLarge (zip bombs).
	MaxUnpackedBytes int64
	// MaxPages: a .pdf is read up to this page; the rest is left out with
	// a warning ("只读取了前 N 页").
	MaxPages int
}

// DefaultLimits returns 20 MiB per file, 64 MiB unpacked, 300 PDF pages.
func DefaultLimits() Limits {
	return Limits{MaxFileBytes: 20 << 20, MaxUnpackedBytes: 32 << 20, MaxPages: 300}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxUnpackedBytes <= 0 {
		l.MaxUnpackedBytes = d.MaxUnpackedBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	return l
}

// Result is the text of one file.
type Result struct {
	// Text is UTF-8 with one paragraph per line ("\n"), in the file's
	// original characters; it holds no "\r", no NUL and no other control
	// characters except "\t" (table cells) and "\n".
	Text string
	// Format is what the content turned out to be: "txt", "md", "docx",
	// "doc", "wps", "rtf", "html", "pdf".
	Format string
	// Encoding of text inputs (txt, md, html): "utf-8", "utf-8-bom",
	// "gb18030", "big5", "utf-16le", "utf-16be"; "" otherwise.
	Encoding string
	// Title the container declares (html <title>/<h1>, docx core title,
	// pdf Info title); a hint only, may be "".
	Title string
	// Headings are lines of Text the container itself marks as headings
	// (docx heading styles and outline levels, html h1–h6), in order.
	Headings []Heading
	// Warnings in Chinese, e.g. "第3页没有文字层".
	Warnings []string
}

// Heading marks line Line (0-based, in Text) as a heading of Level 1–9.
type Heading struct {
	Line  int
	Level int
}

// ReadFile reads the file at path. A file over lim.MaxFileBytes is refused
// from its size alone, without reading it.
func ReadFile(ctx context.Context, path string, lim Limits) (Result, error) {
	lim = lim.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Result{}, fmt.Errorf("stat %s: %w", path, err)
	}
	if st.IsDir() {
		return Result{}, newError(Unsupported, "这是一个文件夹，不是文件", nil)
	}
	if st.Size() > lim.MaxFileBytes {
		return Result{}, tooLarge(st.Size(), lim.MaxFileBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.MaxFileBytes+1))
	if err != nil {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	return Read(ctx, path, data, lim)
}

func tooLarge(size, limit int64) *Error {
	return newError(TooLarge, fmt.Sprintf("文件太大（%s），超过了 %s 的上限", zhtext.Size(size), zhtext.Size(limit)), nil)
}

// Read reads one file. name (a path or base name) gives the extension;
// the content is sniffed too, so a file whose content does not match its
// extension is read as what it is (with a warning) or refused as Corrupt
// with a clear reason.
func Read(ctx context.Context, name string, data []byte, lim Limits) (res Result, err error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return Result{}, tooLarge(int64(len(data)), lim.MaxFileBytes)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			res = Result{}
			err = newError(Corrupt, "文件内容有误，无法读取，文件可能已损坏", fmt.Errorf("panic: %v", r))
		}
	}()
	res, err = read(ctx, name, data, lim)
	if err != nil {
		return Result{}, err
	}
	res.Text = strings.TrimRight(normalizeText(res.Text), "\n")
	res.Title = strings.Join(strings.Fields(normalizeText(res.Title)), " ")
	if strings.TrimSpace(res.Text) == "" {
		reason := noTextReason(res.Format)
		if len(res.Warnings) > 0 && strings.HasSuffix(res.Warnings[0], mismatchSuffix) {
			// Say what the file really is: "网页里没有找到正文文字" alone
			// would puzzle the owner of a .doc.
			reason = strings.TrimSuffix(res.Warnings[0], mismatchSuffix) + "：" + reason
		}
		return Result{}, newError(NoText, reason, nil)
	}
	return res, nil
}

func noTextReason(format string) string {
	switch format {
	case "pdf":
		return reasonScan
	case "html":
		return "网页里没有找到正文文字"
	case "txt", "md":
		return "文件里只有空白，没有文字"
	}
	return "文档里没有文字"
}

const reasonScan = "PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）再导入"

// content is what the bytes look like, whatever the name says.
type content int

const (
	contentText content = iota
	contentZip
	contentOLE
	contentPDF
	contentRTF
	contentHTML
	contentMHTML
	contentImage   // JPEG, PNG, GIF, TIFF, WebP
	contentArchive // RAR, 7z, gzip
)

var contentNames = map[content]string{
	contentZip:   "Word 文档（.docx）",
	contentOLE:   "Word 97-2003 文档（.doc）",
	contentPDF:   "PDF 文件",
	contentRTF:   "RTF 文档",
	contentHTML:  "网页（HTML）",
	contentMHTML: "单文件网页（MHTML）",
	contentText:  "纯文本",
}

// binaryMagic recognises files that are neither text nor documents.
var binaryMagic = []struct {
	magic  string
	kind   content
	name   string
	offset int
}{
	{"\xFF\xD8\xFF", contentImage, "JPEG", 0},
	{"\x89PNG\r\n\x1a\n", contentImage, "PNG", 0},
	{"GIF87a", contentImage, "GIF", 0},
	{"GIF89a", contentImage, "GIF", 0},
	{"II*\x00", contentImage, "TIFF", 0},
	{"MM\x00*", contentImage, "TIFF", 0},
	{"WEBP", contentImage, "WebP", 8},
	{"Rar!\x1a\x07", contentArchive, "RAR", 0},
	{"7z\xBC\xAF\x27\x1C", contentArchive, "7z", 0},
	{"\x1F\x8B\x08", contentArchive, "gzip", 0},
}

func binaryKind(data []byte) (content, string) {
	for _, m := range binaryMagic {
		if len(data) >= m.offset+len(m.magic) && string(data[m.offset:m.offset+len(m.magic)]) == m.magic {
			return m.kind, m.name
		}
	}
	return contentText, ""
}

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func sniff(data []byte) content {
	switch {
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return contentZip
	case bytes.HasPrefix(data, magicOLE):
		return contentOLE
	case bytes.Contains(head(data, 1024), []byte("%PDF-")):
		return contentPDF
	}
	if k, _ := binaryKind(data); k != contentText {
		return k
	}
	h := bytes.TrimLeft(trimBOM(head(data, 2048)), " \t\r\n")
	lower := bytes.ToLower(h)
	switch {
	case bytes.HasPrefix(lower, []byte(`{\rtf`)):
		return contentRTF
	case bytes.HasPrefix(lower, []byte("mime-version:")) || isMHTMLHeader(lower):
		return contentMHTML
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<meta ", "<body", "<title", "<?xml version=\"1.0\"?>\n<html", "<!-- saved from url"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return contentHTML
		}
	}
	// An XML declaration or a comment before the markup (pages saved by
	// Word and by some sites): HTML when an <html> element follows.
	if (bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<!--"))) && bytes.Contains(lower, []byte("<html")) {
		return contentHTML
	}
	return contentText
}

func isMHTMLHeader(lower []byte) bool {
	// "From: <Saved by …>" / "Content-Type: multipart/related" headers.
	end := bytes.Index(lower, []byte("\n\n"))
	if e2 := bytes.Index(lower, []byte("\r\n\r\n")); e2 >= 0 && (end < 0 || e2 < end) {
		end = e2
	}
	if end < 0 {
		end = len(lower)
	}
	return bytes.Contains(lower[:end], []byte("content-type: multipart/related"))
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func trimBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
}

func ext(name string) string {
	return strings.ToLower(filepath.Ext(name))
}

func read(ctx context.Context, name string, data []byte, lim Limits) (Result, error) {
	e := ext(name)
	kind, ok := formats[e]
	if !ok {
		if isTextExt(e) {
			kind = "txt"
		} else {
			return Result{}, newError(Unsupported, SkipReason(name), nil)
		}
	}
	c := sniff(data)
	mismatch := func() string {
		return fmt.Sprintf("文件扩展名是 %s，但内容其实是%s", e, contentNames[c]) + mismatchSuffix
	}
	switch _, name := binaryKind(data); c {
	case contentImage:
		return Result{}, newError(Unsupported, fmt.Sprintf("文件扩展名是 %s，但内容其实是图片（%s）：如需导入，请先做文字识别（OCR）", e, name), nil)
	case contentArchive:
		return Result{}, newError(Unsupported, fmt.Sprintf("文件扩展名是 %s，但内容其实是压缩包（%s）：请解压后再导入", e, name), nil)
	}
	switch kind {
	case "docx":
		switch c {
		case contentZip:
			return readDOCX(ctx, data, lim)
		case contentOLE:
			return readOLE(ctx, data, e)
		case contentPDF, contentHTML, contentMHTML, contentRTF:
			return readAs(ctx, c, data, lim, mismatch())
		}
		if len(data) == 0 {
			return Result{}, newError(NoText, "文件是空的", nil)
		}
		return Result{}, newError(Corrupt, fmt.Sprintf("文件扩展名是 %s，但内容不是 Word 文档（不是 zip 格式），文件可能已损坏", e), nil)
	case "doc", "wps":
		switch c {
		case contentOLE:
			return readOLE(ctx, data, e)
		case contentZip:
			res, err := readDOCX(ctx, data, lim)
			if err == nil {
				res.Warnings = append([]string{mismatch()}, res.Warnings...)
			}
			return res, err
		case contentPDF, contentHTML, contentMHTML, contentRTF:
			return readAs(ctx, c, data, lim, mismatch())
		}
		if len(data) == 0 {
			return Result{}, newError(NoText, "文件是空的", nil)
		}
		if kind == "wps" {
			return Result{}, newError(Unsupported, "无法识别这种 WPS 文件，请用 WPS 或 Word 另存为 .docx 后再导入", nil)
		}
		if bytes.HasPrefix(data, []byte{0xDB, 0xA5}) || bytes.HasPrefix(data, []byte{0x9B, 0xA5}) {
			// Word for Windows 1.x/2.0 kept no compound file around its text.
			return Result{}, newError(Unsupported, "这是 Word 2.0 或更早版本的旧文档，无法读取；请用 Word 或 WPS 打开后另存为 .docx 再导入", nil)
		}
		if looksLikeText(data) {
			res, err := readText(data, "txt")
			if err == nil {
				res.Warnings = append([]string{mismatch()}, res.Warnings...)
			}
			return res, err
		}
		return Result{}, newError(Corrupt, fmt.Sprintf("文件扩展名是 %s，但内容不是 Word 文档，文件可能已损坏", e), nil)
	case "rtf":
		if c == contentRTF {
			return readRTF(ctx, data)
		}
		if c == contentText && len(data) > 0 {
			return Result{}, newError(Corrupt, "文件扩展名是 .rtf，但内容不是 RTF 文档，文件可能已损坏", nil)
		}
	case "html":
		switch c {
		case contentMHTML:
			return readMHTML(ctx, data)
		case contentText, contentHTML:
			if e == ".mht" || e == ".mhtml" {
				if r, err := readMHTML(ctx, data); err == nil {
					return r, nil
				}
			}
			return readHTML(ctx, data, "")
		}
	case "pdf":
		if c == contentPDF {
			return readPDF(ctx, data, lim)
		}
		if len(data) == 0 {
			return Result{}, newError(NoText, "文件是空的", nil)
		}
		if c == contentText || c == contentHTML {
			return Result{}, newError(Corrupt, "文件扩展名是 .pdf，但内容不是 PDF 文件，文件可能已损坏", nil)
		}
	case "txt", "md":
		if c == contentText || c == contentHTML || c == contentMHTML {
			// A .txt holding HTML source is still read as text: that is what
			// its author saved.
			return readText(data, kind)
		}
	}
	// The content is a known container that disagrees with the name.
	switch c {
	case contentZip:
		res, err := readDOCX(ctx, data, lim)
		if err != nil {
			if errors.Is(err, errNotWord) {
				return Result{}, newError(Unsupported, fmt.Sprintf("文件扩展名是 %s，但内容是压缩包，不是 Word 文档", e), nil)
			}
			return Result{}, err
		}
		res.Warnings = append([]string{mismatch()}, res.Warnings...)
		return res, nil
	case contentOLE:
		res, err := readOLE(ctx, data, ".doc")
		if err == nil {
			res.Warnings = append([]string{mismatch()}, res.Warnings...)
		}
		return res, err
	}
	return readAs(ctx, c, data, lim, mismatch())
}

// mismatchSuffix ends the warning about a file whose content is not what
// its extension says.
const mismatchSuffix = "，已按实际格式读取"

// readAs reads data as content c and adds the mismatch warning.
func readAs(ctx context.Context, c content, data []byte, lim Limits, warning string) (Result, error) {
	var (
		res Result
		err error
	)
	switch c {
	case contentPDF:
		res, err = readPDF(ctx, data, lim)
	case contentHTML:
		res, err = readHTML(ctx, data, "")
	case contentMHTML:
		res, err = readMHTML(ctx, data)
	case contentRTF:
		res, err = readRTF(ctx, data)
	default:
		res, err = readText(data, "txt")
	}
	if err == nil {
		res.Warnings = append([]string{warning}, res.Warnings...)
		return res, nil
	}
	// The reason names what the file really is: "网页里没有找到正文文字"
	// alone would puzzle the owner of a .doc.
	var e *Error
	if errors.As(err, &e) {
		what := strings.TrimSuffix(warning, mismatchSuffix)
		return Result{}, newError(e.Kind, what+"："+e.Reason, e.Err)
	}
	return res, err
}

// looksLikeText reports whether data decodes as text with few control
// characters (a .doc that is really a .txt).
func looksLikeText(data []byte) bool {
	text, _, _ := decodeText(head(data, 64<<10))
	bad, total := 0, 0
	for _, r := range text {
		total++
		if r == utf8.RuneError || (r < 0x20 && r != '\n' && r != '\r' && r != '\t') {
			bad++
		}
	}
	return total > 0 && bad*50 < total
}

// formats maps supported extensions to the reader family.
var formats = map[string]string{
	".txt": "txt", ".text": "txt", "": "txt", ".md": "md", ".markdown": "md",
	".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx",
	".doc": "doc", ".dot": "doc", ".wps": "wps", ".wpt": "wps",
	".rtf":  "rtf",
	".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".mht": "html", ".mhtml": "html",
	".pdf": "pdf",
}

// isTextExt: names such as "计划.2012" or "工会计划.第一稿" have an
// "extension" that is really part of the name.
func isTextExt(e string) bool {
	if e == "" {
		return true
	}
	for _, r := range e[1:] {
		if r >= 0x80 {
			return true // a Chinese "extension" is part of the name
		}
	}
	allDigits := len(e) > 1
	for _, r := range e[1:] {
		if r < '0' || r > '9' {
			allDigits = false
		}
	}
	return allDigits
}

// Supported reports whether plans reads files with this name: .txt .text
// .md, no extension, .docx (.docm .dotx .dotm), .doc (.dot), .wps, .rtf,
// .html .htm .xhtml .shtml .mht .mhtml, .pdf. Office lock files (~$…) and
// hidden system files are not supported.
func Supported(name string) bool {
	base := filepath.Base(name)
	if isJunkFile(base) {
		return false
	}
	e := ext(base)
	if _, ok := formats[e]; ok {
		return true
	}
	return isTextExt(e)
}

func isJunkFile(base string) bool {
	lower := strings.ToLower(base)
	switch lower {
	case "thumbs.db", ".ds_store", "desktop.ini", "ehthumbs.db":
		return true
	}
	return strings.HasPrefix(base, "~$") || strings.HasPrefix(base, ".~lock.") || strings.HasPrefix(base, "._")
}

var skipKinds = []struct {
	exts   []string
	reason string // %s is the extension
}{
	{[]string{".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif", ".svg", ".ico", ".emf", ".wmf"}, "图片文件（%s）：如需导入，请先做文字识别（OCR）"},
	{[]string{".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab", ".iso"}, "压缩包（%s）：请解压后再导入"},
	{[]string{".exe", ".msi", ".bat", ".cmd", ".com", ".dll", ".sh", ".ps1", ".vbs", ".jar", ".apk", ".app", ".scr", ".lnk"}, "可执行文件或快捷方式（%s）"},
	{[]string{".xls", ".xlsx", ".xlsm", ".et", ".ett", ".csv", ".ods", ".numbers"}, "表格文件（%s）：请把计划正文另存为 .docx 或 .txt 后再导入"},
	{[]string{".ppt", ".pptx", ".pps", ".ppsx", ".dps", ".dpt", ".odp", ".key"}, "演示文稿（%s）：请把计划正文另存为 .docx 或 .txt 后再导入"},
	{[]string{".odt", ".ott", ".pages", ".wpd", ".uof", ".uot"}, "不支持的文档格式（%s）：请用 WPS 或 Word 另存为 .docx 后再导入"},
	{[]string{".ofd", ".xps", ".oxps", ".caj", ".kdh", ".nh", ".djvu", ".epub", ".mobi"}, "不支持的版式文件（%s）：请另存为 PDF 或 .docx 后再导入"},
	{[]string{".mp3", ".wav", ".wma", ".m4a", ".aac", ".flac", ".amr", ".ogg"}, "音频文件（%s）"},
	{[]string{".mp4", ".avi", ".mov", ".wmv", ".mkv", ".flv", ".rmvb", ".webm", ".3gp"}, "视频文件（%s）"},
	{[]string{".tmp", ".bak", ".swp", ".part", ".crdownload", ".download"}, "临时文件（%s）"},
	{[]string{".db", ".sqlite", ".mdb", ".accdb", ".dat", ".bin"}, "数据文件（%s）"},
	{[]string{".css", ".js", ".json", ".xml", ".ini", ".cfg", ".log"}, "网页附属或配置文件（%s）"},
}

// SkipReason returns the Chinese reason a file that is not Supported is
// skipped, e.g. "压缩包（.zip）：请解压后再导入". It returns "" for a
// supported name.
func SkipReason(name string) string {
	base := filepath.Base(name)
	if isJunkFile(base) {
		if strings.HasPrefix(base, "~$") || strings.HasPrefix(base, ".~lock.") {
			return "Office 临时锁定文件（打开文档时自动生成）"
		}
		return "系统隐藏文件"
	}
	if Supported(name) {
		return ""
	}
	e := ext(base)
	for _, k := range skipKinds {
		for _, x := range k.exts {
			if x == e {
				return fmt.Sprintf(k.reason, e)
			}
		}
	}
	return fmt.Sprintf("不支持的文件类型（%s）", e)
}
