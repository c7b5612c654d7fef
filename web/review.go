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
	"plans/index"
	"plans/review"
	"plans/segment"
)

// reviewPage is the form of plans review (对照检查) and, once submitted,
// the review in a frame with its downloads.
type reviewPage struct {
	chrome
	Org, Year        string
	Plan, Summary    string
	Orgs             []string
	Plans, Summaries []docOption
	Problem          string
	Review           *review.Review
	FrameSrc         string
	Downloads        []link
	DraftHref        string
}

type reviewForm struct {
	org, plan, summary string
	year               int
	submitted          bool
	canonical          url.Values
}

func parseReview(q url.Values) (reviewForm, error) {
	f := reviewForm{org: strings.TrimSpace(q.Get("org")), plan: strings.TrimSpace(q.Get("plan")),
		summary: strings.TrimSpace(q.Get("summary")), submitted: q.Get("go") == "1"}
	if y := strings.TrimSuffix(strings.TrimSpace(q.Get("year")), "年"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return f, fmt.Errorf("年份“%s”无效：应为四位数字，例如 %d", q.Get("year"), time.Now().Year()-1)
		}
		f.year = n
	}
	if f.submitted && f.plan == "" && f.summary == "" && (f.org == "" || f.year == 0) {
		return f, errors.New("请填写单位和年份（或选择一份计划、一份总结）")
	}
	f.canonical = url.Values{"go": {"1"}}
	if f.org != "" {
		f.canonical.Set("org", f.org)
	}
	if f.year != 0 {
		f.canonical.Set("year", strconv.Itoa(f.year))
	}
	if f.plan != "" {
		f.canonical.Set("plan", f.plan)
	}
	if f.summary != "" {
		f.canonical.Set("summary", f.summary)
	}
	return f, nil
}

// buildReview holds a plan against its summary as plans review does.
func (s *Server) buildReview(r *http.Request, f reviewForm) (*review.Review, error) {
	docs, _, err := s.corpus()
	if err != nil {
		return nil, err
	}
	o, err := s.reviewLanguage()
	if err != nil {
		return nil, err
	}
	o.Org, o.Year, o.PlanID, o.SummaryID = f.org, f.year, f.plan, f.summary
	rv, err := review.Build(r.Context(), docs, o)
	switch {
	case errors.Is(err, review.ErrNoPlan), errors.Is(err, review.ErrNoSummary), errors.Is(err, review.ErrUnknownDoc),
		errors.Is(err, review.ErrNotPlan), errors.Is(err, review.ErrNotSummary), errors.Is(err, review.ErrNoSelection):
		return nil, errorf(http.StatusUnprocessableEntity, "%v", err)
	case err != nil:
		return nil, err
	}
	return rv, nil
}

func (s *Server) reviewForm(w http.ResponseWriter, r *http.Request) error {
	f, perr := parseReview(r.URL.Query())
	p := &reviewPage{chrome: s.chrome("对照检查", "docs"), Org: f.org, Plan: f.plan, Summary: f.summary}
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
	p.Plans = docOptions(docs, []string{f.plan}, func(d *corpus.Document) bool {
		return d.Relevant && (d.Kind == corpus.KindPlan || d.Kind == corpus.KindPoints)
	})
	p.Summaries = docOptions(docs, []string{f.summary}, func(d *corpus.Document) bool {
		return d.Relevant && d.Kind == corpus.KindSummary
	})
	status := http.StatusOK
	switch {
	case perr != nil:
		p.Problem, status = perr.Error(), http.StatusBadRequest
	case f.submitted:
		rv, err := s.buildReview(r, f)
		var he *httpError
		if errors.As(err, &he) {
			p.Problem, status = he.msg, he.status
			break
		}
		if err != nil {
			return err
		}
		p.Review = rv
		p.Title = "对照检查：" + rv.Plan.Title
		base := "/review/report?" + f.canonical.Encode()
		p.FrameSrc = base + "&format=html"
		p.Downloads = []link{{"网页（HTML，可打印）", base + "&format=html&download=1"},
			{"Markdown", base + "&format=md"}, {"JSON", base + "&format=json"}}
		if rv.Org != "" && rv.Year != 0 {
			p.DraftHref = "/draft?" + url.Values{"go": {"1"}, "org": {rv.Org}, "year": {strconv.Itoa(rv.Year + 1)}}.Encode()
		}
	}
	return s.render(w, status, "review", p)
}

// reviewReport writes a review: HTML for the frame (or as a download),
// Markdown or JSON as downloads.
func (s *Server) reviewReport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseReview(q)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	rv, err := s.buildReview(r, f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format := q.Get("format"); format {
	case "html", "":
		if err := review.WriteHTML(&buf, rv); err != nil {
			return err
		}
		if q.Get("download") == "1" {
			return download(w, "text/html; charset=utf-8", "对照检查.html", buf.Bytes())
		}
		frameHeaders(w)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, err := w.Write(buf.Bytes())
		return err
	case "md":
		if err := review.WriteMarkdown(&buf, rv); err != nil {
			return err
		}
		return download(w, "text/markdown; charset=utf-8", "对照检查.md", buf.Bytes())
	case "json":
		if err := review.WriteJSON(&buf, rv); err != nil {
			return err
		}
		return download(w, "application/json; charset=utf-8", "对照检查.json", buf.Bytes())
	default:
		return errorf(http.StatusBadRequest, "不支持的格式 %q：可用 html、md、json", format)
	}
}

// reviewHref links a plan or summary to its 对照检查.
func reviewHref(d *corpus.Document) string {
	switch {
	case !d.Relevant:
		return ""
	case d.Kind == corpus.KindPlan || d.Kind == corpus.KindPoints:
		return "/review?" + url.Values{"go": {"1"}, "plan": {d.ID}}.Encode()
	case d.Kind == corpus.KindSummary:
		return "/review?" + url.Values{"go": {"1"}, "summary": {d.ID}}.Encode()
	}
	return ""
}

// reviewLanguage is what reviews know of the language, as in plans review.
func (s *Server) reviewLanguage() (review.Options, error) {
	seg, err := segment.Default()
	if err != nil {
		return review.Options{}, err
	}
	th, err := index.ParseThesaurus(index.DefaultThesaurus())
	if err != nil {
		return review.Options{}, err
	}
	return review.LanguageOptions(seg, th.Expand, s.conv.Simplify), nil
}
