package draft

import (
	"bytes"
	"strings"
	"testing"

	"plans/corpus"
	"plans/internal/htmltest"
)

func TestWriteHTML(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var buf bytes.Buffer
	if err := WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	root := htmltest.Parse(t, buf.String())
	if got := htmltest.Text(htmltest.FindAll(root, htmltest.Element("h1"))[0]); got != d.Title {
		t.Errorf("h1 = %q, want %q", got, d.Title)
	}
	var h2 []string
	for _, n := range htmltest.FindAll(root, htmltest.Element("h2")) {
		h2 = append(h2, htmltest.Text(n))
	}
	want := []string{"一、指导思想", "二、工作目标", "三、主要工作", "四、行事历", "附：起草说明", "引用来源"}
	if strings.Join(h2, "|") != strings.Join(want, "|") {
		t.Errorf("h2 = %q, want %q", h2, want)
	}
	// Every link points to an existing document and section.
	links := 0
	for _, a := range htmltest.FindAll(root, htmltest.Element("a")) {
		href := htmltest.Attr(a, "href")
		rest, ok := strings.CutPrefix(href, "#doc/")
		if !ok {
			t.Errorf("link %q is not #doc/ID/section", href)
			continue
		}
		docID, sec, _ := strings.Cut(rest, "/")
		doc := findDoc(docs, docID)
		if doc == nil {
			t.Errorf("link %q: no document %s", href, docID)
			continue
		}
		if _, ok := doc.Section(docID + "/" + sec); !ok {
			t.Errorf("link %q: no section", href)
		}
		links++
	}
	if links == 0 {
		t.Error("no citation links")
	}
	// Every marker is highlighted.
	marks := htmltest.FindAll(root, htmltest.Element("mark"))
	body := htmltest.Text(htmltest.FindAll(root, htmltest.Element("body"))[0])
	if n := strings.Count(body, "【"); n != len(marks) || n == 0 {
		t.Errorf("%d markers, %d <mark> elements", n, len(marks))
	}
	for _, m := range marks {
		if s := htmltest.Text(m); !strings.HasPrefix(s, "【") || !strings.HasSuffix(s, "】") {
			t.Errorf("mark %q", s)
		}
	}
}

func TestWriteHTMLDocURL(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var buf bytes.Buffer
	if err := WriteHTMLWith(&buf, d, HTMLOptions{DocURL: "/doc/"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range htmltest.FindAll(htmltest.Parse(t, buf.String()), htmltest.Element("a")) {
		href := htmltest.Attr(a, "href")
		docID, frag, ok := strings.Cut(strings.TrimPrefix(href, "/doc/"), "#")
		if !strings.HasPrefix(href, "/doc/") || !ok || !strings.HasPrefix(frag, docID+"/s") {
			t.Errorf("link %q is not /doc/ID#ID/sN", href)
		}
	}
}

// Text from documents is escaped: a hostile heading stays text.
func TestWriteHTMLEscapes(t *testing.T) {
	evil := `<script>alert("x")</script>`
	heading := "一、组织" + evil + "活动"
	text := "恶意计划\n" + heading
	docs := []corpus.Document{{
		ID: "e-1", Title: `恶意"计划<b>`, Kind: corpus.KindPlan, Relevant: true, Year: 2023, Org: "恶意学校",
		OrgType: corpus.OrgMiddle, Text: text,
		Sections: []corpus.Section{{ID: "e-1/s1", Depth: 1, Heading: heading, Tag: corpus.TagWork,
			Topics: []string{"culture-sports"}, Start: len("恶意计划\n"), End: len(text)}},
	}}
	d := build(t, docs, Options{Org: "恶意学校", Year: 2024})
	var buf bytes.Buffer
	if err := WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script") || strings.Contains(page, "<b>") {
		t.Fatalf("unescaped markup in the page:\n%s", page)
	}
	root := htmltest.Parse(t, buf.String())
	if len(htmltest.FindAll(root, htmltest.Element("script"))) != 0 || len(htmltest.FindAll(root, htmltest.Element("b"))) != 0 {
		t.Error("document text became elements")
	}
	if !strings.Contains(htmltest.Text(root), evil) {
		t.Error("the heading text is not shown as written")
	}
}
