package draft

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/internal/golden"
)

// buildCases are the drafts every invariant test checks.
var buildCases = []struct {
	name string
	opts Options
}{
	{"base-2024", Options{Org: "星沙实验中学", Year: 2024}},
	{"base-2027", Options{Org: "星沙实验中学", Year: 2027}},
	{"explicit-old-base", Options{Org: "星沙实验中学", Year: 2023, BaseID: "xs2022-1"}},
	{"no-base", Options{Org: "新建实验学校", Year: 2024, OrgType: corpus.OrgMiddle, NoBase: true}},
	{"two-items", Options{Org: "星沙实验中学", Year: 2024, MaxItems: 2}},
}

func build(t *testing.T, docs []corpus.Document, opts Options) *Draft {
	t.Helper()
	d, err := Build(docs, opts)
	if err != nil {
		t.Fatalf("Build(%+v): %v", opts, err)
	}
	return d
}

// allItems returns every item, paragraph and option of the draft.
func allItems(d *Draft) []Item {
	var out []Item
	var walk func(s Section)
	walk = func(s Section) {
		out = append(out, s.Paragraphs...)
		out = append(out, s.Options...)
		out = append(out, s.Items...)
		for _, sub := range s.Sections {
			walk(sub)
		}
	}
	for _, s := range d.Sections {
		walk(s)
	}
	return out
}

func findDoc(docs []corpus.Document, id string) *corpus.Document {
	for i := range docs {
		if docs[i].ID == id {
			return &docs[i]
		}
	}
	return nil
}

// checkCitation fails unless c names an existing document and section and
// agrees with them.
func checkCitation(t *testing.T, docs []corpus.Document, c Citation) *corpus.Section {
	t.Helper()
	doc := findDoc(docs, c.DocID)
	if doc == nil {
		t.Errorf("citation %+v: no such document", c)
		return nil
	}
	sec, ok := doc.Section(c.SectionID)
	if !ok {
		t.Errorf("citation %+v: no such section", c)
		return nil
	}
	if c.Title != doc.Title || c.Org != doc.Org || c.Year != doc.Year || c.Heading != sec.Heading {
		t.Errorf("citation %+v disagrees with its source (%q, %q, %d, %q)", c, doc.Title, doc.Org, doc.Year, sec.Heading)
	}
	return sec
}

func TestCitationsResolve(t *testing.T) {
	docs := loadCorpus(t)
	for _, tc := range buildCases {
		t.Run(tc.name, func(t *testing.T) {
			checkCitations(t, docs, build(t, docs, tc.opts))
		})
	}
}

// checkCitations fails unless every citation of the draft resolves to an
// existing document and section, and every quote and flagged text stands
// in the section its first citation names.
func checkCitations(t *testing.T, docs []corpus.Document, d *Draft) {
	t.Helper()
	check := func(what, quote string, cites []Citation) {
		if quote == "" {
			return // a 【待补充】 placeholder
		}
		if len(cites) == 0 {
			t.Errorf("%s %q has no citation", what, quote)
			return
		}
		for i, c := range cites {
			sec := checkCitation(t, docs, c)
			if i == 0 && sec != nil && !strings.Contains(sec.Heading+"\n"+sec.Text, quote) {
				t.Errorf("%s quote %q is not in its cited section %s", what, quote, c.SectionID)
			}
		}
	}
	for _, it := range allItems(d) {
		check("item", it.Quote, it.Citations)
		if it.Quote == "" && it.Text != ToFill {
			t.Errorf("item %q has no quote", it.Text)
		}
	}
	for _, m := range d.Calendar {
		for _, a := range m.Activities {
			check("activity", a.Quote, a.Citations)
		}
	}
	for _, f := range d.Flags {
		sec := checkCitation(t, docs, f.Citation)
		if sec != nil && !strings.Contains(sec.Heading+"\n"+sec.Text, f.Text) {
			t.Errorf("flag %q is not in its cited section %s", f.Text, f.Citation.SectionID)
		}
	}
	if d.Base != nil && findDoc(docs, d.Base.DocID) == nil {
		t.Errorf("base %s does not exist", d.Base.DocID)
	}
}

// Text shown for an item is its quote, with the plan year rolled, markers
// added and, for base items, 继续 in front: nothing else.
func TestItemTextComesFromQuote(t *testing.T) {
	docs := loadCorpus(t)
	annotation := regexp.MustCompile(`^[^：]+：|（\d+ 家同类单位，中位数；【待核实】）$`)
	for _, tc := range buildCases {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			check := func(text, quote string, from From, base int) {
				if quote == "" {
					return
				}
				got := stripMarkers(text)
				if base != 0 {
					got = strings.ReplaceAll(got, strconv.Itoa(d.Year)+"年", strconv.Itoa(base)+"年")
				}
				if from == FromBase {
					got = strings.TrimPrefix(got, "继续")
				}
				if got != placeholderRE.ReplaceAllString(quote, ToVerify) {
					t.Errorf("text %q does not come from quote %q", text, quote)
				}
			}
			baseYear := 0
			if d.Base != nil {
				baseYear = d.Base.Year
			}
			for _, it := range allItems(d) {
				text := it.Text
				if it.Target != nil {
					text = annotation.ReplaceAllString(text, "")
				}
				y := 0
				if it.From == FromBase {
					y = baseYear
				}
				check(text, it.Quote, it.From, y)
			}
			for _, m := range d.Calendar {
				for _, a := range m.Activities {
					y := 0
					if a.From == FromBase {
						y = baseYear
					}
					check(a.Text, a.Quote, FromPeer, y)
				}
			}
		})
	}
}

// sourceNumbers are the numbers written in any source document.
func sourceNumbers(docs []corpus.Document) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		for _, n := range numberRE.FindAllString(d.Text, -1) {
			out[n] = true
		}
	}
	return out
}

var numberRE = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)

// structural are the parts of a rendered draft where the tool itself
// writes numbers: footnotes, markers, counts, list numbers, month labels.
var structural = []*regexp.Regexp{
	regexp.MustCompile(`(?m)^\[\^\d+\]:.*$`),
	regexp.MustCompile(`\[\^\d+\]`),
	regexp.MustCompile(`【[^】]*】`),
	regexp.MustCompile(`（\d+ 家同类单位[^）]*）`),
	regexp.MustCompile(`（另有 \d+ 家同类单位有类似安排）`),
	regexp.MustCompile(`（同类单位 \d+ 家）`),
	regexp.MustCompile(`（\d+ 份计划同月安排）`),
	regexp.MustCompile(`\d+/\d+ 同类单位`),
	regexp.MustCompile(`参考了 \d+ 家同类单位的 \d+ 份计划`),
	regexp.MustCompile(`有 \d+ 处时间性提法`),
	regexp.MustCompile(`(?m)^\d+\. `),
	regexp.MustCompile(`\*\*\d+月：\*\*`),
}

// No number appears in a draft that no source gives (apart from the new
// plan year and the tool's own counts and numbering).
func TestNoInventedNumbers(t *testing.T) {
	docs := loadCorpus(t)
	known := sourceNumbers(docs)
	for _, tc := range buildCases {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, d); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			for _, re := range structural {
				text = re.ReplaceAllString(text, "")
			}
			for _, n := range numberRE.FindAllString(text, -1) {
				if n == strconv.Itoa(d.Year) || known[n] {
					continue
				}
				i := strings.Index(text, n)
				t.Errorf("number %s is in no source: …%s…", n, text[max(0, i-60):min(len(text), i+30)])
			}
		})
	}
}

func TestPeerTargets(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	goals := d.Sections[1]
	var got []TargetStat
	for _, sub := range goals.Sections {
		for _, it := range sub.Items {
			if it.Target == nil {
				continue
			}
			got = append(got, *it.Target)
			if !strings.Contains(it.Text, ToVerify) {
				t.Errorf("peer target %q is not marked %s", it.Text, ToVerify)
			}
			if it.From != FromPeer || it.Peers != it.Target.Peers || len(it.Citations) != it.Target.Peers {
				t.Errorf("peer target %q: from %s, %d peers, %d citations", it.Text, it.From, it.Peers, len(it.Citations))
			}
			// The quoted target states the median value.
			if !strings.Contains(it.Quote, strconv.FormatFloat(it.Target.Median, 'f', -1, 64)) {
				t.Errorf("quote %q does not state the median %v", it.Quote, it.Target.Median)
			}
		}
	}
	want := []TargetStat{
		{Topic: "democratic-management", Metric: "落实率", Unit: "%", Op: ">=", Median: 95, Values: []float64{95, 100}, Peers: 2},
		{Topic: "hardship-aid", Metric: "满意率", Unit: "%", Op: ">=", Median: 85, Values: []float64{90, 85}, Peers: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("peer targets (-want +got):\n%s", diff)
	}
	// MinTargetPeers raises the bar (peers widened to the related kinds so
	// that three can agree).
	d = build(t, docs, Options{Org: "星沙实验中学", Year: 2024, MinTargetPeers: 3, MinPeers: 10})
	n := 0
	for _, it := range allItems(d) {
		if it.Target != nil {
			n++
			if it.Target.Peers < 3 {
				t.Errorf("target with %d peers suggested", it.Target.Peers)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d targets with MinTargetPeers 3, want 1", n)
	}
}

func TestStaleReferencesFlagged(t *testing.T) {
	docs := loadCorpus(t)
	type flag struct{ Kind, Text, Where string }
	tests := []struct {
		year int
		want []flag
	}{
		{2024, []flag{
			{FlagCampaign, "党史学习教育", "指导思想"},
			{FlagFiveYearPlan, "十三五", "指导思想"},
			{FlagRolled, "2023年", "指导思想"},
			{FlagAnniversary, "建党100周年", "指导思想"},
			{FlagOrdinal, "第七届二次", "主要工作·民主管理"},
			{FlagOrdinal, "第七届二次", "行事历·3月"},
		}},
		{2027, []flag{
			{FlagCongress, "二十大", "指导思想"},
			{FlagCampaign, "党史学习教育", "指导思想"},
			{FlagFiveYearPlan, "十四五", "指导思想"},
			{FlagFiveYearPlan, "十三五", "指导思想"},
			{FlagRolled, "2023年", "指导思想"},
			{FlagAnniversary, "建党100周年", "指导思想"},
			{FlagOrdinal, "第七届二次", "主要工作·民主管理"},
			{FlagOrdinal, "第七届二次", "行事历·3月"},
		}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.year), func(t *testing.T) {
			d := build(t, docs, Options{Org: "星沙实验中学", Year: tc.year})
			var got []flag
			for _, f := range d.Flags {
				if f.Citation.DocID == d.Base.DocID {
					got = append(got, flag{f.Kind, f.Text, f.Where})
				}
				if f.Reason == "" {
					t.Errorf("flag %q has no reason", f.Text)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("flags on the base (-want +got):\n%s", diff)
			}
			ideology := d.Sections[0].Paragraphs
			if !strings.HasPrefix(ideology[1].Text, strconv.Itoa(tc.year)+"年是") {
				t.Errorf("plan year not rolled: %q", ideology[1].Text)
			}
			if !strings.Contains(ideology[0].Text, "十三五"+ToUpdatePrefix) {
				t.Errorf("十三五 not marked in %q", ideology[0].Text)
			}
			// Peer wording is offered, not swapped in.
			for _, o := range d.Sections[0].Options {
				if o.From != FromPeer || o.Citations[0].DocID == d.Base.DocID {
					t.Errorf("option %q is not a peer's", o.Text)
				}
			}
		})
	}
}

func TestCalendarMonths(t *testing.T) {
	docs := loadCorpus(t)
	for _, tc := range buildCases {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			if len(d.Calendar) != 12 {
				t.Fatalf("%d months, want 12", len(d.Calendar))
			}
			for i, m := range d.Calendar {
				if m.Month != i+1 || m.Label != strconv.Itoa(i+1)+"月" {
					t.Errorf("month %d: %+v", i+1, m)
				}
				peers := 0
				for j, a := range m.Activities {
					if a.From == FromPeer {
						peers++
						if a.Plans < 1 {
							t.Errorf("month %d: peer activity %q with %d plans", m.Month, a.Text, a.Plans)
						}
					} else if j > 0 && m.Activities[j-1].From == FromPeer {
						t.Errorf("month %d: base activity %q after a peer's", m.Month, a.Text)
					}
				}
				if peers > DefaultOptions().MaxActivities {
					t.Errorf("month %d: %d peer activities", m.Month, peers)
				}
			}
		})
	}
	// The base's months come first and peers fill the months it leaves empty.
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var got []string
	for _, m := range d.Calendar {
		if len(m.Activities) > 0 {
			got = append(got, m.Label+m.Activities[0].Text+string(m.Activities[0].From))
		}
	}
	want := []string{
		"1月开展迎新春联欢活动base", "2月制定工会工作计划base",
		"3月召开第七届二次【待更新：届次需按新年份核实】教代会base", "4月组织教职工春季健步走活动base",
		"5月开展青年教师基本功大赛base", "6月组织教职工年度体检base", "7月组织教职工暑期疗休养peer",
		"8月组织教职工暑期疗休养peer", "9月庆祝教师节，表彰师德标兵base", "10月举办教职工趣味运动会base",
		"11月开展教职工读书分享会base", "12月工会工作总结base",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first activity per month (-want +got):\n%s", diff)
	}
	// Similar activities are merged and counted: 召开教代会 in March.
	march := d.Calendar[2].Activities[0]
	if march.Plans != 4 {
		t.Errorf("March 教代会 in %d plans, want 4 (base + 3 peers)", march.Plans)
	}
}

func TestWorkAreasAndGaps(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var areas []string
	for _, s := range d.Sections[2].Sections {
		areas = append(areas, s.Topic)
		if n := len(s.Items); n < 1 || n > 4 {
			t.Errorf("area %s has %d items", s.Topic, n)
		}
		// Base items come first and read as carried over.
		seenPeer := false
		for _, it := range s.Items {
			if it.From == FromPeer {
				seenPeer = true
			} else if seenPeer {
				t.Errorf("area %s: base item %q after a peer item", s.Topic, it.Text)
			}
			if it.From == FromBase && !strings.HasPrefix(it.Text, "继续") && !strings.HasPrefix(it.Text, "坚持") {
				t.Errorf("base item %q does not carry over", it.Text)
			}
		}
	}
	wantAreas := []string{"democratic-management", "disclosure", "ethics", "skills", "staff-home",
		"culture-sports", "welfare", "self-building", "women", "hardship-aid"}
	if diff := cmp.Diff(wantAreas, areas); diff != "" {
		t.Errorf("work areas (-want +got):\n%s", diff)
	}
	wantGaps := []Gap{{"women", "女工工作", 3, 3}, {"hardship-aid", "困难帮扶", 3, 3}}
	if diff := cmp.Diff(wantGaps, d.Gaps); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
	for _, s := range d.Sections[2].Sections {
		if s.Suggested != slices.Contains([]string{"women", "hardship-aid"}, s.Topic) {
			t.Errorf("area %s suggested = %v", s.Topic, s.Suggested)
		}
	}
	// No item is cited twice across areas.
	seen := map[string]string{}
	for _, s := range d.Sections[2].Sections {
		for _, it := range s.Items {
			k := it.Citations[0].Key()
			if prev, ok := seen[k]; ok {
				t.Errorf("%s cited in %s and %s", k, prev, s.Topic)
			}
			seen[k] = s.Topic
		}
	}
}

func TestBaseAndPeers(t *testing.T) {
	docs := loadCorpus(t)
	tests := []struct {
		name      string
		opts      Options
		wantBase  string
		wantPeers int
		wantTitle string
	}{
		// Peers are the three other middle schools (enough: MinPeers 3).
		{"latest plan", Options{Org: "星沙实验中学", Year: 2024}, "xs2023-1", 3, "星沙实验中学2024年工会工作计划"},
		{"explicit base", Options{Org: "星沙实验中学", Year: 2023, BaseID: "xs2022-1"}, "xs2022-1", 3, "星沙实验中学2023年工会工作计划"},
		{"year defaults to the next", Options{Org: "星沙实验中学"}, "xs2023-1", 3, "星沙实验中学2024年工会工作计划"},
		{"org from the base", Options{BaseID: "ls2023-1"}, "ls2023-1", 3, "麓山中学2024年工会工作计划"},
		{"spaces in the name", Options{Org: "星沙 实验中学", Year: 2024}, "xs2023-1", 3, "星沙 实验中学2024年工会工作计划"},
		// A new school of unknown kind: every named organisation (the plan
		// that names none is not a unit).
		{"no base", Options{Org: "新建实验学校", Year: 2024, NoBase: true}, "", 7, "新建实验学校2024年工会工作计划"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			base := ""
			if d.Base != nil {
				base = d.Base.DocID
			}
			if base != tc.wantBase || d.Peers != tc.wantPeers || d.Title != tc.wantTitle {
				t.Errorf("base %q, %d peers, title %q; want %q, %d, %q", base, d.Peers, d.Title, tc.wantBase, tc.wantPeers, tc.wantTitle)
			}
			for _, it := range allItems(d) {
				for _, c := range it.Citations {
					doc := findDoc(docs, c.DocID)
					if doc.Kind == corpus.KindSummary || !doc.Relevant {
						t.Errorf("cites %s (%s, relevant %v)", c.DocID, doc.Kind, doc.Relevant)
					}
					if it.From == FromPeer && tc.wantBase != "" && doc.Org == findDoc(docs, tc.wantBase).Org {
						t.Errorf("peer item %q cites the organisation's own plan", it.Text)
					}
				}
			}
		})
	}
	t.Run("no base: drafted from peers alone", func(t *testing.T) {
		d := build(t, docs, Options{Org: "新建实验学校", Year: 2024, OrgType: corpus.OrgMiddle, NoBase: true})
		if len(d.Gaps) != 0 {
			t.Errorf("gaps without a base: %+v", d.Gaps)
		}
		if len(d.Sections[0].Paragraphs) != 0 || len(d.Sections[0].Options) == 0 {
			t.Errorf("指导思想 without a base: %d paragraphs, %d options", len(d.Sections[0].Paragraphs), len(d.Sections[0].Options))
		}
		// Same org type first: the first option is a middle school's.
		if c := d.Sections[0].Options[0].Citations[0]; findDoc(docs, c.DocID).OrgType != corpus.OrgMiddle {
			t.Errorf("first option from %s", c.Org)
		}
		for _, it := range allItems(d) {
			if it.From == FromBase && it.Text != ToFill {
				t.Errorf("base item %q without a base", it.Text)
			}
		}
	})
	t.Run("errors", func(t *testing.T) {
		if _, err := Build(docs, Options{Org: "星沙实验中学", Year: 2024, BaseID: "nope"}); !errors.Is(err, ErrBaseNotFound) {
			t.Errorf("unknown base: %v", err)
		}
		if _, err := Build(docs, Options{Org: "新建实验学校", NoBase: true}); !errors.Is(err, ErrNoYear) {
			t.Errorf("no year: %v", err)
		}
		if _, err := Build(nil, Options{Org: "新建实验学校", Year: 2024, NoBase: true}); !errors.Is(err, ErrNoSources) {
			t.Errorf("empty corpus: %v", err)
		}
	})
}

// The organisation is found whichever script the name or the document is in.
func TestOrgAcrossScripts(t *testing.T) {
	t2s := strings.NewReplacer("實", "实", "驗", "验", "學", "学", "計", "计", "劃", "划", "會", "会", "開", "开", "動", "动", "職", "职", "組", "组", "織", "织", "節", "节")
	simplify := func(s string) string { return t2s.Replace(s) }
	mk := func(id, org, heading string) corpus.Document {
		text := org + "工會工作計劃\n" + heading
		return corpus.Document{ID: id, Title: org + "工會工作計劃", Kind: corpus.KindPlan, Relevant: true, Year: 2023,
			Org: org, OrgType: corpus.OrgMiddle, Text: text,
			Sections: []corpus.Section{{ID: id + "/s1", Depth: 1, Heading: heading, Tag: corpus.TagWork,
				Topics: []string{"culture-sports"}, Start: len(org + "工會工作計劃\n"), End: len(text)}}}
	}
	trad := mk("t-1", "星沙實驗中學", "一、組織教職工趣味運動會")
	trad.Script = corpus.Traditional
	peer := mk("p-1", "麓山中学", "一、组织教职工趣味运动会")
	peer.Script = corpus.Simplified

	tests := []struct {
		name     string
		docs     []corpus.Document
		org      string
		simplify func(string) string
		want     string
		merged   bool // the base's item and the peer's are recognised as one
	}{
		{"simplified name, traditional document with its simplified view", []corpus.Document{withSimplified(trad, simplify), peer}, "星沙实验中学", nil, "t-1", true},
		{"simplified name, converter", []corpus.Document{trad, peer}, "星沙实验中学", simplify, "t-1", true},
		{"traditional name, converter", []corpus.Document{trad, peer}, "星沙實驗中學", simplify, "t-1", true},
		{"traditional name as written", []corpus.Document{trad, peer}, "星沙實驗中學", nil, "t-1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, tc.docs, Options{Org: tc.org, Year: 2024, Simplify: tc.simplify})
			got := ""
			if d.Base != nil {
				got = d.Base.DocID
			}
			if got != tc.want {
				t.Errorf("base %q, want %q", got, tc.want)
			}
			if !tc.merged {
				return
			}
			// The base's item and the peer's are the same activity once
			// both are simplified.
			items := d.Sections[2].Sections[0].Items
			if len(items) != 1 || items[0].Peers != 1 || items[0].Text != "继续組織教職工趣味運動會" {
				t.Errorf("items %+v, want the base item backed by the peer", items)
			}
		})
	}
}

// Without a simplified view nor a converter the simplified name matches
// nothing: the user is told, with the nearest name, rather than given a
// draft without a base.
func TestOrgNotFound(t *testing.T) {
	docs := loadCorpus(t)
	tests := []struct {
		org  string
		want []string
	}{
		{"星沙中学", []string{"星沙实验中学"}},
		{"麓山中", []string{"麓山中学"}},
		{"芙蓉小学校", []string{"芙蓉小学"}},
		{"完全无关的名字", nil},
	}
	for _, tc := range tests {
		t.Run(tc.org, func(t *testing.T) {
			_, err := Build(docs, Options{Org: tc.org, Year: 2024})
			var nf *OrgNotFoundError
			if !errors.As(err, &nf) || !errors.Is(err, ErrOrgNotFound) {
				t.Fatalf("Build(%s): %v, want an OrgNotFoundError", tc.org, err)
			}
			if len(nf.Suggestions) == 0 && len(tc.want) > 0 || len(nf.Suggestions) > 0 && (len(tc.want) == 0 || nf.Suggestions[0] != tc.want[0]) {
				t.Errorf("suggestions %q, want %q first", nf.Suggestions, tc.want)
			}
			if len(tc.want) > 0 && !strings.Contains(err.Error(), "您要找的是不是："+tc.want[0]) {
				t.Errorf("message %q", err)
			}
			// Drafting without a base stays possible.
			d := build(t, docs, Options{Org: tc.org, Year: 2024, NoBase: true})
			if d.Base != nil {
				t.Errorf("NoBase drafted from %s", d.Base.DocID)
			}
		})
	}
	trad := corpus.Document{ID: "t-1", Title: "星沙實驗中學工會工作計劃", Kind: corpus.KindPlan, Relevant: true, Year: 2023,
		Org: "星沙實驗中學", OrgType: corpus.OrgMiddle, Script: corpus.Traditional}
	if _, err := Build([]corpus.Document{trad}, Options{Org: "星沙实验中学", Year: 2024}); !errors.Is(err, ErrOrgNotFound) {
		t.Errorf("a simplified name without a converter: %v", err)
	}
}

func withSimplified(d corpus.Document, f func(string) string) corpus.Document {
	d.Simplified = f(d.Text)
	return d
}

func TestWriteMarkdownGolden(t *testing.T) {
	docs := loadCorpus(t)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"base-2024", Options{Org: "星沙实验中学", Year: 2024}},
		{"no-base", Options{Org: "新建实验学校", Year: 2024, OrgType: corpus.OrgMiddle, NoBase: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, d); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+tc.name+".md.golden", buf.Bytes())
			// Every footnote mark has its definition and the other way round.
			md := buf.String()
			defs := regexp.MustCompile(`(?m)^\[\^(\d+)\]:`).FindAllStringSubmatch(md, -1)
			used := map[string]bool{}
			for _, m := range regexp.MustCompile(`\[\^(\d+)\]`).FindAllStringSubmatchIndex(md, -1) {
				if !strings.HasPrefix(md[m[1]:], ":") {
					used[md[m[2]:m[3]]] = true
				}
			}
			if len(used) != len(defs) {
				t.Errorf("%d footnotes used, %d defined", len(used), len(defs))
			}
			for _, m := range defs {
				if !used[m[1]] {
					t.Errorf("footnote %s defined but not used", m[1])
				}
			}
		})
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"开展*读书*活动":   `开展\*读书\*活动`,
		"[链接](x)":    `\[链接\](x)`,
		"- 开头":       `\- 开头`,
		"#话题 <b>":    `\#话题 \<b\>`,
		"两行\n文字":     "两行 文字",
		"a_b`c`|d\\": "a\\_b\\`c\\`\\|d\\\\",
	} {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// A draft is plain data: it survives JSON unchanged, with the contract's
// field names.
func TestDraftJSON(t *testing.T) {
	d := build(t, loadCorpus(t), Options{Org: "星沙实验中学", Year: 2024})
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Draft
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "sections", "calendar", "gaps", "flags", "base"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if months := raw["calendar"].([]any); len(months) != 12 {
		t.Errorf("%d months in JSON", len(months))
	}
}
