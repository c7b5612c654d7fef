package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// layer is the place of each package in the flow docs/architecture.md
// draws: a package may import only packages of lower layers (internal
// helpers and the model are at the bottom). A new package needs a layer
// here and a line on that page.
var layer = map[string]int{
	"corpus": 0, "docx": 0, "segment": 0,
	"internal/lazyre": -1, "internal/runeset": -1, "internal/zhtext": 0, "internal/wordset": 0, "internal/tailre": 0, "internal/sysmem": 0,
	"internal/txtar": 0, "internal/golden": 0, "internal/htmltest": 0, "internal/ziptest": 0,
	"internal/browsertest": 0, "internal/synth": 0, "internal/seedtest": 1, "internal/fixture": 1,
	"script":          1,
	"pipeline/reader": 2, "pipeline/clean": 2, "pipeline/split": 2, "classify/names": 2,
	"internal/corpusfix": 2,
	"classify/outline":   3,
	"classify":           4,
	"pipeline":           5,
	"workspace":          6, "index": 6,
	"importer": 7,
	"report":   8, "review": 8,
	"draft":            9,
	"internal/errtext": 10,
	"web":              11,
	"cli":              12,
	"cmd/plans":        13, "cmd/plans-bench": 13,
}

// TestArchitecture checks that imports follow the layers of
// docs/architecture.md, that the model imports nothing of the project, and
// that the page names every package.
func TestArchitecture(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(root, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string]map[string]bool{}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if dep, ok := strings.CutPrefix(path, "plans/"); ok {
				imports[pkg][dep] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		l, ok := layer[p]
		if !ok {
			t.Errorf("package %s has no layer: add it to docs/architecture.md and to this test", p)
			continue
		}
		name := p[strings.LastIndex(p, "/")+1:]
		if !strings.Contains(string(page), name) {
			t.Errorf("docs/architecture.md does not mention package %s", p)
		}
		for dep := range imports[p] {
			if p == "corpus" {
				t.Errorf("corpus imports %s: the model depends on nothing of the project", dep)
			}
			if dl, ok := layer[dep]; ok && dl >= l {
				t.Errorf("%s (layer %d) imports %s (layer %d): data flows one way", p, l, dep, dl)
			}
		}
	}
}
