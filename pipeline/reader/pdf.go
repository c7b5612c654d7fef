package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"plans/internal/lazyre"
)

// Bounds on the work one PDF may cost.
const (
	maxPDFOpsPerPage    = 2_000_000 // content-stream operators interpreted per page
	maxPDFGlyphsPerPage = 200_000
	maxPDFTreeNodes     = 20_000 // page-tree nodes visited
	maxPDFFormDepth     = 4      // nested form XObjects
)

var errPageBudget = errors.New("page content exceeds the work limit")

// readPDF reads the text layer of a PDF and rebuilds lines and paragraphs
// from the positioned glyphs.
func readPDF(ctx context.Context, data []byte, lim Limits) (Result, error) {
	if len(data) == 0 {
		return Result{}, newError(NoText, "文件是空的", nil)
	}
	data = repairPDFFraming(data)
	r, err := openPDF(data)
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			if strings.Contains(err.Error(), "unsupported PDF: encryption") {
				return Result{}, newError(Encrypted, "PDF 使用了不支持的加密方式，请用 PDF 阅读器另存为未加密的 PDF 后再导入", err)
			}
			return Result{}, newError(Encrypted, "PDF 设置了打开密码，请先取消密码再导入", err)
		}
		if !bytes.Contains(data[max(0, len(data)-2048):], []byte("%%EOF")) {
			return Result{}, newError(Corrupt, "PDF 文件不完整（可能没有下载完），无法读取", err)
		}
		return Result{}, newError(Corrupt, "PDF 文件已损坏，无法读取", err)
	}
	res := Result{Format: "pdf"}
	res.Title = pdfTitle(r)

	pages, total := pdfPages(r, lim.MaxPages)
	if total > lim.MaxPages {
		res.Warnings = append(res.Warnings, fmt.Sprintf("PDF 共 %d 页，只读取了前 %d 页", total, lim.MaxPages))
	}
	var (
		allPages [][]pdfLine
		empty    []int
		broken   []int
	)
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		glyphs, err := pageGlyphs(ctx, p)
		if err != nil {
			if ctx.Err() != nil {
				return Result{}, ctx.Err()
			}
			broken = append(broken, i+1)
		}
		lines := buildLines(glyphs)
		if len(lines) == 0 && err == nil {
			empty = append(empty, i+1)
		}
		allPages = append(allPages, lines)
	}
	res.Text = joinParagraphs(allPages)
	if strings.TrimSpace(res.Text) == "" {
		return Result{}, newError(NoText, reasonScan, nil)
	}
	if len(empty) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("第%s页没有文字层（可能是扫描页），这些页的内容没有读取", pageList(empty)))
	}
	if len(broken) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("第%s页内容有误，可能只读取了一部分", pageList(broken)))
	}
	if garbled(res.Text) {
		res.Warnings = append(res.Warnings, "PDF 的文字编码无法完全识别，部分文字可能是乱码")
	}
	return res, nil
}

func pageList(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}

// repairPDFFraming fixes what the library refuses although readers accept
// it: a PDF 2.0 header and bytes after the last %%EOF.
func repairPDFFraming(data []byte) []byte {
	if i := bytes.LastIndex(data, []byte("%%EOF")); i >= 0 && i+5 < len(data) {
		if len(bytes.TrimSpace(data[i+5:])) > 0 {
			data = data[:i+5]
		}
	}
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		fixed := make([]byte, len(data))
		copy(fixed, data)
		copy(fixed, "%PDF-1.7")
		data = fixed
	}
	return data
}

func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("pdf: %v", x)
		}
	}()
	return pdf.NewReader(bytes.NewReader(data), int64(len(data)))
}

func pdfTitle(r *pdf.Reader) (title string) {
	defer func() {
		if recover() != nil {
			title = ""
		}
	}()
	return strings.TrimSpace(r.Trailer().Key("Info").Key("Title").Text())
}

// pdfPages walks the page tree in order, with a bound on nodes visited (a
// malformed tree may have cycles), and returns at most max pages and the
// page count the document declares.
func pdfPages(r *pdf.Reader, maxPages int) (pages []pdf.Page, total int) {
	defer func() {
		if recover() != nil {
			total = max(total, len(pages))
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	total = int(root.Key("Count").Int64())
	visited := 0
	var walk func(v pdf.Value, depth int) bool
	walk = func(v pdf.Value, depth int) bool {
		visited++
		if visited > maxPDFTreeNodes || depth > 64 || len(pages) >= maxPages {
			return false
		}
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				if !walk(kids.Index(i), depth+1) {
					return false
				}
			}
		case "Page":
			pages = append(pages, pdf.Page{V: v})
		default:
			if v.Key("Kids").Kind() == pdf.Array {
				kids := v.Key("Kids")
				for i := 0; i < kids.Len(); i++ {
					if !walk(kids.Index(i), depth+1) {
						return false
					}
				}
			} else if v.Key("Contents").Kind() != pdf.Null {
				pages = append(pages, pdf.Page{V: v})
			}
		}
		return true
	}
	walk(root, 0)
	if total < len(pages) {
		total = len(pages)
	}
	return pages, total
}

// glyph is one decoded character placed on the page.
type glyph struct {
	x, y, w, size float64
	s             string
}

type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (m matrix) mul(n matrix) matrix {
	var out matrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				out[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return out
}

type fontInfo struct {
	enc      pdf.TextEncoding
	twoByte  bool
	font     pdf.Font
	cidW     map[int]float64
	defaultW float64
}

// width returns the glyph width in text space units × 1000.
func (f *fontInfo) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.defaultW
	}
	return f.font.Width(code)
}

func newFontInfo(f pdf.Font) *fontInfo {
	fi := &fontInfo{font: f}
	fi.enc = (&f).Encoder()
	if f.V.Key("Subtype").Name() == "Type0" {
		fi.twoByte = true
		d := f.V.Key("DescendantFonts").Index(0)
		fi.defaultW = 1000
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			fi.defaultW = dw.Float64()
		}
		fi.cidW = map[int]float64{}
		w := d.Key("W")
		for i := 0; i < w.Len() && len(fi.cidW) < 70000; {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len(); j++ {
					fi.cidW[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			width := w.Index(i + 2).Float64()
			for c := first; c <= last && c-first < 70000; c++ {
				fi.cidW[c] = width
			}
			i += 3
		}
	}
	return fi
}

type gstate struct {
	ctm                     matrix
	tc, tw, th, tl, tfs, ts float64
	font                    *fontInfo
}

// pageGlyphs interprets the page's content stream (and the form XObjects
// it draws) and returns its glyphs in device space.
func pageGlyphs(ctx context.Context, p pdf.Page) (glyphs []glyph, err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok && (errors.Is(e, errPageBudget) || ctx.Err() != nil) {
				err = e
			} else {
				err = fmt.Errorf("pdf page: %v", x)
			}
		}
	}()
	ops := 0
	var run func(content pdf.Value, resources pdf.Value, g gstate, depth int)
	run = func(content pdf.Value, resources pdf.Value, g gstate, depth int) {
		fonts := map[string]*fontInfo{}
		fontFor := func(name string) *fontInfo {
			if fi, ok := fonts[name]; ok {
				return fi
			}
			fi := newFontInfo(pdf.Font{V: resources.Key("Font").Key(name)})
			fonts[name] = fi
			return fi
		}
		g.th = 1
		var (
			tm, tlm matrix = identity, identity
			stack   []gstate
		)
		show := func(raw string) {
			f := g.font
			if f == nil || f.enc == nil {
				return
			}
			step := 1
			if f.twoByte {
				step = 2
			}
			for i := 0; i+step <= len(raw); i += step {
				code := int(raw[i])
				if step == 2 {
					code = code<<8 | int(raw[i+1])
				}
				s := f.enc.Decode(raw[i : i+step])
				w0 := f.width(code)
				if w0 == 0 {
					w0 = 500
					if r, _ := utf8.DecodeRuneInString(s); wide(r) {
						w0 = 1000
					}
				}
				trm := matrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.ts, 1}}.mul(tm).mul(g.ctm)
				size := math.Hypot(trm[1][0], trm[1][1])
				if s != "" && len(glyphs) < maxPDFGlyphsPerPage {
					glyphs = append(glyphs, glyph{
						x: trm[2][0], y: trm[2][1], w: w0 / 1000 * trm[0][0], size: size, s: s,
					})
				}
				tx := w0/1000*g.tfs + g.tc
				if step == 1 && code == 32 {
					tx += g.tw
				}
				tx *= g.th
				tm = matrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(tm)
			}
		}
		pdf.Interpret(content, func(stk *pdf.Stack, op string) {
			ops++
			if ops%4096 == 0 {
				if err := ctx.Err(); err != nil {
					panic(err)
				}
			}
			if ops > maxPDFOpsPerPage {
				panic(errPageBudget)
			}
			n := stk.Len()
			args := make([]pdf.Value, n)
			for i := n - 1; i >= 0; i-- {
				args[i] = stk.Pop()
			}
			num := func(i int) float64 {
				if i < len(args) {
					return args[i].Float64()
				}
				return 0
			}
			switch op {
			case "cm":
				if len(args) == 6 {
					m := matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
					g.ctm = m.mul(g.ctm)
				}
			case "q":
				if len(stack) < 256 {
					stack = append(stack, g)
				}
			case "Q":
				if k := len(stack); k > 0 {
					g = stack[k-1]
					stack = stack[:k-1]
				}
			case "BT":
				tm, tlm = identity, identity
			case "Tc":
				g.tc = num(0)
			case "Tw":
				g.tw = num(0)
			case "Tz":
				g.th = num(0) / 100
			case "TL":
				g.tl = num(0)
			case "Ts":
				g.ts = num(0)
			case "Tf":
				if len(args) == 2 {
					g.font = fontFor(args[0].Name())
					g.tfs = num(1)
				}
			case "TD":
				g.tl = -num(1)
				fallthrough
			case "Td":
				tlm = matrix{{1, 0, 0}, {0, 1, 0}, {num(0), num(1), 1}}.mul(tlm)
				tm = tlm
			case "Tm":
				if len(args) == 6 {
					tlm = matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
					tm = tlm
				}
			case "T*":
				tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.tl, 1}}.mul(tlm)
				tm = tlm
			case "Tj":
				if len(args) == 1 {
					show(args[0].RawString())
				}
			case "'", "\"":
				if op == "\"" && len(args) == 3 {
					g.tw, g.tc = num(0), num(1)
					args = args[2:]
				}
				tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.tl, 1}}.mul(tlm)
				tm = tlm
				if len(args) == 1 {
					show(args[0].RawString())
				}
			case "TJ":
				if len(args) == 1 {
					v := args[0]
					for i := 0; i < v.Len(); i++ {
						x := v.Index(i)
						if x.Kind() == pdf.String {
							show(x.RawString())
						} else {
							tx := -x.Float64() / 1000 * g.tfs * g.th
							tm = matrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(tm)
						}
					}
				}
			case "Do":
				if len(args) == 1 && depth < maxPDFFormDepth {
					xo := resources.Key("XObject").Key(args[0].Name())
					if xo.Key("Subtype").Name() == "Form" {
						sub := g
						if m := xo.Key("Matrix"); m.Len() == 6 {
							fm := matrix{{m.Index(0).Float64(), m.Index(1).Float64(), 0},
								{m.Index(2).Float64(), m.Index(3).Float64(), 0},
								{m.Index(4).Float64(), m.Index(5).Float64(), 1}}
							sub.ctm = fm.mul(g.ctm)
						}
						res := xo.Key("Resources")
						if res.Kind() == pdf.Null {
							res = resources
						}
						run(xo, res, sub, depth+1)
					}
				}
			}
		})
	}
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil, nil
	}
	run(contents, inheritedResources(p.V), gstate{ctm: identity}, 0)
	return glyphs, nil
}

func inheritedResources(v pdf.Value) pdf.Value {
	for i := 0; i < 64 && !v.IsNull(); i++ {
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pdfLine is one rebuilt line of a page.
type pdfLine struct {
	text   string
	x0, x1 float64 // left and right ends
	y      float64 // baseline
	size   float64
}

// buildLines groups glyphs into lines by baseline (with a tolerance for
// superscripts and mixed fonts), orders each line by x, and spaces words
// only where the gap shows a space (never between Chinese characters).
func buildLines(glyphs []glyph) []pdfLine {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if strings.TrimSpace(g.s) == "" && g.s != " " {
			continue
		}
		if g.size <= 0 {
			g.size = 10
		}
		gs = append(gs, g)
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var groups [][]glyph
	for _, g := range gs {
		if n := len(groups); n > 0 {
			first := groups[n-1][0]
			tol := 0.45 * math.Max(first.size, g.size)
			if math.Abs(first.y-g.y) <= tol {
				groups[n-1] = append(groups[n-1], g)
				continue
			}
		}
		groups = append(groups, []glyph{g})
	}
	var lines []pdfLine
	for _, grp := range groups {
		sort.SliceStable(grp, func(i, j int) bool { return grp[i].x < grp[j].x })
		var b strings.Builder
		size := medianSize(grp)
		var prev *glyph
		for i := range grp {
			g := &grp[i]
			if prev != nil {
				// Overprinted duplicates (fake bold) are dropped.
				if g.s == prev.s && math.Abs(g.x-prev.x) < 0.2*size {
					continue
				}
				gap := g.x - (prev.x + prev.w)
				last, _ := utf8.DecodeLastRuneInString(b.String())
				first, _ := utf8.DecodeRuneInString(g.s)
				switch {
				case last == ' ' || last == '\t' || g.s == " ":
				case gap > 1.8*size:
					b.WriteByte('\t')
				case gap > 0.25*size && !wide(last) && !wide(first):
					b.WriteByte(' ')
				case gap > 1.2*size:
					b.WriteByte(' ')
				}
			}
			prev = g
			if g.s == " " {
				if last, _ := utf8.DecodeLastRuneInString(b.String()); b.Len() == 0 || last == ' ' || last == '\t' {
					continue
				}
			}
			b.WriteString(g.s)
		}
		text := strings.TrimSpace(b.String())
		if text == "" {
			continue
		}
		last := grp[len(grp)-1]
		lines = append(lines, pdfLine{
			text: text, x0: grp[0].x, x1: last.x + last.w, y: grp[0].y, size: size,
		})
	}
	return lines
}

func medianSize(gs []glyph) float64 {
	sizes := make([]float64, len(gs))
	for i, g := range gs {
		sizes[i] = g.size
	}
	sort.Float64s(sizes)
	return sizes[len(sizes)/2]
}

var (
	rePageNumber = lazyre.New(`^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–\s]*\d+[-—–\s]*|\d+\s*/\s*\d+|page\s*\d+(\s*of\s*\d+)?)$`)
	reStartsItem = lazyre.New(`^([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|第[一二三四五六七八九十\d]+[章节条部分篇]|[①-⑳]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+月份?[：:、]|附[件：:])`)
)

// joinParagraphs turns the lines of every page into paragraphs: a line
// that runs to the right margin continues on the next line unless the next
// is indented, starts with an item number (一、（一）1、①), or is set apart
// by a larger gap. Page numbers at the top or bottom of a page are dropped.
func joinParagraphs(pages [][]pdfLine) string {
	var all []pdfLine
	var pageStart []bool
	for _, lines := range pages {
		first := true
		for i, l := range lines {
			edge := i == 0 || i == len(lines)-1
			if edge && len(lines) > 1 && rePageNumber.MatchString(strings.ToLower(strings.TrimSpace(l.text))) {
				continue
			}
			all = append(all, l)
			pageStart = append(pageStart, first)
			first = false
		}
	}
	if len(all) == 0 {
		return ""
	}
	// Margins of the body text: the most common left edge and the
	// farthest right edge reached by several lines.
	left := commonLeft(all)
	right := commonRight(all)
	spacing := commonSpacing(all)

	var b strings.Builder
	b.WriteString(all[0].text)
	for i := 1; i < len(all); i++ {
		prev, cur := all[i-1], all[i]
		size := math.Max(prev.size, 1)
		reachesRight := prev.x1 >= right-1.6*size
		indented := cur.x0 > left+0.8*size
		samePage := !pageStart[i]
		bigGap := samePage && spacing > 0 && prev.y-cur.y > 1.6*spacing
		item := reStartsItem.MatchString(cur.text)
		sameSize := math.Abs(cur.size-prev.size) < 0.15*size
		if reachesRight && !indented && !bigGap && !item && sameSize && !strings.Contains(prev.text, "\t") {
			last, _ := utf8.DecodeLastRuneInString(prev.text)
			first, _ := utf8.DecodeRuneInString(cur.text)
			if last < utf8.RuneSelf && first < utf8.RuneSelf && unicode.IsLetter(last) && unicode.IsLetter(first) {
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

// commonLeft is the body text's left margin: the leftmost edge that
// several lines share (continuation lines of indented paragraphs sit
// there), so that an indented first line stands out.
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

// garbled reports text that is mostly private-use or replacement
// characters: fonts without a usable ToUnicode map.
func garbled(s string) bool {
	bad, total := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		if r == utf8.RuneError || (r >= 0xE000 && r <= 0xF8FF) || (r < 0x20) {
			bad++
		}
	}
	return total > 0 && bad*5 > total
}
