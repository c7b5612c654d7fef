package web

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"plans/corpus"
	"plans/index"
	"plans/internal/errtext"
	"plans/report"
	"plans/segment"
)

// comparePage is the form of plans compare and, once submitted, a summary
// of the report with a link to it (the report is a page of its own, with
// its table of contents) and its downloads.
type comparePage struct {
	chrome
	Form       compareForm
	Bys        []option
	Kinds      []option
	Orgs       []string
	Docs       []docOption
	Problem    string
	Report     *report.Report
	ReportHref string
	Contents   []link // the report's sections, linked
	Downloads  []link
}

type compareForm struct {
	By, Org, Year string
	Kinds, DocIDs []string
	All, NoTerms  bool
	Submitted     bool
	canonical     url.Values
	reportOptions report.Options
}

type option struct {
	Value, Label string
	Checked      bool
}

type docOption struct {
	ID, Label string
	Checked   bool
}

type link struct{ Label, Href string }

// parseCompare reads the form of /compare (and /compare/report).
func (s *Server) parseCompare(q url.Values) (compareForm, error) {
	f := compareForm{By: q.Get("by"), Org: strings.TrimSpace(q.Get("org")), Year: strings.TrimSpace(q.Get("year")),
		Kinds: q["kind"], All: q.Get("all") == "1", NoTerms: q.Get("noterms") == "1", Submitted: q.Get("go") == "1"}
	for _, id := range q["doc"] {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(f.DocIDs, id) {
			f.DocIDs = append(f.DocIDs, id)
		}
	}
	if f.By == "" {
		f.By = report.ByDoc
	}
	ro := report.DefaultOptions()
	ro.By, ro.IncludeIrrelevant = f.By, f.All
	if f.By != report.ByDoc && f.By != report.ByOrg && f.By != report.ByYear {
		return f, errors.New("分组方式只能是 按文档、按单位 或 按年份")
	}
	yr, err := index.ParseYears(f.Year)
	if err != nil {
		return f, err
	}
	ro.YearFrom, ro.YearTo = yr.From, yr.To
	for _, k := range f.Kinds {
		if !slices.Contains(kindOrder, corpus.Kind(k)) {
			return f, fmt.Errorf("没有这种文档类型：%s", k)
		}
		ro.Kinds = append(ro.Kinds, corpus.Kind(k))
	}
	if f.Org != "" {
		ro.Org = s.conv.Simplify(f.Org)
	}
	ro.DocIDs = f.DocIDs
	f.reportOptions = ro

	c := url.Values{"go": {"1"}, "by": {f.By}}
	if f.Org != "" {
		c.Set("org", f.Org)
	}
	if f.Year != "" {
		c.Set("year", f.Year)
	}
	if len(f.Kinds) > 0 {
		c["kind"] = slices.Clone(f.Kinds)
	}
	if len(f.DocIDs) > 0 {
		c["doc"] = slices.Clone(f.DocIDs)
	}
	if f.All {
		c.Set("all", "1")
	}
	if f.NoTerms {
		c.Set("noterms", "1")
	}
	f.canonical = c
	return f, nil
}

// buildReport builds the report of a form, or takes it from the cache.
func (s *Server) buildReport(r *http.Request, f compareForm) (*report.Report, error) {
	docs, gen, err := s.corpus()
	if err != nil {
		return nil, err
	}
	key := strconv.FormatUint(gen, 10) + "?" + f.canonical.Encode()
	if rep, ok := s.reports.get(key); ok {
		return rep, nil
	}
	ro := f.reportOptions
	if !f.NoTerms {
		seg, err := segment.Default()
		if err != nil {
			return nil, err
		}
		ro.Words = seg.Words
	}
	rep, err := report.BuildContext(r.Context(), docs, ro)
	if err != nil {
		if class, msg := errtext.Describe(err, errtext.Web); class == errtext.Invalid {
			return nil, errorf(http.StatusUnprocessableEntity, "%s", msg)
		}
		return nil, err
	}
	s.reports.put(key, rep)
	return rep, nil
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, perr := s.parseCompare(q)
	p := &comparePage{chrome: s.chrome("对比", "compare"), Form: f}
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p.Bys = []option{{report.ByDoc, "按文档", f.By == report.ByDoc}, {report.ByOrg, "按单位", f.By == report.ByOrg},
		{report.ByYear, "按年份", f.By == report.ByYear}}
	for _, k := range kindOrder {
		p.Kinds = append(p.Kinds, option{string(k), kindName(k), slices.Contains(f.Kinds, string(k))})
	}
	p.Orgs = orgNames(docs)
	p.Docs = docOptions(docs, f.DocIDs, nil)
	status := http.StatusOK
	switch {
	case perr != nil:
		p.Problem, status = perr.Error(), http.StatusBadRequest
	case f.Submitted:
		rep, err := s.buildReport(r, f)
		var he *httpError
		if errors.As(err, &he) {
			p.Problem, status = he.msg, he.status
			break
		}
		if err != nil {
			return err
		}
		p.Report = rep
		base := "/compare/report?" + f.canonical.Encode()
		p.ReportHref = base + "&format=html"
		for _, c := range reportContents {
			p.Contents = append(p.Contents, link{c.Label, p.ReportHref + "#" + c.Href})
		}
		p.Downloads = []link{{"网页（HTML，可打印）", base + "&format=html&download=1"},
			{"Markdown", base + "&format=md"}, {"JSON", base + "&format=json"}}
	}
	return s.render(w, status, "compare", p)
}

// compareReport writes a report: HTML for the frame (or as a download),
// Markdown or JSON as downloads.
func (s *Server) compareReport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := s.parseCompare(q)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	rep, err := s.buildReport(r, f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format := q.Get("format"); format {
	case "html", "":
		if err := report.WriteHTML(&buf, rep); err != nil {
			return err
		}
		if q.Get("download") == "1" {
			return download(w, "text/html; charset=utf-8", "对比报告.html", buf.Bytes())
		}
		// The report is a page of its own: a bar leads back to the form.
		back := "/compare?" + f.canonical.Encode()
		page := insertAfter(buf.Bytes(), "<body>", `<nav style="background:#fff;border-bottom:3px solid #b8322a;padding:8px 16px;font-size:15px">`+
			`<a href="/" style="color:#b8322a;font-weight:700;text-decoration:none;margin-right:18px">工会计划助手</a>`+
			`<a href="`+template.HTMLEscapeString(back)+`" style="color:#1f5fae;text-decoration:none">← 返回对比设置</a></nav>`)
		h := w.Header()
		h.Set("Content-Security-Policy", reportCSP)
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		_, err := w.Write(page)
		return err
	case "md":
		if err := report.WriteMarkdown(&buf, rep); err != nil {
			return err
		}
		return download(w, "text/markdown; charset=utf-8", "对比报告.md", buf.Bytes())
	case "json":
		if err := report.WriteJSON(&buf, rep); err != nil {
			return err
		}
		return download(w, "application/json; charset=utf-8", "对比报告.json", buf.Bytes())
	default:
		return errorf(http.StatusBadRequest, "不支持的格式 %q：可用 html、md、json", format)
	}
}

// reportContents are the sections of the HTML report, as its table of
// contents names them.
var reportContents = []link{{"文档", "documents"}, {"覆盖矩阵", "coverage"}, {"行事历热力图", "calendar"},
	{"目标指标", "targets"}, {"特色词", "terms"}, {"雷同文本", "copies"}, {"逐年变化", "changes"}}

// reportCSP is the policy of the report page: its own inline style, no
// script, not framed.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// insertAfter inserts s after the first marker in page.
func insertAfter(page []byte, marker, s string) []byte {
	i := bytes.Index(page, []byte(marker))
	if i < 0 {
		return page
	}
	i += len(marker)
	return append(page[:i:i], append([]byte(s), page[i:]...)...)
}

// orgNames lists the organisations of docs, sorted.
func orgNames(docs []corpus.Document) []string {
	var out []string
	for i := range docs {
		if o := docs[i].Org; o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return out
}

// docOptions lists documents to choose from (those keep accepts, or all),
// by organisation and year.
func docOptions(docs []corpus.Document, checked []string, keep func(*corpus.Document) bool) []docOption {
	idx := make([]int, 0, len(docs))
	for i := range docs {
		if keep == nil || keep(&docs[i]) {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		da, db := &docs[a], &docs[b]
		return cmp.Or(cmp.Compare(b2i(da.Org == ""), b2i(db.Org == "")), cmp.Compare(da.Org, db.Org),
			cmp.Compare(db.Year, da.Year), cmp.Compare(da.Source, db.Source), cmp.Compare(da.Part, db.Part))
	})
	out := make([]docOption, 0, len(idx))
	for _, i := range idx {
		d := &docs[i]
		label := fmt.Sprintf("%s（%s，%s，%s）", d.Title, d.OrgName(), yearText(d.Year), kindName(d.Kind))
		out = append(out, docOption{ID: d.ID, Label: label, Checked: slices.Contains(checked, d.ID)})
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
