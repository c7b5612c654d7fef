package reader

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/richardlehane/mscfb"
)

// readOLE reads an OLE2 compound file: a Word 97–2003 .doc (or a .wps
// saved in that format), or refuses other OLE2 content with its reason.
func readOLE(ctx context.Context, data []byte, e string) (Result, error) {
	streams, err := oleStreams(data)
	if err != nil {
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取（复合文档结构有误）", err)
	}
	format := "doc"
	if e == ".wps" || e == ".wpt" {
		format = "wps"
	}
	switch {
	case streams["EncryptedPackage"] != nil || streams["EncryptionInfo"] != nil:
		return Result{}, newError(Encrypted, "文档设置了打开密码，请在 Word 或 WPS 中取消密码后再导入", nil)
	case streams["WordDocument"] != nil:
	case streams["Workbook"] != nil || streams["Book"] != nil:
		return Result{}, newError(Unsupported, fmt.Sprintf("文件扩展名是 %s，但内容是 Excel 表格，不是 Word 文档", e), nil)
	case streams["PowerPoint Document"] != nil:
		return Result{}, newError(Unsupported, fmt.Sprintf("文件扩展名是 %s，但内容是 PowerPoint 演示文稿，不是 Word 文档", e), nil)
	default:
		if format == "wps" {
			return Result{}, newError(Unsupported, "无法识别这种 WPS 文件，请用 WPS 或 Word 另存为 .docx 后再导入", nil)
		}
		return Result{}, newError(Unsupported, "这个复合文档里没有 Word 正文，无法读取；请用 Word 或 WPS 另存为 .docx 后再导入", nil)
	}
	wd, err := readStream(streams["WordDocument"], int64(len(data)))
	if err != nil {
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取正文", err)
	}
	fib, err := parseFIB(wd)
	if err != nil {
		var ke *Error
		if errors.As(err, &ke) {
			return Result{}, ke
		}
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取文件头", err)
	}
	table := wd // Word 6.0/95 keep their tables in the WordDocument stream
	if !fib.word6 {
		tableName := "0Table"
		if fib.whichTable {
			tableName = "1Table"
		}
		if streams[tableName] == nil {
			return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏：缺少表格流（"+tableName+"）", nil)
		}
		table, err = readStream(streams[tableName], int64(len(data)))
		if err != nil {
			return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取表格流", err)
		}
	}
	var dataStream []byte // the Data stream is optional
	if streams["Data"] != nil {
		dataStream, _ = readStream(streams["Data"], int64(len(data)))
	}
	text, headings, warnings, err := wordText(ctx, wd, table, dataStream, fib)
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取正文", err)
	}
	res := Result{Text: text, Format: format, Headings: headings, Warnings: warnings}
	if e == ".docx" || e == ".docm" || e == ".dotx" || e == ".dotm" {
		res.Warnings = append([]string{fmt.Sprintf("文件扩展名是 %s，但内容其实是Word 97-2003 文档（.doc），已按实际格式读取", e)}, res.Warnings...)
	}
	return res, nil
}

// oleStreams lists the streams at the root of the compound file.
func oleStreams(data []byte) (map[string]*mscfb.File, error) {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	streams := map[string]*mscfb.File{}
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		if len(f.Path) == 0 && f.Size > 0 {
			if _, dup := streams[f.Name]; !dup {
				streams[f.Name] = f
			}
		}
	}
	return streams, nil
}

// readStream reads a whole stream; a stream cannot be larger than the file
// that holds it, whatever its directory entry claims.
func readStream(f *mscfb.File, limit int64) ([]byte, error) {
	size := min(f.Size, limit)
	buf := make([]byte, size)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:n], nil
}

type fib struct {
	whichTable bool
	ccpText    int
	// The other stories, in CP order after the main text.
	ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx int

	fcPlcffndRef, lcbPlcffndRef   uint32
	fcPlcffndTxt, lcbPlcffndTxt   uint32
	fcPlcfendRef, lcbPlcfendRef   uint32
	fcPlcfendTxt, lcbPlcfendTxt   uint32
	fcPlcSpaMom, lcbPlcSpaMom     uint32 // shapes anchored in the main text
	fcPlcftxbxTxt, lcbPlcftxbxTxt uint32 // the text boxes of the text-box story

	// Word 6.0/95: no table stream, 8-bit text in the code page of the
	// document's language, and without fast saves no piece table.
	word6      bool
	complex    bool
	fcMin      uint32
	codePage   *codePage
	fcClx      uint32
	lcbClx     uint32
	fcBteChpx  uint32
	lcbBteChpx uint32
	fcBtePapx  uint32
	lcbBtePapx uint32
	fcStshf    uint32
	lcbStshf   uint32
	fcPlfLst   uint32
	lcbPlfLst  uint32
	fcPlfLfo   uint32
	lcbPlfLfo  uint32
}

var errShort = errors.New("structure runs past the end of its stream")

func u16(b []byte, off int) (uint16, error) {
	if off < 0 || off+2 > len(b) {
		return 0, errShort
	}
	return binary.LittleEndian.Uint16(b[off:]), nil
}

func u32(b []byte, off int) (uint32, error) {
	if off < 0 || off+4 > len(b) {
		return 0, errShort
	}
	return binary.LittleEndian.Uint32(b[off:]), nil
}

// parseFIB reads the File Information Block at the start of the
// WordDocument stream ([MS-DOC] 2.5.1).
func parseFIB(wd []byte) (fib, error) {
	var f fib
	ident, err := u16(wd, 0)
	if err != nil {
		return f, err
	}
	if ident != 0xA5EC && ident != 0xA5DC {
		return f, fmt.Errorf("bad FIB identifier %#x", ident)
	}
	nFib, _ := u16(wd, 2)
	flags, err := u16(wd, 0x0A)
	if err != nil {
		return f, err
	}
	if flags&0x0100 != 0 || flags&0x8000 != 0 {
		return f, newError(Encrypted, "文档设置了打开密码，请在 Word 或 WPS 中取消密码后再导入", nil)
	}
	if nFib >= 0x0065 && nFib <= 0x0069 {
		return parseFIB6(wd, flags)
	}
	f.whichTable = flags&0x0200 != 0
	csw, err := u16(wd, 32)
	if err != nil {
		return f, err
	}
	pos := 34 + int(csw)*2
	cslw, err := u16(wd, pos)
	if err != nil {
		return f, err
	}
	pos += 2
	ccp, err := u32(wd, pos+3*4)
	if err != nil {
		return f, err
	}
	f.ccpText = int(ccp)
	if cslw >= 11 {
		for i, dst := range []*int{&f.ccpFtn, &f.ccpHdd, &f.ccpMcr, &f.ccpAtn, &f.ccpEdn, &f.ccpTxbx} {
			v, _ := u32(wd, pos+(4+i)*4)
			if int32(v) > 0 {
				*dst = int(v)
			}
		}
	}
	pos += int(cslw) * 4
	cb, err := u16(wd, pos)
	if err != nil {
		return f, err
	}
	pos += 2
	if cb < 34 {
		return f, fmt.Errorf("FIB has %d fc/lcb pairs, need 34", cb)
	}
	f.fcClx, _ = u32(wd, pos+33*8)
	f.lcbClx, err = u32(wd, pos+33*8+4)
	if err != nil {
		return f, err
	}
	f.fcStshf, _ = u32(wd, pos+1*8)
	f.lcbStshf, _ = u32(wd, pos+1*8+4)
	f.fcBteChpx, _ = u32(wd, pos+12*8)
	f.lcbBteChpx, _ = u32(wd, pos+12*8+4)
	f.fcBtePapx, _ = u32(wd, pos+13*8)
	f.lcbBtePapx, _ = u32(wd, pos+13*8+4)
	pair := func(i int, fc, lcb *uint32) {
		*fc, _ = u32(wd, pos+i*8)
		*lcb, _ = u32(wd, pos+i*8+4)
	}
	pair(2, &f.fcPlcffndRef, &f.lcbPlcffndRef)
	pair(3, &f.fcPlcffndTxt, &f.lcbPlcffndTxt)
	if cb >= 48 {
		pair(46, &f.fcPlcfendRef, &f.lcbPlcfendRef)
		pair(47, &f.fcPlcfendTxt, &f.lcbPlcfendTxt)
	}
	if cb >= 57 {
		pair(40, &f.fcPlcSpaMom, &f.lcbPlcSpaMom)
		pair(56, &f.fcPlcftxbxTxt, &f.lcbPlcftxbxTxt)
	}
	if cb >= 75 {
		f.fcPlfLst, _ = u32(wd, pos+73*8)
		f.lcbPlfLst, _ = u32(wd, pos+73*8+4)
		f.fcPlfLfo, _ = u32(wd, pos+74*8)
		f.lcbPlfLfo, _ = u32(wd, pos+74*8+4)
	}
	return f, nil
}

type piece struct {
	cpStart, cpEnd int
	fc             int // byte offset in WordDocument of the first character
	compressed     bool
}

// ccpAll is the number of CPs of all stories.
func (f fib) ccpAll() int {
	n := f.ccpText + f.ccpFtn + f.ccpHdd + f.ccpMcr + f.ccpAtn + f.ccpEdn + f.ccpTxbx
	if f.ccpFtn+f.ccpHdd+f.ccpMcr+f.ccpAtn+f.ccpEdn+f.ccpTxbx > 0 {
		n++ // the final paragraph mark after the last story
	}
	return n
}

// pieces reads the piece table from the Clx ([MS-DOC] 2.9.38); table is
// the table stream, or the WordDocument stream for Word 6.0/95.
func pieces(table []byte, f fib) ([]piece, error) {
	start, end := int(f.fcClx), int(f.fcClx)+int(f.lcbClx)
	if f.lcbClx == 0 || start < 0 || end > len(table) || end < start {
		return nil, errors.New("the piece table (Clx) lies outside the table stream")
	}
	clx := table[start:end]
	i := 0
	for i < len(clx) {
		switch clx[i] {
		case 0x01: // Prc: skip its grpprl
			cb, err := u16(clx, i+1)
			if err != nil {
				return nil, err
			}
			i += 3 + int(int16(cb))
			if int(int16(cb)) < 0 {
				return nil, errors.New("negative Prc size")
			}
		case 0x02: // Pcdt
			lcb, err := u32(clx, i+1)
			if err != nil {
				return nil, err
			}
			plc := clx[i+5:]
			if int(lcb) > len(plc) || lcb < 4 {
				return nil, errors.New("PlcPcd outside the Clx")
			}
			plc = plc[:lcb]
			n := (len(plc) - 4) / 12
			out := make([]piece, 0, n)
			for k := 0; k < n; k++ {
				cp0, _ := u32(plc, 4*k)
				cp1, _ := u32(plc, 4*(k+1))
				fcRaw, err := u32(plc, 4*(n+1)+8*k+2)
				if err != nil {
					return nil, err
				}
				p := piece{cpStart: int(cp0), cpEnd: int(cp1), compressed: fcRaw&0x40000000 != 0}
				fc := int(fcRaw & 0x3FFFFFFF)
				switch {
				case f.word6:
					p.compressed = true // Word 6.0/95 text is 8-bit
				case p.compressed:
					fc /= 2
				}
				p.fc = fc
				if p.cpEnd < p.cpStart {
					return nil, errors.New("piece with negative length")
				}
				out = append(out, p)
			}
			return out, nil
		default:
			return nil, fmt.Errorf("unexpected Clx entry %#x", clx[i])
		}
	}
	return nil, errors.New("no piece table in the Clx")
}

// papRun is a run of paragraphs sharing properties, by byte offset in the
// WordDocument stream.
type papRun struct {
	start, end int
	papProps
}

// papProps are the paragraph properties the text needs.
type papProps struct {
	istd    int // paragraph style
	inTable bool
	rowEnd  bool // TTP: the paragraph mark ends a table row
	hasList bool // the paragraph sets its list itself (sprmPIlfo)
	ilfo    int  // list (1-based LFO index), 0 = not in a list
	hasLvl  bool
	ilvl    int // list level
	outline int // sprmPOutLvl + 1, 0 = not set
}

// paragraphRuns reads the PAPX FKPs through the PlcBtePapx, keeping the
// paragraph properties the text needs (papProps), sorted by offset.
// A PAPX too large for its page (a table row with many cells) lives in the
// Data stream, data, and the page holds only sprmPHugePapx pointing to it.
func paragraphRuns(wd, table, data []byte, f fib) []papRun {
	var runs []papRun
	eachFKPRun(wd, table, f.fcBtePapx, f.lcbBtePapx, 13, func(page []byte, start, end, o int) {
		r := papRun{start: start, end: end}
		if o > 0 && o < 511 {
			r.papProps = papxProps(page, o, data)
		}
		runs = append(runs, r)
	})
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

// eachFKPRun walks the FKP pages a PlcBte (at fc, lcb bytes long in the
// table stream) points to and calls visit for each run of each page: its
// file offsets [start, end) and the offset in the page of its properties
// (the run's byte in the page × 2; 0 = none). stride is the size of a run's
// entry after the offsets: 13 for PAPX (a BX), 1 for CHPX.
func eachFKPRun(wd, table []byte, fc, lcb uint32, stride int, visit func(page []byte, start, end, propOff int)) {
	start, end := int(fc), int(fc)+int(lcb)
	if lcb < 12 || end > len(table) || start < 0 || end < start {
		return
	}
	plc := table[start:end]
	n := (len(plc) - 4) / 8
	for k := 0; k < n; k++ {
		pn, _ := u32(plc, 4*(n+1)+4*k)
		off := int(pn&0x3FFFFF) * 512
		if off < 0 || off+512 > len(wd) {
			continue
		}
		page := wd[off : off+512]
		crun := int(page[511])
		for j := 0; j < crun; j++ {
			fc0, e1 := u32(page, 4*j)
			fc1, e2 := u32(page, 4*(j+1))
			at := 4*(crun+1) + stride*j
			if e1 != nil || e2 != nil || at >= 511 {
				break
			}
			visit(page, int(fc0), int(fc1), int(page[at])*2)
		}
	}
}

// papxProps reads the style and sprms of a PapxInFkp at offset o.
func papxProps(page []byte, o int, data []byte) (pp papProps) {
	cb := int(page[o])
	var grp []byte
	if cb != 0 {
		if o+1+2*cb-1 > len(page) {
			return
		}
		grp = page[o+1 : o+1+2*cb-1]
	} else {
		if o+1 >= len(page) {
			return
		}
		cb2 := int(page[o+1])
		if o+2+2*cb2 > len(page) {
			return
		}
		grp = page[o+2 : o+2+2*cb2]
	}
	if len(grp) < 2 {
		return
	}
	pp.istd = int(binary.LittleEndian.Uint16(grp))
	var visit func(sprm uint16, operand []byte)
	visit = func(sprm uint16, operand []byte) {
		switch sprm {
		case 0x6646: // sprmPHugePapx: the rest of the properties in the Data stream
			if len(operand) < 4 {
				return
			}
			at := int(binary.LittleEndian.Uint32(operand))
			cb, err := u16(data, at)
			if err != nil || at+2+int(cb) > len(data) {
				return
			}
			walkSprms(data[at+2:at+2+int(cb)], func(sprm uint16, operand []byte) {
				if sprm != 0x6646 {
					visit(sprm, operand)
				}
			})
		case 0x2416: // sprmPFInTable
			pp.inTable = operand[0] != 0
		case 0x2417, 0x244C: // sprmPFTtp, sprmPFInnerTtp
			pp.rowEnd = pp.rowEnd || operand[0] != 0
		case 0x6649: // sprmPItap: table depth
			if len(operand) >= 4 && binary.LittleEndian.Uint32(operand) > 0 {
				pp.inTable = true
			}
		case 0x260A: // sprmPIlvl
			pp.ilvl, pp.hasLvl = int(operand[0]), true
		case 0x460B: // sprmPIlfo
			if len(operand) >= 2 {
				pp.hasList = true
				pp.ilfo = max(0, int(int16(binary.LittleEndian.Uint16(operand))))
			}
		case 0x2640: // sprmPOutLvl
			if operand[0] < 9 {
				pp.outline = int(operand[0]) + 1
			}
		}
	}
	walkSprms(grp[2:], visit)
	return
}

// charRun holds the character properties of a run of text that decide
// whether a reader sees it, by byte offset in the WordDocument stream.
type charRun struct {
	start, end int
	deleted    bool // a deleted revision, or text struck through by hand
	vanish     byte // sprmCFVanish: 0, 1, 0x80 (as the style), 0x81 (the opposite); 0xFF unset
	cistd      int  // character style (sprmCIstd), -1 for none
}

// charRuns reads the CHPX FKPs through the PlcBteChpx, sorted by offset.
func charRuns(wd, table []byte, f fib) []charRun {
	var runs []charRun
	eachFKPRun(wd, table, f.fcBteChpx, f.lcbBteChpx, 1, func(page []byte, start, end, o int) {
		if o == 0 || o >= 511 {
			return
		}
		cb := int(page[o])
		if o+1+cb > 511 {
			return
		}
		r := charRun{start: start, end: end, vanish: 0xFF, cistd: -1}
		walkSprms(page[o+1:o+1+cb], func(sprm uint16, operand []byte) {
			switch sprm {
			case 0x0800, 0x0837, 0x2A53: // sprmCFRMarkDel, sprmCFStrike, sprmCFDStrike
				// Struck-through text is read as deleted, as the .docx
				// reader does; 0x81 ("the opposite of the style") counts
				// as set: styles are not struck in practice.
				if operand[0] == 1 || operand[0] == 0x81 {
					r.deleted = true
				}
			case 0x083C: // sprmCFVanish
				r.vanish = operand[0]
			case 0x4A30: // sprmCIstd
				if len(operand) >= 2 {
					r.cistd = int(binary.LittleEndian.Uint16(operand))
				}
			}
		})
		if r.deleted || r.vanish != 0xFF || r.cistd >= 0 {
			runs = append(runs, r)
		}
	})
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

func findCharRun(runs []charRun, fc int) (charRun, bool) {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	if i < len(runs) && runs[i].start <= fc {
		return runs[i], true
	}
	return charRun{}, false
}

// invisible reports whether the character at fc is hidden or deleted:
// its own properties, else its character style, else its paragraph
// style. A run can un-hide the text of a hidden style (vanish 0, or 0x81
// "the opposite of the style").
func (w *wordReader) invisible(fc int) bool {
	run, ok := findCharRun(w.chars, fc)
	if ok && run.deleted {
		return true
	}
	style := false
	if ok && run.cistd >= 0 {
		if v, set := styleVanish(w.styles, run.cistd); set {
			style = v
		} else if p, pok := findRun(w.runs, fc); pok {
			style, _ = styleVanish(w.styles, p.istd)
		}
	} else if p, pok := findRun(w.runs, fc); pok {
		style, _ = styleVanish(w.styles, p.istd)
	}
	if !ok {
		return style
	}
	switch run.vanish {
	case 0:
		return false
	case 1:
		return true
	case 0x81:
		return !style
	}
	return style
}

func findRun(runs []papRun, fc int) (papRun, bool) {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	if i < len(runs) && runs[i].start <= fc {
		return runs[i], true
	}
	return papRun{}, false
}
