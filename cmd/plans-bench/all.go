package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"plans/index"
	"plans/workspace"
)

// queries are what the search timings run, in turn.
var queries = []string{
	"校务公开", "校務公開", "福利", "送温暖", "教代会", "体检", "师德师风", "代表大会",
	"会", "职工之家", "加强民主管理", `"困难教职工"`, "工会", "疗休养 -体检",
}

// Report is the benchmark's result.
type Report struct {
	Docs          int      `json:"docs"`
	Entries       uint64   `json:"entries"`
	TextBytes     int64    `json:"text_bytes"`
	Runs          int      `json:"runs"` // import and baseline runs; the fastest of each counts
	ImportSeconds float64  `json:"import_seconds"`
	ImportMBps    float64  `json:"import_mb_per_s"`
	PeakRSS       int64    `json:"peak_rss_bytes"`
	IndexBytes    int64    `json:"index_bytes"`
	IndexRatio    float64  `json:"index_to_text"`
	StoreBytes    int64    `json:"store_bytes"`
	Baseline      Baseline `json:"baseline"`
	ThroughputVs  float64  `json:"import_vs_baseline"`
	// PairRatios is import_vs_baseline of each turn (import and baseline
	// run back to back): how much the machine's speed moved the result.
	PairRatios []float64 `json:"import_vs_baseline_turns,omitempty"`
	// Index is the index alone fed the imported documents (Update, 500
	// documents a call, as the importer does), against the same baseline.
	IndexSeconds float64   `json:"index_seconds"`
	IndexMBps    float64   `json:"index_mb_per_s"`
	IndexVs      float64   `json:"index_vs_baseline"`
	ColdP50MS    float64   `json:"cold_search_p50_ms"`
	ColdP95MS    float64   `json:"cold_search_p95_ms"`
	WarmP50MS    float64   `json:"warm_search_p50_ms"`
	WarmP95MS    float64   `json:"warm_search_p95_ms"`
	WarmCPUMS    float64   `json:"warm_search_cpu_ms"` // process CPU time per warm search (less sensitive to load)
	Queries      []QueryMS `json:"queries"`
}

// Baseline is the bare Bleve+gse indexer fed the same texts.
type Baseline struct {
	Seconds    float64 `json:"seconds"`
	MBps       float64 `json:"mb_per_s"`
	IndexBytes int64   `json:"index_bytes"`
	PeakRSS    int64   `json:"peak_rss_bytes"`
}

// QueryMS is one query's hits and warm timing.
type QueryMS struct {
	Query string  `json:"query"`
	Total uint64  `json:"total"`
	P50MS float64 `json:"warm_p50_ms"`
}

func runAll(ctx context.Context, o options) error {
	if o.dir == "" {
		d, err := os.MkdirTemp("", "plans-bench-")
		if err != nil {
			return err
		}
		o.dir = d
		if !o.keep {
			defer os.RemoveAll(d)
		}
	}
	logf := func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
	logf("语料：生成 %d 篇文档到 %s …", o.docs, corpusDir(o.dir))
	if _, err := generate(o); err != nil {
		return err
	}
	var imp, base, idx childStats
	var turns []float64
	// Import and baseline take turns, o.runs times each; the fastest run
	// of each counts (the one least disturbed by the rest of the machine).
	for i := 1; i <= o.runs; i++ {
		var im, bs childStats
		logf("导入（子进程，第 %d/%d 次）…", i, o.runs)
		if err := child(ctx, o, &im, "-mode", "import"); err != nil {
			return err
		}
		logf("对照：裸 Bleve+gse 索引同样的文本（子进程，第 %d/%d 次）…", i, o.runs)
		if err := child(ctx, o, &bs, "-mode", "baseline"); err != nil {
			return err
		}
		logf("  导入 %.1f 秒，对照 %.1f 秒", im.Seconds, bs.Seconds)
		if im.Seconds > 0 && bs.Seconds > 0 {
			turns = append(turns, throughputRatio(im, bs))
		}
		imp, base = fastest(i, imp, im), fastest(i, base, bs)
	}
	logf("只建索引：把导入的文档再索引一遍（子进程）…")
	if err := child(ctx, o, &idx, "-mode", "index"); err != nil {
		return err
	}
	r := Report{
		Runs: o.runs, Docs: imp.Docs, Entries: imp.Entries, TextBytes: imp.TextBytes, ImportSeconds: imp.Seconds,
		PeakRSS: imp.MaxRSS, IndexBytes: imp.IndexBytes, StoreBytes: imp.StoreBytes,
		Baseline: Baseline{Seconds: base.Seconds, IndexBytes: base.IndexBytes, PeakRSS: base.MaxRSS},
	}
	mb := float64(imp.TextBytes) / 1e6
	r.ImportMBps = mb / imp.Seconds
	r.Baseline.MBps = float64(base.TextBytes) / 1e6 / base.Seconds
	r.ThroughputVs = r.ImportMBps / r.Baseline.MBps
	if len(turns) > 1 {
		r.PairRatios = turns
	}
	r.IndexSeconds = idx.Seconds
	r.IndexMBps = float64(idx.TextBytes) / 1e6 / idx.Seconds
	r.IndexVs = r.IndexMBps / r.Baseline.MBps
	r.IndexRatio = float64(imp.IndexBytes) / float64(imp.TextBytes)

	logf("冷启动搜索 %d 次（每次一个进程）…", o.cold)
	cold, err := coldSearch(ctx, o)
	if err != nil {
		return err
	}
	r.ColdP50MS, r.ColdP95MS = pct(cold, 50), pct(cold, 95)

	logf("热搜索：%d 个查询各 %d 次 …", len(queries), o.warm)
	c0 := cpuMS()
	warm, per, err := warmSearch(ctx, o)
	if err != nil {
		return err
	}
	r.WarmCPUMS = (cpuMS() - c0) / float64(len(warm)+len(per))
	r.WarmP50MS, r.WarmP95MS = pct(warm, 50), pct(warm, 95)
	r.Queries = per

	if o.jsonOut {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	printReport(r)
	return nil
}

// throughputRatio is the import's throughput over the baseline's.
func throughputRatio(imp, base childStats) float64 {
	return float64(imp.TextBytes) / imp.Seconds / (float64(base.TextBytes) / base.Seconds)
}

// fastest keeps the faster of the best run so far and run number i (the
// first run is always kept), with the highest peak memory of all runs.
func fastest(i int, best, run childStats) childStats {
	if i == 1 {
		return run
	}
	rss := max(best.MaxRSS, run.MaxRSS)
	if run.Seconds < best.Seconds {
		best = run
	}
	best.MaxRSS = rss
	return best
}

// coldSearch runs each search in a new process: this program in mode
// search, or with -plans the plans binary (plans search --json).
func coldSearch(ctx context.Context, o options) ([]float64, error) {
	var cold []float64
	for i := 0; i < o.cold; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		var err error
		if o.plansBin != "" {
			cmd := exec.CommandContext(ctx, o.plansBin, "search", "--json", q)
			cmd.Env = append(os.Environ(), "PLANS_WORKSPACE="+wsDir(o.dir))
			cmd.Stderr = os.Stderr
			err = cmd.Run()
		} else {
			var st searchStats
			err = child(ctx, o, &st, "-mode", "search", "-q", q)
		}
		if err != nil {
			return nil, fmt.Errorf("cold search %q: %w", q, err)
		}
		cold = append(cold, ms(time.Since(start)))
	}
	return cold, nil
}

// coldOnly times cold searches on an existing work folder.
func coldOnly(ctx context.Context, o options) error {
	cold, err := coldSearch(ctx, o)
	if err != nil {
		return err
	}
	fmt.Printf("cold p50 %.0f ms, p95 %.0f ms (%d searches)\n", pct(cold, 50), pct(cold, 95), len(cold))
	return nil
}

// child runs this program in another mode and decodes its JSON report.
func child(ctx context.Context, o options, into any, args ...string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	args = append(args, "-dir", o.dir, "-docs", fmt.Sprint(o.docs))
	cmd := exec.CommandContext(ctx, self, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", strings.Join(args[:2], " "), err)
	}
	return json.Unmarshal(out.Bytes(), into)
}

func warmSearch(ctx context.Context, o options) ([]float64, []QueryMS, error) {
	ws, err := workspace.Open(wsDir(o.dir), workspace.ReadOnly, "bench")
	if err != nil {
		return nil, nil, err
	}
	defer ws.Close()
	ix, err := index.Open(ws.IndexDir(), index.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	defer ix.Close()
	var all []float64
	var per []QueryMS
	for _, q := range queries {
		var ts []float64
		var total uint64
		// One run to warm caches, then the timed ones.
		for i := 0; i <= o.warm; i++ {
			start := time.Now()
			res, err := ix.Search(ctx, index.Request{Query: q}, ws)
			if err != nil {
				return nil, nil, fmt.Errorf("search %q: %w", q, err)
			}
			if i > 0 {
				ts = append(ts, ms(time.Since(start)))
			}
			total = res.Total
		}
		all = append(all, ts...)
		per = append(per, QueryMS{Query: q, Total: total, P50MS: pct(ts, 50)})
	}
	return all, per, nil
}

// warmOnly times warm searches on an existing work folder, optionally
// with a CPU profile.
func warmOnly(ctx context.Context, o options) error {
	stop, err := cpuProfile(o.cpuprof)
	if err != nil {
		return err
	}
	defer stop()
	warm, per, err := warmSearch(ctx, o)
	if err != nil {
		return err
	}
	fmt.Printf("warm p50 %.1f ms, p95 %.1f ms\n", pct(warm, 50), pct(warm, 95))
	for _, q := range per {
		fmt.Printf("  %s\t%d\t%.1f ms\n", q.Query, q.Total, q.P50MS)
	}
	return nil
}

// cpuMS returns the CPU time of this process so far, in milliseconds.
func cpuMS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pct returns the p-th percentile (nearest rank).
func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	k := int(float64(len(s))*p/100+0.999999) - 1
	return s[max(0, min(k, len(s)-1))]
}

func printReport(r Report) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
	fmt.Fprintf(w, "文档\t%d（索引条目 %d）\n", r.Docs, r.Entries)
	fmt.Fprintf(w, "正文\t%s\n", mb(r.TextBytes))
	if r.Runs > 1 {
		fmt.Fprintf(w, "轮次\t导入与对照各 %d 次，取各自最快的一次\n", r.Runs)
	}
	fmt.Fprintf(w, "导入\t%.1f 秒，%.2f MB/s，峰值内存 %s\n", r.ImportSeconds, r.ImportMBps, mb(r.PeakRSS))
	fmt.Fprintf(w, "索引\t%s（正文的 %.2f 倍）；存储 %s\n", mb(r.IndexBytes), r.IndexRatio, mb(r.StoreBytes))
	fmt.Fprintf(w, "对照：裸 Bleve+gse\t%.1f 秒，%.2f MB/s，索引 %s，峰值内存 %s\n",
		r.Baseline.Seconds, r.Baseline.MBps, mb(r.Baseline.IndexBytes), mb(r.Baseline.PeakRSS))
	fmt.Fprintf(w, "导入吞吐 / 对照\t%.2f（整个导入：读取、清理、识别、存储、索引）\n", r.ThroughputVs)
	if len(r.PairRatios) > 0 {
		var each []string
		for _, v := range r.PairRatios {
			each = append(each, fmt.Sprintf("%.2f", v))
		}
		fmt.Fprintf(w, "  每一轮\t%s（前后紧接着跑的导入与对照之比）\n", strings.Join(each, "，"))
	}
	fmt.Fprintf(w, "只建索引\t%.1f 秒，%.2f MB/s；/ 对照 %.2f\n", r.IndexSeconds, r.IndexMBps, r.IndexVs)
	fmt.Fprintf(w, "冷启动搜索\tp50 %.0f ms，p95 %.0f ms\n", r.ColdP50MS, r.ColdP95MS)
	fmt.Fprintf(w, "热搜索\tp50 %.1f ms，p95 %.1f ms（每次 CPU %.1f ms）\n", r.WarmP50MS, r.WarmP95MS, r.WarmCPUMS)
	for _, q := range r.Queries {
		fmt.Fprintf(w, "  %s\t%d 条，p50 %.1f ms\n", q.Query, q.Total, q.P50MS)
	}
	w.Flush()
}
