package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
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
