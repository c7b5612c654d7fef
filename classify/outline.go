package classify

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

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
			sentence := isSentenceEnd(prev)
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
		if p := s[q]; !isSentenceEnd(p) && p != '：' && p != ':' {
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
		head := t.simp(p.start, minInt(p.end, p.start+6))
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
	if inPlane(r) {
		return markerStarts.has(r)
	}
	return mayStartMarkerSlow(r)
}

// markerStarts is mayStartMarkerSlow for the Basic Multilingual Plane, a
// bit per rune: the test runs on every character of a document.
var markerStarts = func() (t runeBits) {
	for r := rune(0); r < 1<<16; r++ {
		if mayStartMarkerSlow(r) {
			t.add(r)
		}
	}
	return t
}()

func mayStartMarkerSlow(r rune) bool {
	if isOpenParen(r) || r == '第' || (r >= '①' && r <= '⒛') || isDigitRune(r) {
		return true
	}
	_, ok := cnDigit(r)
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
		if isSentenceEnd(t.s[b-1]) || t.s[b-1] == '，' {
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
		paren := isOpenParen(t.s[a]) && isCloseParen(t.s[b-1])
		date := false
		if y, _ := yearIn(line); y != 0 || strings.Contains(line, "年") && strings.Contains(line, "月") && utf8.RuneCountInString(line) <= 14 {
			// 2016年工作总结 is a part's heading, not a date
			date = !isSentenceEnd(t.s[b-1]) && !hasAnySuffix(strings.TrimRight(line, "：: "), []string{"总结", "计划", "要点", "安排", "打算", "思路", "设想", "回顾"})
		}
		if dash || paren || date || cleanOrg(line) != "" && specificOrg(cleanOrg(line)) {
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
		if isSentenceEnd(s[k]) || s[k] == '，' || s[k] == ',' {
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
	open := k < end && isOpenParen(s[k])
	if open {
		k++
	}
	j := k
	for j < end && j-k < 3 && (isDigitRune(s[j]) || func() bool { _, ok := cnDigit(s[j]); return ok || s[j] == '十' }()) {
		j++
	}
	if j == k || j >= end {
		return i
	}
	switch {
	case open && isCloseParen(s[j]):
		j++
	case !open && (s[j] == '、' || s[j] == '.' || s[j] == '．' || isCloseParen(s[j])):
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
		if isSentenceEnd(r) {
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

// appendixWord reports 附, 附件, 附件1, 附表: the colon after it opens the
// appendix's title, not a body.
func appendixWord(w string) bool {
	w = strings.TrimSpace(w)
	if !strings.HasPrefix(w, "附") {
		return false
	}
	w = strings.TrimPrefix(w, "附")
	w = strings.TrimPrefix(strings.TrimPrefix(w, "件"), "表")
	return strings.Trim(w, "0123456789一二三四五六七八九十") == ""
}

func hasClausePunct(rs []rune) bool {
	for _, r := range rs {
		if r == '，' || r == ',' || isSentenceEnd(r) || r == '、' {
			return true
		}
	}
	return false
}

// dropLoneWeak turns weak enumerators (一是, 首先, 1 标题) into body text
// unless the document has a run of them starting at one.
func dropLoneWeak(ps []para, all bool) {
	count := map[string]int{}
	hasOne := map[string]bool{}
	for _, p := range ps {
		if p.kind != paraNumbered || !weakStyle(p.mk.style) || p.midLine && !p.shiRun {
			continue
		}
		count[p.mk.style]++
		if p.mk.value == 1 {
			hasOne[p.mk.style] = true
		}
	}
	for i := range ps {
		p := &ps[i]
		if p.kind != paraNumbered || !weakStyle(p.mk.style) {
			continue
		}
		if all || p.midLine && !p.shiRun || count[p.mk.style] < 2 || !hasOne[p.mk.style] {
			p.kind = paraBody
			p.hEnd, p.bodyStart, p.inline = p.end, p.end, false
		}
	}
}

// plainShape describes a standalone line that might be an un-numbered
// heading.
type plainShape struct {
	core     string
	length   int // runes without trailing punctuation
	colon    bool
	punctEnd bool // ends with a sentence or clause mark
	role     role
	dateLike bool
}

func shapeOf(t *docText, p para) plainShape {
	rs := t.s[p.start:p.end]
	var sh plainShape
	j := len(rs)
	for j > 0 && (zhtext.IsSpace(rs[j-1])) {
		j--
	}
	if j > 0 {
		last := rs[j-1]
		switch {
		case last == '：' || last == ':':
			sh.colon = true
		case isSentenceEnd(last) || last == '，' || last == ',' || last == '、' || last == '…' || last == '.' || last == '．':
			sh.punctEnd = true
		}
	}
	sh.core = headingCore(string(rs))
	sh.length = utf8.RuneCountInString(sh.core)
	sh.role = roleOf(sh.core)
	if countHan([]rune(sh.core)) < 2 {
		sh.dateLike = true
	}
	if isDateLine(string(rs)) {
		sh.dateLike = true
	}
	if len(rs) > 0 && isOpenParen(rs[0]) && isCloseParen(rs[len(rs)-1]) {
		sh.dateLike = true
	}
	return sh
}

// bodyLike reports a paragraph that reads as running text after a heading
// of n runes: it ends its sentences with punctuation and is longer than the
// heading.
func bodyLike(t *docText, p para, n int) bool {
	if p.kind != paraBody || p.mlStrict {
		return false
	}
	size := p.end - p.start
	ends := 0
	for _, r := range t.s[p.start:p.end] {
		if isSentenceEnd(r) {
			ends++
		}
	}
	if ends == 0 {
		return size >= 40
	}
	return size >= 15 && size >= n+5
}

// tableRow reports a docx table row (cells joined by tabs).
func tableRow(t *docText, p para) bool {
	for _, r := range t.s[p.start:p.end] {
		if r == '\t' {
			return true
		}
	}
	return false
}

// innerColon reports a colon inside a line (关键词：…, 时间：…); 附：…
// and 附件1：… are headings of appendices.
func innerColon(t *docText, p para) bool {
	for k := p.start; k < p.end-1; k++ {
		if t.s[k] == '：' || t.s[k] == ':' {
			lead := strings.TrimRight(string(t.s[p.start:k]), "0123456789一二三四五 ")
			if lead == "附" || lead == "附件" || lead == "附表" || lead == "附录" {
				continue
			}
			return true
		}
	}
	return false
}

// appendixHeading reports a line opening an appendix: 附：…, 附件1：…,
// 附表: … (the text after the colon is its title).
func appendixHeading(t *docText, p para) bool {
	for k := p.start; k < p.end-1 && k < p.start+6; k++ {
		if t.s[k] == '：' || t.s[k] == ':' {
			lead := strings.TrimRight(string(t.s[p.start:k]), "0123456789一二三四五 ")
			switch lead {
			case "附", "附件", "附表", "附录":
				return true
			}
			return false
		}
	}
	return false
}

// acceptPlain decides which un-numbered standalone lines are headings.
func acceptPlain(t *docText, ps []para) {
	var closers []int // lines kept out only because an item precedes them
	for i := range ps {
		p := &ps[i]
		if p.kind != paraBody || p.midLine || p.mlLoose {
			continue
		}
		if p.end-p.start > 40 {
			continue
		}
		// a table row or a "label：value" line is not a heading
		if tableRow(t, *p) || innerColon(t, *p) {
			continue
		}
		sh := shapeOf(t, *p)
		if sh.dateLike || sh.length < 2 || sh.length > 30 {
			continue
		}
		next := -1
		if i+1 < len(ps) {
			next = i + 1
		}
		if next < 0 {
			continue
		}
		np := ps[next]
		if sh.role.tag != "" && sh.role.tight && !sh.punctEnd {
			p.kind = paraRole
			continue
		}
		if appendixHeading(t, *p) && !sh.punctEnd {
			// 附：2019年工会活动一览 opens an appendix at the top level
			p.kind = paraRole
			continue
		}
		if sh.punctEnd || sh.length > 25 {
			continue
		}
		nextOne := np.kind == paraNumbered && np.mk.value == 1
		// right under a numbered heading, or in a run of short unpunctuated
		// lines, a short line is a list item
		prevNumbered := i > 0 && ps[i-1].kind == paraNumbered && !ps[i-1].inline
		prevList := i > 0 && ps[i-1].kind == paraBody && ps[i-1].end-ps[i-1].start <= 30 && !isSentenceEnd(t.s[ps[i-1].end-1])
		switch {
		case sh.colon:
			if nextOne {
				p.kind = paraPlain
			}
		case nextOne:
			p.kind = paraPlain
		case bodyLike(t, np, sh.length) && !prevNumbered && !prevList:
			p.kind = paraPlain
		case bodyLike(t, np, sh.length) && prevNumbered && !prevList:
			closers = append(closers, i)
		}
	}
	// A short line after the last item of a run (④…) closes the run and
	// opens the next heading when the document's un-numbered headings own
	// that item style: 落实福利保障 / ①…④ / 加强安全生产监督 / body.
	owned := map[string]bool{}
	for i := 0; i+1 < len(ps); i++ {
		if ps[i].kind == paraPlain && ps[i+1].kind == paraNumbered && ps[i+1].mk.value == 1 {
			owned[ps[i+1].mk.style] = true
		}
	}
	for _, i := range closers {
		if prev := ps[i-1]; owned[prev.mk.style] && prev.mk.value > 1 {
			ps[i].kind = paraPlain
		}
	}
}

// fillGaps finds an un-numbered heading standing where a number is missing
// (（一）… 加强队伍建设… （三）) and gives it the missing number's level.
func fillGaps(t *docText, ps []para) {
	lastIdx := map[string]int{}
	for i := range ps {
		p := ps[i]
		if p.kind != paraNumbered || weakStyle(p.mk.style) {
			continue
		}
		st := p.mk.style
		if j, ok := lastIdx[st]; ok && p.mk.value == ps[j].mk.value+2 {
			cand := -1
			n := 0
			for k := j + 1; k < i; k++ {
				q := ps[k]
				if q.kind == paraNumbered && q.mk.style == st {
					n = 99
					break
				}
				if q.kind != paraBody && q.kind != paraPlain {
					continue
				}
				if q.midLine || q.mlLoose || q.end-q.start > 30 {
					continue
				}
				sh := shapeOf(t, q)
				if sh.dateLike || sh.length < 4 || sh.colon {
					continue
				}
				// a sentence right before the next number is the last body
				// line of the section before, not a heading with no body
				if k+1 < len(ps) && (bodyLike(t, ps[k+1], sh.length) || ps[k+1].kind == paraNumbered && !sh.punctEnd) {
					cand = k
					n++
				}
			}
			if n == 1 && cand >= 0 {
				q := &ps[cand]
				q.kind = paraNumbered
				q.gapFill = true
				q.mk = marker{style: st, value: ps[j].mk.value + 1, start: q.start, end: q.start}
				q.hEnd, q.bodyStart, q.inline = q.end, q.end, false
			}
		}
		lastIdx[st] = i
	}
}

type stackEntry struct {
	style string
	node  int
}

// buildTree assigns depths and parents, and cuts calendar blocks.
func buildTree(t *docText, o *outline) {
	ps := o.paras
	var stack []stackEntry
	type hist struct{ depth, value int }
	seen := map[string]hist{}
	calNode := -2 // node of the active calendar; -2 none, -1 calendar without a heading
	calDepth := 0
	calStyles := map[string]bool{}
	dropCol := -1
	cur := -1 // innermost open node

	closeCal := func() {
		calNode = -2
		calStyles = map[string]bool{}
		dropCol = -1
	}
	monthAhead := func(i int) bool {
		for k := i + 1; k < len(ps) && k <= i+15; k++ {
			if ps[k].mlStrict {
				return true
			}
			if ps[k].kind == paraRole || (ps[k].kind == paraNumbered && !ps[k].mlLoose) && seen[ps[k].mk.style].depth > 0 && seen[ps[k].mk.style].depth <= len(stack) {
				return false
			}
		}
		return false
	}
	for i := range ps {
		p := &ps[i]
		if calNode != -2 {
			// Inside a calendar: month labels open blocks; numbered items are
			// activities unless their style belongs to the outline above.
			if p.mlLoose {
				o.blocks = append(o.blocks, calBlock{ml: p.ml, section: calNode, dropCol: dropCol})
				if calNode >= 0 {
					o.nodes[calNode].calendar = true
				}
				continue
			}
			if p.kind == paraBody && closingNote(t, *p) {
				o.stops = append(o.stops, p.start)
				closeCal()
				continue
			}
			end := false
			switch p.kind {
			case paraNumbered:
				h, ok := seen[p.mk.style]
				if ok && !calStyles[p.mk.style] && (calNode < 0 || h.depth <= calDepth) {
					end = true
				}
				if !end {
					calStyles[p.mk.style] = true
				}
			case paraRole:
				r := roleOf(headingCore(t.simp(p.hStart, p.hEnd)))
				end = r.tag != "calendar" && (utf8.RuneCountInString(r.word) >= 4 || p.md > 0)
			case paraPlain:
				end = p.md > 0 // a markdown heading closes the calendar
			}
			if !end {
				continue
			}
			closeCal()
		}
		if p.mlLoose && (p.mlStrict || (cur >= 0 && o.nodes[cur].role.tag == "calendar")) {
			inCalSection := cur >= 0 && (o.nodes[cur].role.tag == "calendar" || calendarish(o.nodes[cur].core))
			if inCalSection || monthAhead(i) {
				calNode = cur
				calDepth = 0
				if cur >= 0 {
					calDepth = o.nodes[cur].depth
				}
				dropCol = headerDropCol(t, ps, i)
				o.blocks = append(o.blocks, calBlock{ml: p.ml, section: calNode, dropCol: dropCol})
				if cur >= 0 {
					o.nodes[cur].calendar = true
				}
				continue
			}
		}
		var st string
		switch p.kind {
		case paraNumbered:
			st = p.mk.style
		case paraRole:
			st = styleRole
		case paraPlain:
			st = stylePlain
		default:
			continue
		}
		if p.md > 0 {
			// markdown levels nest by their number of marks, numbered or
			// not (#### 引言 and #### 一、… are siblings)
			st = fmt.Sprintf("md%d", p.md)
		}
		// depth
		if st == styleRole {
			stack = stack[:0]
		} else if k := stackIndex(stack, st); k >= 0 {
			stack = stack[:k]
		} else if h, ok := seen[st]; ok && p.kind == paraNumbered && p.mk.value == h.value+1 && h.depth-1 <= len(stack) {
			stack = stack[:h.depth-1]
		} else if len(stack) > 0 {
			top := &o.nodes[stack[len(stack)-1].node]
			if top.style == styleRole && top.hasBody {
				stack = stack[:len(stack)-1]
			}
		}
		parent := -1
		if len(stack) > 0 {
			parent = stack[len(stack)-1].node
		}
		n := outlineNode{
			para: i, style: st, parent: parent, depth: len(stack) + 1,
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
		stack = append(stack, stackEntry{style: st, node: idx})
		seen[st] = hist{depth: n.depth, value: n.value}
		cur = idx
		// body paragraphs after this heading mark it as having a body
		if i+1 < len(ps) && ps[i+1].kind == paraBody && !ps[i+1].mlLoose {
			o.nodes[idx].hasBody = true
		}
	}
	// Body extents: a node's own body runs to the next heading or block.
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
		for _, m := range o.nodes[ni+1:] {
			e = m.pStart
			break
		}
		if n.calendar {
			// the calendar's own text holds its blocks
			n.bodyEnd = e
		} else {
			n.bodyEnd = nextAfter(n.pStart)
			if n.bodyEnd > e {
				n.bodyEnd = e
			}
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
