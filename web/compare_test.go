package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComparePage(t *testing.T) {
	e := corpusEnv(t)
	// The form alone: no report yet, every document offered.
	form := e.mustGet(t, "/compare", http.StatusOK).body
	doc := parse(t, form)
	if len(findAll(doc, element("iframe"))) != 0 {
		t.Errorf("the bare form already shows a report")
	}
	var offered int
	for _, in := range findAll(doc, element("input")) {
		if attr(in, "name") == "doc" {
			offered++
		}
	}
	if offered != 4 {
		t.Errorf("%d documents offered, want 4", offered)
	}

	tests := []struct {
		name, query string
		wantDocs    int
		wantOrgs    int
	}{
		{"everything by organisation", "go=1&by=org&noterms=1", 4, 4},
		{"plans of 2022-2023", "go=1&year=2022-2023&kind=plan&noterms=1", 2, 2},
		{"one organisation in the other script", "go=1&org=" + url.QueryEscape("城東小學") + "&noterms=1", 1, 1},
		{"with distinctive terms", "go=1&by=year", 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := parse(t, e.mustGet(t, "/compare?"+tt.query, http.StatusOK).body)
			// The report is a page of its own, not a frame; the form's
			// result links to it and to each of its parts.
			if n := len(findAll(page, element("iframe"))); n != 0 {
				t.Errorf("%d frames", n)
			}
			var open string
			var contents []string
			for _, a := range findAll(page, element("a")) {
				h := attr(a, "href")
				switch {
				case text(a) == "打开对比报告":
					open = h
				case strings.HasPrefix(h, "/compare/report?") && strings.Contains(h, "#"):
					contents = append(contents, h[strings.Index(h, "#")+1:])
				}
			}
			if open == "" {
				t.Fatal("no link to the report")
			}
			own := e.mustGet(t, open, http.StatusOK)
			if !strings.Contains(own.body, "工会工作计划对比报告") || !strings.Contains(own.body, "返回对比设置") {
				t.Errorf("report page %s is not the report with a way back", open)
			}
			if csp := own.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "script") {
				t.Errorf("report CSP %q", csp)
			}
			// Every entry of the table of contents is a part of the report.
			if len(contents) != len(reportContents) {
				t.Errorf("table of contents %q", contents)
			}
			for _, id := range contents {
				if !strings.Contains(own.body, `id="`+id+`"`) {
					t.Errorf("the report has no part #%s", id)
				}
			}
			var links []string
			for _, a := range findAll(page, class("button")) {
				links = append(links, attr(a, "href"))
			}
			var jsonHref string
			for _, l := range links {
				if strings.Contains(l, "format=json") {
					jsonHref = l
				}
			}
			if jsonHref == "" {
				t.Fatalf("no JSON download among %q", links)
			}
			r := e.mustGet(t, jsonHref, http.StatusOK)
			if !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") {
				t.Errorf("JSON is not a download")
			}
			var rep struct {
				Scope struct {
					Documents int `json:"documents"`
					Orgs      int `json:"orgs"`
				} `json:"scope"`
			}
			if err := json.Unmarshal([]byte(r.body), &rep); err != nil {
				t.Fatalf("report JSON: %v", err)
			}
			if diff := cmp.Diff([2]int{tt.wantDocs, tt.wantOrgs}, [2]int{rep.Scope.Documents, rep.Scope.Orgs}); diff != "" {
				t.Errorf("documents, orgs (-want +got):\n%s", diff)
			}
		})
	}

	md := e.mustGet(t, "/compare/report?go=1&noterms=1&format=md", http.StatusOK)
	if !strings.HasPrefix(md.body, "#") || !strings.Contains(md.header.Get("Content-Type"), "markdown") {
		t.Errorf("Markdown download: %q…", md.body[:min(len(md.body), 40)])
	}

	// Choosing documents compares exactly those.
	a, b := e.docID(t, "城东小学"), e.docID(t, "北湖小学")
	r := e.mustGet(t, "/compare/report?go=1&noterms=1&format=json&doc="+a+"&doc="+b, http.StatusOK)
	var rep struct {
		Documents []struct{ ID string } `json:"documents"`
	}
	if err := json.Unmarshal([]byte(r.body), &rep); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range rep.Documents {
		ids = append(ids, d.ID)
	}
	if diff := cmp.Diff([]string{a, b}, ids); diff != "" {
		t.Errorf("chosen documents (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		query  string
		status int
		msg    string
	}{
		{"go=1&noterms=1&org=" + url.QueryEscape("不存在的单位"), 422, "没有符合条件的文档"},
		{"go=1&by=month", 400, "分组方式"},
		{"go=1&year=20x", 400, "年份"},
		{"go=1&noterms=1&doc=ffffffffff-1", 422, "找不到文档"},
	} {
		r := e.get(t, "/compare?"+tt.query)
		if r.status != tt.status || !strings.Contains(r.body, tt.msg) {
			t.Errorf("/compare?%s: status %d, want %d with %q", tt.query, r.status, tt.status, tt.msg)
		}
	}
}
