// Package split cuts one file's cleaned text into the documents it holds:
// the pieces of a 范文 compilation (篇一…篇六, 【篇1】, 范文1…范文6,
// 第一篇, "(一)…计划"), and plans glued one after another, each starting
// with its own title. A single plan stays one document.
//
// Lines are matched through their simplified view, so traditional pages
// split like simplified ones; titles and texts are returned as written.
package split

import (
	"sort"
	"strings"
	"unicode/utf8"

	"plans/internal/zhtext"
	"plans/script"
)

// Part is one document found in a file.
type Part struct {
	Title string // the part's title as written (e.g. "教育工会的工作计划 篇三")
	Text  string // the part's whole cleaned text, starting with its own title line(s)
}

// Thresholds for a plan glued after another one without a marker.
const (
	minBodyLines  = 3   // non-blank lines the previous plan must have
	minBodyRunes  = 150 // characters the previous plan must have
	minAfterLines = 3   // non-blank lines the new plan must have
	minAfterRunes = 60  // characters the new plan must have
	longLine      = 30  // a paragraph, not a list item
	// A preamble before the first marker is kept as a part only when it is
	// this long: a compilation's page title and foreword are shorter.
	minPreambleLines = 3
	minPreambleRunes = 150
	// Lines at the start of a single plan searched for its title.
	titleSearchLines = 3
)

type lineInfo struct {
	orig  string
	ts    string // simplified, trimmed
	sq    string // simplified, no whitespace
	blank bool
}

// segment is a part being built: its text is lines[start:end].
type segment struct {
	start, end int
	title      string // as written; "" means the hint
	titleKey   string // squeezed simplified title, to recognise a repeat
	body       int    // first line after the title line(s)
}

type splitter struct {
	lines []lineInfo
	hint  string
}

// Split cuts one file's cleaned text into its documents. hint is a title
// the container declared (html <title>, docx title, or the file name
// without extension), used when the text has no title line.
//
// Every part has a non-empty text; the parts' texts are made of the
// input's lines, in order. A text with no content gives no parts.
func Split(text, hint string) []Part {
	return SplitWith(text, hint, script.DefaultSimplify())
}

// SplitWith is Split with the given conversion to simplified characters
// (nil: the patterns match the original characters only).
func SplitWith(text, hint string, simplify func(string) string) []Part {
	s := newSplitter(text, hint, simplify)
	var segs []segment
	if starts := s.markerStarts(); len(starts) > 0 {
		segs = s.markerSegments(starts)
	} else {
		segs = s.plainSegments()
	}
	var out []segment
	for _, g := range segs {
		out = append(out, s.glued(g)...)
	}
	parts := make([]Part, 0, len(out))
	for _, g := range out {
		if p, ok := s.part(g); ok {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return parts
}

// maxPatternRunes is the longest line any pattern looks at (markers,
// titles, org lines); longer lines are only counted, so they are not
// converted to simplified characters.
const maxPatternRunes = 60

func newSplitter(text, hint string, simplify func(string) string) *splitter {
	origs := strings.Split(text, "\n")
	s := &splitter{lines: make([]lineInfo, len(origs)), hint: zhtext.TrimSpace(hint)}
	for i, o := range origs {
		ts := zhtext.TrimSpace(o)
		if simplify != nil && utf8.RuneCountInString(ts) <= maxPatternRunes {
			if simp := simplify(ts); simp != ts && utf8.RuneCountInString(simp) == utf8.RuneCountInString(ts) {
				ts = simp
			}
		}
		s.lines[i] = lineInfo{orig: o, ts: ts, sq: zhtext.Squeeze(ts), blank: ts == ""}
	}
	return s
}

// nextNonBlank returns the first non-blank line in [from, to), or -1.
func (s *splitter) nextNonBlank(from, to int) int {
	for i := from; i < to; i++ {
		if !s.lines[i].blank {
			return i
		}
	}
	return -1
}

// prevNonBlank returns the last non-blank line in [from, to), or -1.
func (s *splitter) prevNonBlank(from, to int) int {
	for i := to - 1; i >= from; i-- {
		if !s.lines[i].blank {
			return i
		}
	}
	return -1
}

// markerStarts returns the lines holding part markers of a series: at
// least two markers of one family, two of them numbered one after the
// other (篇一, 篇二 …). Several series may nest (范文1…范文6, and 范文一,
// 范文二 inside 范文6).
func (s *splitter) markerStarts() []int {
	type member struct {
		line, ord int
	}
	families := map[string][]member{}
	for i, l := range s.lines {
		if l.blank {
			continue
		}
		if m, ok := parseMarker(l.ts); ok {
			families[m.family] = append(families[m.family], member{i, m.ord})
		}
	}
	var starts []int
	for _, ms := range families {
		if len(ms) < 2 {
			continue
		}
		series := false
		for k := 1; k < len(ms); k++ {
			if ms[k].ord == ms[k-1].ord+1 {
				series = true
				break
			}
		}
		if !series {
			continue
		}
		for _, m := range ms {
			starts = append(starts, m.line)
		}
	}
	sort.Ints(starts)
	return starts
}

// markerSegments makes one segment per marker. The preamble before the
// first marker (a compilation's title and foreword) belongs to no part,
// unless it is long enough to be a document itself.
func (s *splitter) markerSegments(starts []int) []segment {
	var segs []segment
	if pre := s.plainSegments(); len(pre) > 0 && s.substantial(pre[0].start, starts[0]) {
		g := pre[0]
		g.end = starts[0]
		if g.body > g.end { // the title found was the first marker's
			g.title, g.titleKey, g.body = "", "", g.start
		}
		segs = append(segs, g)
	}
	for k, st := range starts {
		end := len(s.lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		g := segment{start: st, end: end, body: st + 1}
		l := s.lines[st]
		m, _ := parseMarker(l.ts)
		switch {
		case !m.bare:
			g.title = zhtext.TrimSpace(l.orig)
			g.titleKey = l.sq
			// 第一篇:2010工会计划 over a document with its own title (under
			// its red header): the document's title is the part's
			if t := s.nextTitleLine(st + 1); t >= 0 && t < end && t <= st+4 && isDocTitle(s.lines[t].sq, true) {
				g.title = zhtext.TrimSpace(s.lines[t].orig)
				g.titleKey = s.lines[t].sq
				g.body = t + 1
			}
		default:
			// A bare marker (【篇一】): the title is the next line when it is
			// one, else the compilation's title with the marker. The marker
			// numbers the part; it is not a line of the document.
			g.start = st + 1
			if t := s.nextNonBlank(st+1, end); t >= 0 && isDocTitle(s.lines[t].sq, false) {
				g.title = zhtext.TrimSpace(s.lines[t].orig)
				g.titleKey = s.lines[t].sq
				g.body = t + 1
			} else {
				g.title = strings.TrimSpace(s.baseTitle(starts[0]) + " " + strings.TrimRight(zhtext.TrimSpace(l.orig), "：:"))
			}
		}
		segs = append(segs, g)
	}
	return segs
}

// substantial reports whether lines [from, to) hold a document of their
// own rather than a page title and a foreword.
func (s *splitter) substantial(from, to int) bool {
	lines, runes := 0, 0
	for i := from; i < to; i++ {
		l := s.lines[i]
		if l.blank || isCompilation(l.sq) || isDocTitle(l.sq, false) {
			continue
		}
		lines++
		runes += utf8.RuneCountInString(l.sq)
	}
	return lines >= minPreambleLines && runes >= minPreambleRunes
}

// baseTitle is the title of a compilation before line end: its page title
// without the count ("教育工会的工作计划(优选6篇)" → "教育工会的工作计划"), or
// the hint.
func (s *splitter) baseTitle(end int) string {
	for i := 0; i < end; i++ {
		l := s.lines[i]
		if l.blank || !isCompilation(l.sq) {
			continue
		}
		t := zhtext.TrimSpace(l.orig)
		if loc := reCompilation.FindStringIndex(l.ts); loc != nil {
			// l.ts is rune-aligned with the trimmed original.
			t = zhtext.TrimSpace(runePrefix(t, utf8.RuneCountInString(l.ts[:loc[0]])))
		}
		if t != "" {
			return t
		}
	}
	// the page's own title line above the first part (工会工作计划范文)
	for i := 0; i < end; i++ {
		if l := s.lines[i]; !l.blank {
			if isDocTitle(l.sq, false) {
				return zhtext.TrimSpace(l.orig)
			}
			break
		}
	}
	return s.hint
}

// plainSegments makes the one segment of a text without part markers: it
// starts at the first line that is not a compilation title, and its title
// is the first title-like line among the first lines (an org line may
// stand above it), or the hint.
func (s *splitter) plainSegments() []segment {
	start := -1
	for i, l := range s.lines {
		if l.blank || isCompilation(l.sq) {
			continue
		}
		start = i
		break
	}
	if start < 0 {
		return nil
	}
	g := segment{start: start, end: len(s.lines), body: start}
	if i, ok := s.issuedTitle(start); ok {
		// 关于印发《…工作要点》的通知 over the 要点 itself: its title
		l := s.lines[i]
		g.title, g.titleKey, g.body = zhtext.TrimSpace(l.orig), l.sq, i+1
		return []segment{g}
	}
	seen := 0
	for i := start; i < len(s.lines) && seen < titleSearchLines; i++ {
		l := s.lines[i]
		if l.blank || isDocHeader(l.sq) {
			continue
		}
		seen++
		sq := l.sq
		if rest := reLeadMarker.ReplaceAllString(sq, ""); rest != sq && rest != "" {
			sq = rest // 第一篇:2010工会计划 — a compilation's heading for its part
		}
		if isDocTitle(sq, false) {
			// A page heading over the plan's own title ("学校工会工作计划范文"
			// above "2015年红星小学工会工作计划"): the second is the title.
			// A title with its own year (2016年工会工作总结和2017年工作计划)
			// is the document's, and the next line its first part.
			if j := s.nextTitleLine(i + 1); j >= 0 && !(isDocTitle(sq, true) && reYear.MatchString(sq) && sq == l.sq) && isDocTitle(s.lines[j].sq, true) {
				i, l = j, s.lines[j]
			}
			g.title = zhtext.TrimSpace(l.orig)
			g.titleKey = l.sq
			g.body = i + 1
			g.title, g.titleKey, g.body = s.fullTitle(g.title, g.titleKey, g.body)
			break
		}
		if startsWithNumber(l.sq) {
			break // the plan starts with its first heading: no title line
		}
	}
	if g.title == "" {
		// A first line naming another genre (…上的讲话, …的意见) is the
		// text's title, though not a plan's.
		if l := s.lines[start]; isGenreTitle(l.sq) {
			g.title, g.titleKey, g.body = zhtext.TrimSpace(l.orig), l.sq, start+1
		}
	}
	return []segment{g}
}

// nextTitleLine returns the next non-blank line from i that is not a red
// header's line (…工会文件, …字〔2010〕1号), or -1.
func (s *splitter) nextTitleLine(i int) int {
	for ; i < len(s.lines); i++ {
		if l := s.lines[i]; !l.blank && !isDocHeader(l.sq) {
			return i
		}
	}
	return -1
}

// issuedSearchLines is how many non-blank lines below a covering notice
// the document it issues may start.
const issuedSearchLines = 16

// issuedTitle finds, below a covering notice (关于印发《X》的通知) among the
// first lines, the line X that opens the document the notice issues.
func (s *splitter) issuedTitle(start int) (int, bool) {
	seen := 0
	// The notice line is specific enough to be looked for below a portal's
	// record lines (索引号, 发布机构, 发文日期 …).
	for i := start; i < len(s.lines) && seen < 2*issuedSearchLines/3; i++ {
		l := s.lines[i]
		if l.blank {
			continue
		}
		seen++
		m := reIssueNotice.FindStringSubmatch(l.sq)
		if m == nil {
			continue
		}
		// The notice's own lines (addressees, the sentence issuing it, the
		// list of attachments, the signature and date, 附件1：) come first.
		inner := m[1]
		for j, n := i+1, 0; j < len(s.lines) && n < issuedSearchLines; j++ {
			if s.lines[j].blank {
				continue
			}
			n++
			if s.lines[j].sq == inner {
				return j, true
			}
		}
	}
	return 0, false
}

// fullTitle joins to a title the line under it that continues it
// (…2006年工作总结 / 及2007年工作计划); body is the line after the title.
func (s *splitter) fullTitle(title, key string, body int) (string, string, int) {
	if body < len(s.lines) && !s.lines[body].blank && zhtext.ContinuesTitle(s.lines[body].sq) {
		l := s.lines[body]
		return title + zhtext.TrimSpace(l.orig), key + l.sq, body + 1
	}
	return title, key, body
}

// glued cuts a segment where a second plan starts with its own title after
// a complete plan ("江城市第三中学2013年工会工作计划" after a whole plan).
func (s *splitter) glued(g segment) []segment {
	var out []segment
	cur := g
	bodyLines, bodyRunes := 0, 0
	for i := cur.body; i < g.end; i++ {
		l := s.lines[i]
		if l.blank {
			continue
		}
		if title, ok := readingHeader(l.ts); ok && bodyLines > 0 && s.nextNonBlank(i+1, g.end) >= 0 {
			// 延伸阅读：如何写好工作计划 — a site's essay glued after the plan
			done := cur
			done.end = i
			out = append(out, done)
			body := i + 1
			if title == "" {
				if j := s.nextNonBlank(i+1, g.end); j >= 0 && utf8.RuneCountInString(s.lines[j].sq) <= 40 && !isSentence(s.lines[j].sq) {
					title, body = zhtext.TrimSpace(s.lines[j].orig), j+1
				}
			} else {
				title = runeSuffix(zhtext.TrimSpace(l.orig), utf8.RuneCountInString(title))
			}
			cur = segment{start: i, end: g.end, title: title, titleKey: zhtext.Squeeze(title), body: body}
			bodyLines, bodyRunes = 0, 0
			continue
		}
		if bodyLines >= 4 && bodyRunes >= 60 && s.restartsElsewhere(cur, i, g.end) {
			done := cur
			done.end = i
			out = append(out, done)
			cur = segment{start: i, end: g.end, title: zhtext.TrimSpace(l.orig), titleKey: l.sq, body: i}
			bodyLines, bodyRunes = 0, 0
			continue
		}
		enough := bodyLines >= minBodyLines && bodyRunes >= minBodyRunes ||
			bodyLines >= minBodyLines && bodyRunes >= 40 && sameSubjectOtherKind(cur.titleKey, l.sq)
		if enough && l.sq != cur.titleKey && isDocTitle(l.sq, true) && !s.introduced(cur.body, i) && s.followedByPlan(i, g.end) {
			start := i
			if p := s.prevNonBlank(cur.body, i); p >= 0 && isOrgLine(s.lines[p].sq) {
				start = p // the new plan's org line stands above its title
			}
			done := cur
			done.end = start
			out = append(out, done)
			cur = segment{start: start, end: g.end, title: zhtext.TrimSpace(l.orig), titleKey: l.sq, body: i + 1}
			cur.title, cur.titleKey, cur.body = s.fullTitle(cur.title, cur.titleKey, cur.body)
			bodyLines, bodyRunes = 0, 0
			continue
		}
		bodyLines++
		bodyRunes += utf8.RuneCountInString(l.sq)
	}
	return append(out, cur)
}

// restartsElsewhere reports a top-level numbering that starts again at
// 一、 (after 二、 or later in the current document) with a text about
// something else: no word of union work in it, while the document so far
// has them (a community event scheme glued under a plan's 篇1 label).
func (s *splitter) restartsElsewhere(cur segment, i, end int) bool {
	if !reCNOne.MatchString(s.lines[i].sq) {
		return false
	}
	higher, union := false, false
	for k := cur.body; k < i; k++ {
		sq := s.lines[k].sq
		if reCNHigher.MatchString(sq) {
			higher = true
		}
		if reCNOne.MatchString(sq) {
			higher = false
		}
		union = union || reUnionWork.MatchString(sq)
	}
	if !higher || !union {
		return false
	}
	runes := 0
	for k := i; k < end; k++ {
		sq := s.lines[k].sq
		if k > i && reCNOne.MatchString(sq) {
			break
		}
		if reUnionWork.MatchString(sq) {
			return false
		}
		runes += utf8.RuneCountInString(sq)
	}
	return runes >= 40
}

// introduced reports whether the line before line i introduces it
// ("一月份：", "附："): the line is then an item, not a new document.
func (s *splitter) introduced(from, i int) bool {
	p := s.prevNonBlank(from, i)
	return p >= 0 && (strings.HasSuffix(s.lines[p].sq, "：") || strings.HasSuffix(s.lines[p].sq, ":"))
}

// followedByPlan reports whether a title at line i is followed by the body
// of a plan (not by another title, as in a list of titles).
func (s *splitter) followedByPlan(i, end int) bool {
	lines, runes, body := 0, 0, false
	for j := i + 1; j < end; j++ {
		l := s.lines[j]
		if l.blank {
			continue
		}
		if isDocTitle(l.sq, true) {
			break
		}
		n := utf8.RuneCountInString(l.sq)
		lines++
		runes += n
		body = body || n >= longLine || startsWithNumber(l.sq)
		if lines >= minAfterLines && runes >= minAfterRunes && body {
			return true
		}
	}
	return false
}

// part renders a segment, or reports that it has no content of its own
// (a container heading such as 范文6 that only holds 范文一 and 范文二).
func (s *splitter) part(g segment) (Part, bool) {
	end := g.end
	// A compilation title at the very end of the page is its footer.
	for s.nextNonBlank(g.end, len(s.lines)) < 0 {
		p := s.prevNonBlank(g.body, end)
		if p < 0 || !isCompilation(s.lines[p].sq) {
			break
		}
		end = p
	}
	if s.nextNonBlank(g.body, end) < 0 {
		return Part{}, false
	}
	first := s.nextNonBlank(g.start, end)
	last := s.prevNonBlank(g.start, end)
	texts := make([]string, 0, last-first+1)
	for i := first; i <= last; i++ {
		texts = append(texts, s.lines[i].orig)
	}
	title := g.title
	if title == "" {
		title = s.hint
	}
	return Part{Title: title, Text: strings.Join(texts, "\n")}, true
}

// runeSuffix returns the last n runes of s.
func runeSuffix(s string, n int) string {
	rs := []rune(s)
	if n > len(rs) {
		return s
	}
	return string(rs[len(rs)-n:])
}

// runePrefix returns the first n runes of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
