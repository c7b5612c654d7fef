package cli

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plans/importer"
	"plans/workspace"
)

// run executes plans in-process with a temporary workspace and returns the
// exit code, stdout and stderr.
func run(t *testing.T, ws string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Env: func(string) string { return "" }}
	code := Main(context.Background(), append([]string{"--workspace", ws}, args...), s)
	return code, out.String(), errOut.String()
}

func examplesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("bundled examples missing: %v", err)
	}
	return dir
}

func TestImportExamplesAndReimportParsesNothing(t *testing.T) {
	ws := t.TempDir()
	code, out, errOut := run(t, ws, "import", examplesDir(t))
	if code != ExitOK {
		t.Fatalf("import exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{"导入完成", "文档：", "按类型：", "按字体：", "跳过的文件"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, ws, "import", examplesDir(t))
	if code != ExitOK {
		t.Fatalf("re-import exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "所有文件都没有变化，未重新解析") {
		t.Errorf("re-import of unchanged examples parsed something:\n%s", out)
	}

	// Export follows the contract, one document per line.
	code, out, errOut = run(t, ws, "export")
	if code != ExitOK {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	n := 0
	var firstID string
	scripts := map[string]bool{}
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		for _, k := range []string{"id", "source", "part", "title", "kind", "relevant", "script", "year", "org", "topics", "text", "sections", "calendar", "targets", "warnings"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", n+1, k)
			}
		}
		if src, _ := m["source"].(string); filepath.IsAbs(src) || src == "" {
			t.Errorf("source must be relative to the imported folder: %q", src)
		}
		scripts[m["script"].(string)] = true
		if n == 0 {
			firstID = m["id"].(string)
		}
		n++
	}
	if n < 8 {
		t.Errorf("only %d documents exported from examples", n)
	}
	if !scripts["simplified"] || !scripts["traditional"] {
		t.Errorf("examples should hold both scripts, got %v", scripts)
	}

	code, out, _ = run(t, ws, "show", firstID)
	if code != ExitOK || !strings.Contains(out, firstID) || !strings.Contains(out, "类型：") {
		t.Errorf("show exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, ws, "list")
	if code != ExitOK || !strings.Contains(out, firstID) {
		t.Errorf("list exit %d:\n%s", code, out)
	}
}

// TestImportBadFolder: every kind of bad input is reported with its reason,
// the good file is imported, and the exit code says some files failed.
func TestImportBadFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("好计划.txt", []byte("实验小学2024年工会工作计划\n一、指导思想\n以服务教职工为宗旨，推进校务公开。\n二、主要工作\n（一）加强民主管理\n按时召开教代会。\n"))
	write("空文件.txt", nil)
	rnd := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(rnd.IntN(256))
	}
	write("乱码.docx", junk)
	write("截断.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pag"))
	write("坏字节.txt", append([]byte("工会工作计划\n"), 0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc3, 0x28))
	write("图片.jpg", []byte{0xff, 0xd8, 0xff, 0xe0})
	// A zip bomb named .docx: one entry that inflates far past the limit.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	fw, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte("0"), 1<<20)
	for i := 0; i < 200; i++ {
		fw.Write(chunk)
	}
	zw.Close()
	write("炸弹.docx", zb.Bytes())
	// A 50 MB text file.
	f, err := os.Create(filepath.Join(dir, "巨大.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("工会工作计划正文。"), 100)
	for written := 0; written < 50<<20; written += len(line) {
		f.Write(line)
	}
	f.Close()
	// An unreadable file: a link to nothing (works as root too).
	if err := os.Symlink(filepath.Join(dir, "不存在"), filepath.Join(dir, "断链.txt")); err != nil {
		t.Fatal(err)
	}

	ws := t.TempDir()
	code, out, errOut := run(t, ws, "import", dir)
	if code != ExitFilesFailed {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, ExitFilesFailed, out, errOut)
	}
	for _, name := range []string{"空文件.txt", "乱码.docx", "截断.pdf", "炸弹.docx", "巨大.txt", "断链.txt", "图片.jpg"} {
		found := false
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, name+"：") && len(strings.TrimSpace(l)) > len(name)+6 {
				found = true
			}
		}
		if !found {
			t.Errorf("%s not reported with a reason:\n%s", name, out)
		}
	}
	code, out, _ = run(t, ws, "export")
	if code != ExitOK || !strings.Contains(out, "实验小学2024年工会工作计划") || !strings.Contains(out, "坏字节.txt") {
		t.Errorf("good files not imported:\n%.500s", out)
	}
}

func TestBusyWorkspaceIsRefusedWithAReason(t *testing.T) {
	ws := t.TempDir()
	w, err := workspace.Open(ws, workspace.ReadWrite, "serve")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	code, _, errOut := run(t, ws, "import", t.TempDir())
	if code != ExitBusy || !strings.Contains(errOut, "serve") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	ws := t.TempDir()
	code, _, errOut := run(t, ws, "export", "--year", "明年")
	if code != ExitUsage {
		t.Errorf("bad year: exit %d, want %d: %s", code, ExitUsage, errOut)
	}
	code, _, errOut = run(t, ws, "list")
	if code != ExitError || !strings.Contains(errOut, "plans import") {
		t.Errorf("empty workspace: exit %d %q", code, errOut)
	}
	code, _, errOut = run(t, ws, "import", "--no-such-flag", "x")
	if code != ExitUsage {
		t.Errorf("unknown flag: exit %d %q", code, errOut)
	}
}

// The import's memory limit: memory_mb when set (-1: the Go runtime's own
// settings), else the runtime's settings when GOGC or GOMEMLIMIT is given,
// else the default.
func TestImportMemory(t *testing.T) {
	for _, tc := range []struct {
		mb   int
		env  map[string]string
		want int64
	}{
		{mb: 0, want: importer.DefaultMemoryLimit(func(string) string { return "" })},
		{mb: 512, want: 512 << 20},
		{mb: 512, env: map[string]string{"GOGC": "100"}, want: 512 << 20},
		{mb: -1, want: 0},
		{mb: 0, env: map[string]string{"GOGC": "200"}, want: 0},
		{mb: 0, env: map[string]string{"GOMEMLIMIT": "2GiB"}, want: 0},
	} {
		a := &app{cfg: Config{MemoryMB: tc.mb}, streams: Streams{Env: func(k string) string { return tc.env[k] }}}
		if got := a.importMemory(); got != tc.want {
			t.Errorf("memory_mb %d, env %v: %d, want %d", tc.mb, tc.env, got, tc.want)
		}
	}
	ws := t.TempDir()
	os.WriteFile(filepath.Join(ws, "plans.yaml"), []byte("memory_mb: 300\n"), 0o644)
	if _, out, _ := run(t, ws, "config"); !strings.Contains(out, "memory_mb: 300") {
		t.Errorf("memory_mb not read from plans.yaml:\n%s", out)
	}
}
