package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"plans/corpus"
	"plans/internal/golden"
	"plans/script"
)

// sec is a section of a synthetic document.
type sec struct {
	parent int // index of the parent section, -1 for none
	line   string
	tag    corpus.Tag
	topics []string
	body   string
}

// synthDoc builds a document whose sections' offsets are right, with its
// simplified view.
func synthDoc(t testing.TB, id, title string, secs []sec) corpus.Document {
	t.Helper()
	d := corpus.Document{ID: id, Title: title, Source: title + ".txt", Part: 1, Kind: corpus.KindPlan, Relevant: true,
		Script: corpus.Simplified, Org: "溪南小学", OrgType: corpus.OrgPrimary, Year: 2024, Format: "txt", Encoding: "utf-8"}
	var b strings.Builder
	b.WriteString(title + "\n\n")
	depth := make([]int, len(secs))
	for i, s := range secs {
		cs := corpus.Section{ID: corpus.SectionID(id, i+1), Heading: s.line, Tag: s.tag, Topics: s.topics, Depth: 1}
		if s.parent >= 0 {
			cs.Parent = corpus.SectionID(id, s.parent+1)
			cs.Depth = depth[s.parent] + 1
		}
		depth[i] = cs.Depth
		cs.Start = b.Len()
		b.WriteString(s.line + "\n")
		if s.body != "" {
			b.WriteString(s.body + "\n")
		}
		cs.End = b.Len()
		cs.Text = s.body
		d.Sections = append(d.Sections, cs)
	}
	b.WriteString("\n溪南小学工会\n")
	d.Text = b.String()
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	d.Simplified = conv.Simplify(d.Text)
	return d
}

func injectionDoc(t testing.TB) corpus.Document {
	d := synthDoc(t, "abc0000001-1", "溪南小學2024年工會工作計劃", []sec{
		{-1, "一、指導思想", corpus.TagIdeology, nil, "團結廣大教職員工，推進校務公開。"},
		{-1, "二、主要工作", corpus.TagWork, nil, ""},
		{1, `（一）校務公開"><img src=x onerror=alert(1)>`, corpus.TagWork, []string{"disclosure"}, "堅持校務公開<script>alert(1)</script>，接受監督。"},
		{1, "（二）送溫暖", corpus.TagWork, []string{"hardship-aid"}, "慰問困難教職工。"},
		{-1, "三、行事歷", corpus.TagCalendar, nil, "九月：慶祝教師節。"},
	})
	d.Script = corpus.Traditional
	d.Topics = []string{"disclosure", "hardship-aid"}
	d.Calendar = []corpus.CalendarEntry{{Months: []int{9}, Label: "九月", Text: "慶祝教師節。", Activities: []string{"慶祝教師節<b>"}, Topics: []string{"culture-sports"}, Section: d.Sections[4].ID}}
	d.Targets = []corpus.Target{{Text: "滿意率達到90%以上", Metric: "满意率", Value: 90, Unit: "%", Op: ">=", Topics: []string{"other"}, Section: d.Sections[0].ID}}
	d.Warnings = []string{"年份取自標題 <i>"}
	return d
}

func TestDocumentPageGolden(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{pages: pages, csrf: "TOKEN"}
	d := injectionDoc(t)
	p := newDocPage(&d, "校务公开", []string{"校务公开"})
	p.chrome = chrome{Title: d.Title, Nav: "docs", CSRF: s.csrf}
	rec := httptest.NewRecorder()
	if err := s.render(rec, http.StatusOK, "document", p); err != nil {
		t.Fatal(err)
	}
	body := rec.Body.String()
	main := body[strings.Index(body, "<main"):strings.Index(body, "</main>")]
	golden.Check(t, "testdata/document.golden", []byte(main+"\n"))
	checkEscaped(t, body)
	if p.Marks != 3 {
		t.Errorf("marks = %d, want 3 (校務公開 three times, in the original script)", p.Marks)
	}
}

func TestMarkSpans(t *testing.T) {
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		words []string
		want  []string // the marked pieces of text
	}{
		{"simplified", "推进校务公开，校务公开栏", []string{"校务公开"}, []string{"校务公开", "校务公开"}},
		{"traditional text", "堅持校務公開制度", []string{"校务公开"}, []string{"校務公開"}},
		{"overlapping words merge", "教职工代表大会", []string{"教职工", "代表大会", "职工代表"}, []string{"教职工代表大会"}},
		{"full-width and case", "ＡＢＣ小组与abc", []string{"abc"}, []string{"ＡＢＣ", "abc"}},
		{"punctuation-only word ignored", "一、二、三", []string{"、"}, nil},
		{"no words", "校务公开", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := markSpans(tt.text, conv.Simplify(tt.text), tt.words)
			var got []string
			for _, s := range spans {
				got = append(got, tt.text[s.Start:s.End])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("marks (-want +got):\n%s", diff)
			}
		})
	}
	if spans := markSpans("校务公开", "校务", []string{"校务"}); spans != nil {
		t.Errorf("misaligned simplified view gave marks %v", spans)
	}
}

func TestTextBlocks(t *testing.T) {
	d := synthDoc(t, "d-1", "标题", []sec{
		{-1, "一、甲", corpus.TagWork, nil, "甲的正文"},
		{0, "（一）乙", corpus.TagWork, nil, "乙的正文"},
		{-1, "二、丙", corpus.TagOther, nil, ""},
	})
	blocks := textBlocks(&d, nil)
	var ids, texts []string
	for _, b := range blocks {
		ids = append(ids, b.ID)
		var s strings.Builder
		for _, p := range b.Pieces {
			s.WriteString(p.Text)
		}
		texts = append(texts, s.String())
	}
	if diff := cmp.Diff([]string{"", "d-1/s1", "d-1/s2", "d-1/s3", ""}, ids); diff != "" {
		t.Errorf("block ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"标题", "一、甲\n甲的正文", "（一）乙\n乙的正文", "二、丙", "溪南小学工会"}, texts); diff != "" {
		t.Errorf("block texts (-want +got):\n%s", diff)
	}
	if h := blocks[1].Pieces[0]; !h.Heading || h.Text != "一、甲" {
		t.Errorf("first piece of a section is not its heading: %+v", h)
	}

	// Offsets out of range or out of order still give every section a block.
	bad := d
	bad.Sections = append([]corpus.Section(nil), d.Sections...)
	bad.Sections[0].Start, bad.Sections[0].End = 5000, 6000
	bad.Sections[1].Start, bad.Sections[1].End = -3, 1 // inside a rune
	seen := map[string]bool{}
	for _, b := range textBlocks(&bad, nil) {
		seen[b.ID] = true
		for _, p := range b.Pieces {
			if !utf8.ValidString(p.Text) {
				t.Errorf("piece %q is not valid UTF-8", p.Text)
			}
		}
	}
	for _, s := range bad.Sections {
		if !seen[s.ID] {
			t.Errorf("section %s has no block", s.ID)
		}
	}
}

func TestDocumentPage(t *testing.T) {
	e := corpusEnv(t)
	id := e.docID(t, "城東中學")
	body := e.mustGet(t, "/doc/"+id+"?q="+url.QueryEscape("校务公开"), http.StatusOK).body
	doc := parse(t, body)

	// Facts.
	facts := strings.Join(texts(findAll(doc, class("facts"))), " ")
	for _, want := range []string{"城東中學", "中学", "2022年", "工作计划", "繁体", id} {
		if !strings.Contains(facts, want) {
			t.Errorf("facts lack %q: %s", want, facts)
		}
	}
	// Outline with roles and topics, linking to the section anchors.
	outline := findAll(doc, class("outline"))
	if len(outline) != 1 {
		t.Fatal("no outline")
	}
	links := findAll(outline[0], element("a"))
	if len(links) < 5 {
		t.Fatalf("outline has %d entries", len(links))
	}
	for _, a := range links {
		target := strings.TrimPrefix(attr(a, "href"), "#")
		if len(findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == target })) != 1 {
			t.Errorf("outline link %q has no anchor", attr(a, "href"))
		}
	}
	ot := text(outline[0])
	for _, want := range []string{"（二）堅持校務公開", "主要工作", "校务公开", "行事历"} {
		if !strings.Contains(ot, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
	// Calendar table.
	cal := strings.Join(texts(findAll(doc, class("cal"))), " ")
	for _, want := range []string{"三月", "五月", "九月", "籃球比賽"} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar lacks %q: %s", want, cal)
		}
	}
	// The query's words are marked in the original (traditional) script.
	marks := texts(findAll(doc, element("mark")))
	if len(marks) < 2 || !allEqual(marks, "校務公開") {
		t.Errorf("marks %q, want several 校務公開", marks)
	}
	if !strings.Contains(body, "出现 "+strconv.Itoa(len(marks))+" 处") {
		t.Errorf("the page does not count the %d marks", len(marks))
	}

	// Targets and warnings of another document.
	body = e.mustGet(t, "/doc/"+e.docID(t, "城东小学"), http.StatusOK).body
	for _, want := range []string{"量化目标", "满意率", "≥ 90%", "行事历"} {
		if !strings.Contains(body, want) {
			t.Errorf("城东小学: page lacks %q", want)
		}
	}

	r := e.get(t, "/doc/ffffffffff-9")
	if r.status != http.StatusNotFound || !strings.Contains(r.body, "找不到这篇文档") {
		t.Errorf("unknown document: status %d", r.status)
	}
}

func allEqual(ss []string, want string) bool {
	for _, s := range ss {
		if s != want {
			return false
		}
	}
	return true
}

func TestDocumentsListAndExport(t *testing.T) {
	e := corpusEnv(t)
	body := e.mustGet(t, "/docs", http.StatusOK).body
	doc := parse(t, body)
	var titles []string
	for _, tbl := range findAll(doc, class("list")) {
		for _, a := range findAll(tbl, element("a")) {
			titles = append(titles, strings.TrimSpace(text(a)))
		}
	}
	for _, want := range []string{"城东小学2023年工会工作计划", "城東中學2022年工會工作計劃", "北湖小学2024年工会工作计划", "西山幼儿园2023年工会工作总结"} {
		found := false
		for _, got := range titles {
			found = found || got == want
		}
		if !found {
			t.Errorf("document list lacks %s", want)
		}
	}
	// Filters, in either script.
	for _, tt := range []struct{ query, want, notWant string }{
		{"org=" + url.QueryEscape("城东中学"), "城東中學2022年工會工作計劃", "北湖小学"},
		{"kind=summary", "西山幼儿园2023年工会工作总结", "城东小学"},
		{"year=2024", "北湖小学2024年工会工作计划", "西山幼儿园"},
	} {
		b := e.mustGet(t, "/docs?"+tt.query, http.StatusOK).body
		list := b[strings.Index(b, "<table"):]
		if i := strings.Index(list, "</table>"); i >= 0 {
			list = list[:i]
		}
		if !strings.Contains(list, tt.want) || strings.Contains(list, tt.notWant) {
			t.Errorf("/docs?%s: want %s and not %s", tt.query, tt.want, tt.notWant)
		}
	}

	// Export: one JSON object per line, the export contract.
	r := e.mustGet(t, "/export.jsonl?kind=plan", http.StatusOK)
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("export is not a download: %q", cd)
	}
	lines := strings.Split(strings.TrimSpace(r.body), "\n")
	if len(lines) != 3 {
		t.Errorf("export of plans has %d lines, want 3", len(lines))
	}
	for _, l := range lines {
		for _, key := range []string{`"id":`, `"source":`, `"sections":`, `"calendar":`, `"targets":`, `"kind":"plan"`} {
			if !strings.Contains(l, key) {
				t.Errorf("export line lacks %s", key)
			}
		}
	}
}
