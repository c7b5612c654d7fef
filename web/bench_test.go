package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plans/corpus"
	"plans/script"
)

// benchDoc is a long document of real plan text: the test documents one
// after the other, each line a section.
func benchDoc(b *testing.B) corpus.Document {
	b.Helper()
	var text strings.Builder
	entries, err := os.ReadDir(filepath.Join("testdata", "docs"))
	if err != nil {
		b.Fatal(err)
	}
	for range 10 {
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join("testdata", "docs", e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			text.Write(data)
		}
	}
	d := corpus.Document{ID: "bench-1", Title: "长文档", Text: text.String()}
	start := 0
	for i, line := range strings.SplitAfter(d.Text, "\n") {
		if strings.TrimSpace(line) != "" {
			d.Sections = append(d.Sections, corpus.Section{ID: corpus.SectionID(d.ID, i+1), Heading: strings.TrimSpace(line),
				Depth: 1 + i%3, Start: start, End: start + len(line), Tag: corpus.TagWork})
		}
		start += len(line)
	}
	conv, err := script.Default()
	if err != nil {
		b.Fatal(err)
	}
	d.Simplified = conv.Simplify(d.Text)
	return d
}

func BenchmarkDocumentPage(b *testing.B) {
	d := benchDoc(b)
	pages, err := parseTemplates()
	if err != nil {
		b.Fatal(err)
	}
	s := &Server{pages: pages}
	words := []string{"校务公开", "教职工", "送温暖"}
	b.SetBytes(int64(len(d.Text)))
	b.ResetTimer()
	for b.Loop() {
		p := newDocPage(&d, "校务公开 教职工", words)
		rec := httptest.NewRecorder()
		if err := s.render(rec, http.StatusOK, "document", p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchPage(b *testing.B) {
	var err error
	sharedOnce.Do(func() { shared, sharedErr = openEnv(filepath.Join("testdata", "docs"), nil) })
	if err = sharedErr; err != nil {
		b.Fatal(err)
	}
	h := shared.srv.Handler()
	req := httptest.NewRequest(http.MethodGet, "/search?q="+url.QueryEscape("教职工")+"&topic=welfare", nil)
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
