package web

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The two strings of the HTML-injection test: one document of
// testdata/docs carries both.
const (
	scriptAttack = "<script>alert(1)</script>"
	imgAttack    = `"><img src=x onerror=alert(1)>`
)

// checkEscaped fails when a page holds markup that did not come from the
// templates: a script, an image, an event handler attribute, or one of the
// attack strings as raw HTML.
func checkEscaped(t *testing.T, body string) {
	t.Helper()
	for _, raw := range []string{scriptAttack, "<img src=x"} {
		if strings.Contains(body, raw) {
			t.Errorf("page holds %q unescaped", raw)
		}
	}
	doc := parse(t, body)
	for _, tag := range []string{"script", "img", "object", "embed"} {
		if n := findAll(doc, element(tag)); len(n) > 0 {
			t.Errorf("page has a <%s> element", tag)
		}
	}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
			}
			if v := strings.ToLower(strings.TrimSpace(a.Val)); (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(v, "javascript:") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
}

// shown is the text of a page with its attribute values (form fields).
func shown(doc *html.Node) string {
	var b strings.Builder
	b.WriteString(text(doc))
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		for _, a := range n.Attr {
			b.WriteString("\n" + a.Val)
		}
	}
	return b.String()
}

func TestHTMLInjection(t *testing.T) {
	e := corpusEnv(t)
	id := e.docID(t, "北湖小学")
	q := url.QueryEscape
	tests := []struct {
		name, path string
		status     int
		// shows are strings the page must show as text.
		shows []string
	}{
		{"search hits", "/search?q=" + q("校务公开"), 200, []string{scriptAttack}},
		{"search query reflected", "/search?q=" + q(imgAttack) + "&org=" + q(scriptAttack), 200, []string{imgAttack}},
		{"document", "/doc/" + id, 200, []string{scriptAttack, imgAttack}},
		{"document with query", "/doc/" + id + "?q=" + q(scriptAttack), 200, []string{scriptAttack}},
		{"document list", "/docs?org=" + q(imgAttack), 200, []string{imgAttack}},
		{"compare form reflected", "/compare?go=1&noterms=1&org=" + q(imgAttack), 422, []string{imgAttack}},
		{"compare report frame", "/compare/report?go=1&noterms=1&format=html", 200, nil},
		{"draft", "/draft?go=1&org=" + q("北湖小学") + "&year=2025", 200, nil},
		{"draft frame", "/draft/view?go=1&org=" + q("北湖小学") + "&year=2025", 200, nil},
		{"not found path reflected", "/" + q(scriptAttack), 404, []string{scriptAttack}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.get(t, tt.path)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tt.status, excerpt(r.body))
			}
			checkEscaped(t, r.body)
			visible := shown(parse(t, r.body))
			for _, s := range tt.shows {
				if !strings.Contains(visible, s) {
					t.Errorf("page does not show %q as text", s)
				}
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html; charset=utf-8") {
				t.Errorf("Content-Type %q", ct)
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
				t.Errorf("Content-Security-Policy %q allows scripts", csp)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff header")
			}
		})
	}
	// The draft frame carries the document's sentence, escaped by the draft
	// package: the page must show it.
	r := e.get(t, "/draft/view?go=1&org="+q("北湖小学")+"&year=2025")
	if !strings.Contains(text(parse(t, r.body)), "工会法") {
		t.Errorf("the draft of 北湖小学 does not quote its plan")
	}
}
