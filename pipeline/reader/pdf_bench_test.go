package reader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pagesPDF is a generated PDF of n A4 pages of Chinese text, 30 lines of
// 30 characters each (about 900 characters a page, a dense 公文 page).
func pagesPDF(n int) []byte {
	p := newTestPDF()
	f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
	line := []rune(strings.Repeat("组织全体教职工参加年度健康体检落实疗休养制度", 2))[:30]
	for i := range n {
		var texts []string
		for j := range 30 {
			texts = append(texts, fmt.Sprintf("%s%d", string(line[:28]), (i*30+j)%100))
		}
		p.page(textLines(f, 15, 60, 780, 24, texts...)...)
	}
	return p.bytes()
}

// BenchmarkReadPDFPages: the cost of a page (engine started).
func BenchmarkReadPDFPages(b *testing.B) {
	for _, n := range []int{1, 10} {
		b.Run(fmt.Sprintf("%dpages", n), func(b *testing.B) {
			benchRead(b, "pages.pdf", pagesPDF(n))
		})
	}
}

// BenchmarkReadPDFRealFiles: the real files' PDFs, when they are here.
func BenchmarkReadPDFRealFiles(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(realFiles, "files", "*", "*.pdf"))
	if len(files) == 0 {
		b.Skip("real files not here")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) { benchRead(b, f, data) })
	}
}

// BenchmarkPDFEngineStart: starting the engine, with the compiled module
// from the cache and compiled afresh.
func BenchmarkPDFEngineStart(b *testing.B) {
	data := pagesPDF(1)
	saved := pdfCacheDir
	b.Cleanup(func() {
		pdfCacheDir = saved
		ClosePDFEngine()
	})
	for _, tc := range []struct {
		name string
		dir  func() string
	}{{"cached", saved}, {"compiled", func() string { return "" }}} {
		b.Run(tc.name, func(b *testing.B) {
			pdfCacheDir = tc.dir
			for range b.N {
				if err := ClosePDFEngine(); err != nil {
					b.Fatal(err)
				}
				if _, err := readPDF(b.Context(), data, DefaultLimits()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
