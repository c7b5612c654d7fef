package draft

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"plans/corpus"
)

// parseHTML parses a page and returns the nodes with the given tag.
func parseHTML(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return doc
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestWriteHTML(t *testing.T) {
	docs := loadCorpus(t)
	d := build(t, docs, Options{Org: "星沙实验中学", Year: 2024})
	var buf bytes.Buffer
	if err := WriteHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	root := parseHTML(t, buf.Bytes())
	if got := textOf(findAll(root, "h1")[0]); got != d.Title {
		t.Errorf("h1 = %q, want %q", got, d.Title)
	}
	var h2 []string
	for _, n := range findAll(root, "h2") {
		h2 = append(h2, textOf(n))
	}
	want := []string{"一、指导思想", "二、工作目标", "三、主要工作", "四、行事历", "附：起草说明", "引用来源"}
	if strings.Join(h2, "|") != strings.Join(want, "|") {
		t.Errorf("h2 = %q, want %q", h2, want)
	}
	// Every link points to an existing document and section.
	links := 0
	for _, a := range findAll(root, "a") {
		href := attr(a, "href")
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
	marks := findAll(root, "mark")
	body := textOf(findAll(root, "body")[0])
	if n := strings.Count(body, "【"); n != len(marks) || n == 0 {
		t.Errorf("%d markers, %d <mark> elements", n, len(marks))
	}
	for _, m := range marks {
		if s := textOf(m); !strings.HasPrefix(s, "【") || !strings.HasSuffix(s, "】") {
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
	for _, a := range findAll(parseHTML(t, buf.Bytes()), "a") {
		href := attr(a, "href")
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
	root := parseHTML(t, buf.Bytes())
	if len(findAll(root, "script")) != 0 || len(findAll(root, "b")) != 0 {
		t.Error("document text became elements")
	}
	if !strings.Contains(textOf(root), evil) {
		t.Error("the heading text is not shown as written")
	}
}
