package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// archive is a parsed txtar file: a comment, then "-- name --" sections.
type archive struct {
	comment string
	files   map[string]string
}

// readArchive parses a txtar file (the golang.org/x/tools/txtar format;
// that module is not a dependency of plans).
func readArchive(t testing.TB, path string) archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := archive{files: map[string]string{}}
	name := ""
	var body []string
	flush := func() {
		if name == "" {
			a.comment = strings.Join(body, "\n")
		} else {
			a.files[name] = strings.Join(body, "\n")
		}
		body = nil
	}
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
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

// archives returns the txtar files matching pattern under testdata.
func archives(t testing.TB, pattern string) []string {
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
