package reader

import (
	"encoding/binary"
	"fmt"
	"sort"
	"unicode/utf16"

	"golang.org/x/text/encoding"
)

// wordDoc describes a Word 97 document for makeWord97: its stories, as
// text with "\r" paragraph marks, and the formatting the readers use.
type wordDoc struct {
	main      string
	footnotes []string // each ends with "\r"; its reference is the i-th "\x02" of main
	endnotes  []string // likewise, after the footnotes' references
	headers   string   // the header story, paragraphs ended by "\r"
	textboxes []string // each ends with "\r"
	// boxAnchors, when set, gives for each text box the rune index in
	// main of its anchor (-1: none), written as the drawing anchors
	// (PlcSpaMom) and the text boxes' shapes (PlcftxbxTxt); box 1 of
	// boxAnchors is marked reused (deleted) when reuseSecond is set.
	boxAnchors  []int
	reuseSecond bool
	// struck lists [start, end) rune ranges of main struck through by hand
	// (sprmCFStrike).
	struck [][2]int
	// paras gives the properties of the paragraphs of main (ended by "\r"
	// or a cell mark "\x07"), in order; nil = none.
	paras []wordPara
	// lists are list definitions (LSTF + LVLs) and lfos the list
	// instances paragraphs refer to by 1-based index (ilfo).
	lists []wordList
	lfos  []wordLFO
	// styles is the style sheet: index = istd.
	styles []wordStyle
	// runs give character properties (a grpprl) to [start, end) rune
	// ranges of main, in order, not overlapping; struck adds its own.
	runs []wordRun
}

type wordStyle struct {
	character bool // a character style, else a paragraph style
	hidden    bool // sprmCFVanish in its character properties
}

type wordRun struct {
	start, end int
	sprms      []byte
}

type wordPara struct {
	istd       int
	ilfo, ilvl int
	inTable    bool
	rowEnd     bool // the mark ends a table row (sprmPFTtp)
	huge       bool // the properties live in the Data stream (sprmPHugePapx)
	noProps    bool // no PAPX at all
}

type wordList struct {
	lsid   int32
	levels []wordLevel // 9 levels; missing ones are decimal "%n."
}

type wordLevel struct {
	nfc    byte   // 0 decimal, 4 lowerLetter, 0x26 … (MS-DOC Nfc)
	text   string // the number text; "\x00" … "\x08" stand for the levels' numbers
	start  int
	follow byte // ixchFollow: 0 tab, 1 space, 2 nothing
}

type wordLFO struct {
	lsid      int32
	overrides map[int]int // level → start (fStartAt)
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
	var hddStarts []int
	ccpHdd := 0
	if d.headers != "" {
		ccpHdd = cat([]string{d.headers}, &hddStarts)
	}
	ccpEdn := cat(d.endnotes, &ednStarts)
	ccpTxbx := cat(d.textboxes, &txbxStarts)
	if ccpFtn+ccpHdd+ccpEdn+ccpTxbx > 0 {
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
	lw(5, ccpHdd)
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
	if len(d.boxAnchors) > 0 {
		// PlcftxbxTxt: the boxes' CPs in the story (and a last dummy box),
		// each with an FTXBXS naming its shape (spid 1000+i).
		cps := append([]int(nil), txbxStarts...)
		plc := u32s(cps...)
		var anchorCPs []int
		var fspas []byte
		for i := 0; i < len(cps)-1; i++ {
			f := make([]byte, 22)
			if d.reuseSecond && i == 1 {
				le.PutUint16(f[8:], 1)
			}
			le.PutUint32(f[14:], uint32(1000+i))
			plc = append(plc, f...)
			if i < len(d.boxAnchors) && d.boxAnchors[i] >= 0 {
				anchorCPs = append(anchorCPs, d.boxAnchors[i])
				fspa := make([]byte, 26)
				le.PutUint32(fspa, uint32(1000+i))
				fspas = append(fspas, fspa...)
			}
		}
		pair(56, plc)
		if len(anchorCPs) > 0 {
			pair(40, append(u32s(append(anchorCPs, len(main))...), fspas...))
		}
	}
	runs := d.runs
	for _, st := range d.struck {
		runs = append(runs, wordRun{st[0], st[1], []byte{0x37, 0x08, 1}}) // sprmCFStrike
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	if len(runs) > 0 {
		// One CHPX FKP after the text: the runs, and plain text between.
		page := make([]byte, 512)
		var fcs []int
		var props [][]byte
		pos := 0
		for _, r := range runs {
			if r.start > pos {
				fcs, props = append(fcs, textAt+2*pos), append(props, nil)
			}
			fcs, props = append(fcs, textAt+2*r.start), append(props, r.sprms)
			pos = r.end
		}
		if pos < len(main) {
			fcs, props = append(fcs, textAt+2*pos), append(props, nil)
		}
		fcs = append(fcs, textAt+2*len(main))
		crun := len(props)
		for i, fc := range fcs {
			le.PutUint32(page[4*i:], uint32(fc))
		}
		at := 4*(crun+1) + crun
		at += at % 2
		for i, p := range props {
			if p == nil {
				continue
			}
			copy(page[at:], append([]byte{byte(len(p))}, p...))
			page[4*(crun+1)+i] = byte(at / 2)
			at += 1 + len(p)
			at += at % 2
		}
		page[511] = byte(crun)
		pn := (len(wd) + 511) / 512
		wd = append(wd, make([]byte, pn*512-len(wd))...)
		wd = append(wd, page...)
		le.PutUint32(wd[64:], uint32(len(wd)))
		pair(12, u32s(fcs[0], fcs[len(fcs)-1], pn))
	}
	if len(d.styles) > 0 {
		stsh := []byte{4, 0, byte(len(d.styles)), 0, 10, 0} // cbStshi, cstd, cbSTDBaseInFile
		for i, st := range d.styles {
			std := make([]byte, 10)
			stk, cupx := 1, 2
			if st.character {
				stk, cupx = 2, 1
			}
			le.PutUint16(std[0:], uint16(100+i)) // sti: user-defined style
			le.PutUint16(std[2:], uint16(stk|0xFFF<<4))
			le.PutUint16(std[4:], uint16(cupx))
			name := utf16.Encode([]rune(fmt.Sprintf("样式%d", i)))
			std = append(std, byte(len(name)), 0)
			for _, u := range name {
				std = append(std, byte(u), byte(u>>8))
			}
			std = append(std, 0, 0)
			var chpx []byte
			if st.hidden {
				chpx = []byte{0x3C, 0x08, 1}
			}
			if !st.character {
				std = append(std, 2, 0, byte(i), 0) // papx UPX: only the istd
			}
			std = append(std, byte(len(chpx)), 0)
			std = append(std, chpx...)
			if len(chpx)%2 == 1 {
				std = append(std, 0)
			}
			stsh = append(stsh, byte(len(std)), byte(len(std)>>8))
			stsh = append(stsh, std...)
		}
		pair(1, stsh)
	}
	var dataStream []byte
	if len(d.paras) > 0 {
		dataStream = make([]byte, 16) // offset 0 is never a valid PAPX in Data
		page := make([]byte, 512)
		var fcs []int
		fcs = append(fcs, textAt)
		for i, r := range main {
			if r == '\r' || r == 0x07 {
				fcs = append(fcs, textAt+2*(i+1))
			}
		}
		crun := min(len(fcs)-1, len(d.paras))
		for i := 0; i <= crun; i++ {
			le.PutUint32(page[4*i:], uint32(fcs[i]))
		}
		at := 4*(crun+1) + 13*crun
		at += at % 2
		for i := 0; i < crun; i++ {
			p := d.paras[i]
			if p.noProps {
				continue
			}
			var sprms []byte
			sprm := func(code uint16, operand ...byte) {
				sprms = append(sprms, byte(code), byte(code>>8))
				sprms = append(sprms, operand...)
			}
			if p.ilfo > 0 {
				sprm(0x460B, byte(p.ilfo), byte(p.ilfo>>8))
				sprm(0x260A, byte(p.ilvl))
			}
			if p.inTable {
				sprm(0x2416, 1)
			}
			if p.rowEnd {
				sprm(0x2417, 1)
			}
			if p.huge {
				off := len(dataStream)
				dataStream = append(dataStream, byte(len(sprms)), byte(len(sprms)>>8))
				dataStream = append(dataStream, sprms...)
				sprms = nil
				sprm(0x6646, byte(off), byte(off>>8), byte(off>>16), byte(off>>24))
			}
			grp := append([]byte{byte(p.istd), byte(p.istd >> 8)}, sprms...)
			if len(grp)%2 == 1 {
				grp = append(grp, 0)
			}
			papx := append([]byte{0, byte(len(grp) / 2)}, grp...)
			if at+len(papx) > 511 {
				panic("makeWord97: paragraph properties overflow the page")
			}
			copy(page[at:], papx)
			page[4*(crun+1)+13*i] = byte(at / 2)
			at += len(papx) + len(papx)%2
		}
		page[511] = byte(crun)
		pn := (len(wd) + 511) / 512
		wd = append(wd, make([]byte, pn*512-len(wd))...)
		wd = append(wd, page...)
		le.PutUint32(wd[64:], uint32(len(wd)))
		pair(13, u32s(fcs[0], fcs[crun], pn))
	}
	if len(d.lists) > 0 {
		lst := []byte{byte(len(d.lists)), 0}
		var lvls []byte
		for _, l := range d.lists {
			lstf := make([]byte, 28)
			le.PutUint32(lstf, uint32(l.lsid))
			lst = append(lst, lstf...)
			for k := 0; k < 9; k++ {
				lv := wordLevel{text: string(rune(k)) + ".", start: 1}
				if k < len(l.levels) {
					lv = l.levels[k]
				}
				f := make([]byte, 28)
				le.PutUint32(f, uint32(lv.start))
				f[4] = lv.nfc
				f[15] = lv.follow
				lvls = append(lvls, f...)
				units := utf16.Encode([]rune(lv.text))
				lvls = append(lvls, byte(len(units)), 0)
				for _, u := range units {
					lvls = append(lvls, byte(u), byte(u>>8))
				}
			}
		}
		pair(73, append(lst, lvls...))
		lfo := u32s(len(d.lfos))
		var lfoData []byte
		for _, l := range d.lfos {
			e := make([]byte, 16)
			le.PutUint32(e, uint32(l.lsid))
			e[12] = byte(len(l.overrides))
			lfo = append(lfo, e...)
			lfoData = append(lfoData, 0xFF, 0xFF, 0xFF, 0xFF) // cp
			for k := 0; k < 9; k++ {
				if v, ok := l.overrides[k]; ok {
					lfoData = append(lfoData, u32s(v, k|0x10)...)
				}
			}
		}
		pair(74, append(lfo, lfoData...))
	}
	streams := map[string][]byte{"WordDocument": wd, "0Table": append(table, 0)}
	if dataStream != nil {
		streams["Data"] = dataStream
	}
	return makeCFB(streams)
}

// makeWord6 builds a Word 6.0/95 .doc without fast saves: the short FIB
// with language lid, then text encoded with enc (nil: the bytes of text as
// they are), in one run from fcMin.
func makeWord6(text string, lid uint16, enc encoding.Encoding) []byte {
	le := binary.LittleEndian
	raw := []byte(text)
	if enc != nil {
		b, err := enc.NewEncoder().Bytes([]byte(text))
		if err != nil {
			panic(err)
		}
		raw = b
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
