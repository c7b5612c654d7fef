// Package web is the local web page of plans (plans serve): search with
// facets, one document with its outline, calendar and targets, comparison
// reports, drafting, and import by upload, over one workspace.
//
// Pages are rendered on the server with html/template from templates and a
// style sheet embedded in the binary; no external resource. One small
// script (static/upload.js) adds folder drop, a size check and progress to
// the upload form, which works without it. Everything taken from a document is escaped. The server is the
// one writer of its workspace: it holds the workspace lock for as long as it
// runs, runs imports one at a time, and shares one open index between
// searches and imports.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"plans/corpus"
	"plans/draft"
	"plans/index"
	"plans/internal/errtext"
	"plans/internal/zhtext"
	"plans/pipeline"
	"plans/report"
	"plans/script"
	"plans/workspace"
)

// Options configure a Server.
type Options struct {
	// Workspace is the workspace the server shows, opened ReadWrite (the
	// server is its one writer while it runs).
	Workspace *workspace.Workspace
	// Index is the workspace's open search index, shared by searches and
	// imports.
	Index *index.Index
	// Pipeline, Workers and FileTimeout configure imports (as in
	// plans import).
	Pipeline    pipeline.Options
	Workers     int
	FileTimeout time.Duration
	// Upload limits uploads; zero fields take their defaults from Pipeline
	// (see UploadLimits).
	Upload UploadLimits
	// AllowedHosts are the Host headers the server answers (host:port, in
	// lower case). Requests naming another host are refused, which keeps
	// other web sites from reaching a loopback server through DNS
	// rebinding. Empty accepts any host.
	AllowedHosts []string
	// Log receives errors that users see only as a sentence; nil discards
	// them.
	Log *log.Logger
}

// Server is the web page over one workspace. Create it with New, serve
// Handler, and Close it when done.
type Server struct {
	ws   *workspace.Workspace
	ix   *index.Index
	opts Options
	lim  UploadLimits
	conv *script.Converter
	log  *log.Logger

	pages   map[string]*template.Template
	handler http.Handler
	csrf    string
	hosts   map[string]bool

	ctx    context.Context // cancelled by Close: stops imports
	cancel context.CancelFunc
	wg     sync.WaitGroup

	// writer is held by whoever writes the workspace (an import, a
	// removal): one at a time.
	writer chan struct{}
	jobs   *jobList

	gen     atomic.Uint64 // bumped whenever the store changes
	snapMu  sync.Mutex
	snap    []corpus.Document
	snapGen uint64
	reports *cache[*report.Report]
	drafts  *cache[*draft.Draft]
	flash   *cache[string] // messages shown once after a redirect
}

// New makes a server over opts.Workspace and opts.Index.
func New(opts Options) (*Server, error) {
	if opts.Workspace == nil || opts.Index == nil {
		return nil, errors.New("web: a workspace and an index are required")
	}
	if opts.Workspace.Mode() != workspace.ReadWrite {
		return nil, errors.New("web: the workspace must be opened for writing")
	}
	conv, err := script.Default()
	if err != nil {
		return nil, err
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	token := make([]byte, 32)
	if _, err := rand.Read(token); err != nil {
		return nil, fmt.Errorf("csrf token: %w", err)
	}
	logger := opts.Log
	if logger == nil {
		logger = log.New(io.Discard, "", 0)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		ws: opts.Workspace, ix: opts.Index, opts: opts, lim: opts.Upload.withDefaults(opts.Pipeline),
		conv: conv, log: logger, pages: pages, csrf: hex.EncodeToString(token),
		ctx: ctx, cancel: cancel, writer: make(chan struct{}, 1), jobs: newJobList(),
		reports: newCache[*report.Report](8), drafts: newCache[*draft.Draft](8), flash: newCache[string](16),
	}
	if len(opts.AllowedHosts) > 0 {
		s.hosts = make(map[string]bool)
		for _, h := range opts.AllowedHosts {
			s.hosts[strings.ToLower(h)] = true
		}
	}
	s.jobs.log = logger.Printf
	if err := s.jobs.load(jobsFile(opts.Workspace.Dir)); err != nil {
		cancel()
		return nil, err
	}
	s.handler = s.secure(s.routes())
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops running imports and waits for them to end. The workspace
// and the index stay open: they belong to the caller.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	return nil
}

// routes is the one list of the server's pages.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", s.handle(s.home))
	mux.Handle("GET /search", s.handle(s.search))
	mux.Handle("GET /docs", s.handle(s.documents))
	mux.Handle("GET /doc/{id}", s.handle(s.document))
	mux.Handle("GET /export.jsonl", s.handle(s.export))
	mux.Handle("POST /remove", s.handle(s.remove))
	mux.Handle("POST /remove/undo", s.handle(s.undoRemove))
	mux.Handle("GET /compare", s.handle(s.compare))
	mux.Handle("GET /compare/report", s.handle(s.compareReport))
	mux.Handle("GET /draft", s.handle(s.draft))
	mux.Handle("GET /draft/view", s.handle(s.draftView))
	mux.Handle("GET /draft/download", s.handle(s.draftDownload))
	mux.Handle("GET /review", s.handle(s.reviewForm))
	mux.Handle("GET /review/report", s.handle(s.reviewReport))
	mux.Handle("GET /import", s.handle(s.importPage))
	mux.Handle("POST /import", s.handle(s.upload))
	mux.Handle("GET /import/{job}", s.handle(s.jobPage))
	mux.Handle("GET /static/", staticHandler())
	mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, "没有这个页面：%s", r.URL.Path)
	}))
	return mux
}

// Security headers. Pages of the server run no script, except the import
// page, which runs the server's own static/upload.js (folder drop, size
// check, progress; the form works without it); the self-contained report
// and draft pages carry their own inline styles.
const (
	pageCSP   = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
	uploadCSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	frameCSP  = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'self'"
)

const csrfCookie = "plans_csrf"

// secure refuses foreign hosts, sets the security headers and hands out the
// CSRF cookie.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.hosts != nil && !s.hosts[strings.ToLower(r.Host)] {
			http.Error(w, "此地址不受理（Host 不符）", http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if c, err := r.Cookie(csrfCookie); err != nil || c.Value != s.csrf {
			http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: s.csrf, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode})
		}
		next.ServeHTTP(w, r)
	})
}

// frameHeaders lets a self-contained page be shown in a frame of the
// server's own pages.
func frameHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", frameCSP)
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
}

// checkOrigin accepts a state-changing request only when the browser says
// it comes from one of the server's own pages.
func (s *Server) checkOrigin(r *http.Request) error {
	self := "http://" + r.Host
	if r.TLS != nil {
		self = "https://" + r.Host
	}
	if o := r.Header.Get("Origin"); o != "" {
		if !strings.EqualFold(o, self) {
			return errorf(http.StatusForbidden, "请求来自别的网站（%s），已拒绝", o)
		}
		return nil
	}
	ref := r.Header.Get("Referer")
	if ref == "" {
		return errorf(http.StatusForbidden, "请求没有来源信息，已拒绝：请从本页面提交")
	}
	u, err := url.Parse(ref)
	if err != nil || !strings.EqualFold(u.Scheme+"://"+u.Host, self) {
		return errorf(http.StatusForbidden, "请求来自别的网站，已拒绝")
	}
	return nil
}

// checkToken compares the form's token and the cookie with the server's.
func (s *Server) checkToken(r *http.Request, token string) error {
	c, err := r.Cookie(csrfCookie)
	if err != nil || !equalToken(c.Value, s.csrf) || !equalToken(token, s.csrf) {
		return errorf(http.StatusForbidden, "表单已过期或不是从本页面提交的（例如服务重启过）：请刷新页面后再提交")
	}
	return nil
}

func equalToken(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// checkForm checks an url-encoded POST: origin and token.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkOrigin(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return errorf(http.StatusBadRequest, "表单无法读取")
	}
	return s.checkToken(r, r.PostForm.Get("csrf"))
}

// httpError is an error with a status and a sentence for users.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, a ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, a...)}
}

// handlerFunc is a page handler: it writes a complete response, or returns
// an error before writing anything.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle turns a handler's error into a status and an error page.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := s.describe(r, err)
		if status == 0 {
			return // the client went away
		}
		p := &errorPage{chrome: s.chrome("出错了", ""), Status: status, Message: msg}
		if status == http.StatusInternalServerError {
			p.Detail = err.Error()
		}
		if werr := s.render(w, status, "error", p); werr != nil {
			s.log.Printf("render error page: %v", werr)
			http.Error(w, msg, status)
		}
	})
}

// describe maps an error to a status and a sentence (status 0: nothing to
// answer).
func (s *Server) describe(r *http.Request, err error) (int, string) {
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("上传的内容太大（一次最多 %s）", zhtext.Size(mbe.Limit))
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		return 0, ""
	}
	switch class, msg := errtext.Describe(err, errtext.Web); class {
	case errtext.NotFound:
		return http.StatusNotFound, msg
	case errtext.Invalid:
		return http.StatusBadRequest, msg
	case errtext.Busy, errtext.Outdated:
		return http.StatusServiceUnavailable, msg
	case errtext.Empty:
		return http.StatusConflict, msg
	case errtext.DiskFull:
		return http.StatusInsufficientStorage, msg
	}
	s.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
	return http.StatusInternalServerError, "服务出错了，没能完成这个请求。详细信息也记录在运行 plans serve 的终端里。"
}

type errorPage struct {
	chrome
	Status  int
	Message string
	Detail  string // the internal error, for a 500
}
