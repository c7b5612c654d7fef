package classify

import (
	"sort"
	"strings"

	"plans/classify/outline"
	"plans/corpus"
	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// secInfo is a section with what the later steps need to know about it.
type secInfo struct {
	corpus.Section
	node       int
	children   []int
	weak       bool // from an enumerator style (首先, 一是)
	structural bool // names a part of the plan only (主要工作)
	core       string
	headStart  int // rune offsets of the heading and the own body
	bodyStart  int
	bodyEnd    int
}

// makeSections turns the outline's nodes into sections.
func makeSections(t *outline.Text, docID string, o *outline.Outline) []secInfo {
	secs := make([]secInfo, len(o.Nodes))
	for i, n := range o.Nodes {
		s := &secs[i]
		s.node = i
		s.ID = corpus.SectionID(docID, i+1)
		if n.Parent >= 0 {
			s.Parent = secs[n.Parent].ID
			secs[n.Parent].children = append(secs[n.Parent].children, i)
		}
		s.Depth = n.Depth
		s.Number = o.Number(i)
		ha, hb := t.TrimSpan(n.HeadStart, n.HeadEnd)
		s.Heading = o.Heading(i)
		ba, bb := t.TrimSpan(n.BodyStart, n.BodyEnd)
		if ba > bb {
			ba = bb
		}
		s.headStart, s.bodyStart, s.bodyEnd = ha, ba, bb
		if s.bodyEnd < hb {
			s.bodyEnd = hb
		}
		if s.bodyStart < hb {
			s.bodyStart = hb
		}
		s.Text = cleanBody(t.Orig(ba, bb))
		s.Inline = n.Inline
		s.Start = t.ByteOffset(ha)
		if bb > ba {
			s.End = t.ByteOffset(bb)
		} else {
			s.End = t.ByteOffset(hb)
		}
		s.weak = outline.WeakStyle(n.Style)
		s.core = n.Core
		s.structural = outline.Structural(n.Core, n.Role)
	}
	return secs
}

// cleanBody trims every line and drops blank ones.
func cleanBody(s string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimFunc(l, zhtext.IsSpace)
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// assignTags gives every section its role: from its heading when the
// heading names one, else its parent's, else the document's default.
func assignTags(secs []secInfo, o *outline.Outline, kind corpus.Kind) {
	def := corpus.TagWork
	switch kind {
	case corpus.KindSummary:
		def = corpus.TagAchievements
	case corpus.KindOther:
		def = corpus.TagOther
	}
	for i := range secs {
		s := &secs[i]
		n := o.Nodes[s.node]
		r := n.Role
		var tag corpus.Tag
		if n.Parent < 0 {
			switch {
			case r.Tag != "" && (r.Tight || r.Loose):
				tag = r.Tag
			default:
				tag = def
			}
		} else {
			tag = secs[n.Parent].Tag
			if r.Tag != "" && r.Tight && !(tag == corpus.TagCalendar && r.Tag == corpus.TagWork) {
				tag = r.Tag
			}
		}
		// a summary's work is what was done: 主要工作及成绩 → achievements
		if kind == corpus.KindSummary && tag == corpus.TagWork && n.Parent < 0 {
			tag = def
		}
		// a summary's plan for the next period: 2017年工作计划 → next steps
		if kind == corpus.KindSummary && (r.Tag == "" || r.Tag == corpus.TagIdeology) && n.Parent < 0 && rePlanPart.MatchString(s.core) {
			tag = corpus.TagNextSteps
		}
		if n.Calendar {
			tag = corpus.TagCalendar
		}
		if kind == corpus.KindOther {
			tag = corpus.TagOther // not a plan: its parts have no plan roles
		}
		if kind != corpus.KindSummary && (tag == corpus.TagAchievements) && r.Tag == corpus.TagAchievements && !r.Tight {
			tag = def
		}
		s.Tag = tag
	}
}

// rePlanPart names the plan part of a summary: 2017年工作计划, 下学期工作
// 思路, 明年的工作安排.
var rePlanPart = lazyre.New(`^((19|20)\d\d|[一二三四五六七八九〇○零]{4}|明|来|下一?|新一?)(年度?|学年|学期|阶段|季度)?的?(工会)?工作(计划|安排|思路|设想|要点)$`)

// makeCalendar builds the calendar entries of the outline's month blocks.
func makeCalendar(t *outline.Text, o *outline.Outline, secs []secInfo, lx *lexicon) []corpus.CalendarEntry {
	var out []corpus.CalendarEntry
	for _, b := range o.Blocks {
		la, lb := t.TrimSpan(b.Month.Start, b.Month.End)
		ca, cb := t.TrimSpan(b.Month.Content, b.End)
		if ca > cb {
			ca = cb
		}
		e := corpus.CalendarEntry{
			Months: append([]int(nil), b.Month.Months...),
			Label:  t.Orig(la, lb),
			Text:   cleanBody(t.Orig(ca, cb)),
		}
		e.Activities = splitActivities(e.Text, b.DropCol)
		// topics from the activities only (not a column of people in
		// charge), read in the simplified view
		simpActs := splitActivities(cleanBody(t.Simp(ca, cb)), b.DropCol)
		e.Topics = calendarTopics(lx, []rune(strings.Join(simpActs, "；")))
		if b.Section >= 0 && b.Section < len(secs) {
			e.Section = secs[b.Section].ID
		}
		out = append(out, e)
	}
	return out
}

// calendarTopics: a calendar block is short, so one clear term is enough.
func calendarTopics(lx *lexicon, s []rune) []string {
	var ids []string
	for id, e := range lx.score(s) {
		if e.weight >= 2 || e.count >= 2 {
			ids = append(ids, id)
		}
	}
	return sortTopics(ids)
}

// topic thresholds
const (
	shortBodyRunes  = 100  // a body this short counts one strong term
	bodyMinWeight   = 3    // summed weight of a topic in a section's own body
	bodyMinCount    = 2    // and the number of mentions (a passing mention does not count)
	bodyDominance   = 0.35 // and its share of the strongest topic's evidence
	itemMaxRunes    = 45   // a short sentence or list item led by a strong term counts
	headingLikeMax  = 30   // a child heading longer than this is a paragraph, not a sub-heading
	docMinWeight    = 3    // whole-text evidence for document topics
	otherDocMinHits = 5    // off-topic texts: only strong, repeated evidence
)

// headingTopics: every term of weight two or more in a heading, or the
// strongest one when all are weak (加强教代会代表培训工作 → 民主管理 only).
func headingTopics(lx *lexicon, core string) map[string]int {
	ts := lx.score([]rune(core))
	best := 0
	for _, e := range ts {
		if e.max > best {
			best = e.max
		}
	}
	out := map[string]int{}
	for id, e := range ts {
		if e.max >= 2 || e.max == best {
			out[id] = e.weight
		}
	}
	return out
}

// bodyTopics: topics with repeated evidence that stand out in the body,
// and strong terms that lead a short sentence or list item (做好工会、女工、
// 计划生育、离退休支部等各项常规工作。).
func bodyTopics(lx *lexicon, t *outline.Text, spans []outline.Span, head map[string]int) map[string]bool {
	total := topicScores{}
	item := map[string]bool{}
	for _, sp := range spans {
		total.add(lx.score(t.Runes[sp.Start:sp.End]), 1)
		a := sp.Start
		for k := sp.Start; k <= sp.End; k++ {
			if k < sp.End && t.Runes[k] != '\n' && !zhtext.IsSentenceEnd(t.Runes[k]) {
				continue
			}
			if k-a <= itemMaxRunes {
				ts := lx.score(t.Runes[a:k])
				best := 0
				for _, e := range ts {
					if e.weight > best {
						best = e.weight
					}
				}
				for id, e := range ts {
					if e.max >= 3 && e.weight == best {
						item[id] = true
					}
				}
			}
			a = k + 1
		}
	}
	maxW, headW := 0, 0
	for _, e := range total {
		if e.weight > maxW {
			maxW = e.weight
		}
	}
	for _, w := range head {
		if 3*w > headW {
			headW = 3 * w
		}
	}
	if headW > maxW {
		maxW = headW
	}
	size := 0
	for _, sp := range spans {
		size += sp.End - sp.Start
	}
	out := map[string]bool{}
	for id, e := range total {
		w := float64(e.weight)
		switch {
		case item[id] && w >= bodyDominance*float64(headW):
			out[id] = true
		case size <= shortBodyRunes && e.max >= 3 && w >= bodyDominance*float64(maxW):
			// a short body names its area once: a strong term is no passing mention
			out[id] = true
		case e.weight >= bodyMinWeight && e.count >= bodyMinCount && w >= bodyDominance*float64(maxW):
			out[id] = true
		}
	}
	return out
}

// assignSectionTopics sets section topics from the heading (strong), the
// own body (repeated or weighty evidence), and the sub-headings below it.
func assignSectionTopics(t *outline.Text, secs []secInfo, o *outline.Outline, lx *lexicon) {
	headingLike := func(c int) bool {
		return !secs[c].weak && len([]rune(secs[c].core)) <= headingLikeMax
	}
	// children come after their parents: walk backwards
	for i := len(secs) - 1; i >= 0; i-- {
		s := &secs[i]
		switch s.Tag {
		case corpus.TagIdeology, corpus.TagGoals, corpus.TagCalendar:
			s.Topics = nil
			continue
		}
		if s.structural && len(s.children) > 0 {
			s.Topics = nil
			continue
		}
		head := headingTopics(lx, s.core)
		set := map[string]bool{}
		for id := range head {
			set[id] = true
		}
		spans := []outline.Span{{Start: s.bodyStart, End: s.bodyEnd}}
		for _, c := range s.children {
			switch {
			case secs[c].weak:
				// enumerated paragraphs (首先, 一是) pass on their lead's topics
				for id := range headingTopics(lx, secs[c].core) {
					set[id] = true
				}
			case headingLike(c):
				for _, id := range secs[c].Topics {
					if id != "other" {
						set[id] = true
					}
				}
			default:
				// a numbered paragraph: its text counts as this section's body
				spans = append(spans, outline.Span{Start: secs[c].headStart, End: secs[c].bodyEnd})
			}
		}
		for id := range bodyTopics(lx, t, spans, head) {
			set[id] = true
		}
		var ids []string
		for id := range set {
			ids = append(ids, id)
		}
		s.Topics = sortTopics(ids)
	}
	// A leaf with no evidence of its own works in its parent's area; a
	// top-level one in none of the taxonomy's ("other").
	for i := range secs {
		s := &secs[i]
		if len(s.Topics) > 0 || len(s.children) > 0 || s.weak {
			continue
		}
		switch s.Tag {
		case corpus.TagWork, corpus.TagAchievements:
		default:
			continue
		}
		n := o.Nodes[s.node]
		// weak evidence of its own beats its parent's areas: the strongest
		// term of weight two or more in its heading and body
		if own := headingTopics(lx, t.Simp(s.headStart, s.bodyEnd)); len(own) > 0 {
			best := 0
			for _, w := range own {
				if w > best {
					best = w
				}
			}
			var ids []string
			for id, w := range own {
				if w == best && w >= 2 {
					ids = append(ids, id)
				}
			}
			if len(ids) > 0 {
				s.Topics = sortTopics(ids)
				continue
			}
		}
		if n.Parent >= 0 && len(secs[n.Parent].Topics) > 0 {
			s.Topics = append([]string(nil), secs[n.Parent].Topics...)
			continue
		}
		if n.Parent < 0 || secs[n.Parent].structural {
			s.Topics = []string{"other"}
		}
	}
}

// makeTargets finds the quantified commitments and their topics.
func makeTargets(t *outline.Text, o *outline.Outline, secs []secInfo, kind corpus.Kind, lx *lexicon) []corpus.Target {
	summary := kind == corpus.KindSummary
	cands := findTargets(t, o.Body.Start, o.Body.End, summary)
	if summary {
		for _, s := range secs {
			if s.Tag == corpus.TagNextSteps {
				cands = append(cands, findTargets(t, s.headStart, s.bodyEnd, false)...)
			}
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].start < cands[j].start })
	}
	var out []corpus.Target
	last := -1
	for _, c := range cands {
		if c.start == last {
			continue
		}
		last = c.start
		tg := c.target
		if si := sectionAt(secs, c.start); si >= 0 {
			tg.Section = secs[si].ID
		}
		// topics of the target's own clause (its strong terms, or its
		// strongest), else of the rest of its sentence when that names one
		// area and holds no other target, else of its section
		var ids []string
		for id := range headingTopics(lx, string(t.Runes[c.start:c.end])) {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			rest := append([]rune(nil), t.Runes[c.sentence.Start:c.sentence.End]...)
			for _, o := range cands {
				if o.start < c.sentence.End && o.end > c.sentence.Start {
					for k := max(o.start, c.sentence.Start); k < o.end && k < c.sentence.End; k++ {
						rest[k-c.sentence.Start] = ' '
					}
				}
			}
			ts := lx.score(rest)
			if len(ts) == 1 {
				for id := range ts {
					ids = append(ids, id)
				}
			}
		}
		if len(ids) == 0 {
			if si := sectionAt(secs, c.start); si >= 0 && len(secs[si].Topics) <= 2 {
				for _, id := range secs[si].Topics {
					if id != "other" {
						ids = append(ids, id)
					}
				}
			}
		}
		tg.Topics = sortTopics(ids)
		out = append(out, tg)
	}
	return out
}

// sectionAt returns the section whose heading or own body holds rune
// position pos, or -1.
func sectionAt(secs []secInfo, pos int) int {
	for i, s := range secs {
		if pos >= s.headStart && pos < s.bodyEnd {
			return i
		}
	}
	return -1
}

// documentTopics: the union of the sections', calendar entries' and
// targets' topics, and whole-text evidence.
func documentTopics(t *outline.Text, o *outline.Outline, secs []secInfo, d *corpus.Document, lx *lexicon, kf kindFacts) []string {
	set := map[string]bool{}
	if !d.Relevant {
		whole := lx.score(t.Runes[o.Body.Start:o.Body.End])
		if kf.union < 5 {
			return nil
		}
		for id, e := range whole {
			if e.count >= otherDocMinHits && e.weight >= 2*otherDocMinHits {
				set[id] = true
			}
		}
		return setToTopics(set)
	}
	for _, s := range secs {
		for _, id := range s.Topics {
			set[id] = true
		}
	}
	for _, e := range d.Calendar {
		for _, id := range e.Topics {
			set[id] = true
		}
	}
	for _, tg := range d.Targets {
		for _, id := range tg.Topics {
			set[id] = true
		}
	}
	for id, e := range uncoveredEvidence(t, o, secs, lx) {
		if e.max >= 2 || e.count >= 2 {
			set[id] = true
		}
	}
	return setToTopics(set)
}

// uncoveredEvidence scores the text that no work-area section explains: the
// opening, 指导思想, 工作目标, closing words, enumerated paragraphs.
func uncoveredEvidence(t *outline.Text, o *outline.Outline, secs []secInfo, lx *lexicon) topicScores {
	covered := make([]bool, o.Body.End-o.Body.Start)
	for _, s := range secs {
		if s.weak || len(s.Topics) == 0 {
			continue
		}
		for k := s.headStart; k < s.bodyEnd && k < o.Body.End; k++ {
			if k >= o.Body.Start {
				covered[k-o.Body.Start] = true
			}
		}
	}
	for _, b := range o.Blocks {
		for k := b.Month.Start; k < b.End && k < o.Body.End; k++ {
			if k >= o.Body.Start {
				covered[k-o.Body.Start] = true
			}
		}
	}
	ts := topicScores{}
	a := -1
	for k := 0; k <= len(covered); k++ {
		if k < len(covered) && !covered[k] {
			if a < 0 {
				a = k
			}
			continue
		}
		if a >= 0 {
			ts.add(lx.score(t.Runes[o.Body.Start+a:o.Body.Start+k]), 1)
			a = -1
		}
	}
	return ts
}

func setToTopics(set map[string]bool) []string {
	var ids []string
	for id := range set {
		ids = append(ids, id)
	}
	return sortTopics(ids)
}
