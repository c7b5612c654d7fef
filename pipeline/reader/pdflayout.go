package reader

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// Layout: the characters PDFium gives in content-stream order are placed
// in a frame where their line runs left to right (rotated text is turned
// back, vertical CJK text is laid on its side), cut into segments (runs
// that advance along one baseline), segments into lines (same baseline,
// no column gutter between them), lines into blocks (lines stacked
// closely over each other: a paragraph, a column, a table cell). Blocks
// keep the order the producer wrote them in, which is the reading order
// of columns; repeated page furniture is dropped, and the lines are
// joined into paragraphs.

// glyph is one character in the frame of its line.
type glyph struct {
	r      rune
	x0, x1 float64 // extent along the baseline
	y      float64 // baseline; lines further down the page have a smaller y
	size   float64
	idx    int  // position in the content stream
	spaced bool // a space was written before it
	gen    bool // PDFium generated a space before it
}

// segment is a run of glyphs along one baseline, in drawing order.
type segment struct {
	glyphs []glyph
	x0, x1 float64
	y      float64
	size   float64
	idx    int // first glyph's position in the content stream
}

// pdfLine is one rebuilt line.
type pdfLine struct {
	text   string
	x0, x1 float64
	y      float64
	size   float64
	idx    int
	page   int
	block  int
	first  bool // first line of its block
	pageY  float64
	furn   bool // page furniture
	tabbed bool // joined from table cells
	cells  []pdfLine
}

// frame says how a group of characters is turned so that its lines run
// left to right, top to bottom.
type frame struct {
	angle    int // direction of the baseline, degrees
	vertical bool
}

const (
	baselineTol = 0.35 // share of the font size two baselines may differ by
	lineGap     = 1.2  // gap, in font sizes, that separates two lines on one baseline
	blockPitch  = 2.6  // baseline distance, in font sizes, within one block
)

func (f frame) apply(x, y float64) (float64, float64) {
	s, c := math.Sincos(float64(f.angle) * math.Pi / 180)
	fx, fy := x*c+y*s, -x*s+y*c
	if f.vertical {
		return -fy, fx
	}
	return fx, fy
}

// charAngle is the direction of a character's baseline, rounded to a
// right angle when it is within a few degrees of one.
func charAngle(c pdfChar) int {
	deg := c.angle
	if math.IsNaN(deg) || math.IsInf(deg, 0) {
		return 0
	}
	r := math.Round(deg/90) * 90
	if math.Abs(deg-r) < 5 {
		deg = r
	}
	a := int(math.Round(math.Mod(deg, 360)))
	return ((a % 360) + 360) % 360
}

// inFrame is a character's box in a frame: its extent along the baseline
// (x0–x1) and across it (y0–y1, y0 the bottom, taken as the baseline).
func inFrame(f frame, b rect) (x0, x1, y0, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{b.left, b.bottom}, {b.right, b.bottom}, {b.left, b.top}, {b.right, b.top}} {
		px, py := f.apply(p[0], p[1])
		x0, x1 = math.Min(x0, px), math.Max(x1, px)
		y0, y1 = math.Min(y0, py), math.Max(y1, py)
	}
	return x0, x1, y0, y1
}

// pageGlyphs places the page's characters in frames and drops spaces
// (remembered on the next glyph), overprinted duplicates (fake bold) and
// characters without a usable Unicode value.
func pageGlyphs(chars []pdfChar) map[frame][]glyph {
	angles := make([]int, len(chars))
	for i, c := range chars {
		angles[i] = charAngle(c)
	}
	vertical := verticalRuns(chars, angles)
	out := map[frame][]glyph{}
	type cell struct {
		r    rune
		x, y int
	}
	seen := map[cell][]float64{}
	spaced, gen := false, false
	for i, c := range chars {
		if c.space {
			if c.generated {
				gen = true
			} else {
				spaced = true
			}
			continue
		}
		if c.bad || junkRune(c.r) {
			continue
		}
		f := frame{angle: angles[i], vertical: vertical[i]}
		x0, x1, y0, y1 := inFrame(f, c.box)
		size := y1 - y0
		if !(size > 0) || math.IsInf(size, 0) || size > 2000 {
			continue // no extent: nothing to place
		}
		if !(x1 > x0) || x1-x0 > 4*size {
			x1 = x0 + size*advanceGuess(c.r)
		}
		// Fake bold: the same character drawn again a hair away.
		k := cell{c.r, int(math.Round(x0 / 2)), int(math.Round(y0 / 2))}
		dup := false
		for dx := -1; dx <= 1 && !dup; dx++ {
			for dy := -1; dy <= 1 && !dup; dy++ {
				for _, s := range seen[cell{c.r, k.x + dx, k.y + dy}] {
					if math.Abs(s-x0) < 0.3*math.Min(x1-x0, size) {
						dup = true
						break
					}
				}
			}
		}
		if dup {
			spaced, gen = false, false
			continue
		}
		seen[k] = append(seen[k], x0)
		out[f] = append(out[f], glyph{r: c.r, x0: x0, x1: x1, y: y0, size: size, idx: i, spaced: spaced, gen: gen})
		spaced, gen = false, false
	}
	return out
}

func advanceGuess(r rune) float64 {
	if cjkWide(r) {
		return 1
	}
	return 0.5
}

// verticalRuns marks characters set in vertical writing: three or more in
// a row (content order) each about one em below the last, upright.
func verticalRuns(chars []pdfChar, angles []int) []bool {
	v := make([]bool, len(chars))
	var run []int
	flush := func() {
		if len(run) >= 3 {
			for _, i := range run {
				v[i] = true
			}
		}
		run = run[:0]
	}
	// The bottom left corner: vertical punctuation (。、) sits off the
	// centre of its cell, its cell's corner does not.
	corner := func(f frame, b rect) (float64, float64, float64) {
		x0, _, y0, y1 := inFrame(f, b)
		return x0, y0, y1 - y0
	}
	prev := -1
	for i, c := range chars {
		if c.space || c.bad {
			continue
		}
		if prev >= 0 && angles[prev] == angles[i] {
			f := frame{angle: angles[i]}
			px, py, size := corner(f, chars[prev].box)
			x, y, _ := corner(f, c.box)
			if size > 0 && math.Abs(x-px) < 0.3*size && py-y > 0.6*size && py-y < 2.2*size {
				if len(run) == 0 {
					run = append(run, prev)
				}
				run = append(run, i)
				prev = i
				continue
			}
		}
		flush()
		prev = i
	}
	flush()
	return v
}

// segments cuts a frame's glyphs, in drawing order, into runs along one
// baseline.
func segments(gs []glyph) []segment {
	var out []segment
	var cur *segment
	for _, g := range gs {
		if cur != nil {
			size := math.Max(cur.size, g.size)
			if math.Abs(g.y-cur.y) <= baselineTol*size && g.x0 >= cur.x1-0.35*size && g.x0-cur.x1 <= gapLimit(g, size) {
				cur.glyphs = append(cur.glyphs, g)
				cur.x1 = math.Max(cur.x1, g.x1)
				continue
			}
		}
		out = append(out, segment{glyphs: []glyph{g}, x0: g.x0, x1: g.x1, y: g.y, size: g.size, idx: g.idx})
		cur = &out[len(out)-1]
	}
	for i := range out {
		out[i].size = medianSize(out[i].glyphs)
	}
	return out
}

// gapLimit is the widest gap before g that still joins it to the glyphs
// on its left: written spaces (目　　录, label and value) fill a gap, an
// empty one as wide is a gutter or a table cell.
func gapLimit(g glyph, size float64) float64 {
	if g.spaced {
		return 3.2 * size
	}
	return lineGap * size
}

func medianSize(gs []glyph) float64 {
	sizes := make([]float64, len(gs))
	for i, g := range gs {
		sizes[i] = g.size
	}
	sort.Float64s(sizes)
	return sizes[len(sizes)/2]
}

// block is lines stacked over each other.
type block struct {
	lines  []pdfLine
	idx    int
	x0, x1 float64 // extent of its lines
}

// frameBlocks builds lines from segments on one baseline and stacks the
// lines into blocks.
func frameBlocks(segs []segment) []block {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].y > segs[j].y })
	// Rows: segments on one baseline.
	var rows [][]segment
	for _, s := range segs {
		if n := len(rows); n > 0 {
			first := rows[n-1][0]
			if math.Abs(first.y-s.y) <= baselineTol*math.Max(first.size, s.size) {
				rows[n-1] = append(rows[n-1], s)
				continue
			}
		}
		rows = append(rows, []segment{s})
	}
	// Lines: the segments of a row, left to right, cut where a gap shows
	// a column gutter or a table cell.
	var lines []pdfLine
	for _, row := range rows {
		sort.SliceStable(row, func(i, j int) bool { return row[i].x0 < row[j].x0 })
		var cur []segment
		end := math.Inf(-1)
		for _, s := range row {
			if len(cur) > 0 && s.x0-end > gapLimit(s.glyphs[0], math.Max(s.size, cur[len(cur)-1].size)) {
				lines = append(lines, lineOf(cur))
				cur = nil
			}
			cur = append(cur, s)
			end = math.Max(end, s.x1)
		}
		if len(cur) > 0 {
			lines = append(lines, lineOf(cur))
		}
	}
	// Blocks: a line goes under the one block whose last line is just
	// above it and overlaps it; a line under two blocks starts its own.
	var blocks []block
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		cand := -1
		for i := range blocks {
			last := blocks[i].lines[len(blocks[i].lines)-1]
			size := math.Max(last.size, l.size)
			dy := last.y - l.y
			if dy <= 0.5*size || dy > blockPitch*size {
				continue
			}
			if math.Min(blocks[i].x1, l.x1)-math.Max(blocks[i].x0, l.x0) <= 0 {
				continue
			}
			if r := l.size / last.size; r > 1.3 || r < 1/1.3 {
				continue
			}
			if cand >= 0 {
				cand = -2
				break
			}
			cand = i
		}
		if cand >= 0 {
			b := &blocks[cand]
			b.lines = append(b.lines, l)
			b.idx = min(b.idx, l.idx)
			b.x0, b.x1 = math.Min(b.x0, l.x0), math.Max(b.x1, l.x1)
			continue
		}
		blocks = append(blocks, block{lines: []pdfLine{l}, idx: l.idx, x0: l.x0, x1: l.x1})
	}
	return mergeTables(blocks)
}

// mergeTables finds blocks that are the columns of a table — side by
// side, starting on one baseline, their lines mostly on shared
// baselines, not columns of prose — and rebuilds them as rows, the cells
// of a row joined by tabs.
func mergeTables(blocks []block) []block {
	parent := make([]int, len(blocks))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	merged := false
	for i := range blocks {
		for j := i + 1; j < len(blocks); j++ {
			if tableColumns(blocks[i], blocks[j]) {
				parent[find(j)] = find(i)
				merged = true
			}
		}
	}
	if !merged {
		return blocks
	}
	groups := map[int][]int{}
	var roots []int
	for i := range blocks {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	out := make([]block, 0, len(roots))
	for _, r := range roots {
		members := groups[r]
		if len(members) == 1 {
			out = append(out, blocks[r])
			continue
		}
		var lines []pdfLine
		nb := block{idx: blocks[r].idx, x0: blocks[r].x0, x1: blocks[r].x1}
		for _, m := range members {
			lines = append(lines, blocks[m].lines...)
			nb.idx = min(nb.idx, blocks[m].idx)
			nb.x0, nb.x1 = math.Min(nb.x0, blocks[m].x0), math.Max(nb.x1, blocks[m].x1)
		}
		sort.SliceStable(lines, func(a, b int) bool { return lines[a].y > lines[b].y })
		for _, l := range lines {
			if n := len(nb.lines); n > 0 {
				prev := &nb.lines[n-1]
				if math.Abs(prev.y-l.y) <= baselineTol*math.Max(prev.size, l.size) {
					prev.cells = append(prev.cells, l)
					continue
				}
			}
			l.cells = []pdfLine{l}
			nb.lines = append(nb.lines, l)
		}
		for i := range nb.lines {
			row := &nb.lines[i]
			if len(row.cells) < 2 {
				row.cells = nil
				continue
			}
			sort.SliceStable(row.cells, func(a, b int) bool { return row.cells[a].x0 < row.cells[b].x0 })
			texts := make([]string, len(row.cells))
			for k, c := range row.cells {
				texts[k] = c.text
				row.x0, row.x1 = math.Min(row.x0, c.x0), math.Max(row.x1, c.x1)
				row.idx = min(row.idx, c.idx)
			}
			row.text = strings.Join(texts, "\t")
			row.tabbed = true
			row.cells = nil
		}
		out = append(out, nb)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].idx < out[j].idx })
	return out
}

// tableColumns reports whether two blocks are parts of one table: side
// by side, neither of them prose, their lines on shared baselines (rows).
func tableColumns(a, b block) bool {
	if a.x1 > b.x0 && b.x1 > a.x0 {
		return false // not side by side
	}
	if prose(a) || prose(b) {
		return false
	}
	small, big := a, b
	if len(small.lines) > len(big.lines) {
		small, big = big, small
	}
	matched := 0
	for _, l := range small.lines {
		for _, m := range big.lines {
			if math.Abs(l.y-m.y) <= baselineTol*math.Max(l.size, m.size) {
				matched++
				break
			}
		}
	}
	if len(small.lines) == 1 {
		return matched == 1
	}
	return matched >= 2 && float64(matched) >= 0.5*float64(len(small.lines))
}

// prose reports a block of running text: four lines or more, nearly all
// of them (but the last) filling the measure.
func prose(b block) bool {
	n := len(b.lines)
	if n < 4 {
		return false
	}
	full := 0
	for _, l := range b.lines[:n-1] {
		if l.x1 >= b.x1-0.5*l.size {
			full++
		}
	}
	return float64(full) >= 0.75*float64(n-1)
}

// lineOf writes the segments of one line: no space between CJK
// characters, a space between words where one was written or the gap
// shows one.
func lineOf(segs []segment) pdfLine {
	var b strings.Builder
	l := pdfLine{x0: segs[0].x0, x1: segs[0].x1, y: segs[0].y, idx: segs[0].idx}
	var all []glyph
	var prev *glyph
	for si := range segs {
		s := &segs[si]
		l.x0, l.x1 = math.Min(l.x0, s.x0), math.Max(l.x1, s.x1)
		l.idx = min(l.idx, s.idx)
		for gi := range s.glyphs {
			g := &s.glyphs[gi]
			if prev != nil {
				size := math.Max(prev.size, g.size)
				gap := g.x0 - prev.x1
				a, z := cjkWide(prev.r), cjkWide(g.r)
				switch {
				case a && z:
				case !a && !z:
					if g.spaced || g.gen || gap > 0.15*size {
						b.WriteByte(' ')
					}
				default:
					if (g.spaced && gap > 0) || gap > 0.6*size {
						b.WriteByte(' ')
					}
				}
			}
			b.WriteRune(g.r)
			prev = g
			all = append(all, *g)
		}
	}
	l.text = strings.TrimSpace(b.String())
	if len(all) > 0 {
		l.size = medianSize(all)
	}
	return l
}

// cjkWide reports characters set on a full em: Han, kana, Hangul and
// CJK punctuation; no space is written between two of them.
func cjkWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x2E80 && r <= 0x2FFF) ||
		r == '…' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·'
}

// pageLines lays out one page: its blocks in drawing order, each block's
// lines top to bottom, with single-line blocks side by side on one
// baseline (table rows) joined by tabs.
func pageLines(p pdfPage, page int) []pdfLine {
	groups := pageGlyphs(p.chars)
	type fb struct {
		b block
		f frame
	}
	var all []fb
	for f, gs := range groups {
		for _, b := range frameBlocks(segments(gs)) {
			all = append(all, fb{b, f})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].b.idx < all[j].b.idx })
	var out []pdfLine
	for bi, x := range all {
		for li, l := range x.b.lines {
			l.page, l.block, l.first = page, bi, li == 0
			l.pageY = math.NaN()
			if x.f == (frame{}) {
				l.pageY = l.y
			}
			if n := len(out); n > 0 && li == 0 && len(x.b.lines) == 1 {
				prev := &out[n-1]
				if prev.block == bi-1 && l.x0 > prev.x1 && math.Abs(prev.y-l.y) <= baselineTol*math.Max(prev.size, l.size) &&
					(prev.first || prev.tabbed) {
					prev.text += "\t" + l.text
					prev.x1 = l.x1
					prev.tabbed = true
					prev.block = bi
					continue
				}
			}
			out = append(out, l)
		}
	}
	return out
}

var (
	rePageNumber = lazyre.New(`^(第\s*[\d一二三四五六七八九十百]+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–－\s]*\d+[-—–－\s]*|\d+\s*/\s*\d+|page\s*\d+(\s*(of|/)\s*\d+)?|[（(]\s*\d+\s*[)）])$`)
	// reItemMore is what starts a new item besides a heading or list
	// number (zhtext.StartsWithNumber): chapters, 一是, month labels, 附件.
	reItemMore = lazyre.New(`^(第[一二三四五六七八九十\d]+[章节条部分篇]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+月份?[：:、]|附[件：:])`)
	reDigits   = lazyre.New(`\d+`)
)

// markFurniture marks running headers and footers: the same text (page
// numbers counted as equal) at the same height on many pages, and page
// numbers at the top or bottom of a page.
func markFurniture(pages [][]pdfLine, heights []float64) {
	type key struct {
		text string
		y    int
	}
	norm := func(s string) string {
		return reDigits.ReplaceAllString(strings.Join(strings.Fields(s), ""), "#")
	}
	count := map[key]map[int]bool{}
	for p, lines := range pages {
		for _, l := range lines {
			if math.IsNaN(l.pageY) {
				continue
			}
			k := key{norm(l.text), int(math.Round(l.pageY / 3))}
			if count[k] == nil {
				count[k] = map[int]bool{}
			}
			count[k][p] = true
		}
	}
	pagesWith := func(k key) int {
		seen := map[int]bool{}
		for dy := -1; dy <= 1; dy++ {
			for p := range count[key{k.text, k.y + dy}] {
				seen[p] = true
			}
		}
		return len(seen)
	}
	n := len(pages)
	for p, lines := range pages {
		h := heights[p]
		for i := range lines {
			l := &lines[i]
			if math.IsNaN(l.pageY) {
				continue
			}
			edge := h > 0 && (l.pageY > 0.85*h || l.pageY < 0.15*h)
			text := strings.ToLower(strings.TrimSpace(l.text))
			outer := i == 0 || i == len(lines)-1
			if (edge || outer) && len(lines) > 1 && rePageNumber.MatchString(text) {
				l.furn = true
				continue
			}
			if n < 2 || !edge || utf8.RuneCountInString(text) > 60 {
				continue
			}
			k := key{norm(l.text), int(math.Round(l.pageY / 3))}
			if c := pagesWith(k); c >= 2 && (c >= 3 || n <= 3) && float64(c) >= 0.3*float64(n) {
				l.furn = true
			}
		}
	}
}

// layoutPDF lays out every page and joins the lines into paragraphs.
func layoutPDF(pages []pdfPage) string {
	all := make([][]pdfLine, len(pages))
	heights := make([]float64, len(pages))
	for i, p := range pages {
		all[i] = pageLines(p, i)
		heights[i] = p.h
	}
	markFurniture(all, heights)
	var lines []pdfLine
	for _, ls := range all {
		for _, l := range ls {
			if !l.furn {
				lines = append(lines, l)
			}
		}
	}
	return joinParagraphs(lines)
}

// blockMetrics are a block's left margin, right margin and line pitch.
type blockMetrics struct {
	left, right, pitch float64
	n                  int
}

func metricsOf(lines []pdfLine) map[[2]int]*blockMetrics {
	groups := map[[2]int][]pdfLine{}
	for _, l := range lines {
		k := [2]int{l.page, l.block}
		groups[k] = append(groups[k], l)
	}
	out := map[[2]int]*blockMetrics{}
	for k, ls := range groups {
		out[k] = &blockMetrics{left: commonLeft(ls), right: commonRight(ls), pitch: commonSpacing(ls), n: len(ls)}
	}
	return out
}

// joinParagraphs turns lines into paragraphs: a line that runs to the
// right edge of its block continues on the next line unless the next is
// indented, starts with an item number (一、（一）1、①), has another
// size, or is set apart by a larger gap. A paragraph may go on in the
// next column or on the next page when its block ends full and the next
// starts flush.
func joinParagraphs(lines []pdfLine) string {
	if len(lines) == 0 {
		return ""
	}
	m := metricsOf(lines)
	var b strings.Builder
	b.WriteString(lines[0].text)
	for i := 1; i < len(lines); i++ {
		prev, cur := lines[i-1], lines[i]
		pm, cm := m[[2]int{prev.page, prev.block}], m[[2]int{cur.page, cur.block}]
		size := math.Max(prev.size, 1)
		reachesRight := prev.x1 >= pm.right-1.6*size
		indented := cur.x0 > cm.left+0.8*size
		item := startsItem(cur.text)
		sameSize := math.Abs(cur.size-prev.size) < 0.15*size
		join := reachesRight && !indented && !item && sameSize && !prev.tabbed && !cur.tabbed

		if join && pm == cm {
			join = !(pm.pitch > 0 && prev.y-cur.y > 1.6*pm.pitch)
		} else if join {
			// Into another block: a column or page break inside a
			// paragraph, not a table cell or a new paragraph below.
			newColumn := cur.page != prev.page || cur.y > prev.y
			join = newColumn && pm.n >= 2 && cm.n >= 1 && cur.first
		}
		if join {
			last, _ := utf8.DecodeLastRuneInString(prev.text)
			first, _ := utf8.DecodeRuneInString(cur.text)
			if !cjkWide(last) && !cjkWide(first) && last != '-' {
				b.WriteByte(' ')
			}
			b.WriteString(cur.text)
			continue
		}
		b.WriteByte('\n')
		b.WriteString(cur.text)
	}
	return b.String()
}

// commonLeft is a block's left margin: the leftmost edge that several
// lines share (continuation lines of indented paragraphs sit there), so
// that an indented first line stands out.
func commonLeft(lines []pdfLine) float64 {
	counts := map[int]int{}
	for _, l := range lines {
		counts[int(math.Round(l.x0))]++
	}
	need := max(2, len(lines)/20)
	best := math.Inf(1)
	for x, n := range counts {
		if n >= need && float64(x) < best {
			best = float64(x)
		}
	}
	if math.IsInf(best, 1) {
		best = lines[0].x0
		for _, l := range lines {
			best = math.Min(best, l.x0)
		}
	}
	return best
}

func commonRight(lines []pdfLine) float64 {
	ends := make([]float64, len(lines))
	for i, l := range lines {
		ends[i] = l.x1
	}
	sort.Float64s(ends)
	// The right margin is reached by the full lines: take a high
	// percentile rather than the maximum, which a stray line may exceed.
	return ends[len(ends)*9/10]
}

func commonSpacing(lines []pdfLine) float64 {
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		d := lines[i-1].y - lines[i].y
		if d > 0 {
			gaps = append(gaps, d)
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	sort.Float64s(gaps)
	return gaps[(len(gaps)-1)/2]
}

// startsItem reports a line that starts a new item or heading (a number,
// a chapter, 一是, a month label, 附件): it is not the continuation of the
// line above.
func startsItem(s string) bool {
	return zhtext.StartsWithNumber(s) || reItemMore.MatchString(s)
}
