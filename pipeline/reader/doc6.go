package reader

import (
	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Word 6.0 and Word 95 (nFib 0x65–0x69) keep everything in the
// WordDocument stream: a shorter FIB with fixed offsets, 8-bit text in the
// ANSI code page of the document's language (double-byte for Chinese,
// Japanese and Korean), and a piece table only in fast-saved files.

// Offsets in the Word 6.0/95 FIB.
const (
	fib6FcMin      = 0x18
	fib6CcpText    = 0x34
	fib6CcpFtn     = 0x38
	fib6CcpHdd     = 0x3C
	fib6CcpMcr     = 0x40
	fib6CcpAtn     = 0x44
	fib6CcpEdn     = 0x48
	fib6CcpTxbx    = 0x4C
	fib6FndRef     = 0x68
	fib6FndTxt     = 0x70
	fib6Clx        = 0x160
	fib6MinimumLen = 0x168
)

func parseFIB6(wd []byte, flags uint16) (fib, error) {
	f := fib{word6: true, complex: flags&0x0004 != 0}
	if len(wd) < fib6MinimumLen {
		return f, errShort
	}
	lid, _ := u16(wd, 6)
	f.fcMin, _ = u32(wd, fib6FcMin)
	for off, dst := range map[int]*int{fib6CcpText: &f.ccpText, fib6CcpFtn: &f.ccpFtn, fib6CcpHdd: &f.ccpHdd,
		fib6CcpMcr: &f.ccpMcr, fib6CcpAtn: &f.ccpAtn, fib6CcpEdn: &f.ccpEdn, fib6CcpTxbx: &f.ccpTxbx} {
		v, _ := u32(wd, off)
		if int32(v) > 0 && int(v) <= len(wd) {
			*dst = int(v)
		}
	}
	f.fcPlcffndRef, _ = u32(wd, fib6FndRef)
	f.lcbPlcffndRef, _ = u32(wd, fib6FndRef+4)
	f.fcPlcffndTxt, _ = u32(wd, fib6FndTxt)
	f.lcbPlcffndTxt, _ = u32(wd, fib6FndTxt+4)
	f.fcClx, _ = u32(wd, fib6Clx)
	f.lcbClx, _ = u32(wd, fib6Clx+4)
	if !f.complex && int(f.fcMin)+f.ccpText > len(wd) {
		return f, errShort
	}
	f.codePage = codePageOf(lid)
	return f, nil
}

// word6CodePage chooses the code page of a Word 6.0/95 document's text.
// The language in the header is the one Word was set to, not always the
// text's: a Chinese or Russian document written in an English Word says
// English. Unless the language is Chinese, Japanese or Korean, the text
// bytes decide when they are clearly GBK, Big5 or a single-byte charset
// chardet is sure of.
func word6CodePage(f fib, wd []byte, ps []piece) *codePage {
	if f.codePage != nil && f.codePage.doubleLen != nil {
		return f.codePage
	}
	var text []byte
	for _, p := range ps {
		n := p.cpEnd - p.cpStart
		if p.fc < 0 || p.fc >= len(wd) || n <= 0 {
			continue
		}
		text = append(text, wd[p.fc:min(len(wd), p.fc+n)]...)
		if len(text) > 256<<10 {
			break
		}
	}
	gbk := func(b byte) bool { return b >= 0x81 && b <= 0xFE }
	gb, big5 := measureChinese(text, false), measureChinese(text, true)
	switch {
	case gb.han >= 4 && gb.chinese():
		return &codePage{simplifiedchinese.GBK, gbk}
	case big5.han >= 4 && big5.chinese():
		return &codePage{traditionalchinese.Big5, gbk}
	}
	if _, enc := singleByteCharset(text); enc != nil {
		return &codePage{enc, nil}
	}
	// Text that does not read as the header's Western code page (Russian
	// in an English Word): chardet's single-byte guess, however unsure.
	if out, err := f.codePage.enc.NewDecoder().Bytes(text); err == nil && !latinShaped(string(out)) {
		if r, err := chardet.NewTextDetector().DetectBest(text); err == nil && r.Confidence >= 10 {
			switch enc, name := charset.Lookup(r.Charset); name {
			case "windows-1251", "koi8-r", "iso-8859-5", "windows-1253", "iso-8859-7",
				"windows-1255", "iso-8859-8", "iso-8859-8-i", "windows-1256", "iso-8859-6":
				return &codePage{enc, nil}
			}
		}
	}
	return f.codePage
}

// codePage decodes the 8-bit text of a Word 6.0/95 document.
type codePage struct {
	enc       encoding.Encoding
	doubleLen func(lead byte) bool // a lead byte of a double-byte character
}

// codePageOf returns the ANSI code page Word 6.0/95 used for language lid.
func codePageOf(lid uint16) *codePage {
	gbk := func(b byte) bool { return b >= 0x81 && b <= 0xFE }
	switch lid & 0x3FF {
	case 0x04: // Chinese
		if lid == 0x0404 || lid == 0x0C04 || lid == 0x1404 {
			return &codePage{traditionalchinese.Big5, gbk}
		}
		return &codePage{simplifiedchinese.GBK, gbk}
	case 0x11: // Japanese
		return &codePage{japanese.ShiftJIS, func(b byte) bool { return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC) }}
	case 0x12: // Korean
		return &codePage{korean.EUCKR, gbk}
	case 0x19, 0x02, 0x22, 0x23, 0x1A, 0x2F, 0x3F, 0x40, 0x43, 0x44, 0x50: // Cyrillic
		return &codePage{charmap.Windows1251, nil}
	case 0x05, 0x0E, 0x15, 0x18, 0x1B, 0x1C, 0x24: // Central European
		return &codePage{charmap.Windows1250, nil}
	case 0x08:
		return &codePage{charmap.Windows1253, nil}
	case 0x1F:
		return &codePage{charmap.Windows1254, nil}
	case 0x0D:
		return &codePage{charmap.Windows1255, nil}
	case 0x01:
		return &codePage{charmap.Windows1256, nil}
	case 0x25, 0x26, 0x27:
		return &codePage{charmap.Windows1257, nil}
	case 0x1E:
		return &codePage{charmap.Windows874, nil}
	}
	return &codePage{charmap.Windows1252, nil}
}

// decode decodes the character at the start of b and returns it with the
// number of bytes it took (1 or 2).
func (c *codePage) decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return 0xFFFD, 1
	}
	if b[0] < 0x80 {
		return rune(b[0]), 1
	}
	n := 1
	if c.doubleLen != nil && c.doubleLen(b[0]) && len(b) >= 2 {
		n = 2
	}
	out, err := c.enc.NewDecoder().Bytes(b[:n])
	if err != nil || len(out) == 0 {
		return 0xFFFD, n
	}
	r := []rune(string(out))
	if len(r) != 1 {
		return 0xFFFD, n
	}
	return r[0], n
}
