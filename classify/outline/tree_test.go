package outline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/internal/golden"
)

// docs are classify's test documents: the outline's trees of them are
// golden here, so that a change to the heading rules shows what moved in
// the tree alone, without the tags, topics and facts classify adds.
func docs(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "docs", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test documents: %v", err)
	}
	return paths
}

func readDoc(t testing.TB, path string) (title, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(string(b), "\n")
	title, ok := strings.CutPrefix(first, "title: ")
	if !ok {
		t.Fatalf("%s: first line must be \"title: …\"", path)
	}
	return title, strings.TrimRight(rest, "\n")
}

func TestTrees(t *testing.T) {
	for _, path := range docs(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			title, text := readDoc(t, path)
			o := Parse(NewText(text, simplify(t, text)), title)
			checkTree(t, o)
			golden.Check(t, filepath.Join("testdata", "trees", name+".golden"), []byte(o.String()))
		})
	}
}

// checkTree verifies what every outline must satisfy: headings in
// document order inside the body, each under a parent that precedes it one
// level up, bodies after their headings, month blocks in 1..12 under an
// existing heading.
func checkTree(t testing.TB, o *Outline) {
	t.Helper()
	n := len(o.text.Runes)
	if o.Body.Start < 0 || o.Body.Start > o.Body.End || o.Body.End > n {
		t.Fatalf("body %+v outside the text (%d runes)", o.Body, n)
	}
	last := -1
	for i, nd := range o.Nodes {
		if nd.HeadStart < last || nd.HeadStart > nd.HeadEnd || nd.HeadEnd > n {
			t.Fatalf("node %d heading [%d,%d) out of order or bounds", i, nd.HeadStart, nd.HeadEnd)
		}
		last = nd.HeadStart
		if nd.BodyStart > nd.BodyEnd || nd.BodyEnd > n {
			t.Fatalf("node %d body [%d,%d) out of bounds", i, nd.BodyStart, nd.BodyEnd)
		}
		switch {
		case nd.Parent < 0 && nd.Depth != 1:
			t.Fatalf("top-level node %d has depth %d", i, nd.Depth)
		case nd.Parent >= i:
			t.Fatalf("node %d: parent %d does not precede it", i, nd.Parent)
		case nd.Parent >= 0 && o.Nodes[nd.Parent].Depth != nd.Depth-1:
			t.Fatalf("node %d depth %d under parent depth %d", i, nd.Depth, o.Nodes[nd.Parent].Depth)
		}
		if nd.Para < 0 || nd.Para >= len(o.Paras) {
			t.Fatalf("node %d: paragraph %d of %d", i, nd.Para, len(o.Paras))
		}
		if h := o.Heading(i); !utf8.ValidString(h) || h == "" {
			t.Fatalf("node %d: heading %q", i, h)
		}
	}
	for _, b := range o.Blocks {
		if b.Section < -1 || b.Section >= len(o.Nodes) {
			t.Fatalf("block %+v: section out of range", b)
		}
		if len(b.Month.Months) == 0 {
			t.Fatalf("block %+v without months", b)
		}
		for _, m := range b.Month.Months {
			if m < 1 || m > 12 {
				t.Fatalf("block %+v: month %d", b, m)
			}
		}
		if b.Month.Start > b.Month.End || b.End > n {
			t.Fatalf("block %+v out of bounds", b)
		}
	}
}

// FuzzParse: no panic, the tree's invariants hold, and parsing twice gives
// the same outline.
func FuzzParse(f *testing.F) {
	for _, path := range docs(f) {
		title, text := readDoc(f, path)
		f.Add(title, text)
	}
	f.Add("", "一、\n（一）\n1、\n(1)\n①\n第一部分\n一是\n首先，")
	f.Add("计划", "一、指导思想 以…。二、工作目标 （一）…；1、…；2、…")
	f.Add("计划", "\t\n\u3000\n七八月份\n二、三月份:\n")
	f.Fuzz(func(t *testing.T, title, text string) {
		if !utf8.ValidString(text) || !utf8.ValidString(title) {
			return
		}
		simp := simplify(t, text)
		o := Parse(NewText(text, simp), title)
		checkTree(t, o)
		again := Parse(NewText(text, simp), title)
		if diff := cmp.Diff(o.String(), again.String()); diff != "" {
			t.Fatalf("two parses differ:\n%s", diff)
		}
		checkTree(t, ParseProse(NewText(text, simp), title))
	})
}
