package classify

import (
	"strings"
	"unicode/utf8"

	"plans/classify/names"
	"plans/internal/runeset"
	"plans/internal/zhtext"
)

// paraKind is what a paragraph was recognised as.
type paraKind int

const (
	paraBody     paraKind = iota
	paraNumbered          // starts with a numbering token
	paraRole              // un-numbered heading naming a part (工作目标, 行事历…)
	paraPlain             // un-numbered heading judged by its shape
	paraTitle             // a repeated title line
)

// para is one paragraph: a line, or a piece of a line cut at a heading that
// starts in the middle of it.
type para struct {
	start, end int // trimmed rune span
	hStart     int // where the heading starts (after markdown marks)
	md         int // markdown heading level (## 工作目标 → 2), 0 for none
	midLine    bool
	kind       paraKind
	mk         marker
	hEnd       int // heading end (exclusive)
	bodyStart  int // where the heading's own text after the lead starts
	inline     bool
	ml         monthLabel
	mlStrict   bool // ml parsed with a separator
	mlLoose    bool // ml parsed in a calendar context
	gapFill    bool // an un-numbered heading standing in for a lost number
	shiRun     bool // cut from a line flattened from a 一是/二是 list
}

// outlineNode is a heading of the outline before it becomes a Section.
type outlineNode struct {
	para      int
	style     string
	value     int
	depth     int
	parent    int // index in nodes, -1 for top level
	children  int
	pStart    int // start of the paragraph (markdown marks included)
	hStart    int
	hEnd      int
	bodyStart int
	bodyEnd   int // set when the next heading is known
	inline    bool
	numbered  bool
	core      string // simplified heading without number and punctuation
	role      role
	calendar  bool // holds month blocks
	hasBody   bool
}

// calBlock is one month block of a calendar.
type calBlock struct {
	ml      monthLabel
	end     int // end of the block's text
	section int // node index or -1
	dropCol int
}

// outline is the result of parsing a document's structure.
type outline struct {
	paras  []para
	nodes  []outlineNode
	blocks []calBlock
	body   span  // the document body after the title lines
	tail   int   // where a trailing sign-off starts (body.end when none)
	stops  []int // where a calendar ends without a heading (以上安排…)
	title  span  // the title line found in the text (empty if none)
}

// parseOutline finds the heading tree and the calendar blocks.
func parseOutline(t *docText, title string) *outline {
	return parseOutlineOpts(t, title, false)
}

// parseOutlineOpts parses the outline; noWeak drops enumerator headings
// (首先, 一是): in a speech or an essay that is not a plan they are
// rhetoric, not the parts of a plan.
func parseOutlineOpts(t *docText, title string, noWeak bool) *outline {
	o := &outline{}
	lines := t.lines()
	first, tl := titleZone(t, lines, title)
	o.title = tl
	if first < len(lines) {
		o.body = span{lines[first].start, len(t.s)}
	} else {
		o.body = span{len(t.s), len(t.s)}
	}
	titleKey := normKey(title)
	o.tail = findTail(t, o.body.start, o.body.end)

	// Which strong styles open lines: mid-line headings must continue them.
	nonEmpty := 0
	for _, ln := range lines[first:] {
		a, b := t.trimSpan(ln.start, ln.end)
		if a < b {
			nonEmpty++
		}
	}
	last := map[string]int{}
	for li := first; li < len(lines); li++ {
		a, b := t.trimSpan(lines[li].start, lines[li].end)
		if a >= b {
			continue
		}
		if a >= o.tail {
			break
		}
		runTogether := b-a > 500 || (nonEmpty <= 3 && b-a > 200) || numberedRun(t.s, a, b)
		// a line that opens with 一是 and goes on with 二是 after a full
		// stop is a flattened list of the document's own parts
		shiRun := false
		if mk, ok := parseMarker(t.s, a, b); ok && mk.style == styleShi && mk.value == 1 {
			shiRun = shiFollows(t.s, a, b)
		}
		cuts := []int{a}
		_, monthLine := parseMonthLabel(t.s, a, b, true)
		if !monthLine {
			if mk, ok := parseMarker(t.s, a, b); ok {
				last[mk.style] = mk.value
			}
		}
		for k := a + 1; k < b; k++ {
			if !mayStartMarker(t.s[k]) {
				continue
			}
			ws, prev := 0, rune(0)
			q := k - 1
			for q >= a && zhtext.IsSpace(t.s[q]) {
				ws++
				q--
			}
			if q >= a {
				prev = t.s[q]
			}
			sentence := zhtext.IsSentenceEnd(prev)
			colon := prev == '：' || prev == ':'
			if !(sentence || ws >= 2 || (runTogether && (ws >= 1 || colon))) {
				continue
			}
			if _, ok := parseMonthLabel(t.s, k, b, true); ok {
				// 九月：…；十月：… — a calendar flattened into one line
				if monthLine && (prev == '；' || prev == ';' || prev == '。') {
					cuts = append(cuts, k)
				}
				continue
			}
			mk, ok := parseMarker(t.s, k, b)
			if !ok || !(strongMidLine(mk.style) || mk.style == styleShi && shiRun) {
				continue
			}
			lv, seen := last[mk.style]
			switch {
			case seen && mk.value > lv && mk.value <= lv+2:
			case !seen && mk.value == 1 && (runTogether || (sentence && ws >= 1) || ws >= 2):
			default:
				continue
			}
			last[mk.style] = mk.value
			cuts = append(cuts, k)
		}
		for ci, c := range cuts {
			e := b
			if ci+1 < len(cuts) {
				e = cuts[ci+1]
			}
			pa, pb := t.trimSpan(c, e)
			if pa >= pb {
				continue
			}
			o.paras = append(o.paras, para{start: pa, end: pb, midLine: ci > 0, shiRun: shiRun})
		}
	}

	for i := range o.paras {
		classifyPara(t, &o.paras[i], titleKey)
	}
	dropLoneWeak(o.paras, noWeak)
	acceptPlain(t, o.paras)
	fillGaps(t, o.paras)
	o.stops = append(o.stops, closingStops(t, o.paras)...)
	buildTree(t, o)
	return o
}

// shiFollows reports 二是 after a full stop in a long line [a, b).
func shiFollows(s []rune, a, b int) bool {
	if b-a < 80 {
		return false // a short list of clauses stays one paragraph
	}
	for k := a + 1; k+1 < b; k++ {
		if s[k] == '二' && s[k+1] == '是' && (s[k-1] == '。' || s[k-1] == '！') {
			return true
		}
	}
	return false
}

// numberedRun reports a line that holds a run of numbered headings after
// sentence ends or colons (…工作。一、加强学习。…。二、推进民主…): a page
// flattened into one line, whatever its length.
func numberedRun(s []rune, a, b int) bool {
	if b-a < 60 {
		return false
	}
	firsts := map[string]bool{}
	for k := a + 1; k < b; k++ {
		if !mayStartMarker(s[k]) {
			continue
		}
		q := k - 1
		for q > a && zhtext.IsSpace(s[q]) {
			q--
		}
		if p := s[q]; !zhtext.IsSentenceEnd(p) && p != '：' && p != ':' {
			continue
		}
		mk, ok := parseMarker(s, k, b)
		if !ok || !strongMidLine(mk.style) {
			continue
		}
		switch mk.value {
		case 1:
			firsts[mk.style] = true
		case 2:
			if firsts[mk.style] {
				return true
			}
		}
	}
	return false
}

// closingWords open a document's closing paragraph (总之，…), which sums up
// the whole plan rather than continuing its last section.
var closingWords = []string{"总之", "总而言之", "综上所述", "综上", "让我们"}

// closingStops finds the first closing paragraph after the last heading
// or month block.
func closingStops(t *docText, ps []para) []int {
	from := 0
	for i, p := range ps {
		if p.kind != paraBody || p.mlLoose {
			from = i + 1
		}
	}
	for k, p := range ps[from:] {
		if p.midLine {
			continue
		}
		head := t.simp(p.start, min(p.end, p.start+6))
		if hasAnyPrefix(head, closingWords) {
			return []int{p.start}
		}
		// 明年工会将继续… after the last section's own text turns to the
		// next period: it closes the document, not that section
		if k > 0 && hasAnyPrefix(head, closingTurns) {
			return []int{p.start}
		}
	}
	return nil
}

// closingTurns open a closing paragraph that looks ahead (明年，…) once the
// last section has had text of its own.
var closingTurns = []string{"明年", "来年", "新的一年", "今后", "下一步", "下学期", "新学期"}

func hasAnySuffix(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func mayStartMarker(r rune) bool {
	if runeset.InPlane(r) {
		return markerStarts.Has(r)
	}
	return mayStartMarkerSlow(r)
}

// markerStarts is mayStartMarkerSlow for the Basic Multilingual Plane, a
// bit per rune: the test runs on every character of a document.
var markerStarts = func() (t runeset.Set) {
	for r := rune(0); r < 1<<16; r++ {
		if mayStartMarkerSlow(r) {
			t.Add(r)
		}
	}
	return t
}()

func mayStartMarkerSlow(r rune) bool {
	if zhtext.IsOpenParen(r) || r == '第' || (r >= '①' && r <= '⒛') || zhtext.IsArabicDigit(r) {
		return true
	}
	_, ok := zhtext.HanDigit(r)
	return ok || r == '十'
}

// titleZone returns the index of the first line after the document's title
// line(s): the title and any short lines above it (an org line). When the
// title is not in the text (a file name given as title), a first line that
// reads as a title (…工作计划, …工作总结) is taken instead.
func titleZone(t *docText, lines []span, title string) (int, span) {
	key := normKey(title)
	seen := 0
	if key != "" {
		for i, ln := range lines {
			a, b := t.trimSpan(ln.start, ln.end)
			if a >= b {
				continue
			}
			seen++
			if seen > 4 {
				break
			}
			lk := normKey(t.origText(a, b))
			if lk == key || (len(lk) > 0 && b-a <= 40 && (strings.HasPrefix(lk, key) || strings.HasPrefix(key, lk) && utf8.RuneCountInString(lk)*2 > utf8.RuneCountInString(key))) {
				return afterTitle(t, lines, i+1), span{a, b}
			}
			if b-a > 40 {
				break
			}
		}
	}
	seen = 0
	for i, ln := range lines {
		a, b := t.trimSpan(ln.start, ln.end)
		if a >= b {
			continue
		}
		seen++
		if seen > 3 || b-a > 40 {
			break
		}
		if _, ok := parseMarker(t.s, a, b); ok {
			break
		}
		line := t.simp(a, b)
		if zhtext.IsSentenceEnd(t.s[b-1]) || t.s[b-1] == '，' {
			break
		}
		for _, w := range []string{"工作计划", "工作总结", "工作要点", "工作安排", "工作规划", "行事历", "工作思路", "计划", "总结", "要点"} {
			if strings.HasSuffix(strings.TrimRight(line, " ）)0123456789"), w) || strings.Contains(line, "工会"+w) {
				return afterTitle(t, lines, i+1), span{a, b}
			}
		}
	}
	return 0, span{}
}

// afterTitle extends the title zone over a byline under the title: an org
// line (江城市第三中学工会), a date ((2013年2月)), a dash subtitle.
func afterTitle(t *docText, lines []span, i int) int {
	for k, n := i, 0; k < len(lines) && n < 2; k++ {
		a, b := t.trimSpan(lines[k].start, lines[k].end)
		if a >= b {
			continue
		}
		n++
		if b-a > 25 {
			return k
		}
		if _, ok := parseMarker(t.s, a, b); ok {
			return k
		}
		line := t.simp(a, b)
		dash := strings.HasPrefix(line, "—") || strings.HasPrefix(line, "--")
		paren := zhtext.IsOpenParen(t.s[a]) && zhtext.IsCloseParen(t.s[b-1])
		date := false
		if y, _ := names.Year(line); y != 0 || strings.Contains(line, "年") && strings.Contains(line, "月") && utf8.RuneCountInString(line) <= 14 {
			// 2016年工作总结 is a part's heading, not a date
			date = !zhtext.IsSentenceEnd(t.s[b-1]) && !hasAnySuffix(strings.TrimRight(line, "：: "), []string{"总结", "计划", "要点", "安排", "打算", "思路", "设想", "回顾"})
		}
		if dash || paren || date || names.Clean(line) != "" && names.Specific(names.Clean(line)) {
			i = k + 1
			continue
		}
		return k
	}
	return i
}

// classifyPara recognises month labels, numbered headings, inline role
// headings and candidates for plain headings.
func classifyPara(t *docText, p *para, titleKey string) {
	s := t.s
	p.hEnd, p.bodyStart = p.end, p.end
	p.hStart = p.start
	if !p.midLine {
		if lvl, k := markdownHeading(s, p.start, p.end); lvl > 0 {
			p.md, p.hStart = lvl, k
		} else if k, ok := boldLine(s, p.start, p.end); ok {
			// **1. 完善工会组织结构** — a bold line is a heading below the
			// #-levels
			p.md, p.hStart = 7, k
		}
	}
	if ml, ok := parseMonthLabel(s, p.hStart, p.end, true); ok {
		p.ml, p.mlStrict, p.mlLoose = ml, true, true
	} else if ml, ok := parseMonthLabel(s, p.hStart, p.end, false); ok {
		p.ml, p.mlLoose = ml, true
	}
	if !p.mlLoose {
		// 1、九月份：… / （一）九月份 inside a calendar
		if k := skipItemNumber(s, p.hStart, p.end); k > p.hStart {
			if ml, ok := parseMonthLabel(s, k, p.end, true); ok {
				p.ml, p.mlLoose, p.mlStrict = ml, true, true
			}
		}
	}
	if titleKey != "" && p.end-p.start <= 2*utf8.RuneCountInString(titleKey)+10 && normKey(t.origText(p.start, p.end)) == titleKey {
		p.kind = paraTitle
		return
	}
	if p.mlStrict {
		return
	}
	if p.md > 0 {
		// a markdown heading is a heading whatever its shape; its number,
		// if it has one, gives its style. Closing marks (**) are not part
		// of it.
		for p.hEnd > p.hStart && (s[p.hEnd-1] == '*' || s[p.hEnd-1] == '_' || s[p.hEnd-1] == '#') {
			p.hEnd--
		}
		if mk, ok := parseMarker(s, p.hStart, p.end); ok && !weakStyle(mk.style) {
			p.kind, p.mk = paraNumbered, mk
			return
		}
		p.kind = paraPlain
		if r := roleOf(headingCore(t.simp(p.hStart, p.end))); r.tag != "" && r.tight {
			p.kind = paraRole
		}
		return
	}
	if mk, ok := parseMarker(s, p.start, p.end); ok {
		p.kind, p.mk = paraNumbered, mk
		c := mk.end
		for c < p.end && zhtext.IsSpace(s[c]) {
			c++
		}
		p.hEnd, p.bodyStart, p.inline = leadEnd(s, c, p.end)
		if mk.style == styleEnum && p.hEnd > c {
			// 首先，请允许我…表示热烈的欢迎！ is an exclamation, not a heading
			if e := s[p.hEnd-1]; e == '！' || e == '？' || e == '!' || e == '?' {
				p.kind = paraBody
				p.hEnd, p.bodyStart, p.inline = p.end, p.end, false
				return
			}
		}
		if mk.style == styleArSpace || (mk.style == styleCN && c > mk.start && zhtext.IsSpace(s[mk.end-1])) {
			// "1 标题" / "一 标题" only as short standalone lines.
			if p.inline || p.end-p.start > 30 {
				p.kind = paraBody
			}
		}
		return
	}
	if p.midLine {
		return
	}
	// 指导思想：以… — a role keyword and a colon opening a paragraph; not a
	// bulleted list item (– **目标**：…), which labels a line of its own.
	if r := s[p.start]; isBullet(r) || r == '–' || r == '—' {
		return
	}
	lim := p.start + 16
	if lim > p.end {
		lim = p.end
	}
	for k := p.start + 2; k < lim; k++ {
		if s[k] == '：' || s[k] == ':' {
			core := headingCore(string(s[p.start:k]))
			r := roleOf(core)
			if r.tag != "" && r.tight && k+1 < p.end {
				p.kind = paraRole
				p.hEnd = k + 1
				p.bodyStart = k + 1
				for p.bodyStart < p.end && zhtext.IsSpace(s[p.bodyStart]) {
					p.bodyStart++
				}
				p.inline = p.bodyStart < p.end
			}
			break
		}
		if zhtext.IsSentenceEnd(s[k]) || s[k] == '，' || s[k] == ',' {
			break
		}
	}
}

// markdownHeading reads the marks of a markdown heading (## 工作目标) at
// s[i:]: it returns the level and where the heading text starts, or 0.
func markdownHeading(s []rune, i, end int) (int, int) {
	k := i
	for k < end && s[k] == '#' {
		k++
	}
	lvl := k - i
	if lvl == 0 || lvl > 6 || k >= end || !zhtext.IsSpace(s[k]) {
		return 0, i
	}
	for k < end && zhtext.IsSpace(s[k]) {
		k++
	}
	if k >= end {
		return 0, i
	}
	return lvl, k
}

// boldLine reports a short line that is bold as a whole (**…** or __…__)
// and returns where its text starts.
func boldLine(s []rune, i, end int) (int, bool) {
	if end-i < 5 || end-i > 44 {
		return i, false
	}
	for _, m := range []rune{'*', '_'} {
		if s[i] == m && s[i+1] == m && s[end-1] == m && s[end-2] == m {
			k := i + 2
			for k < end-2 && zhtext.IsSpace(s[k]) {
				k++
			}
			return k, k < end-2
		}
	}
	return i, false
}

// skipItemNumber skips an item number (1、 2. （3） (一) 4）) at s[i:] and
// returns where the item's text starts, or i.
func skipItemNumber(s []rune, i, end int) int {
	k := i
	open := k < end && zhtext.IsOpenParen(s[k])
	if open {
		k++
	}
	j := k
	for j < end && j-k < 3 && (zhtext.IsArabicDigit(s[j]) || func() bool { _, ok := zhtext.HanDigit(s[j]); return ok || s[j] == '十' }()) {
		j++
	}
	if j == k || j >= end {
		return i
	}
	switch {
	case open && zhtext.IsCloseParen(s[j]):
		j++
	case !open && (s[j] == '、' || s[j] == '.' || s[j] == '．' || zhtext.IsCloseParen(s[j])):
		j++
	default:
		return i
	}
	if j < end && (s[j] == '、' || s[j] == '.') {
		j++
	}
	for j < end && zhtext.IsSpace(s[j]) {
		j++
	}
	return j
}

// leadEnd finds the end of a numbered heading that starts at c: the whole
// paragraph when it is one sentence, else the lead sentence (inline
// heading). It returns the heading end, where the body starts and whether
// the heading is inline.
func leadEnd(s []rune, c, end int) (int, int, bool) {
	skip := func(k int) int {
		for k < end && zhtext.IsSpace(s[k]) {
			k++
		}
		return k
	}
	depth := 0
	punct := false
	for k := c; k < end; k++ {
		r := s[k]
		switch r {
		case '“', '「', '《', '（', '(', '‘', '『', '〈', '【', '"':
			if r == '"' && depth > 0 {
				depth--
			} else {
				depth++
			}
			continue
		case '”', '」', '》', '）', ')', '’', '』', '〉', '】':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		if (r == '：' || r == ':') && k-c <= 25 {
			if appendixWord(string(s[c:k])) {
				continue // 五、附：全年活动安排 — the appendix's title follows
			}
			if q := skip(k + 1); q < end {
				return k + 1, q, true
			}
			return end, end, false
		}
		if zhtext.IsSpace(r) && !punct && k-c >= 2 && k-c <= 25 {
			q := skip(k)
			if q < end && end-q >= 15 && hasClausePunct(s[q:end]) {
				return k, q, true
			}
		}
		if zhtext.IsSentenceEnd(r) {
			// closing quotes or brackets right after the full stop stay in
			// the heading
			e := k + 1
			for e < end && (s[e] == '”' || s[e] == '」' || s[e] == '’') {
				e++
			}
			if q := skip(e); q < end {
				return e, q, true
			}
			return end, end, false
		}
		if isPunct(r) {
			punct = true
		}
	}
	return end, end, false
}
