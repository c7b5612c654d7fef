package script

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"plans/corpus"
)

func TestSimplifyKeepsRuneCount(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"車輛廠中心校度工會工作計劃", "车辆厂中心校度工会工作计划"},
		{"深化校務公開,推進民主政治", "深化校务公开,推进民主政治"},
		{"2012年工会工作计划", "2012年工会工作计划"},
		{"維護羣眾權益", "维护群众权益"},
		{"", ""},
	}
	for _, tt := range tests {
		got := c.Simplify(tt.in)
		if got != tt.want {
			t.Errorf("Simplify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
			t.Errorf("Simplify(%q) changed the rune count", tt.in)
		}
	}
}

func TestDetect(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want corpus.Script
	}{
		{"以邓小平理论和“三个代表”重要思想为指导,认真落实科学发展观", corpus.Simplified},
		{"以“三個代表”重要思想為指導,圍繞落實科學發展觀和加強黨的執政能力要求", corpus.Traditional},
		{"工会工作计划。學校工會工作計劃,圍繞落實科學發展觀。教职工代表大会进一步推进民主管理", corpus.Mixed},
		{"2012 ABC", corpus.Simplified},
	}
	for _, tt := range tests {
		if got := c.Detect(tt.in); got != tt.want {
			t.Errorf("Detect(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzSimplify(f *testing.F) {
	for _, s := range []string{"車輛廠中心校", "工会", "a\nb\n發(fā)展", "\xff\xfe"} {
		f.Add(s)
	}
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := c.Simplify(s)
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("rune count changed: %q → %q", s, out)
		}
		if again := c.Simplify(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
		// Line by line, remembered or not, the result is the same.
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			lines = append(lines, c.Simplify(l))
		}
		if joined := strings.Join(lines, "\n"); joined != out {
			t.Fatalf("lines converted apart give %q, the whole %q", joined, out)
		}
		m := c.NewMemo()
		for _, l := range strings.Split(s, "\n") {
			m.Simplify(l)
		}
		if again := m.Simplify(s); again != out {
			t.Fatalf("conversion with remembered lines %q, without %q", again, out)
		}
	})
}

// Converting line by line gives what OpenCC gives for the whole text (its
// phrases never span lines), on the traditional texts of the project.
func TestSimplifyLinesAsWhole(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"examples", "index/testdata/docs", "classify/testdata/docs", "web/testdata/docs"} {
		more, _ := filepath.Glob(filepath.Join("..", dir, "*.txt"))
		files = append(files, more...)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !utf8.Valid(b) || c.Detect(string(b)) != corpus.Traditional {
			continue
		}
		n++
		text := string(b)
		whole, err := c.t2s.Convert(text)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Simplify(text); got != whole {
			t.Errorf("%s: line-by-line conversion differs from OpenCC on the whole text", f)
		}
	}
	if n < 2 {
		t.Fatalf("found %d traditional texts to compare, want at least 2", n)
	}
}

func BenchmarkSimplify(b *testing.B) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := "以“三個代表”重要思想為指導,圍繞落實科學發展觀和加強黨的執政能力要求,深入貫徹“組織起來,切實維權”的工作方針,在局黨委、局工會的領導下,圍繞學校工作中心,服務整體大局。\n"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c.Simplify(text)
	}
}
