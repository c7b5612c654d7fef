package seedtest

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"plans/corpus"
)

// Bars are the quality bars of the understanding stage (the done-when of
// the classify issue).
var Bars = struct {
	TagAccuracy    float64
	SectionTopicF1 float64
	DocTopicF1     float64
}{TagAccuracy: 0.95, SectionTopicF1: 0.85, DocTopicF1: 0.90}

// Report compares understood documents with gold labels. Counts add up over
// several files with Add.
type Report struct {
	Parts, PartsFound int

	Headings, HeadingsFound int // non-optional labelled headings
	ExtraTop                int // top-level headings found that no label names
	TagsMatched, TagsRight  int // over matched non-optional headings

	// micro-averaged topic counts
	SecTP, SecFP, SecFN int
	DocTP, DocFP, DocFN int

	Calendar, CalendarFound int // entries found with exactly their months
	Targets, TargetsFound   int

	Kinds, KindsRight int // kind and relevance, per part
	Years, YearsRight int
	Orgs, OrgsRight   int
	Misses            []string
}

// Add merges another report into r.
func (r *Report) Add(o Report) {
	r.Parts += o.Parts
	r.PartsFound += o.PartsFound
	r.Headings += o.Headings
	r.HeadingsFound += o.HeadingsFound
	r.ExtraTop += o.ExtraTop
	r.TagsMatched += o.TagsMatched
	r.TagsRight += o.TagsRight
	r.SecTP += o.SecTP
	r.SecFP += o.SecFP
	r.SecFN += o.SecFN
	r.DocTP += o.DocTP
	r.DocFP += o.DocFP
	r.DocFN += o.DocFN
	r.Calendar += o.Calendar
	r.CalendarFound += o.CalendarFound
	r.Targets += o.Targets
	r.TargetsFound += o.TargetsFound
	r.Kinds += o.Kinds
	r.KindsRight += o.KindsRight
	r.Years += o.Years
	r.YearsRight += o.YearsRight
	r.Orgs += o.Orgs
	r.OrgsRight += o.OrgsRight
	r.Misses = append(r.Misses, o.Misses...)
}

// TagAccuracy is the share of matched headings with the right tag.
func (r Report) TagAccuracy() float64 { return ratio(r.TagsRight, r.TagsMatched) }

// SectionTopicF1 is the micro F1 of section topics over matched headings.
func (r Report) SectionTopicF1() float64 { return f1(r.SecTP, r.SecFP, r.SecFN) }

// DocTopicF1 is the micro F1 of document topics over matched parts.
func (r Report) DocTopicF1() float64 { return f1(r.DocTP, r.DocFP, r.DocFN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(tp, fp, fn int) float64 {
	if tp+fp+fn == 0 {
		return 1
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// String lists the metrics and every miss.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "parts found %d/%d\n", r.PartsFound, r.Parts)
	fmt.Fprintf(&b, "headings found %d/%d, top-level headings the labels do not have %d\n", r.HeadingsFound, r.Headings, r.ExtraTop)
	fmt.Fprintf(&b, "tags right %d/%d (%.3f)\n", r.TagsRight, r.TagsMatched, r.TagAccuracy())
	fmt.Fprintf(&b, "section topics F1 %.3f (tp %d fp %d fn %d)\n", r.SectionTopicF1(), r.SecTP, r.SecFP, r.SecFN)
	fmt.Fprintf(&b, "document topics F1 %.3f (tp %d fp %d fn %d)\n", r.DocTopicF1(), r.DocTP, r.DocFP, r.DocFN)
	fmt.Fprintf(&b, "calendar entries found %d/%d\n", r.CalendarFound, r.Calendar)
	fmt.Fprintf(&b, "targets found %d/%d\n", r.TargetsFound, r.Targets)
	fmt.Fprintf(&b, "kind+relevance right %d/%d\n", r.KindsRight, r.Kinds)
	fmt.Fprintf(&b, "years right %d/%d, orgs right %d/%d\n", r.YearsRight, r.Years, r.OrgsRight, r.Orgs)
	for _, m := range r.Misses {
		fmt.Fprintf(&b, "  miss: %s\n", m)
	}
	return b.String()
}

// Check fails t when a bar is not met, listing the misses.
func (r Report) Check(t testing.TB) {
	t.Helper()
	var fails []string
	if r.PartsFound < r.Parts {
		fails = append(fails, fmt.Sprintf("parts found %d/%d", r.PartsFound, r.Parts))
	}
	if r.HeadingsFound < r.Headings {
		fails = append(fails, fmt.Sprintf("headings found %d/%d", r.HeadingsFound, r.Headings))
	}
	if r.TagAccuracy() < Bars.TagAccuracy {
		fails = append(fails, fmt.Sprintf("tag accuracy %.3f < %.2f", r.TagAccuracy(), Bars.TagAccuracy))
	}
	if r.SectionTopicF1() < Bars.SectionTopicF1 {
		fails = append(fails, fmt.Sprintf("section topic F1 %.3f < %.2f", r.SectionTopicF1(), Bars.SectionTopicF1))
	}
	if r.DocTopicF1() < Bars.DocTopicF1 {
		fails = append(fails, fmt.Sprintf("document topic F1 %.3f < %.2f", r.DocTopicF1(), Bars.DocTopicF1))
	}
	if r.CalendarFound < r.Calendar {
		fails = append(fails, fmt.Sprintf("calendar entries %d/%d", r.CalendarFound, r.Calendar))
	}
	if r.TargetsFound < r.Targets {
		fails = append(fails, fmt.Sprintf("targets %d/%d", r.TargetsFound, r.Targets))
	}
	if r.KindsRight < r.Kinds {
		fails = append(fails, fmt.Sprintf("kind/relevance %d/%d", r.KindsRight, r.Kinds))
	}
	if r.YearsRight < r.Years {
		fails = append(fails, fmt.Sprintf("years %d/%d", r.YearsRight, r.Years))
	}
	if r.OrgsRight < r.Orgs {
		fails = append(fails, fmt.Sprintf("orgs %d/%d", r.OrgsRight, r.Orgs))
	}
	if len(fails) > 0 {
		t.Errorf("quality bars not met: %s\n%s", strings.Join(fails, "; "), r)
	}
}

// Score compares the documents understood from one seed file with its
// labels. Parts are matched to documents by title (spaces and punctuation
// ignored), then in order. Headings are matched by text with the number,
// spaces and punctuation ignored; a prefix of at least four characters
// counts either way; optional headings are neither required nor counted.
// Texts are compared as written (labels are in the document's own script).
func Score(labels Labels, docs []corpus.Document) Report {
	var r Report
	used := make([]bool, len(docs))
	for pi, part := range labels.Parts {
		r.Parts++
		di := matchPart(part, pi, docs, used)
		name := fmt.Sprintf("%s part %d %q", labels.File, pi+1, part.Title)
		if di < 0 {
			r.Misses = append(r.Misses, name+": no document")
			countMissingPart(&r, part, name)
			continue
		}
		used[di] = true
		r.PartsFound++
		scorePart(&r, part, docs[di], name)
	}
	return r
}

func countMissingPart(r *Report, part Part, name string) {
	for _, s := range part.Sections {
		if !s.Optional {
			r.Headings++
		}
	}
	r.Calendar += len(part.Calendar)
	r.Targets += len(part.Targets)
	r.DocFN += len(part.Topics)
	r.Kinds++
	r.Years++
	r.Orgs++
}

func matchPart(part Part, pi int, docs []corpus.Document, used []bool) int {
	want := key(part.Title)
	for i, d := range docs {
		if !used[i] && key(d.Title) == want {
			return i
		}
	}
	for i, d := range docs {
		k := key(d.Title)
		if !used[i] && k != "" && (strings.HasPrefix(k, want) || strings.HasPrefix(want, k)) {
			return i
		}
	}
	if pi < len(docs) && !used[pi] {
		return pi
	}
	return -1
}

func scorePart(r *Report, part Part, d corpus.Document, name string) {
	// kind and relevance
	r.Kinds++
	if string(d.Kind) == part.Kind && d.Relevant == part.Relevant {
		r.KindsRight++
	} else {
		r.Misses = append(r.Misses, fmt.Sprintf("%s: kind %s/relevant %v, want %s/%v", name, d.Kind, d.Relevant, part.Kind, part.Relevant))
	}
	// year and org (null labels expect "unknown")
	r.Years++
	wantYear := 0
	if part.Year != nil {
		wantYear = *part.Year
	}
	if d.Year == wantYear {
		r.YearsRight++
	} else {
		r.Misses = append(r.Misses, fmt.Sprintf("%s: year %d, want %d", name, d.Year, wantYear))
	}
	r.Orgs++
	wantOrg := ""
	if part.Org != nil {
		wantOrg = *part.Org
	}
	if key(d.Org) == key(wantOrg) {
		r.OrgsRight++
	} else {
		r.Misses = append(r.Misses, fmt.Sprintf("%s: org %q, want %q", name, d.Org, wantOrg))
	}

	// headings
	usedSec := make([]bool, len(d.Sections))
	for _, ls := range part.Sections {
		si := matchHeading(ls.Heading, d.Sections, usedSec)
		if ls.Optional {
			if si >= 0 {
				usedSec[si] = true
			}
			continue
		}
		r.Headings++
		if si < 0 {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: heading not found: %s", name, ls.Heading))
			r.SecFN += len(ls.Topics)
			continue
		}
		usedSec[si] = true
		r.HeadingsFound++
		got := d.Sections[si]
		r.TagsMatched++
		if string(got.Tag) == ls.Tag {
			r.TagsRight++
		} else {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: tag of %q is %s, want %s", name, ls.Heading, got.Tag, ls.Tag))
		}
		tp, fp, fn := setDiff(ls.Topics, got.Topics)
		r.SecTP += tp
		r.SecFP += fp
		r.SecFN += fn
		if fp+fn > 0 {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: topics of %q are %v, want %v", name, ls.Heading, got.Topics, ls.Topics))
		}
	}

	// top-level headings no label names (a title line, a notice's
	// attachment list, a sign-off taken for a part of the plan)
	for i, s := range d.Sections {
		if !usedSec[i] && s.Depth == 1 && len(part.Sections) > 0 {
			r.ExtraTop++
			r.Misses = append(r.Misses, fmt.Sprintf("%s: heading not in the labels: %s", name, s.Heading))
		}
	}

	// document topics
	tp, fp, fn := setDiff(part.Topics, d.Topics)
	r.DocTP += tp
	r.DocFP += fp
	r.DocFN += fn
	if fp+fn > 0 {
		r.Misses = append(r.Misses, fmt.Sprintf("%s: document topics %v, want %v", name, d.Topics, part.Topics))
	}

	// calendar: each labelled entry found with exactly its months
	usedCal := make([]bool, len(d.Calendar))
	for _, lc := range part.Calendar {
		r.Calendar++
		found := false
		for i, e := range d.Calendar {
			if usedCal[i] || !entryStarts(e, lc) {
				continue
			}
			usedCal[i] = true
			if equalInts(e.Months, lc.Months) {
				found = true
			} else {
				r.Misses = append(r.Misses, fmt.Sprintf("%s: calendar entry %q has months %v, want %v", name, lc.Starts, e.Months, lc.Months))
			}
			break
		}
		if found {
			r.CalendarFound++
		} else if !calendarMentioned(d.Calendar, lc) {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: calendar entry not found: %v %q", name, lc.Months, lc.Starts))
		}
	}

	// targets
	for _, lt := range part.Targets {
		r.Targets++
		ok := false
		for _, tg := range d.Targets {
			g, w := key(tg.Text), key(lt)
			if g == "" {
				continue
			}
			if strings.Contains(g, w) || (strings.Contains(w, g) && utf8.RuneCountInString(g) >= 4) {
				ok = true
				break
			}
		}
		if ok {
			r.TargetsFound++
		} else {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: target not found: %s", name, lt))
		}
	}
}

func calendarMentioned(es []corpus.CalendarEntry, lc Calendar) bool {
	for _, e := range es {
		if entryStarts(e, lc) {
			return true
		}
	}
	return false
}

// entryStarts reports whether a calendar entry's text begins with the
// labelled start (a leading item number ignored).
func entryStarts(e corpus.CalendarEntry, lc Calendar) bool {
	w := key(lc.Starts)
	return strings.HasPrefix(key(e.Text), w) || strings.HasPrefix(key(stripNumber(e.Text)), w)
}

// matchHeading finds the unused section whose heading matches want: equal
// after normalisation first, then a prefix of at least four characters
// either way.
func matchHeading(want string, secs []corpus.Section, used []bool) int {
	w := headingKey(want)
	if w == "" {
		return -1
	}
	for i, s := range secs {
		if !used[i] && headingKey(s.Heading) == w {
			return i
		}
	}
	for i, s := range secs {
		if used[i] {
			continue
		}
		g := headingKey(s.Heading)
		short := g
		if utf8.RuneCountInString(w) < utf8.RuneCountInString(g) {
			short = w
		}
		if utf8.RuneCountInString(short) >= 4 && (strings.HasPrefix(g, w) || strings.HasPrefix(w, g)) {
			return i
		}
	}
	return -1
}

// headingKey drops the heading's leading number, then spaces and
// punctuation.
func headingKey(h string) string {
	return key(stripNumber(strings.TrimSpace(h)))
}

// stripNumber removes a leading numbering token: 一、 （一） (一)、 1、 1.
// (1) ⑴ ① 第一部分 一是 首先.
func stripNumber(h string) string {
	rs := []rune(h)
	i := 0
	for i < len(rs) && (unicode.IsSpace(rs[i]) || rs[i] == '\u3000') {
		i++
	}
	start := i
	isNum := func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("一二三四五六七八九十〇○零", r)
	}
	switch {
	case i < len(rs) && (rs[i] >= '①' && rs[i] <= '⒛'):
		i++
	case i < len(rs) && (rs[i] == '(' || rs[i] == '（'):
		j := i + 1
		for j < len(rs) && isNum(rs[j]) {
			j++
		}
		if j > i+1 && j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
			i = j + 1
		}
	case i < len(rs) && rs[i] == '第':
		j := i + 1
		for j < len(rs) && isNum(rs[j]) {
			j++
		}
		if j > i+1 {
			i = j
			for _, suf := range []string{"部分", "章", "节", "条"} {
				if strings.HasPrefix(string(rs[i:]), suf) {
					i += utf8.RuneCountInString(suf)
					break
				}
			}
		}
	default:
		for _, w := range []string{"首先", "其次", "再次", "最后"} {
			if strings.HasPrefix(string(rs[i:]), w) {
				i += 2
				break
			}
		}
		if i == start {
			j := i
			for j < len(rs) && isNum(rs[j]) {
				j++
			}
			if j > i && j < len(rs) {
				switch rs[j] {
				case '、', '.', '．', '。', '，', ',', ')', '）', ' ', '\u3000':
					i = j + 1
				case '是', '要':
					i = j + 1
				}
			}
		}
	}
	// a separator after the number: (一)、
	for i < len(rs) && strings.ContainsRune("、.．，, \u3000", rs[i]) {
		i++
	}
	return string(rs[i:])
}

// key removes spaces and punctuation.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r == '\u3000' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func setDiff(want, got []string) (tp, fp, fn int) {
	w := map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	g := map[string]bool{}
	for _, x := range got {
		g[x] = true
	}
	for x := range g {
		if w[x] {
			tp++
		} else {
			fp++
		}
	}
	for x := range w {
		if !g[x] {
			fn++
		}
	}
	return
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
