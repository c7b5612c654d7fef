package report

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/corpus"
)

// Heatmap is the calendar part: months × topics from the calendar entries,
// and the activities most plans hold in each month.
type Heatmap struct {
	// Plans is the number of documents with a calendar.
	Plans int `json:"plans"`
	// MonthDocs[m-1] is the number of documents with an entry in month m.
	MonthDocs []int `json:"month_docs"`
	// Rows are the topics found in calendar entries, in taxonomy order.
	Rows []HeatRow `json:"rows"`
	// Max is the largest count of Rows, for scaling colours.
	Max int `json:"max"`
	// Months lists the common activities of each month that has entries.
	Months []MonthActivities `json:"months"`
}

// HeatRow counts, for one topic, the documents with an entry of that topic
// in each month (Counts[m-1]).
type HeatRow struct {
	Topic  string `json:"topic"`
	Name   string `json:"name"`
	Counts []int  `json:"counts"`
}

// MonthActivities are the most common activities of a month.
type MonthActivities struct {
	Month int             `json:"month"`
	Docs  int             `json:"docs"`
	Top   []ActivityCount `json:"top"`
}

// ActivityCount is an activity and the documents that hold it in a month.
// Known events (三八, 教师节, 教代会, 体检, …) are recognised whatever the
// wording; other activities are compared by their normalised text.
type ActivityCount struct {
	Label string   `json:"label"`
	Topic string   `json:"topic,omitempty"`
	Count int      `json:"count"`
	Docs  []string `json:"docs"` // at most maxListedDocs
}

const maxListedDocs = 20

// activityKind is a known calendar event: its display label, its topic and
// the (simplified) words that name it.
type activityKind struct {
	label string
	topic string
	words []string
}

// activityKinds is ordered: when an activity names several events, all are
// counted.
var activityKinds = []activityKind{
	{"三八活动", "women", []string{"三八", "妇女节"}},
	{"五一活动", "culture-sports", []string{"五一", "五.一", "劳动节"}},
	{"六一活动", "", []string{"六一", "儿童节"}},
	{"教师节活动", "", []string{"教师节"}},
	{"国庆活动", "", []string{"国庆"}},
	{"元旦迎新", "culture-sports", []string{"元旦", "迎新年", "新年联欢"}},
	{"春节团拜", "", []string{"春节", "团拜"}},
	{"重阳活动", "retirees", []string{"重阳"}},
	{"中秋活动", "", []string{"中秋"}},
	{"教代会", "democratic-management", []string{"教代会", "职代会", "代表大会"}},
	{"民主评议", "democratic-management", []string{"民主评议", "民主测评"}},
	{"校务公开", "disclosure", []string{"校务公开", "厂务公开", "公示"}},
	{"体检", "welfare", []string{"体检"}},
	{"生日慰问", "welfare", []string{"生日"}},
	{"送温暖慰问", "hardship-aid", []string{"送温暖", "慰问", "帮困", "特困"}},
	{"爱心捐款", "hardship-aid", []string{"一日捐", "献爱心", "捐款"}},
	{"退休教职工活动", "retirees", []string{"退休", "老教师"}},
	{"运动会", "culture-sports", []string{"运动会"}},
	{"球类比赛", "culture-sports", []string{"篮球", "乒乓", "羽毛球", "排球", "足球", "拔河"}},
	{"联欢活动", "culture-sports", []string{"联欢", "晚会", "茶话会"}},
	{"登山踏青", "culture-sports", []string{"登山", "春游", "秋游", "踏青"}},
	{"演讲比赛", "ethics", []string{"演讲"}},
	{"师德活动", "ethics", []string{"师德"}},
	{"技能竞赛", "skills", []string{"技能", "练兵", "劳动竞赛", "岗位竞赛"}},
	{"政治学习", "political-study", []string{"政治学习", "理论学习"}},
	{"工会法学习", "rights-law", []string{"工会法", "权益保护法"}},
	{"工会干部培训", "self-building", []string{"工会干部培训", "干部培训"}},
	{"制定工作计划", "self-building", []string{"工作计划", "制定计划", "工作设想"}},
	{"工作总结", "self-building", []string{"总结", "小结"}},
}

// activityLabels names the activities of one calendar activity text
// (simplified): the known events it mentions, or its normalised text.
func activityLabels(s string) []activityKind {
	var out []activityKind
	for _, k := range activityKinds {
		for _, w := range k.words {
			if strings.Contains(s, w) {
				out = append(out, k)
				break
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	l := activityText(s)
	if utf8.RuneCountInString(l) < 2 {
		return nil
	}
	return []activityKind{{label: l}}
}

// activityText is the display form of an unknown activity: without list
// numbers, quotes and trailing punctuation, at most 16 runes.
func activityText(s string) string {
	s = stripMonth(stripNumber(corpus.NormalizeSpace(s)))
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune("“”\"‘’'「」『』《》<>", r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	rs := []rune(s)
	if len(rs) > 16 {
		rs = rs[:16]
	}
	return string(rs)
}

// stripMonth removes a leading month label (8月： 七、八月份:) left in an
// activity by a calendar entry that holds the next month's line.
func stripMonth(s string) string {
	rest := strings.TrimLeftFunc(s, func(r rune) bool { return isNumeral(r) || strings.ContainsRune("、—-~至 ", r) })
	if rest == s || !strings.HasPrefix(rest, "月") {
		return s
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "月"), "份")
	if r, n := utf8.DecodeRuneInString(rest); r == '：' || r == ':' {
		return strings.TrimSpace(rest[n:])
	}
	return s
}

// entryActivities splits a calendar entry into activity texts: the
// entry's activities if the pipeline found them, else its text, split at
// sentence ends and semicolons.
func entryActivities(e corpus.CalendarEntry) []string {
	src := e.Activities
	if len(src) == 0 {
		src = []string{e.Text}
	}
	var out []string
	for _, a := range src {
		for _, p := range strings.FieldsFunc(a, func(r rune) bool { return strings.ContainsRune("；;。！!？?\n", r) }) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func buildHeatmap(views []*docView, top int) Heatmap {
	h := Heatmap{MonthDocs: make([]int, 12), Rows: []HeatRow{}, Months: []MonthActivities{}}
	type cellKey struct {
		topic string
		month int
	}
	cells := map[cellKey]int{}
	type actKey struct {
		month int
		label string
	}
	acts := map[actKey]*ActivityCount{}
	for _, v := range views {
		if len(v.doc.Calendar) == 0 {
			continue
		}
		h.Plans++
		seenMonth := map[int]bool{}
		seenCell := map[cellKey]bool{}
		seenAct := map[actKey]bool{}
		for _, e := range v.doc.Calendar {
			var kinds []activityKind
			for _, a := range entryActivities(e) {
				kinds = append(kinds, activityLabels(v.conv.apply(a))...)
			}
			topics := e.Topics
			if len(topics) == 0 {
				for _, k := range kinds {
					if k.topic != "" && !slices.Contains(topics, k.topic) {
						topics = append(topics, k.topic)
					}
				}
			}
			for _, m := range e.Months {
				if m < 1 || m > 12 {
					continue
				}
				if !seenMonth[m] {
					seenMonth[m] = true
					h.MonthDocs[m-1]++
				}
				for _, t := range topics {
					ck := cellKey{t, m}
					if !seenCell[ck] {
						seenCell[ck] = true
						cells[ck]++
					}
				}
				for _, k := range kinds {
					ak := actKey{m, k.label}
					if seenAct[ak] {
						continue
					}
					seenAct[ak] = true
					a := acts[ak]
					if a == nil {
						a = &ActivityCount{Label: k.label, Topic: k.topic}
						acts[ak] = a
					}
					a.Count++
					if len(a.Docs) < maxListedDocs {
						a.Docs = append(a.Docs, v.doc.ID)
					}
				}
			}
		}
	}
	// Rows.
	rowTopics := map[string]bool{}
	for k := range cells {
		rowTopics[k.topic] = true
	}
	var ids []string
	for t := range rowTopics {
		ids = append(ids, t)
	}
	topicSort(ids)
	for _, t := range ids {
		row := HeatRow{Topic: t, Name: corpus.TopicName(t), Counts: make([]int, 12)}
		for m := 1; m <= 12; m++ {
			n := cells[cellKey{t, m}]
			row.Counts[m-1] = n
			h.Max = max(h.Max, n)
		}
		h.Rows = append(h.Rows, row)
	}
	// Activities: per month, by count, known events first, then label.
	known := map[string]int{}
	for i, k := range activityKinds {
		known[k.label] = i
	}
	rank := func(l string) int {
		if i, ok := known[l]; ok {
			return i
		}
		return len(activityKinds)
	}
	for m := 1; m <= 12; m++ {
		if h.MonthDocs[m-1] == 0 {
			continue
		}
		var list []ActivityCount
		for k, a := range acts {
			if k.month == m {
				list = append(list, *a)
			}
		}
		slices.SortFunc(list, func(a, b ActivityCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(rank(a.Label), rank(b.Label)), strings.Compare(a.Label, b.Label))
		})
		if len(list) > top {
			list = list[:top]
		}
		h.Months = append(h.Months, MonthActivities{Month: m, Docs: h.MonthDocs[m-1], Top: list})
	}
	return h
}
