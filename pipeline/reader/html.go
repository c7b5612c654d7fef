package reader

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"plans/internal/lazyre"
)

// maxHTMLElements bounds the work readability does on one page; larger
// pages are read from their block text directly.
const maxHTMLElements = 50000

// readHTML reads a saved web page. declared is a charset from outside the
// page (an MHTML part header), "" if none.
// looksLikeHTML reports whether the first bytes hold an HTML tag.
func looksLikeHTML(data []byte) bool {
	h := bytes.ToLower(head(data, 8<<10))
	for _, tag := range []string{"<html", "<!doctype", "<head", "<body", "<p", "<div", "<meta", "<title", "<br", "<table", "<span", "<h1", "<h2", "<!--"} {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}

func readHTML(ctx context.Context, data []byte, declared string) (Result, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Result{}, newError(NoText, "文件是空的", nil)
	}
	if nulShare(data) < 0.05 && !looksLikeHTML(data) {
		// A "page" with no markup at all: read it as text, which refuses
		// binary content with a clear reason.
		res, err := readText(data, "html")
		if err == nil {
			res.Warnings = append(res.Warnings, "文件扩展名是网页，但内容没有网页标记，已按纯文本读取")
		}
		return res, err
	}
	src, enc, warnings, err := decodeHTML(data, declared)
	if err != nil {
		return Result{}, newError(Unsupported, "网页"+strings.TrimPrefix(err.Error(), "文件"), err)
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Result{}, newError(Corrupt, "网页文件无法解析，文件可能已损坏", err)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	pageTitle := strings.TrimSpace(textOf(find(doc, atom.Title)))
	body := find(doc, atom.Body)
	if body == nil {
		body = doc
	}
	full := renderBlocks(body)

	res := Result{Format: "html", Encoding: enc, Warnings: warnings}
	text, headings := full.text()

	// Prefer readability's article when it keeps every long paragraph of
	// the page: a page holding several plans must not lose any of them.
	if countElements(doc, maxHTMLElements+1) <= maxHTMLElements {
		article, err := extractArticle(doc)
		if err == nil && article.Node != nil {
			art := renderBlocks(article.Node)
			if covers(art, full, pageHeading(body, full, pageTitle)) {
				if lead := leadingProse(art, full); len(lead) > 0 {
					lines := make([]blockLine, 0, len(lead)+len(art.lines))
					for _, l := range lead {
						lines = append(lines, blockLine{text: l})
					}
					art.lines = append(lines, art.lines...)
				}
				text, headings = art.text()
				if t := article.Title(); t != "" {
					res.Title = t
				}
				// The <h1> title often sits outside the article body.
				if h1 := pageHeading(body, full, pageTitle); h1 != "" && !strings.Contains(text, h1) {
					text = h1 + "\n" + text
					for i := range headings {
						headings[i].Line++
					}
					headings = append([]Heading{{Line: 0, Level: 1}}, headings...)
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if h1 := pageHeading(body, full, pageTitle); h1 != "" {
		res.Title = h1
	} else if res.Title == "" {
		res.Title = pageTitle
	}
	res.Text = text
	res.Headings = headings
	return res, nil
}

// extractArticle runs readability; a panic in it means no article.
func extractArticle(doc *html.Node) (article readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			article, err = readability.Article{}, fmt.Errorf("readability: %v", r)
		}
	}()
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxHTMLElements
	return parser.ParseDocument(doc, nil)
}

// decodeHTML finds the page's encoding: a byte order mark; UTF-16 without
// one (markup full of NULs); valid UTF-8 (browsers re-encode saved pages
// to UTF-8 and often keep the old <meta>); a declared Chinese or Unicode
// charset; a declared other charset when the bytes do not read as Chinese
// (old Chinese sites often declare iso-8859-1 over GBK bytes); otherwise
// detection. An *errEncoding is a page whose encoding cannot be read.
func decodeHTML(data []byte, declared string) (string, string, []string, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return decodeTextChecked(data)
	}
	if nulShare(data) > 0.05 {
		if t, e, w, ok := guessUTF16(data); ok {
			return t, e, w, nil
		}
		if t, e, w, ok := utf16ByNULs(data); ok {
			return t, e, w, nil
		}
	}
	if utf8.Valid(data) && !bytes.Contains(head(data, 64<<10), escISO2022) {
		return string(data), "utf-8", nil, nil
	}
	label := strings.ToLower(strings.TrimSpace(declared))
	if label == "" {
		label = metaCharset(data)
	}
	switch label {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "chinese", "csgb2312", "iso-ir-58", "gb_2312-80":
		t, e, w := decodeWith(data, simplifiedchinese.GB18030, "gb18030")
		return t, e, w, nil
	case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5", "cp950":
		t, e, w := decodeWith(data, traditionalchinese.Big5, "big5")
		return t, e, w, nil
	case "utf-8", "utf8":
		if bad, multi := utf8Errors(data); bad*100 < multi {
			t, e, w := validUTF8(data, "utf-8")
			return t, e, w, nil
		}
	case "utf-16", "utf-16le", "utf-16be", "":
	default:
		enc, name := charset.Lookup(label)
		gb, big5 := measureChinese(data, false), measureChinese(data, true)
		if enc != nil && !gb.chinese() && !big5.chinese() {
			t, _, w := decodeWith(data, enc, name)
			return t, name, w, nil
		}
	}
	// No usable declaration (or a Western one on a Chinese page): detect.
	return decodeTextChecked(data)
}

var reMetaCharset = lazyre.New(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

func metaCharset(data []byte) string {
	if m := reMetaCharset.FindSubmatch(head(data, 8192)); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// titleHeading returns the text of the page's first <h1> when it is the
// article's title (the <title> contains it), else "".
func titleHeading(body *html.Node, pageTitle string) string {
	h1 := find(body, atom.H1)
	if h1 == nil {
		return ""
	}
	t := strings.Join(strings.Fields(textOf(h1)), " ")
	if utf8.RuneCountInString(t) < 4 || !strings.Contains(strings.Join(strings.Fields(pageTitle), " "), t) {
		return ""
	}
	return t
}

// pageHeading is titleHeading, or when the page has no such <h1>, the
// first line of the page that is the first part of its <title> (a title
// such as "文章标题_频道_网站名" over a heading in a styled <div>).
func pageHeading(body *html.Node, page *blockText, pageTitle string) string {
	if h := titleHeading(body, pageTitle); h != "" {
		return h
	}
	parts := reTitleSeparator.Split(pageTitle, 2)
	if len(parts) < 2 {
		return "" // a title that is only the site's name
	}
	first := strings.TrimSpace(parts[0])
	if utf8.RuneCountInString(first) < 4 {
		return ""
	}
	for _, l := range page.lines {
		if !l.furniture && strings.TrimSpace(l.text) == first {
			return first
		}
	}
	return ""
}

var reTitleSeparator = lazyre.New(`\s*(?:_|\||｜|--|——| - | — )\s*`)

func find(n *html.Node, a atom.Atom) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			count++
			if count >= limit {
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(n)
	return count
}

// covers reports whether the article keeps the page's content. A line of
// the page the article lacks is evidence of lost content when it starts
// with an item number (一、（一）1、…), or ends a sentence; two sentences
// lost, one numbered line lost, or three content lines lost in a row
// (lines of 20 or more characters, or of 10 or more with punctuation; not
// mostly link text, not inside site furniture) reject the article. A page
// holding several plans in sibling blocks, or a short plan next to a long
// footer, loses content that way, while the site furniture
// readability rightly drops (menus, link lists, a date line, a copyright
// line) does not look like that.
func covers(article, page *blockText, title string) bool {
	artText, _ := article.text()
	if strings.TrimSpace(artText) == "" {
		return false
	}
	missedRun, sentences := 0, 0
	for _, l := range page.lines {
		text := strings.TrimSpace(l.text)
		n := utf8.RuneCountInString(text)
		if n == 0 || text == title || strings.Contains(artText, text) {
			missedRun = 0
			continue
		}
		linkHeavy := l.linkRunes*5 > n*2
		if linkHeavy || l.furniture {
			continue
		}
		if n >= 3 && startsItem(text) {
			return false
		}
		if last, _ := utf8.DecodeLastRuneInString(text); strings.ContainsRune("。！？；", last) {
			sentences++
			if sentences >= 2 {
				return false
			}
		}
		// A short line without punctuation is a label or a list entry
		// ("新竹縣營地 (45)", a date), not a line of content.
		if n >= 20 || (n >= 10 && strings.ContainsAny(text, "，。；：！？、,;:")) {
			missedRun++
			if missedRun >= 3 {
				return false
			}
		}
	}
	return true
}

// furnitureWords are class and id words that name site furniture rather
// than content: comment widgets, menus and tabs, rankings and
// recommendations, share bars, footers, adverts, breadcrumbs.
var furnitureWords = map[string]bool{
	"comment": true, "comments": true, "cmt": true, "reply": true, "replies": true, "share": true, "sharing": true,
	"nav": true, "navbar": true, "menu": true, "tab": true, "tabs": true, "footer": true, "foot": true,
	"sidebar": true, "rank": true, "ranking": true, "paihang": true, "hot": true, "hotnews": true,
	"related": true, "recommend": true, "tuijian": true, "login": true, "toolbar": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "copyright": true, "banner": true, "ad": true, "ads": true,
	"advert": true, "guanggao": true, "sohucs": true, "prenext": true, "pager": true, "pagination": true,
}

// furnitureElement reports whether the class or id of n names site
// furniture: one of its words (split at "-", "_" and spaces, trailing
// digits dropped) is a furniture word.
func furnitureElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return !(r >= 'a' && r <= 'z') && !(r >= '0' && r <= '9')
		}) {
			if furnitureWords[strings.TrimRight(w, "0123456789")] {
				return true
			}
		}
	}
	return false
}

// leadingProse returns the page's prose lines just before the article's
// first line that the article lacks: readability sometimes starts an
// article at its second block. A prose line is not link text or
// furniture, holds ten characters or more and a sentence's punctuation.
func leadingProse(article, page *blockText) []string {
	if len(article.lines) == 0 {
		return nil
	}
	first := strings.TrimSpace(article.lines[0].text)
	at := -1
	for i, l := range page.lines {
		if strings.TrimSpace(l.text) == first {
			at = i
			break
		}
	}
	var out []string
	for i := at - 1; i >= 0; i-- {
		l := page.lines[i]
		text := strings.TrimSpace(l.text)
		n := utf8.RuneCountInString(text)
		if n == 0 {
			continue
		}
		if l.furniture || l.linkRunes*5 > n*2 || n < 10 || !strings.ContainsAny(text, "。！？；，") {
			break
		}
		out = append([]string{l.text}, out...)
	}
	return out
}

// block text rendering -------------------------------------------------------

type blockLine struct {
	text      string
	linkRunes int
	heading   int
	furniture bool // inside an element whose class or id names site furniture
}

type blockText struct {
	lines []blockLine

	cur      strings.Builder
	curLinks int
	pending  int // a space waiting for the next character: 0, breakSpace, softSpace or hardSpace
	last     rune
	links    int // depth of <a>
	cells    []int
	inCell   int
	pre      int
	heading  int
	// furniture is the depth of elements whose class or id names site
	// furniture (comments, menus, rankings, footers …).
	furniture int
}

const (
	breakSpace = 1 // whitespace holding a line break: dropped between Chinese characters
	softSpace  = 2 // spaces or tabs: one space
	hardSpace  = 3 // a block boundary inside a table cell: one space
)

var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Svg: true, atom.Select: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Map: true, atom.Audio: true,
	atom.Video: true, atom.Title: true,
}

var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Thead: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Tr: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Main: true, atom.Figure: true, atom.Figcaption: true,
	atom.Address: true, atom.Hr: true, atom.Center: true, atom.Caption: true, atom.Fieldset: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Html: true,
}

var headingLevels = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// renderBlocks renders n as text: block elements and <br> end lines,
// headings stand on their own line, table rows are "\t"-joined cells, and
// script/style/nav/footer/aside/form are dropped.
func renderBlocks(n *html.Node) *blockText {
	bt := &blockText{}
	bt.walk(n)
	bt.endLine()
	return bt
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func (bt *blockText) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		bt.text1(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			bt.walk(c)
		}
		return
	default:
		return
	}
	a := n.DataAtom
	if a == 0 {
		// Elements created by readability carry only their name.
		a = atom.Lookup([]byte(strings.ToLower(n.Data)))
	}
	if skipElements[a] || hidden(n) {
		return
	}
	if furnitureElement(n) {
		bt.furniture++
		defer func() { bt.furniture-- }()
	}
	switch a {
	case atom.Br:
		if bt.inCell > 0 {
			bt.pending = hardSpace
		} else {
			bt.endLineKeepEmpty()
		}
		return
	case atom.Td, atom.Th:
		if bt.inCell == 0 && len(bt.cells) > 0 {
			if bt.cells[len(bt.cells)-1] > 0 {
				bt.cur.WriteByte('\t')
				bt.last = '\t'
				bt.pending = 0
			}
			bt.cells[len(bt.cells)-1]++
		}
		bt.inCell++
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			bt.walk(c)
		}
		bt.inCell--
		bt.pending = 0
		return
	case atom.Tr:
		if bt.inCell > 0 {
			break
		}
		bt.endLine()
		bt.cells = append(bt.cells, 0)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			bt.walk(c)
		}
		bt.cells = bt.cells[:len(bt.cells)-1]
		bt.endLine()
		return
	case atom.A:
		bt.links++
		defer func() { bt.links-- }()
	case atom.Pre:
		bt.pre++
		defer func() { bt.pre-- }()
	}
	block := blockElements[a]
	if block {
		if bt.inCell > 0 {
			bt.pending = hardSpace
		} else {
			bt.endLine()
		}
	}
	level := headingLevels[a]
	if level > 0 && bt.inCell == 0 {
		bt.heading = level
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		bt.walk(c)
	}
	if block {
		if bt.inCell > 0 {
			bt.pending = hardSpace
		} else {
			bt.endLine()
		}
	}
	if level > 0 {
		bt.heading = 0
	}
}

// wide reports characters between which a collapsed line break is not a
// space (Chinese text wrapped in the HTML source).
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func (bt *blockText) text1(s string) {
	if bt.pre > 0 {
		for _, line := range strings.SplitAfter(s, "\n") {
			content := strings.TrimSuffix(line, "\n")
			bt.write(content)
			if strings.HasSuffix(line, "\n") {
				bt.endLineKeepEmpty()
			}
		}
		return
	}
	for _, r := range s {
		switch r {
		case '\n', '\r', '\f':
			if bt.pending == 0 {
				bt.pending = breakSpace
			}
			continue
		case ' ', '\t':
			bt.pending = max(bt.pending, softSpace)
			continue
		}
		if bt.pending > 0 {
			if bt.cur.Len() > 0 && bt.last != '\t' && (bt.pending != breakSpace || !(wide(bt.last) && wide(r))) {
				bt.cur.WriteByte(' ')
			}
			bt.pending = 0
		}
		bt.cur.WriteRune(r)
		bt.last = r
		if bt.links > 0 {
			bt.curLinks++
		}
	}
}

func (bt *blockText) write(s string) {
	bt.cur.WriteString(s)
	if s != "" {
		r, _ := utf8.DecodeLastRuneInString(s)
		bt.last = r
	}
}

func (bt *blockText) endLine() { bt.finish(false) }

func (bt *blockText) endLineKeepEmpty() { bt.finish(true) }

func (bt *blockText) finish(keepEmpty bool) {
	// Normalised here, line by line, so that heading line numbers hold.
	s := strings.Trim(strings.ReplaceAll(normalizeText(bt.cur.String()), "\n", " "), " ")
	bt.cur.Reset()
	bt.pending = 0
	bt.last = 0
	links := bt.curLinks
	bt.curLinks = 0
	if strings.Trim(s, "\t") == "" {
		if !keepEmpty || len(bt.lines) == 0 || bt.lines[len(bt.lines)-1].text == "" {
			return
		}
		s = ""
	}
	bt.lines = append(bt.lines, blockLine{text: s, linkRunes: links, heading: bt.heading, furniture: bt.furniture > 0})
}

// text joins the lines; trailing empty lines are dropped.
func (bt *blockText) text() (string, []Heading) {
	lines := bt.lines
	for len(lines) > 0 && lines[len(lines)-1].text == "" {
		lines = lines[:len(lines)-1]
	}
	var b strings.Builder
	var hs []Heading
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
		if l.heading > 0 {
			hs = append(hs, Heading{Line: i, Level: l.heading})
		}
	}
	return b.String(), hs
}

// MHTML ----------------------------------------------------------------------

// readMHTML reads a single-file web page (.mht/.mhtml): the first
// text/html part, decoded from its transfer encoding and charset.
func readMHTML(ctx context.Context, data []byte) (Result, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return Result{}, newError(Corrupt, "单文件网页（.mht）格式有误，无法读取", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return Result{}, newError(Corrupt, "单文件网页（.mht）格式有误，无法读取", err)
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		if mediaType != "text/html" {
			return Result{}, newError(Unsupported, "单文件网页里没有 HTML 正文", nil)
		}
		body, err := partBody(msg.Body, msg.Header.Get("Content-Transfer-Encoding"), int64(len(data)))
		if err != nil {
			return Result{}, newError(Corrupt, "单文件网页（.mht）内容无法解码", err)
		}
		return readHTML(ctx, body, params["charset"])
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; i < 10000; i++ {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		part, err := mr.NextRawPart()
		if err != nil {
			if err == io.EOF {
				break
			}
			return Result{}, newError(Corrupt, "单文件网页（.mht）格式有误，无法读取", err)
		}
		pt, pparams, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if pt != "text/html" {
			continue
		}
		body, err := partBody(part, part.Header.Get("Content-Transfer-Encoding"), int64(len(data)))
		if err != nil {
			return Result{}, newError(Corrupt, "单文件网页（.mht）内容无法解码", err)
		}
		return readHTML(ctx, body, pparams["charset"])
	}
	return Result{}, newError(NoText, "单文件网页里没有 HTML 正文", nil)
}

func partBody(r io.Reader, transfer string, limit int64) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(transfer)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &newlineStripper{r: r})
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("decode %s part: %w", transfer, err)
	}
	return b, nil
}

// newlineStripper drops CR/LF so base64 lines decode as one stream.
type newlineStripper struct{ r io.Reader }

func (n *newlineStripper) Read(p []byte) (int, error) {
	for {
		c, err := n.r.Read(p)
		j := 0
		for _, b := range p[:c] {
			if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
				p[j] = b
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
