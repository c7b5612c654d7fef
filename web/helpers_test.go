package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"plans/importer"
	"plans/index"
	"plans/internal/htmltest"
	"plans/pipeline"
	"plans/workspace"
)

// The documents of testdata/docs, imported once for the tests that only
// read (TestMain closes them).
var (
	sharedOnce sync.Once
	shared     *testEnv
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.close()
	}
	os.Exit(code)
}

// testEnv is a server over a temporary workspace, reached through a real
// HTTP server with a cookie jar.
type testEnv struct {
	dir    string
	ws     *workspace.Workspace
	ix     *index.Index
	srv    *Server
	ts     *httptest.Server
	client *http.Client
}

// corpusEnv returns the shared server over testdata/docs.
func corpusEnv(t *testing.T) *testEnv {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = openEnv(filepath.Join("testdata", "docs"), nil) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// freshEnv returns a server over an empty workspace of its own.
func freshEnv(t *testing.T, opts func(*Options)) *testEnv {
	t.Helper()
	e, err := openEnv("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	return e
}

func openEnv(importDir string, opts func(*Options)) (*testEnv, error) {
	dir, err := os.MkdirTemp("", "plans-web-")
	if err != nil {
		return nil, err
	}
	e := &testEnv{dir: dir}
	if e.ws, err = workspace.Open(filepath.Join(dir, "ws"), workspace.ReadWrite, "serve"); err != nil {
		return nil, err
	}
	if e.ix, err = index.Open(e.ws.IndexDir(), index.DefaultOptions()); err != nil {
		return nil, err
	}
	if importDir != "" {
		_, err := importer.Run(context.Background(), e.ws, importer.Options{Roots: []string{importDir},
			Pipeline: pipeline.DefaultOptions(), OpenIndex: func() (importer.Indexer, error) { return e.ix, nil }})
		if err != nil {
			return nil, err
		}
	}
	o := Options{Workspace: e.ws, Index: e.ix, Pipeline: pipeline.DefaultOptions()}
	if opts != nil {
		opts(&o)
	}
	if e.srv, err = New(o); err != nil {
		return nil, err
	}
	e.ts = httptest.NewServer(e.srv.Handler())
	jar, _ := cookiejar.New(nil)
	e.client = &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return e, nil
}

func (e *testEnv) close() {
	if e.ts != nil {
		e.ts.Close()
	}
	if e.srv != nil {
		e.srv.Close()
	}
	if e.ix != nil {
		e.ix.Close()
	}
	if e.ws != nil {
		e.ws.Close()
	}
	os.RemoveAll(e.dir)
}

// response is what a request brought back.
type response struct {
	status int
	header http.Header
	body   string
}

func (e *testEnv) do(t *testing.T, req *http.Request) *response {
	t.Helper()
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (e *testEnv) get(t *testing.T, path string) *response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e.do(t, req)
}

// mustGet gets path and fails unless the status is want.
func (e *testEnv) mustGet(t *testing.T, path string, want int) *response {
	t.Helper()
	r := e.get(t, path)
	if r.status != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, r.status, want, excerpt(r.body))
	}
	return r
}

// token loads a page with a form (which sets the cookie) and returns the
// form's CSRF token.
func (e *testEnv) token(t *testing.T) string {
	t.Helper()
	doc := parse(t, e.mustGet(t, "/import", http.StatusOK).body)
	for _, in := range findAll(doc, element("input")) {
		if attr(in, "name") == "csrf" {
			return attr(in, "value")
		}
	}
	t.Fatal("the import page has no csrf field")
	return ""
}

func (e *testEnv) postForm(t *testing.T, path string, form url.Values, origin string) *response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return e.do(t, req)
}

// upFile is a file to upload.
type upFile struct {
	name string
	data []byte
}

// upload posts files as the import form does: the token first, then the
// files. An empty origin sends no Origin header.
func (e *testEnv) upload(t *testing.T, token, origin string, files ...upFile) *response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if token != "" {
		mw.WriteField("csrf", token)
	}
	for _, f := range files {
		w, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+"/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return e.do(t, req)
}

// waitJob follows an upload's redirect to its job page and waits for the
// import to end; it returns the final job page.
func (e *testEnv) waitJob(t *testing.T, r *response) *response {
	t.Helper()
	if r.status != http.StatusSeeOther {
		t.Fatalf("upload: status %d, want 303\n%s", r.status, excerpt(r.body))
	}
	loc := r.header.Get("Location")
	if !strings.HasPrefix(loc, "/import/") {
		t.Fatalf("upload redirects to %q", loc)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		page := e.mustGet(t, loc, http.StatusOK)
		if !strings.Contains(page.body, `http-equiv="refresh"`) {
			return page
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %s did not finish:\n%s", loc, excerpt(page.body))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// excerpt shortens a page for a failure message.
func excerpt(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// HTML helpers, short names for the tests of this package.
var (
	parse   = func(t *testing.T, body string) *html.Node { return htmltest.Parse(t, body) }
	findAll = htmltest.FindAll
	element = htmltest.Element
	class   = htmltest.Class
	attr    = htmltest.Attr
	text    = htmltest.Text
	texts   = htmltest.Texts
)

// docID returns the id of the shared corpus's document whose title
// contains s.
func (e *testEnv) docID(t *testing.T, s string) string {
	t.Helper()
	docs, _, err := e.srv.corpus()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if strings.Contains(d.Title, s) {
			return d.ID
		}
	}
	t.Fatalf("no document titled %q", s)
	return ""
}

func (e *testEnv) origin() string { return e.ts.URL }
