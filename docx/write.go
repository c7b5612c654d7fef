package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Writer builds a .docx document that Word, WPS and LibreOffice open:
// real Title/Heading styles (黑体), body text in 仿宋, real Word list
// numbering (一、 （一） 1、) and real footnotes.
//
// The zero value is not usable; call NewWriter. A Writer is not safe for
// concurrent use.
type Writer struct {
	title     string
	body      bytes.Buffer
	footnotes []string
	lists     int // w:num instances; 1 = the first list
	listUsed  bool
}

// NewWriter returns an empty document.
func NewWriter() *Writer {
	return &Writer{lists: 1}
}

// Title adds a paragraph in the Title style. The first title also becomes
// the document title in docProps/core.xml.
func (w *Writer) Title(text string) {
	if w.title == "" {
		w.title = strings.TrimSpace(text)
	}
	w.paragraph("Title", -1, text, nil)
}

// Heading adds a heading; level is 1–3 (clamped) and selects the
// Heading1–Heading3 style.
func (w *Writer) Heading(level int, text string) {
	level = min(max(level, 1), 3)
	w.paragraph("Heading"+strconv.Itoa(level), -1, text, nil)
}

// Paragraph adds a body paragraph. Each footnote becomes a real footnote
// whose reference mark follows the text. "\t" and "\n" in text become a
// tab and a line break.
func (w *Writer) Paragraph(text string, footnotes ...string) {
	w.paragraph("", -1, text, footnotes)
}

// ListItem adds a numbered paragraph at list level 0–4 (clamped). Word
// generates the numbers: level 0 "一、", 1 "（一）", 2 "1、", 3 "（1）",
// 4 "①". Numbering continues through the document until RestartList.
func (w *Writer) ListItem(level int, text string) {
	level = min(max(level, 0), 4)
	w.listUsed = true
	w.paragraph("", level, text, nil)
}

// RestartList makes the next list item start again at 一、 (and every
// level at its first value).
func (w *Writer) RestartList() {
	if w.listUsed {
		w.lists++
		w.listUsed = false
	}
}

// Table adds a table with one row per element; short rows are padded with
// empty cells. "\n" in a cell becomes a line break.
func (w *Writer) Table(rows [][]string) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	const textWidth = 8306 // A4 minus the margins, in twips
	colW := textWidth / cols
	b := &w.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for i := 0; i < cols; i++ {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, colW)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.WriteString(`<w:tr>`)
		for i := 0; i < cols; i++ {
			cell := ""
			if i < len(r) {
				cell = r[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>`, colW)
			writeRuns(b, strings.ReplaceAll(cell, "\t", " "))
			b.WriteString(`</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

func (w *Writer) paragraph(style string, listLevel int, text string, footnotes []string) {
	b := &w.body
	b.WriteString(`<w:p>`)
	if style != "" || listLevel >= 0 {
		b.WriteString(`<w:pPr>`)
		if style != "" {
			fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, style)
		}
		if listLevel >= 0 {
			fmt.Fprintf(b, `<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, listLevel, w.lists)
		}
		b.WriteString(`</w:pPr>`)
	}
	writeRuns(b, text)
	for _, fn := range footnotes {
		w.footnotes = append(w.footnotes, fn)
		fmt.Fprintf(b, `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, len(w.footnotes))
	}
	b.WriteString(`</w:p>`)
}

// writeRuns writes text as one run, with w:tab and w:br for tabs and
// line breaks.
func writeRuns(b *bytes.Buffer, text string) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	start := 0
	flush := func(end int) {
		if end > start {
			b.WriteString(`<w:t xml:space="preserve">`)
			escape(b, text[start:end])
			b.WriteString(`</w:t>`)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\t':
			flush(i)
			b.WriteString(`<w:tab/>`)
			start = i + 1
		case '\n':
			flush(i)
			b.WriteString(`<w:br/>`)
			start = i + 1
		case '\r':
			flush(i)
			start = i + 1
		}
	}
	flush(len(text))
	b.WriteString(`</w:r>`)
}

// escape writes s as XML character data; characters XML cannot hold
// become U+FFFD.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writing to a bytes.Buffer does not fail
}

// Bytes returns the .docx file.
func (w *Writer) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := w.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// packageTime is the modification time stamped on every part, so that the
// same document always gives the same bytes.
var packageTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes the .docx file to out.
func (w *Writer) Write(out io.Writer) error {
	zw := zip.NewWriter(out)
	parts := []struct {
		name string
		data string
	}{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", w.coreXML()},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", w.documentXML()},
		{"word/styles.xml", stylesXML()},
		{"word/numbering.xml", w.numberingXML()},
		{"word/footnotes.xml", w.footnotesXML()},
		{"word/settings.xml", settingsXML},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: packageTime})
		if err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.data); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (w *Writer) documentXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	b.Write(w.body.Bytes())
	b.WriteString(`<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func (w *Writer) coreXML() string {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	if w.title != "" {
		b.WriteString(`<dc:title>`)
		escape(&b, w.title)
		b.WriteString(`</dc:title>`)
	}
	b.WriteString(`<dc:creator>plans</dc:creator></cp:coreProperties>`)
	return b.String()
}

// listLevels are the list levels every list uses: numFmt, lvlText and the
// indentation of the first line in twips (two characters of 16 pt).
var listLevels = []struct{ format, text string }{
	{"chineseCounting", "%1、"},
	{"chineseCounting", "（%2）"},
	{"decimal", "%3、"},
	{"decimal", "（%4）"},
	{"decimalEnclosedCircle", "%5"},
	{"decimal", "%6."},
	{"decimal", "%7."},
	{"decimal", "%8."},
	{"decimal", "%9."},
}

func (w *Writer) numberingXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:numbering xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>`)
	for i, l := range listLevels {
		fmt.Fprintf(&b, `<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:suff w:val="nothing"/>`+
			`<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>`,
			i, l.format, l.text)
	}
	b.WriteString(`</w:abstractNum>`)
	for id := 1; id <= w.lists; id++ {
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="0"/>`, id)
		if id > 1 {
			for i := range listLevels {
				fmt.Fprintf(&b, `<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="1"/></w:lvlOverride>`, i)
			}
		}
		b.WriteString(`</w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}

func (w *Writer) footnotesXML() string {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<w:footnotes xmlns:w="` + nsW + `">` +
		`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for i, fn := range w.footnotes {
		fmt.Fprintf(&b, `<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>`+
			`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`, i+1)
		writeRuns(&b, fn)
		b.WriteString(`</w:p></w:footnote>`)
	}
	b.WriteString(`</w:footnotes>`)
	return b.String()
}

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
	`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>plans</Application></Properties>`

const settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// stylesXML: 仿宋 三号 body with a two-character first-line indent; 黑体
// title and headings; footnote and table styles.
func stylesXML() string {
	return xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/>` +
		`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
		`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
		headingStyle(1, 32) + headingStyle(2, 32) + headingStyle(3, 30) +
		`<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:semiHidden/>` +
		`<w:pPr><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:semiHidden/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
		`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>` +
		`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
		`</w:styles>`
}

func headingStyle(level, size int) string {
	return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:ind w:firstLine="0"/><w:outlineLvl w:val="%d"/></w:pPr>`+
		`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`,
		level, level, level-1, size, size)
}
