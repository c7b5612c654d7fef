package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"plans/corpus"
	"plans/draft"
)

// draftPage is the form of plans draft and, once submitted, the draft in a
// frame with its .docx and .md downloads.
type draftPage struct {
	chrome
	Org, Year, Base string
	YearHint        int
	Orgs            []string
	Bases           []docOption
	Problem         string
	Draft           *draft.Draft
	Gaps            []string
	FrameSrc        string
	DocxHref        string
	MdHref          string
}

type draftForm struct {
	org, base string
	year      int
	submitted bool
	canonical url.Values
}

func parseDraft(q url.Values) (draftForm, error) {
	f := draftForm{org: strings.TrimSpace(q.Get("org")), base: strings.TrimSpace(q.Get("base")), submitted: q.Get("go") == "1"}
	if y := strings.TrimSuffix(strings.TrimSpace(q.Get("year")), "年"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return f, fmt.Errorf("年份“%s”无效：应为四位数字，例如 %d", q.Get("year"), time.Now().Year()+1)
		}
		f.year = n
	}
	if f.submitted && f.org == "" && f.base == "" {
		return f, errors.New("请填写本单位名称（或选择一份底稿）")
	}
	f.canonical = url.Values{"go": {"1"}}
	if f.org != "" {
		f.canonical.Set("org", f.org)
	}
	if f.year != 0 {
		f.canonical.Set("year", strconv.Itoa(f.year))
	}
	if f.base != "" {
		f.canonical.Set("base", f.base)
	}
	return f, nil
}

// buildDraft drafts a plan as plans draft does, or takes it from the cache.
func (s *Server) buildDraft(f draftForm) (*draft.Draft, error) {
	docs, gen, err := s.corpus()
	if err != nil {
		return nil, err
	}
	key := strconv.FormatUint(gen, 10) + "?" + f.canonical.Encode()
	if d, ok := s.drafts.get(key); ok {
		return d, nil
	}
	o := draft.DefaultOptions()
	o.Org, o.Year, o.BaseID, o.Simplify = f.org, f.year, f.base, s.conv.Simplify
	o.ReviewLanguage = s.reviewLanguage
	d, err := draft.Build(docs, o)
	switch {
	case errors.Is(err, draft.ErrNoYear):
		return nil, errorf(http.StatusUnprocessableEntity, "%v：请填写计划年份", err)
	case errors.Is(err, draft.ErrBaseNotFound), errors.Is(err, draft.ErrNoSources):
		return nil, errorf(http.StatusUnprocessableEntity, "%v", err)
	case err != nil:
		return nil, err
	}
	s.drafts.put(key, d)
	return d, nil
}

func (s *Server) draft(w http.ResponseWriter, r *http.Request) error {
	f, perr := parseDraft(r.URL.Query())
	p := &draftPage{chrome: s.chrome("起草", "draft"), Org: f.org, Base: f.base, YearHint: time.Now().Year() + 1}
	if f.year != 0 {
		p.Year = strconv.Itoa(f.year)
	} else {
		p.Year = strings.TrimSpace(r.URL.Query().Get("year"))
	}
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p.Orgs = orgNames(docs)
	p.Bases = docOptions(docs, []string{f.base}, func(d *corpus.Document) bool {
		return d.Relevant && (d.Kind == corpus.KindPlan || d.Kind == corpus.KindPoints)
	})
	status := http.StatusOK
	switch {
	case perr != nil:
		p.Problem, status = perr.Error(), http.StatusBadRequest
	case f.submitted:
		d, err := s.buildDraft(f)
		var he *httpError
		if errors.As(err, &he) {
			p.Problem, status = he.msg, he.status
			break
		}
		if err != nil {
			return err
		}
		p.Draft = d
		p.Title = d.Title + " · 起草"
		for _, g := range d.Gaps {
			p.Gaps = append(p.Gaps, fmt.Sprintf("%s（%d/%d 个同类单位有）", g.Name, g.Peers, g.Of))
		}
		q := f.canonical.Encode()
		p.FrameSrc = "/draft/view?" + q
		p.DocxHref = "/draft/download?" + q + "&format=docx"
		p.MdHref = "/draft/download?" + q + "&format=md"
	}
	return s.render(w, status, "draft", p)
}

// draftView writes the draft as its own HTML page for the frame; its
// citations open the cited document in the whole window.
func (s *Server) draftView(w http.ResponseWriter, r *http.Request) error {
	f, err := parseDraft(r.URL.Query())
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	d, err := s.buildDraft(f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := draft.WriteHTMLWith(&buf, d, draft.HTMLOptions{DocURL: "/doc/"}); err != nil {
		return err
	}
	page := buf.Bytes()
	if i := bytes.Index(page, []byte("<head>")); i >= 0 {
		i += len("<head>")
		page = append(page[:i:i], append([]byte(`<base target="_top">`), page[i:]...)...)
	}
	frameHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(page)
	return err
}

// draftDownload writes the draft as .docx or .md.
func (s *Server) draftDownload(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseDraft(q)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	d, err := s.buildDraft(f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := fileName(d.Title)
	switch format := q.Get("format"); format {
	case "docx":
		if err := draft.WriteDOCX(&buf, d); err != nil {
			return err
		}
		return download(w, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name+".docx", buf.Bytes())
	case "md":
		if err := draft.WriteMarkdown(&buf, d); err != nil {
			return err
		}
		return download(w, "text/markdown; charset=utf-8", name+".md", buf.Bytes())
	default:
		return errorf(http.StatusBadRequest, "不支持的格式 %q：可用 docx、md", format)
	}
}

// fileName makes a title usable as a file name.
func fileName(title string) string {
	name := strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(title))
	if name == "" {
		return "草稿"
	}
	return name
}
