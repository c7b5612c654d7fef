package classify

// The heading tree: depths and parents of the headings parseOutline found,
// and the calendar blocks cut among them.

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

type stackEntry struct {
	style string
	node  int
}

// buildTree assigns depths and parents, and cuts calendar blocks.
func buildTree(t *docText, o *outline) {
	tb := &treeBuilder{t: t, o: o, seen: map[string]hist{}, cur: -1}
	tb.closeCalendar()
	for i := range o.paras {
		p := &o.paras[i]
		if tb.calNode != -2 && tb.inCalendar(p) {
			continue
		}
		if tb.opensCalendar(i, p) {
			continue
		}
		tb.addHeading(i, p)
	}
	bodyExtents(o)
}

// hist is the depth and last value a heading style was seen with.
type hist struct{ depth, value int }

// treeBuilder is the state of buildTree as it walks the paragraphs.
type treeBuilder struct {
	t         *docText
	o         *outline
	stack     []stackEntry
	seen      map[string]hist
	calNode   int // node of the active calendar; -2 none, -1 calendar without a heading
	calDepth  int
	calStyles map[string]bool
	dropCol   int
	cur       int // innermost open node
}

func (tb *treeBuilder) closeCalendar() {
	tb.calNode = -2
	tb.calStyles = map[string]bool{}
	tb.dropCol = -1
}

// monthAhead tells whether a strict month label follows paragraph i before
// a heading of the outline above.
func (tb *treeBuilder) monthAhead(i int) bool {
	ps := tb.o.paras
	for k := i + 1; k < len(ps) && k <= i+15; k++ {
		if ps[k].mlStrict {
			return true
		}
		// A heading of the outline above ends the look: a role heading, or
		// a numbered one that goes on with its style's numbering (a list
		// that starts again at 1 under a month label does not).
		h := tb.seen[ps[k].mk.style]
		if ps[k].kind == paraRole || (ps[k].kind == paraNumbered && !ps[k].mlLoose) && h.depth > 0 && h.depth <= len(tb.stack) && ps[k].mk.value == h.value+1 {
			return false
		}
	}
	return false
}

// inCalendar handles p inside an open calendar: month labels open blocks;
// numbered items are activities unless their style belongs to the outline
// above. It reports whether p was taken (false: p closed the calendar and
// is to be read as a heading).
func (tb *treeBuilder) inCalendar(p *para) bool {
	o, t := tb.o, tb.t
	if p.mlLoose {
		o.blocks = append(o.blocks, calBlock{ml: p.ml, section: tb.calNode, dropCol: tb.dropCol})
		if tb.calNode >= 0 {
			o.nodes[tb.calNode].calendar = true
		}
		return true
	}
	if p.kind == paraBody && closingNote(t, *p) {
		o.stops = append(o.stops, p.start)
		tb.closeCalendar()
		return true
	}
	end := false
	switch p.kind {
	case paraNumbered:
		// A style of the outline above ends the calendar when it goes on
		// with its numbering; one that starts again (1、 under 三月份:) lists
		// the month's activities.
		h, ok := tb.seen[p.mk.style]
		if ok && !tb.calStyles[p.mk.style] && (tb.calNode < 0 || h.depth <= tb.calDepth) && p.mk.value == h.value+1 {
			end = true
		}
		if !end {
			tb.calStyles[p.mk.style] = true
		}
	case paraRole:
		r := roleOf(headingCore(t.simp(p.hStart, p.hEnd)))
		end = r.tag != "calendar" && (utf8.RuneCountInString(r.word) >= 4 || p.md > 0)
	case paraPlain:
		end = p.md > 0 // a markdown heading closes the calendar
	}
	if !end {
		return true
	}
	tb.closeCalendar()
	return false
}

// opensCalendar opens a calendar at a month label in a calendar section
// (or followed by more month labels); it reports whether it did.
func (tb *treeBuilder) opensCalendar(i int, p *para) bool {
	o, cur := tb.o, tb.cur
	if !p.mlLoose || !(p.mlStrict || (cur >= 0 && o.nodes[cur].role.tag == "calendar")) {
		return false
	}
	inCalSection := cur >= 0 && (o.nodes[cur].role.tag == "calendar" || calendarish(o.nodes[cur].core))
	if !inCalSection && !tb.monthAhead(i) {
		return false
	}
	tb.calNode = cur
	tb.calDepth = 0
	if cur >= 0 {
		tb.calDepth = o.nodes[cur].depth
	}
	tb.dropCol = headerDropCol(tb.t, o.paras, i)
	o.blocks = append(o.blocks, calBlock{ml: p.ml, section: tb.calNode, dropCol: tb.dropCol})
	if cur >= 0 {
		o.nodes[cur].calendar = true
	}
	return true
}

// addHeading adds the heading p (if it is one) at the depth its style
// gives it.
func (tb *treeBuilder) addHeading(i int, p *para) {
	o, t, ps := tb.o, tb.t, tb.o.paras
	var st string
	switch p.kind {
	case paraNumbered:
		st = p.mk.style
	case paraRole:
		st = styleRole
	case paraPlain:
		st = stylePlain
	default:
		return
	}
	if p.md > 0 {
		// markdown levels nest by their number of marks, numbered or
		// not (#### 引言 and #### 一、… are siblings)
		st = fmt.Sprintf("md%d", p.md)
	}
	tb.popTo(st, p)
	parent := -1
	if len(tb.stack) > 0 {
		parent = tb.stack[len(tb.stack)-1].node
	}
	n := outlineNode{
		para: i, style: st, parent: parent, depth: len(tb.stack) + 1,
		pStart: p.start, hStart: p.hStart, hEnd: p.hEnd, bodyStart: p.bodyStart, inline: p.inline,
		numbered: p.kind == paraNumbered && !p.gapFill,
	}
	if p.kind == paraNumbered {
		n.value = p.mk.value
		n.core = headingCore(t.simp(p.mk.end, p.hEnd))
	} else {
		n.core = headingCore(t.simp(p.hStart, p.hEnd))
	}
	n.role = roleOf(n.core)
	n.hasBody = p.inline
	if parent >= 0 {
		o.nodes[parent].children++
	}
	o.nodes = append(o.nodes, n)
	idx := len(o.nodes) - 1
	tb.stack = append(tb.stack, stackEntry{style: st, node: idx})
	tb.seen[st] = hist{depth: n.depth, value: n.value}
	tb.cur = idx
	// body paragraphs after this heading mark it as having a body
	if i+1 < len(ps) && ps[i+1].kind == paraBody && !ps[i+1].mlLoose {
		o.nodes[idx].hasBody = true
	}
}

// popTo closes the open headings a heading of style st ends: a role
// heading starts from the top, a style already open closes back to it, the
// next value of a style seen before returns to its depth, and a role
// heading with a body of its own does not hold what follows.
func (tb *treeBuilder) popTo(st string, p *para) {
	if st == styleRole {
		tb.stack = tb.stack[:0]
	} else if k := stackIndex(tb.stack, st); k >= 0 {
		tb.stack = tb.stack[:k]
	} else if h, ok := tb.seen[st]; ok && p.kind == paraNumbered && p.mk.value == h.value+1 && h.depth-1 <= len(tb.stack) {
		tb.stack = tb.stack[:h.depth-1]
	} else if len(tb.stack) > 0 {
		top := &tb.o.nodes[tb.stack[len(tb.stack)-1].node]
		if top.style == styleRole && top.hasBody {
			tb.stack = tb.stack[:len(tb.stack)-1]
		}
	}
}

// bodyExtents sets where each node's own body and each calendar block
// ends: at the next heading, block or closing note.
func bodyExtents(o *outline) {
	starts := make([]int, 0, len(o.nodes)+len(o.blocks))
	for _, n := range o.nodes {
		starts = append(starts, n.pStart)
	}
	for bi := range o.blocks {
		starts = append(starts, o.blocks[bi].ml.start)
	}
	starts = append(starts, o.stops...)
	sort.Ints(starts)
	nextAfter := func(pos int) int {
		k := sort.SearchInts(starts, pos+1)
		if k < len(starts) && starts[k] < o.tail {
			return starts[k]
		}
		return o.tail
	}
	for ni := range o.nodes {
		n := &o.nodes[ni]
		e := o.tail
		if ni+1 < len(o.nodes) {
			e = o.nodes[ni+1].pStart
		}
		if n.calendar {
			// the calendar's own text holds its blocks
			n.bodyEnd = e
		} else {
			n.bodyEnd = min(nextAfter(n.pStart), e)
		}
		if n.bodyEnd < n.bodyStart {
			n.bodyEnd = n.bodyStart
		}
	}
	for bi := range o.blocks {
		b := &o.blocks[bi]
		b.end = nextAfter(b.ml.start)
	}
}

// closingNote is a remark closing a calendar: 以上安排如有变动… / 注：…
func closingNote(t *docText, p para) bool {
	line := t.simp(p.start, p.end)
	for _, w := range []string{"以上", "注：", "注:", "备注", "说明：", "说明:"} {
		if strings.HasPrefix(line, w) {
			return true
		}
	}
	return false
}

func stackIndex(stack []stackEntry, style string) int {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].style == style {
			return i
		}
	}
	return -1
}

// calendarish headings may hold month blocks: 工作安排, 活动安排, 计划.
func calendarish(core string) bool {
	for _, w := range []string{"安排", "行事历", "日程", "月历", "进度", "计划"} {
		if strings.Contains(core, w) {
			return true
		}
	}
	return false
}

// headerDropCol finds a table header row just above the first month block
// (月份\t工作内容\t负责人) and returns the column of people in charge, to
// keep it out of the activities.
func headerDropCol(t *docText, ps []para, i int) int {
	if i == 0 {
		return -1
	}
	h := ps[i-1]
	txt := t.simp(h.start, h.end)
	if !strings.Contains(txt, "\t") {
		return -1
	}
	for ci, cell := range strings.Split(txt, "\t") {
		for _, w := range []string{"负责", "责任", "主持", "参加", "对象", "备注", "部门"} {
			if strings.Contains(cell, w) {
				// the month column is dropped from the content, so shift left
				return ci - 1
			}
		}
	}
	return -1
}
