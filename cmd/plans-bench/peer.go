package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"plans/corpus"
	"plans/workspace"
)

// peerQuery is what the cold searches of the peer comparison look for.
const peerQuery = "校务公开"

// PeerReport is the result of -peer recoll: plans and Recoll on the same
// corpus, and plans over Recoll for each figure.
type PeerReport struct {
	Peer        string     `json:"peer"`
	Docs        int        `json:"docs"`         // files generated
	CorpusBytes int64      `json:"corpus_bytes"` // size of those files
	TextBytes   int64      `json:"text_bytes"`   // the text plans stored (documents' Text)
	Runs        int        `json:"runs"`         // index runs of each, in turns; the fastest counts
	ColdRuns    int        `json:"cold_runs"`    // cold searches of each, in turns; the median counts
	Query       string     `json:"query"`
	Plans       PeerSide   `json:"plans"`
	Recoll      PeerSide   `json:"recoll"`
	Ratios      PeerRatios `json:"ratios"` // plans / Recoll
	DiskToText  float64    `json:"plans_disk_to_text"`
	Memory      []PeerMem  `json:"memory_by_files,omitempty"`
}

// PeerSide is one program's figures.
type PeerSide struct {
	IndexSeconds float64 `json:"index_seconds"`
	PeakRSS      int64   `json:"peak_rss_bytes"`        // the indexing process and its descendants (wait4)
	DiskBytes    int64   `json:"disk_bytes"`            // allocated blocks (du)
	StoreBytes   int64   `json:"store_bytes,omitempty"` // plans: store.db
	IndexBytes   int64   `json:"index_bytes,omitempty"` // plans: index/
	ColdMS       float64 `json:"cold_search_ms"`        // median of ColdRuns fresh processes
	Hits         int     `json:"hits"`                  // what the query found (matches for plans, documents for Recoll)
}

// PeerRatios are plans' figures over Recoll's.
type PeerRatios struct {
	IndexTime  float64 `json:"index_time"`
	PeakMemory float64 `json:"peak_memory"`
	Disk       float64 `json:"disk"`
	ColdSearch float64 `json:"cold_search"`
}

// PeerMem is the peak memory of indexing a corpus of Files files.
type PeerMem struct {
	Files        int   `json:"files"`
	PlansPeakRSS int64 `json:"plans_peak_rss_bytes"`
	RecollPeak   int64 `json:"recoll_peak_rss_bytes"`
}

// errNoRecoll is returned when recollindex or recollq is not installed.
var errNoRecoll = errors.New("找不到 Recoll 的 recollindex 或 recollq：请先安装（Debian/Ubuntu：apt-get install recollcmd），或不用 -peer")

// procStats is what running one child process cost.
type procStats struct {
	seconds float64
	maxRSS  int64 // bytes
	stdout  []byte
}

// runProc runs a command and measures its wall time and peak resident
// memory: the most the process and its descendants held at once (the sum
// of their resident sets, sampled every 5 ms until it exits), and at least
// the process's own high-water mark (VmHWM, exact). wait4's Maxrss is not
// used: on Linux it includes this process's memory at the time of the
// exec.
func runProc(ctx context.Context, env []string, name string, args ...string) (procStats, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return procStats{}, err
	}
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var most, hwm int64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			pid := cmd.Process.Pid
			hwm = max(hwm, procStatus(pid, "VmHWM:"))
			most = max(most, treeRSS(pid))
			select {
			case <-done:
				peak <- max(most, hwm)
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	st := procStats{seconds: time.Since(start).Seconds(), stdout: out.Bytes(), maxRSS: <-peak}
	if err != nil {
		msg := strings.TrimSpace(errb.String())
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return st, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, msg)
	}
	return st, nil
}

// treeRSS is the resident memory of pid and its descendants now.
func treeRSS(pid int) int64 {
	n := procStatus(pid, "VmRSS:")
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, f := range tasks {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, c := range strings.Fields(string(b)) {
			if child, err := strconv.Atoi(c); err == nil {
				n += treeRSS(child)
			}
		}
	}
	return n
}

// procStatus reads a size field of /proc/PID/status in bytes (0 if the
// process is gone).
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}

// peerTools finds recollindex and recollq.
func peerTools() (index, query string, err error) {
	index, err1 := exec.LookPath("recollindex")
	query, err2 := exec.LookPath("recollq")
	if err1 != nil || err2 != nil {
		return "", "", errNoRecoll
	}
	return index, query, nil
}

// recollConfig writes a Recoll configuration that indexes corpus into
// confdir/xapiandb, and returns confdir.
func recollConfig(dir, corpus string) (string, error) {
	conf := filepath.Join(dir, "recoll")
	if err := os.RemoveAll(conf); err != nil {
		return "", err
	}
	if err := os.MkdirAll(conf, 0o755); err != nil {
		return "", err
	}
	text := fmt.Sprintf("topdirs = %s\ndbdir = %s\n", corpus, filepath.Join(conf, "xapiandb"))
	return conf, os.WriteFile(filepath.Join(conf, "recoll.conf"), []byte(text), 0o644)
}

// plansBinary returns the plans binary to run: -plans, or one built from
// this module into the work folder.
func plansBinary(ctx context.Context, o options) (string, error) {
	if o.plansBin != "" {
		return filepath.Abs(o.plansBin)
	}
	bin := filepath.Join(o.dir, "plans")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "plans/cmd/plans")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("编译 plans 失败（可用 -plans 指定已编译的程序）：%w", err)
	}
	return bin, nil
}

// peerRun is one indexing of the corpus by plans and by Recoll.
type peerRun struct {
	plans, recoll procStats
}

// indexBoth indexes corpus from scratch with plans (workspace ws) and with
// Recoll (configuration conf).
func indexBoth(ctx context.Context, plansBin, recollIndex, ws, conf, corpus string) (peerRun, error) {
	var r peerRun
	if err := os.RemoveAll(ws); err != nil {
		return r, err
	}
	var err error
	r.plans, err = runProc(ctx, []string{"PLANS_WORKSPACE=" + ws}, plansBin, "import", corpus)
	if err != nil {
		return r, err
	}
	if err := os.RemoveAll(filepath.Join(conf, "xapiandb")); err != nil {
		return r, err
	}
	r.recoll, err = runProc(ctx, nil, recollIndex, "-c", conf)
	return r, err
}

var recollCount = regexp.MustCompile(`(?m)^(\d+) results`)

// runPeer compares plans with Recoll on a generated corpus and prints one
// JSON line.
func runPeer(ctx context.Context, o options) error {
	if o.peer != "recoll" {
		return fmt.Errorf("-peer: 只支持 recoll，不认识 %q", o.peer)
	}
	recollIndex, recollQuery, err := peerTools()
	if err != nil {
		return err
	}
	if o.dir == "" {
		d, err := os.MkdirTemp("", "plans-peer-")
		if err != nil {
			return err
		}
		o.dir = d
		if !o.keep {
			defer os.RemoveAll(d)
		}
	}
	logf := func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
	plansBin, err := plansBinary(ctx, o)
	if err != nil {
		return err
	}
	rep, err := comparePeer(ctx, o, plansBin, recollIndex, recollQuery, logf)
	if err != nil {
		return err
	}
	for _, n := range o.memAt {
		logf("峰值内存：%d 个文件 …", n)
		m, err := peakAt(ctx, o, n, plansBin, recollIndex)
		if err != nil {
			return err
		}
		rep.Memory = append(rep.Memory, m)
	}
	return json.NewEncoder(os.Stdout).Encode(rep)
}

// comparePeer generates o.docs files under o.dir and measures both
// programs on them.
func comparePeer(ctx context.Context, o options, plansBin, recollIndex, recollQuery string, logf func(string, ...any)) (PeerReport, error) {
	rep := PeerReport{Peer: o.peer, Runs: o.runs, ColdRuns: o.cold, Query: peerQuery}
	logf("语料：生成 %d 篇文档到 %s …", o.docs, corpusDir(o.dir))
	n, err := generate(o)
	if err != nil {
		return rep, err
	}
	rep.Docs = n
	corpus, err := filepath.Abs(corpusDir(o.dir))
	if err != nil {
		return rep, err
	}
	rep.CorpusBytes = dirSize(corpus)
	ws := wsDir(o.dir)
	conf, err := recollConfig(o.dir, corpus)
	if err != nil {
		return rep, err
	}
	// The first import on a machine builds the segmentation dictionary
	// into the user's cache (once); a warm-up import of one file keeps that
	// out of the figures.
	logf("预热：导入 1 个文件（首次使用时建立分词词典缓存）…")
	if err := warmUp(ctx, o, plansBin); err != nil {
		return rep, err
	}
	var best peerRun
	for i := 1; i <= o.runs; i++ {
		logf("建索引（第 %d/%d 轮）：plans import，然后 recollindex …", i, o.runs)
		r, err := indexBoth(ctx, plansBin, recollIndex, ws, conf, corpus)
		if err != nil {
			return rep, err
		}
		logf("  plans %.1f 秒 %.0f MB，Recoll %.1f 秒 %.0f MB", r.plans.seconds, mbf(r.plans.maxRSS), r.recoll.seconds, mbf(r.recoll.maxRSS))
		if i == 1 || r.plans.seconds < best.plans.seconds {
			best.plans.seconds = r.plans.seconds
		}
		if i == 1 || r.recoll.seconds < best.recoll.seconds {
			best.recoll.seconds = r.recoll.seconds
		}
		// Peak memory does not depend on the machine's load: the highest
		// of the runs counts.
		best.plans.maxRSS = max(best.plans.maxRSS, r.plans.maxRSS)
		best.recoll.maxRSS = max(best.recoll.maxRSS, r.recoll.maxRSS)
	}
	rep.Plans.IndexSeconds, rep.Plans.PeakRSS = best.plans.seconds, best.plans.maxRSS
	rep.Recoll.IndexSeconds, rep.Recoll.PeakRSS = best.recoll.seconds, best.recoll.maxRSS
	rep.Plans.StoreBytes = diskUsage(filepath.Join(ws, "store.db"))
	rep.Plans.IndexBytes = diskUsage(filepath.Join(ws, "index"))
	rep.Plans.DiskBytes = diskUsage(ws)
	rep.Recoll.DiskBytes = diskUsage(filepath.Join(conf, "xapiandb"))
	if rep.TextBytes, err = storedText(o.dir); err != nil {
		return rep, err
	}

	logf("冷启动搜索“%s”：各 %d 个新进程，轮流 …", peerQuery, o.cold)
	var plansMS, recollMS []float64
	for i := 0; i < o.cold; i++ {
		p, err := runProc(ctx, []string{"PLANS_WORKSPACE=" + ws}, plansBin, "search", peerQuery)
		if err != nil {
			return rep, err
		}
		plansMS = append(plansMS, p.seconds*1000)
		rep.Plans.Hits = plansHits(p.stdout)
		r, err := runProc(ctx, nil, recollQuery, "-c", conf, peerQuery)
		if err != nil {
			return rep, err
		}
		recollMS = append(recollMS, r.seconds*1000)
		if m := recollCount.FindSubmatch(r.stdout); m != nil {
			rep.Recoll.Hits, _ = strconv.Atoi(string(m[1]))
		}
	}
	rep.Plans.ColdMS, rep.Recoll.ColdMS = median(plansMS), median(recollMS)
	rep.Ratios = PeerRatios{
		IndexTime:  ratio(rep.Plans.IndexSeconds, rep.Recoll.IndexSeconds),
		PeakMemory: ratio(float64(rep.Plans.PeakRSS), float64(rep.Recoll.PeakRSS)),
		Disk:       ratio(float64(rep.Plans.DiskBytes), float64(rep.Recoll.DiskBytes)),
		ColdSearch: ratio(rep.Plans.ColdMS, rep.Recoll.ColdMS),
	}
	rep.DiskToText = ratio(float64(rep.Plans.DiskBytes), float64(rep.TextBytes))
	return rep, nil
}

// peakAt indexes a corpus of n files with both programs once and returns
// their peak memory.
func peakAt(ctx context.Context, o options, n int, plansBin, recollIndex string) (PeerMem, error) {
	sub := o
	sub.docs = n
	sub.dir = filepath.Join(o.dir, fmt.Sprintf("mem-%d", n))
	defer os.RemoveAll(sub.dir)
	if _, err := generate(sub); err != nil {
		return PeerMem{}, err
	}
	corpus, err := filepath.Abs(corpusDir(sub.dir))
	if err != nil {
		return PeerMem{}, err
	}
	conf, err := recollConfig(sub.dir, corpus)
	if err != nil {
		return PeerMem{}, err
	}
	r, err := indexBoth(ctx, plansBin, recollIndex, wsDir(sub.dir), conf, corpus)
	if err != nil {
		return PeerMem{}, err
	}
	return PeerMem{Files: n, PlansPeakRSS: r.plans.maxRSS, RecollPeak: r.recoll.maxRSS}, nil
}

// warmUp imports one generated file into a workspace of its own.
func warmUp(ctx context.Context, o options, plansBin string) error {
	sub := o
	sub.docs = 1
	sub.dir = filepath.Join(o.dir, "warm-up")
	defer os.RemoveAll(sub.dir)
	if _, err := generate(sub); err != nil {
		return err
	}
	_, err := runProc(ctx, []string{"PLANS_WORKSPACE=" + wsDir(sub.dir)}, plansBin, "import", corpusDir(sub.dir))
	return err
}

// diskUsage is the space the files under path take on disk (allocated
// blocks, as du counts them; a sparse or preallocated file counts what it
// uses).
func diskUsage(path string) int64 {
	var n int64
	filepath.Walk(path, func(_ string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			n += st.Blocks * 512
		} else {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// storedText sums the text of the documents plans stored, one document at
// a time (holding them all would make this process large).
func storedText(dir string) (int64, error) {
	ws, err := workspace.Open(wsDir(dir), workspace.ReadOnly, "bench")
	if err != nil {
		return 0, err
	}
	defer ws.Close()
	var n int64
	err = ws.Documents(func(d corpus.Document) error {
		n += int64(len(d.Text))
		return nil
	})
	return n, err
}

var plansTotal = regexp.MustCompile(`(\d+) 处匹配`)

// plansHits reads the number of matches from plans search's first line.
func plansHits(out []byte) int {
	m := plansTotal.FindSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return float64(int(a/b*1000+0.5)) / 1000
}

func mbf(n int64) float64 { return float64(n) / 1e6 }

// parseSizes reads a list of file counts such as "10,100,1000".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-memory-at: %q 不是文件数", f)
		}
		out = append(out, n)
	}
	return out, nil
}
