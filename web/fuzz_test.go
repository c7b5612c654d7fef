package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"plans/corpus"
	"plans/script"
)

func FuzzSafeEntryPath(f *testing.F) {
	for _, s := range []string{"a.txt", "资料/计划.docx", `a\b`, "../x", "/abs", "C:x", "a/./b//c", "..", "a\x00", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p, err := safeEntryPath(name)
		if err != nil {
			if p != "" {
				t.Fatalf("error with a path %q", p)
			}
			return
		}
		if p == "" {
			return
		}
		if !utf8.ValidString(p) || !filepath.IsLocal(filepath.FromSlash(p)) || strings.HasPrefix(p, "/") {
			t.Fatalf("safeEntryPath(%q) = %q, not a local path", name, p)
		}
		for _, c := range strings.Split(p, "/") {
			if c == "" || c == "." || c == ".." {
				t.Fatalf("safeEntryPath(%q) = %q has component %q", name, p, c)
			}
		}
		again, err := safeEntryPath(p)
		if err != nil || again != p {
			t.Fatalf("not idempotent: %q → %q → %q, %v", name, p, again, err)
		}
	})
}

// FuzzFitPath checks the shortening of over-long upload names: every
// name fits a file system, the path keeps its folders, a name that fits is
// kept, a valid name stays valid UTF-8, and shortening twice changes
// nothing.
func FuzzFitPath(f *testing.F) {
	for _, s := range []string{"a.txt", strings.Repeat("工", 100) + ".docx", "资料/" + strings.Repeat("计划", 60) + ".txt", strings.Repeat("x", 300), "a." + strings.Repeat("e", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got := fitPath(p)
		in, out := strings.Split(p, "/"), strings.Split(got, "/")
		if len(in) != len(out) {
			t.Fatalf("fitPath(%q) = %q: %d names, want %d", p, got, len(out), len(in))
		}
		for i, c := range out {
			if len(c) > maxNameBytes {
				t.Fatalf("fitPath(%q): name of %d bytes", p, len(c))
			}
			if len(in[i]) <= maxNameBytes && c != in[i] {
				t.Fatalf("fitPath(%q) changed %q, which fits, into %q", p, in[i], c)
			}
			if utf8.ValidString(in[i]) && !utf8.ValidString(c) {
				t.Fatalf("fitPath(%q) = %q: invalid UTF-8", p, got)
			}
		}
		if again := fitPath(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", p, got, again)
		}
	})
}

// FuzzUnzip feeds arbitrary bytes as an uploaded zip: nothing may be
// written outside the upload folder, no link created, no limit exceeded.
func FuzzUnzip(f *testing.F) {
	f.Add(makeZip(f, zipEntry{name: "a/b.txt", data: "工会"}))
	f.Add(makeZip(f, zipEntry{name: "../x.txt", data: "x"}, zipEntry{name: "ok.txt", data: "y"}))
	f.Add(makeZip(f, zipEntry{name: "l", data: "/etc", symlink: true}))
	f.Add(makeZip(f, zipEntry{name: "计划.txt", data: "x", gbk: true}))
	f.Add([]byte("PK\x03\x04"))
	lim := UploadLimits{MaxFileBytes: 4 << 10, MaxUnpackedBytes: 16 << 10, MaxZipEntries: 20, MaxRequestBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		top := t.TempDir()
		dir := filepath.Join(top, "up")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".in.zip"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		b := &batch{root: root, lim: lim}
		if err := b.unzip("in.zip", ".in.zip"); err != nil {
			t.Fatalf("unzip: %v", err)
		}
		var total int64
		filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				t.Errorf("link created: %s", p)
			}
			if p != top && p != dir && !strings.HasPrefix(p, dir+string(filepath.Separator)) {
				t.Errorf("written outside the upload folder: %s", p)
			}
			if info, err := d.Info(); err == nil && d.Type().IsRegular() && d.Name() != ".in.zip" {
				if info.Size() > lim.MaxFileBytes {
					t.Errorf("%s is %d bytes, over the limit", p, info.Size())
				}
				total += info.Size()
			}
			return nil
		})
		if total > lim.MaxUnpackedBytes {
			t.Errorf("unpacked %d bytes, over the limit", total)
		}
		for _, s := range b.saved {
			if _, err := root.Stat(s); err != nil {
				t.Errorf("saved file %s missing: %v", s, err)
			}
		}
	})
}

// FuzzDocumentLayout checks the document page's layout on arbitrary texts,
// offsets and words: pieces cover the text in order, every section has its
// block, marks are on the given words.
func FuzzDocumentLayout(f *testing.F) {
	entries, _ := os.ReadDir(filepath.Join("testdata", "docs"))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", "docs", e.Name()))
		if err == nil {
			f.Add(string(b), 10, 40, 30, 90, "校务公开")
		}
	}
	f.Add("一、甲\n乙", -5, 2, 1, 1000, "甲")
	conv, err := script.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int, word string) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "?")
		}
		d := corpus.Document{ID: "x-1", Text: text, Simplified: conv.Simplify(text), Sections: []corpus.Section{
			{ID: "x-1/s1", Start: s1, End: e1, Heading: "一、", Depth: 1},
			{ID: "x-1/s2", Start: s2, End: e2, Heading: "乙", Depth: 2, Parent: "x-1/s1"},
		}}
		spans := markSpans(d.Text, d.Simplified, []string{word})
		last := 0
		for _, s := range spans {
			if s.Start < last || s.End <= s.Start || s.End > len(text) || !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("bad span %+v (text %d bytes)", s, len(text))
			}
			last = s.End
		}
		blocks := textBlocks(&d, spans)
		seen := map[string]bool{}
		var all strings.Builder
		for _, b := range blocks {
			seen[b.ID] = true
			for _, p := range b.Pieces {
				if !utf8.ValidString(p.Text) {
					t.Fatalf("piece %q is not valid UTF-8", p.Text)
				}
				all.WriteString(p.Text)
			}
		}
		if !seen["x-1/s1"] || !seen["x-1/s2"] {
			t.Fatalf("a section has no block: %v", seen)
		}
		// The pieces are the text in order, less line breaks at block edges.
		strip := func(s string) string { return strings.NewReplacer("\n", "", "\r", "").Replace(s) }
		if strip(all.String()) != strip(text) {
			t.Fatalf("pieces do not spell the text:\n%q\n%q", all.String(), text)
		}
	})
}
