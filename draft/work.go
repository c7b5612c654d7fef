package draft

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"plans/corpus"
)

// candidate is a lead sentence that may become an item.
type candidate struct {
	v     *view
	sec   *corpus.Section
	quote string
	grams gramSet
}

// cluster is a group of similar candidates.
type cluster struct {
	base    *candidate // the base's candidate, if any
	members []*candidate
	units   map[string]bool // peer organisations with a member
}

// work drafts 三、主要工作: one sub-section per work area, in the base's
// order and then by how many peers cover the area, and lists the gaps.
func (b *builder) work() (Section, []Gap) {
	sec := Section{Heading: "主要工作", Role: corpus.TagWork}
	coverage := map[string]int{}
	for _, unit := range b.units {
		covered := map[string]bool{}
		for _, p := range b.peers {
			if p.unit == unit {
				for t := range p.covered() {
					covered[t] = true
				}
			}
		}
		for t := range covered {
			coverage[t]++
		}
	}
	n := len(b.units)

	var areas []string
	baseHas := map[string]bool{}
	if b.base != nil {
		for t := range b.base.covered() {
			baseHas[t] = true
		}
		for _, s := range b.base.doc.Sections {
			if s.Tag != corpus.TagWork {
				continue
			}
			for _, t := range s.Topics {
				if t != "" && t != "other" && !slices.Contains(areas, t) {
					areas = append(areas, t)
				}
			}
		}
	}
	// Areas peers commonly cover and the base does not: the gaps (and,
	// without a base, the areas of the draft).
	need := max(1, min(2, n))
	var extra []string
	for _, t := range corpus.Topics {
		if t.ID == "other" || baseHas[t.ID] || slices.Contains(areas, t.ID) {
			continue
		}
		c := coverage[t.ID]
		if c == 0 {
			continue
		}
		if c >= need && float64(c) >= b.opts.GapShare*float64(n)-1e-9 {
			extra = append(extra, t.ID)
		}
	}
	slices.SortStableFunc(extra, func(x, y string) int {
		if c := cmp.Compare(coverage[y], coverage[x]); c != 0 {
			return c
		}
		return corpus.TopicOrder(x) - corpus.TopicOrder(y)
	})
	var gaps []Gap
	if b.base != nil {
		for _, t := range extra {
			gaps = append(gaps, Gap{Topic: t, Name: corpus.TopicName(t), Peers: coverage[t], Of: n})
		}
	}
	for _, t := range areas {
		sub := Section{Heading: corpus.TopicName(t), Role: corpus.TagWork, Topic: t, Coverage: coverage[t]}
		if n > 0 {
			sub.Note = fmt.Sprintf("%d/%d 同类单位开展此项工作。", coverage[t], n)
		}
		// An area whose items all went to earlier areas (a section of two
		// areas) needs no sub-section of its own.
		if sub.Items = b.areaItems(t); len(sub.Items) > 0 {
			sec.Sections = append(sec.Sections, sub)
		}
	}
	if b.base != nil {
		if items := b.areaItems("other"); len(items) > 0 {
			sec.Sections = append(sec.Sections, Section{Heading: "其他工作", Role: corpus.TagWork, Topic: "other", Items: items})
		}
	}
	for _, t := range extra {
		sub := Section{Heading: corpus.TopicName(t), Role: corpus.TagWork, Topic: t, Coverage: coverage[t],
			Suggested: b.base != nil}
		if b.base != nil {
			sub.Note = fmt.Sprintf("建议新增：%d/%d 同类单位开展此项工作，往年计划未单列。", coverage[t], n)
		} else {
			sub.Note = fmt.Sprintf("%d/%d 同类单位开展此项工作。", coverage[t], n)
		}
		sub.Items = b.areaItems(t)
		if len(sub.Items) == 0 {
			continue
		}
		sec.Sections = append(sec.Sections, sub)
	}
	if len(sec.Sections) == 0 {
		sec.Items = []Item{{Text: ToFill, From: FromBase}}
	}
	return sec, gaps
}

// inArea reports whether a work section belongs to the area topic ("other":
// a section with no known topic).
func inArea(s *corpus.Section, topic string) bool {
	if s.Tag != corpus.TagWork {
		return false
	}
	if topic == "other" {
		return firstTopic(s.Topics) == "other"
	}
	return slices.Contains(s.Topics, topic)
}

// candidates returns v's lead sentences for the area: work sections of the
// area none of whose descendants is also of the area (the most concrete
// ones), de-duplicated.
func (b *builder) candidates(v *view, topic string) []*candidate {
	var out []*candidate
	for i := range v.doc.Sections {
		s := &v.doc.Sections[i]
		if !inArea(s, topic) {
			continue
		}
		if topic == "other" {
			if v.hasDescendant(s, func(c *corpus.Section) bool { return c.Tag == corpus.TagWork }) {
				continue
			}
		} else if v.hasDescendant(s, func(c *corpus.Section) bool { return inArea(c, topic) }) {
			continue
		}
		q := sectionLead(s)
		if q == "" {
			continue
		}
		g := grams(v.simplify(q))
		if slices.ContainsFunc(out, func(c *candidate) bool { return similar(c.grams, g, b.opts.Similarity) }) {
			continue
		}
		out = append(out, &candidate{v: v, sec: s, quote: q, grams: g})
	}
	return out
}

// areaItems returns the candidate items of an area: the base's first, then
// peers' by how many peers have something similar.
func (b *builder) areaItems(topic string) []Item {
	cl := newClusterer(b.opts.Similarity)
	var clusters []*cluster
	var baseClusters []*cluster
	if b.base != nil {
		for _, c := range b.candidates(b.base, topic) {
			if b.used[c.v.citation(c.sec).Key()] {
				continue
			}
			// Base candidates are already distinct from each other.
			cl.add(c.grams)
			k := &cluster{base: c, units: map[string]bool{}}
			clusters = append(clusters, k)
			baseClusters = append(baseClusters, k)
		}
	}
	var peerClusters []*cluster
	if topic != "other" {
		for _, p := range b.peers {
			for _, c := range b.candidates(p, topic) {
				if b.used[c.v.citation(c.sec).Key()] {
					continue
				}
				ci := cl.find(c.grams)
				if ci < 0 {
					ci = cl.add(c.grams)
					k := &cluster{units: map[string]bool{}}
					clusters = append(clusters, k)
					peerClusters = append(peerClusters, k)
				}
				k := clusters[ci]
				k.members = append(k.members, c)
				k.units[p.unit] = true
			}
		}
	}
	slices.SortStableFunc(peerClusters, func(x, y *cluster) int {
		if c := cmp.Compare(len(y.units), len(x.units)); c != 0 {
			return c
		}
		return cmp.Compare(b.rank[x.members[0].v], b.rank[y.members[0].v])
	})

	limit := b.opts.MaxItems
	nBase := min(len(baseClusters), limit)
	if len(peerClusters) > 0 && nBase == limit && limit > 1 {
		nBase = limit - 1 // leave room for one peer suggestion
	}
	where := "主要工作·" + corpus.TopicName(topic)
	if topic == "other" {
		where = "主要工作·其他工作"
	}
	var items []Item
	defer func() {
		for _, it := range items {
			b.used[it.Citations[0].Key()] = true
		}
	}()
	for _, k := range baseClusters[:nBase] {
		c := k.base
		cite := b.base.citation(c.sec)
		it := Item{
			Text:  withContinue(b.roll(b.base, c.quote, where, cite)),
			Quote: c.quote, From: FromBase, Peers: len(k.units),
			Citations: append([]Citation{cite}, supporting(k.members, "", 2)...),
		}
		items = append(items, it)
	}
	for _, k := range peerClusters {
		if len(items) >= limit {
			break
		}
		c := k.members[0]
		cite := c.v.citation(c.sec)
		items = append(items, Item{
			Text:  b.roll(c.v, c.quote, where, cite),
			Quote: c.quote, From: FromPeer, Peers: len(k.units),
			Citations: append([]Citation{cite}, supporting(k.members[1:], c.v.unit, 2)...),
		})
	}
	return items
}

// supporting cites up to n members of distinct organisations other than
// the one named by skip.
func supporting(ms []*candidate, skip string, n int) []Citation {
	var out []Citation
	seen := map[string]bool{skip: true}
	for _, m := range ms {
		if len(out) >= n {
			break
		}
		if seen[m.v.unit] {
			continue
		}
		seen[m.v.unit] = true
		out = append(out, m.v.citation(m.sec))
	}
	return out
}

// continuing are starts of a lead that read badly after 继续: it already
// says so, or it starts with a subject.
var continuing = []string{"继续", "繼續", "进一步", "進一步", "坚持", "堅持", "不断", "不斷", "持续", "持續",
	"我", "学校", "學校", "工会", "工會", "本", "各", "全体", "全體", "广大", "廣大", "教职工", "教職工", "校"}

// withContinue prefixes a base item with 继续, as a secretary carrying
// last year's work over writes it.
func withContinue(s string) string {
	for _, p := range continuing {
		if strings.HasPrefix(s, p) {
			return s
		}
	}
	return "继续" + s
}
