package reader

import (
	"context"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Destinations whose text is not document text.
var rtfSkip = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true,
	"footerl": true, "footerr": true, "footerf": true, "footnote": true, "annotation": true,
	"fldinst": true, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "themedata": true, "colorschememapping": true, "datastore": true,
	"latentstyles": true, "xmlnstbl": true, "filetbl": true, "revtbl": true, "pgdsctbl": true,
	"nonshppict": true, "objdata": true, "bkmkstart": true, "bkmkend": true, "pn": true,
	"atnid": true, "atnauthor": true, "atrfstart": true, "atrfend": true, "mmathPr": true,
	"blipuid": true, "sp": true, "sn": true, "sv": true, "template": true, "userprops": true,
	"wgrffmtfilter": true, "xe": true, "tc": true, "txe": true, "ftnsep": true, "ftnsepc": true,
	"ftncn": true, "aftnsep": true, "aftnsepc": true, "aftncn": true, "docvar": true,
	"fchars": true, "lchars": true, "passwordhash": true, "panose": true, "falt": true,
}

var rtfSymbols = map[string]string{
	"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "tab": "\t",
	"emdash": "—", "endash": "–", "emspace": "\u2003", "enspace": "\u2002", "qmspace": "\u2005",
	"bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
}

type rtfState struct {
	skip     bool
	uc       int
	fontCP   int  // codepage from the current font's charset, 0 = document's
	listText bool // inside \listtext/\pntext: the rendered list number
}

// readRTF reads an RTF document: text with its paragraphs, Unicode
// escapes and code-page bytes (GBK, Big5 …) decoded, tables as
// "\t"-joined rows; font tables, pictures, headers, footers, footnotes and
// field instructions left out. Rendered list numbers (\listtext) are kept.
func readRTF(ctx context.Context, data []byte) (Result, error) {
	p := &rtfParser{data: data, docCP: 1252, fontCharset: map[int]int{}}
	p.state = rtfState{uc: 1}
	if err := p.run(ctx); err != nil {
		return Result{}, err
	}
	p.flushBytes()
	p.endRow()
	return Result{Text: p.out.String(), Format: "rtf"}, nil
}

type rtfParser struct {
	data        []byte
	pos         int
	state       rtfState
	stack       []rtfState
	docCP       int
	fontCharset map[int]int // \fN → \fcharset
	inFontTbl   int         // group depth where the font table started, 0 = none
	curFont     int
	bytes       []byte // pending code-page bytes
	out         strings.Builder
	cell        strings.Builder
	cells       []string
	inTable     bool
	skipChars   int // fallback characters to skip after \uN
}

func (p *rtfParser) run(ctx context.Context) error {
	d := p.data
	for p.pos < len(d) {
		if p.pos&0xFFFF == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c := d[p.pos]
		switch c {
		case '{':
			p.flushBytes()
			if len(p.stack) < 2000 {
				p.stack = append(p.stack, p.state)
			} else {
				p.state.skip = true
			}
			p.pos++
		case '}':
			p.flushBytes()
			if n := len(p.stack); n > 0 {
				p.state = p.stack[n-1]
				p.stack = p.stack[:n-1]
				if p.inFontTbl > 0 && len(p.stack) < p.inFontTbl {
					p.inFontTbl = 0
				}
			}
			p.pos++
		case '\\':
			p.control()
		case '\r', '\n':
			p.pos++
		default:
			p.pos++
			if p.skipChars > 0 {
				p.skipChars--
				continue
			}
			if p.state.skip || (p.state.listText && c == ' ') {
				continue
			}
			if c >= 0x80 {
				p.bytes = append(p.bytes, c) // raw 8-bit text in the document code page
				continue
			}
			p.flushBytes()
			p.text(string(rune(c)))
		}
	}
	return nil
}

// control reads one control word or symbol at p.pos (a backslash).
func (p *rtfParser) control() {
	d := p.data
	p.pos++
	if p.pos >= len(d) {
		return
	}
	c := d[p.pos]
	if !isASCIILetter(c) {
		p.pos++
		switch c {
		case '\'':
			if p.pos+2 <= len(d) {
				if b, ok := hexByte(d[p.pos], d[p.pos+1]); ok {
					p.pos += 2
					if p.skipChars > 0 {
						p.skipChars--
						return
					}
					if !p.state.skip {
						p.bytes = append(p.bytes, b)
					}
					return
				}
			}
		case '*':
			// An ignorable destination we do not know: skip it whole.
			p.state.skip = true
		case '~':
			p.emit("\u00A0")
		case '_':
			p.emit("-")
		case '-':
		case '{', '}', '\\':
			p.emit(string(rune(c)))
		case '\r', '\n':
			p.emit("\n")
		case '|', ':':
		}
		return
	}
	start := p.pos
	for p.pos < len(d) && isASCIILetter(d[p.pos]) && p.pos-start < 32 {
		p.pos++
	}
	word := string(d[start:p.pos])
	hasArg, neg, arg := false, false, 0
	if p.pos < len(d) && d[p.pos] == '-' {
		neg = true
		p.pos++
	}
	for n := 0; p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9'; n++ {
		if n < 10 {
			arg = arg*10 + int(d[p.pos]-'0')
		}
		hasArg = true
		p.pos++
	}
	if neg {
		arg = -arg
	}
	if p.pos < len(d) && d[p.pos] == ' ' {
		p.pos++
	}
	p.word(word, hasArg, arg)
}

func (p *rtfParser) word(w string, hasArg bool, arg int) {
	switch w {
	case "bin":
		if hasArg && arg > 0 {
			p.pos = min(len(p.data), p.pos+arg)
		}
		return
	case "ansicpg":
		if hasArg {
			p.docCP = arg
		}
		return
	case "uc":
		if hasArg {
			p.state.uc = max(0, min(arg, 8))
		}
		return
	case "u":
		if !hasArg {
			return
		}
		r := rune(arg)
		if r < 0 {
			r += 65536
		}
		p.flushBytes()
		if !p.state.skip {
			p.text(string(r))
		}
		p.skipChars = p.state.uc
		return
	case "fonttbl":
		p.flushBytes()
		p.state.skip = true
		p.inFontTbl = len(p.stack)
		return
	case "f":
		if p.inFontTbl > 0 {
			p.curFont = arg
			return
		}
		p.flushBytes()
		p.state.fontCP = charsetCodepage(p.fontCharset[arg])
		return
	case "fcharset":
		if p.inFontTbl > 0 {
			p.fontCharset[p.curFont] = arg
		}
		return
	case "pard":
		p.inTable = false
		return
	case "listtext", "pntext":
		p.state.listText = true
		return
	case "intbl":
		p.inTable = true
		return
	case "cell", "nestcell":
		p.flushBytes()
		if !p.state.skip {
			p.cells = append(p.cells, strings.Join(strings.Fields(p.cell.String()), " "))
			p.cell.Reset()
		}
		return
	case "row", "nestrow":
		p.flushBytes()
		if !p.state.skip {
			p.endRow()
		}
		return
	}
	if rtfSkip[w] {
		p.state.skip = true
		return
	}
	if s, ok := rtfSymbols[w]; ok {
		if p.state.listText && s == "\t" {
			s = "" // the tab between a list number and its text
		}
		p.emit(s)
	}
}

func (p *rtfParser) emit(s string) {
	if p.skipChars > 0 {
		p.skipChars--
		return
	}
	p.flushBytes()
	if !p.state.skip {
		p.text(s)
	}
}

// text appends decoded text to the current paragraph or table cell.
func (p *rtfParser) text(s string) {
	if p.inTable || len(p.cells) > 0 {
		if s == "\n" || s == "\t" {
			s = " "
		}
		p.cell.WriteString(s)
		return
	}
	p.out.WriteString(s)
}

func (p *rtfParser) endRow() {
	if len(p.cells) == 0 && p.cell.Len() == 0 {
		return
	}
	if rest := strings.TrimSpace(p.cell.String()); rest != "" {
		p.cells = append(p.cells, rest)
	}
	p.cell.Reset()
	if len(p.cells) > 0 {
		row := strings.Join(p.cells, "\t")
		if s := p.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
			p.out.WriteByte('\n')
		}
		p.out.WriteString(row)
		p.out.WriteByte('\n')
	}
	p.cells = nil
}

// flushBytes decodes pending code-page bytes.
func (p *rtfParser) flushBytes() {
	if len(p.bytes) == 0 {
		return
	}
	b := p.bytes
	p.bytes = nil
	if p.state.skip {
		return
	}
	cp := p.state.fontCP
	if cp == 0 {
		cp = p.docCP
	}
	var s string
	if enc := codepageEncoding(cp); enc != nil {
		out, err := enc.NewDecoder().Bytes(b)
		if err == nil {
			s = string(out)
		}
	}
	if s == "" {
		s = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	p.text(s)
}

func charsetCodepage(charset int) int {
	switch charset {
	case 134:
		return 936
	case 136:
		return 950
	case 128:
		return 932
	case 129:
		return 949
	}
	return 0
}

func codepageEncoding(cp int) encoding.Encoding {
	switch cp {
	case 936, 54936, 20936, 10008:
		return simplifiedchinese.GB18030
	case 950, 10002:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 949:
		return korean.EUCKR
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 65001:
		return encoding.Nop
	}
	return charmap.Windows1252
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func hexByte(a, b byte) (byte, bool) {
	h, ok1 := hexDigit(a)
	l, ok2 := hexDigit(b)
	return h<<4 | l, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
