package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"plans/corpus"
)

// Change compares a document with the one before it: an organisation's
// plan with its plan of the previous year, or two documents given in
// order.
type Change struct {
	From          string          `json:"from"`
	To            string          `json:"to"`
	TopicsAdded   []string        `json:"topics_added"`
	TopicsDropped []string        `json:"topics_dropped"`
	TopicsKept    []string        `json:"topics_kept"`
	Counts        ChangeCounts    `json:"counts"`
	Sections      []SectionChange `json:"sections"`
	Calendar      []MonthChange   `json:"calendar"`
	// Targets are the metrics whose value changed, appeared or went;
	// TargetsUnchanged counts those with the same value in both.
	Targets          []TargetChange `json:"targets"`
	TargetsUnchanged int            `json:"targets_unchanged"`
	// PairThreshold is the text similarity two sections need to be paired
	// (as the same item, changed or not) unless their headings are the
	// same; below it they are listed as dropped and new.
	PairThreshold float64 `json:"pair_threshold"`
}

// Section change statuses.
const (
	StatusNew       = "new"
	StatusChanged   = "changed"
	StatusUnchanged = "unchanged"
	StatusDropped   = "dropped"
)

// StatusNames are the Chinese names of the statuses.
var StatusNames = map[string]string{
	StatusNew: "新增", StatusChanged: "修改", StatusUnchanged: "未变", StatusDropped: "删除",
}

// ChangeCounts counts the sections of each status.
type ChangeCounts struct {
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Dropped   int `json:"dropped"`
}

// SectionChange pairs a section of the earlier document with one of the
// later (From is nil for a new section, To for a dropped one). Similarity
// is that of their texts (heading and body), 0–1.
type SectionChange struct {
	Status     string      `json:"status"`
	From       *SectionRef `json:"from"`
	To         *SectionRef `json:"to"`
	Similarity float64     `json:"similarity"`
}

// MonthChange lists the calendar activities of a month that appear, go or
// stay.
type MonthChange struct {
	Month   int      `json:"month"`
	Added   []string `json:"added"`
	Dropped []string `json:"dropped"`
	Kept    []string `json:"kept"`
}

// TargetChange follows one metric from one document to the next. From or
// To is nil when the target is only in one of them.
type TargetChange struct {
	Metric string   `json:"metric"`
	Unit   string   `json:"unit"`
	From   *float64 `json:"from"`
	To     *float64 `json:"to"`
}

// Matching thresholds for year over year.
const (
	unchangedSimilarity = 0.9 // text similarity at or above which a section is unchanged
	headingMatch        = 0.6 // heading similarity that, with PairSimilarity, pairs two sections
	textMatch           = 0.5 // text similarity that pairs two sections whatever their headings
	// PairSimilarity is the least text similarity of two sections paired
	// without the same heading: items less alike are not the same item
	// rewritten, they are one dropped and one new.
	PairSimilarity = 0.3
)

// chains returns the pairs of documents to compare: the listed documents
// in order, or each organisation's documents year after year (plans and
// points in one chain, summaries in another).
func chains(views []*docView, o Options) [][2]*docView {
	var out [][2]*docView
	if len(o.DocIDs) > 1 {
		for i := 0; i+1 < len(views); i++ {
			out = append(out, [2]*docView{views[i], views[i+1]})
		}
		return out
	}
	if o.Org == "" {
		return nil
	}
	family := func(k corpus.Kind) int {
		switch k {
		case corpus.KindPlan, corpus.KindPoints:
			return 0
		case corpus.KindSummary:
			return 1
		}
		return 2
	}
	var dated []*docView
	for _, v := range views {
		if v.doc.Year != 0 {
			dated = append(dated, v)
		}
	}
	slices.SortStableFunc(dated, func(a, b *docView) int {
		return cmp.Or(cmp.Compare(family(a.doc.Kind), family(b.doc.Kind)), cmp.Compare(a.doc.Year, b.doc.Year))
	})
	for i := 0; i+1 < len(dated); i++ {
		a, b := dated[i], dated[i+1]
		if family(a.doc.Kind) == family(b.doc.Kind) && a.doc.Year < b.doc.Year {
			out = append(out, [2]*docView{a, b})
		}
	}
	return out
}

func buildChanges(views []*docView, o Options) []Change {
	out := []Change{}
	for _, p := range chains(views, o) {
		out = append(out, compareDocs(p[0], p[1]))
	}
	return out
}

// secInfo is a section prepared for matching.
type secInfo struct {
	ref    SectionRef
	key    string // normalised heading
	number string // list number as written, normalised
	depth  int
	text   string // normalised heading and body
	tag    corpus.Tag
	topics []string
	grams  map[string]struct{}
}

func sectionsOf(v *docView) []secInfo {
	out := make([]secInfo, len(v.doc.Sections))
	for i, s := range v.doc.Sections {
		h := v.conv.apply(s.Heading)
		text := normalize(h + v.conv.apply(s.Text))
		out[i] = secInfo{ref: SectionRef{Doc: v.doc.ID, Section: s.ID, Heading: s.Heading}, key: headingKey(h),
			number: normalize(s.Number), depth: s.Depth, text: text, tag: s.Tag, topics: s.Topics, grams: trigrams(text)}
	}
	return out
}

// trigrams returns the rune trigrams of a normalised text (the text itself
// when shorter).
func trigrams(s string) map[string]struct{} {
	rs := []rune(s)
	m := make(map[string]struct{}, len(rs))
	if len(rs) < 3 {
		if s != "" {
			m[s] = struct{}{}
		}
		return m
	}
	for i := 0; i+3 <= len(rs); i++ {
		m[string(rs[i:i+3])] = struct{}{}
	}
	return m
}

func jaccard(a, b map[string]struct{}) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for g := range a {
		if _, ok := b[g]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func compareDocs(a, b *docView) Change {
	c := Change{From: a.doc.ID, To: b.doc.ID, PairThreshold: PairSimilarity}
	c.TopicsAdded, c.TopicsDropped, c.TopicsKept = diffSets(a.doc.Topics, b.doc.Topics)
	topicSort(c.TopicsAdded)
	topicSort(c.TopicsDropped)
	topicSort(c.TopicsKept)

	// Sections: score every candidate pair, then pair greedily.
	sa, sb := sectionsOf(a), sectionsOf(b)
	type cand struct {
		i, j       int
		score, sim float64
	}
	var cands []cand
	for i := range sa {
		for j := range sb {
			x, y := &sa[i], &sb[j]
			sim := jaccard(x.grams, y.grams)
			var score float64
			switch {
			case x.key != "" && x.key == y.key:
				score = 3 + sim
			case sim < PairSimilarity:
				continue // not alike enough to be the same item
			case x.key != "" && y.key != "" && dice(x.key, y.key) >= headingMatch:
				score = 2 + dice(x.key, y.key) + sim
			case sim >= textMatch:
				score = 1 + sim
			case x.tag == y.tag && overlap(x.topics, y.topics):
				score = 0.5 + sim
			case x.number != "" && x.number == y.number && x.depth == y.depth:
				// The same slot of the outline, rewritten.
				score = 0.3 + sim
			default:
				continue
			}
			cands = append(cands, cand{i, j, score, sim})
		}
	}
	slices.SortFunc(cands, func(x, y cand) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.j, y.j), cmp.Compare(x.i, y.i))
	})
	usedA, usedB := make([]bool, len(sa)), make([]bool, len(sb))
	match := make([]int, len(sb))
	sims := make([]float64, len(sb))
	for j := range match {
		match[j] = -1
	}
	for _, cd := range cands {
		if usedA[cd.i] || usedB[cd.j] {
			continue
		}
		usedA[cd.i], usedB[cd.j] = true, true
		match[cd.j], sims[cd.j] = cd.i, cd.sim
	}
	c.Sections = []SectionChange{}
	for j := range sb {
		to := sb[j].ref
		if match[j] < 0 {
			c.Sections = append(c.Sections, SectionChange{Status: StatusNew, To: &to})
			c.Counts.New++
			continue
		}
		from := sa[match[j]].ref
		st := StatusChanged
		if sims[j] >= unchangedSimilarity {
			st = StatusUnchanged
			c.Counts.Unchanged++
		} else {
			c.Counts.Changed++
		}
		c.Sections = append(c.Sections, SectionChange{Status: st, From: &from, To: &to, Similarity: round(sims[j], 3)})
	}
	for i := range sa {
		if !usedA[i] {
			from := sa[i].ref
			c.Sections = append(c.Sections, SectionChange{Status: StatusDropped, From: &from})
			c.Counts.Dropped++
		}
	}

	// Calendar: activity labels month by month.
	ma, mb := monthActivities(a), monthActivities(b)
	c.Calendar = []MonthChange{}
	for m := 1; m <= 12; m++ {
		if len(ma[m]) == 0 && len(mb[m]) == 0 {
			continue
		}
		added, dropped, kept := diffSets(ma[m], mb[m])
		c.Calendar = append(c.Calendar, MonthChange{Month: m, Added: added, Dropped: dropped, Kept: kept})
	}

	// Targets: metric by metric.
	type mk struct{ metric, unit string }
	ta, tb := map[mk]float64{}, map[mk]float64{}
	var keys []mk
	for _, side := range []struct {
		v *docView
		m map[mk]float64
	}{{a, ta}, {b, tb}} {
		for _, t := range side.v.doc.Targets {
			k := mk{strings.TrimSpace(side.v.conv.apply(t.Metric)), normUnit(t.Unit)}
			if _, ok := side.m[k]; ok {
				continue // the first target of a metric stands for it
			}
			side.m[k] = t.Value
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	c.Targets = []TargetChange{}
	for _, k := range keys {
		tc := TargetChange{Metric: k.metric, Unit: k.unit}
		if v, ok := ta[k]; ok {
			tc.From = &v
		}
		if v, ok := tb[k]; ok {
			tc.To = &v
		}
		if tc.From != nil && tc.To != nil && *tc.From == *tc.To {
			c.TargetsUnchanged++
			continue
		}
		c.Targets = append(c.Targets, tc)
	}
	return c
}

// monthActivities maps each month to the sorted activity labels of a
// document's calendar.
func monthActivities(v *docView) map[int][]string {
	out := map[int][]string{}
	for _, e := range v.doc.Calendar {
		for _, a := range entryActivities(e) {
			for _, k := range activityLabels(v.conv.apply(a)) {
				for _, m := range e.Months {
					if !slices.Contains(out[m], k.label) {
						out[m] = append(out[m], k.label)
					}
				}
			}
		}
	}
	for m := range out {
		slices.Sort(out[m])
	}
	return out
}

// diffSets returns what b adds to a, what it drops and what both have;
// never nil.
func diffSets(a, b []string) (added, dropped, kept []string) {
	added, dropped, kept = []string{}, []string{}, []string{}
	for _, x := range b {
		if slices.Contains(a, x) {
			if !slices.Contains(kept, x) {
				kept = append(kept, x)
			}
		} else if !slices.Contains(added, x) {
			added = append(added, x)
		}
	}
	for _, x := range a {
		if !slices.Contains(b, x) && !slices.Contains(dropped, x) {
			dropped = append(dropped, x)
		}
	}
	return added, dropped, kept
}

// targetsLine describes the targets of a change: those that changed, and
// how many kept their value ("" when there are none).
func targetsLine(changed []string, unchanged int) string {
	switch {
	case len(changed) > 0 && unchanged > 0:
		return fmt.Sprintf("目标：%s（另有 %d 项未变）", strings.Join(changed, "；"), unchanged)
	case len(changed) > 0:
		return "目标：" + strings.Join(changed, "；")
	case unchanged > 0:
		return fmt.Sprintf("目标：%d 项都未变", unchanged)
	}
	return ""
}

// pairingLine says how sections were paired.
func pairingLine(threshold float64) string {
	return fmt.Sprintf("章节配对：标题相同，或内容相似度不低于 %s 的才算同一项（修改或未变）；其余记为删除和新增。", pct(threshold))
}
