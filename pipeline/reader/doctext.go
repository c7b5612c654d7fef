package reader

// The text of a Word 97–2003 document, story by story, from the pieces,
// runs and properties doc.go reads.

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// wordReader rebuilds the text of a Word document story by story: the
// main text, then the text boxes, then the footnotes and endnotes, each
// note after its mark ("[注1]", as the .docx reader writes them).
type wordReader struct {
	ctx    context.Context
	wd     []byte
	f      fib
	pieces []piece
	runs   []papRun
	chars  []charRun
	lists  *docLists
	styles []docStyle
	dec    *codePage // 8-bit text of Word 6/95 files; nil = Windows-1252

	footRefs, endRefs map[int]string // main-text CP of a note reference → its mark

	// Text boxes: their CP ranges in the text-box story, the main-text CPs
	// of their anchors, the boxes whose anchor was met in the current
	// paragraph, and the ones already written. boxes is nil when the
	// drawing anchors cannot be read: the story then follows the text.
	boxes   []textBox
	anchors map[int][]int
	pending []int
	boxDone map[int]bool
	inBoxes bool
	boxErr  error // the context's error met while writing boxes

	out      *strings.Builder
	lines    int // lines written to out
	headings []Heading
	heading  int             // heading level of the current paragraph
	cell     strings.Builder // text of the current paragraph or cell
	cells    []string
	fields   []bool // true while in a field's instruction part
	prev     rune
	high     rune // pending UTF-16 high surrogate
	short    bool
	inTable  bool // the current line is part of a table row
	start    bool // the next character starts a paragraph
	cp       int  // CP of the character being emitted
	n        int  // characters emitted, for the context checks
}

// wordText rebuilds the document text: paragraph marks become "\n", table
// cells "\t"-joined rows, field instructions are dropped (their results
// kept), and other control characters removed.
func wordText(ctx context.Context, wd, table, data []byte, f fib) (string, []Heading, []string, error) {
	var ps []piece
	var err error
	switch {
	case f.word6 && !f.complex:
		// A Word 6 file saved without fast saves: the text lies in one run.
		ps = []piece{{cpStart: 0, cpEnd: f.ccpAll(), fc: int(f.fcMin), compressed: true}}
	case f.word6:
		ps, err = pieces(wd, f)
	default:
		ps, err = pieces(table, f)
	}
	if err != nil {
		return "", nil, nil, err
	}
	w := &wordReader{ctx: ctx, wd: wd, f: f, pieces: ps, start: true, out: &strings.Builder{}}
	if f.word6 {
		w.dec = word6CodePage(f, wd, ps)
	} else {
		w.runs = paragraphRuns(wd, table, data, f)
		w.chars = charRuns(wd, table, f)
		w.lists = parseLists(table, f.fcPlfLst, f.lcbPlfLst, f.fcPlfLfo, f.lcbPlfLfo)
		w.styles = parseStyles(table, f.fcStshf, f.lcbStshf)
	}
	if f.ccpText <= 0 {
		return "", nil, nil, nil
	}
	// Stories follow each other in CP order ([MS-DOC] 2.3).
	ftnBase := f.ccpText
	ednBase := ftnBase + f.ccpFtn + f.ccpHdd + f.ccpMcr + f.ccpAtn
	txbxBase := ednBase + f.ccpEdn
	footTxt := plcCPs(table, f.fcPlcffndTxt, f.lcbPlcffndTxt, 0)
	endTxt := plcCPs(table, f.fcPlcfendTxt, f.lcbPlcfendTxt, 0)
	if f.ccpTxbx > 0 && !f.word6 {
		w.boxes, w.anchors = textBoxes(table, f, txbxBase)
	}
	w.footRefs = noteRefs(table, f.fcPlcffndRef, f.lcbPlcffndRef, false)
	w.endRefs = noteRefs(table, f.fcPlcfendRef, f.lcbPlcfendRef, true)

	if err := w.story(0, f.ccpText); err != nil {
		return "", nil, nil, err
	}
	w.flush()
	// Text boxes: the host's position lives in the drawing layer, so their
	// text follows the main text, in the order of the text-box story.
	if f.ccpTxbx > 0 && txbxBase+f.ccpTxbx <= f.ccpAll() {
		if w.boxes == nil {
			w.newStory()
			if err := w.story(txbxBase, txbxBase+f.ccpTxbx); err != nil {
				return "", nil, nil, err
			}
			w.flush()
		} else {
			// Text boxes whose anchor was not met follow the text.
			for i := range w.boxes {
				w.pending = append(w.pending, i)
			}
			if err := w.emitBoxes(); err != nil {
				return "", nil, nil, err
			}
		}
	}
	for _, notes := range []struct {
		base, count int
		cps         []int
		refs        map[int]string
	}{{ftnBase, f.ccpFtn, footTxt, w.footRefs}, {ednBase, f.ccpEdn, endTxt, w.endRefs}} {
		if notes.count <= 0 || len(notes.cps) < 2 {
			continue
		}
		marks := sortedMarks(notes.refs)
		for i := 0; i+1 < len(notes.cps) && i < len(marks); i++ {
			cp0, cp1 := notes.base+notes.cps[i], notes.base+notes.cps[i+1]
			if cp0 < notes.base || cp1 > notes.base+notes.count || cp1 <= cp0 {
				continue
			}
			w.newStory()
			main, mainLines := w.out, w.lines
			w.out = &strings.Builder{}
			err := w.story(cp0, cp1)
			w.flush()
			// The note's own number was a control character; the space
			// after it goes with it.
			note := strings.TrimLeft(w.out.String(), " \t\n")
			w.out, w.lines = main, mainLines
			if err != nil {
				return "", nil, nil, err
			}
			if note != "" {
				w.writeOut(marks[i] + " " + note)
			}
		}
	}
	var warnings []string
	hddBase := f.ccpText + f.ccpFtn
	if strings.TrimSpace(w.out.String()) == "" && f.ccpHdd > 0 && hddBase+f.ccpHdd <= f.ccpAll() {
		// Nothing in the text: the headers and footers are all there is
		// (a letterhead saved on its own, a form in the header).
		w.newStory()
		if err := w.story(hddBase, hddBase+f.ccpHdd); err != nil {
			return "", nil, nil, err
		}
		w.flush()
		if strings.TrimSpace(w.out.String()) != "" {
			warnings = append(warnings, "正文是空的，只在页眉页脚里找到文字，已读取页眉页脚")
		}
	}
	if w.short {
		warnings = append(warnings, "文档正文不完整（文件可能已损坏），只读取了前面的部分")
	}
	text := strings.TrimRight(w.out.String(), "\n")
	// Blank paragraphs before the first text (a main text left empty
	// above text boxes) are dropped, and the headings move up with them.
	blank := 0
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 || strings.TrimSpace(text[:i]) != "" {
			break
		}
		text = text[i+1:]
		blank++
	}
	if blank > 0 {
		for i := range w.headings {
			w.headings[i].Line -= blank
		}
	}
	return text, w.headings, warnings, nil
}

// textBox is one text box of the text-box story, by absolute CP.
type textBox struct{ cp0, cp1 int }

// textBoxes reads the text boxes of the text-box story (PlcftxbxTxt, whose
// FTXBXS name the shape of each box) and the anchors of the shapes in the
// main text (PlcSpaMom, whose FSPA name the shape): a text box follows the
// paragraph that anchors it, as in .docx. Reused (deleted) boxes are left
// out.
func textBoxes(table []byte, f fib, base int) ([]textBox, map[int][]int) {
	const cbFTXBXS, cbFSPA = 22, 26
	cps := plcCPs(table, f.fcPlcftxbxTxt, f.lcbPlcftxbxTxt, cbFTXBXS)
	if len(cps) < 2 {
		return nil, nil
	}
	n := len(cps) - 1
	dataAt := int(f.fcPlcftxbxTxt) + 4*(n+1)
	var boxes []textBox
	bySpid := map[uint32]int{}
	for i := 0; i < n; i++ {
		e := dataAt + cbFTXBXS*i
		reusable, err1 := u16(table, e+8)
		spid, err2 := u32(table, e+14)
		if err1 != nil || err2 != nil {
			return nil, nil
		}
		cp0, cp1 := base+cps[i], base+cps[i+1]
		if reusable != 0 || cp1 <= cp0 || cps[i] < 0 || cp1 > base+f.ccpTxbx {
			continue
		}
		bySpid[spid] = len(boxes)
		boxes = append(boxes, textBox{cp0, cp1})
	}
	anchors := map[int][]int{}
	spa := plcCPs(table, f.fcPlcSpaMom, f.lcbPlcSpaMom, cbFSPA)
	if len(spa) >= 2 {
		at := int(f.fcPlcSpaMom) + 4*len(spa)
		for i, cp := range spa[:len(spa)-1] {
			spid, err := u32(table, at+cbFSPA*i)
			if err != nil {
				break
			}
			if b, ok := bySpid[spid]; ok {
				anchors[cp] = append(anchors[cp], b)
			}
		}
	}
	return boxes, anchors
}

// emitBoxes writes the pending text boxes not yet written, each as a
// story of its own, and leaves the reader ready for the next paragraph.
func (w *wordReader) emitBoxes() error {
	if w.inBoxes || len(w.pending) == 0 {
		return nil
	}
	w.inBoxes = true
	defer func() { w.inBoxes = false }()
	if w.boxDone == nil {
		w.boxDone = map[int]bool{}
	}
	pending := w.pending
	w.pending = nil
	fields, inTable := w.fields, w.inTable
	for _, b := range pending {
		if w.boxDone[b] {
			continue
		}
		w.boxDone[b] = true
		w.newStory()
		if err := w.story(w.boxes[b].cp0, w.boxes[b].cp1); err != nil {
			return err
		}
		w.flush()
	}
	w.fields, w.inTable, w.start, w.prev = fields, inTable, true, 0
	return nil
}

// sortedMarks returns the marks of a notes map in CP order.
func sortedMarks(refs map[int]string) []string {
	cps := make([]int, 0, len(refs))
	for cp := range refs {
		cps = append(cps, cp)
	}
	sort.Ints(cps)
	out := make([]string, len(cps))
	for i, cp := range cps {
		out[i] = refs[cp]
	}
	return out
}

// plcCPs reads the CPs of a PLC whose data elements are cbData bytes each.
func plcCPs(table []byte, fc, lcb uint32, cbData int) []int {
	start, end := int(fc), int(fc)+int(lcb)
	if lcb < 4 || start < 0 || end > len(table) || end < start {
		return nil
	}
	n := (int(lcb) - 4) / (4 + cbData) // data elements; CPs are n+1
	var cps []int
	for i := 0; i <= n; i++ {
		v, err := u32(table, start+4*i)
		if err != nil {
			return nil
		}
		cps = append(cps, int(int32(v)))
	}
	return cps
}

// noteRefs reads a PlcffndRef or PlcfendRef: the CPs of the references in
// the main text (each with a 2-byte FRD), numbered in order.
func noteRefs(table []byte, fc, lcb uint32, endnote bool) map[int]string {
	cps := plcCPs(table, fc, lcb, 2)
	if len(cps) < 2 {
		return nil
	}
	refs := map[int]string{}
	for i, cp := range cps[:len(cps)-1] {
		if endnote {
			refs[cp] = fmt.Sprintf("[尾注%d]", i+1)
		} else {
			refs[cp] = fmt.Sprintf("[注%d]", i+1)
		}
	}
	return refs
}

func (w *wordReader) writeOut(s string) {
	w.out.WriteString(s)
	w.lines += strings.Count(s, "\n")
}

// flush ends the story being read: whatever is left of its last line.
func (w *wordReader) flush() {
	if len(w.cells) > 0 {
		w.writeOut(strings.Join(w.cells, "\t") + "\n")
		w.cells = nil
	}
	if s := w.cell.String(); strings.TrimSpace(s) != "" {
		if w.heading > 0 {
			w.headings = append(w.headings, Heading{Line: w.lines, Level: w.heading})
		}
		w.writeOut(s + "\n")
	}
	w.cell.Reset()
	w.heading = 0
}

// newStory resets the state a story does not inherit from the one before.
func (w *wordReader) newStory() {
	w.fields = nil
	w.inTable = false
	w.start = true
	w.prev = 0
	w.high = 0
}

// story emits the characters of CPs [cp0, cp1) through the piece table.
func (w *wordReader) story(cp0, cp1 int) error {
	for _, p := range w.pieces {
		if p.cpEnd <= cp0 || p.cpStart >= cp1 {
			continue
		}
		from, to := max(p.cpStart, cp0), min(p.cpEnd, cp1)
		for cp := from; cp < to; cp++ {
			if w.boxErr != nil {
				return w.boxErr
			}
			if w.n++; w.n%4096 == 0 {
				if err := w.ctx.Err(); err != nil {
					return err
				}
			}
			i := cp - p.cpStart
			w.cp = cp
			if p.compressed {
				fc := p.fc + i
				if fc >= len(w.wd) {
					w.short = true
					return nil
				}
				if w.dec != nil {
					if r, size := w.dec.decode(w.wd[fc:]); size > 1 {
						w.emit(r, fc)
						cp += size - 1 // a double-byte character counts as two CPs
						continue
					}
				}
				w.emit(w.decodeByte(w.wd[fc]), fc)
				continue
			}
			fc := p.fc + 2*i
			if fc+2 > len(w.wd) {
				w.short = true
				return nil
			}
			u := rune(binary.LittleEndian.Uint16(w.wd[fc:]))
			switch {
			case utf16.IsSurrogate(u) && u < 0xDC00:
				w.high = u
				continue
			case utf16.IsSurrogate(u):
				if w.high != 0 {
					w.emit(utf16.DecodeRune(w.high, u), fc)
				}
				w.high = 0
				continue
			}
			w.high = 0
			w.emit(u, fc)
		}
	}
	return nil
}

func (w *wordReader) decodeByte(b byte) rune {
	if w.dec != nil {
		r, _ := w.dec.decode([]byte{b})
		return r
	}
	return charmap.Windows1252.DecodeByte(b)
}

func (w *wordReader) inInstruction() bool {
	for _, instr := range w.fields {
		if instr {
			return true
		}
	}
	return false
}

// paragraphStart adds the list number Word generates for the paragraph
// at fc; the list and heading level come from the paragraph or its style.
func (w *wordReader) paragraphStart(fc int) {
	w.start = false
	w.heading = 0
	run, ok := findRun(w.runs, fc)
	if !ok {
		return
	}
	ilfo, ilvl, _, level := styleProps(w.styles, run.istd)
	if run.hasList {
		ilfo = run.ilfo
	}
	if run.hasLvl {
		ilvl = run.ilvl
	}
	if ilfo > 0 {
		w.cell.WriteString(w.lists.next(ilfo, ilvl))
	}
	if run.outline > 0 {
		level = run.outline
	}
	if !run.inTable {
		w.heading = level
	}
}

func (w *wordReader) emit(r rune, fc int) {
	if w.start {
		w.paragraphStart(fc)
	}
	switch r {
	case 0x13:
		w.fields = append(w.fields, true)
		return
	case 0x14:
		if n := len(w.fields); n > 0 {
			w.fields[n-1] = false
		}
		return
	case 0x15:
		if n := len(w.fields); n > 0 {
			w.fields = w.fields[:n-1]
		}
		return
	}
	if w.inInstruction() {
		return
	}
	switch r {
	case 0x0D:
		run, ok := findRun(w.runs, fc)
		if ok && run.inTable {
			w.inTable = true
			w.cell.WriteByte(' ')
			w.start = true
			break
		}
		if len(w.cells) > 0 { // a table without row marks we could read
			w.writeOut(strings.Join(w.cells, "\t") + "\n")
			w.cells = nil
		}
		if w.heading > 0 && strings.TrimSpace(w.cell.String()) != "" {
			w.headings = append(w.headings, Heading{Line: w.lines, Level: w.heading})
		}
		w.writeOut(w.cell.String() + "\n")
		w.cell.Reset()
		w.inTable = false
		w.start = true
		w.boxErr = w.emitBoxes()
	case 0x07:
		w.start = true
		run, ok := findRun(w.runs, fc)
		rowEnd := ok && run.rowEnd
		if !ok && w.prev == 0x07 && w.cell.Len() == 0 {
			rowEnd = true // no paragraph properties: a mark right after a cell mark ends the row
		}
		if rowEnd {
			if strings.TrimSpace(strings.Join(w.cells, "")) != "" {
				w.writeOut(strings.Join(w.cells, "\t") + "\n")
			}
			w.cells = nil
			w.cell.Reset()
			w.inTable = false
			w.boxErr = w.emitBoxes()
			break
		}
		w.cells = append(w.cells, strings.Join(strings.Fields(w.cell.String()), " "))
		w.cell.Reset()
		w.inTable = true
	case 0x0B, 0x0C, 0x0E, 0x2028, 0x2029:
		if w.inTable {
			w.cell.WriteByte(' ')
		} else {
			w.cell.WriteByte('\n')
		}
	case 0x09:
		if w.inTable {
			w.cell.WriteByte(' ')
		} else {
			w.cell.WriteByte('\t')
		}
	case 0x1E:
		w.cell.WriteByte('-')
	default:
		if b, ok := w.anchors[w.cp]; ok && w.cp < w.f.ccpText && !w.inBoxes {
			w.pending = append(w.pending, b...)
		}
		if w.invisible(fc) {
			break // deleted revision, hidden or struck-through text
		}
		if mark, ok := w.footRefs[w.cp]; ok && w.cp < w.f.ccpText {
			w.cell.WriteString(mark)
		} else if mark, ok := w.endRefs[w.cp]; ok && w.cp < w.f.ccpText {
			w.cell.WriteString(mark)
		}
		if r < 0x20 {
			break // object anchors, automatic note numbers, optional hyphens …
		}
		w.cell.WriteRune(r)
	}
	w.prev = r
}
