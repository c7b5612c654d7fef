package split

import (
	"path/filepath"
	"testing"

	"plans/internal/seedtest"
	"plans/internal/txtar"
	"plans/pipeline/clean"
)

func BenchmarkSplit(b *testing.B) {
	page := clean.Clean(txtar.Read(b, filepath.Join("testdata", "page.txtar")).Files["page"]).Text
	b.Run("page", func(b *testing.B) {
		Split(page, "") // load the converter outside the loop
		b.SetBytes(int64(len(page)))
		b.ResetTimer()
		for b.Loop() {
			Split(page, "")
		}
	})
	b.Run("seeds", func(b *testing.B) {
		var texts []string
		n := 0
		for _, s := range seedtest.Load(b) {
			t := clean.Clean(s.Text).Text
			texts = append(texts, t)
			n += len(t)
		}
		b.SetBytes(int64(n))
		b.ResetTimer()
		for b.Loop() {
			for _, t := range texts {
				Split(t, "")
			}
		}
	})
}
