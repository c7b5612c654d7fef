package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Errors returned by Read, to be matched with errors.Is.
var (
	// ErrNotPackage: the bytes are not a zip package (not a .docx at all,
	// or truncated beyond repair).
	ErrNotPackage = errors.New("not a zip package")
	// ErrNoDocument: a zip package without a Word main document part
	// (an .xlsx, .pptx or plain zip renamed to .docx).
	ErrNoDocument = errors.New("no word/document.xml in package")
	// ErrTooLarge: the parts decompress to more than the limit (zip bomb).
	ErrTooLarge = errors.New("package unpacks to more than the limit")
)

// DefaultMaxUnpacked is the decompression limit Read uses when given 0.
const DefaultMaxUnpacked = 32 << 20

// Document is the text of a .docx file.
type Document struct {
	Title      string // docProps/core.xml dc:title, trimmed
	Paragraphs []Paragraph
	// Notes are the footnotes and endnotes the body refers to, in the
	// order of their references; the body holds their marks ("[注1]").
	Notes []Note
	// Headers holds the paragraphs of the page headers and footers, in
	// the order the main document's relationships list them.
	Headers []Paragraph
	// AltChunks are parts in another format (HTML, MHT, text) that the
	// body imports where it holds a w:altChunk: programs that export Word
	// files often put their whole content there.
	AltChunks []AltChunk
}

// AltChunk is an imported part: it stands before Paragraphs[At] (At may
// be len(Paragraphs): at the end).
type AltChunk struct {
	At   int
	Part string // its name in the package; the extension tells the format
	Data []byte
}

// Note is one footnote or endnote.
type Note struct {
	Endnote bool
	// Mark is the text that stands for the note in the body and before
	// the note's own text: "[注1]" for footnotes, "[尾注1]" for endnotes.
	Mark       string
	Paragraphs []Paragraph
}

// noteMark returns the mark of the n-th (1-based) footnote or endnote.
func noteMark(endnote bool, n int) string {
	if endnote {
		return fmt.Sprintf("[尾注%d]", n)
	}
	return fmt.Sprintf("[注%d]", n)
}

// Paragraph is one paragraph of the body, or one table row.
type Paragraph struct {
	// Text as typed, without the automatic list number. Line breaks
	// (w:br) are "\n", tabs "\t". For a table row: the cells joined by
	// "\t", the paragraphs of a cell joined by " ".
	Text string
	// Style is the w:pStyle id ("Heading1"; localised Word writes ids such
	// as "1" for 标题 1 — see Heading).
	Style string
	// Heading is the outline level 1–9 given by the paragraph or its style
	// (w:outlineLvl, built-in "heading N" styles), 0 for body text.
	Heading int
	// Level is the list level (w:ilvl) of a numbered paragraph, -1 if the
	// paragraph is not in a list.
	Level int
	// Number is the text Word generates for the list item ("一、",
	// "（一）", "1、"); "" if none or a bullet.
	Number string
	// Suffix is what Word puts between the number and the text (w:suff):
	// "tab" (the default), "space" or "nothing".
	Suffix  string
	InTable bool
}

// Line is the paragraph as a reader sees it: its number followed by its
// text. A number that Word follows with a tab or a space is separated from
// the text by one space, unless it ends in full-width punctuation ("一、",
// "（一）"), which separates it already.
func (p Paragraph) Line() string {
	if p.Text == "" {
		return p.Number
	}
	if first, _ := utf8.DecodeRuneInString(p.Text); unicode.IsSpace(first) {
		return p.Number + p.Text
	}
	return p.Number + LabelSeparator(p.Number, p.Suffix) + p.Text
}

// LabelSeparator is what stands between a list number and its text in
// plain text: " " when Word follows the number with a tab or a space
// (suffix "tab", "space" or ""), unless the number ends in full-width
// punctuation or a space; "" otherwise. The .doc reader shares it.
func LabelSeparator(number, suffix string) string {
	if number == "" || suffix == "nothing" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(number)
	if unicode.IsSpace(last) || fullWidthPunct(last) {
		return ""
	}
	return " "
}

// fullWidthPunct: CJK punctuation and full-width forms.
func fullWidthPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF65 && !unicode.IsLetter(r) && !unicode.IsDigit(r))
}

// Text returns the document as plain text: one paragraph per line, list
// numbers materialised, table rows as "\t"-joined cells.
func (d *Document) Text() string {
	var b strings.Builder
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Line())
	}
	return b.String()
}

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	relOffice = "/officeDocument"
)

// Read reads a .docx package of size bytes. maxUnpacked bounds the total
// decompressed bytes of the parts it reads (0 = DefaultMaxUnpacked); it is
// enforced while decompressing, not trusted from the zip headers.
func Read(r io.ReaderAt, size int64, maxUnpacked int64) (*Document, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPackage, err)
	}
	if maxUnpacked <= 0 {
		maxUnpacked = DefaultMaxUnpacked
	}
	p := &pkg{files: map[string]*zip.File{}, budget: maxUnpacked}
	for _, f := range zr.File {
		p.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}

	main := "word/document.xml"
	if rels, err := p.read("_rels/.rels"); err == nil {
		for _, rel := range parseRels(rels) {
			if strings.HasSuffix(rel.typ, relOffice) {
				main = strings.TrimPrefix(rel.target, "/")
				break
			}
		}
	} else if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if !p.has(main) {
		if !p.has("word/document.xml") {
			return nil, ErrNoDocument
		}
		main = "word/document.xml"
	}

	// Parts the main document refers to.
	dir := path.Dir(main)
	stylesPart, numberingPart := path.Join(dir, "styles.xml"), path.Join(dir, "numbering.xml")
	footnotesPart, endnotesPart := path.Join(dir, "footnotes.xml"), path.Join(dir, "endnotes.xml")
	var headerParts []string
	chunkParts := map[string]string{} // relationship id → alternative format part
	relsPart := path.Join(dir, "_rels", path.Base(main)+".rels")
	if rels, err := p.read(relsPart); err == nil {
		for _, rel := range parseRels(rels) {
			target := rel.target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			switch {
			case strings.HasSuffix(rel.typ, "/styles"):
				stylesPart = target
			case strings.HasSuffix(rel.typ, "/numbering"):
				numberingPart = target
			case strings.HasSuffix(rel.typ, "/footnotes"):
				footnotesPart = target
			case strings.HasSuffix(rel.typ, "/endnotes"):
				endnotesPart = target
			case strings.HasSuffix(rel.typ, "/header"), strings.HasSuffix(rel.typ, "/footer"):
				headerParts = append(headerParts, target)
			case strings.HasSuffix(rel.typ, "/aFChunk"):
				chunkParts[rel.id] = target
			}
		}
	} else if errors.Is(err, ErrTooLarge) {
		return nil, err
	}

	doc := &Document{}
	if core, err := p.read("docProps/core.xml"); err == nil {
		doc.Title = parseCoreTitle(core)
	} else if errors.Is(err, ErrTooLarge) {
		return nil, err
	}

	var st *styles
	if data, err := p.read(stylesPart); err == nil {
		st, _ = parseStyles(data) // a broken styles part only loses style info
	} else if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	nb := newNumbering()
	nb.styles = st
	if data, err := p.read(numberingPart); err == nil {
		_ = parseNumbering(data, nb) // keep what was read before an error
	} else if errors.Is(err, ErrTooLarge) {
		return nil, err
	}

	body, err := p.read(main)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("read %s: %w", main, err)
	}
	bp := newBodyParser(body, st, nb)
	err = bp.parse()
	doc.Paragraphs = bp.out
	if err != nil {
		return doc, fmt.Errorf("parse %s: %w", main, err)
	}
	for _, c := range bp.chunks {
		name, ok := chunkParts[c.Part]
		if !ok {
			continue
		}
		data, err := p.read(name)
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		if err == nil {
			doc.AltChunks = append(doc.AltChunks, AltChunk{At: c.At, Part: name, Data: data})
		}
	}
	if len(bp.refs) > 0 {
		notes := map[bool]map[string][]Paragraph{}
		for _, part := range []struct {
			name    string
			endnote bool
		}{{footnotesPart, false}, {endnotesPart, true}} {
			data, err := p.read(part.name)
			if errors.Is(err, ErrTooLarge) {
				return nil, err
			}
			if err == nil {
				np := newBodyParser(data, st, nb)
				_ = np.parse() // a broken notes part keeps the notes read before the error
				notes[part.endnote] = np.notes
			}
		}
		for _, r := range bp.refs {
			if paras := notes[r.endnote][r.id]; len(paras) > 0 {
				doc.Notes = append(doc.Notes, Note{Endnote: r.endnote, Mark: r.mark, Paragraphs: paras})
			}
		}
	}
	for _, name := range headerParts {
		data, err := p.read(name)
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		if err == nil {
			hp := newBodyParser(data, st, nb)
			_ = hp.parse()
			doc.Headers = append(doc.Headers, hp.out...)
		}
	}
	return doc, nil
}

// pkg reads parts of a zip package within a decompression budget.
type pkg struct {
	files  map[string]*zip.File
	budget int64
}

func (p *pkg) has(name string) bool {
	_, ok := p.files[strings.ToLower(name)]
	return ok
}

var errMissing = errors.New("part missing")

func (p *pkg) read(name string) ([]byte, error) {
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return nil, errMissing
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, p.budget+1))
	if int64(len(data)) > p.budget {
		return nil, ErrTooLarge
	}
	p.budget -= int64(len(data))
	if err != nil {
		return nil, err
	}
	return data, nil
}

type rel struct{ id, typ, target string }

func parseRels(data []byte) []rel {
	var out []rel
	d := newDecoder(data)
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			if attr(t, "TargetMode") == "External" {
				continue
			}
			out = append(out, rel{id: attr(t, "Id"), typ: attr(t, "Type"), target: attr(t, "Target")})
		}
	}
}

func parseCoreTitle(data []byte) string {
	d := newDecoder(data)
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "title" {
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return ""
			}
			return strings.Join(strings.Fields(s), " ")
		}
	}
}

func isEOF(err error) bool { return errors.Is(err, io.EOF) }

// newDecoder returns a lenient decoder for a package part. Parts are UTF-8
// in practice; a part that declares another encoding is read as UTF-8
// rather than refused.
func newDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// body parsing ---------------------------------------------------------------

type containerKind int

const (
	inBody containerKind = iota
	inCell
	inTextbox
)

// container collects finished paragraphs: the body, a table cell or a
// text box.
type container struct {
	kind  containerKind
	paras []Paragraph
}

type paraState struct {
	style   string
	numID   string
	ilvl    int
	hasNum  bool
	outline int // w:outlineLvl + 1 on the paragraph itself
	text    strings.Builder
}

type tableState struct {
	cells []string
}

type bodyParser struct {
	d         *xml.Decoder
	styles    *styles
	numbering *numbering

	out        []Paragraph
	pending    []Paragraph // text-box paragraphs waiting for their host to end
	containers []*container
	paras      []*paraState
	tables     []*tableState
	fields     []bool // complex field stack: true while in the instruction part
	hidden     bool   // current run is hidden (w:vanish)

	// Notes: references met in the body, and in a notes part the
	// paragraphs of each note by id.
	chunks    []AltChunk // w:altChunk met in the body: At, and the relationship id in Part
	refs      []noteRef
	nFoot     int
	nEnd      int
	noteID    string // id of the w:footnote / w:endnote being read, "" outside one
	noteStart int    // len(out) when it started
	notes     map[string][]Paragraph
}

type noteRef struct {
	id      string
	endnote bool
	mark    string
}

func newBodyParser(data []byte, st *styles, nb *numbering) *bodyParser {
	return &bodyParser{
		d:          newDecoder(data),
		styles:     st,
		numbering:  nb,
		containers: []*container{{kind: inBody}},
		notes:      map[string][]Paragraph{},
	}
}

func (bp *bodyParser) parse() error {
	err := bp.run()
	// Close whatever a truncated part left open.
	for len(bp.paras) > 0 {
		bp.endParagraph()
	}
	bp.flushPending()
	return err
}

func (bp *bodyParser) run() error {
	d := bp.d
	for {
		tok, err := d.Token()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := bp.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			bp.end(t)
		case xml.CharData:
			// Text outside w:t (indentation, math) is not document text.
		}
	}
}

func (bp *bodyParser) cur() *paraState {
	if len(bp.paras) == 0 {
		return nil
	}
	return bp.paras[len(bp.paras)-1]
}

func (bp *bodyParser) write(s string) {
	if p := bp.cur(); p != nil && !bp.hidden && !bp.inInstruction() {
		p.text.WriteString(s)
	}
}

func (bp *bodyParser) inInstruction() bool {
	for _, instr := range bp.fields {
		if instr {
			return true
		}
	}
	return false
}

func (bp *bodyParser) start(t xml.StartElement) error {
	d := bp.d
	switch t.Name.Local {
	case "footnoteReference", "endnoteReference":
		if t.Name.Space == nsW && attr(t, "customMarkFollows") == "" {
			endnote := t.Name.Local == "endnoteReference"
			n := &bp.nFoot
			if endnote {
				n = &bp.nEnd
			}
			*n++
			r := noteRef{id: attr(t, "id"), endnote: endnote, mark: noteMark(endnote, *n)}
			bp.refs = append(bp.refs, r)
			bp.write(r.mark)
		}
		return d.Skip()
	case "altChunk":
		if len(bp.containers) == 1 && len(bp.paras) == 0 {
			bp.chunks = append(bp.chunks, AltChunk{At: len(bp.out), Part: attr(t, "id")})
		}
		return d.Skip()
	case "footnote", "endnote":
		switch attr(t, "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return d.Skip()
		}
		bp.noteID, bp.noteStart = attr(t, "id"), len(bp.out)
	case "Fallback", "delText", "instrText", "rt", "commentReference", "sectPr", "tblPr", "tblGrid",
		"trPr", "tcPr", "del", "moveFrom", "pPrChange", "rPrChange":
		// Alternate renderings, deleted revisions, field instructions, ruby
		// annotations and property blocks hold no document text.
		if t.Name.Local == "Fallback" || t.Name.Space == nsW || t.Name.Space == "" ||
			strings.HasPrefix(t.Name.Space, "http://purl.oclc.org/ooxml/wordprocessingml") {
			return d.Skip()
		}
	case "p":
		bp.paras = append(bp.paras, &paraState{ilvl: -1})
	case "pPr":
		if p := bp.cur(); p != nil {
			return bp.paragraphProperties(p)
		}
	case "r":
		bp.hidden = false
	case "rPr":
		return bp.runProperties()
	case "t":
		var s string
		if err := d.DecodeElement(&s, &t); err != nil {
			return err
		}
		bp.write(s)
	case "tab", "ptab":
		bp.write("\t")
	case "br":
		// Line, page and column breaks all start a new line of text.
		bp.write("\n")
	case "cr":
		bp.write("\n")
	case "noBreakHyphen":
		bp.write("-")
	case "fldChar":
		switch attr(t, "fldCharType") {
		case "begin":
			bp.fields = append(bp.fields, true)
		case "separate":
			if n := len(bp.fields); n > 0 {
				bp.fields[n-1] = false
			}
		case "end":
			if n := len(bp.fields); n > 0 {
				bp.fields = bp.fields[:n-1]
			}
		}
	case "tbl":
		bp.tables = append(bp.tables, &tableState{})
	case "tr":
		if n := len(bp.tables); n > 0 {
			bp.tables[n-1].cells = nil
		}
	case "tc":
		bp.containers = append(bp.containers, &container{kind: inCell})
	case "txbxContent":
		// The host paragraph stays open below the text box's own
		// paragraphs, which are collected apart and follow the host.
		bp.containers = append(bp.containers, &container{kind: inTextbox})
	}
	return nil
}

func (bp *bodyParser) end(t xml.EndElement) {
	switch t.Name.Local {
	case "p":
		bp.endParagraph()
	case "footnote", "endnote":
		if bp.noteID != "" && bp.noteStart <= len(bp.out) {
			paras := append([]Paragraph(nil), bp.out[bp.noteStart:]...)
			if len(paras) > 0 {
				// The space Word types after the note's own number.
				paras[0].Text = strings.TrimLeft(paras[0].Text, " \t")
			}
			bp.notes[bp.noteID] = paras
		}
		bp.noteID = ""
	case "r":
		bp.hidden = false
	case "tc":
		if len(bp.containers) > 1 && bp.top().kind == inCell {
			c := bp.pop()
			var parts []string
			for _, p := range c.paras {
				s := strings.Join(strings.Fields(strings.ReplaceAll(p.Line(), "\t", " ")), " ")
				if s != "" {
					parts = append(parts, s)
				}
			}
			if n := len(bp.tables); n > 0 {
				bp.tables[n-1].cells = append(bp.tables[n-1].cells, strings.Join(parts, " "))
			}
		}
	case "tr":
		if n := len(bp.tables); n > 0 {
			cells := bp.tables[n-1].cells
			bp.tables[n-1].cells = nil
			empty := true
			for _, c := range cells {
				if c != "" {
					empty = false
				}
			}
			if !empty {
				bp.emit(Paragraph{Text: strings.Join(cells, "\t"), Level: -1, InTable: true})
			}
		}
	case "tbl":
		if n := len(bp.tables); n > 0 {
			bp.tables = bp.tables[:n-1]
		}
	case "txbxContent":
		if len(bp.containers) > 1 && bp.top().kind == inTextbox {
			c := bp.pop()
			bp.pending = append(bp.pending, c.paras...)
		}
	}
}

func (bp *bodyParser) top() *container { return bp.containers[len(bp.containers)-1] }

func (bp *bodyParser) pop() *container {
	c := bp.top()
	bp.containers = bp.containers[:len(bp.containers)-1]
	return c
}

// emit adds a finished paragraph to the innermost container; a paragraph
// that reaches the body brings the text-box paragraphs read inside it.
func (bp *bodyParser) emit(p Paragraph) {
	c := bp.top()
	if c.kind == inBody {
		bp.out = append(bp.out, p)
		bp.flushPending()
		return
	}
	c.paras = append(c.paras, p)
}

func (bp *bodyParser) flushPending() {
	if len(bp.pending) > 0 && bp.top().kind == inBody {
		bp.out = append(bp.out, bp.pending...)
		bp.pending = nil
	}
}

func (bp *bodyParser) endParagraph() {
	n := len(bp.paras)
	if n == 0 {
		return
	}
	p := bp.paras[n-1]
	bp.paras = bp.paras[:n-1]
	out := Paragraph{Text: p.text.String(), Style: p.style, Level: -1}

	numID, ilvl := p.numID, p.ilvl
	if !p.hasNum || numID == "" {
		sNum, sLvl := bp.styles.numbering(p.style)
		if numID == "" {
			numID = sNum
		}
		if ilvl < 0 {
			ilvl = sLvl
		}
		if ilvl < 0 && numID != "" {
			ilvl, _ = bp.numbering.levelForStyle(numID, p.style)
		}
	}
	if ilvl < 0 {
		ilvl = 0
	}
	if numID != "" && numID != "0" {
		if num, ok := bp.numbering.next(numID, ilvl); ok {
			out.Level = ilvl
			out.Number = num
			out.Suffix = bp.numbering.suffix(numID, ilvl)
		}
	}
	switch {
	case p.outline > 0 && p.outline <= 9:
		out.Heading = p.outline
	case p.outline == 0:
		out.Heading = bp.styles.heading(p.style)
	}
	bp.emit(out)
}

// paragraphProperties reads w:pPr up to its end element.
func (bp *bodyParser) paragraphProperties(p *paraState) error {
	d := bp.d
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rPr", "pPrChange", "sectPr", "tabs", "framePr":
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			case "pStyle":
				p.style = attr(t, "val")
			case "numPr":
				p.hasNum = true
			case "numId":
				p.numID = attr(t, "val")
			case "ilvl":
				p.ilvl = atoi(attr(t, "val"), 0)
			case "outlineLvl":
				p.outline = atoi(attr(t, "val"), 9) + 1
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// runProperties reads w:rPr and notes hidden and struck-through text.
func (bp *bodyParser) runProperties() error {
	d := bp.d
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "rPrChange" {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			switch t.Name.Local {
			case "vanish", "strike", "dstrike":
				// Hidden text, and text struck through by hand: what a
				// reader of the page takes as deleted.
				if onOff(t) {
					bp.hidden = true
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}
