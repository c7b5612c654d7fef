package reader

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// realFiles is the folder of real files from public projects' test suites
// (../shared/realfiles, outside the repository).
const realFiles = "../../../shared/realfiles"

// squeeze is check.py's comparison form: NFKC, no whitespace.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

// TestRealFilesPDF applies the PDF lines of the real files' expectations
// (expect.tsv) to what Read makes of each file.
func TestRealFilesPDF(t *testing.T) {
	f, err := os.Open(filepath.Join(realFiles, "expect.tsv"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real files missing: %v", err)
		}
		t.Skipf("real files not here: %v", err)
	}
	defer f.Close()
	type outcome struct {
		text string
		err  error
	}
	read := map[string]outcome{}
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || !strings.HasSuffix(strings.ToLower(parts[0]), ".pdf") {
			continue
		}
		src, check, value := parts[0], parts[1], parts[2]
		o, ok := read[src]
		if !ok {
			res, err := ReadFile(context.Background(), filepath.Join(realFiles, "files", src), DefaultLimits())
			o = outcome{squeeze(res.Title + res.Text), err}
			read[src] = o
		}
		checked++
		switch check {
		case "status":
			if (o.err == nil) != (value == "read") {
				t.Errorf("%s: status %s, err = %v", src, value, o.err)
			}
		case "contains":
			if o.err != nil || !strings.Contains(o.text, squeeze(value)) {
				t.Errorf("%s: does not contain %q (err %v)", src, value, o.err)
			}
		case "contains-or-refused":
			if o.err == nil && !strings.Contains(o.text, squeeze(value)) {
				t.Errorf("%s: read without %q", src, value)
			}
		case "absent":
			if o.err != nil || strings.Contains(o.text, squeeze(value)) {
				t.Errorf("%s: contains %q (err %v)", src, value, o.err)
			}
		default:
			t.Errorf("%s: unknown check %q", src, check)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("expect.tsv has no PDF lines")
	}
}
