// Package txtar reads test archives in the txtar format of
// golang.org/x/tools/txtar (a comment, then "-- name --" sections), which
// tests use for many small input/expected pairs. That module is not a
// dependency of plans.
package txtar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Archive is a parsed txtar file.
type Archive struct {
	Comment string
	Files   map[string]string
}

// Parse parses the text of a txtar file.
func Parse(text string) Archive {
	a := Archive{Files: map[string]string{}}
	name := ""
	var body []string
	flush := func() {
		if name == "" {
			a.Comment = strings.Join(body, "\n")
		} else {
			a.Files[name] = strings.Join(body, "\n")
		}
		body = nil
	}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			name = strings.TrimSpace(l[3 : len(l)-3])
			continue
		}
		body = append(body, l)
	}
	flush()
	return a
}

// Read parses the txtar file at path, failing the test if it cannot.
func Read(t testing.TB, path string) Archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(string(b))
}

// Glob returns the files matching pattern under testdata, failing the test
// if there are none.
func Glob(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no test files match testdata/%s", pattern)
	}
	return files
}
