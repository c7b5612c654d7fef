package review

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

//go:embed templates/review.html.tmpl templates/review.css
var templateFS embed.FS

var (
	pageOnce sync.Once
	pageTmpl *template.Template
	pageCSS  template.CSS
	pageErr  error
)

func pageTemplate() (*template.Template, template.CSS, error) {
	pageOnce.Do(func() {
		css, err := templateFS.ReadFile("templates/review.css")
		if err != nil {
			pageErr = fmt.Errorf("read review.css: %w", err)
			return
		}
		pageCSS = template.CSS(css)
		pageTmpl, pageErr = template.ParseFS(templateFS, "templates/review.html.tmpl")
		if pageErr != nil {
			pageErr = fmt.Errorf("parse review template: %w", pageErr)
		}
	})
	return pageTmpl, pageCSS, pageErr
}

// WriteHTML writes the review as one self-contained HTML page: inline
// CSS, no script, no external resource; document text is escaped.
func WriteHTML(w io.Writer, r *Review) error {
	t, css, err := pageTemplate()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "review", newPage(r, css)); err != nil {
		return fmt.Errorf("render review: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// page is what the template shows, already formatted.
type page struct {
	CSS                 template.CSS
	Title               string
	Plan, Summary, Pair string
	Sum, NotFoundNote   string
	Bar                 []barPart
	Groups              []pageGroup
	Targets             []pageTarget
	Unplanned           []pageUnplanned
	Problems, NextSteps []string
	Method              string
}

type barPart struct {
	X, W, TX    int
	Fill, Label string
	Text        string
}

type pageGroup struct {
	Name  string
	Items []pageItem
}

type pageItem struct {
	N                         int
	Path, Title               string
	Topics                    []string
	Status, StatusName, Score string
	Parts                     []pagePart
	Evidence                  []pageEvidence
	Missing                   string
}

type pagePart struct{ Text, Status, StatusName, Score string }

type pageEvidence struct{ Text, Score string }

type pageTarget struct{ Text, Planned, Reported, Result, Class string }

type pageUnplanned struct {
	Text, Score string
	Topics      []string
}

func topicList(ids []string) []string {
	if n := topicNames(ids); n != "" {
		return strings.Split(n, "、")
	}
	return nil
}

func newPage(r *Review, css template.CSS) *page {
	p := &page{CSS: css, Plan: docLine(r.Plan), Summary: docLine(r.Summary), Pair: r.Pair.Note,
		Sum: summarySentence(r), NotFoundNote: NotFoundNote, Problems: r.Problems, NextSteps: r.NextSteps}
	p.Title = "对照检查：" + orgOr(r.Org)
	if r.Year != 0 {
		p.Title += fmt.Sprintf(" %d年", r.Year)
	}
	if c := r.Counts; c.Items > 0 {
		x := 0
		for _, s := range []struct {
			n     int
			fill  string
			label string
		}{{c.Done, "#2e9e5b", StatusNames[Done]}, {c.Partly, "#c98a0b", StatusNames[Partly]}, {c.NotFound, "#8a94a3", StatusNames[NotFound]}} {
			if s.n == 0 {
				continue
			}
			w := 600 * s.n / c.Items
			bp := barPart{X: x, W: w, Fill: s.fill, Label: fmt.Sprintf("%s %d 项", s.label, s.n), TX: x + 6}
			if w >= 40 {
				bp.Text = fmt.Sprintf("%d", s.n)
			}
			p.Bar = append(p.Bar, bp)
			x += w
		}
	}
	n := 0
	for _, k := range kinds {
		items := itemsOf(r, k)
		if len(items) == 0 {
			continue
		}
		g := pageGroup{Name: KindNames[k]}
		for _, it := range items {
			n++
			pi := pageItem{N: n, Title: itemTitle(it), Topics: topicList(it.Topics), Status: string(it.Status),
				StatusName: StatusNames[it.Status], Score: score(it.Score)}
			if k == "work" {
				pi.Path = strings.Join(it.Path, " › ")
			}
			for _, pt := range it.Parts {
				pi.Parts = append(pi.Parts, pagePart{Text: pt.Text, Status: string(pt.Status), StatusName: StatusNames[pt.Status], Score: score(pt.Score)})
			}
			for _, e := range it.Evidence {
				pi.Evidence = append(pi.Evidence, pageEvidence{Text: e.Text, Score: score(e.Score)})
			}
			if it.Status == NotFound {
				pi.Missing = missingText(it, 6)
			}
			g.Items = append(g.Items, pi)
		}
		p.Groups = append(p.Groups, g)
	}
	for _, t := range r.Targets {
		p.Targets = append(p.Targets, pageTarget{Text: t.Text, Planned: plannedText(t), Reported: reportedText(t), Result: metText(t), Class: metClass(t)})
	}
	for _, u := range r.Unplanned {
		p.Unplanned = append(p.Unplanned, pageUnplanned{Text: u.Text, Score: score(u.Score), Topics: topicList(u.Topics)})
	}
	p.Method = fmt.Sprintf("逐条对照按意思而不是按字面：计划事项和总结句子先分词，取关键词（越少见的词越重要，通用词典里的常用词分量轻），"+
		"同义词表（如 送温暖 = 慰问）、同一工作领域、相同月份都计入。得分是计划事项的关键词在总结依据中出现的比重："+
		"不低于 %s 为已报告完成，不低于 %s 为部分提及，其余为总结中未提及；单句得分不低于 %s 才列为依据。", num(DoneScore), num(PartlyScore), num(EvidenceScore))
	return p
}
