package web

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"plans/importer"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// zipEntry is an entry of a test zip.
type zipEntry struct {
	name    string
	data    string
	symlink bool
	gbk     bool // name stored in GBK without the UTF-8 flag
}

func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.gbk {
			b, err := simplifiedchinese.GBK.NewEncoder().String(e.name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = b, true
		}
		if e.symlink {
			h.SetMode(fs.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// uploaded lists the files under the workspace's uploads folder, relative
// to their upload folder.
func uploaded(t *testing.T, e *testEnv) []string {
	t.Helper()
	var out []string
	root := e.srv.uploadsDir()
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		parts := strings.SplitN(filepath.ToSlash(rel), "/", 2)
		out = append(out, parts[len(parts)-1])
		return nil
	})
	slices.Sort(out)
	return out
}

func TestUploadAndImport(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	page := e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"南岭中学2024年工会工作计划.txt", plan}))
	if !strings.Contains(page.body, "导入完成") || !strings.Contains(page.body, "南岭中学2024年工会工作计划") {
		t.Fatalf("job page after import:\n%s", excerpt(page.body))
	}
	if diff := cmp.Diff([]string{"南岭中学2024年工会工作计划.txt"}, uploaded(t, e)); diff != "" {
		t.Errorf("uploads (-want +got):\n%s", diff)
	}
	// The new document is searchable and listed.
	r := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("乒乓球"), http.StatusOK).body)
	if diff := cmp.Diff([]string{"南岭中学2024年工会工作计划"}, r.docs); diff != "" {
		t.Errorf("search after upload (-want +got):\n%s", diff)
	}
	if !strings.Contains(e.mustGet(t, "/import", http.StatusOK).body, "导入完成") {
		t.Errorf("the import page does not list the finished job")
	}

	// A zip: folders kept, a GBK name decoded, a picture skipped with its
	// reason, a hidden file and macOS metadata left out.
	z := makeZip(t,
		zipEntry{name: "资料/东湖小学2023年工会工作计划.txt", data: strings.ReplaceAll(string(plan), "南岭中学", "东湖小学")},
		zipEntry{name: "资料/西湖小学工会工作计划.txt", data: strings.ReplaceAll(string(plan), "南岭中学", "西湖小学"), gbk: true},
		zipEntry{name: "资料/照片.jpg", data: "\xff\xd8\xff\xe0 not really"},
		zipEntry{name: "资料/.DS_Store", data: "x"},
		zipEntry{name: "__MACOSX/资料/._照片.jpg", data: "x"},
		zipEntry{name: "资料/空文件夹/"},
	)
	page = e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"资料包.zip", z}))
	for _, want := range []string{"东湖小学2023年工会工作计划", "西湖小学工会工作计划", "照片.jpg", "图片"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("zip job page lacks %q\n%s", want, excerpt(page.body))
		}
	}
	want := []string{"南岭中学2024年工会工作计划.txt", "资料包/资料/东湖小学2023年工会工作计划.txt",
		"资料包/资料/照片.jpg", "资料包/资料/西湖小学工会工作计划.txt"}
	if diff := cmp.Diff(want, uploaded(t, e)); diff != "" {
		t.Errorf("uploads (-want +got):\n%s", diff)
	}
	docs := e.mustGet(t, "/docs", http.StatusOK).body
	if !strings.Contains(docs, "东湖小学2023年工会工作计划") {
		t.Errorf("document list lacks the zipped plan")
	}

	// The same file again (under another name, and twice in one upload)
	// is not imported again.
	before, _, _ := e.srv.corpus()
	page = e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"再传一次.txt", plan}, upFile{"新的.txt", []byte(strings.ReplaceAll(string(plan), "南岭中学", "北岭中学"))}, upFile{"新的副本.txt", []byte(strings.ReplaceAll(string(plan), "南岭中学", "北岭中学"))}))
	for _, want := range []string{"与已导入的“南岭中学2024年工会工作计划.txt”内容相同", "与已导入的“新的.txt”内容相同"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("duplicate upload: job page lacks %q\n%s", want, excerpt(page.body))
		}
	}
	after, _, _ := e.srv.corpus()
	if len(after) != len(before)+1 {
		t.Errorf("documents %d → %d, want one more (北岭中学 only)", len(before), len(after))
	}
	if slices.Contains(uploaded(t, e), "再传一次.txt") {
		t.Errorf("the duplicate file was kept")
	}
}

func TestUploadRejectsUnsafeZips(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	good := zipEntry{name: "好文件.txt", data: "城南小学2024年工会工作计划\n一、指导思想\n团结教职工。\n"}
	tests := []struct {
		name   string
		entry  zipEntry
		reason string
	}{
		{"parent directory", zipEntry{name: "../逃逸.txt", data: "x"}, "含有“..”"},
		{"deep parent", zipEntry{name: "a/../../逃逸.txt", data: "x"}, "含有“..”"},
		{"backslash parent", zipEntry{name: `..\..\逃逸.txt`, data: "x"}, "含有“..”"},
		{"absolute path", zipEntry{name: "/tmp/逃逸.txt", data: "x"}, "绝对路径"},
		{"drive letter", zipEntry{name: `C:\逃逸.txt`, data: "x"}, "绝对路径"},
		{"symlink", zipEntry{name: "link", data: "/etc/passwd", symlink: true}, "符号链接"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := uploaded(t, e)
			z := makeZip(t, good, tt.entry)
			page := e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"坏包.zip", z}))
			if !strings.Contains(page.body, "整个压缩包未导入") || !strings.Contains(page.body, tt.reason) {
				t.Errorf("job page does not give the reason %q\n%s", tt.reason, excerpt(page.body))
			}
			if diff := cmp.Diff(before, uploaded(t, e)); diff != "" {
				t.Errorf("the unsafe zip left files (-before +after):\n%s", diff)
			}
		})
	}
	// Nothing escaped the uploads folder.
	var stray []string
	filepath.WalkDir(e.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), "逃逸") {
			stray = append(stray, p)
		}
		return nil
	})
	if len(stray) > 0 {
		t.Errorf("files written from unsafe names: %q", stray)
	}
}

func TestUploadLimits(t *testing.T) {
	e := freshEnv(t, func(o *Options) {
		o.Upload = UploadLimits{MaxRequestBytes: 64 << 10, MaxFileBytes: 2 << 10, MaxUnpackedBytes: 8 << 10, MaxZipEntries: 5}
	})
	tok := e.token(t)
	small := "溪东小学2024年工会工作计划\n一、指导思想\n团结教职工。\n"
	big := strings.Repeat("工会", 1000) // 6 000 bytes
	tests := []struct {
		name   string
		files  []upFile
		reason string
		kept   []string
	}{
		{"file over the limit", []upFile{{"大.txt", []byte(big)}, {"小.txt", []byte(small)}}, "文件过大（上限 2 KB）", []string{"小.txt"}},
		{"zip entry over the limit", []upFile{{"包.zip", makeZip(t, zipEntry{name: "大.txt", data: big}, zipEntry{name: "小.txt", data: strings.Replace(small, "溪东", "溪中", 1)})}}, "文件过大", []string{"包/小.txt"}},
		{"zip too large unpacked", []upFile{{"炸弹.zip", makeZip(t,
			zipEntry{name: "1.txt", data: big[:1800]}, zipEntry{name: "2.txt", data: big[:1800]},
			zipEntry{name: "3.txt", data: big[:1800]}, zipEntry{name: "4.txt", data: big[:1800]},
			zipEntry{name: "5.txt", data: big[:1800]})}}, "压缩包解压后太大", nil},
		{"too many entries", []upFile{{"多.zip", makeZip(t,
			zipEntry{name: "1.txt", data: "a"}, zipEntry{name: "2.txt", data: "a"}, zipEntry{name: "3.txt", data: "a"},
			zipEntry{name: "4.txt", data: "a"}, zipEntry{name: "5.txt", data: "a"}, zipEntry{name: "6.txt", data: "a"})}}, "文件太多", nil},
		{"nested zip", []upFile{{"套.zip", makeZip(t, zipEntry{name: "里面.zip", data: "PK"})}}, "压缩包里的压缩包", nil},
		{"hidden file", []upFile{{".隐藏.txt", []byte(small)}}, "隐藏文件", nil},
		{"broken zip", []upFile{{"坏.zip", []byte("PK\x03\x04 not a zip")}}, "无法解开", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := uploaded(t, e)
			page := e.waitJob(t, e.upload(t, tok, e.origin(), tt.files...))
			if !strings.Contains(page.body, tt.reason) {
				t.Errorf("job page lacks %q\n%s", tt.reason, excerpt(page.body))
			}
			var added []string
			for _, f := range uploaded(t, e) {
				if !slices.Contains(before, f) {
					added = append(added, f)
				}
			}
			if diff := cmp.Diff(tt.kept, added); diff != "" {
				t.Errorf("kept files (-want +got):\n%s", diff)
			}
		})
	}
	// A request over the total limit is refused as a whole.
	before := uploaded(t, e)
	r := e.upload(t, tok, e.origin(), upFile{"a.txt", []byte(strings.Repeat("x", 70<<10))})
	if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "上传的内容太大") {
		t.Errorf("oversized request: status %d\n%s", r.status, excerpt(r.body))
	}
	if diff := cmp.Diff(before, uploaded(t, e)); diff != "" {
		t.Errorf("the refused request left files (-before +after):\n%s", diff)
	}
	// An empty upload says so.
	if r := e.upload(t, tok, e.origin()); r.status != http.StatusBadRequest || !strings.Contains(r.body, "没有收到文件") {
		t.Errorf("empty upload: status %d", r.status)
	}
}

func TestCSRF(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	file := upFile{"a.txt", []byte("溪西小学2024年工会工作计划\n")}
	tests := []struct {
		name string
		do   func() *response
	}{
		{"upload without token", func() *response { return e.upload(t, "", e.origin(), file) }},
		{"upload with a wrong token", func() *response { return e.upload(t, strings.Repeat("0", len(tok)), e.origin(), file) }},
		{"upload from another site", func() *response { return e.upload(t, tok, "http://evil.example", file) }},
		{"upload without origin or referer", func() *response { return e.upload(t, tok, "", file) }},
		{"upload without the cookie", func() *response {
			jar := e.client.Jar
			e.client.Jar = nil
			defer func() { e.client.Jar = jar }()
			return e.upload(t, tok, e.origin(), file)
		}},
		{"remove without token", func() *response {
			return e.postForm(t, "/remove", url.Values{"key": {"/x"}}, e.origin())
		}},
		{"remove from another site", func() *response {
			return e.postForm(t, "/remove", url.Values{"key": {"/x"}, "csrf": {tok}}, "http://evil.example")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.do()
			if r.status != http.StatusForbidden {
				t.Errorf("status %d, want 403\n%s", r.status, excerpt(r.body))
			}
			if got := uploaded(t, e); len(got) > 0 {
				t.Errorf("a refused request left files: %q", got)
			}
		})
	}
	// GET cannot change anything: the state-changing routes are POST only.
	if r := e.get(t, "/remove?key=x&csrf="+tok); r.status != http.StatusNotFound && r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET /remove: status %d", r.status)
	}
	// The cookie is SameSite=Strict and HttpOnly.
	res, err := http.Get(e.ts.URL + "/import")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var found bool
	for _, c := range res.Cookies() {
		if c.Name == csrfCookie {
			found = true
			if c.SameSite != http.SameSiteStrictMode || !c.HttpOnly {
				t.Errorf("cookie %+v is not SameSite=Strict, HttpOnly", c)
			}
		}
	}
	if !found {
		t.Errorf("no CSRF cookie")
	}
}

func TestRemove(t *testing.T) {
	e := freshEnv(t, nil)
	tok := e.token(t)
	plan := readFile(t, filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	e.waitJob(t, e.upload(t, tok, e.origin(), upFile{"南岭.txt", plan}))
	doc := parse(t, e.mustGet(t, "/docs", http.StatusOK).body)
	var key string
	for _, in := range findAll(doc, element("input")) {
		if attr(in, "name") == "key" {
			key = attr(in, "value")
		}
	}
	if key == "" {
		t.Fatal("no remove form on the document list")
	}
	// The first press asks, listing what goes; nothing is removed yet.
	r := e.postForm(t, "/remove", url.Values{"key": {key}, "csrf": {tok}}, e.origin())
	if r.status != http.StatusOK || !strings.Contains(r.body, "确认删除") || !strings.Contains(r.body, "南岭中学2024年工会工作计划") {
		t.Fatalf("remove without confirmation: status %d\n%s", r.status, excerpt(r.body))
	}
	if docs := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("乒乓球"), http.StatusOK).body).docs; len(docs) != 1 {
		t.Fatalf("asking removed the document: %q", docs)
	}
	r = e.postForm(t, "/remove", url.Values{"key": {key}, "csrf": {tok}, "confirm": {"1"}}, e.origin())
	if r.status != http.StatusSeeOther {
		t.Fatalf("remove: status %d\n%s", r.status, excerpt(r.body))
	}
	list := e.mustGet(t, r.header.Get("Location"), http.StatusOK).body
	if !strings.Contains(list, "已删除 南岭.txt 的 1 篇文档") || !strings.Contains(list, "撤销删除") {
		t.Errorf("no message with an undo after removal\n%s", excerpt(list))
	}
	if strings.Contains(list, "南岭中学2024年工会工作计划") {
		t.Errorf("the document is still listed")
	}
	if docs := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("乒乓球"), http.StatusOK).body).docs; len(docs) > 0 {
		t.Errorf("the index still finds %q", docs)
	}
	if r := e.postForm(t, "/remove", url.Values{"key": {key}, "csrf": {tok}, "confirm": {"1"}}, e.origin()); r.status != http.StatusNotFound {
		t.Errorf("second removal: status %d", r.status)
	}

	// Undo: the document is back, listed and found.
	var undo string
	for _, in := range findAll(parse(t, list), element("input")) {
		if attr(in, "name") == "id" {
			undo = attr(in, "value")
		}
	}
	if r := e.postForm(t, "/remove/undo", url.Values{"id": {undo}}, e.origin()); r.status != http.StatusForbidden {
		t.Errorf("undo without a token: status %d", r.status)
	}
	r = e.postForm(t, "/remove/undo", url.Values{"id": {undo}, "csrf": {tok}}, e.origin())
	if r.status != http.StatusSeeOther {
		t.Fatalf("undo: status %d\n%s", r.status, excerpt(r.body))
	}
	if list := e.mustGet(t, r.header.Get("Location"), http.StatusOK).body; !strings.Contains(list, "已撤销删除") || !strings.Contains(list, "南岭中学2024年工会工作计划") {
		t.Errorf("after undo:\n%s", excerpt(list))
	}
	if docs := readSearch(t, e.mustGet(t, "/search?q="+url.QueryEscape("乒乓球"), http.StatusOK).body).docs; len(docs) != 1 {
		t.Errorf("the index does not find the restored document: %q", docs)
	}
	if r := e.postForm(t, "/remove/undo", url.Values{"id": {undo}, "csrf": {tok}}, e.origin()); r.status != http.StatusConflict {
		t.Errorf("second undo: status %d", r.status)
	}

	// Removed again, then the trash is emptied: final, and the uploaded
	// file is deleted then.
	e.postForm(t, "/remove", url.Values{"key": {key}, "csrf": {tok}, "confirm": {"1"}}, e.origin())
	if got := uploaded(t, e); len(got) != 1 {
		t.Errorf("the uploaded file went before the trash was emptied: %q", got)
	}
	if n, err := importer.EmptyTrash(e.ws); err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
	if got := uploaded(t, e); len(got) > 0 {
		t.Errorf("the uploaded file is still there after emptying the trash: %q", got)
	}
}

func TestSafeEntryPath(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{"a.txt", "a.txt", false},
		{"资料/2023/计划.docx", "资料/2023/计划.docx", false},
		{`资料\计划.docx`, "资料/计划.docx", false},
		{"./a//b/./c.txt", "a/b/c.txt", false},
		{"dir/", "dir", false},
		{"", "", false},
		{"../a", "", true},
		{"a/../../b", "", true},
		{"a/..", "", true},
		{"/etc/passwd", "", true},
		{`\\server\share\a`, "", true},
		{"C:/a.txt", "", true},
		{"a\x00b", "", true},
		{"a\nb.txt", "", true},
		{"a:b.txt", "", true},
		{"\xff\xfe", "", true},
	}
	for _, tt := range tests {
		got, err := safeEntryPath(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("safeEntryPath(%q) = %q, %v; want %q, bad %v", tt.in, got, err, tt.want, tt.bad)
		}
	}
}
