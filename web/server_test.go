package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"plans/workspace"
)

func TestStaticAndErrors(t *testing.T) {
	e := corpusEnv(t)
	css := e.mustGet(t, "/static/style.css", http.StatusOK)
	if ct := css.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("style.css Content-Type %q", ct)
	}
	icon := e.get(t, "/favicon.ico")
	if icon.status != http.StatusMovedPermanently || icon.header.Get("Location") != "/static/favicon.svg" {
		t.Errorf("favicon.ico: %d %q", icon.status, icon.header.Get("Location"))
	}
	if svg := e.mustGet(t, "/static/favicon.svg", http.StatusOK); !strings.HasPrefix(svg.header.Get("Content-Type"), "image/svg+xml") {
		t.Errorf("favicon.svg Content-Type %q", svg.header.Get("Content-Type"))
	}
	if r := e.get(t, "/static/"); r.status != http.StatusNotFound {
		t.Errorf("/static/ lists the folder: %d", r.status)
	}
	r := e.get(t, "/nothing-here")
	if r.status != http.StatusNotFound || !strings.Contains(r.body, "没有这个页面") || !strings.Contains(r.body, `href="/static/style.css"`) {
		t.Errorf("unknown page: %d\n%s", r.status, excerpt(r.body))
	}
	if r := e.get(t, "/import/unknown-job"); r.status != http.StatusNotFound || !strings.Contains(r.body, "没有这个导入任务") {
		t.Errorf("unknown job: %d", r.status)
	}
}

func TestAllowedHosts(t *testing.T) {
	e := freshEnv(t, func(o *Options) { o.AllowedHosts = []string{"127.0.0.1:8080", "localhost:8080"} })
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:8080", http.StatusOK},
		{"LOCALHOST:8080", http.StatusOK},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"127.0.0.1:9999", http.StatusMisdirectedRequest},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/search", nil)
		req.Host = tt.host
		e.srv.Handler().ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("Host %s: status %d, want %d", tt.host, rec.Code, tt.want)
		}
	}
}

func TestImportProgress(t *testing.T) {
	e := freshEnv(t, nil)
	// A running import shows its progress and reloads itself.
	j := &job{ID: "j1", Created: time.Now(), state: jobRunning, started: time.Now()}
	e.srv.jobs.add(j)
	p := jobProgress{j, e.srv}
	p.Start(4)
	p.Step("甲.txt", workspace.FileOK)
	page := e.mustGet(t, "/import/j1", http.StatusOK).body
	for _, want := range []string{`<meta http-equiv="refresh" content="1">`, `<progress max="4" value="1">`, "已处理 1/4 个文件", "甲.txt"} {
		if !strings.Contains(page, want) {
			t.Errorf("running job page lacks %q\n%s", want, excerpt(page))
		}
	}
	if list := e.mustGet(t, "/import", http.StatusOK).body; !strings.Contains(list, `http-equiv="refresh"`) || !strings.Contains(list, "正在导入 1/4") {
		t.Errorf("the import page does not follow the running job\n%s", excerpt(list))
	}

	// An upload waits while another writer is busy, then runs.
	if err := e.srv.acquire(t.Context()); err != nil {
		t.Fatal(err)
	}
	r := e.upload(t, e.token(t), e.origin(), upFile{"乙.txt", []byte("溪北小学2024年工会工作计划\n一、指导思想\n团结教职工。\n")})
	if r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d", r.status)
	}
	queued := e.mustGet(t, r.header.Get("Location"), http.StatusOK).body
	if !strings.Contains(queued, "排队中") || !strings.Contains(queued, `http-equiv="refresh"`) {
		t.Errorf("queued job page:\n%s", excerpt(queued))
	}
	e.srv.release()
	done := e.waitJob(t, r)
	if !strings.Contains(done.body, "导入完成") || !strings.Contains(done.body, "溪北小学2024年工会工作计划") {
		t.Errorf("job after release:\n%s", excerpt(done.body))
	}
}
