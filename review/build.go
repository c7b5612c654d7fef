package review

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"plans/classify"
	"plans/corpus"
	"plans/internal/zhtext"
	"plans/script"
)

// Build finds the plan and summary (FindPair) and holds them against each
// other (Compare). The documents must be understood (sections with tags
// and topics, calendars, targets), as the workspace stores them.
func Build(ctx context.Context, docs []corpus.Document, opts Options) (*Review, error) {
	plan, summary, pair, err := FindPair(docs, opts)
	if err != nil {
		return nil, err
	}
	r, err := Compare(ctx, plan, summary, opts)
	if err != nil {
		return nil, err
	}
	r.Pair = pair
	if opts.Org != "" && opts.PlanID == "" && opts.SummaryID == "" {
		r.Org = opts.Org
	}
	return r, nil
}

// planItem is an item of the plan under review.
type planItem struct {
	item      Item
	unit      *unit
	parts     []*unit // calendar activities
	partTexts []string
}

// passage is a sentence of the summary.
type passage struct {
	sec  *corpus.Section
	text string
	unit *unit
}

// Compare holds plan against summary.
func Compare(ctx context.Context, plan, summary *corpus.Document, opts Options) (*Review, error) {
	m := &matcher{words: opts.Words, synonyms: opts.Synonyms, frequency: opts.Frequency, syn: map[string][]string{}}
	r := &Review{
		Org:  plan.Org,
		Year: plan.Year,
		Plan: ref(plan), Summary: ref(summary),
		Items: []Item{}, Targets: []TargetCheck{}, Unplanned: []Passage{},
		Problems: []string{}, NextSteps: []string{}, ProblemPassages: []Passage{}, NextStepPassages: []Passage{},
		Thresholds: Limits{Done: DoneScore, Partly: PartlyScore, Evidence: EvidenceScore, Target: TargetScore, Unplanned: UnplannedScore},
	}
	if r.Org == "" {
		r.Org = summary.Org
	}
	conv := opts.Simplify
	items := collectItems(m, plan, conv)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	passages, notes := collectPassages(m, summary, conv)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	targets := make([]*unit, len(plan.Targets))
	for i, t := range plan.Targets {
		targets[i] = m.newUnit(simplifyIn(plan, t.Text, 0, conv), "", nil, t.Topics)
	}

	var all []*unit
	for _, it := range items {
		all = append(all, it.unit)
		all = append(all, it.parts...)
	}
	all = append(all, targets...)
	ps := make([]*unit, len(passages))
	for i, p := range passages {
		ps[i] = p.unit
		all = append(all, p.unit)
	}
	m.weigh(all)
	used := make([]bool, len(passages))
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		item := it.item
		var res matchResult
		if len(it.parts) > 0 {
			res = matchCalendar(m, it, ps, &item)
		} else {
			res = m.match(it.unit, ps)
			item.Score = round2(res.score)
			item.Status = statusOf(res.score, len(res.evidence))
		}
		item.Found, item.Missing = nonNil(res.found), nonNil(res.missing)
		item.Evidence = []Evidence{}
		if item.Status != NotFound {
			for _, e := range res.evidence {
				p := passages[e.p]
				used[e.p] = true
				item.Evidence = append(item.Evidence, evidenceOf(summary, p, e.score))
			}
		}
		r.Items = append(r.Items, item)
	}

	var usedByTargets map[int]bool
	r.Targets, usedByTargets = checkTargets(m, plan, targets, passages, conv)
	for i := range usedByTargets {
		used[i] = true
	}

	for i, p := range passages {
		if used[i] || len(p.unit.words) < MinKeyWords || m.specificWords(p.unit, UnplannedSpecificity) < MinContentWords {
			continue // evidence, or too short or too general to say what was done
		}
		best := 0.0
		for _, u := range all {
			if u == p.unit || slices.Contains(ps, u) {
				continue
			}
			best = math.Max(best, reverseCoverage(m, p.unit, u))
		}
		if best < UnplannedScore {
			r.Unplanned = append(r.Unplanned, Passage{SectionID: secID(p.sec), Heading: secHeading(p.sec),
				Text: p.text, Topics: topicsOf(p.sec), Score: round2(best)})
		}
	}
	for _, n := range notes {
		switch n.tag {
		case corpus.TagProblems:
			r.Problems = append(r.Problems, n.p.Text)
			r.ProblemPassages = append(r.ProblemPassages, n.p)
		case corpus.TagNextSteps:
			r.NextSteps = append(r.NextSteps, n.p.Text)
			r.NextStepPassages = append(r.NextStepPassages, n.p)
		}
	}
	r.Counts = count(r)
	return r, nil
}

// reverseCoverage is the share of a passage's key-word weight that a plan
// text has: how far the plan foresaw it.
func reverseCoverage(m *matcher, p, plan *unit) float64 {
	total, got := 0.0, 0.0
	for _, w := range p.words {
		x := math.Max(m.idf[w], 0)
		total += x
		got += x * m.credit(w, plan)
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// matchCalendar matches each activity of a calendar entry alone; the
// entry is done when every activity is, not-found when none has evidence.
func matchCalendar(m *matcher, it *planItem, ps []*unit, item *Item) matchResult {
	var res matchResult
	sum := 0.0
	doneAll, any := true, false
	seen := map[int]bool{}
	for k, u := range it.parts {
		pr := m.match(u, ps)
		st := statusOf(pr.score, len(pr.evidence))
		item.Parts = append(item.Parts, Part{Text: it.partTexts[k], Status: st, Score: round2(pr.score)})
		sum += pr.score
		if st != Done {
			doneAll = false
		}
		if st != NotFound {
			any = true
			for _, e := range pr.evidence {
				if !seen[e.p] {
					seen[e.p] = true
					res.evidence = append(res.evidence, e)
				}
			}
			res.found = append(res.found, pr.found...)
		} else {
			res.missing = append(res.missing, pr.missing...)
		}
	}
	res.score = sum / float64(len(it.parts))
	slices.SortStableFunc(res.evidence, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.p, b.p))
	})
	if len(res.evidence) > MaxEvidence {
		res.evidence = res.evidence[:MaxEvidence]
	}
	item.Score = round2(res.score)
	switch {
	case !any:
		item.Status = NotFound
	case doneAll:
		item.Status = Done
	default:
		item.Status = Partly
	}
	return res
}

func ref(d *corpus.Document) DocRef {
	return DocRef{DocID: d.ID, Title: d.Title, Org: d.Org, Year: d.Year, Kind: d.Kind, Source: d.Source}
}

func evidenceOf(d *corpus.Document, p *passage, score float64) Evidence {
	return Evidence{DocID: d.ID, SectionID: secID(p.sec), Heading: secHeading(p.sec), Text: p.text, Score: round2(score)}
}

func secID(s *corpus.Section) string {
	if s == nil {
		return ""
	}
	return s.ID
}

func secHeading(s *corpus.Section) string {
	if s == nil {
		return ""
	}
	return s.Heading
}

func topicsOf(s *corpus.Section) []string {
	if s == nil {
		return []string{}
	}
	return nonNil(s.Topics)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// children maps a section id to its children, in order.
func children(d *corpus.Document) map[string][]*corpus.Section {
	out := map[string][]*corpus.Section{}
	for i := range d.Sections {
		s := &d.Sections[i]
		if s.Parent != "" {
			out[s.Parent] = append(out[s.Parent], s)
		}
	}
	return out
}

// collectItems lists the plan's items: the leaves of its work sections
// (and work sections with their own body), the goals that are not
// targets, and the calendar entries.
func collectItems(m *matcher, plan *corpus.Document, conv func(string) string) []*planItem {
	kids := children(plan)
	var out []*planItem
	// Work and goals sections; in a plan whose sections have no such role,
	// its sections of no particular role.
	roles := []corpus.Tag{corpus.TagWork, corpus.TagGoals}
	if !slices.ContainsFunc(plan.Sections, func(s corpus.Section) bool { return slices.Contains(roles, s.Tag) }) {
		roles = []corpus.Tag{corpus.TagOther}
	}
	for i := range plan.Sections {
		s := &plan.Sections[i]
		if !slices.Contains(roles, s.Tag) {
			continue
		}
		leaf := len(kids[s.ID]) == 0
		body := s.Text
		if s.Tag == corpus.TagGoals {
			// a goal that is only targets is checked as targets
			rest := s.Heading + "\n" + body
			for _, t := range plan.Targets {
				rest = strings.ReplaceAll(rest, t.Text, "")
			}
			if !hasLetters(zhtext.StripNumbering(rest), 6) || !leaf {
				continue
			}
		} else if !leaf && !hasLetters(body, 10) {
			continue
		}
		if !leaf && s.Depth == 1 && !hasLetters(body, 10) {
			continue
		}
		kind := "work"
		if s.Tag == corpus.TagGoals {
			kind = "goal"
		}
		text := strings.TrimSpace(body)
		simp := simplifyIn(plan, s.Heading, s.Start, conv)
		if text != "" {
			simp += "\n" + simplifyIn(plan, text, s.Start, conv)
		}
		lead := simplifyIn(plan, leadOf(s.Heading), s.Start, conv)
		if !hasLetters(zhtext.StripNumbering(s.Heading), 6) && text != "" {
			// a bare label (工作目标): the body's first sentence leads
			lead = ""
		}
		it := &planItem{item: Item{SectionID: s.ID, Heading: s.Heading, Text: text, Topics: nonNil(s.Topics),
			Kind: kind, Path: parentPath(plan, s)}}
		it.unit = m.newUnit(simp, lead, nil, s.Topics)
		out = append(out, it)
	}
	for _, e := range plan.Calendar {
		if len(e.Activities) == 0 && !hasLetters(e.Text, 4) {
			continue
		}
		it := &planItem{item: Item{SectionID: e.Section, Heading: e.Label, Text: e.Text, Topics: nonNil(e.Topics),
			Kind: "calendar", Months: e.Months}}
		acts := e.Activities
		if len(acts) == 0 {
			acts = []string{e.Text}
		}
		from := 0
		if s, ok := plan.Section(e.Section); ok {
			from = s.Start
			it.item.Path = parentPath(plan, s)
			it.item.Path = append(it.item.Path, s.Heading)
		}
		for _, a := range acts {
			it.parts = append(it.parts, m.newUnit(simplifyIn(plan, a, from, conv), "", e.Months, e.Topics))
			it.partTexts = append(it.partTexts, a)
		}
		it.unit = m.newUnit(simplifyIn(plan, e.Text, from, conv), "", e.Months, e.Topics)
		out = append(out, it)
	}
	if len(out) == 0 {
		// a plan without a heading structure: its paragraphs are its items
		for _, sp := range sentences(plan.Text) {
			t := plan.Text[sp.start:sp.end]
			if !hasLetters(t, 8) || strings.TrimSpace(t) == strings.TrimSpace(plan.Title) {
				continue
			}
			it := &planItem{item: Item{Text: t, Topics: []string{}, Kind: "work"}}
			it.unit = m.newUnit(simplifyIn(plan, t, sp.start, conv), "", nil, nil)
			out = append(out, it)
		}
	}
	return out
}

// leadOf is the first sentence of a heading.
func leadOf(h string) string {
	h = strings.TrimSpace(h)
	if i := strings.IndexAny(h, "。；;！？"); i >= 0 {
		return h[:i]
	}
	return h
}

// parentPath is the headings above s.
func parentPath(d *corpus.Document, s *corpus.Section) []string {
	p := d.HeadingPath(s.Parent)
	if len(p) == 0 {
		return nil
	}
	return p
}

type note struct {
	tag corpus.Tag
	p   Passage
}

// collectPassages splits the summary's report into sentences (not its
// problems and next steps, which are collected as notes).
func collectPassages(m *matcher, d *corpus.Document, conv func(string) string) ([]*passage, []note) {
	kids := children(d)
	var out []*passage
	var notes []note
	add := func(s *corpus.Section, text string, from int) {
		for _, sp := range sentences(text) {
			t := zhtext.StripNumbering(text[sp.start:sp.end])
			if !hasLetters(t, 2) {
				continue
			}
			simp := simplifyIn(d, t, from, conv)
			out = append(out, &passage{sec: s, text: t, unit: m.newUnit(simp, "", nil, topicsOf(s))})
		}
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		switch s.Tag {
		case corpus.TagProblems, corpus.TagNextSteps:
			if len(kids[s.ID]) > 0 && !hasLetters(s.Text, 10) {
				continue // its children are the points
			}
			if p, ok := d.Section(s.Parent); ok && p.Tag == s.Tag && len(kids[s.ID]) == 0 {
				text := strings.TrimSpace(zhtext.StripNumbering(s.Heading) + s.Text)
				if s.Text != "" && !strings.HasSuffix(s.Heading, "。") {
					text = strings.TrimSpace(zhtext.StripNumbering(s.Heading) + "\n" + s.Text)
				}
				notes = append(notes, note{s.Tag, Passage{SectionID: s.ID, Heading: s.Heading, Text: oneLine(text), Topics: nonNil(s.Topics)}})
				continue
			}
			for _, line := range strings.Split(s.Text, "\n") {
				if line = zhtext.StripNumbering(line); hasLetters(line, 4) {
					notes = append(notes, note{s.Tag, Passage{SectionID: s.ID, Heading: s.Heading, Text: line, Topics: nonNil(s.Topics)}})
				}
			}
		case corpus.TagIdeology:
		default:
			// A heading is a report of its own when it leads its body on
			// one line, or stands alone (4、组织教职工参观科技馆。); a
			// label (（一）民主管理) over a body is not.
			if s.Inline || strings.TrimSpace(s.Text) == "" && len(kids[s.ID]) == 0 && hasLetters(zhtext.StripNumbering(s.Heading), 6) {
				add(s, s.Heading, s.Start)
			}
			add(s, s.Text, s.Start)
		}
	}
	if len(d.Sections) == 0 {
		add(nil, d.Text, 0)
	}
	return out, notes
}

// oneLine joins the lines of s.
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "")
}

// checkTargets holds each plan target against the figures the summary
// reports; it returns the passages whose figures answered a target.
func checkTargets(m *matcher, plan *corpus.Document, units []*unit, passages []*passage, conv func(string) string) ([]TargetCheck, map[int]bool) {
	type fig struct {
		p int
		f corpus.Target
	}
	var figs []fig
	for i, p := range passages {
		for _, f := range classify.Figures(p.text, p.unit.simp) {
			figs = append(figs, fig{i, f})
		}
	}
	used := map[int]bool{}
	out := []TargetCheck{}
	for i, t := range plan.Targets {
		tc := TargetCheck{Text: t.Text, Metric: t.Metric, SectionID: t.Section, Topics: nonNil(t.Topics),
			Planned: Planned{Value: t.Value, Unit: normUnit(t.Unit), Op: checkOp(t.Op), StatedOp: t.Op}}
		metric := script.ConvertAligned(conv, t.Metric)
		best, at := 0.0, -1
		for k, f := range figs {
			if normUnit(f.f.Unit) != normUnit(t.Unit) {
				continue
			}
			ms := m.metricSimilarity(metric, f.f.Metric)
			if ms == 0 {
				continue
			}
			sc := 0.7*ms + 0.3*m.coverage(units[i], passages[f.p].unit)
			if sc > best {
				best, at = sc, k
			}
		}
		if at >= 0 && best >= TargetScore {
			f := figs[at]
			p := passages[f.p]
			used[f.p] = true
			tc.Reported = &Reported{Value: f.f.Value, Unit: normUnit(f.f.Unit), Text: f.f.Text, Metric: f.f.Metric,
				SectionID: secID(p.sec), Passage: p.text, Score: round2(best)}
			met := reaches(f.f.Value, t.Value, t.Op)
			tc.Met = &met
		}
		out = append(out, tc)
	}
	return out, used
}

// checkOp is the comparison a target is checked with: a stated value
// (达到100%, op "=") is reached from that value up.
func checkOp(op string) string {
	if op == "<=" {
		return "<="
	}
	return ">="
}

// reaches tells whether a reported value meets a planned one: at most the
// planned value for "<=", at least it otherwise (达到100% is reached by
// 100%, not by 98%).
func reaches(reported, planned float64, op string) bool {
	if op == "<=" {
		return reported <= planned
	}
	return reported >= planned
}

// normUnit puts units in one form: ％ → %, 名 → 人.
func normUnit(u string) string {
	switch u {
	case "％":
		return "%"
	case "名":
		return "人"
	}
	return u
}

// metricSimilarity compares a target's metric with a reported figure's
// (both simplified): 1 when equal, 0.9 when one holds the other
// (校务公开 in 进行校务公开), HeadScore when they end in the same word of
// two runes or more — the head of a Chinese compound is its last word
// (教职工培训, 园本培训) —, else the Dice similarity of their character
// pairs. Two different rates (入会率, 参与率) share nothing: a figure for
// another rate is no figure for this one.
func (m *matcher) metricSimilarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	if a == b {
		return 1
	}
	if utf8Len(a) >= 2 && utf8Len(b) >= 2 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return 0.9
	}
	d := dice(a, b)
	if ha, hb := m.head(a), m.head(b); ha != "" && ha == hb {
		d = math.Max(d, HeadScore)
	}
	return d
}

// head is the last word of a metric, when it has two runes or more.
func (m *matcher) head(s string) string {
	ws := m.cut(s)
	if len(ws) == 0 {
		return ""
	}
	if h := strings.TrimSpace(ws[len(ws)-1]); utf8Len(h) >= 2 {
		return h
	}
	return ""
}

func utf8Len(s string) int { return len([]rune(s)) }

// dice is the Dice similarity of two texts' character pairs.
func dice(a, b string) float64 {
	pa, pb := pairs(a), pairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		return 0
	}
	set := map[string]bool{}
	for _, p := range pa {
		set[p] = true
	}
	n := 0
	for _, p := range pb {
		if set[p] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(pa)+len(pb))
}

func count(r *Review) Counts {
	c := Counts{Items: len(r.Items), Targets: len(r.Targets), Unplanned: len(r.Unplanned),
		Problems: len(r.Problems), NextSteps: len(r.NextSteps)}
	for _, it := range r.Items {
		switch it.Status {
		case Done:
			c.Done++
		case Partly:
			c.Partly++
		default:
			c.NotFound++
		}
		if it.Kind == "calendar" {
			c.Calendared++
		}
	}
	for _, t := range r.Targets {
		switch {
		case t.Met == nil:
			c.NoFigure++
		case *t.Met:
			c.Met++
		default:
			c.NotMet++
		}
	}
	return c
}
