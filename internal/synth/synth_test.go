package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func testPool(t testing.TB) *Pool {
	t.Helper()
	var texts []string
	for _, name := range []string{"plan.txt", "summary.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return NewPool(texts...)
}

func TestNewPool(t *testing.T) {
	p := testPool(t)
	for _, h := range []string{"坚持教代会制度，推进校务公开", "关心教职工生活，做好福利工作"} {
		if !contains(p.Headings, h) {
			t.Errorf("heading %q not found in %q", h, p.Headings)
		}
	}
	if !contains(p.Targets, "教职工对工会工作的满意率达到95%以上") {
		t.Errorf("targets: %q", p.Targets)
	}
	if !contains(p.Calendar, "召开教代会") {
		t.Errorf("calendar: %q", p.Calendar)
	}
	for _, s := range p.Sentences {
		if strings.ContainsAny(s[:3], "一二三四（") && strings.Contains(s[:9], "、") {
			t.Errorf("a numbered heading among the sentences: %q", s)
		}
	}
	if len(p.Sentences) < 10 {
		t.Errorf("%d sentences", len(p.Sentences))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func generate(t testing.TB, p *Pool, opts Options) []File {
	t.Helper()
	var out []File
	if err := p.Generate(opts, func(f File) error { out = append(out, f); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerate(t *testing.T) {
	p := testPool(t)
	upper := func(s string) string { return strings.ReplaceAll(s, "工会", "工會") }
	opts := Options{Docs: 200, Seed: 7, Traditional: upper, TraditionalShare: 0.25}
	a := generate(t, p, opts)
	b := generate(t, p, opts)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different corpus:\n%s", diff)
	}
	c := generate(t, p, Options{Docs: 200, Seed: 8})
	if cmp.Equal(a, c) {
		t.Error("another seed gives the same corpus")
	}
	if len(a) != 200 {
		t.Fatalf("%d documents", len(a))
	}
	names := map[string]bool{}
	trad := 0
	for _, f := range a {
		if names[f.Name] {
			t.Errorf("duplicate name %s", f.Name)
		}
		names[f.Name] = true
		if strings.Contains(f.Text, "工會") {
			trad++
		}
		for _, want := range []string{"一、指导思想", "主要工作", "（一）", f.Org} {
			if !strings.Contains(upper(f.Text), upper(want)) {
				t.Errorf("%s lacks %q", f.Name, want)
			}
		}
		if f.Year < 2006 || f.Year > 2025 {
			t.Errorf("%s: year %d", f.Name, f.Year)
		}
	}
	if trad < 25 || trad > 75 {
		t.Errorf("%d of 200 traditional, want about 50", trad)
	}
}

func TestGenerateEmptyPool(t *testing.T) {
	if err := (&Pool{}).Generate(Options{Docs: 1}, func(File) error { return nil }); err == nil {
		t.Error("no error for an empty pool")
	}
}
