//go:build long

package main

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLongInterruptReports sends SIGINT to compare, draft and export on a
// few thousand documents, a third of the way into their work: each stops
// with exit 130 and leaves no output file behind. How long each took to
// stop after the signal is logged (a benchmark of sorts, never asserted).
func TestLongInterruptReports(t *testing.T) {
	dir, ws := t.TempDir(), t.TempDir()
	writeCorpus(t, dir, 3000)
	if code, out, errOut := runPlans(t, ws, "import", dir); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, args := range [][]string{
		{"compare", "--format", "html"},
		{"draft", "--org", "城东第1小学", "--year", "2026"},
		{"export"},
	} {
		t.Run(args[0], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			full := append(append([]string{}, args...), "-o", out)
			// One uninterrupted run tells how long the work takes here.
			start := time.Now()
			if code, _, errOut := runPlans(t, ws, full...); code != 0 {
				t.Fatalf("uninterrupted run: exit %d %s", code, errOut)
			}
			took := time.Since(start)
			if err := os.Remove(out); err != nil {
				t.Fatalf("uninterrupted run wrote no file: %v", err)
			}
			cmd := plans(context.Background(), ws, full...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(took / 3)
			sent := time.Now()
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			t.Logf("%s: whole run %v, stopped %v after SIGINT (err %v)", args[0], took.Round(time.Millisecond),
				time.Since(sent).Round(time.Millisecond), err)
			if code != 130 {
				t.Errorf("exit %d after SIGINT, want 130", code)
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 0 {
				t.Errorf("files left behind after SIGINT: %v", entries)
			}
		})
	}
}
