package outline

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
func buildTree(t *Text, o *Outline) {
	tb := &treeBuilder{t: t, o: o, seen: map[string]hist{}, cur: -1}
	tb.closeCalendar()
	for i := range o.Paras {
		p := &o.Paras[i]
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
	t         *Text
	o         *Outline
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
	ps := tb.o.Paras
	for k := i + 1; k < len(ps) && k <= i+15; k++ {
		if ps[k].mlStrict {
			return true
		}
		// A heading of the outline above ends the look: a role heading, or
		// a numbered one that goes on with its style's numbering (a list
		// that starts again at 1 under a month label does not).
		h := tb.seen[ps[k].Marker.Style]
		if ps[k].Kind == ParaRole || (ps[k].Kind == ParaNumbered && !ps[k].mlLoose) && h.depth > 0 && h.depth <= len(tb.stack) && ps[k].Marker.value == h.value+1 {
			return false
		}
	}
	return false
}

// inCalendar handles p inside an open calendar: month labels open blocks;
// numbered items are activities unless their style belongs to the outline
// above. It reports whether p was taken (false: p closed the calendar and
// is to be read as a heading).
func (tb *treeBuilder) inCalendar(p *Para) bool {
	o, t := tb.o, tb.t
	if p.mlLoose {
		o.Blocks = append(o.Blocks, Block{Month: p.ml, Section: tb.calNode, DropCol: tb.dropCol})
		if tb.calNode >= 0 {
			o.Nodes[tb.calNode].Calendar = true
		}
		return true
	}
	if p.Kind == ParaBody && closingNote(t, *p) {
		o.stops = append(o.stops, p.start)
		tb.closeCalendar()
		return true
	}
	end := false
	switch p.Kind {
	case ParaNumbered:
		// A style of the outline above ends the calendar when it goes on
		// with its numbering; one that starts again (1、 under 三月份:) lists
		// the month's activities.
		h, ok := tb.seen[p.Marker.Style]
		if ok && !tb.calStyles[p.Marker.Style] && (tb.calNode < 0 || h.depth <= tb.calDepth) && p.Marker.value == h.value+1 {
			end = true
		}
		if !end {
			tb.calStyles[p.Marker.Style] = true
		}
	case ParaRole:
		r := roleOf(headingCore(t.Simp(p.hStart, p.hEnd)))
		end = r.Tag != "calendar" && (utf8.RuneCountInString(r.word) >= 4 || p.md > 0)
	case ParaPlain:
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
func (tb *treeBuilder) opensCalendar(i int, p *Para) bool {
	o, cur := tb.o, tb.cur
	if !p.mlLoose || !(p.mlStrict || (cur >= 0 && o.Nodes[cur].Role.Tag == "calendar")) {
		return false
	}
	inCalSection := cur >= 0 && (o.Nodes[cur].Role.Tag == "calendar" || calendarish(o.Nodes[cur].Core))
	if !inCalSection && !tb.monthAhead(i) {
		return false
	}
	tb.calNode = cur
	tb.calDepth = 0
	if cur >= 0 {
		tb.calDepth = o.Nodes[cur].Depth
	}
	tb.dropCol = headerDropCol(tb.t, o.Paras, i)
	o.Blocks = append(o.Blocks, Block{Month: p.ml, Section: tb.calNode, DropCol: tb.dropCol})
	if cur >= 0 {
		o.Nodes[cur].Calendar = true
	}
	return true
}

// addHeading adds the heading p (if it is one) at the depth its style
// gives it.
func (tb *treeBuilder) addHeading(i int, p *Para) {
	o, t, ps := tb.o, tb.t, tb.o.Paras
	var st string
	switch p.Kind {
	case ParaNumbered:
		st = p.Marker.Style
	case ParaRole:
		st = styleRole
	case ParaPlain:
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
	n := Node{
		Para: i, Style: st, Parent: parent, Depth: len(tb.stack) + 1,
		pStart: p.start, HeadStart: p.hStart, HeadEnd: p.hEnd, BodyStart: p.bodyStart, Inline: p.inline,
		numbered: p.Kind == ParaNumbered && !p.GapFill,
	}
	if p.Kind == ParaNumbered {
		n.value = p.Marker.value
		n.Core = headingCore(t.Simp(p.Marker.End, p.hEnd))
	} else {
		n.Core = headingCore(t.Simp(p.hStart, p.hEnd))
	}
	n.Role = roleOf(n.Core)
	n.hasBody = p.inline
	if parent >= 0 {
		o.Nodes[parent].children++
	}
	o.Nodes = append(o.Nodes, n)
	idx := len(o.Nodes) - 1
	tb.stack = append(tb.stack, stackEntry{style: st, node: idx})
	tb.seen[st] = hist{depth: n.Depth, value: n.value}
	tb.cur = idx
	// body paragraphs after this heading mark it as having a body
	if i+1 < len(ps) && ps[i+1].Kind == ParaBody && !ps[i+1].mlLoose {
		o.Nodes[idx].hasBody = true
	}
}

// popTo closes the open headings a heading of style st ends: a role
// heading starts from the top, a style already open closes back to it, the
// next value of a style seen before returns to its depth, and a role
// heading with a body of its own does not hold what follows.
func (tb *treeBuilder) popTo(st string, p *Para) {
	if st == styleRole {
		tb.stack = tb.stack[:0]
	} else if k := stackIndex(tb.stack, st); k >= 0 {
		tb.stack = tb.stack[:k]
	} else if h, ok := tb.seen[st]; ok && p.Kind == ParaNumbered && p.Marker.value == h.value+1 && h.depth-1 <= len(tb.stack) {
		tb.stack = tb.stack[:h.depth-1]
	} else if len(tb.stack) > 0 {
		top := &tb.o.Nodes[tb.stack[len(tb.stack)-1].node]
		if top.Style == styleRole && top.hasBody {
			tb.stack = tb.stack[:len(tb.stack)-1]
		}
	}
}

// bodyExtents sets where each node's own body and each calendar block
// ends: at the next heading, block or closing note.
func bodyExtents(o *Outline) {
	starts := make([]int, 0, len(o.Nodes)+len(o.Blocks))
	for _, n := range o.Nodes {
		starts = append(starts, n.pStart)
	}
	for bi := range o.Blocks {
		starts = append(starts, o.Blocks[bi].Month.Start)
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
	for ni := range o.Nodes {
		n := &o.Nodes[ni]
		e := o.tail
		if ni+1 < len(o.Nodes) {
			e = o.Nodes[ni+1].pStart
		}
		if n.Calendar {
			// the calendar's own text holds its blocks
			n.BodyEnd = e
		} else {
			n.BodyEnd = min(nextAfter(n.pStart), e)
		}
		if n.BodyEnd < n.BodyStart {
			n.BodyEnd = n.BodyStart
		}
	}
	for bi := range o.Blocks {
		b := &o.Blocks[bi]
		b.End = nextAfter(b.Month.Start)
	}
}

// closingNote is a remark closing a calendar: 以上安排如有变动… / 注：…
func closingNote(t *Text, p Para) bool {
	line := t.Simp(p.start, p.end)
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
func headerDropCol(t *Text, ps []Para, i int) int {
	if i == 0 {
		return -1
	}
	h := ps[i-1]
	txt := t.Simp(h.start, h.end)
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
