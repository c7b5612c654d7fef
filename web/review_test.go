package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plans/internal/fixture"
	"plans/internal/txtar"
)

// reviewCorpusEnv is a server over the plans and summaries written for the
// review tests (../review/testdata/corpus.txtar).
func reviewCorpusEnv(t *testing.T) *testEnv {
	t.Helper()
	dir := t.TempDir()
	a := txtar.Read(t, filepath.Join("..", "review", "testdata", "corpus.txtar"))
	for name, text := range a.Files {
		data := []byte(text + "\n")
		if base, ok := strings.CutSuffix(name, "@big5"); ok {
			name, data = base, fixture.Encode(string(data), "big5")
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := openEnv(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	return e
}

func TestReviewPage(t *testing.T) {
	e := reviewCorpusEnv(t)
	q := url.QueryEscape
	page := e.mustGet(t, "/review?go=1&org="+q("青松路小学")+"&year=2024", http.StatusOK)
	checkEscaped(t, page.body)
	doc := parse(t, page.body)
	shownText := text(doc)
	for _, want := range []string{"青松路小学2024年工会工作计划", "青松路小学2024年工会工作总结", "总结中未提及 1 项", "同年的总结"} {
		if !strings.Contains(shownText, want) {
			t.Errorf("the review page does not show %q\n%s", want, excerpt(page.body))
		}
	}
	frames := findAll(doc, element("iframe"))
	if len(frames) != 1 {
		t.Fatalf("%d frames", len(frames))
	}
	frame := e.mustGet(t, attr(frames[0], "src"), http.StatusOK)
	if csp := frame.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("frame CSP %q", csp)
	}
	checkEscaped(t, frame.body)
	fdoc := parse(t, frame.body)
	var notFound, missed []string
	for _, tr := range findAll(fdoc, class("not-found")) {
		if tr.Data == "tr" {
			notFound = append(notFound, text(tr))
		}
	}
	for _, tr := range findAll(fdoc, class("missed")) {
		if tr.Data == "tr" {
			missed = append(missed, text(tr))
		}
	}
	if len(notFound) != 1 || !strings.Contains(notFound[0], "开展民主评议") || !strings.Contains(notFound[0], "总结中未提及") {
		t.Errorf("not-found rows %q, want the one 民主评议 item", notFound)
	}
	if len(missed) != 1 || !strings.Contains(missed[0], "体检率达到100%") || !strings.Contains(missed[0], "98%") {
		t.Errorf("missed targets %q, want 体检率 (98%% of 100%%)", missed)
	}

	var md, js, draft string
	for _, a := range findAll(doc, element("a")) {
		switch h := attr(a, "href"); {
		case strings.Contains(h, "format=md"):
			md = h
		case strings.Contains(h, "format=json"):
			js = h
		case strings.HasPrefix(h, "/draft?"):
			draft = h
		}
	}
	if md == "" || js == "" || draft == "" {
		t.Fatalf("downloads md %q json %q, draft link %q", md, js, draft)
	}
	r := e.mustGet(t, js, http.StatusOK)
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("json Content-Disposition %q", cd)
	}
	var rv struct {
		Org   string `json:"org"`
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(r.body), &rv); err != nil || rv.Org != "青松路小学" || len(rv.Items) == 0 {
		t.Errorf("json download: %v %+v", err, rv)
	}
	if r := e.mustGet(t, md, http.StatusOK); !strings.HasPrefix(r.body, "# 对照检查：青松路小学 2024年") {
		t.Errorf("md download:\n%s", excerpt(r.body))
	}

	// The draft of the next year links back to this review and carries
	// the unreported items over.
	dpage := e.mustGet(t, draft, http.StatusOK)
	ddoc := parse(t, dpage.body)
	back := ""
	for _, a := range findAll(ddoc, element("a")) {
		if h := attr(a, "href"); strings.HasPrefix(h, "/review?") {
			back = h
		}
	}
	if !strings.Contains(back, "plan=") || !strings.Contains(back, "summary=") {
		t.Errorf("the draft page does not link to its review: %q", back)
	}
	if !strings.Contains(text(ddoc), "1 项上年未完成") && !strings.Contains(text(ddoc), "项上年未完成或总结未提及") {
		t.Errorf("the draft page does not sum up the carry-over\n%s", excerpt(dpage.body))
	}
	if page := e.mustGet(t, back, http.StatusOK); !strings.Contains(text(parse(t, page.body)), "青松路小学2024年工会工作总结") {
		t.Errorf("the review linked from the draft is not 青松路小学's 2024 review")
	}
}

func TestReviewPageLinksAndErrors(t *testing.T) {
	e := reviewCorpusEnv(t)
	q := url.QueryEscape
	// A document page links to its review.
	for _, title := range []string{"海棠幼兒園2023年工會工作計劃", "海棠幼兒園2023年工會工作總結"} {
		id := e.docID(t, title)
		doc := parse(t, e.mustGet(t, "/doc/"+id, http.StatusOK).body)
		link := ""
		for _, a := range findAll(doc, element("a")) {
			if h := attr(a, "href"); strings.HasPrefix(h, "/review?") {
				link = h
			}
		}
		if !strings.Contains(link, id) {
			t.Fatalf("the page of %s does not link to its review (%q)", title, link)
		}
		page := e.mustGet(t, link, http.StatusOK)
		if !strings.Contains(text(parse(t, page.body)), "海棠幼兒園2023年工會工作總結") {
			t.Errorf("the review from %s is not 海棠幼兒園's 2023 review\n%s", title, excerpt(page.body))
		}
	}
	tests := []struct {
		path   string
		status int
		says   string
	}{
		{"/review?go=1&org=" + q("云杉路小学") + "&year=2024", http.StatusUnprocessableEntity, "找不到工作总结"},
		{"/review?go=1&org=" + q("青松路小学") + "&year=2019", http.StatusUnprocessableEntity, "找不到工作计划"},
		{"/review?go=1&org=" + q("青松路小学"), http.StatusBadRequest, "请填写单位和年份"},
		{"/review?go=1&org=" + q(imgAttack) + "&year=2024", http.StatusUnprocessableEntity, imgAttack},
		{"/review?year=abc", http.StatusBadRequest, "年份“abc”无效"},
		{"/review/report?go=1&org=" + q("青松路小学") + "&year=2024&format=docx", http.StatusBadRequest, "不支持的格式"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := e.get(t, tt.path)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tt.status, excerpt(r.body))
			}
			checkEscaped(t, r.body)
			if !strings.Contains(shown(parse(t, r.body)), tt.says) {
				t.Errorf("the page does not say %q\n%s", tt.says, excerpt(r.body))
			}
		})
	}
}
