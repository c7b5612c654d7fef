// Package clean removes site noise from the text of one imported file:
// site banners and stamps, page meta lines, share and download buttons,
// related-article blocks and category-link dumps, spam, 范文 site blurbs,
// chatbot sign-offs, repeated title lines and page footers.
//
// Every rule is anchored: it removes whole lines (or a site name glued to
// the end of a title line) that match completely, are short, or sit at the
// top or the bottom of the page. A line of the plan itself is never
// rewritten. Patterns are matched on the simplified view of the text, so
// one rule serves pages in either script.
package clean

import (
	"sort"
	"strings"
	"unicode/utf8"

	"plans/internal/zhtext"
	"plans/script"
)

// Result is the outcome of cleaning one file's text.
type Result struct {
	// Text is the cleaned text: the kept lines as written, one paragraph a
	// line; runs of blank lines are collapsed and the text is trimmed of
	// leading and trailing blank lines.
	Text string
	// Removed lists the removed lines (trimmed) and line fragments, in the
	// order they stood in the input.
	Removed []string
}

// maxPasses bounds the passes over a page. Real pages settle in two or
// three; only a contrived page (hundreds of noise lines that each become
// top-of-page noise once the lines above are gone) could need more, and
// then cleaning it twice may remove a little more.
const maxPasses = 64

// edgeLines is how many non-blank lines count as the top or the bottom of a
// page for rules that only apply there.
const edgeLines = 8

// line is one input line during cleaning.
type line struct {
	orig    string // as written (shortened when a site suffix is cut off)
	simp    string // simplified view of orig, trimmed of surrounding space
	blank   bool
	removed bool
}

type removal struct {
	idx  int // input line
	frag bool
	text string
}

type cleaner struct {
	lines []line
	out   []removal
	// simplify makes the simplified view of a line; nil when OpenCC could
	// not be loaded (the rules then see the original characters).
	simplify func(string) string
}

// Clean removes site noise from text (one paragraph a line, "\n").
//
// Clean is idempotent: the rules are applied until none of them fires, so
// cleaning a cleaned text changes nothing (see maxPasses for the bound).
func Clean(text string) Result {
	return CleanWith(text, script.DefaultSimplify())
}

// CleanWith is Clean with the given conversion to simplified characters
// (a script.Memo's, say, shared with the later steps of the pipeline).
func CleanWith(text string, simplify func(string) string) Result {
	c := newCleaner(text, simplify)
	for range maxPasses {
		if !c.pass() {
			break
		}
	}
	return c.result()
}

func newCleaner(text string, simplify func(string) string) *cleaner {
	c := &cleaner{simplify: simplify}
	origs := strings.Split(text, "\n")
	simps := c.simplifyLines(origs)
	c.lines = make([]line, len(origs))
	for i, o := range origs {
		s := zhtext.TrimSpace(simps[i])
		c.lines[i] = line{orig: o, simp: s, blank: s == ""}
	}
	return c
}

// simplifyLines returns the simplified view of every line the rules may
// look at, each with as many runes as the original line. Long paragraphs
// are never noise, so they are not converted (saving most of the work),
// unless they lack sentence punctuation (a category dump may be long).
func (c *cleaner) simplifyLines(origs []string) []string {
	simps := make([]string, len(origs))
	for i, o := range origs {
		simps[i] = o
		if c.simplify == nil || (runeLenUpTo(o, maxNoiseRunes) > maxNoiseRunes && strings.ContainsAny(o, "，。；,;")) {
			continue
		}
		if s := c.simplify(o); s != o && utf8.RuneCountInString(s) == utf8.RuneCountInString(o) {
			simps[i] = s
		}
	}
	return simps
}

func (c *cleaner) simplified(s string) string {
	if c.simplify == nil {
		return s
	}
	return c.simplify(s)
}

// kept returns the indices of the non-blank lines still kept.
func (c *cleaner) kept() []int {
	var idx []int
	for i, l := range c.lines {
		if !l.removed && !l.blank {
			idx = append(idx, i)
		}
	}
	return idx
}

// rewrite replaces what line l says (a fragment cut out of it) and
// refreshes its simplified view.
func (c *cleaner) rewrite(l *line, orig string) {
	l.orig = orig
	l.simp = zhtext.TrimSpace(c.simplified(orig))
	l.blank = l.simp == ""
}

func (c *cleaner) remove(i int) {
	c.lines[i].removed = true
	c.out = append(c.out, removal{idx: i, text: zhtext.TrimSpace(c.lines[i].orig)})
}

// pass applies the rules once, in three steps; each later step runs only
// when the earlier ones removed nothing, so block rules see a page already
// free of single-line noise. It reports whether anything was removed.
func (c *cleaner) pass() bool {
	idx := c.kept()
	if c.lineRules(idx) {
		return true
	}
	if c.blockRules(idx) {
		return true
	}
	return c.repeatRules(idx)
}

// lineRules removes lines that are noise on their own, and short bylines
// right after a page meta line.
func (c *cleaner) lineRules(idx []int) bool {
	r := theRules()
	changed := false
	bylines := 0 // how many more lines may be taken as a byline
	for k, i := range idx {
		s := c.lines[i].simp
		pos := position{top: k < edgeLines, bottom: k >= len(idx)-edgeLines}
		if k > 0 {
			prev := c.lines[idx[k-1]].simp
			pos.afterField = strings.HasSuffix(prev, "：") || strings.HasSuffix(prev, ":")
		}
		if r.isMeta(s, pos) {
			c.remove(i)
			changed = true
			bylines = 2
			continue
		}
		if r.isNoise(s, pos) {
			c.remove(i)
			changed = true
			// Furniture between a meta line and its byline keeps the
			// byline window open ("时间:… / 分享 / 作者名").
			continue
		}
		if bylines > 0 && r.isByline(s) {
			c.remove(i)
			changed = true
			bylines--
			continue
		}
		bylines = 0
		if c.cutSiteSuffix(i) {
			changed = true
		}
		if c.cutInline(i) {
			changed = true
		}
		if pos.top && c.cutCategoryPrefix(i) {
			changed = true
		}
	}
	if c.noticeLabels(idx) {
		changed = true
	}
	if c.cutWatermark(idx) {
		changed = true
	}
	return changed
}

// cutWatermark cuts a site's name a page glues to the start of its lines
// (某某在线网建设工会活动室…, 某某在线网2、努力建设…) wherever
// it stands, once it opens enough lines to be the site's and not the
// plan's: see watermark.
func (c *cleaner) cutWatermark(idx []int) bool {
	starts := make([]string, len(idx))
	for k, i := range idx {
		starts[k] = c.lines[i].orig
	}
	w := watermark(starts)
	if w == "" {
		return false
	}
	for _, i := range idx {
		l := &c.lines[i]
		if !strings.Contains(l.orig, w) {
			continue
		}
		c.rewrite(l, strings.ReplaceAll(l.orig, w, ""))
		c.out = append(c.out, removal{idx: i, frag: true, text: w})
	}
	return true
}

// cutInline cuts fragments a site dropped into a sentence (a pinyin gloss,
// a bracketed site address); each is recorded as removed.
func (c *cleaner) cutInline(i int) bool {
	l := &c.lines[i]
	cuts := inlineArtefacts(l.orig)
	if len(cuts) == 0 {
		return false
	}
	sort.Slice(cuts, func(a, b int) bool { return cuts[a][0] < cuts[b][0] })
	var b strings.Builder
	last := 0
	for _, cut := range cuts {
		if cut[0] < last {
			continue
		}
		b.WriteString(l.orig[last:cut[0]])
		c.out = append(c.out, removal{idx: i, frag: true, text: zhtext.TrimSpace(l.orig[cut[0]:cut[1]])})
		last = cut[1]
	}
	b.WriteString(l.orig[last:])
	c.rewrite(l, b.String())
	return true
}

// cutCategoryPrefix cuts a site's category name glued before a title on
// the same line ("工作计划 城西第二小学2019年工会工作计划"): the first
// word names a kind of document and nobody, the rest is a title that
// names its subject.
func (c *cleaner) cutCategoryPrefix(i int) bool {
	l := &c.lines[i]
	n := categoryPrefix(l.simp)
	if n <= 0 {
		return false
	}
	lead := len(l.orig) - len(strings.TrimLeftFunc(l.orig, zhtext.IsSpace))
	body := l.orig[lead:]
	cut := byteOffset(body, n)
	frag := zhtext.TrimSpace(body[:cut])
	c.rewrite(l, l.orig[:lead]+strings.TrimLeftFunc(body[cut:], zhtext.IsSpace))
	c.out = append(c.out, removal{idx: i, frag: true, text: frag})
	return true
}

// noticeLabels removes a short notice label (文档简介, 温馨提示：) whose
// neighbour was removed as site furniture in this pass or stands next to
// the label as a site notice.
func (c *cleaner) noticeLabels(idx []int) bool {
	changed := false
	for k, i := range idx {
		l := &c.lines[i]
		if l.removed || !isNoticeLabel(l.simp) {
			continue
		}
		near := func(j int) bool {
			if j < 0 || j >= len(idx) {
				return false
			}
			n := c.lines[idx[j]]
			return n.removed || isSiteNotice(n.simp)
		}
		if near(k+1) || near(k-1) {
			c.remove(i)
			changed = true
		}
	}
	return changed
}

// cutSiteSuffix cuts a site name glued to the end of a line
// ("2013年工会工作计划_九九范文帮").
func (c *cleaner) cutSiteSuffix(i int) bool {
	l := &c.lines[i]
	n := theRules().siteSuffix(l.simp) // runes of l.simp to keep
	if n < 0 {
		return false
	}
	lead := len(l.orig) - len(strings.TrimLeftFunc(l.orig, zhtext.IsSpace))
	body := l.orig[lead:]
	cut := lead + byteOffset(body, n)
	frag := zhtext.TrimSpace(l.orig[cut:])
	c.rewrite(l, strings.TrimRightFunc(l.orig[:cut], zhtext.IsSpace))
	c.out = append(c.out, removal{idx: i, frag: true, text: frag})
	return true
}

// blockRules removes related-article blocks: a header such as 相关文章 and
// the link lines under it.
func (c *cleaner) blockRules(idx []int) bool {
	r := theRules()
	changed := false
	for k := 0; k < len(idx); k++ {
		header, strong := r.relatedHeader(c.lines[idx[k]].simp)
		if !header {
			continue
		}
		j := k + 1
		titles := false // the block lists other pages
		for j < len(idx) && r.inRelatedBlock(c.lines[idx[j]].simp) {
			s := c.lines[idx[j]].simp
			titles = titles || isDocTitleLike(s) || r.isCategoryDump(s)
			j++
		}
		if !strong && !titles {
			continue // 推荐阅读 over a plan's own reading list
		}
		end := j
		if j < len(idx) {
			// Text follows the block: its last link line is the title of
			// that text (and an org line may stand above the title).
			if last := c.lines[idx[end-1]].simp; end-1 > k && r.isLinkLike(last) && !r.isRelatedHeader(last) && !r.isCategoryDump(last) {
				end--
				if end-1 > k && isOrgLine(c.lines[idx[end-1]].simp) {
					end--
				}
			}
		}
		for _, i := range idx[k:end] {
			c.remove(i)
		}
		changed = true
		k = j - 1
	}
	return changed
}

// repeatRules removes a title line repeated within a few lines of itself
// (a page artefact: the title again under the first heading) and the page
// title repeated as the last line of the page.
func (c *cleaner) repeatRules(idx []int) bool {
	changed := false
	for k, i := range idx {
		s := c.lines[i].simp
		if !isDocTitleLike(s) {
			continue
		}
		key := zhtext.Squeeze(s)
		for p := max(0, k-3); p < k; p++ {
			if q := idx[p]; !c.lines[q].removed && zhtext.Squeeze(c.lines[q].simp) == key {
				c.remove(i)
				changed = true
				break
			}
		}
	}
	if changed || len(idx) <= 3 {
		return changed
	}
	first := c.lines[idx[0]].simp
	if utf8.RuneCountInString(first) > 60 || strings.ContainsAny(first, "。；;") {
		return false
	}
	for k := len(idx) - 1; k > 3 && zhtext.Squeeze(c.lines[idx[k]].simp) == zhtext.Squeeze(first); k-- {
		c.remove(idx[k])
		changed = true
	}
	return changed
}

func (c *cleaner) result() Result {
	var b strings.Builder
	started := false // a kept line has been written
	blank := -1      // the first blank line since the last kept line
	for i, l := range c.lines {
		switch {
		case l.removed:
		case l.blank:
			if started && blank < 0 {
				blank = i
			}
		default:
			if started {
				b.WriteByte('\n')
				if blank >= 0 {
					b.WriteString(c.lines[blank].orig)
					b.WriteByte('\n')
				}
			}
			b.WriteString(l.orig)
			started, blank = true, -1
		}
	}
	sort.SliceStable(c.out, func(a, b int) bool {
		if c.out[a].idx != c.out[b].idx {
			return c.out[a].idx < c.out[b].idx
		}
		// A fragment cut from a line comes before the line's later removal.
		return c.out[a].frag && !c.out[b].frag
	})
	var removed []string
	for _, r := range c.out {
		if r.text != "" {
			removed = append(removed, r.text)
		}
	}
	return Result{Text: b.String(), Removed: removed}
}

// byteOffset returns the byte offset of rune n in s.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// Title cleans a title a container declared (an html <title>, a docx
// title): it cuts a site name glued to its end ("…工作计划_九九范文帮") and
// returns "" when the title is nothing but site furniture.
func Title(s string) string {
	s = zhtext.TrimSpace(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " "))
	if s == "" {
		return ""
	}
	c := newCleaner(s, script.DefaultSimplify())
	if theRules().isNoise(c.lines[0].simp, position{}) {
		return ""
	}
	for range maxPasses {
		if !c.cutSiteSuffix(0) {
			break
		}
	}
	return zhtext.TrimSpace(c.lines[0].orig)
}
