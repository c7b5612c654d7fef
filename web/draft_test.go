package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDraftPage(t *testing.T) {
	e := corpusEnv(t)
	form := parse(t, e.mustGet(t, "/draft", http.StatusOK).body)
	var orgs []string
	for _, o := range findAll(form, element("option")) {
		if v := attr(o, "value"); v != "" && !strings.Contains(v, "-") {
			orgs = append(orgs, v)
		}
	}
	if len(orgs) != 4 {
		t.Errorf("organisations offered: %q", orgs)
	}

	page := e.mustGet(t, "/draft?go=1&org="+url.QueryEscape("城东小学")+"&year=2024", http.StatusOK)
	doc := parse(t, page.body)
	if !strings.Contains(text(doc), "城东小学2024年工会工作计划") || !strings.Contains(text(doc), "底稿") {
		t.Errorf("the draft page does not name the draft and its base\n%s", excerpt(page.body))
	}
	frames := findAll(doc, element("iframe"))
	if len(frames) != 1 {
		t.Fatalf("%d frames", len(frames))
	}
	view := e.mustGet(t, attr(frames[0], "src"), http.StatusOK)
	if !strings.Contains(view.body, `<base target="_top">`) {
		t.Errorf("citations would open inside the frame")
	}
	if !strings.Contains(view.body, `href="/doc/`) {
		t.Errorf("citations do not link to the document pages")
	}
	for _, want := range []string{"指导思想", "主要工作", "行事历"} {
		if !strings.Contains(view.body, want) {
			t.Errorf("the draft lacks %s", want)
		}
	}

	var docx, md string
	for _, a := range findAll(doc, class("button")) {
		switch h := attr(a, "href"); {
		case strings.Contains(h, "format=docx"):
			docx = h
		case strings.Contains(h, "format=md"):
			md = h
		}
	}
	if docx == "" || md == "" {
		t.Fatal("no .docx or .md download")
	}
	r := e.mustGet(t, docx, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf(".docx Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".docx") {
		t.Errorf(".docx Content-Disposition %q", cd)
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(r.body)), int64(len(r.body)))
	if err != nil {
		t.Fatalf(".docx is not a zip: %v", err)
	}
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			body = string(b)
		}
	}
	if !strings.Contains(body, "城东小学2024年工会工作计划") {
		t.Errorf(".docx does not hold the title")
	}
	m := e.mustGet(t, md, http.StatusOK)
	if !strings.HasPrefix(m.body, "# 城东小学2024年工会工作计划") {
		t.Errorf(".md starts %q", m.body[:min(60, len(m.body))])
	}

	for _, tt := range []struct {
		query  string
		status int
		msg    string
	}{
		{"go=1&year=2025", 400, "请填写本单位名称"},
		{"go=1&org=x&year=abcd", 400, "年份"},
		{"go=1&org=x&base=ffffffffff-1&year=2025", 422, "找不到指定的底稿文档"},
	} {
		r := e.get(t, "/draft?"+tt.query)
		if r.status != tt.status || !strings.Contains(r.body, tt.msg) {
			t.Errorf("/draft?%s: status %d, want %d with %q\n%s", tt.query, r.status, tt.status, tt.msg, excerpt(r.body))
		}
	}
	if r := e.get(t, "/draft/download?go=1&org=x&year=2025&format=pdf"); r.status != http.StatusBadRequest {
		t.Errorf("format=pdf: status %d", r.status)
	}
}

// The draft page as a secretary uses it: peers of the school's kind
// (widened and said so), one script, one count of places to update, the
// default year shown, and "did you mean" for a name that matches nothing.
func TestDraftPeersScriptCounts(t *testing.T) {
	e := corpusEnv(t)
	page := e.mustGet(t, "/draft?go=1&org="+url.QueryEscape("城东小学"), http.StatusOK)
	doc := parse(t, page.body)
	body := text(doc)
	// The year left empty is the base's next, and the placeholder says so.
	if !strings.Contains(body, "城东小学2024年工会工作计划") {
		t.Errorf("default year: not the base's next\n%s", excerpt(page.body))
	}
	for _, in := range findAll(doc, element("input")) {
		if attr(in, "name") == "year" && attr(in, "placeholder") != "2024" {
			t.Errorf("year placeholder %q, want 2024", attr(in, "placeholder"))
		}
	}
	// Only one other primary school: widened to the middle school, and said.
	for _, want := range []string{"参考了 2 个单位（小学、中学，同类不足，加了相近类型）", "另参考了相近的中学"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q\n%s", want, excerpt(page.body))
		}
	}
	// One script: the traditional school's wording converted, the
	// citation keeping it.
	src := attr(findAll(doc, element("iframe"))[0], "src")
	view := e.mustGet(t, src, http.StatusOK).body
	md := e.mustGet(t, "/draft/download?"+strings.TrimPrefix(src, "/draft/view?")+"&format=md", http.StatusOK).body
	mainText, _, _ := strings.Cut(md, "附：起草说明")
	for _, trad := range []string{"會", "職", "學", "動"} {
		if strings.Contains(mainText, trad) {
			t.Errorf("the simplified draft carries the traditional %q", trad)
		}
	}
	if !strings.Contains(view, "城東中學") {
		t.Errorf("the citations lost the original wording")
	}
	// One count: the marks in the text.
	marks := strings.Count(mainText, "【待更新：")
	if marks == 0 {
		t.Fatalf("no place to update in the draft; the test needs one\n%s", md)
	}
	want := "正文中 " + strconv.Itoa(marks) + " 处提法需要更新"
	if !strings.Contains(body, want) || !strings.Contains(md, "正文中有 "+strconv.Itoa(marks)+" 处") {
		t.Errorf("counts disagree: %d marks; page %q, notes %q", marks, want, md[strings.Index(md, "附：起草说明"):])
	}

	// The user chooses the peers' kinds.
	page = e.mustGet(t, "/draft?go=1&org="+url.QueryEscape("城东小学")+"&peers=primary", http.StatusOK)
	if b := text(parse(t, page.body)); !strings.Contains(b, "参考了 1 个单位（小学，按您的选择）") {
		t.Errorf("chosen peers:\n%s", excerpt(page.body))
	}
	for _, in := range findAll(parse(t, page.body), element("input")) {
		if attr(in, "name") == "peers" && (attr(in, "value") == "primary") != (attr(in, "checked") != "" || hasAttr(in, "checked")) {
			t.Errorf("peer checkbox %s checked state wrong", attr(in, "value"))
		}
	}

	// A name that matches nothing: did you mean, with a link that drafts.
	r := e.get(t, "/draft?go=1&org="+url.QueryEscape("城东实验小学")+"&year=2025")
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "您要找的是不是：城东小学") {
		t.Fatalf("unknown org: status %d\n%s", r.status, excerpt(r.body))
	}
	var link string
	for _, a := range findAll(parse(t, r.body), element("a")) {
		if text(a) == "城东小学" {
			link = attr(a, "href")
		}
	}
	if got := e.mustGet(t, link, http.StatusOK).body; !strings.Contains(got, "城东小学2025年工会工作计划") {
		t.Errorf("the suggestion link %q does not draft\n%s", link, excerpt(got))
	}
	// Without a base, on purpose.
	r = e.get(t, "/draft?go=1&org="+url.QueryEscape("城东实验小学")+"&year=2025&nobase=1&peers=primary")
	if r.status != http.StatusOK || !strings.Contains(r.body, "没有本单位的底稿") {
		t.Errorf("nobase: status %d\n%s", r.status, excerpt(r.body))
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
