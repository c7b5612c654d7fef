package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as the plans command when
// PLANS_TEST_MAIN is set, so reliability tests can run (and kill) real
// plans processes without building the binary.
func TestMain(m *testing.M) {
	if os.Getenv("PLANS_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// plans runs the plans command in a child process.
func plans(ctx context.Context, ws string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"--workspace", ws}, args...)...)
	cmd.Env = append(os.Environ(), "PLANS_TEST_MAIN=1")
	return cmd
}

func runPlans(t *testing.T, ws string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := plans(ctx, ws, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run plans %v: %v", args, err)
	}
	return code, out.String(), errOut.String()
}

var (
	orgs   = []string{"城东", "城西", "江南", "河北", "青山", "白沙", "新华", "光明", "育才", "实验"}
	levels = []string{"小学", "中学", "幼儿园", "职业技术学校"}
)

// writeCorpus writes n small but realistic plans (UTF-8 and GBK-free text,
// several per folder) and returns how many documents they hold.
func writeCorpus(t *testing.T, dir string, n int) int {
	t.Helper()
	for i := 0; i < n; i++ {
		org := fmt.Sprintf("%s第%d%s", orgs[i%len(orgs)], i/len(orgs)+1, levels[i%len(levels)])
		year := 2015 + i%10
		text := fmt.Sprintf(`%s%d年工会工作计划
一、指导思想
以服务教职工为宗旨，围绕学校中心工作，推进民主管理和校务公开，第%d次修订。
二、工作目标
1、教职工入会率达到%d%%以上。
2、全年开展文体活动不少于%d次。
三、主要工作
（一）加强民主管理
按时召开教代会，落实校务公开，公开栏每月更新。
（二）关心教职工生活
做好体检、疗休养和送温暖工作，慰问困难教职工。
（三）丰富文体活动
组织运动会、球赛和三八节活动。
四、行事历
3月：庆祝三八节；召开教代会。
9月：庆祝教师节；慰问退休教师。
`, org, year, i, 90+i%10, 5+i%7)
		sub := filepath.Join(dir, fmt.Sprintf("校%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d-%s.txt", i, org)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

type exported struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Part   int    `json:"part"`
}

func exportIDs(t *testing.T, ws string) []exported {
	t.Helper()
	code, out, errOut := runPlans(t, ws, "export")
	if code != 0 {
		t.Fatalf("export after kills: exit %d: %s", code, errOut)
	}
	var docs []exported
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var d exported
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("export line is not JSON: %v", err)
		}
		docs = append(docs, d)
	}
	return docs
}

// testKill kills plans import with SIGKILL at random moments, then checks
// that the workspace opens, store and index agree, and a last import
// finishes the job with no duplicate and no missing document.
func testKill(t *testing.T, files, kills int) {
	dir, ws := t.TempDir(), t.TempDir()
	want := writeCorpus(t, dir, files)
	rnd := rand.New(rand.NewPCG(uint64(files), uint64(kills)))
	killed := 0
	for i := 0; i < kills; i++ {
		cmd := plans(context.Background(), ws, "import", dir)
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		delay := time.Duration(50+rnd.IntN(1500)) * time.Millisecond
		select {
		case <-done: // finished before the kill: nothing to kill this time
		case <-time.After(delay):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed++
		}
		// After every kill the workspace must open and read.
		if code, _, errOut := runPlans(t, ws, "list"); code != 0 && !strings.Contains(errOut, "还没有文档") {
			t.Fatalf("after kill %d the workspace does not open: exit %d %s", i+1, code, errOut)
		}
	}
	t.Logf("%d of %d imports killed", killed, kills)
	code, out, errOut := runPlans(t, ws, "import", dir)
	if code != 0 {
		t.Fatalf("final import: exit %d\n%s\n%s", code, out, errOut)
	}
	docs := exportIDs(t, ws)
	seen := map[string]bool{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Errorf("duplicate document %s (%s)", d.ID, d.Source)
		}
		seen[d.ID] = true
	}
	if len(docs) != want {
		t.Errorf("%d documents after the final import, want %d", len(docs), want)
	}
	code, out, _ = runPlans(t, ws, "doctor")
	if code != 0 || !strings.Contains(out, "存储与索引一致") {
		t.Errorf("store and index disagree after kills (exit %d):\n%s", code, out)
	}
}

func TestKillDuringImport(t *testing.T) { testKill(t, 60, 4) }

// malformedFolder writes n malformed files of every supported type and
// one good plan.
func malformedFolder(t *testing.T, dir string, n int) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(7, uint64(n)))
	junk := func(size int) []byte {
		b := make([]byte, size)
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		return b
	}
	good := "育才小学2024年工会工作计划\n一、指导思想\n推进校务公开。\n二、主要工作\n（一）民主管理\n召开教代会。\n"
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte(good), 0o644)
	kinds := []string{"docx", "pdf", "doc", "wps", "html", "txt", "htm", "md"}
	for i := 0; i < n; i++ {
		ext := kinds[i%len(kinds)]
		var b []byte
		switch i % 5 {
		case 0:
			b = nil // empty
		case 1:
			b = junk(64 + rnd.IntN(4096))
		case 2: // a truncated container of the right kind
			switch ext {
			case "pdf":
				b = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Pa")
			case "docx":
				var zb bytes.Buffer
				zw := zip.NewWriter(&zb)
				w, _ := zw.Create("word/document.xml")
				w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>工会`))
				zw.Close()
				b = zb.Bytes()[:zb.Len()*2/3]
			case "doc", "wps":
				b = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, junk(512)...)
			default:
				b = []byte("<html><head><meta charset=gb2312><title>工会</title></head><body><p>\xb9\xa4\xbb\xe1")
			}
		case 3: // a small zip bomb under any name
			var zb bytes.Buffer
			zw := zip.NewWriter(&zb)
			w, _ := zw.Create("word/document.xml")
			chunk := bytes.Repeat([]byte{'<'}, 1<<20)
			for k := 0; k < 80; k++ {
				w.Write(chunk)
			}
			zw.Close()
			b = zb.Bytes()
		case 4: // invalid UTF-8 and NUL bytes in "text"
			b = append([]byte("工会工作计划\x00\xff\xfe"), junk(200)...)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("bad%04d.%s", i, ext)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// testMalformed imports a folder of malformed files: the import finishes,
// every failure is reported with a reason, the good file is imported, and
// the peak memory of the process is reported.
func testMalformed(t *testing.T, n int) {
	dir, ws := t.TempDir(), t.TempDir()
	malformedFolder(t, dir, n)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := plans(ctx, ws, "import", dir)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 4 {
		t.Fatalf("import of malformed files: %v (want exit 4)\n%s\n%s", err, out.String(), errOut.String())
	}
	if strings.Contains(errOut.String(), "panic") {
		t.Fatalf("panic:\n%s", errOut.String())
	}
	reported := 0
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "bad") && strings.Contains(line, "：") {
			reported++
		}
	}
	if reported < n*4/5 {
		t.Errorf("only %d of %d malformed files reported with a reason:\n%s", reported, n, out.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		t.Logf("peak RSS importing %d malformed files: %d MiB", n, ru.Maxrss/1024)
		if ru.Maxrss > 2<<20 { // KiB: 2 GiB
			t.Errorf("peak RSS %d MiB is not bounded", ru.Maxrss/1024)
		}
	}
	code, out2, _ := runPlans(t, ws, "export")
	if code != 0 || !strings.Contains(out2, "育才小学2024年工会工作计划") {
		t.Errorf("the good file was not imported")
	}
}

func TestMalformedFiles(t *testing.T) { testMalformed(t, 100) }
