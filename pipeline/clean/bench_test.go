package clean

import (
	"path/filepath"
	"testing"

	"plans/internal/seedtest"
	"plans/internal/txtar"
)

func BenchmarkClean(b *testing.B) {
	page := txtar.Read(b, filepath.Join("testdata", "page.txtar")).Files["page"]
	b.Run("page", func(b *testing.B) {
		Clean(page) // load the converter outside the loop
		b.SetBytes(int64(len(page)))
		b.ResetTimer()
		for b.Loop() {
			Clean(page)
		}
	})
	b.Run("seeds", func(b *testing.B) {
		seeds := seedtest.Load(b)
		n := 0
		for _, s := range seeds {
			n += len(s.Text)
		}
		b.SetBytes(int64(n))
		b.ResetTimer()
		for b.Loop() {
			for _, s := range seeds {
				Clean(s.Text)
			}
		}
	})
}

func BenchmarkGarbled(b *testing.B) {
	page := txtar.Read(b, filepath.Join("testdata", "page.txtar")).Files["page"]
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		Garbled(page)
	}
}
