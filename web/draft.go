package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"plans/corpus"
	"plans/draft"
	"plans/internal/errtext"
)

// draftPage is the form of plans draft and, once submitted, the draft in a
// frame with its .docx and .md downloads.
type draftPage struct {
	chrome
	Org, Year, Base string
	// YearHint is the placeholder of the year field: the year the draft
	// is for when the field is left empty.
	YearHint  string
	NoBase    bool
	PeerTypes []peerChoice
	Orgs      []string
	Bases     []docOption
	Problem   string
	// Suggestions are the nearest organisation names when the one given
	// matches nothing.
	Suggestions []orgSuggestion
	Draft       *draft.Draft
	PeersUsed   string // the kinds the peers came from, 小学、中学
	Gaps        []string
	FrameSrc    string
	DocxHref    string
	MdHref      string
}

// peerChoice is a kind of organisation offered as peers.
type peerChoice struct {
	ID, Name string
	Checked  bool
}

type orgSuggestion struct{ Name, Href string }

type draftForm struct {
	org, base string
	year      int
	noBase    bool
	peers     []corpus.OrgType
	submitted bool
	canonical url.Values
}

func parseDraft(q url.Values) (draftForm, error) {
	f := draftForm{org: strings.TrimSpace(q.Get("org")), base: strings.TrimSpace(q.Get("base")), submitted: q.Get("go") == "1",
		noBase: q.Get("nobase") == "1"}
	for _, v := range q["peers"] {
		t, ok := draft.ParseOrgType(v)
		if !ok {
			return f, fmt.Errorf("单位类型“%s”无效", v)
		}
		if !slices.Contains(f.peers, t) {
			f.peers = append(f.peers, t)
		}
	}
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
	if f.submitted && f.noBase && f.year == 0 {
		return f, fmt.Errorf("不用底稿时请填写计划年份，例如 %d", time.Now().Year()+1)
	}
	f.canonical = url.Values{"go": {"1"}}
	if f.org != "" {
		f.canonical.Set("org", f.org)
	}
	if f.year != 0 {
		f.canonical.Set("year", strconv.Itoa(f.year))
	}
	if f.base != "" && !f.noBase {
		f.canonical.Set("base", f.base)
	}
	if f.noBase {
		f.canonical.Set("nobase", "1")
	}
	for _, t := range f.peers {
		f.canonical.Add("peers", string(t))
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
	o.Org, o.Year, o.BaseID, o.Simplify, o.Traditionalize = f.org, f.year, f.base, s.conv.Simplify, s.conv.Traditionalize
	o.PeerTypes, o.NoBase = f.peers, f.noBase
	if f.noBase {
		o.BaseID = ""
	}
	o.ReviewLanguage = s.reviewLanguage
	d, err := draft.Build(docs, o)
	var nf *draft.OrgNotFoundError
	switch {
	case errors.As(err, &nf):
		return nil, &orgNotFound{nf}
	case err != nil:
		if class, msg := errtext.Describe(err, errtext.Web); class == errtext.Invalid {
			return nil, errorf(http.StatusUnprocessableEntity, "%s", msg)
		}
		return nil, err
	}
	s.drafts.put(key, d)
	return d, nil
}

// orgNotFound is an organisation name that matches nothing, with the
// nearest names.
type orgNotFound struct{ *draft.OrgNotFoundError }

// userError turns the drafting errors pages without the form show into
// a status and a sentence.
func userError(err error) error {
	var nf *orgNotFound
	if errors.As(err, &nf) {
		return errorf(http.StatusUnprocessableEntity, "%s", nf.Error())
	}
	return err
}

func (s *Server) draft(w http.ResponseWriter, r *http.Request) error {
	f, perr := parseDraft(r.URL.Query())
	p := &draftPage{chrome: s.chrome("起草", "draft"), Org: f.org, Base: f.base, YearHint: "底稿年份的下一年", NoBase: f.noBase}
	for _, t := range draft.PeerTypeOrder {
		if t != corpus.OrgUnknown {
			p.PeerTypes = append(p.PeerTypes, peerChoice{ID: string(t), Name: corpus.OrgTypeNames[t], Checked: slices.Contains(f.peers, t)})
		}
	}
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
		var nf *orgNotFound
		switch {
		case errors.As(err, &nf):
			p.Problem, status = nf.Error(), http.StatusUnprocessableEntity
			for _, name := range nf.Suggestions {
				q := url.Values{}
				for k, v := range f.canonical {
					q[k] = v
				}
				q.Set("org", name)
				p.Suggestions = append(p.Suggestions, orgSuggestion{Name: name, Href: "/draft?" + q.Encode()})
			}
		case errors.As(err, &he):
			p.Problem, status = he.msg, he.status
		case err != nil:
			return err
		}
		if err != nil {
			break
		}
		p.Draft = d
		p.Title = d.Title + " · 起草"
		p.YearHint = strconv.Itoa(d.Year)
		names := make([]string, len(d.PeerTypes))
		for i, t := range d.PeerTypes {
			names[i] = corpus.OrgTypeNames[t]
		}
		p.PeersUsed = strings.Join(names, "、")
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
		return userError(err)
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
	format := q.Get("format")
	if format != "docx" && format != "md" {
		return errorf(http.StatusBadRequest, "不支持的格式 %q：可用 docx、md", format)
	}
	d, err := s.buildDraft(f)
	if err != nil {
		return userError(err)
	}
	var buf bytes.Buffer
	name := fileName(d.Title)
	switch format {
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
