package outline

import (
	"strings"
	"unicode/utf8"

	"plans/classify/names"
	"plans/internal/runeset"
	"plans/internal/zhtext"
)

// ParaKind is what a paragraph was recognised as.
type ParaKind int

const (
	ParaBody     ParaKind = iota
	ParaNumbered          // starts with a numbering token
	ParaRole              // un-numbered heading naming a part (工作目标, 行事历…)
	ParaPlain             // un-numbered heading judged by its shape
	ParaTitle             // a repeated title line
)

// Para is one paragraph: a line, or a piece of a line cut at a heading that
// starts in the middle of it.
type Para struct {
	start, end int // trimmed rune span
	hStart     int // where the heading starts (after markdown marks)
	md         int // markdown heading level (## 工作目标 → 2), 0 for none
	midLine    bool
	Kind       ParaKind
	Marker     Marker
	hEnd       int // heading end (exclusive)
	bodyStart  int // where the heading's own text after the lead starts
	inline     bool
	ml         MonthLabel
	mlStrict   bool // ml parsed with a separator
	mlLoose    bool // ml parsed in a calendar context
	GapFill    bool // an un-numbered heading standing in for a lost number
	shiRun     bool // cut from a line flattened from a 一是/二是 list
}

// Node is a heading of the outline before it becomes a Section.
type Node struct {
	Para      int
	Style     string
	value     int
	Depth     int
	Parent    int // index in nodes, -1 for top level
	children  int
	pStart    int // start of the paragraph (markdown marks included)
	HeadStart int
	HeadEnd   int
	BodyStart int
	BodyEnd   int // set when the next heading is known
	Inline    bool
	numbered  bool
	Core      string // simplified heading without number and punctuation
	Role      Role
	Calendar  bool // holds month blocks
	hasBody   bool
}

// Block is one month block of a calendar.
type Block struct {
	Month   MonthLabel
	End     int // end of the block's text
	Section int // node index or -1
	DropCol int
}

// Outline is the result of parsing a document's structure: its heading
// tree (Nodes, in document order, each with its parent's index), the
// paragraphs the headings were found in, and the month blocks of its
// calendars. Offsets are rune offsets into the Text it was parsed from.
type Outline struct {
	text   *Text
	Paras  []Para
	Nodes  []Node
	Blocks []Block
	Body   Span  // the document body after the title lines
	tail   int   // where a trailing sign-off starts (body.end when none)
	stops  []int // where a calendar ends without a heading (以上安排…)
	Title  Span  // the title line found in the text (empty if none)
}

// Parse finds the heading tree and the calendar blocks of a document's
// text; title is the document's title, found in the text or given (a file
// name), so that its line is not taken for a heading.
func Parse(t *Text, title string) *Outline {
	return parseOpts(t, title, false)
}

// ParseProse parses like Parse but drops enumerator headings (首先, 一是):
// in a speech or an essay that is not a plan they are rhetoric, not the
// parts of a plan.
func ParseProse(t *Text, title string) *Outline {
	return parseOpts(t, title, true)
}

func parseOpts(t *Text, title string, noWeak bool) *Outline {
	o := &Outline{text: t}
	lines := t.Lines()
	first, tl := titleZone(t, lines, title)
	o.Title = tl
	if first < len(lines) {
		o.Body = Span{lines[first].Start, len(t.Runes)}
	} else {
		o.Body = Span{len(t.Runes), len(t.Runes)}
	}
	titleKey := Key(title)
	o.tail = findTail(t, o.Body.Start, o.Body.End)

	// Which strong styles open lines: mid-line headings must continue them.
	nonEmpty := 0
	for _, ln := range lines[first:] {
		a, b := t.TrimSpan(ln.Start, ln.End)
		if a < b {
			nonEmpty++
		}
	}
	last := map[string]int{}
	for li := first; li < len(lines); li++ {
		a, b := t.TrimSpan(lines[li].Start, lines[li].End)
		if a >= b {
			continue
		}
		if a >= o.tail {
			break
		}
		runTogether := b-a > 500 || (nonEmpty <= 3 && b-a > 200) || numberedRun(t.Runes, a, b)
		// a line that opens with 一是 and goes on with 二是 after a full
		// stop is a flattened list of the document's own parts
		shiRun := false
		if mk, ok := ParseMarker(t.Runes, a, b); ok && mk.Style == styleShi && mk.value == 1 {
			shiRun = shiFollows(t.Runes, a, b)
		}
		cuts := []int{a}
		_, monthLine := parseMonthLabel(t.Runes, a, b, true)
		if !monthLine {
			if mk, ok := ParseMarker(t.Runes, a, b); ok {
				last[mk.Style] = mk.value
			}
		}
		for k := a + 1; k < b; k++ {
			if !mayStartMarker(t.Runes[k]) {
				continue
			}
			ws, prev := 0, rune(0)
			q := k - 1
			for q >= a && zhtext.IsSpace(t.Runes[q]) {
				ws++
				q--
			}
			if q >= a {
				prev = t.Runes[q]
			}
			sentence := zhtext.IsSentenceEnd(prev)
			colon := prev == '：' || prev == ':'
			if !(sentence || ws >= 2 || (runTogether && (ws >= 1 || colon))) {
				continue
			}
			if _, ok := parseMonthLabel(t.Runes, k, b, true); ok {
				// 九月：…；十月：… — a calendar flattened into one line
				if monthLine && (prev == '；' || prev == ';' || prev == '。') {
					cuts = append(cuts, k)
				}
				continue
			}
			mk, ok := ParseMarker(t.Runes, k, b)
			if !ok || !(strongMidLine(mk.Style) || mk.Style == styleShi && shiRun) {
				continue
			}
			lv, seen := last[mk.Style]
			switch {
			case seen && mk.value > lv && mk.value <= lv+2:
			case !seen && mk.value == 1 && (runTogether || (sentence && ws >= 1) || ws >= 2):
			default:
				continue
			}
			last[mk.Style] = mk.value
			cuts = append(cuts, k)
		}
		for ci, c := range cuts {
			e := b
			if ci+1 < len(cuts) {
				e = cuts[ci+1]
			}
			pa, pb := t.TrimSpan(c, e)
			if pa >= pb {
				continue
			}
			o.Paras = append(o.Paras, Para{start: pa, end: pb, midLine: ci > 0, shiRun: shiRun})
		}
	}

	for i := range o.Paras {
		classifyPara(t, &o.Paras[i], titleKey)
	}
	dropLoneWeak(o.Paras, noWeak)
	acceptPlain(t, o.Paras)
	fillGaps(t, o.Paras)
	o.stops = append(o.stops, closingStops(t, o.Paras)...)
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
		mk, ok := ParseMarker(s, k, b)
		if !ok || !strongMidLine(mk.Style) {
			continue
		}
		switch mk.value {
		case 1:
			firsts[mk.Style] = true
		case 2:
			if firsts[mk.Style] {
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
func closingStops(t *Text, ps []Para) []int {
	from := 0
	for i, p := range ps {
		if p.Kind != ParaBody || p.mlLoose {
			from = i + 1
		}
	}
	for k, p := range ps[from:] {
		if p.midLine {
			continue
		}
		head := t.Simp(p.start, min(p.end, p.start+6))
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
func titleZone(t *Text, lines []Span, title string) (int, Span) {
	key := Key(title)
	seen := 0
	if key != "" {
		for i, ln := range lines {
			a, b := t.TrimSpan(ln.Start, ln.End)
			if a >= b {
				continue
			}
			seen++
			if seen > 4 {
				break
			}
			lk := Key(t.Orig(a, b))
			if lk == key || (len(lk) > 0 && b-a <= 40 && (strings.HasPrefix(lk, key) || strings.HasPrefix(key, lk) && utf8.RuneCountInString(lk)*2 > utf8.RuneCountInString(key))) {
				return afterTitle(t, lines, i+1, key), Span{a, b}
			}
			if b-a > 40 {
				break
			}
		}
		if i, ok := issuedTitle(t, lines, key); ok {
			a, b := t.TrimSpan(lines[i].Start, lines[i].End)
			return afterTitle(t, lines, i+1, key), Span{Start: a, End: b}
		}
	}
	seen = 0
	for i, ln := range lines {
		a, b := t.TrimSpan(ln.Start, ln.End)
		if a >= b {
			continue
		}
		seen++
		if seen > 3 || b-a > 40 {
			break
		}
		if _, ok := ParseMarker(t.Runes, a, b); ok {
			break
		}
		line := t.Simp(a, b)
		if zhtext.IsSentenceEnd(t.Runes[b-1]) || t.Runes[b-1] == '，' {
			break
		}
		for _, w := range []string{"工作计划", "工作总结", "工作要点", "工作安排", "工作规划", "行事历", "工作思路", "计划", "总结", "要点"} {
			if strings.HasSuffix(strings.TrimRight(line, " ）)0123456789"), w) || strings.Contains(line, "工会"+w) {
				return afterTitle(t, lines, i+1, key), Span{a, b}
			}
		}
	}
	return 0, Span{}
}

// issuedLines is how far below the top a document issued by a covering
// notice may start.
const issuedLines = 24

// issuedTitle finds the title line of a document issued by a covering
// notice above it (关于印发《X》的通知 … 附件：X): a line that is the title
// exactly, below a line that names it in 《》. The notice stays in the
// text, above the title, out of the heading tree.
func issuedTitle(t *Text, lines []Span, key string) (int, bool) {
	named := false
	for i, seen := 0, 0; i < len(lines) && seen < issuedLines; i++ {
		a, b := t.TrimSpan(lines[i].Start, lines[i].End)
		if a >= b {
			continue
		}
		seen++
		line := t.Orig(a, b)
		if named && Key(line) == key {
			return i, true
		}
		if k := strings.Index(line, "《"); k >= 0 {
			if e := strings.Index(line[k:], "》"); e > 0 && Key(line[k:k+e]) == key {
				named = true
			}
		}
	}
	return 0, false
}

// afterTitle extends the title zone over the title's second line and a
// byline under the title: an org line (江城市第三中学工会), a date
// ((2013年2月)), a dash subtitle.
func afterTitle(t *Text, lines []Span, i int, titleKey string) int {
	for k, n := i, 0; k < len(lines) && n < 2; k++ {
		a, b := t.TrimSpan(lines[k].Start, lines[k].End)
		if a >= b {
			continue
		}
		n++
		if n == 1 && b-a <= 30 && (len(titleKey) > 0 && strings.HasSuffix(titleKey, Key(t.Orig(a, b))) || zhtext.ContinuesTitle(t.Simp(a, b))) {
			// the title's second line (…2006年工作总结 / 及2007年工作计划)
			i = k + 1
			continue
		}
		if b-a > 25 {
			return k
		}
		if _, ok := ParseMarker(t.Runes, a, b); ok {
			return k
		}
		line := t.Simp(a, b)
		dash := strings.HasPrefix(line, "—") || strings.HasPrefix(line, "--")
		paren := zhtext.IsOpenParen(t.Runes[a]) && zhtext.IsCloseParen(t.Runes[b-1])
		date := false
		if y, _ := names.Year(line); y != 0 || strings.Contains(line, "年") && strings.Contains(line, "月") && utf8.RuneCountInString(line) <= 14 {
			// 2016年工作总结 is a part's heading, not a date
			date = !zhtext.IsSentenceEnd(t.Runes[b-1]) && !hasAnySuffix(strings.TrimRight(line, "：: "), []string{"总结", "计划", "要点", "安排", "打算", "思路", "设想", "回顾"})
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
func classifyPara(t *Text, p *Para, titleKey string) {
	s := t.Runes
	p.hEnd, p.bodyStart = p.end, p.end
	p.hStart = p.start
	if !p.midLine {
		if lvl, k := MarkdownHeading(s, p.start, p.end); lvl > 0 {
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
	if titleKey != "" && p.end-p.start <= 2*utf8.RuneCountInString(titleKey)+10 && Key(t.Orig(p.start, p.end)) == titleKey {
		p.Kind = ParaTitle
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
		if mk, ok := ParseMarker(s, p.hStart, p.end); ok && !WeakStyle(mk.Style) {
			p.Kind, p.Marker = ParaNumbered, mk
			return
		}
		p.Kind = ParaPlain
		if r := roleOf(headingCore(t.Simp(p.hStart, p.end))); r.Tag != "" && r.Tight {
			p.Kind = ParaRole
		}
		return
	}
	if mk, ok := ParseMarker(s, p.start, p.end); ok {
		p.Kind, p.Marker = ParaNumbered, mk
		c := mk.End
		for c < p.end && zhtext.IsSpace(s[c]) {
			c++
		}
		p.hEnd, p.bodyStart, p.inline = leadEnd(s, c, p.end)
		if mk.Style == styleEnum && p.hEnd > c {
			// 首先，请允许我…表示热烈的欢迎！ is an exclamation, not a heading
			if e := s[p.hEnd-1]; e == '！' || e == '？' || e == '!' || e == '?' {
				p.Kind = ParaBody
				p.hEnd, p.bodyStart, p.inline = p.end, p.end, false
				return
			}
		}
		if mk.Style == StyleArSpace || (mk.Style == styleCN && c > mk.Start && zhtext.IsSpace(s[mk.End-1])) {
			// "1 标题" / "一 标题" only as short standalone lines.
			if p.inline || p.end-p.start > 30 {
				p.Kind = ParaBody
			}
		}
		return
	}
	if p.midLine {
		return
	}
	// 指导思想：以… — a role keyword and a colon opening a paragraph; not a
	// bulleted list item (– **目标**：…), which labels a line of its own.
	if r := s[p.start]; IsBullet(r) || r == '–' || r == '—' {
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
			if r.Tag != "" && r.Tight && k+1 < p.end {
				p.Kind = ParaRole
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

// MarkdownHeading reads the marks of a markdown heading (## 工作目标) at
// s[i:]: it returns the level and where the heading text starts, or 0.
func MarkdownHeading(s []rune, i, end int) (int, int) {
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
	punct, commas := false, 0
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
		if zhtext.IsSpace(r) && !punct && commas <= 1 && k-c >= 2 && k-c <= 25 && !isPunct(s[k-1]) {
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
		// a heading of two clauses (加强师德建设，提高教师素质) may still
		// end at a space before its body; other punctuation may not
		if r == '，' || r == ',' {
			commas++
		} else if isPunct(r) {
			punct = true
		}
	}
	return end, end, false
}
