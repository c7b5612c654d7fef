// Package seedtest gives tests access to the labelled seed files in
// ../shared/seeds. The seeds are not part of the project: a user's clone
// has no ../shared, so tests that need them skip with a message — unless
// the CI environment variable is set, in which case a missing seed folder
// is a failure.
package seedtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Dir returns the absolute path of the seed folder, or skips (fails on CI)
// the test when it is missing.
func Dir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	// internal/seedtest/seedtest.go → project root → ../shared/seeds
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	dir := filepath.Join(filepath.Dir(root), "shared", "seeds")
	if d := os.Getenv("PLANS_SEEDS"); d != "" {
		dir = d
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed folder %s is missing (CI is set, so the seeds must be there)", dir)
		}
		t.Skipf("seed folder %s not found: this test needs ../shared/seeds beside the project", dir)
	}
	return dir
}

// Seed is one seed file with its labels.
type Seed struct {
	Name   string // file name, e.g. 000_83d025a686254efc.txt
	Path   string
	Text   string
	Labels Labels
}

// Labels is the gold annotation of a seed file (labels/*.json).
type Labels struct {
	File   string   `json:"file"`
	Script string   `json:"script"`
	Parts  []Part   `json:"parts"`
	Noise  []string `json:"noise"`
	Notes  string   `json:"notes"`
}

// Part is one labelled document of a seed file.
type Part struct {
	Title    string     `json:"title"`
	Kind     string     `json:"kind"`
	Relevant bool       `json:"relevant"`
	Year     *int       `json:"year"`
	Org      *string    `json:"org"`
	Sections []Section  `json:"sections"`
	Calendar []Calendar `json:"calendar"`
	Targets  []string   `json:"targets"`
	Topics   []string   `json:"topics"`
	Why      string     `json:"why"`
}

// Section is a labelled heading.
type Section struct {
	Heading  string   `json:"heading"`
	Depth    int      `json:"depth"`
	Tag      string   `json:"tag"`
	Topics   []string `json:"topics"`
	Optional bool     `json:"optional"`
}

// Calendar is a labelled calendar entry.
type Calendar struct {
	Months []int  `json:"months"`
	Starts string `json:"starts"`
}

// Load reads every seed with its labels, sorted by name.
func Load(t testing.TB) []Seed {
	t.Helper()
	dir := Dir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var seeds []Seed
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lp := filepath.Join(dir, "labels", strings.TrimSuffix(e.Name(), ".txt")+".json")
		lb, err := os.ReadFile(lp)
		if err != nil {
			t.Fatalf("labels for %s: %v", e.Name(), err)
		}
		var l Labels
		if err := json.Unmarshal(lb, &l); err != nil {
			t.Fatalf("labels %s: %v", lp, err)
		}
		seeds = append(seeds, Seed{Name: e.Name(), Path: p, Text: string(b), Labels: l})
	}
	sort.Slice(seeds, func(i, j int) bool { return seeds[i].Name < seeds[j].Name })
	if len(seeds) == 0 {
		t.Fatalf("no seeds in %s", dir)
	}
	return seeds
}
