package reader

import (
	"encoding/binary"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// wordDoc describes a Word 97 document for makeWord97: its stories, as
// text with "\r" paragraph marks, and the formatting the readers use.
type wordDoc struct {
	main      string
	footnotes []string // each ends with "\r"; its reference is the i-th "\x02" of main
	endnotes  []string // likewise, after the footnotes' references
	textboxes []string // each ends with "\r"
	// struck lists [start, end) rune ranges of main struck through by hand
	// (sprmCFStrike).
	struck [][2]int
}

// makeWord97 builds a Word 97 .doc (an OLE2 compound file with the
// WordDocument and 0Table streams) holding d: a FIB, the text of all
// stories as one Unicode piece, the note and text-box PLCs, and a CHPX
// FKP for struck text. Paragraph properties are left out; the readers
// then see plain paragraphs.
func makeWord97(d wordDoc) []byte {
	le := binary.LittleEndian
	const textAt = 1024
	var stories []rune
	main := []rune(d.main)
	stories = append(stories, main...)
	var ftnStarts, ednStarts, txbxStarts []int
	cat := func(parts []string, starts *[]int) int {
		n := 0
		for _, p := range parts {
			*starts = append(*starts, n)
			r := []rune(p)
			stories = append(stories, r...)
			n += len(r)
		}
		if len(parts) > 0 {
			*starts = append(*starts, n)
		}
		return n
	}
	ccpFtn := cat(d.footnotes, &ftnStarts)
	ccpEdn := cat(d.endnotes, &ednStarts)
	ccpTxbx := cat(d.textboxes, &txbxStarts)
	if ccpFtn+ccpEdn+ccpTxbx > 0 {
		stories = append(stories, '\r') // the final mark after the last story
	}
	units := utf16.Encode(stories)

	wd := make([]byte, textAt+2*len(units))
	le.PutUint16(wd[0:], 0xA5EC)
	le.PutUint16(wd[2:], 0x00C1)
	le.PutUint16(wd[32:], 14) // csw
	le.PutUint16(wd[62:], 22) // cslw
	lw := func(i, v int) { le.PutUint32(wd[64+4*i:], uint32(v)) }
	lw(0, len(wd))
	lw(3, len(main))
	lw(4, ccpFtn)
	lw(8, ccpEdn)
	lw(9, ccpTxbx)
	le.PutUint16(wd[152:], 93) // cbRgFcLcb
	for i, u := range units {
		le.PutUint16(wd[textAt+2*i:], u)
	}

	var table []byte
	pair := func(i int, data []byte) {
		le.PutUint32(wd[154+8*i:], uint32(len(table)))
		le.PutUint32(wd[154+8*i+4:], uint32(len(data)))
		table = append(table, data...)
	}
	u32s := func(vs ...int) []byte {
		b := make([]byte, 4*len(vs))
		for i, v := range vs {
			le.PutUint32(b[4*i:], uint32(v))
		}
		return b
	}
	// Clx: one piece for all the text.
	plcPcd := append(u32s(0, len(stories)), make([]byte, 8)...)
	le.PutUint32(plcPcd[8+2:], textAt)
	clx := append([]byte{0x02}, u32s(len(plcPcd))...)
	pair(33, append(clx, plcPcd...))
	// Note references: the "\x02" characters of main, footnotes first.
	var refs []int
	for i, r := range main {
		if r == 0x02 {
			refs = append(refs, i)
		}
	}
	refPLC := func(cps []int) []byte {
		b := u32s(append(append([]int(nil), cps...), len(main))...)
		return append(b, make([]byte, 2*len(cps))...) // FRDs
	}
	if n := len(d.footnotes); n > 0 && n <= len(refs) {
		pair(2, refPLC(refs[:n]))
		pair(3, u32s(ftnStarts...))
		refs = refs[n:]
	}
	if n := len(d.endnotes); n > 0 && n <= len(refs) {
		pair(46, refPLC(refs[:n]))
		pair(47, u32s(ednStarts...))
	}
	if len(d.struck) > 0 {
		// One CHPX FKP after the text: runs alternate between struck
		// (sprmCFStrike = 1) and plain text.
		page := make([]byte, 512)
		var fcs []int
		var struck []bool
		pos := 0
		for _, s := range d.struck {
			if s[0] > pos {
				fcs, struck = append(fcs, textAt+2*pos), append(struck, false)
			}
			fcs, struck = append(fcs, textAt+2*s[0]), append(struck, true)
			pos = s[1]
		}
		if pos < len(main) {
			fcs, struck = append(fcs, textAt+2*pos), append(struck, false)
		}
		fcs = append(fcs, textAt+2*len(main))
		crun := len(struck)
		for i, fc := range fcs {
			le.PutUint32(page[4*i:], uint32(fc))
		}
		chpx := []byte{3, 0x37, 0x08, 1} // cb, sprmCFStrike, 1
		const at = 400
		copy(page[at:], chpx)
		for i, s := range struck {
			if s {
				page[4*(crun+1)+i] = at / 2
			}
		}
		page[511] = byte(crun)
		pn := (len(wd) + 511) / 512
		wd = append(wd, make([]byte, pn*512-len(wd))...)
		wd = append(wd, page...)
		le.PutUint32(wd[64:], uint32(len(wd)))
		pair(12, u32s(fcs[0], fcs[len(fcs)-1], pn))
	}
	return makeCFB(map[string][]byte{"WordDocument": wd, "0Table": append(table, 0)})
}

// makeWord6 builds a Word 6.0/95 .doc without fast saves: the short FIB,
// then text in the code page of language lid, in one run from fcMin.
func makeWord6(text string, lid uint16) []byte {
	le := binary.LittleEndian
	var raw []byte
	if lid == 0x0804 {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
		if err != nil {
			panic(err)
		}
		raw = b
	} else {
		raw = []byte(text)
	}
	const fcMin = 0x200
	wd := make([]byte, fcMin+len(raw))
	le.PutUint16(wd[0:], 0xA5DC)
	le.PutUint16(wd[2:], 0x0065)
	le.PutUint16(wd[6:], lid)
	le.PutUint32(wd[fib6FcMin:], fcMin)
	le.PutUint32(wd[fib6FcMin+4:], uint32(fcMin+len(raw)))
	le.PutUint32(wd[fib6CcpText:], uint32(len(raw)))
	copy(wd[fcMin:], raw)
	return makeCFB(map[string][]byte{"WordDocument": wd})
}
