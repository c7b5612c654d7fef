package draft

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"plans/corpus"
	"plans/index"
	"plans/internal/fixture"
	"plans/internal/golden"
	"plans/internal/txtar"
	"plans/pipeline"
	"plans/review"
	"plans/script"
	gseg "plans/segment"
)

// reviewCorpus imports the plans and summaries written for the review
// tests (../review/testdata/corpus.txtar) through the import pipeline.
func reviewCorpus(t *testing.T) []corpus.Document {
	t.Helper()
	p, err := pipeline.New(pipeline.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Read(t, filepath.Join("..", "review", "testdata", "corpus.txtar"))
	var names []string
	for n := range a.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	var docs []corpus.Document
	for _, n := range names {
		data := []byte(a.Files[n] + "\n")
		name := n
		if base, ok := strings.CutSuffix(n, "@big5"); ok {
			name, data = base, fixture.Encode(string(data), "big5")
		}
		out, err := p.Process(context.Background(), pipeline.Input{Key: "/fixtures/" + name, Source: name, Data: data})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, out.Docs...)
	}
	return docs
}

func reviewDraftOptions(t *testing.T, org string, year int) Options {
	t.Helper()
	seg, err := gseg.Default()
	if err != nil {
		t.Fatal(err)
	}
	th, err := index.ParseThesaurus(index.DefaultThesaurus())
	if err != nil {
		t.Fatal(err)
	}
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	o.Org, o.Year, o.Simplify = org, year, conv.Simplify
	o.ReviewLanguage = func() (review.Options, error) { return review.LanguageOptions(seg, th.Expand, conv.Simplify), nil }
	return o
}

func docTitled(t *testing.T, docs []corpus.Document, title string) *corpus.Document {
	t.Helper()
	for i := range docs {
		if docs[i].Title == title {
			return &docs[i]
		}
	}
	t.Fatalf("no document %q", title)
	return nil
}

func subsection(t *testing.T, d *Draft, heading string) Section {
	t.Helper()
	for _, s := range d.Sections {
		for _, sub := range s.Sections {
			if sub.Heading == heading {
				return sub
			}
		}
	}
	t.Fatalf("no sub-section %q in the draft", heading)
	return Section{}
}

// TestDraftCarriesOverLastYear drafts 青松路小学's 2025 plan: the review of
// 2024 carries over what the summary did not report (marked 【上年未完成】,
// citing the plan), the summary's next steps become suggestions (citing the
// summary), and last year's targets come with the values reported.
func TestDraftCarriesOverLastYear(t *testing.T) {
	docs := reviewCorpus(t)
	plan := docTitled(t, docs, "青松路小学2024年工会工作计划")
	summary := docTitled(t, docs, "青松路小学2024年工会工作总结")
	d, err := Build(docs, reviewDraftOptions(t, "青松路小学", 2025))
	if err != nil {
		t.Fatal(err)
	}
	if d.Review == nil || d.Review.Plan.DocID != plan.ID || d.Review.Summary.DocID != summary.ID || d.Review.Year != 2024 {
		t.Fatalf("review source %+v, want the 2024 plan %s and summary %s", d.Review, plan.ID, summary.ID)
	}

	carried := subsection(t, d, "上年计划中总结未报告完成的事项")
	var texts []string
	for _, it := range carried.Items {
		texts = append(texts, it.Text)
		if !strings.HasPrefix(it.Text, CarriedOver) || it.From != FromCarryOver {
			t.Errorf("carried item %q (from %s): want the %s mark", it.Text, it.From, CarriedOver)
		}
		c := it.Citations[0]
		s, ok := plan.Section(c.SectionID)
		if c.DocID != plan.ID || !ok {
			t.Errorf("carried item %q cites %s %s, not a section of the 2024 plan", it.Text, c.DocID, c.SectionID)
			continue
		}
		if !strings.Contains(s.Heading+s.Text, it.Quote) {
			t.Errorf("carried item %q: quote %q is not in the cited section %q", it.Text, it.Quote, s.Heading)
		}
	}
	for _, want := range []string{"开展民主评议（上年总结未提及", "开展师德主题教育（上年总结只部分提及", "3月：“三八”妇女节女教职工活动（行事历，上年总结未提及）"} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("no carried item with %q among %q", want, texts)
		}
	}
	for _, done := range []string{"开好教职工代表大会", "举办教职工趣味运动会"} {
		if slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, done) }) {
			t.Errorf("%q was reported done but is carried over: %q", done, texts)
		}
	}

	steps := subsection(t, d, "上年总结提出的今后打算（建议纳入）")
	var stepTexts []string
	for _, it := range steps.Items {
		stepTexts = append(stepTexts, it.Text)
		c := it.Citations[0]
		s, ok := summary.Section(c.SectionID)
		if c.DocID != summary.ID || !ok || s.Tag != corpus.TagNextSteps {
			t.Errorf("next step %q cites %s %s, not a next-steps section of the summary", it.Text, c.DocID, c.SectionID)
		}
	}
	if want := []string{"继续开展民主评议，完善评议办法。", "扩建职工之家活动室。", "邀请医生为教职工开设健康讲座。"}; !slices.Equal(stepTexts, want) {
		t.Errorf("next steps %q, want %q", stepTexts, want)
	}

	targets := subsection(t, d, "上年指标完成情况（供确定今年指标）")
	found := false
	for _, it := range targets.Items {
		if strings.Contains(it.Text, "体检率达到100%") {
			found = true
			if !strings.HasPrefix(it.Text, CarriedOver) || !strings.Contains(it.Text, "体检率为98%，未达到") {
				t.Errorf("体检率 target %q: want it marked and the reported 98%% with 未达到", it.Text)
			}
			if len(it.Citations) != 2 || it.Citations[0].DocID != plan.ID || it.Citations[1].DocID != summary.ID {
				t.Errorf("体检率 target cites %+v, want the plan then the summary", it.Citations)
			}
		}
		if strings.Contains(it.Text, "满意率达到90%以上") && (strings.HasPrefix(it.Text, CarriedOver) || !strings.Contains(it.Text, "已达到")) {
			t.Errorf("满意率 target %q: it was met", it.Text)
		}
	}
	if !found {
		t.Errorf("no 体检率 target among %+v", targets.Items)
	}

	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, d); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/carryover-2025.md.golden", buf.Bytes())
}

// TestDraftWithoutSummary: without last year's summary the draft says so
// and carries nothing over.
func TestDraftWithoutSummary(t *testing.T) {
	docs := reviewCorpus(t)
	d, err := Build(docs, reviewDraftOptions(t, "云杉路小学", 2025))
	if err != nil {
		t.Fatal(err)
	}
	if d.Review != nil {
		t.Errorf("review source %+v without a summary", d.Review)
	}
	if !slices.ContainsFunc(d.Notes, func(n string) bool { return strings.Contains(n, "没有找到2024年的工作总结") }) {
		t.Errorf("notes %q do not say the 2024 summary is missing", d.Notes)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), CarriedOver) {
		t.Errorf("a draft without last year's summary carries items over:\n%s", buf.String())
	}
}
