package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPercentile(t *testing.T) {
	v := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	for _, tt := range []struct{ p, want float64 }{{50, 5}, {95, 10}, {10, 1}, {100, 10}} {
		if got := pct(v, tt.p); got != tt.want {
			t.Errorf("pct(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if pct(nil, 50) != 0 {
		t.Error("pct of nothing")
	}
}

func TestGenerateFromExamples(t *testing.T) {
	if _, err := os.Stat("../../examples"); err != nil {
		t.Fatal("the bundled examples folder is missing")
	}
	dir := t.TempDir()
	err := run(context.Background(), []string{"-mode", "generate", "-docs", "12", "-dir", dir, "-examples", "../../examples"})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(corpusDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 12 {
		t.Fatalf("%d files, want 12", len(ents))
	}
	b, err := os.ReadFile(filepath.Join(corpusDir(dir), ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "指导思想") && !strings.Contains(string(b), "指導思想") {
		t.Errorf("%s does not look like a plan:\n%s", ents[0].Name(), b)
	}
}

func TestFastestRunCounts(t *testing.T) {
	runs := []childStats{{Seconds: 30, MaxRSS: 100}, {Seconds: 27, MaxRSS: 90}, {Seconds: 29, MaxRSS: 120}}
	var best childStats
	for i, r := range runs {
		best = fastest(i+1, best, r)
	}
	if best.Seconds != 27 || best.MaxRSS != 120 {
		t.Errorf("best = %+v, want the 27 s run with the highest peak memory (120)", best)
	}
}

func TestThroughputRatio(t *testing.T) {
	imp := childStats{Seconds: 20, TextBytes: 50e6}
	base := childStats{Seconds: 15, TextBytes: 50e6}
	if got := throughputRatio(imp, base); got != 0.75 {
		t.Errorf("throughputRatio = %v, want 0.75 (2.5 MB/s over 3.33 MB/s)", got)
	}
}
