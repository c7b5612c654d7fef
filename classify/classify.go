// Package classify understands one plan or summary: the role of each
// section of its heading tree (which classify/outline finds), the work
// areas (topics) it covers, its month-by-month calendar, its quantified
// targets, and the document's kind, relevance, year and organisation
// (classify/names reads organisation names and years).
//
// All matching runs on the document's simplified view (rune-aligned with
// the original text), so one set of rules serves both scripts; headings and
// texts are taken from the original at the same rune offsets.
package classify

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"plans/classify/names"
	"plans/classify/outline"
	"plans/corpus"
	"plans/internal/zhtext"
)

// Options configure a Classifier.
type Options struct {
	// Lexicon is the topic lexicon in the format of data/topics.txt. Empty
	// means the embedded default.
	Lexicon []byte
}

// DefaultOptions returns the options with the embedded lexicon.
func DefaultOptions() Options {
	return Options{Lexicon: defaultLexicon}
}

// DefaultLexicon returns a copy of the embedded topic lexicon, for users
// who want to start their own from it.
func DefaultLexicon() []byte {
	return append([]byte(nil), defaultLexicon...)
}

// Classifier understands documents. It is immutable after New and safe for
// concurrent use.
type Classifier struct {
	lex *lexicon
}

// New builds a classifier.
func New(opts Options) (*Classifier, error) {
	data := opts.Lexicon
	if len(data) == 0 {
		data = defaultLexicon
	}
	lx, err := parseLexicon(data)
	if err != nil {
		return nil, fmt.Errorf("topic lexicon: %w", err)
	}
	return &Classifier{lex: lx}, nil
}

// Classify fills in d.Sections, d.Calendar, d.Targets, d.Topics, d.Kind,
// d.Relevant, d.Year, d.Org and d.OrgType, and appends warnings (in
// Chinese) to d.Warnings. It reads d.ID, d.Title, d.Text and d.Simplified.
func (c *Classifier) Classify(d *corpus.Document) {
	t := outline.NewText(d.Text, d.Simplified)
	titleOrig := stripTitleMarks(d.Title)
	givenTitle := titleOrig
	o := outline.Parse(t, titleOrig)
	titleSimp := t.SimplifyLike(titleOrig)
	if st := simplifyTitle(t, titleOrig); st != "" {
		titleSimp = st
	} else if o.Title.End > o.Title.Start {
		// the given title (a file name) is not in the text: read the
		// title line the text starts with
		titleOrig = t.Orig(o.Title.Start, o.Title.End)
		titleSimp = t.Simp(o.Title.Start, o.Title.End)
	}
	bodySimp := t.Simp(o.Body.Start, o.Body.End)

	// kind and relevance; a union named above the title (青山中学工会 /
	// 2019年工作计划) counts as named in the title
	kf := gatherKind(titleSimp, bodySimp)
	if !kf.unionTitle && o.Body.Start > 0 {
		kf.unionTitle = countWords(t.Simp(0, o.Body.Start), unionCoreWords) > 0
	}
	kind, relevant := decideKind(kf)
	d.Kind, d.Relevant = kind, relevant
	if kind == corpus.KindOther {
		o = outline.ParseProse(t, givenTitle)
	}

	// sections
	secs := makeSections(t, d.ID, o)
	assignTags(secs, o, kind)

	// calendar: a summary told month by month reports what was done; only
	// its plan part (a 行事历 or next-steps section) holds a calendar
	if kind == corpus.KindSummary {
		o.Blocks = planBlocks(o.Blocks, secs)
	}
	d.Calendar = makeCalendar(t, o, secs, c.lex)

	// topics
	assignSectionTopics(t, secs, o, c.lex)

	// targets
	if relevant {
		d.Targets = makeTargets(t, o, secs, kind, c.lex)
	} else {
		d.Targets = nil
	}

	d.Sections = make([]corpus.Section, len(secs))
	for i := range secs {
		d.Sections[i] = secs[i].Section
	}
	d.Topics = documentTopics(t, o, secs, d, c.lex, kf)

	// year, org
	d.Year, d.Org, d.YearFrom, d.OrgFrom = 0, "", "", ""
	yearPlaceholder := false
	if relevant || kind != corpus.KindOther {
		d.Year, yearPlaceholder, d.YearFrom = findYear(t, o, titleSimp)
		d.Org, d.OrgFrom = findOrg(t, o, titleOrig, titleSimp, kind)
	} else {
		d.Year, yearPlaceholder = names.Year(titleSimp)
		if d.Year == 0 {
			d.Year = titleYearBare(titleSimp)
		}
		d.Org = orgFromTitle(titleOrig, titleSimp)
		if d.Year != 0 {
			d.YearFrom = corpus.FromTitle
		}
		if d.Org != "" {
			d.OrgFrom = corpus.FromTitle
		}
	}
	if d.Year == 0 {
		d.YearFrom = "" // a placeholder year (20XX年) was read, not a year
	}
	d.OrgType = orgTypeOf(simplifyOrg(t, d.Org), titleSimp)

	// warnings
	if relevant && len(d.Sections) == 0 && utf8.RuneCountInString(bodySimp) > 800 {
		d.Warnings = append(d.Warnings, "未找到标题结构：这篇较长的计划没有可识别的编号或小标题")
	}
	if relevant && yearPlaceholder {
		d.Warnings = append(d.Warnings, "年份为占位符（如XX年、20__年），未能确定年份")
	}
	if relevant && d.Org == "" && orgPlaceholder(titleSimp) {
		d.Warnings = append(d.Warnings, "单位名称为占位符（如XX学校），未能确定单位")
	}
	for _, s := range d.Sections {
		if s.Tag == corpus.TagCalendar {
			hasEntry := false
			for _, e := range d.Calendar {
				if e.Section == s.ID {
					hasEntry = true
					break
				}
			}
			if !hasEntry && utf8.RuneCountInString(s.Text) > 40 {
				d.Warnings = append(d.Warnings, fmt.Sprintf("行事历“%s”中没有识别出按月的安排", s.Heading))
			}
		}
	}
}

// planBlocks keeps the month blocks that stand in a calendar or next-steps
// section.
func planBlocks(blocks []outline.Block, secs []secInfo) []outline.Block {
	var out []outline.Block
	for _, b := range blocks {
		if b.Section < 0 || b.Section >= len(secs) {
			continue
		}
		switch secs[b.Section].Tag {
		case corpus.TagCalendar, corpus.TagNextSteps:
			out = append(out, b)
		}
	}
	return out
}

// stripTitleMarks removes spaces and markdown marks around a title
// (# 2025年工作计划, **…**).
func stripTitleMarks(title string) string {
	title = strings.TrimSpace(title)
	if rs := []rune(title); len(rs) > 0 {
		if lvl, k := outline.MarkdownHeading(rs, 0, len(rs)); lvl > 0 {
			title = string(rs[k:])
		}
	}
	return strings.TrimSpace(strings.Trim(title, "*_"))
}

// simplifyTitle returns the simplified title when it is found in the text
// (the simplified view of the text holds it at the same place).
func simplifyTitle(t *outline.Text, title string) string {
	if title == "" {
		return ""
	}
	if r := t.RuneIndex(title); r >= 0 {
		return t.Simp(r, r+utf8.RuneCountInString(title))
	}
	return ""
}

// simplifyOrg returns the simplified form of an org found in the text.
func simplifyOrg(t *outline.Text, org string) string {
	if org == "" {
		return ""
	}
	if r := t.RuneIndex(org); r >= 0 {
		return t.Simp(r, r+utf8.RuneCountInString(org))
	}
	return org
}

func orgPlaceholder(titleSimp string) bool {
	loc := reOrgTail.FindStringIndex(titleSimp)
	if loc == nil || loc[0] == 0 {
		return false
	}
	return names.Placeholder(titleSimp[:loc[0]])
}

// findYear: the title first, then the lines above it, then the opening of
// the body. It also says where the year was found (corpus.From*).
func findYear(t *outline.Text, o *outline.Outline, titleSimp string) (int, bool, string) {
	y, ph := names.Year(titleSimp)
	if y != 0 || ph {
		return y, ph, corpus.FromTitle
	}
	if y := titleYearBare(titleSimp); y != 0 {
		return y, false, corpus.FromTitle
	}
	// lines before the body (org line, subtitle)
	if o.Body.Start > 0 {
		if y, ph := names.Year(t.Simp(0, o.Body.Start)); y != 0 || ph {
			return y, ph, corpus.FromAboveTitle
		}
	}
	// the opening of the body: "2013年，学校工会将…"
	end := o.Body.Start + 150
	if end > o.Body.End {
		end = o.Body.End
	}
	head := t.Simp(o.Body.Start, end)
	if y, ph := names.Year(head); y != 0 || ph {
		return y, ph, corpus.FromFirstSentence
	}
	// a placeholder anywhere in the body (XX年度) says the year was removed
	_, ph = names.Year(t.Simp(o.Body.Start, o.Body.End))
	return 0, ph, ""
}

// findOrg: the title, the lines above it, a sign-off at the end, a name in
// the opening text. It also says where the name was found (corpus.From*):
// a 工作要点's name above its title or under its text is its issuer.
func findOrg(t *outline.Text, o *outline.Outline, titleOrig, titleSimp string, kind corpus.Kind) (string, string) {
	if org := orgFromTitle(titleOrig, titleSimp); org != "" {
		return org, corpus.FromTitle
	}
	above, signed := corpus.FromAboveTitle, corpus.FromSignOff
	if kind == corpus.KindPoints {
		above, signed = corpus.FromIssuer, corpus.FromIssuer
	}
	// short lines above the title / before the body
	for _, ln := range t.Lines() {
		if ln.Start >= o.Body.Start {
			break
		}
		a, b := t.TrimSpan(ln.Start, ln.End)
		if a >= b || b-a > 30 {
			continue
		}
		if org := orgFromLine(t, a, b); org != "" {
			return org, above
		}
		// a byline in brackets: （西城区教育工会　二〇一七年二月）
		if zhtext.IsOpenParen(t.Runes[a]) && zhtext.IsCloseParen(t.Runes[b-1]) {
			fa, fb := a+1, b-1
			for k := fa; k < fb; k++ {
				if zhtext.IsSpace(t.Runes[k]) {
					fb = k
					break
				}
			}
			if org := orgFromLine(t, fa, fb); org != "" {
				return org, above
			}
		}
	}
	// a sign-off at the end: 郭村第一中学工会 / 2013年9月
	lines := t.Lines()
	seen := 0
	for i := len(lines) - 1; i >= 0 && seen < 3; i-- {
		a, b := t.TrimSpan(lines[i].Start, lines[i].End)
		if a >= b {
			continue
		}
		if a < o.Body.Start {
			break
		}
		seen++
		if b-a > 25 {
			break
		}
		if org := orgFromLine(t, a, b); org != "" {
			return org, signed
		}
	}
	// the opening of the body: 为郭村第一中学的…发展
	lim := o.Body.Start + 600
	if lim > o.Body.End {
		lim = o.Body.End
	}
	if org := orgFromText(t.Runes[o.Body.Start:lim], t.OrigRunes[o.Body.Start:lim], lim-o.Body.Start); org != "" {
		return org, corpus.FromFirstSentence
	}
	return "", ""
}

// orgFromLine reads a line that is only an org name (with an optional 工会).
func orgFromLine(t *outline.Text, a, b int) string {
	simp := strings.TrimSpace(t.Simp(a, b))
	// a red header names the issuer: 武汉市某某厂工会文件
	simp = strings.TrimSuffix(simp, "文件")
	name := names.Clean(simp)
	if name == "" || !names.Specific(name) {
		return ""
	}
	if !strings.HasPrefix(simp, name) {
		return ""
	}
	k := utf8.RuneCountInString(name)
	return t.Orig(a, a+k)
}
