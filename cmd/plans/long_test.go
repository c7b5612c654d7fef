//go:build long

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The long versions run in .ci/run (go test -tags long -run Long).

func TestLongKillDuringImport(t *testing.T) { testKill(t, 400, 25) }

func TestLongMalformedFiles(t *testing.T) { testMalformed(t, 1000) }

// TestLongDiskFull imports into a workspace on a tiny tmpfs: the import
// fails with a clear message, the workspace stays readable and consistent,
// and after the disk grows the next import completes.
func TestLongDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("needs root to mount a small tmpfs")
		}
		t.Skip("needs root to mount a small tmpfs")
	}
	dir, ws := t.TempDir(), t.TempDir()
	want := writeCorpus(t, dir, 300)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", ws).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("cannot mount tmpfs here: %v %s", err, out)
		}
		t.Skipf("cannot mount tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", "-l", ws).Run()
	code, out, errOut := runPlans(t, ws, "import", dir)
	if code == 0 {
		t.Fatalf("import into a full disk succeeded?\n%s", out)
	}
	if !strings.Contains(errOut, "磁盘空间不足") {
		t.Errorf("message does not say the disk is full: %q", errOut)
	}
	// Readable and consistent: every stored document is whole.
	if code, _, errOut := runPlans(t, ws, "export"); code != 0 && !strings.Contains(errOut, "还没有文档") {
		t.Fatalf("workspace unreadable after disk full: %d %s", code, errOut)
	}
	if out, err := exec.Command("mount", "-o", "remount,size=64m", ws).CombinedOutput(); err != nil {
		t.Fatalf("remount: %v %s", err, out)
	}
	code, out, errOut = runPlans(t, ws, "import", dir)
	if code != 0 {
		t.Fatalf("import after freeing space: %d\n%s\n%s", code, out, errOut)
	}
	if docs := exportIDs(t, ws); len(docs) != want {
		t.Errorf("%d documents, want %d", len(docs), want)
	}
	if code, out, _ := runPlans(t, ws, "doctor"); code != 0 {
		t.Errorf("doctor after disk full:\n%s", out)
	}
}
