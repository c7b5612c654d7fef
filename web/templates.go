package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"plans/corpus"
	"plans/internal/zhtext"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the pages; each is templates/NAME.html on top of
// templates/base.html.
var pageNames = []string{"search", "document", "documents", "compare", "draft", "import", "job", "error", "remove", "home", "review"}

// parseTemplates parses every page once.
func parseTemplates() (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// chrome is what every page shows around its content.
type chrome struct {
	Title string
	Nav   string // the active menu entry: search, docs, compare, draft, import
	CSRF  string
	// Refresh reloads the page after that many seconds (import progress).
	Refresh int
}

func (s *Server) chrome(title, nav string) chrome {
	return chrome{Title: title, Nav: nav, CSRF: s.csrf}
}

// render executes a page into a buffer and writes it with status.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// staticHandler serves the embedded style sheet and icon.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree always has it
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

var funcs = template.FuncMap{
	"topicName":   corpus.TopicName,
	"tagName":     tagName,
	"kindName":    kindName,
	"orgTypeName": orgTypeName,
	"scriptName":  scriptName,
	"year":        yearText,
	"months":      monthsText,
	"num":         func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
	"op":          opText,
	"size":        zhtext.Size,
	"reviewHref":  reviewHref,
}

func tagName(t corpus.Tag) string {
	if n, ok := corpus.TagNames[t]; ok {
		return n
	}
	return string(t)
}

func kindName(k corpus.Kind) string {
	if n, ok := corpus.KindNames[k]; ok {
		return n
	}
	return string(k)
}

func scriptName(s corpus.Script) string {
	if n, ok := corpus.ScriptNames[s]; ok {
		return n
	}
	return string(s)
}

func orgTypeName(t corpus.OrgType) string {
	if n, ok := corpus.OrgTypeNames[t]; ok && t != "" {
		return n
	}
	return corpus.OrgTypeNames[corpus.OrgUnknown]
}

func yearText(y int) string {
	if y == 0 {
		return "年份未注明"
	}
	return strconv.Itoa(y) + "年"
}

// monthsText writes months as 7、8月.
func monthsText(ms []int) string {
	if len(ms) == 0 {
		return ""
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = strconv.Itoa(m)
	}
	return strings.Join(parts, "、") + "月"
}

func opText(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	}
	return "="
}
