package reader

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
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
	tableName := "0Table"
	if fib.whichTable {
		tableName = "1Table"
	}
	if streams[tableName] == nil {
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏：缺少表格流（"+tableName+"）", nil)
	}
	table, err := readStream(streams[tableName], int64(len(data)))
	if err != nil {
		return Result{}, newError(Corrupt, "Word 97-2003 文档已损坏，无法读取表格流", err)
	}
	text, headings, warnings, err := wordText(ctx, wd, table, fib)
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
	if ident != 0xA5EC {
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
		// Word 6.0 / 95 keep their text without a piece table in a table stream.
		return f, newError(Unsupported, "这是 Word 6.0/95 格式的旧文档，请用 Word 或 WPS 另存为 .docx 后再导入", nil)
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

// pieces reads the piece table from the Clx ([MS-DOC] 2.9.38).
func pieces(table []byte, f fib) ([]piece, error) {
	start, end := int(f.fcClx), int(f.fcClx)+int(f.lcbClx)
	if f.lcbClx == 0 || start < 0 || end > len(table) || end < start {
		return nil, errors.New("Clx outside the table stream")
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
				if p.compressed {
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
func paragraphRuns(wd, table []byte, f fib) []papRun {
	var runs []papRun
	eachFKPRun(wd, table, f.fcBtePapx, f.lcbBtePapx, 13, func(page []byte, start, end, o int) {
		r := papRun{start: start, end: end}
		if o > 0 && o < 511 {
			r.papProps = papxProps(page, o)
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
func papxProps(page []byte, o int) (pp papProps) {
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
	walkSprms(grp[2:], func(sprm uint16, operand []byte) {
		switch sprm {
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
	})
	return
}

// skippedRuns reads the CHPX FKPs through the PlcBteChpx and returns the
// runs of text a reader does not see: deleted revisions (sprmCFRMarkDel)
// and hidden text (sprmCFVanish), by byte offset, sorted.
func skippedRuns(wd, table []byte, f fib) []papRun {
	var runs []papRun
	eachFKPRun(wd, table, f.fcBteChpx, f.lcbBteChpx, 1, func(page []byte, start, end, o int) {
		if o == 0 || o >= 511 {
			return
		}
		cb := int(page[o])
		if o+1+cb > 511 {
			return
		}
		skip := false
		walkSprms(page[o+1:o+1+cb], func(sprm uint16, operand []byte) {
			switch sprm {
			case 0x0800, 0x083C: // sprmCFRMarkDel, sprmCFVanish
				if operand[0] == 1 || operand[0] == 0x81 {
					skip = true
				}
			}
		})
		if skip {
			runs = append(runs, papRun{start: start, end: end})
		}
	})
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

func findRun(runs []papRun, fc int) (papRun, bool) {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	if i < len(runs) && runs[i].start <= fc {
		return runs[i], true
	}
	return papRun{}, false
}

// wordText rebuilds the main document text: paragraph marks become "\n",
// table cells "\t"-joined rows, field instructions are dropped (their
// results kept), and other control characters removed.
func wordText(ctx context.Context, wd, table []byte, f fib) (string, []Heading, []string, error) {
	ps, err := pieces(table, f)
	if err != nil {
		return "", nil, nil, err
	}
	runs := paragraphRuns(wd, table, f)
	skipped := skippedRuns(wd, table, f)
	lists := parseLists(table, f.fcPlfLst, f.lcbPlfLst, f.fcPlfLfo, f.lcbPlfLfo)
	styles := parseStyles(table, f.fcStshf, f.lcbStshf)
	var warnings []string
	if f.ccpText <= 0 {
		return "", nil, nil, nil
	}

	var (
		out      strings.Builder
		lines    int // lines written to out
		headings []Heading
		heading  int             // heading level of the current paragraph
		cell     strings.Builder // text of the current paragraph or cell
		cells    []string
		fields   []bool // true while in a field's instruction part
		prev     rune
		high     rune // pending UTF-16 high surrogate
		short    bool
	)
	inInstruction := func() bool {
		for _, instr := range fields {
			if instr {
				return true
			}
		}
		return false
	}
	writeOut := func(s string) {
		out.WriteString(s)
		lines += strings.Count(s, "\n")
	}
	lineInTable := false
	paraStart := true
	emit := func(r rune, fc int) {
		if paraStart {
			// A list paragraph starts with the number Word generates; the
			// list and heading level come from the paragraph or its style.
			paraStart = false
			heading = 0
			if run, ok := findRun(runs, fc); ok {
				ilfo, ilvl, _, level := styleProps(styles, run.istd)
				if run.hasList {
					ilfo = run.ilfo
				}
				if run.hasLvl {
					ilvl = run.ilvl
				}
				if ilfo > 0 {
					cell.WriteString(lists.next(ilfo, ilvl))
				}
				if run.outline > 0 {
					level = run.outline
				}
				if !run.inTable {
					heading = level
				}
			}
		}
		switch r {
		case 0x13:
			fields = append(fields, true)
			return
		case 0x14:
			if n := len(fields); n > 0 {
				fields[n-1] = false
			}
			return
		case 0x15:
			if n := len(fields); n > 0 {
				fields = fields[:n-1]
			}
			return
		}
		if inInstruction() {
			return
		}
		switch r {
		case 0x0D:
			run, ok := findRun(runs, fc)
			if ok && run.inTable {
				lineInTable = true
				cell.WriteByte(' ')
				paraStart = true
				break
			}
			if len(cells) > 0 { // a table without row marks we could read
				writeOut(strings.Join(cells, "\t") + "\n")
				cells = nil
			}
			if heading > 0 && strings.TrimSpace(cell.String()) != "" {
				headings = append(headings, Heading{Line: lines, Level: heading})
			}
			writeOut(cell.String() + "\n")
			cell.Reset()
			lineInTable = false
			paraStart = true
		case 0x07:
			paraStart = true
			run, ok := findRun(runs, fc)
			rowEnd := ok && run.rowEnd
			if !ok && prev == 0x07 && cell.Len() == 0 {
				rowEnd = true // no paragraph properties: a mark right after a cell mark ends the row
			}
			if rowEnd {
				if strings.TrimSpace(strings.Join(cells, "")) != "" {
					writeOut(strings.Join(cells, "\t") + "\n")
				}
				cells = nil
				cell.Reset()
				lineInTable = false
				break
			}
			cells = append(cells, strings.Join(strings.Fields(cell.String()), " "))
			cell.Reset()
			lineInTable = true
		case 0x0B, 0x0C, 0x0E, 0x2028, 0x2029:
			if lineInTable {
				cell.WriteByte(' ')
			} else {
				cell.WriteByte('\n')
			}
		case 0x09:
			if lineInTable {
				cell.WriteByte(' ')
			} else {
				cell.WriteByte('\t')
			}
		case 0x1E:
			cell.WriteByte('-')
		default:
			if r < 0x20 {
				break // object anchors, footnote marks, optional hyphens …
			}
			if _, hidden := findRun(skipped, fc); hidden {
				break // deleted revision or hidden text
			}
			cell.WriteRune(r)
		}
		prev = r
	}
	dec1252 := charmap.Windows1252
	for n, p := range ps {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return "", nil, nil, err
			}
		}
		if p.cpStart >= f.ccpText {
			break
		}
		count := min(p.cpEnd, f.ccpText) - p.cpStart
		for i := 0; i < count; i++ {
			if p.compressed {
				fc := p.fc + i
				if fc >= len(wd) {
					short = true
					break
				}
				emit(dec1252.DecodeByte(wd[fc]), fc)
				continue
			}
			fc := p.fc + 2*i
			if fc+2 > len(wd) {
				short = true
				break
			}
			u := rune(binary.LittleEndian.Uint16(wd[fc:]))
			switch {
			case utf16.IsSurrogate(u) && u < 0xDC00:
				high = u
				continue
			case utf16.IsSurrogate(u):
				if high != 0 {
					emit(utf16.DecodeRune(high, u), fc)
				}
				high = 0
				continue
			}
			high = 0
			emit(u, fc)
		}
	}
	if len(cells) > 0 {
		writeOut(strings.Join(cells, "\t") + "\n")
	}
	if heading > 0 && strings.TrimSpace(cell.String()) != "" {
		headings = append(headings, Heading{Line: lines, Level: heading})
	}
	writeOut(cell.String())
	if short {
		warnings = append(warnings, "文档正文不完整（文件可能已损坏），只读取了前面的部分")
	}
	return strings.TrimRight(out.String(), "\n"), headings, warnings, nil
}
