package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

// parse runs the root command with one subcommand built with a run hook,
// so a test sees the options the flags produced without running anything.
func parse(t *testing.T, ws string, env map[string]string, cmd func(*app) *cobra.Command, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Env: func(k string) string { return env[k] }}
	for k, v := range env {
		t.Setenv(k, v)
	}
	root := newRoot(s, cmd)
	root.SetArgs(append([]string{"--workspace", ws}, args...))
	code, msg := exitCode(root.ExecuteContext(context.Background()))
	return code, msg + errOut.String()
}

// Flags beat the environment, the environment beats the configuration
// file, the file beats the default.
func TestConfigPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		env  map[string]string
		args []string
		want int
	}{
		{"default", "", nil, nil, 2},
		{"file", "workers: 5\n", nil, nil, 5},
		{"env beats file", "workers: 5\n", map[string]string{"PLANS_WORKERS": "3"}, nil, 3},
		{"flag beats env", "workers: 5\n", map[string]string{"PLANS_WORKERS": "3"}, []string{"--workers", "1"}, 1},
		{"flag beats file", "workers: 5\n", nil, []string{"--workers", "4"}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := t.TempDir()
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(ws, "plans.yaml"), []byte(tc.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var got *importOptions
			hook := func(a *app) *cobra.Command {
				return newImportCmd(a, func(o *importOptions) error { got = o; return nil })
			}
			args := append([]string{"import"}, tc.args...)
			if code, msg := parse(t, ws, tc.env, hook, append(args, "folder")...); code != ExitOK {
				t.Fatalf("exit %d: %s", code, msg)
			}
			if got == nil || got.Workers != tc.want {
				t.Errorf("workers = %+v, want %d", got, tc.want)
			}
		})
	}
}

// Flag parsing of the report commands, through their run hooks (cli/cli's
// TestNewCmd… pattern): what the user types becomes these options.
func TestReportCommandFlags(t *testing.T) {
	t.Run("compare", func(t *testing.T) {
		var got *compareOptions
		hook := func(a *app) *cobra.Command {
			return newCompareCmd(a, func(o *compareOptions) error { got = o; return nil })
		}
		code, msg := parse(t, t.TempDir(), nil, hook, "compare", "--org", "城南小学", "--year", "2020-2024",
			"--kind", "plan,summary", "--by", "org", "--format", "json", "-o", "r.json", "--no-terms")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, msg)
		}
		want := &compareOptions{Org: "城南小学", Years: "2020-2024", Kinds: []string{"plan", "summary"}, By: "org",
			Format: "json", Out: "r.json", NoTerms: true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
	})
	t.Run("draft", func(t *testing.T) {
		var got *draftOptions
		hook := func(a *app) *cobra.Command {
			return newDraftCmd(a, func(o *draftOptions) error { got = o; return nil })
		}
		code, msg := parse(t, t.TempDir(), nil, hook, "draft", "--org", "城南小学", "--year", "2025", "--format", "docx", "-o", "d.docx")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, msg)
		}
		if got == nil || got.Org != "城南小学" || got.Year != 2025 || got.Format != "docx" || got.Out != "d.docx" {
			t.Errorf("options = %+v", got)
		}
	})
	t.Run("export", func(t *testing.T) {
		var got *exportOptions
		hook := func(a *app) *cobra.Command {
			return newExportCmd(a, func(o *exportOptions) error { got = o; return nil })
		}
		code, msg := parse(t, t.TempDir(), nil, hook, "export", "--kind", "plan", "--org", "实验小学", "--year", "2023", "--relevant")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, msg)
		}
		want := &exportOptions{Filter: Filter{Kinds: []string{"plan"}, Org: "实验小学", Years: "2023", Relevant: true}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
	})
	t.Run("draft year is a number", func(t *testing.T) {
		hook := func(a *app) *cobra.Command { return newDraftCmd(a, func(*draftOptions) error { return nil }) }
		if code, msg := parse(t, t.TempDir(), nil, hook, "draft", "--year", "明年"); code != ExitUsage {
			t.Errorf("exit %d, want %d: %s", code, ExitUsage, msg)
		}
	})
}

// An interrupted command (Ctrl-C cancels the context) exits 130 and writes
// no output file, not even a partial one.
func TestInterruptedCommandsWriteNothing(t *testing.T) {
	ws := importedExamples(t)
	for _, args := range [][]string{
		{"compare", "--format", "html"},
		{"draft", "--org", "城南实验小学", "--year", "2025"},
		{"export"},
		{"list"},
		{"show", "nonexistent"},
	} {
		t.Run(args[0], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			a := args
			if args[0] != "list" && args[0] != "show" {
				a = append(append([]string{}, args...), "-o", out)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stdout, stderr bytes.Buffer
			s := Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr, Env: func(string) string { return "" }}
			code := Main(ctx, append([]string{"--workspace", ws}, a...), s)
			if args[0] == "show" {
				// show of an unknown id fails before any work: not found wins.
				if code != ExitError || !strings.Contains(stderr.String(), "找不到文档 nonexistent") {
					t.Errorf("show: exit %d %q", code, stderr.String())
				}
				return
			}
			if code != ExitInterrupted || !strings.Contains(stderr.String(), "已中断") {
				t.Errorf("exit %d, want %d: %q", code, ExitInterrupted, stderr.String())
			}
			entries, err := os.ReadDir(filepath.Dir(out))
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 0 {
				t.Errorf("files left behind: %v", entries)
			}
			if stdout.Len() != 0 {
				t.Errorf("output after the interrupt: %q", stdout.String())
			}
		})
	}
}

func TestShowUnknownDocumentSaysSo(t *testing.T) {
	ws := importedExamples(t)
	code, _, errOut := run(t, ws, "show", "nonexistent")
	if code != ExitError || !strings.Contains(errOut, "找不到文档 nonexistent") || strings.Contains(errOut, "not found") {
		t.Errorf("exit %d %q", code, errOut)
	}
}
