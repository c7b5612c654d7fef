package report

import (
	"cmp"
	"slices"
	"strings"

	"plans/corpus"
)

// TargetGroup gathers the quantified targets of one metric (and unit) in
// one work area, with the spread of their values.
type TargetGroup struct {
	Topic     string        `json:"topic"`
	TopicName string        `json:"topic_name"`
	Metric    string        `json:"metric"`
	Unit      string        `json:"unit"`
	Count     int           `json:"count"`
	Min       float64       `json:"min"`
	Median    float64       `json:"median"`
	Max       float64       `json:"max"`
	Values    []TargetValue `json:"values"`
}

// TargetValue is one target and who set it.
type TargetValue struct {
	Doc     string  `json:"doc"`
	Org     string  `json:"org,omitempty"`
	Year    int     `json:"year,omitempty"`
	Value   float64 `json:"value"`
	Op      string  `json:"op"`
	Text    string  `json:"text"`
	Section string  `json:"section,omitempty"`
}

// primaryTopic is the first of a target's topics in taxonomy order, or
// "other".
func primaryTopic(ts []string) string {
	if len(ts) == 0 {
		return "other"
	}
	best := ts[0]
	for _, t := range ts[1:] {
		if corpus.TopicOrder(t) < corpus.TopicOrder(best) {
			best = t
		}
	}
	return best
}

func normUnit(u string) string {
	u = strings.TrimSpace(u)
	if u == "％" {
		return "%"
	}
	return u
}

func buildTargets(views []*docView) []TargetGroup {
	type key struct{ topic, metric, unit string }
	groups := map[key]*TargetGroup{}
	order := map[string]int{}
	for i, v := range views {
		order[v.doc.ID] = i
		for _, t := range v.doc.Targets {
			metric := strings.TrimSpace(v.conv.apply(t.Metric))
			if metric == "" {
				metric = "未注明指标"
			}
			k := key{primaryTopic(t.Topics), metric, normUnit(t.Unit)}
			g := groups[k]
			if g == nil {
				g = &TargetGroup{Topic: k.topic, TopicName: corpus.TopicName(k.topic), Metric: k.metric, Unit: k.unit}
				groups[k] = g
			}
			op := t.Op
			if op == "" {
				op = "="
			}
			g.Values = append(g.Values, TargetValue{Doc: v.doc.ID, Org: v.doc.Org, Year: v.doc.Year,
				Value: t.Value, Op: op, Text: t.Text, Section: t.Section})
		}
	}
	out := make([]TargetGroup, 0, len(groups))
	for _, g := range groups {
		slices.SortStableFunc(g.Values, func(a, b TargetValue) int {
			return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(order[a.Doc], order[b.Doc]), strings.Compare(a.Text, b.Text))
		})
		vals := make([]float64, len(g.Values))
		for i, v := range g.Values {
			vals[i] = v.Value
		}
		slices.Sort(vals)
		g.Count = len(vals)
		g.Min, g.Max = vals[0], vals[len(vals)-1]
		if n := len(vals); n%2 == 1 {
			g.Median = vals[n/2]
		} else {
			g.Median = round((vals[n/2-1]+vals[n/2])/2, 3)
		}
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b TargetGroup) int {
		return cmp.Or(cmp.Compare(corpus.TopicOrder(a.Topic), corpus.TopicOrder(b.Topic)), strings.Compare(a.Topic, b.Topic),
			cmp.Compare(b.Count, a.Count), strings.Compare(a.Metric, b.Metric), strings.Compare(a.Unit, b.Unit))
	})
	return out
}
