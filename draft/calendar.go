package draft

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"plans/corpus"
	"plans/internal/zhtext"
)

// calendarActivity is an activity found in a calendar entry.
type calendarActivity struct {
	v     *view
	sec   *corpus.Section
	quote string
	grams gramSet
}

// calendar drafts 四、行事历: for each month 1–12 the base's own activities
// and the activities most peers put in that month, with counts.
func (b *builder) calendar() []Month {
	months := make([]Month, 12)
	for m := 1; m <= 12; m++ {
		months[m-1] = b.month(m)
	}
	return months
}

func (b *builder) month(m int) Month {
	out := Month{Month: m, Label: fmt.Sprintf("%d月", m)}
	where := "行事历·" + out.Label
	cl := newClusterer(b.opts.Similarity)
	type group struct {
		base    *calendarActivity
		members []*calendarActivity
		units   map[string]bool
	}
	var groups []*group
	var baseGroups, peerGroups []*group
	if b.base != nil {
		for _, a := range b.activities(b.base, m) {
			if cl.find(a.grams) >= 0 {
				continue // the base repeats itself
			}
			cl.add(a.grams)
			g := &group{base: a, units: map[string]bool{}}
			groups = append(groups, g)
			baseGroups = append(baseGroups, g)
		}
	}
	for _, p := range b.peers {
		for _, a := range b.activities(p, m) {
			ci := cl.find(a.grams)
			if ci < 0 {
				ci = cl.add(a.grams)
				g := &group{units: map[string]bool{}}
				groups = append(groups, g)
				peerGroups = append(peerGroups, g)
			}
			g := groups[ci]
			g.members = append(g.members, a)
			g.units[p.unit] = true
		}
	}
	slices.SortStableFunc(peerGroups, func(x, y *group) int {
		if c := cmp.Compare(len(y.units), len(x.units)); c != 0 {
			return c
		}
		return cmp.Compare(b.rank[x.members[0].v], b.rank[y.members[0].v])
	})
	for _, g := range baseGroups {
		a := g.base
		cite := a.v.citation(a.sec)
		var support []Citation
		seen := map[string]bool{}
		for _, m := range g.members {
			if len(support) < 2 && !seen[m.v.unit] {
				seen[m.v.unit] = true
				support = append(support, m.v.citation(m.sec))
			}
		}
		out.Activities = append(out.Activities, Activity{
			Text: b.roll(a.v, a.quote, where, cite), Quote: a.quote, From: FromBase,
			Plans: 1 + len(g.units), Citations: append([]Citation{cite}, support...),
		})
	}
	for i, g := range peerGroups {
		if i >= b.opts.MaxActivities {
			break
		}
		a := g.members[0]
		cite := a.v.citation(a.sec)
		var support []Citation
		seen := map[string]bool{a.v.unit: true}
		for _, m := range g.members[1:] {
			if len(support) < 2 && !seen[m.v.unit] {
				seen[m.v.unit] = true
				support = append(support, m.v.citation(m.sec))
			}
		}
		out.Activities = append(out.Activities, Activity{
			Text: b.roll(a.v, a.quote, where, cite), Quote: a.quote, From: FromPeer,
			Plans: len(g.units), Citations: append([]Citation{cite}, support...),
		})
	}
	return out
}

// activities returns the activities v's calendar puts in month m, each
// with the section that holds it. Activities whose text cannot be found
// in any section are left out: every activity must be citable.
func (b *builder) activities(v *view, m int) []*calendarActivity {
	var out []*calendarActivity
	for i := range v.doc.Calendar {
		e := &v.doc.Calendar[i]
		if !slices.Contains(e.Months, m) {
			continue
		}
		acts := e.Activities
		if len(acts) == 0 {
			acts = splitActivities(e.Text)
		}
		for _, act := range acts {
			q := lead(act, maxLead)
			if !hasLetters(q, 2) {
				continue
			}
			s := v.resolve(e.Section)
			if s == nil || !(strings.Contains(s.Text, q) || strings.Contains(s.Heading, q)) {
				s = v.sectionContaining(q, corpus.TagCalendar)
			}
			if s == nil {
				continue
			}
			g := grams(v.simplify(q))
			if slices.ContainsFunc(out, func(a *calendarActivity) bool { return similar(a.grams, g, b.opts.Similarity) }) {
				continue
			}
			out = append(out, &calendarActivity{v: v, sec: s, quote: q, grams: g})
		}
	}
	return out
}

// splitActivities splits a calendar entry's text into activities at
// sentence ends, after the month label (1月：…).
func splitActivities(s string) []string {
	if i := strings.IndexAny(s, "：:"); i >= 0 && i < 24 && strings.Contains(s[:i], "月") {
		s = s[i:]
		_, n := firstRune(s)
		s = s[n:]
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("。；;\n", r) }) {
		if part = zhtext.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}
