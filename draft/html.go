package draft

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
)

//go:embed templates/draft.html
var templateFS embed.FS

var (
	pageOnce sync.Once
	pageTmpl *template.Template
	pageErr  error
)

func pageTemplate() (*template.Template, error) {
	pageOnce.Do(func() {
		pageTmpl, pageErr = template.ParseFS(templateFS, "templates/draft.html")
	})
	return pageTmpl, pageErr
}

// HTMLOptions control WriteHTMLWith.
type HTMLOptions struct {
	// DocURL is the prefix of links to cited documents: a citation links to
	// DocURL + document id + "#" + section id (for example "/doc/"). Empty
	// means in-page fragments "#doc/ID/section".
	DocURL string
}

// WriteHTML writes the draft as a self-contained HTML page with citations
// as links "#doc/ID/section".
func WriteHTML(w io.Writer, d *Draft) error { return WriteHTMLWith(w, d, HTMLOptions{}) }

// WriteHTMLWith writes the draft as a self-contained HTML page.
func WriteHTMLWith(w io.Writer, d *Draft, opts HTMLOptions) error {
	t, err := pageTemplate()
	if err != nil {
		return fmt.Errorf("parse draft template: %w", err)
	}
	page := htmlPage{Title: d.Title}
	fn := newFootnotes()
	blocks := layout(d)
	for i, b := range blocks {
		hb := htmlBlock{Label: b.label}
		switch b.kind {
		case blockTitle:
			hb.Tag = "h1"
		case blockHeading:
			hb.Tag = fmt.Sprintf("h%d", min(b.level+1, 4))
		case blockNote:
			hb.Tag = "note"
		case blockItem:
			hb.Tag = "item"
		case blockBullet:
			hb.Tag = "li"
			hb.ListStart = i == 0 || blocks[i-1].kind != blockBullet
			hb.ListEnd = i == len(blocks)-1 || blocks[i+1].kind != blockBullet
		default:
			hb.Tag = "p"
		}
		for _, p := range b.parts {
			hp := htmlPart{Segments: markSegments(p.text)}
			for _, c := range p.cites {
				hp.Cites = append(hp.Cites, htmlCite{N: fn.number(c), Href: opts.href(c), Text: footnoteText(c)})
			}
			hb.Parts = append(hb.Parts, hp)
		}
		page.Blocks = append(page.Blocks, hb)
	}
	for i, c := range fn.list {
		page.Refs = append(page.Refs, htmlRef{N: i + 1, Href: opts.href(c), Text: footnoteText(c), ID: c.SectionID})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, page); err != nil {
		return fmt.Errorf("render draft html: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write draft html: %w", err)
	}
	return nil
}

// href is the link of a citation.
func (o HTMLOptions) href(c Citation) string {
	section := strings.TrimPrefix(c.SectionID, c.DocID+"/")
	if o.DocURL == "" {
		return "#doc/" + url.PathEscape(c.DocID) + "/" + escapeSegments(section)
	}
	u := o.DocURL + url.PathEscape(c.DocID)
	if c.SectionID != "" {
		u += "#" + escapeSegments(c.SectionID)
	}
	return u
}

// escapeSegments escapes each "/"-separated segment of s.
func escapeSegments(s string) string {
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return strings.Join(segs, "/")
}

type htmlPage struct {
	Title  string
	Blocks []htmlBlock
	Refs   []htmlRef
}

type htmlBlock struct {
	Tag       string
	Label     string
	ListStart bool
	ListEnd   bool
	Parts     []htmlPart
}

type htmlPart struct {
	Segments []segment
	Cites    []htmlCite
}

type htmlCite struct {
	N    int
	Href string
	Text string
}

type htmlRef struct {
	N    int
	Href string
	Text string
	ID   string
}

// segment is a run of text, marked when it is a 【…】 marker.
type segment struct {
	Text string
	Mark bool
}

// markSegments splits s so that 【…】 markers can be highlighted.
func markSegments(s string) []segment {
	var out []segment
	for s != "" {
		i := strings.Index(s, "【")
		if i < 0 {
			out = append(out, segment{Text: s})
			break
		}
		j := strings.Index(s[i:], "】")
		if j < 0 {
			out = append(out, segment{Text: s})
			break
		}
		if i > 0 {
			out = append(out, segment{Text: s[:i]})
		}
		end := i + j + len("】")
		out = append(out, segment{Text: s[i:end], Mark: true})
		s = s[end:]
	}
	return out
}
