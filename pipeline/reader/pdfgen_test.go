package reader

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// pdfBuilder writes small PDFs for the tests: numbered objects, a
// cross-reference table and a trailer.
type pdfBuilder struct {
	objs []string
}

// add stores an object and returns its number.
func (b *pdfBuilder) add(obj string) int {
	b.objs = append(b.objs, obj)
	return len(b.objs)
}

// stream stores a stream object with the extra dictionary entries dict.
func (b *pdfBuilder) stream(dict, data string) int {
	return b.add(fmt.Sprintf("<<%s/Length %d>>stream\n%s\nendstream", dict, len(data)+1, data))
}

func (b *pdfBuilder) bytes(root, info int) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(b.objs))
	for i, o := range b.objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	trailer := fmt.Sprintf("/Size %d/Root %d 0 R", len(b.objs)+1, root)
	if info > 0 {
		trailer += fmt.Sprintf("/Info %d 0 R", info)
	}
	fmt.Fprintf(&out, "trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return out.Bytes()
}

// pdfFont is a font resource of a test PDF and how it encodes text.
type pdfFont struct {
	name   string // resource name, e.g. "F1"
	dict   string // font dictionary
	encode func(string) string
}

// hexOf writes bytes as a PDF hex string.
func hexOf(b []byte) string {
	return fmt.Sprintf("<%X>", b)
}

func utf16Hex(s string) string {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return hexOf(b.Bytes())
}

// testPDF is a test document under construction: A4 pages of text runs
// sharing one set of fonts.
type testPDF struct {
	b                         pdfBuilder
	catalog, pages, resources int
	fonts                     []*pdfFont
	kids                      []string
	title                     string
}

func newTestPDF() *testPDF {
	p := &testPDF{}
	p.catalog = p.b.add("")
	p.pages = p.b.add("")
	p.resources = p.b.add("")
	return p
}

// cjkFont adds a non-embedded CID font with a predefined CMap
// (UniGB-UTF16-H, GBK-EUC-H, UniJIS-UTF16-V…): no ToUnicode, the CMap
// alone says what the codes mean.
func (p *testPDF) cjkFont(res, base, cmap, ordering string) *pdfFont {
	desc := p.b.add(fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags 4/FontBBox[0 -120 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 700/StemV 80>>", base))
	cid := p.b.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType0/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(%s)/Supplement 2>>/FontDescriptor %d 0 R/DW 1000>>", base, ordering, desc))
	f := &pdfFont{name: res, dict: fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s-%s/Encoding/%s/DescendantFonts[%d 0 R]>>", base, cmap, cmap, cid)}
	switch {
	case strings.HasPrefix(cmap, "GBK"), strings.HasPrefix(cmap, "GB-EUC"):
		f.encode = func(s string) string {
			enc, err := simplifiedchinese.GBK.NewEncoder().String(s)
			if err != nil {
				panic(err)
			}
			return hexOf([]byte(enc))
		}
	default:
		f.encode = utf16Hex
	}
	p.fonts = append(p.fonts, f)
	return f
}

// latinFont adds Helvetica, a standard font, in WinAnsiEncoding.
func (p *testPDF) latinFont(res string) *pdfFont {
	f := &pdfFont{name: res, dict: "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>", encode: func(s string) string {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}}
	p.fonts = append(p.fonts, f)
	return f
}

// rawFont adds a font dictionary as given; encode writes its codes.
func (p *testPDF) rawFont(res, dict string, encode func(string) string) *pdfFont {
	f := &pdfFont{name: res, dict: dict, encode: encode}
	p.fonts = append(p.fonts, f)
	return f
}

// page adds a page drawing the runs in order.
func (p *testPDF) page(runs ...pdfText) {
	var content strings.Builder
	for _, r := range runs {
		content.WriteString(r.content())
	}
	c := p.b.stream("", content.String())
	p.kids = append(p.kids, fmt.Sprintf("%d 0 R", p.b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources %d 0 R/Contents %d 0 R>>", p.pages, p.resources, c))))
}

func (p *testPDF) bytes() []byte {
	var fontRes strings.Builder
	for _, f := range p.fonts {
		fmt.Fprintf(&fontRes, "/%s %d 0 R", f.name, p.b.add(f.dict))
	}
	p.b.objs[p.resources-1] = fmt.Sprintf("<</Font<<%s>>>>", fontRes.String())
	p.b.objs[p.catalog-1] = fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", p.pages)
	p.b.objs[p.pages-1] = fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(p.kids, " "), len(p.kids))
	info := 0
	if p.title != "" {
		info = p.b.add("<</Title " + utf16Hex("\uFEFF"+p.title) + ">>")
	}
	return p.b.bytes(p.catalog, info)
}

// pdfText is one run of text placed on a page.
type pdfText struct {
	font *pdfFont
	size float64
	x, y float64
	text string
	// matrix, when set, replaces the position: "a b c d" of Tm (the run
	// starts at x, y).
	matrix string
	// each: one Tj per character, each placed by Td (dx, dy) from the last.
	each   bool
	dx, dy float64
}

func (t pdfText) content() string {
	var b strings.Builder
	b.WriteString("BT\n")
	fmt.Fprintf(&b, "/%s %g Tf\n", t.font.name, t.size)
	m := "1 0 0 1"
	if t.matrix != "" {
		m = t.matrix
	}
	fmt.Fprintf(&b, "%s %g %g Tm\n", m, t.x, t.y)
	if t.each {
		for i, r := range []rune(t.text) {
			if i > 0 {
				fmt.Fprintf(&b, "%g %g Td\n", t.dx, t.dy)
			}
			fmt.Fprintf(&b, "%s Tj\n", t.font.encode(string(r)))
		}
	} else {
		fmt.Fprintf(&b, "%s Tj\n", t.font.encode(t.text))
	}
	b.WriteString("ET\n")
	return b.String()
}
