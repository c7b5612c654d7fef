package corpusfix

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/internal/golden"
)

// doc is the document Parse makes of a fixture with no fields but source
// (x.txt) before its body is read.
func doc(text string) corpus.Document {
	return corpus.Document{
		ID: corpus.DocumentID("fixtures/x.txt", 1), Source: "x.txt", Part: 1, Kind: corpus.KindPlan,
		Relevant: true, Script: corpus.Simplified, OrgType: corpus.OrgUnknown, Topics: []string{},
		Text: text, Simplified: text, Sections: []corpus.Section{}, Calendar: []corpus.CalendarEntry{},
		Targets: []corpus.Target{}, Warnings: []string{},
	}
}

func TestParse(t *testing.T) {
	id := corpus.DocumentID("fixtures/x.txt", 1)
	sec := func(n int) string { return corpus.SectionID(id, n) }
	tests := []struct {
		name string
		src  string
		want func() []corpus.Document
	}{
		{
			name: "defaults",
			src:  "comments before the first document\n=== a\nsource: x.txt\n---\n标题\n正文",
			want: func() []corpus.Document { return []corpus.Document{doc("标题\n正文")} },
		},
		{
			name: "fields",
			src: "=== a\nid: a-1\nsource: 甲/乙.doc\npart: 3\ntitle: 乙\nkind: summary\nyear: 2012\n" +
				"org: 甲\norg_type: primary\nformat: doc\nencoding: gbk\n---\n乙",
			want: func() []corpus.Document {
				d := doc("乙")
				d.ID, d.Source, d.Part, d.Title, d.Kind, d.Year = "a-1", "甲/乙.doc", 3, "乙", corpus.KindSummary, 2012
				d.Org, d.OrgType, d.Format, d.Encoding = "甲", corpus.OrgPrimary, "doc", "gbk"
				return []corpus.Document{d}
			},
		},
		{
			name: "id from source and part",
			src:  "=== a\nsource: 甲/乙.doc\npart: 2\n---\n乙",
			want: func() []corpus.Document {
				d := doc("乙")
				d.ID, d.Source, d.Part = corpus.DocumentID("fixtures/甲/乙.doc", 2), "甲/乙.doc", 2
				return []corpus.Document{d}
			},
		},
		{
			name: "kind other is not relevant unless it says so",
			src:  "=== a\nsource: x.txt\nkind: other\n---\n讲话\n=== b\nsource: y.txt\nkind: other\nrelevant: true\n---\n讲话",
			want: func() []corpus.Document {
				a, b := doc("讲话"), doc("讲话")
				a.Kind, b.Kind = corpus.KindOther, corpus.KindOther
				b.ID, b.Source = corpus.DocumentID("fixtures/y.txt", 1), "y.txt"
				a.Relevant, b.Relevant = false, true
				return []corpus.Document{a, b}
			},
		},
		{
			name: "sections",
			src: "=== a\nsource: x.txt\n---\n计划\n# 一、指导思想 | ideology\n思想\n\n" +
				"# 二、主要工作 | work | women, welfare\n## （一）女工 | work | women\n  关心女教职工  \n" +
				"## 2.福利 | work | welfare\n### 体检 | work |\n\n\n",
			want: func() []corpus.Document {
				text := "计划\n一、指导思想\n思想\n\n二、主要工作\n（一）女工\n  关心女教职工  \n2.福利\n体检"
				d := doc(text)
				at := func(s string) int { return strings.Index(text, s) }
				d.Sections = []corpus.Section{
					{ID: sec(1), Depth: 1, Number: "一、", Heading: "一、指导思想", Tag: corpus.TagIdeology, Topics: []string{},
						Text: "思想", Start: at("一、"), End: at("\n\n")},
					{ID: sec(2), Depth: 1, Number: "二、", Heading: "二、主要工作", Tag: corpus.TagWork, Topics: []string{"women", "welfare"},
						Start: at("二、"), End: at("（一）") - 1},
					{ID: sec(3), Parent: sec(2), Depth: 2, Number: "（一）", Heading: "（一）女工", Tag: corpus.TagWork, Topics: []string{"women"},
						Text: "关心女教职工", Start: at("（一）"), End: at("2.") - 1},
					{ID: sec(4), Parent: sec(2), Depth: 2, Number: "2.", Heading: "2.福利", Tag: corpus.TagWork, Topics: []string{"welfare"},
						Start: at("2."), End: at("体检") - 1},
					{ID: sec(5), Parent: sec(4), Depth: 3, Heading: "体检", Tag: corpus.TagWork, Topics: []string{},
						Start: at("体检"), End: len(text)},
				}
				d.Topics = []string{"women", "welfare"}
				return []corpus.Document{d}
			},
		},
		{
			name: "calendar",
			src: "=== a\nsource: x.txt\n---\n@cal 1 | 一月：走访慰问。\n# 行事历 | calendar\n" +
				"@cal 7-8 | 七八月：疗休养；培训。 | welfare,skills\n@cal 2,4-5 | 二月、四至五月：读书 | culture-sports",
			want: func() []corpus.Document {
				d := doc("一月：走访慰问。\n行事历\n七八月：疗休养；培训。\n二月、四至五月：读书")
				d.Sections = []corpus.Section{{ID: sec(1), Depth: 1, Heading: "行事历", Tag: corpus.TagCalendar, Topics: []string{},
					Text: "七八月：疗休养；培训。\n二月、四至五月：读书", Start: len("一月：走访慰问。\n"), End: len(d.Text)}}
				d.Calendar = []corpus.CalendarEntry{
					{Months: []int{1}, Label: "一月", Text: "走访慰问。", Activities: []string{"走访慰问"}, Topics: []string{}},
					{Months: []int{7, 8}, Label: "七八月", Text: "疗休养；培训。", Activities: []string{"疗休养", "培训"},
						Topics: []string{"welfare", "skills"}, Section: sec(1)},
					{Months: []int{2, 4, 5}, Label: "二月、四至五月", Text: "读书", Activities: []string{"读书"},
						Topics: []string{"culture-sports"}, Section: sec(1)},
				}
				d.Topics = []string{"culture-sports", "welfare", "skills"}
				return []corpus.Document{d}
			},
		},
		{
			name: "targets belong where their text is",
			src: "=== a\nsource: x.txt\n---\n@target 满意率 90 % >= | self-building | 满意率达到90%\n满意率达到90%。\n" +
				"# 一、目标 | goals | women\n@target 体检率 99.5 % = | welfare, women | 体检率99.5%\n体检率99.5%。\n" +
				"# 二、工作 | work\n@target 比例 5 % <= | | 不超过5%\n不超过5%",
			want: func() []corpus.Document {
				d := doc("满意率达到90%。\n一、目标\n体检率99.5%。\n二、工作\n不超过5%")
				d.Sections = []corpus.Section{
					{ID: sec(1), Depth: 1, Number: "一、", Heading: "一、目标", Tag: corpus.TagGoals, Topics: []string{"women"},
						Text: "体检率99.5%。", Start: len("满意率达到90%。\n"), End: strings.Index(d.Text, "\n二、")},
					{ID: sec(2), Depth: 1, Number: "二、", Heading: "二、工作", Tag: corpus.TagWork, Topics: []string{},
						Text: "不超过5%", Start: strings.Index(d.Text, "二、"), End: len(d.Text)},
				}
				d.Targets = []corpus.Target{
					{Text: "满意率达到90%", Metric: "满意率", Value: 90, Unit: "%", Op: ">=", Topics: []string{"self-building"}},
					{Text: "体检率99.5%", Metric: "体检率", Value: 99.5, Unit: "%", Op: "=", Topics: []string{"welfare", "women"}, Section: sec(1)},
					{Text: "不超过5%", Metric: "比例", Value: 5, Unit: "%", Op: "<=", Topics: []string{}, Section: sec(2)},
				}
				d.Topics = []string{"women", "welfare", "self-building"}
				return []corpus.Document{d}
			},
		},
		{
			name: "topics field",
			src:  "=== a\nsource: x.txt\ntopics: safety, women\n---\n# 一、安全 | work | women\n",
			want: func() []corpus.Document {
				d := doc("一、安全")
				d.Sections = []corpus.Section{{ID: sec(1), Depth: 1, Number: "一、", Heading: "一、安全", Tag: corpus.TagWork,
					Topics: []string{"women"}, End: len("一、安全")}}
				d.Topics = []string{"safety", "women"}
				return []corpus.Document{d}
			},
		},
		{
			name: "traditional",
			src: "=== a\nsource: 学校/计划.txt\nscript: traditional\ntitle: 工会计划\norg: 东山学校\n---\n" +
				"工会计划\n# 一、关心职工 | work | welfare\n@cal 3 | 三月：体检 | welfare\n@target 体检率 100 % = | welfare | 体检率达到100%\n体检率达到100%",
			want: func() []corpus.Document {
				text := "工會計劃\n一、關心職工\n三月：體檢\n體檢率達到100%"
				d := doc(text)
				d.ID = corpus.DocumentID("fixtures/学校/计划.txt", 1)
				d.Source, d.Script, d.Title, d.Org = "學校/計劃.txt", corpus.Traditional, "工會計劃", "東山學校"
				d.Simplified = "工会计划\n一、关心职工\n三月：体检\n体检率达到100%"
				d.Sections = []corpus.Section{{ID: d.ID + "/s1", Depth: 1, Number: "一、", Heading: "一、關心職工", Tag: corpus.TagWork,
					Topics: []string{"welfare"}, Text: "三月：體檢\n體檢率達到100%", Start: len("工會計劃\n"), End: len(text)}}
				d.Calendar = []corpus.CalendarEntry{{Months: []int{3}, Label: "三月", Text: "體檢", Activities: []string{"體檢"},
					Topics: []string{"welfare"}, Section: d.ID + "/s1"}}
				d.Targets = []corpus.Target{{Text: "體檢率達到100%", Metric: "體檢率", Value: 100, Unit: "%", Op: "=",
					Topics: []string{"welfare"}, Section: d.ID + "/s1"}}
				d.Topics = []string{"welfare"}
				return []corpus.Document{d}
			},
		},
		{
			name: "CRLF and blank lines between documents",
			src:  "=== a\r\nsource: x.txt\r\n\r\n---\r\n甲\r\n\r\n\r\n=== b\r\nsource: y.txt\r\n---\r\n乙\r\n",
			want: func() []corpus.Document {
				a, b := doc("甲"), doc("乙")
				b.ID, b.Source = corpus.DocumentID("fixtures/y.txt", 1), "y.txt"
				return []corpus.Document{a, b}
			},
		},
		{
			name: "no documents",
			src:  "# only comments\n",
			want: func() []corpus.Document { return []corpus.Document{} },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse("t.txt", tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want(), got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const head = "=== a\nsource: x.txt\n---\n" // lines 1-3
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"no key", "===\nsource: x.txt\n---\n", 1, "the key is missing"},
		{"key twice", head + "正文\n=== a\nsource: y.txt\n---\n", 5, "document a was already started on line 1"},
		{"no source", "=== a\ntitle: 甲\n---\n", 3, "no source field"},
		{"no body", "=== a\nsource: x.txt\n", 1, `no "---" line`},
		{"not a field", "=== a\nsource x.txt\n---\n", 2, `want "field: value" or "---"`},
		{"unknown field", "=== a\nsource: x.txt\nschool: 甲\n---\n", 3, `unknown field "school"`},
		{"field twice", "=== a\nsource: x.txt\nyear: 2012\nyear: 2013\n---\n", 4, "field year is already set on line 3"},
		{"bad part", "=== a\nsource: x.txt\npart: 0\n---\n", 3, `part "0"`},
		{"bad year", "=== a\nsource: x.txt\nyear: 12\n---\n", 3, `year "12"`},
		{"bad kind", "=== a\nsource: x.txt\nkind: report\n---\n", 3, `unknown kind "report"`},
		{"bad relevant", "=== a\nsource: x.txt\nrelevant: yes\n---\n", 3, `relevant "yes"`},
		{"bad org_type", "=== a\nsource: x.txt\norg_type: school\n---\n", 3, `unknown org_type "school"`},
		{"bad script", "=== a\nsource: x.txt\nscript: mixed\n---\n", 3, `script "mixed"`},
		{"empty id", "=== a\nsource: x.txt\nid:\n---\n", 3, "empty id"},
		{"same id", "=== a\nsource: x.txt\nid: d\n---\n=== b\nsource: y.txt\nid: d\n---\n", 5, "document id d is also the id of a"},
		{"bad topics field", "=== a\nsource: x.txt\ntopics: sport\n---\n", 3, `unknown topic "sport"`},
		{"heading without tag", head + "# 一、指导思想\n", 4, `want "# heading | tag | topics"`},
		{"empty heading", head + "## | work\n", 4, `want "## heading | tag | topics"`},
		{"heading without parent", head + "# 一、工作 | work\n### 1、读书 | work\n", 5, "a heading of depth 3 needs a heading of depth 2 above it"},
		{"first heading too deep", head + "## （一）工作 | work\n", 4, "needs a heading of depth 1"},
		{"unknown tag", head + "# 一、工作 | tasks\n", 4, `unknown tag "tasks"`},
		{"unknown topic", head + "# 一、工作 | work | sport\n", 4, `unknown topic "sport"`},
		{"topic twice", head + "# 一、工作 | work | women,women\n", 4, "topic women given twice"},
		{"calendar without line", head + "@cal 3\n", 4, `want "@cal months | label：activities | topics"`},
		{"calendar month", head + "@cal 13 | 十三月：无\n", 4, `month "13" is not a number from 1 to 12`},
		{"calendar months backwards", head + "@cal 8-7 | 八月：无\n", 4, `months "8-7" do not run forward`},
		{"calendar month twice", head + "@cal 7,6-8 | 夏：无\n", 4, "month 7 given twice"},
		{"calendar without label", head + "@cal 3 | 召开教代会\n", 4, "no label"},
		{"target fields", head + "@target 满意率 90 % | | 满意率90%\n满意率90%\n", 4, `want "@target metric value unit op | topics | text"`},
		{"target without text", head + "@target 满意率 90 % >= | |\n", 4, `want "@target`},
		{"target value", head + "@target 满意率 九十 % >= | | 满意率九十\n满意率九十\n", 4, `target value "九十"`},
		{"target op", head + "@target 满意率 90 % > | | 满意率90%\n满意率90%\n", 4, `target op ">"`},
		{"target text not in body", head + "正文\n@target 满意率 90 % >= | | 满意率90%\n", 5, `target text "满意率90%" is not in the text of a`},
		{"unknown directive", head + "@calendar 3 | 三月：无\n", 4, `unknown line "@calendar 3 | 三月：无"`},
		{"not UTF-8", head + "\xff\n", 4, "not UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.txt", tc.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse: error %v, want an *Error", err)
			}
			if e.File != "t.txt" || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("Parse: %v, want t.txt:%d: …%s…", err, tc.line, tc.msg)
			}
			if !strings.HasPrefix(err.Error(), "t.txt:") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"一、指导思想", "一、"},
		{"十二、其他", "十二、"},
		{"1、开好教代会", "1、"},
		{"12.做好统计", "12."},
		{"（一）民主管理", "（一）"},
		{"（10）读书", "（10）"},
		{"（附）说明", ""},
		{"（一说明", ""},
		{"行事历", ""},
		{"2012年工作计划", ""},
		{"、开头", ""},
		{"一是加强学习", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := number(tc.heading); got != tc.want {
			t.Errorf("number(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

// TestSample shows the export form of testdata/sample.txt, a fixture with
// every kind of line.
func TestSample(t *testing.T) {
	docs := Load(t, "testdata/sample.txt")
	var out []byte
	for _, d := range docs {
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, j...), '\n')
	}
	golden.Check(t, "testdata/sample.jsonl", out)
}

// TestCorpora reads the corpora of the draft and report tests and checks
// what every fixture promises.
func TestCorpora(t *testing.T) {
	for _, path := range corpora {
		docs := Load(t, path)
		if len(docs) == 0 {
			t.Errorf("%s: no documents", path)
		}
		for _, d := range docs {
			checkDoc(t, d)
		}
	}
}

var corpora = []string{"testdata/sample.txt", "../../draft/testdata/corpus.txt", "../../report/testdata/corpus.txt"}

// checkDoc checks the invariants of a parsed document: offsets in bounds,
// a tree that holds together, references that resolve, a simplified view
// rune for rune, and an export that reads back the same.
func checkDoc(t *testing.T, d corpus.Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Errorf("%s: text is not UTF-8", d.ID)
	}
	if utf8.RuneCountInString(d.Simplified) != utf8.RuneCountInString(d.Text) {
		t.Errorf("%s: simplified view is not rune-aligned with the text", d.ID)
	}
	ids := map[string]int{}
	for i, s := range d.Sections {
		if s.Start < 0 || s.Start > s.End || s.End > len(d.Text) || !strings.HasPrefix(d.Text[s.Start:], s.Heading) {
			t.Errorf("%s: section %s [%d,%d) does not start with its heading %q", d.ID, s.ID, s.Start, s.End, s.Heading)
		}
		if s.Start > 0 && d.Text[s.Start-1] != '\n' {
			t.Errorf("%s: section %s does not start a line", d.ID, s.ID)
		}
		if s.Parent != "" {
			p, ok := ids[s.Parent]
			if !ok || d.Sections[p].Depth != s.Depth-1 {
				t.Errorf("%s: section %s has parent %q, not an earlier section one level up", d.ID, s.ID, s.Parent)
			}
		} else if s.Depth != 1 {
			t.Errorf("%s: section %s of depth %d has no parent", d.ID, s.ID, s.Depth)
		}
		if i > 0 && s.Start <= d.Sections[i-1].Start {
			t.Errorf("%s: section %s does not come after the one before", d.ID, s.ID)
		}
		ids[s.ID] = i
	}
	for _, e := range d.Calendar {
		if _, ok := ids[e.Section]; e.Section != "" && !ok {
			t.Errorf("%s: calendar entry %q in unknown section %s", d.ID, e.Label, e.Section)
		}
		if !strings.Contains(d.Text, e.Label+"："+e.Text) {
			t.Errorf("%s: calendar entry %q is not a line of the text", d.ID, e.Label)
		}
	}
	for _, tg := range d.Targets {
		if _, ok := ids[tg.Section]; tg.Section != "" && !ok {
			t.Errorf("%s: target %q in unknown section %s", d.ID, tg.Text, tg.Section)
		}
		if !strings.Contains(d.Text, tg.Text) {
			t.Errorf("%s: target %q is not in the text", d.ID, tg.Text)
		}
	}
	j, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back corpus.Document
	if err := json.Unmarshal(j, &back); err != nil {
		t.Fatal(err)
	}
	back.Simplified = d.Simplified
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("%s: the export does not read back the same (-parsed +read):\n%s", d.ID, diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, path := range corpora {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("=== a\nsource: x.txt\n---\n# 一、工作 | work | women\n@cal 3-4 | 三四月：读书；登山。 | culture-sports\n" +
		"@target 满意率 90 % >= | women | 满意率90%\n满意率90%\n## （一）读书 | work\n")
	f.Add("=== a\nsource: x\nscript: traditional\n---\n# 关心 | work\n体检\n\n")
	f.Fuzz(func(t *testing.T, src string) {
		docs, err := Parse(filepath.Join("testdata", "fuzz.txt"), src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if lines := strings.Count(src, "\n") + 1; e.Line < 1 || e.Line > lines {
				t.Fatalf("error %v names line %d of %d", err, e.Line, lines)
			}
			return
		}
		seen := map[string]bool{}
		for _, d := range docs {
			if seen[d.ID] {
				t.Fatalf("two documents with id %s", d.ID)
			}
			seen[d.ID] = true
			checkDoc(t, d)
		}
		again, err := Parse("again", src)
		if err != nil || !slices.EqualFunc(docs, again, func(a, b corpus.Document) bool { return cmp.Equal(a, b) }) {
			t.Fatalf("a second Parse differs (error %v)", err)
		}
	})
}
