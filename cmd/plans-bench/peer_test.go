package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/cli"
)

// TestMain lets the test binary stand in for plans (the peer comparison
// runs plans as a child process).
func TestMain(m *testing.M) {
	if os.Getenv("PLANS_BENCH_AS_PLANS") == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.System()))
	}
	os.Exit(m.Run())
}

// fakeRecoll puts scripts named recollindex and recollq first on PATH:
// recollindex writes a 1000-byte file into the configured dbdir, recollq
// prints a result count as Recoll does.
func fakeRecoll(t *testing.T) {
	t.Helper()
	bin := t.TempDir()
	scripts := map[string]string{
		"recollindex": "#!/bin/sh\n# -c CONFDIR\ndb=$(sed -n 's/^dbdir = //p' \"$2/recoll.conf\")\nmkdir -p \"$db\" && head -c 1000 /dev/zero > \"$db/postlist.glass\"\n",
		"recollq":     "#!/bin/sh\necho \"Recoll query: $3\"\necho \"3 results\"\n",
	}
	for name, text := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func TestPeerWithoutRecollSaysSo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := run(context.Background(), []string{"-peer", "recoll", "-docs", "3", "-dir", t.TempDir()})
	if !errors.Is(err, errNoRecoll) {
		t.Fatalf("err = %v, want the message that Recoll is missing", err)
	}
}

func TestPeerUnknownProgram(t *testing.T) {
	fakeRecoll(t)
	if err := run(context.Background(), []string{"-peer", "xapian", "-docs", "3", "-dir", t.TempDir()}); err == nil {
		t.Fatal("an unknown peer was accepted")
	}
}

// TestPeerSmoke runs the whole comparison on a tiny corpus, with the real
// plans (this test binary) and a stand-in for Recoll.
func TestPeerSmoke(t *testing.T) {
	fakeRecoll(t)
	t.Setenv("PLANS_BENCH_AS_PLANS", "1")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	o := options{peer: "recoll", docs: 6, seed: 1, trad: 0.1, examples: "../../examples", dir: dir, cold: 3, runs: 2, plansBin: self}
	rep, err := comparePeer(context.Background(), o, self, "recollindex", "recollq", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs != 6 || rep.CorpusBytes <= 0 || rep.TextBytes <= 0 {
		t.Errorf("corpus figures: %+v", rep)
	}
	p := rep.Plans
	if p.IndexSeconds <= 0 || p.PeakRSS <= 0 || p.ColdMS <= 0 || p.Hits <= 0 {
		t.Errorf("plans figures missing: %+v", p)
	}
	if p.StoreBytes <= 0 || p.IndexBytes <= 0 || p.DiskBytes < p.StoreBytes+p.IndexBytes {
		t.Errorf("plans disk not split into store and index: %+v", p)
	}
	r := rep.Recoll
	if r.DiskBytes < 1000 || r.DiskBytes != diskUsage(filepath.Join(dir, "recoll", "xapiandb")) || r.Hits != 3 || r.PeakRSS <= 0 {
		t.Errorf("recoll figures: %+v", r)
	}
	if rep.Ratios.Disk != ratio(float64(p.DiskBytes), float64(r.DiskBytes)) || rep.Ratios.ColdSearch <= 0 {
		t.Errorf("ratios: %+v", rep.Ratios)
	}
	m, err := peakAt(context.Background(), o, 2, self, "recollindex")
	if err != nil {
		t.Fatal(err)
	}
	if m.Files != 2 || m.PlansPeakRSS <= 0 || m.RecollPeak <= 0 {
		t.Errorf("peak memory at 2 files: %+v", m)
	}
}

func TestPeerHelpers(t *testing.T) {
	got, err := parseSizes("10, 100,1000")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{10, 100, 1000}, got); diff != "" {
		t.Errorf("parseSizes (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"10,x", "0", "-5"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
	for _, tt := range []struct {
		v    []float64
		want float64
	}{{[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}, {nil, 0}} {
		if got := median(tt.v); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.v, got, tt.want)
		}
	}
	if n := plansHits([]byte("“校务公开”：120 篇文档 · 1764 处匹配（63 毫秒）\n")); n != 1764 {
		t.Errorf("plansHits = %d, want 1764", n)
	}
	if r := ratio(1, 3); r != 0.333 {
		t.Errorf("ratio(1,3) = %v", r)
	}
}
