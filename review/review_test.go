package review

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/internal/golden"
)

// build reviews org's year in the fixture corpus.
func build(t *testing.T, docs []corpus.Document, org string, year int) *Review {
	t.Helper()
	o := testOptions(t)
	o.Org, o.Year = org, year
	r, err := Build(context.Background(), docs, o)
	if err != nil {
		t.Fatalf("%s %d: %v", org, year, err)
	}
	return r
}

// item finds the item whose heading (or text) contains s.
func item(t *testing.T, r *Review, s string) Item {
	t.Helper()
	for _, it := range r.Items {
		if it.Heading == s {
			return it
		}
	}
	for _, it := range r.Items {
		if strings.Contains(it.Heading, s) || strings.Contains(it.Text, s) {
			return it
		}
	}
	t.Fatalf("no item %q in the review of %s", s, r.Plan.Title)
	return Item{}
}

func target(t *testing.T, r *Review, s string) TargetCheck {
	t.Helper()
	for _, tc := range r.Targets {
		if strings.Contains(tc.Text, s) {
			return tc
		}
	}
	t.Fatalf("no target %q in the review of %s", s, r.Plan.Title)
	return TargetCheck{}
}

func TestItemStatuses(t *testing.T) {
	docs := fixtureCorpus(t)
	tests := []struct {
		org    string
		year   int
		item   string
		status Status
		// evidence is a piece of the summary passage that must be cited
		// ("" for none).
		evidence string
	}{
		// reported in other words: 教代会 ↔ 教职工代表大会
		{"青松路小学", 2024, "开好教职工代表大会", Done, "第三届教职工代表大会第二次会议"},
		// 送温暖 ↔ 慰问 (thesaurus)
		{"青松路小学", 2024, "开展送温暖活动", Done, "慰问困难教职工和退休教师"},
		// 青蓝工程 ↔ 师徒结对 (thesaurus)
		{"青松路小学", 2024, "实施青蓝工程", Done, "师徒结对后"},
		{"青松路小学", 2024, "创建市级", Done, "模范职工之家"},
		// the summary says nothing of it
		{"青松路小学", 2024, "开展民主评议", NotFound, ""},
		// only the speech contest of the ethics item is reported
		{"青松路小学", 2024, "开展师德主题教育", Partly, "演讲比赛"},
		// a calendar month with one of its two activities reported
		{"青松路小学", 2024, "3月", Partly, "3月12日"},
		{"青松路小学", 2024, "11月", Done, "11月组织教职工到区人民医院体检"},
		// traditional documents, matched on their simplified view:
		// 療休養 ↔ 療養
		{"海棠幼儿园", 2023, "暑期組織教職工療休養", Done, "赴海南療養"},
		{"海棠幼兒園", 2023, "公示伙食費收支", Done, "伙食費收支情況"},
		{"海棠幼儿园", 2023, "3月", NotFound, ""},
		{"碧溪中学", 2023, "召开教代会", Done, "第五届教职工代表大会"},
		// a simplified plan against a traditional summary
		{"梧桐小学", 2022, "召开第四届教代会", Done, "第四屆教職工代表大會"},
		{"梧桐小学", 2022, "读书活动", Done, "書香校園"},
		{"梧桐小学", 2022, "慰问困难教职工", Done, "走訪慰問困難教職工"},
		{"梧桐小学", 2022, "妇科检查", NotFound, ""},
		{"碧溪中学", 2023, "关心退休教师", NotFound, ""},
	}
	reviews := map[string]*Review{}
	for _, tt := range tests {
		t.Run(tt.org+"/"+tt.item, func(t *testing.T) {
			key := tt.org + string(rune(tt.year))
			r := reviews[key]
			if r == nil {
				r = build(t, docs, tt.org, tt.year)
				reviews[key] = r
			}
			it := item(t, r, tt.item)
			if it.Status != tt.status {
				t.Errorf("status %s (score %.2f, found %v, missing %v), want %s", it.Status, it.Score, it.Found, it.Missing, tt.status)
			}
			switch {
			case tt.status == NotFound && len(it.Evidence) > 0:
				t.Errorf("a not-found item has evidence: %+v", it.Evidence)
			case tt.evidence != "":
				found := false
				for _, e := range it.Evidence {
					found = found || strings.Contains(e.Text, tt.evidence)
					if e.DocID != r.Summary.DocID || e.SectionID == "" || e.Score < EvidenceScore {
						t.Errorf("evidence %+v: want the summary's section and a score ≥ %v", e, EvidenceScore)
					}
				}
				if !found {
					t.Errorf("no evidence with %q: %+v", tt.evidence, it.Evidence)
				}
			}
			if it.Kind == "calendar" {
				// an entry is done when each of its activities is
				all := len(it.Parts) > 0
				for _, p := range it.Parts {
					all = all && p.Status == Done
				}
				if (it.Status == Done) != all {
					t.Errorf("status %s with parts %+v", it.Status, it.Parts)
				}
			} else if (it.Status == Done) != (it.Score >= DoneScore) {
				t.Errorf("status %s with score %.2f", it.Status, it.Score)
			}
		})
	}
}

func TestTargets(t *testing.T) {
	docs := fixtureCorpus(t)
	yes, no := true, false
	tests := []struct {
		org      string
		year     int
		target   string
		met      *bool
		reported string // the figure's text in the summary, "" for none
		value    float64
	}{
		{"青松路小学", 2024, "体检率达到100%", &no, "体检率为98%", 98},
		{"青松路小学", 2024, "文体活动不少于8次", &yes, "全年组织文体活动10次", 10},
		{"青松路小学", 2024, "满意率达到90%以上", &yes, "满意率为93%", 93},
		{"青松路小学", 2024, "校务公开每学期不少于3次", &yes, "全年进行校务公开7次", 7},
		{"海棠幼兒園", 2023, "培訓不少於6次", &no, "全年組織園本培訓4次", 4},
		{"梧桐小学", 2022, "参与率达到95%以上", &yes, "教職工參與率為96%", 96},
		// no figure in the summary: not a guess
		{"海棠幼兒園", 2023, "入會率達到100%", nil, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			tc := target(t, build(t, docs, tt.org, tt.year), tt.target)
			if diff := cmp.Diff(tt.met, tc.Met); diff != "" {
				t.Errorf("met (-want +got):\n%s\nreported %+v", diff, tc.Reported)
			}
			if tt.reported == "" {
				if tc.Reported != nil {
					t.Errorf("reported %+v, want none", tc.Reported)
				}
				return
			}
			if tc.Reported == nil || !strings.Contains(tc.Reported.Text, tt.reported) || tc.Reported.Value != tt.value {
				t.Errorf("reported %+v, want %q (%v)", tc.Reported, tt.reported, tt.value)
			}
		})
	}
}

func TestUnplannedProblemsNextSteps(t *testing.T) {
	docs := fixtureCorpus(t)
	r := build(t, docs, "青松路小学", 2024)
	var unplanned []string
	for _, p := range r.Unplanned {
		unplanned = append(unplanned, p.Text)
		if p.Score >= UnplannedScore {
			t.Errorf("unplanned %q with score %.2f", p.Text, p.Score)
		}
	}
	want := []string{"暑假期间组织15名骨干教师赴黄山疗休养。", "学校新建了母婴室，为哺乳期女教师提供方便。"}
	if diff := cmp.Diff(want, unplanned); diff != "" {
		t.Errorf("unplanned (-want +got):\n%s", diff)
	}
	// A sentence of general words (全体教职工团结协作，各项工作有条不紊) is
	// neither evidence nor unplanned work.
	for _, it := range r.Items {
		for _, e := range it.Evidence {
			if strings.Contains(e.Text, "有条不紊") {
				t.Errorf("item %q has a general sentence as evidence: %q", it.Heading, e.Text)
			}
		}
	}
	if diff := cmp.Diff([]string{"部分青年教师参与工会活动的积极性不高。", "职工之家活动场地偏小，器材不够用。"}, r.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"继续开展民主评议，完善评议办法。", "扩建职工之家活动室。", "邀请医生为教职工开设健康讲座。"}, r.NextSteps); diff != "" {
		t.Errorf("next steps (-want +got):\n%s", diff)
	}
	for _, p := range r.NextStepPassages {
		if s, ok := findSection(docs, r.Summary.DocID, p.SectionID); !ok || s.Tag != corpus.TagNextSteps {
			t.Errorf("next step %q cites %q, not a next-steps section of the summary", p.Text, p.SectionID)
		}
	}
}

func findSection(docs []corpus.Document, docID, secID string) (*corpus.Section, bool) {
	for i := range docs {
		if docs[i].ID == docID {
			return docs[i].Section(secID)
		}
	}
	return nil, false
}

func TestPairs(t *testing.T) {
	docs := fixtureCorpus(t)
	id := func(title string) string {
		for _, d := range docs {
			if d.Title == title {
				return d.ID
			}
		}
		t.Fatalf("no document %q", title)
		return ""
	}
	tests := []struct {
		name              string
		opts              Options
		plan, summary     string
		rule              string
		err               error
		noteHas, errorHas string
	}{
		{name: "same year", opts: Options{Org: "青松路小学", Year: 2024},
			plan: "青松路小学2024年工会工作计划", summary: "青松路小学2024年工会工作总结", rule: PairSameYear},
		{name: "traditional org typed in simplified", opts: Options{Org: "海棠幼儿园", Year: 2023},
			plan: "海棠幼兒園2023年工會工作計劃", summary: "海棠幼兒園2023年工會工作總結", rule: PairSameYear},
		{name: "simplified plan, traditional summary", opts: Options{Org: "梧桐小學", Year: 2022},
			plan: "梧桐小学2022年工会工作计划", summary: "梧桐小學2022年工會工作總結", rule: PairSameYear},
		{name: "school-year summary closes the plan of the year before", opts: Options{Org: "碧溪中学", Year: 2024},
			plan: "碧溪中学2023年工会工作计划", summary: "碧溪中学2023—2024学年工会工作总结", rule: PairSchoolYear, noteHas: "没有2024年的计划"},
		{name: "school-year summary of the plan's year", opts: Options{Org: "碧溪中学", Year: 2023},
			plan: "碧溪中学2023年工会工作计划", summary: "碧溪中学2023—2024学年工会工作总结", rule: PairSameYear, noteHas: "2023—2024学年"},
		{name: "by hand", opts: Options{PlanID: id("碧溪中学2023年工会工作计划"), SummaryID: id("青松路小学2024年工会工作总结")},
			plan: "碧溪中学2023年工会工作计划", summary: "青松路小学2024年工会工作总结", rule: PairByHand},
		{name: "plan by hand, summary found", opts: Options{PlanID: id("青松路小学2024年工会工作计划")},
			plan: "青松路小学2024年工会工作计划", summary: "青松路小学2024年工会工作总结", rule: PairSameYear},
		{name: "no summary", opts: Options{Org: "云杉路小学", Year: 2024}, err: ErrNoSummary, errorHas: "云杉路小学2024年工会工作计划"},
		{name: "no plan", opts: Options{Org: "青松路小学", Year: 2022}, err: ErrNoPlan, errorHas: "“青松路小学”2022年"},
		{name: "unknown org", opts: Options{Org: "不存在小学", Year: 2024}, err: ErrNoPlan},
		{name: "a summary given as the plan", opts: Options{PlanID: id("青松路小学2024年工会工作总结"), SummaryID: id("青松路小学2024年工会工作总结")}, err: ErrNotPlan},
		{name: "unknown id", opts: Options{PlanID: "ffffffffff-9"}, err: ErrUnknownDoc},
		{name: "nothing chosen", opts: Options{Org: "青松路小学"}, err: ErrNoSelection},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions(t)
			o.Org, o.Year, o.PlanID, o.SummaryID = tt.opts.Org, tt.opts.Year, tt.opts.PlanID, tt.opts.SummaryID
			plan, summary, pair, err := FindPair(docs, o)
			if tt.err != nil {
				if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.errorHas) {
					t.Fatalf("error %v, want %v containing %q", err, tt.err, tt.errorHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if plan.Title != tt.plan || summary.Title != tt.summary || pair.Rule != tt.rule {
				t.Errorf("paired %q with %q by %s, want %q with %q by %s", plan.Title, summary.Title, pair.Rule, tt.plan, tt.summary, tt.rule)
			}
			if !strings.Contains(pair.Note, tt.noteHas) || pair.Note == "" {
				t.Errorf("note %q, want it to say %q", pair.Note, tt.noteHas)
			}
		})
	}
}

// TestGolden renders the reviews of the fixture pairs and of the bundled
// examples' 城南实验小学 2023 pair; -update rewrites the files.
func TestGolden(t *testing.T) {
	fixtures := fixtureCorpus(t)
	examples := exampleCorpus(t)
	tests := []struct {
		name string
		docs []corpus.Document
		org  string
		year int
	}{
		{"qingsong-2024", fixtures, "青松路小学", 2024},
		{"haitang-2023", fixtures, "海棠幼兒園", 2023},
		{"chengnan-2023", examples, "城南实验小学", 2023},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(t, tt.docs, tt.org, tt.year)
			var md, js bytes.Buffer
			if err := WriteMarkdown(&md, r); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&js, r); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tt.name+".md"), md.Bytes())
			golden.Check(t, filepath.Join("testdata", tt.name+".json"), js.Bytes())
		})
	}
}

// TestHeadingReports: a summary line the outline took for a heading with no
// body (4、寒假前组织教职工参观市科技馆。) is a report like any sentence, and
// evidence is quoted without its list number.
func TestHeadingReports(t *testing.T) {
	docs := fixtureCorpus(t)
	r := build(t, docs, "碧溪中学", 2023)
	var unplanned []string
	for _, p := range r.Unplanned {
		unplanned = append(unplanned, p.Text)
	}
	if diff := cmp.Diff([]string{"寒假前组织教职工参观市科技馆。"}, unplanned); diff != "" {
		t.Errorf("unplanned (-want +got):\n%s", diff)
	}
	ev := item(t, r, "召开教代会").Evidence
	if len(ev) == 0 || !strings.HasPrefix(ev[0].Text, "9月召开第五届教职工代表大会") {
		t.Errorf("evidence %+v: want the sentence without its number", ev)
	}
	if diff := cmp.Diff([]string{"工会经费使用还不够规范。"}, r.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestPlanWithoutOutline: a plan with no numbered structure is reviewed
// sentence by sentence.
func TestPlanWithoutOutline(t *testing.T) {
	plan := process(t, "/t/p.txt", "p.txt", []byte("石桥小学2024年工会工作计划\n今年召开教职工代表大会，审议学校工作报告。组织教职工健康体检。举办教职工乒乓球比赛，丰富业余生活。\n石桥小学工会\n"))
	summary := process(t, "/t/s.txt", "s.txt", []byte("石桥小学2024年工会工作总结\n现将一年来的工作总结如下。\n一、主要工作\n3月召开教职工代表大会，代表们审议通过了学校工作报告。11月组织全体教职工到医院体检。\n二、存在问题\n活动场地不足。\n"))
	if len(plan) != 1 || len(summary) != 1 || plan[0].Kind != corpus.KindPlan || summary[0].Kind != corpus.KindSummary {
		t.Fatalf("fixture not understood: %+v %+v", plan, summary)
	}
	r, err := Compare(context.Background(), &plan[0], &summary[0], testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, it := range r.Items {
		got[it.Text] = it.Status
	}
	want := map[string]Status{
		"今年召开教职工代表大会，审议学校工作报告。": Done,
		"组织教职工健康体检。":            Done,
		"举办教职工乒乓球比赛，丰富业余生活。":    NotFound,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}
