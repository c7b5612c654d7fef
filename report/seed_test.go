package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/seedtest"
	"plans/script"
)

// The seeds as the pipeline should understand them: documents built from
// the gold labels (parts, headings, calendar entries, targets) located in
// the seed text. The report package may not import the pipeline, so this
// test checks the report against what a correct pipeline yields; an
// end-to-end test over examples/ and the seeds belongs with the CLI.

// standInTopics classifies a short text by the typical words of DESIGN.md:
// a stand-in for the classifier, for calendar entries and targets, which
// the labels do not tag.
func standInTopics(simplified string) []string {
	words := []struct {
		topic string
		words string
	}{
		{"democratic-management", "教代会 职代会 教职工代表大会 提案 民主评议 民主测评"},
		{"disclosure", "校务公开 厂务公开 政务公开 财务公开 公示 公开栏"},
		{"ethics", "师德 师风 职业道德 文明组室 为人师表"},
		{"staff-home", "教工之家 职工之家 建家 职工小家"},
		{"culture-sports", "文体 运动会 球赛 联欢 演讲比赛 春游"},
		{"women", "女工 女教职工 三八 妇女 巾帼"},
		{"welfare", "福利 体检 保险 疗休养 生日 食堂 医疗"},
		{"hardship-aid", "送温暖 慰问 帮困 特困 困难教职工 一日捐"},
		{"skills", "技能竞赛 岗位练兵 劳动竞赛 青年教师 师徒结对 培训"},
		{"self-building", "工会干部 会员 换届 经费 台帐 会费"},
		{"retirees", "退休 离退休 老教师 重阳"},
		{"rights-law", "维权 合法权益 工会法 劳动合同 法律援助 集体协商"},
		{"safety", "安全 安康杯 隐患"},
		{"family-planning", "计划生育 计生"},
		{"political-study", "政治学习 理论学习 学习贯彻"},
	}
	var out []string
	for _, w := range words {
		for _, x := range strings.Fields(w.words) {
			if strings.Contains(simplified, x) {
				out = append(out, w.topic)
				break
			}
		}
	}
	return out
}

var (
	seedValueRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*[%％]`)
	monthLineRe = regexp.MustCompile(`^[\s一二三四五六七八九十、0-9—\-~至]+月份?[:：]?\s*$`)
)

// seedTarget reads a labelled target string: 满意率达到80%以上.
func seedTarget(text string, simp func(string) string) corpus.Target {
	tg := corpus.Target{Text: text, Unit: "%", Op: "=", Topics: standInTopics(simp(text))}
	if m := seedValueRe.FindStringSubmatch(text); m != nil {
		tg.Value, _ = strconv.ParseFloat(m[1], 64)
	}
	if strings.Contains(text, "以上") {
		tg.Op = ">="
	}
	if i := strings.Index(text, "达"); i > 0 {
		rs := []rune(text[:i])
		tg.Metric = string(rs[max(0, len(rs)-3):])
	} else if i := strings.Index(text, "達"); i > 0 {
		rs := []rune(text[:i])
		tg.Metric = string(rs[max(0, len(rs)-3):])
	}
	return tg
}

func seedDocs(t *testing.T) []corpus.Document {
	t.Helper()
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []corpus.Document
	for _, s := range seedtest.Load(t) {
		text := s.Text
		// Where each part starts: its title, searched in order.
		starts := make([]int, len(s.Labels.Parts))
		from := 0
		for i, p := range s.Labels.Parts {
			at := strings.Index(text[from:], p.Title)
			if at < 0 {
				if len(s.Labels.Parts) > 1 {
					t.Fatalf("%s: part title %q not found", s.Name, p.Title)
				}
				at = 0
			}
			starts[i] = from + at
			from = starts[i] + len(p.Title)
		}
		for i, p := range s.Labels.Parts {
			end := len(text)
			if i+1 < len(starts) {
				end = starts[i+1]
			}
			body := text[starts[i]:end]
			d := corpus.Document{ID: corpus.DocumentID("seeds/"+s.Name, i+1), Source: s.Name, Part: i + 1, Title: p.Title,
				Kind: corpus.Kind(p.Kind), Relevant: p.Relevant, Script: corpus.Script(s.Labels.Script), Topics: p.Topics,
				Text: body, Simplified: conv.Simplify(body), OrgType: corpus.OrgUnknown}
			if p.Year != nil {
				d.Year = *p.Year
			}
			if p.Org != nil {
				d.Org = *p.Org
			}
			seedSections(&d, p)
			seedCalendar(&d, p, conv.Simplify)
			for _, x := range p.Targets {
				d.Targets = append(d.Targets, seedTarget(x, conv.Simplify))
			}
			docs = append(docs, d)
		}
	}
	return docs
}

func seedSections(d *corpus.Document, p seedtest.Part) {
	type found struct {
		at  int
		sec seedtest.Section
	}
	var fs []found
	from := 0
	for _, s := range p.Sections {
		at := strings.Index(d.Text[from:], s.Heading)
		if at < 0 {
			continue // an optional item or a heading cut differently
		}
		fs = append(fs, found{from + at, s})
		from += at + len(s.Heading)
	}
	parents := map[int]string{}
	for i, f := range fs {
		end := len(d.Text)
		if i+1 < len(fs) {
			end = fs[i+1].at
		}
		sec := corpus.Section{ID: corpus.SectionID(d.ID, i+1), Depth: f.sec.Depth, Heading: f.sec.Heading,
			Tag: corpus.Tag(f.sec.Tag), Topics: f.sec.Topics, Start: f.at, End: end,
			Text: strings.TrimSpace(d.Text[f.at+len(f.sec.Heading) : end])}
		sec.Parent = parents[f.sec.Depth-1]
		parents[f.sec.Depth] = sec.ID
		for k := f.sec.Depth + 1; k < 8; k++ {
			delete(parents, k)
		}
		d.Sections = append(d.Sections, sec)
	}
}

func seedCalendar(d *corpus.Document, p seedtest.Part, simp func(string) string) {
	var at []int
	from := 0
	for _, c := range p.Calendar {
		i := strings.Index(d.Text[from:], c.Starts)
		if i < 0 {
			at = append(at, -1)
			continue
		}
		at = append(at, from+i)
		from += i + len(c.Starts)
	}
	for k, c := range p.Calendar {
		if at[k] < 0 {
			continue
		}
		end := len(d.Text)
		for _, n := range at[k+1:] {
			if n > 0 {
				end = n
				break
			}
		}
		seg := d.Text[at[k]:end]
		if k+1 < len(at) {
			if i := strings.LastIndex(seg, "\n"); i >= 0 {
				seg = seg[:i]
			}
		}
		var lines []string
		for _, l := range strings.Split(seg, "\n") {
			if l = strings.TrimSpace(l); l != "" && !monthLineRe.MatchString(l) {
				lines = append(lines, l)
			}
		}
		text := strings.Join(lines, "\n")
		d.Calendar = append(d.Calendar, corpus.CalendarEntry{Months: c.Months, Text: text, Topics: standInTopics(simp(text))})
	}
}

func TestSeeds(t *testing.T) {
	docs := seedDocs(t)
	byPart := map[string]string{} // "004/4" → id
	for _, d := range docs {
		byPart[fmt.Sprintf("%s/%d", d.Source[:3], d.Part)] = d.ID
	}
	o := DefaultOptions()
	o.Words = standInWords
	o.IncludeIrrelevant = true
	r, err := Build(docs, o)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, docs, r)

	t.Run("coverage", func(t *testing.T) {
		disclosure := map[string]bool{}
		for _, row := range r.Coverage.Rows {
			disclosure[row.Key] = cellOf(t, r.Coverage, row.Key, "disclosure").Present
		}
		for _, p := range []string{"000/1", "001/1", "002/1", "004/3", "004/4", "004/5"} {
			if !disclosure[byPart[p]] {
				t.Errorf("%s: no 校务公开 in the matrix", p)
			}
		}
		// Off-topic pieces (the five non-plans of 003) and the essay plans
		// of 004 do not cover it.
		for _, p := range []string{"003/1", "003/2", "003/3", "003/4", "003/5", "004/1", "004/2"} {
			if disclosure[byPart[p]] {
				t.Errorf("%s: 校务公开 in the matrix", p)
			}
		}
		// Without IncludeIrrelevant the off-topic pieces are not rows.
		o := DefaultOptions()
		rr, err := Build(docs, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rr.Coverage.Rows {
			if row.Key == byPart["003/1"] || row.Key == byPart["003/4"] {
				t.Errorf("off-topic piece %s is a row", row.Key)
			}
		}
	})

	t.Run("calendar", func(t *testing.T) {
		if r.Calendar.Plans != 3 {
			t.Errorf("%d documents with a calendar, want 3 (002, 003 范文一, 004 篇五)", r.Calendar.Plans)
		}
		if n := topActivities(r.Calendar, 3)["三八活动"]; n < 2 {
			t.Errorf("三八 in March: %d plans, want 2 (002 and 003)", n)
		}
		if n := topActivities(r.Calendar, 9)["教师节活动"]; n < 2 {
			t.Errorf("教师节 in September: %d plans, want 2 (002 and 003)", n)
		}
	})

	t.Run("targets", func(t *testing.T) {
		got := map[string]float64{}
		for _, g := range r.Targets {
			for _, v := range g.Values {
				if v.Doc == byPart["004/4"] {
					got[g.Metric] = v.Value
				}
			}
		}
		want := map[string]float64{"覆盖面": 100, "满意率": 80, "参与面": 90}
		for m, v := range want {
			if got[m] != v {
				t.Errorf("004 篇四 %s = %v, want %v (all: %v)", m, got[m], v, got)
			}
		}
	})

	t.Run("copies", func(t *testing.T) {
		a, b := byPart["003/6"], byPart["003/7"]
		var pair *CopyPair
		for i, p := range r.Copies.Pairs {
			if p.A == a && p.B == b {
				pair = &r.Copies.Pairs[i]
			}
		}
		if pair == nil {
			t.Fatalf("the two kindergarten plans of 003 share nothing; pairs: %+v", r.Copies.Pairs)
		}
		var shared bool
		for _, p := range r.Copies.Passages {
			if strings.Contains(p.Text, "我園工會在上級工會和幼兒園領導的大力領導下") && len(p.Occurrences) == 2 &&
				p.Occurrences[0].Doc == a && p.Occurrences[1].Doc == b {
				shared = true
			}
		}
		if !shared {
			t.Errorf("the shared 指导思想 sentence of the kindergarten plans is not listed")
		}
		// Different seed pages share nothing: every pair is within one page.
		for _, p := range r.Copies.Pairs {
			da, _ := r.Doc(p.A)
			db, _ := r.Doc(p.B)
			if da.Source != db.Source {
				t.Errorf("%s #%d and %s #%d share %d sentences", da.Source, da.Part, db.Source, db.Part, p.Sentences)
			}
		}
		for _, p := range r.Copies.Passages {
			t.Logf("shared passage (%d chars, %d documents): %s", p.Chars, p.DocCount, p.Text)
		}
	})

	t.Run("html", func(t *testing.T) {
		out := renderHTML(t, r)
		checkSelfContained(t, out)
		if !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8")
		}
	})
}
