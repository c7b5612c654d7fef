package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
)

//go:embed templates/report.html.tmpl templates/report.css
var templateFS embed.FS

var (
	pageOnce sync.Once
	pageTmpl *template.Template
	pageCSS  template.CSS
	pageErr  error
)

// pageTemplate parses the embedded template once.
func pageTemplate() (*template.Template, template.CSS, error) {
	pageOnce.Do(func() {
		css, err := templateFS.ReadFile("templates/report.css")
		if err != nil {
			pageErr = fmt.Errorf("read report.css: %w", err)
			return
		}
		pageCSS = template.CSS(css)
		pageTmpl, pageErr = template.New("page").Funcs(template.FuncMap{
			"f": func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
		}).ParseFS(templateFS, "templates/report.html.tmpl")
		if pageErr != nil {
			pageErr = fmt.Errorf("parse report template: %w", pageErr)
		}
	})
	return pageTmpl, pageCSS, pageErr
}

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// and SVG charts, no script, no external resource. Document text is
// escaped.
func WriteHTML(w io.Writer, r *Report) error {
	t, css, err := pageTemplate()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "report", newPage(r, css)); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// The page model: everything the template shows, already formatted.

type page struct {
	n       *namer
	R       *Report
	CSS     template.CSS
	Scope   string
	Docs    []pageDoc
	Cov     pageCoverage
	Months  []pageMonth
	Targets []pageTargets
	Terms   []pageTerms
	MinLL   string
	Copies  pageCopies
	Changes []pageChange
	Charts  struct{ Coverage, Calendar, Targets, Copies, Changes *svgChart }
}

type pageDoc struct {
	ID, Code, Title, Org, Year, Kind, Script, Source string
	Sections, Chars                                  int
}

type pageCoverage struct {
	Legend   string
	Columns  []TopicRef
	Rows     []pageRow
	Totals   []string
	Absent   string
	TooMany  bool
	Evidence []pageEvidence
}

type pageRow struct {
	Label, Href string
	Cells       []pageCell
}

type pageCell struct {
	Text, Tip string
	Level     int
}

type pageEvidence struct {
	Label string
	Items []pageEvidenceItem
}

type pageEvidenceItem struct{ Topic, Headings string }

type pageMonth struct {
	Month string
	Acts  []string
}

type pageTargets struct {
	Title, Summary string
	Values         []pageTargetValue
}

type pageTargetValue struct{ Value, Doc, Ref, Org, Year, Text string }

type pageTerms struct {
	Label  string
	Tokens int
	Words  []string
}

type pageCopies struct {
	Method                  string
	Docs                    []pageCopyDoc
	None                    int
	Pairs                   []pageCopyPair
	MorePairs, MorePassages int
	Passages                []pagePassage
}

type pageCopyDoc struct {
	Doc, Ref, Share, Partners string
	Chars, Shared             int
}

type pageCopyPair struct {
	A, B, ShareA, ShareB string
	Sentences            int
}

type pagePassage struct{ Text, Meta string }

type pageChange struct {
	Title    string
	Lines    []string
	Sections []pageChangeRow
}

type pageChangeRow struct{ Status, Name, From, To, Sim string }

func newPage(r *Report, css template.CSS) *page {
	p := &page{n: newNamer(r), R: r, CSS: css, Scope: scopeSentence(r), MinLL: num(minLL)}
	for _, d := range r.Documents {
		p.Docs = append(p.Docs, pageDoc{ID: d.ID, Code: p.n.code(d.ID), Title: d.Title, Org: orgName(d.Org), Year: yearName(d.Year),
			Kind: kindName(d.Kind), Script: scriptName(d.Script), Source: fmt.Sprintf("%s #%d", d.Source, d.Part),
			Sections: d.Sections, Chars: d.Chars})
	}
	p.coverage(r)
	for _, m := range r.Calendar.Months {
		pm := pageMonth{Month: monthName(m.Month)}
		for _, a := range m.Top {
			pm.Acts = append(pm.Acts, fmt.Sprintf("%s — %d 份中有 %d 份", a.Label, r.Calendar.Plans, a.Count))
		}
		p.Months = append(p.Months, pm)
	}
	for _, g := range r.Targets {
		pt := pageTargets{Title: groupTitle(g), Summary: fmt.Sprintf("共 %d 项：最低 %s，中位 %s，最高 %s。", g.Count,
			num(g.Min)+g.Unit, num(g.Median)+g.Unit, num(g.Max)+g.Unit)}
		for _, v := range g.Values {
			pt.Values = append(pt.Values, pageTargetValue{valueText(v.Value, g.Unit, v.Op),
				v.Doc, p.n.docRef(v.Doc), orgName(v.Org), yearName(v.Year), clip(v.Text, 80)})
		}
		p.Targets = append(p.Targets, pt)
	}
	for _, g := range r.Terms.Groups {
		label := clip(g.Label, 24)
		if r.Terms.By == ByDoc {
			label = p.n.code(g.Key) + " " + label
		}
		pt := pageTerms{Label: label, Tokens: g.Tokens}
		for _, t := range g.Terms {
			pt.Words = append(pt.Words, fmt.Sprintf("%s（%d/%d）", t.Word, t.Count, t.Rest))
		}
		p.Terms = append(p.Terms, pt)
	}
	p.copies(r)
	p.changes(r)
	p.Charts.Coverage = coverageChart(r)
	p.Charts.Calendar = calendarChart(r)
	p.Charts.Targets = targetsChart(r, p.n)
	p.Charts.Copies = copiesChart(r, p.n)
	p.Charts.Changes = changesChart(r, p.n)
	return p
}

func (p *page) coverage(r *Report) {
	c := r.Coverage
	cols, absent := visibleTopics(c)
	group := c.By != ByDoc
	pc := &p.Cov
	pc.Legend = "●：有章节写到该领域，百分比为其所占篇幅；○：只在行事历、目标或全文中提到。颜色越深，篇幅越大。鼠标停在格子上可见依据章节。"
	if group {
		pc.Legend = "每格为涉及该领域的文档数 / 该组文档数，以及该领域所占篇幅的平均比例。颜色越深，篇幅越大。"
	}
	for _, i := range cols {
		pc.Columns = append(pc.Columns, c.Topics[i])
		pc.Totals = append(pc.Totals, fmt.Sprintf("%d/%d", c.Totals[i].Docs, r.Scope.Documents))
	}
	pc.Absent = strings.Join(absent, "、")
	pc.TooMany = len(c.Rows) > maxEvidenceRows
	for _, row := range c.Rows {
		pr := pageRow{Label: clip(row.Label, 24)}
		if !group {
			pr.Label = p.n.code(row.Key) + " " + pr.Label
			pr.Href = "#doc-" + row.Key
		}
		ev := pageEvidence{Label: pr.Label}
		for _, i := range cols {
			cell := row.Cells[i]
			var hs []string
			for _, s := range cell.Sections {
				h := clip(s.Heading, 30)
				if group {
					h = p.n.code(s.Doc) + " " + h
				}
				hs = append(hs, h)
			}
			pr.Cells = append(pr.Cells, pageCell{Text: cellText(cell, group, len(row.Docs)), Level: level(cell), Tip: strings.Join(hs, "\n")})
			if len(hs) > 0 {
				ev.Items = append(ev.Items, pageEvidenceItem{c.Topics[i].Name, strings.Join(hs, "；")})
			}
		}
		pc.Rows = append(pc.Rows, pr)
		if len(ev.Items) > 0 {
			pc.Evidence = append(pc.Evidence, ev)
		}
	}
}

func (p *page) copies(r *Report) {
	c := r.Copies
	pc := &p.Copies
	pc.Method = fmt.Sprintf("按简体字形比较 %d 字以上的句子（%d 字片段的 MinHash，%d 个哈希分 %d 段，相似度 ≥ %s 视为同一段文字），不受繁简、标点和空格影响。",
		c.MinChars, c.Shingle, c.Hashes, c.Bands, num(c.Threshold))
	for _, d := range c.Documents {
		if d.SharedChars == 0 {
			pc.None++
			continue
		}
		src := p.n.partnersText(d.Partners)
		if d.WideChars > 0 {
			if src != "" {
				src += "；"
			}
			src += fmt.Sprintf("广泛共用 %d 字", d.WideChars)
		}
		pc.Docs = append(pc.Docs, pageCopyDoc{d.Doc, p.n.docRef(d.Doc), pct(d.Share), src, d.Chars, d.SharedChars})
	}
	for _, pr := range c.Pairs {
		pc.Pairs = append(pc.Pairs, pageCopyPair{p.n.docRef(pr.A), p.n.docRef(pr.B), fmt.Sprintf("%s（%d 字）", pct(pr.ShareA), pr.CharsA), fmt.Sprintf("%s（%d 字）", pct(pr.ShareB), pr.CharsB), pr.Sentences})
	}
	pc.MorePairs = c.TotalPairs - len(c.Pairs)
	pc.MorePassages = c.TotalPassages - len(c.Passages)
	for _, ps := range c.Passages {
		var ds []string
		for _, o := range ps.Occurrences {
			ds = append(ds, p.n.docRef(o.Doc))
		}
		meta := fmt.Sprintf("%d 字；%s", ps.Chars, strings.Join(ds, "、"))
		if ps.DocCount > len(ps.Occurrences) {
			meta += fmt.Sprintf(" 等 %d 份", ps.DocCount)
		}
		pc.Passages = append(pc.Passages, pagePassage{ps.Text, meta})
	}
}

func (p *page) changes(r *Report) {
	for _, c := range r.Changes {
		pc := pageChange{Title: p.n.docRef(c.From) + " → " + p.n.docRef(c.To)}
		pc.Lines = append(pc.Lines, "新增领域："+topicList(c.TopicsAdded), "不再涉及："+topicList(c.TopicsDropped),
			fmt.Sprintf("章节：新增 %d，修改 %d，未变 %d，删除 %d", c.Counts.New, c.Counts.Changed, c.Counts.Unchanged, c.Counts.Dropped))
		var cal []string
		for _, m := range c.Calendar {
			var parts []string
			if len(m.Added) > 0 {
				parts = append(parts, "新增 "+strings.Join(m.Added, "、"))
			}
			if len(m.Dropped) > 0 {
				parts = append(parts, "取消 "+strings.Join(m.Dropped, "、"))
			}
			if len(parts) > 0 {
				cal = append(cal, monthName(m.Month)+" "+strings.Join(parts, "，"))
			}
		}
		if len(cal) > 0 {
			pc.Lines = append(pc.Lines, "行事历："+strings.Join(cal, "；"))
		}
		var ts []string
		for _, t := range c.Targets {
			ts = append(ts, targetChangeText(t))
		}
		if line := targetsLine(ts, c.TargetsUnchanged); line != "" {
			pc.Lines = append(pc.Lines, line)
		}
		pc.Lines = append(pc.Lines, pairingLine(c.PairThreshold))
		for _, s := range c.Sections {
			row := pageChangeRow{Status: s.Status, Name: statusName(s.Status)}
			if s.From != nil {
				row.From = clip(s.From.Heading, 40)
			}
			if s.To != nil {
				row.To = clip(s.To.Heading, 40)
			}
			if s.From != nil && s.To != nil {
				row.Sim = pct(s.Similarity)
			}
			pc.Sections = append(pc.Sections, row)
		}
		p.Changes = append(p.Changes, pc)
	}
}
