package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func build(t *testing.T, docs []corpus.Document, mod func(*Options)) *Report {
	t.Helper()
	o := DefaultOptions()
	o.Words = standInWords
	if mod != nil {
		mod(&o)
	}
	r, err := Build(docs, o)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

func docIDs(r *Report) []string {
	var ids []string
	for _, d := range r.Documents {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestSelection(t *testing.T) {
	docs := loadFixtures(t)
	id := func(p string) string { return fixtureID(t, docs, p) }
	all := []string{id("城南实验小学/2011"), id("城南实验小学/2012年工会工作总结"), id("城南实验小学/2012年工会工作计划"),
		id("東山中學"), id("红星机械厂"), id("范文/学校"), id("青禾幼儿园")}
	tests := []struct {
		name string
		opts func(*Options)
		want []string
	}{
		{"relevant only, sorted by source", nil, all},
		{"with irrelevant", func(o *Options) { o.IncludeIrrelevant = true },
			slices.Insert(slices.Clone(all), 6, id("范文/工作会议讲话"))},
		{"org as written", func(o *Options) { o.Org = "城南实验小学" }, all[:3]},
		{"traditional org found by its simplified name", func(o *Options) { o.Org = "东山中学" }, []string{id("東山中學")}},
		{"traditional org as written", func(o *Options) { o.Org = "東山中學" }, []string{id("東山中學")}},
		{"years drop undated documents", func(o *Options) { o.YearFrom = 2012 }, []string{all[1], all[2], all[3], all[4], all[6]}},
		{"year range", func(o *Options) { o.YearFrom, o.YearTo = 2011, 2012 }, []string{all[0], all[1], all[2], all[3], all[6]}},
		{"kinds", func(o *Options) { o.Kinds = []corpus.Kind{corpus.KindSummary} }, []string{all[1]}},
		{"doc ids keep their order and irrelevant ones",
			func(o *Options) {
				o.DocIDs = []string{id("青禾幼儿园"), id("范文/工作会议讲话"), id("青禾幼儿园")}
			},
			[]string{id("青禾幼儿园"), id("范文/工作会议讲话")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := build(t, docs, tc.opts)
			if diff := cmp.Diff(tc.want, docIDs(r)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	docs := loadFixtures(t)
	tests := []struct {
		name string
		opts Options
		want error
	}{
		{"unknown id", Options{DocIDs: []string{"0000000000-9"}}, ErrUnknownDoc},
		{"nothing selected", Options{Org: "不存在的学校"}, ErrNoDocuments},
		{"bad grouping", Options{By: "school"}, ErrBadGrouping},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(docs, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Build error = %v, want %v", err, tc.want)
			}
		})
	}
}

// cellOf returns the cell of a row for a topic.
func cellOf(t *testing.T, c Coverage, rowKey, topic string) CoverageCell {
	t.Helper()
	col := slices.IndexFunc(c.Topics, func(x TopicRef) bool { return x.ID == topic })
	for _, r := range c.Rows {
		if r.Key == rowKey {
			return r.Cells[col]
		}
	}
	t.Fatalf("no row %q", rowKey)
	return CoverageCell{}
}

func TestCoverage(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, nil)
	id := func(p string) string { return fixtureID(t, docs, p) }
	tests := []struct {
		doc, topic string
		present    bool
		weighted   bool // a section carries the topic
		sections   []string
	}{
		{id("城南实验小学/2011"), "disclosure", true, true, []string{"（一）加强民主管理，推进校务公开"}},
		{id("城南实验小学/2011"), "family-planning", true, true, []string{"（五）做好计划生育工作"}},
		{id("城南实验小学/2011"), "staff-home", false, false, nil},
		{id("城南实验小学/2011"), "self-building", true, false, nil}, // only calendar and targets
		{id("城南实验小学/2012年工会工作计划"), "staff-home", true, true, []string{"（五）建设模范教工之家"}},
		{id("東山中學"), "hardship-aid", true, true, []string{"（一）做好送溫暖工作"}},
		{id("東山中學"), "women", true, false, nil},
		{id("红星机械厂"), "safety", true, true, []string{"二、抓好安全生产"}},
		{id("青禾幼儿园"), "disclosure", true, true, []string{"（一）坚持园务公开"}},
	}
	for _, tc := range tests {
		t.Run(tc.doc+"/"+tc.topic, func(t *testing.T) {
			c := cellOf(t, r.Coverage, tc.doc, tc.topic)
			if c.Present != tc.present || (c.Weight > 0) != tc.weighted {
				t.Errorf("cell = present %v weight %v, want present %v weighted %v", c.Present, c.Weight, tc.present, tc.weighted)
			}
			var hs []string
			for _, s := range c.Sections {
				hs = append(hs, s.Heading)
				if s.Doc != tc.doc {
					t.Errorf("section %s points to document %s", s.Section, s.Doc)
				}
			}
			if diff := cmp.Diff(tc.sections, hs); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
		})
	}
	// Weights of a document are shares of its text.
	for _, row := range r.Coverage.Rows {
		sum := 0.0
		for _, c := range row.Cells {
			if c.Weight < 0 || c.Weight > 1 {
				t.Errorf("%s: weight %v out of range", row.Key, c.Weight)
			}
			sum += c.Weight
		}
		if sum > 1.01 {
			t.Errorf("%s: weights sum to %v", row.Key, sum)
		}
	}
	// The off-topic speech, with topic safety, is not in the matrix: safety
	// comes from the factory alone.
	for i, tt := range r.Coverage.Totals {
		if tt.Topic == "safety" && (tt.Docs != 1 || r.Coverage.Topics[i].Name != "安全") {
			t.Errorf("safety total = %+v, want 1 document", tt)
		}
		if tt.Topic == "disclosure" && tt.Docs != 5 {
			t.Errorf("disclosure total = %d documents, want 5", tt.Docs)
		}
	}
}

func TestCoverageGroups(t *testing.T) {
	docs := loadFixtures(t)
	tests := []struct {
		by         string
		wantKeys   []string
		key, topic string
		wantDocs   int
	}{
		{ByOrg, []string{"东山中学", "城南实验小学", "红星机械厂", "青禾幼儿园", ""}, "城南实验小学", "disclosure", 3},
		{ByYear, []string{"2011", "2012", "2013", ""}, "2012", "women", 3},
	}
	for _, tc := range tests {
		t.Run(tc.by, func(t *testing.T) {
			r := build(t, docs, func(o *Options) { o.By = tc.by })
			var keys []string
			for _, row := range r.Coverage.Rows {
				keys = append(keys, row.Key)
			}
			// Orgs sort by name as written: compare as sets but check the
			// unknown group is last.
			if diff := cmp.Diff(slices.Sorted(slices.Values(tc.wantKeys)), slices.Sorted(slices.Values(keys))); diff != "" {
				t.Errorf("row keys (-want +got):\n%s", diff)
			}
			if keys[len(keys)-1] != "" {
				t.Errorf("the unknown group is not last: %q", keys)
			}
			if c := cellOf(t, r.Coverage, tc.key, tc.topic); c.Docs != tc.wantDocs {
				t.Errorf("cell %s/%s = %d documents, want %d", tc.key, tc.topic, c.Docs, tc.wantDocs)
			}
			if len(r.Terms.Groups) != len(keys) {
				t.Errorf("%d term groups for %d rows", len(r.Terms.Groups), len(keys))
			}
		})
	}
}

// A school that writes in both scripts is one organisation: one row, and
// counted once in the scope.
func TestOrgInBothScriptsCountsOnce(t *testing.T) {
	docs := loadFixtures(t)
	var trad corpus.Document
	for _, d := range docs {
		if strings.HasPrefix(d.Source, "東山中學") {
			trad = d
		}
	}
	simp := trad
	simp.ID, simp.Source, simp.Text, simp.Org, simp.Script = "simp-1", "东山中学/2014.txt", trad.Simplified, "东山中学", corpus.Simplified
	simp.Year = trad.Year + 1
	docs = append(docs, simp)
	r := build(t, docs, func(o *Options) { o.By = ByOrg })
	orgRows := 0
	for _, row := range r.Coverage.Rows {
		if row.Key != "" {
			orgRows++
		}
	}
	if r.Scope.Orgs != orgRows || orgRows != 4 {
		t.Errorf("scope counts %d organisations, %d org rows; want 4 and 4", r.Scope.Orgs, orgRows)
	}
}

func topActivities(h Heatmap, month int) map[string]int {
	out := map[string]int{}
	for _, m := range h.Months {
		if m.Month == month {
			for _, a := range m.Top {
				out[a.Label] = a.Count
			}
		}
	}
	return out
}

func TestHeatmap(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, nil)
	h := r.Calendar
	if h.Plans != 5 {
		t.Fatalf("plans with a calendar = %d, want 5", h.Plans)
	}
	tests := []struct {
		month int
		label string
		count int
	}{
		{3, "三八活动", 5},
		{9, "教师节活动", 5},
		{3, "教代会", 2},
		{5, "运动会", 1},
		{10, "重阳活动", 1},
	}
	for _, tc := range tests {
		if got := topActivities(h, tc.month)[tc.label]; got != tc.count {
			t.Errorf("%d月 %s = %d plans, want %d", tc.month, tc.label, got, tc.count)
		}
	}
	// The most common activity of March is 三八.
	for _, m := range h.Months {
		if m.Month == 3 && m.Top[0].Label != "三八活动" {
			t.Errorf("top activity of March = %q", m.Top[0].Label)
		}
	}
	counts := map[string][]int{}
	for _, row := range h.Rows {
		counts[row.Topic] = row.Counts
	}
	if got := counts["women"][2]; got != 5 {
		t.Errorf("women in March = %d, want 5", got)
	}
	if diff := cmp.Diff([]int{0, 2, 5, 1, 1, 1, 0, 0, 5, 1, 1, 3}, h.MonthDocs); diff != "" {
		t.Errorf("documents per month (-want +got):\n%s", diff)
	}
}

func TestTargets(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, nil)
	type group struct {
		Topic, Metric, Unit string
		Min, Median, Max    float64
		Values              []float64
	}
	var got []group
	for _, g := range r.Targets {
		x := group{g.Topic, g.Metric, g.Unit, g.Min, g.Median, g.Max, nil}
		for _, v := range g.Values {
			x.Values = append(x.Values, v.Value)
		}
		got = append(got, x)
	}
	want := []group{
		{"culture-sports", "参与率", "%", 85, 87.5, 90, []float64{90, 85}},
		{"welfare", "体检率", "%", 100, 100, 100, []float64{100}}, // traditional metric, simplified
		{"skills", "持证上岗率", "%", 100, 100, 100, []float64{100}},
		{"skills", "覆盖面", "%", 100, 100, 100, []float64{100}},
		{"self-building", "满意率", "%", 90, 95, 95, []float64{95, 95, 90}},
		{"rights-law", "满意率", "%", 92, 92, 92, []float64{92}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("target groups (-want +got):\n%s", diff)
	}
}

func TestTerms(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, nil)
	words := map[string][]string{}
	for _, g := range r.Terms.Groups {
		for _, x := range g.Terms {
			words[g.Key] = append(words[g.Key], x.Word)
			if x.LL < minLL || x.Count < minTermCount || float64(x.Count) <= x.Expected {
				t.Errorf("%s: term %+v should not be distinctive", g.Key, x)
			}
		}
	}
	tests := []struct {
		doc  string
		want []string
	}{
		{fixtureID(t, docs, "红星机械厂"), []string{"劳动竞赛", "安全生产", "班组"}},
		{fixtureID(t, docs, "青禾幼儿园"), []string{"保育员", "幼儿园"}},
		{fixtureID(t, docs, "東山中學"), []string{"篮球"}}, // counted on the simplified view
	}
	for _, tc := range tests {
		for _, w := range tc.want {
			if !slices.Contains(words[tc.doc], w) {
				t.Errorf("%s: %q not among distinctive terms %q", tc.doc, w, words[tc.doc])
			}
		}
	}

	t.Run("no segmenter", func(t *testing.T) {
		r := build(t, docs, func(o *Options) { o.Words = nil })
		if len(r.Terms.Groups) != 0 || !slices.Contains(r.Notes, "未提供分词函数，未计算特色词。") {
			t.Errorf("terms = %+v, notes = %q", r.Terms, r.Notes)
		}
	})
	t.Run("one group", func(t *testing.T) {
		r := build(t, docs, func(o *Options) { o.By = ByOrg; o.Org = "城南实验小学" })
		if len(r.Terms.Groups) != 0 || len(r.Notes) != 1 {
			t.Errorf("terms = %+v, notes = %q", r.Terms, r.Notes)
		}
	})
}

func TestCopies(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, nil)
	checkOffsets(t, docs, r)
	id := func(p string) string { return fixtureID(t, docs, p) }
	type pair struct{ A, B string }
	got := map[pair]int{}
	for _, p := range r.Copies.Pairs {
		got[pair{p.A, p.B}] = p.Sentences
	}
	want := map[pair]int{
		// The traditional school plan copies two paragraphs of the 范文.
		{id("東山中學"), id("范文/学校")}: 3,
		// The 2012 plan keeps much of 2011.
		{id("城南实验小学/2011"), id("城南实验小学/2012年工会工作计划")}: 5,
		// The kindergarten copies the 范文's 校务公开 paragraph.
		{id("范文/学校"), id("青禾幼儿园")}: 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pairs → shared sentences (-want +got):\n%s", diff)
	}
	shares := map[string]float64{}
	for _, d := range r.Copies.Documents {
		shares[d.Doc] = d.Share
		if d.SharedChars > d.Chars {
			t.Errorf("%s: shared %d of %d chars", d.Doc, d.SharedChars, d.Chars)
		}
	}
	if s := shares[id("红星机械厂")]; s != 0 {
		t.Errorf("the factory shares %v of its text, want 0", s)
	}
	if s := shares[id("東山中學")]; s < 0.3 || s > 0.6 {
		t.Errorf("东山中学 shares %v of its text, want about 0.43", s)
	}
	// The traditional copy is listed with its own text.
	var trad bool
	for _, p := range r.Copies.Passages {
		if strings.Contains(p.Text, "溫暖送到教職工的心坎上") && p.DocCount == 2 {
			trad = true
		}
	}
	if !trad {
		t.Errorf("no passage shows the traditional copy of the 送温暖 paragraph")
	}
}

func TestChanges(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, func(o *Options) { o.Org = "城南实验小学" })
	if len(r.Changes) != 1 {
		t.Fatalf("%d changes, want one (the two plans; the summary has no predecessor)", len(r.Changes))
	}
	c := r.Changes[0]
	if c.From != fixtureID(t, docs, "城南实验小学/2011") || c.To != fixtureID(t, docs, "城南实验小学/2012年工会工作计划") {
		t.Errorf("change %s → %s", c.From, c.To)
	}
	type row struct{ Status, From, To string }
	var got []row
	for _, s := range c.Sections {
		x := row{Status: s.Status}
		if s.From != nil {
			x.From = s.From.Heading
		}
		if s.To != nil {
			x.To = s.To.Heading
		}
		got = append(got, x)
	}
	want := []row{
		{"unchanged", "一、指导思想", "一、指导思想"},
		{"changed", "二、工作目标", "二、工作目标"},
		{"unchanged", "三、主要工作", "三、主要工作"},
		// Same slot and work areas, but rewritten through and through
		// (similarity under PairSimilarity): not paired.
		{"new", "", "（一）深化校务公开，保障教职工知情权"},
		{"unchanged", "（二）加强师德建设", "（二）加强师德建设"},
		{"changed", "（三）丰富文体活动", "（三）丰富文体活动"},
		{"unchanged", "（四）关心教职工生活", "（四）关心教职工生活"},
		{"new", "", "（五）建设模范教工之家"},
		{"changed", "四、工会工作行事历", "四、工会工作行事历"},
		{"dropped", "（一）加强民主管理，推进校务公开", ""},
		{"dropped", "（五）做好计划生育工作", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ChangeCounts{New: 2, Changed: 3, Unchanged: 4, Dropped: 2}, c.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"staff-home"}, c.TopicsAdded); diff != "" {
		t.Errorf("topics added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"family-planning"}, c.TopicsDropped); diff != "" {
		t.Errorf("topics dropped (-want +got):\n%s", diff)
	}
	cal := map[int]MonthChange{}
	for _, m := range c.Calendar {
		cal[m.Month] = m
	}
	if diff := cmp.Diff([]string{"登山踏青"}, cal[4].Dropped); diff != "" {
		t.Errorf("April dropped (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"运动会"}, cal[5].Added); diff != "" {
		t.Errorf("May added (-want +got):\n%s", diff)
	}
	if len(cal[3].Added)+len(cal[3].Dropped) != 0 {
		t.Errorf("March changed: %+v", cal[3])
	}
	var targets []string
	for _, tc := range c.Targets {
		targets = append(targets, targetChangeText(tc))
	}
	if diff := cmp.Diff([]string{"满意率 90% → 95%", "参与率 85% → 90%"}, targets); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}

	// Every pair without the same heading is at least PairSimilarity alike.
	for _, s := range c.Sections {
		if s.From != nil && s.To != nil && s.From.Heading != s.To.Heading && s.Similarity < PairSimilarity {
			t.Errorf("%q and %q paired at %.2f", s.From.Heading, s.To.Heading, s.Similarity)
		}
	}
	if c.PairThreshold != PairSimilarity {
		t.Errorf("pair threshold %v not reported", c.PairThreshold)
	}

	t.Run("doc ids in the given order", func(t *testing.T) {
		a, b := fixtureID(t, docs, "青禾幼儿园"), fixtureID(t, docs, "范文/学校")
		r := build(t, docs, func(o *Options) { o.DocIDs = []string{a, b} })
		if len(r.Changes) != 1 || r.Changes[0].From != a || r.Changes[0].To != b {
			t.Fatalf("changes = %+v", r.Changes)
		}
		// 一、指导思想 pairs by heading although the texts differ.
		first := r.Changes[0].Sections[0]
		if first.Status != StatusChanged || first.From == nil || first.From.Heading != "一、指导思想" {
			t.Errorf("first section change = %+v", first)
		}
	})
	t.Run("no selection, no changes", func(t *testing.T) {
		if r := build(t, docs, nil); len(r.Changes) != 0 {
			t.Errorf("changes without --org or --docs: %d", len(r.Changes))
		}
	})
}

// The report does not depend on the order of its input.
func TestDeterministic(t *testing.T) {
	docs := loadFixtures(t)
	var want bytes.Buffer
	if err := WriteJSON(&want, build(t, docs, nil)); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		shuffled := slices.Clone(docs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		var got bytes.Buffer
		if err := WriteJSON(&got, build(t, shuffled, func(o *Options) { o.Workers = 1 + i%3 })); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Fatalf("shuffle %d changes the report:\n%s", i, diff)
		}
	}
}

func TestBuildCancelled(t *testing.T) {
	docs := loadFixtures(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := DefaultOptions()
	o.Words = standInWords
	if _, err := BuildContext(ctx, docs, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("BuildContext with a cancelled context: %v", err)
	}
}

// A metric with the same value in both years is not listed as a change;
// it is counted, and the line says so.
func TestChangesLeaveOutUnchangedTargets(t *testing.T) {
	docs := loadFixtures(t)
	a := *findFixture(t, docs, fixtureID(t, docs, "城南实验小学/2011"))
	if len(a.Targets) < 2 {
		t.Fatalf("the fixture needs two targets, has %d", len(a.Targets))
	}
	b := a
	b.ID, b.Year = "next-year", a.Year+1
	b.Targets = slices.Clone(a.Targets)
	b.Targets[0].Value++
	r := build(t, []corpus.Document{a, b}, func(o *Options) { o.DocIDs = []string{a.ID, b.ID} })
	c := r.Changes[0]
	if len(c.Targets) != 1 || c.Targets[0].Metric != a.Targets[0].Metric || c.TargetsUnchanged != len(a.Targets)-1 {
		t.Errorf("targets %+v, %d unchanged; want only %s, %d unchanged", c.Targets, c.TargetsUnchanged, a.Targets[0].Metric, len(a.Targets)-1)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("（另有 %d 项未变）", len(a.Targets)-1); !strings.Contains(md.String(), want) {
		t.Errorf("markdown lacks %q", want)
	}
	if !strings.Contains(md.String(), "内容相似度不低于 30%") {
		t.Errorf("markdown does not show the pairing threshold")
	}
}

func findFixture(t *testing.T, docs []corpus.Document, id string) *corpus.Document {
	t.Helper()
	for i := range docs {
		if docs[i].ID == id {
			return &docs[i]
		}
	}
	t.Fatalf("no document %s", id)
	return nil
}
