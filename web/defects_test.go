package web

import (
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// An upload whose name is longer than a file system allows is saved under
// a shortened name that keeps the extension; so are zip members and a zip
// whose stem is too long. (Before, the search for a free name looped
// forever on ENAMETOOLONG.)
func TestUploadLongNames(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := string(readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt")))
	long := strings.Repeat("南岭中学工会工作计划", 12) // 360 bytes
	tests := []struct {
		name  string
		files []upFile
		ext   []string // extension of each kept file
	}{
		{"file", []upFile{{long + ".txt", []byte(plan)}}, []string{".txt"}},
		{"zip member", []upFile{{"包.zip", makeZip(t, zipEntry{name: "资料/" + long + ".txt", data: strings.Replace(plan, "南岭", "北岭", 1)})}}, []string{".txt"}},
		{"zip stem", []upFile{{long + ".zip", makeZip(t, zipEntry{name: "计划.txt", data: strings.Replace(plan, "南岭", "东岭", 1)})}}, []string{".txt"}},
		{"twice the same long name", []upFile{{"又" + long + ".txt", []byte(strings.Replace(plan, "南岭", "西岭", 1))}, {"又" + long + ".txt", []byte(strings.Replace(plan, "南岭", "中岭", 1))}}, []string{".txt", ".txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := uploaded(t, e)
			page := e.waitJob(t, e.upload(t, tok, e.origin(), tt.files...))
			if !strings.Contains(page.body, "导入完成") {
				t.Errorf("job page:\n%s", excerpt(page.body))
			}
			var added []string
			for _, f := range uploaded(t, e) {
				if !contains(before, f) {
					added = append(added, f)
				}
			}
			var exts []string
			for _, f := range added {
				exts = append(exts, path.Ext(f))
				for _, c := range strings.Split(f, "/") {
					if len(c) > 255 || !utf8.ValidString(c) {
						t.Errorf("name of %d bytes kept: %q", len(c), c)
					}
				}
			}
			if diff := cmp.Diff(tt.ext, exts); diff != "" {
				t.Errorf("kept %q (-want +got):\n%s", added, diff)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestFitName(t *testing.T) {
	long := strings.Repeat("工", 100) // 300 bytes
	tests := []struct{ in, wantExt string }{
		{"短.txt", ".txt"},
		{long + ".docx", ".docx"},
		{long, ""},
	}
	for _, tt := range tests {
		got := fitName(tt.in)
		if len(got) > maxNameBytes || !utf8.ValidString(got) {
			t.Errorf("fitName(%.20q…) = %d bytes, valid %v", tt.in, len(got), utf8.ValidString(got))
		}
		if path.Ext(got) != tt.wantExt {
			t.Errorf("fitName(%.20q…) = %q: extension %q, want %q", tt.in, got, path.Ext(got), tt.wantExt)
		}
		if len(tt.in) <= maxNameBytes && got != tt.in {
			t.Errorf("fitName(%q) = %q, want it unchanged", tt.in, got)
		}
	}
}

// Files and folders the server writes into the workspace are readable by
// the owner only; an upload of which nothing was kept leaves no folder.
func TestWorkspaceFileModes(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	e.waitJob(t, e.upload(t, tok, e.origin(),
		upFile{"南岭.txt", plan},
		upFile{"包.zip", makeZip(t, zipEntry{name: "子/北岭.txt", data: strings.Replace(string(plan), "南岭", "北岭", 1)})}))

	// Refused uploads: a hidden file, an unsafe zip, a broken zip.
	for _, f := range []upFile{
		{".隐藏.txt", plan},
		{"坏.zip", makeZip(t, zipEntry{name: "好.txt", data: "x"}, zipEntry{name: "../逃.txt", data: "x"})},
		{"断.zip", []byte("PK\x03\x04 broken")},
	} {
		page := e.waitJob(t, e.upload(t, tok, e.origin(), f))
		if !strings.Contains(page.body, "没有收下任何文件") || strings.Contains(page.body, "导入完成") {
			t.Errorf("refused upload %s: job page\n%s", f.name, excerpt(page.body))
		}
	}
	// A file that holds no document: read, but nothing found.
	page0 := e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"照片.jpg", []byte("\xff\xd8\xff\xe0 not really")}))
	if !strings.Contains(page0.body, "没有读到任何文档") || strings.Contains(page0.body, "导入完成") {
		t.Errorf("an upload with no document: job page\n%s", excerpt(page0.body))
	}
	// The same file again: nothing new.
	page := e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"又一份.txt", plan}))
	if !strings.Contains(page.body, "都已导入过") || strings.Contains(page.body, "导入完成") {
		t.Errorf("duplicate upload: job page\n%s", excerpt(page.body))
	}

	var bad []string
	dirs := 0
	filepath.WalkDir(e.ws.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(e.ws.Dir, p)
		mode := info.Mode().Perm()
		switch {
		case d.IsDir() && mode != 0o700:
			bad = append(bad, rel+" "+mode.String())
		case !d.IsDir() && mode&0o077 != 0 && !strings.HasPrefix(filepath.ToSlash(rel), "index/"):
			// The index's files are written by Bleve; its folder is 0700.
			bad = append(bad, rel+" "+mode.String())
		}
		if d.IsDir() && strings.HasPrefix(filepath.ToSlash(rel), "uploads/") {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				t.Errorf("empty folder left behind: %s", rel)
			}
			if strings.Count(filepath.ToSlash(rel), "/") == 1 {
				dirs++
			}
		}
		return nil
	})
	if len(bad) > 0 {
		t.Errorf("files others can read or folders others can enter:\n%s", strings.Join(bad, "\n"))
	}
	if dirs != 2 {
		t.Errorf("%d upload folders, want 2 (the first upload and the picture kept files)", dirs)
	}
}

// The list of recent imports names the files and survives a restart.
func TestRecentImportsSurviveRestart(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"南岭中学计划.txt", plan}, upFile{".藏.txt", plan}))
	list := e.mustGet(t, "/import", http.StatusOK).body
	for _, want := range []string{"南岭中学计划.txt", "未收下 1 个"} {
		if !strings.Contains(list, want) {
			t.Errorf("the import page lacks %q\n%s", want, excerpt(list))
		}
	}
	// A new server over the same workspace shows the same list and job.
	srv, err := New(Options{Workspace: e.ws, Index: e.ix, Pipeline: e.srv.opts.Pipeline})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	e.srv.Close()
	e.srv = srv
	e.ts.Config.Handler = srv.Handler()
	if got := e.mustGet(t, "/import", http.StatusOK).body; !strings.Contains(got, "南岭中学计划.txt") {
		t.Errorf("after a restart the import page lacks the file\n%s", excerpt(got))
	}
	jobs := srv.jobs.recent()
	if len(jobs) != 1 {
		t.Fatalf("%d jobs after the restart, want 1", len(jobs))
	}
	again := e.mustGet(t, "/import/"+jobs[0].ID, http.StatusOK).body
	for _, want := range []string{"导入完成（部分文件未能读取）", "南岭中学2024年工会工作计划", ".藏.txt"} {
		if !strings.Contains(again, want) {
			t.Errorf("job page after a restart lacks %q\n%s", want, excerpt(again))
		}
	}
	st, err := os.Stat(jobsFile(e.ws.Dir))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("jobs file: %v, %v", st, err)
	}
}

// A folder chosen or dropped on the import page sends each file with its
// path inside the folder: the folders are kept, hidden ones left out.
func TestUploadFolder(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := string(readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt")))
	page := e.waitJob(t, e.upload(t, tok, e.origin(),
		upFile{"往年计划/2023/北岭中学计划.txt", []byte(strings.Replace(plan, "南岭", "北岭", 1))},
		upFile{"往年计划/2024/北岭中学计划.txt", []byte(strings.Replace(plan, "南岭", "东岭", 1))},
		upFile{"往年计划/.git/config", []byte("x")},
		upFile{"../逃逸.txt", []byte(plan)},
	))
	for _, want := range []string{"导入完成", "往年计划/.git/config", "隐藏文件", "逃逸.txt", "含有“..”"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("job page lacks %q\n%s", want, excerpt(page.body))
		}
	}
	if diff := cmp.Diff([]string{"往年计划/2023/北岭中学计划.txt", "往年计划/2024/北岭中学计划.txt"}, uploaded(t, e)); diff != "" {
		t.Errorf("uploads (-want +got):\n%s", diff)
	}
	// The form offers a folder, and the page may run only its own script.
	form := e.mustGet(t, "/import", http.StatusOK)
	if !strings.Contains(form.body, "webkitdirectory") || !strings.Contains(form.body, `src="/static/upload.js"`) {
		t.Errorf("the import form offers no folder or no script")
	}
	csp := form.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	js := e.mustGet(t, "/static/upload.js", http.StatusOK)
	if ct := js.header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("upload.js served as %q", ct)
	}
}
