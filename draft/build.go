package draft

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// Build drafts the plan of opts.Org for opts.Year from docs (understood
// documents: sections with tags and topics, calendars, targets).
//
// The base is the document opts.BaseID or else the organisation's latest
// plan; peers are the plans of every other organisation, same org type
// first. Without a base the draft is made from peers alone.
func Build(docs []corpus.Document, opts Options) (*Draft, error) {
	return BuildContext(context.Background(), docs, opts)
}

// BuildContext is Build that stops with ctx's error when ctx is done: the
// stages check it between them (each takes well under a second).
func BuildContext(ctx context.Context, docs []corpus.Document, opts Options) (*Draft, error) {
	opts = opts.withDefaults()
	cv := newCorpusViews(docs, opts.Simplify)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := cv.queryKey(opts.Org)
	var base *view
	if !opts.NoBase {
		var err error
		if base, err = cv.pickBase(opts.BaseID, opts.Org, key); err != nil {
			return nil, err
		}
		if base == nil && opts.Org != "" && !cv.orgKnown(opts.Org, key) {
			return nil, &OrgNotFoundError{Org: opts.Org, Suggestions: cv.nearestOrgs(key, 5)}
		}
	}
	org := opts.Org
	if org == "" && base != nil {
		org = base.doc.Org
		key = cv.orgKey(base)
	}
	year := opts.Year
	if year == 0 {
		if base == nil || base.doc.Year == 0 {
			return nil, ErrNoYear
		}
		year = base.doc.Year + 1
	}
	typ := opts.OrgType
	if base != nil && base.doc.OrgType != "" && base.doc.OrgType != corpus.OrgUnknown {
		typ = base.doc.OrgType
	}
	if typ == "" || typ == corpus.OrgUnknown {
		for _, v := range cv.views {
			if cv.matchesOrg(v, org, key) && v.doc.OrgType != "" && v.doc.OrgType != corpus.OrgUnknown {
				typ = v.doc.OrgType
				break
			}
		}
	}
	ps := cv.choosePeers(base, org, key, typ, opts.PeerTypes, opts.MinPeers)
	peers := ps.views
	if base == nil && len(peers) == 0 {
		return nil, ErrNoSources
	}
	b := &builder{opts: opts, year: year, base: base, peers: peers, rank: map[*view]int{}, used: map[string]bool{}}
	for i, p := range peers {
		b.rank[p] = i
		if !slices.Contains(b.units, p.unit) {
			b.units = append(b.units, p.unit)
		}
	}
	if base != nil {
		b.baseRoll = roller{From: base.doc.Year, To: year}
	}
	b.peerRoll = roller{To: year}

	d := &Draft{Org: org, OrgType: typ, Year: year, Peers: len(b.units), PeerDocs: len(peers),
		PeerTypes: ps.types, PeerTypesChosen: ps.chosen, PeerTypesWidened: ps.widened, Script: corpus.Simplified}
	if base != nil && base.doc.Script == corpus.Traditional ||
		base == nil && org != "" && opts.Simplify != nil && opts.Simplify(org) != org {
		d.Script = corpus.Traditional
	}
	if org == "" {
		d.Title = fmt.Sprintf("%s%d年工会工作计划", ToVerify, year)
	} else {
		d.Title = fmt.Sprintf("%s%d年工会工作计划", org, year)
	}
	if base != nil {
		c := base.citation(nil)
		d.Base = &c
		d.Notes = append(d.Notes, fmt.Sprintf("底稿：《%s》（%s，%s）", base.doc.Title, base.doc.OrgName(), base.doc.YearLabel()))
	} else {
		d.Notes = append(d.Notes, "未找到本单位的往年计划，草稿仅依据同类单位的计划起草。")
	}
	d.Notes = append(d.Notes, peerNote(ps, typ, len(b.units), len(peers), opts.MinPeers))

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ideology := b.ideology()
	goals := b.goals()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	work, gaps := b.work()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.Calendar = b.calendar()
	calendar := Section{Heading: "行事历", Role: corpus.TagCalendar}
	if base == nil || len(base.doc.Calendar) == 0 {
		calendar.Note = "本单位往年计划无行事历，以下按同类单位的安排列出。"
	}
	b.lastYear(docs, org, d, &goals, &work)
	d.Sections = []Section{ideology, goals, work, calendar}
	number(d.Sections)
	d.Gaps = gaps
	d.Flags = b.flags
	scripts := make(map[string]corpus.Script, len(cv.views))
	for _, v := range cv.views {
		scripts[v.doc.ID] = v.doc.Script
	}
	finish(d, opts, func(id string) corpus.Script {
		if s := scripts[id]; s != "" {
			return s
		}
		return corpus.Simplified
	})
	return d, nil
}

// builder holds the state of one Build.
type builder struct {
	opts     Options
	year     int
	base     *view
	peers    []*view
	rank     map[*view]int
	units    []string // distinct peer organisations, in peer order
	baseRoll roller
	peerRoll roller
	flags    []Flag
	used     map[string]bool // sections already cited by an item
}

// placeholderRE matches the blanks 范文 pages leave for names and dates
// (XX区, ____年, 某某): the draft shows them as 【待核实】.
var placeholderRE = lazyre.New(`[xXｘＸ×]{2,}|[_＿]{2,}|□{2,}|某某`)

// roll carries a text quoted from v into the draft: the plan year rolled,
// time-bound references marked, blanks written 【待核实】; its flags are
// recorded.
func (b *builder) roll(v *view, quote, where string, cite Citation) string {
	r := b.peerRoll
	if v == b.base {
		r = b.baseRoll
	}
	out, flags := r.apply(quote, v.simplify(quote))
	out = placeholderRE.ReplaceAllString(out, ToVerify)
	for _, f := range flags {
		f.Where, f.Citation = where, cite
		if !slices.ContainsFunc(b.flags, func(g Flag) bool {
			return g.Kind == f.Kind && g.Text == f.Text && g.Where == f.Where && g.Citation.Key() == cite.Key()
		}) {
			b.flags = append(b.flags, f)
		}
	}
	return out
}

// ideology drafts 一、指导思想: the base's text rolled forward and peer
// wordings as options.
func (b *builder) ideology() Section {
	sec := Section{Heading: "指导思想", Role: corpus.TagIdeology}
	var taken []gramSet
	if b.base != nil {
		for _, s := range b.tagged(b.base, corpus.TagIdeology) {
			cite := b.base.citation(s)
			for _, p := range ideologyParagraphs(s) {
				sec.Paragraphs = append(sec.Paragraphs, Item{
					Text: b.roll(b.base, p, "指导思想", cite), Quote: p, From: FromBase,
					Citations: []Citation{cite},
				})
				taken = append(taken, grams(b.base.simplify(p)))
			}
		}
	}
	for _, p := range b.peers {
		if len(sec.Options) >= b.opts.MaxOptions {
			break
		}
		for _, s := range b.tagged(p, corpus.TagIdeology) {
			// The first statement-like paragraph: a sentence with clauses,
			// not a stray title line.
			q := ""
			for _, para := range ideologyParagraphs(s) {
				if hasLetters(para, 12) && strings.ContainsAny(para, "，,；;") {
					q = excerpt(para, 80)
					break
				}
			}
			if !hasLetters(q, 8) {
				continue
			}
			g := grams(p.simplify(q))
			if slices.ContainsFunc(taken, func(t gramSet) bool { return similar(t, g, b.opts.Similarity) }) {
				continue
			}
			taken = append(taken, g)
			cite := p.citation(s)
			sec.Options = append(sec.Options, Item{
				Text: b.roll(p, q, "指导思想·可选表述", cite), Quote: q, From: FromPeer, Peers: 1,
				Citations: []Citation{cite},
			})
			break
		}
	}
	switch {
	case b.base == nil:
		sec.Note = "未找到本单位往年的指导思想，以下为同类单位的表述，供选用改写。"
	case len(sec.Paragraphs) == 0:
		sec.Note = "本单位往年计划未单列指导思想，以下为同类单位的表述，供选用改写。"
	case len(sec.Options) > 0:
		sec.Note = "沿用往年表述，已顺延年份；同类单位的表述列于其后，供选用。"
	}
	if len(sec.Paragraphs) == 0 && len(sec.Options) == 0 {
		sec.Paragraphs = []Item{{Text: ToFill, From: FromBase}}
	}
	return sec
}

// ideologyParagraphs returns the running text of an ideology section: its
// body lines, or for an inline heading the heading after its label.
func ideologyParagraphs(s *corpus.Section) []string {
	var ps []string
	for _, p := range paragraphs(s.Text) {
		// A body that starts with the heading's colon (指导思想:以…).
		if p = strings.TrimLeft(p, "：:，,。.；; \t\u3000"); p != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		return ps
	}
	h := zhtext.StripNumbering(s.Heading)
	for _, label := range []string{"指导思想", "指導思想"} {
		if i := strings.Index(h, label); i >= 0 {
			h = strings.TrimLeft(h[i+len(label):], "：:，, \u3000")
		}
	}
	if hasLetters(h, 8) {
		return []string{h}
	}
	return nil
}

// tagged returns the sections of v with the tag whose parent does not have
// it (the top of each tagged subtree).
func (b *builder) tagged(v *view, tag corpus.Tag) []*corpus.Section {
	var out []*corpus.Section
	for i := range v.doc.Sections {
		s := &v.doc.Sections[i]
		if s.Tag != tag {
			continue
		}
		if p := v.resolve(s.Parent); p != nil && p.Tag == tag {
			continue
		}
		out = append(out, s)
	}
	return out
}

// goals drafts 二、工作目标: the base's goals and targets carried over, and
// the targets peers commonly set.
func (b *builder) goals() Section {
	sec := Section{Heading: "工作目标", Role: corpus.TagGoals}
	var quotes []string
	if b.base != nil {
		var loose []Item
		for _, top := range b.tagged(b.base, corpus.TagGoals) {
			cite := b.base.citation(top)
			for _, p := range paragraphs(top.Text) {
				sec.Paragraphs = append(sec.Paragraphs, Item{
					Text: b.roll(b.base, p, "工作目标", cite), Quote: p, From: FromBase, Citations: []Citation{cite},
				})
				quotes = append(quotes, p)
			}
			for _, c := range b.base.children[top.ID] {
				if kids := b.base.children[c.ID]; len(kids) > 0 {
					group := Section{Heading: lead(c.Heading, maxLead), Role: corpus.TagGoals}
					for _, leaf := range b.leaves(b.base, c) {
						if it, ok := b.goalItem(leaf); ok {
							group.Items = append(group.Items, it)
							quotes = append(quotes, it.Quote)
						}
					}
					if len(group.Items) > 0 && group.Heading != "" {
						sec.Sections = append(sec.Sections, group)
					}
					continue
				}
				if it, ok := b.goalItem(c); ok {
					loose = append(loose, it)
					quotes = append(quotes, it.Quote)
				}
			}
		}
		if len(loose) > 0 {
			heading := "往年目标"
			if len(sec.Sections) > 0 {
				heading = "其他目标"
			}
			sec.Sections = append(sec.Sections, Section{Heading: heading, Role: corpus.TagGoals, Items: loose})
		}
		var carried []Item
		for i := range b.base.doc.Targets {
			t := &b.base.doc.Targets[i]
			if slices.ContainsFunc(quotes, func(q string) bool { return strings.Contains(q, t.Text) }) {
				continue
			}
			s := b.targetSection(b.base, t)
			if s == nil {
				continue
			}
			cite := b.base.citation(s)
			q := zhtext.StripNumbering(t.Text)
			carried = append(carried, Item{Text: b.roll(b.base, q, "工作目标", cite), Quote: q,
				From: FromBase, Citations: []Citation{cite}})
			quotes = append(quotes, t.Text)
		}
		if len(carried) > 0 {
			sec.Sections = append(sec.Sections, Section{Heading: baseTargetsHeading, Role: corpus.TagGoals, Items: carried})
		}
	}
	if peer := b.peerTargets(); len(peer) > 0 {
		sec.Sections = append(sec.Sections, Section{Heading: "同类单位常设指标（供参考）", Role: corpus.TagGoals,
			Note: "数值为同类单位的中位数，须结合本单位实际核实。", Items: peer})
	}
	if len(sec.Paragraphs) == 0 && len(sec.Sections) == 0 {
		sec.Paragraphs = []Item{{Text: ToFill, From: FromBase}}
	}
	return sec
}

// leaves returns the descendants of s that have no children, in order.
func (b *builder) leaves(v *view, s *corpus.Section) []*corpus.Section {
	var out []*corpus.Section
	for _, c := range v.children[s.ID] {
		if len(v.children[c.ID]) == 0 {
			out = append(out, c)
		} else {
			out = append(out, b.leaves(v, c)...)
		}
	}
	return out
}

func (b *builder) goalItem(s *corpus.Section) (Item, bool) {
	q := sectionLead(s)
	if q == "" {
		return Item{}, false
	}
	cite := b.base.citation(s)
	return Item{Text: b.roll(b.base, q, "工作目标", cite), Quote: q, From: FromBase, Citations: []Citation{cite}}, true
}

// sectionLead returns the lead sentence of a section: of its heading, or
// of its body when the heading is a bare label. "" when neither has one.
func sectionLead(s *corpus.Section) string {
	q := lead(s.Heading, maxLead)
	if utf8.RuneCountInString(q) < 6 {
		if ps := paragraphs(s.Text); len(ps) > 0 {
			if l := lead(ps[0], maxLead); hasLetters(l, 4) {
				q = l
			}
		}
	}
	if !hasLetters(q, 4) {
		return ""
	}
	return q
}

// targetSection finds the section holding a target's text.
func (b *builder) targetSection(v *view, t *corpus.Target) *corpus.Section {
	if s := v.resolve(t.Section); s != nil && (strings.Contains(s.Text, t.Text) || strings.Contains(s.Heading, t.Text)) {
		return s
	}
	return v.sectionContaining(t.Text, corpus.TagGoals)
}

// peerTargets groups peer targets by work area, metric, unit and
// operator, and suggests those at least MinTargetPeers peers set, quoting
// the peer whose value is the (lower) median.
func (b *builder) peerTargets() []Item {
	type member = targetMember
	type group = targetGroup
	var groups []*group
	index := map[string]*group{}
	for _, p := range b.peers {
		for i := range p.doc.Targets {
			t := &p.doc.Targets[i]
			if t.Metric == "" || t.Text == "" {
				continue
			}
			s := b.targetSection(p, t)
			if s == nil {
				continue
			}
			topic := firstTopic(t.Topics)
			if topic == "other" {
				topic = firstTopic(s.Topics)
			}
			k := strings.Join([]string{topic, normOrg(p.simplify(t.Metric)), t.Unit, t.Op}, "\x00")
			g := index[k]
			if g == nil {
				g = &group{topic: topic, metric: t.Metric}
				index[k] = g
				groups = append(groups, g)
			}
			g.members = append(g.members, member{v: p, t: t, sec: s, unit: p.unit})
		}
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		if c := corpus.TopicOrder(a.topic) - corpus.TopicOrder(b.topic); c != 0 {
			return c
		}
		return b.units() - a.units()
	})
	var items []Item
	perTopic := map[string]int{}
	for _, g := range groups {
		if perTopic[g.topic] >= maxTargetsPerArea {
			continue
		}
		// One value per organisation: its best-ranked document's.
		var ms []member
		seen := map[string]bool{}
		for _, m := range g.members {
			if !seen[m.unit] {
				seen[m.unit] = true
				ms = append(ms, m)
			}
		}
		if len(ms) < b.opts.MinTargetPeers {
			continue
		}
		perTopic[g.topic]++
		values := make([]float64, len(ms))
		for i, m := range ms {
			values[i] = m.t.Value
		}
		sorted := slices.Clone(values)
		slices.Sort(sorted)
		median := sorted[(len(sorted)-1)/2]
		at := slices.IndexFunc(ms, func(m member) bool { return m.t.Value == median })
		rep := ms[at]
		cites := []Citation{rep.v.citation(rep.sec)}
		for _, m := range ms {
			if m != rep {
				cites = append(cites, m.v.citation(m.sec))
			}
		}
		where := "工作目标·" + corpus.TopicName(g.topic)
		q := zhtext.StripNumbering(rep.t.Text)
		text := b.roll(rep.v, q, where, cites[0])
		if g.topic != "other" {
			text = corpus.TopicName(g.topic) + "：" + text
		}
		items = append(items, Item{
			Text:  fmt.Sprintf("%s（%d 家同类单位，中位数；%s）", text, len(ms), ToVerify),
			Quote: q, From: FromPeer, Peers: len(ms),
			Target: &TargetStat{Topic: g.topic, Metric: g.metric, Unit: rep.t.Unit, Op: rep.t.Op,
				Median: median, Values: values, Peers: len(ms)},
			Citations: cites,
		})
	}
	return items
}

// baseTargetsHeading heads the base's own targets in 工作目标.
const baseTargetsHeading = "量化指标（沿用往年）"

// maxTargetsPerArea is the most peer targets suggested per work area.
const maxTargetsPerArea = 2

type targetMember struct {
	v    *view
	t    *corpus.Target
	sec  *corpus.Section
	unit string
}

// targetGroup is comparable targets of peers: one work area, metric,
// unit and operator.
type targetGroup struct {
	topic, metric string
	members       []targetMember
}

// units counts the organisations that set the target.
func (g *targetGroup) units() int {
	seen := map[string]bool{}
	for _, m := range g.members {
		seen[m.unit] = true
	}
	return len(seen)
}

func firstTopic(ts []string) string {
	for _, t := range ts {
		if t != "" && t != "other" {
			return t
		}
	}
	return "other"
}

// number assigns 一、 to the top sections, （一） below them and 1. to items.
func number(secs []Section) {
	for i := range secs {
		secs[i].Number = zhtext.Number(i+1) + "、"
		numberBelow(&secs[i])
	}
}

func numberBelow(s *Section) {
	for i := range s.Items {
		s.Items[i].Number = fmt.Sprintf("%d.", i+1)
	}
	for i := range s.Sections {
		s.Sections[i].Number = "（" + zhtext.Number(i+1) + "）"
		numberBelow(&s.Sections[i])
	}
}
