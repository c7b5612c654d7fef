package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/importer"
	"plans/workspace"
)

// importOptions are the options of plans import.
type importOptions struct {
	Paths   []string
	Prune   bool
	Workers int
	Verbose bool
}

func newImportCmd(a *app, runF func(*importOptions) error) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import 路径...",
		Short: "导入文件夹或文件（递归读取所有能读的文件）",
		Long: `读取给定文件夹（递归）或文件里的工作计划和总结，清理、拆分、识别后存入工作区并建立索引。

能读取：.txt .md 无扩展名（UTF-8、GBK/GB18030、Big5、UTF-16，自动识别）、.docx、.doc、.wps、
.html/.htm（网页另存为）、.pdf（有文字层的）。其他文件（图片、压缩包等）列为跳过并说明原因。

再次导入同一文件夹时，未变化的文件不会重新解析；改动过的文件会替换它原来的文档；
--prune 删除那些文件已不存在的文档。有文件无法读取时退出码为 4，其余文件照常导入。`,
		Example: `  plans import ~/工会资料
  plans import 2023计划.docx 范文网页.html
  plans import --prune ~/工会资料      同时删除已不存在的文件的文档
  PLANS_WORKSPACE=/tmp/ws plans import examples`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !cmd.Flags().Changed("workers") {
				opts.Workers = a.cfg.Workers
			}
			if runF != nil {
				return runF(opts)
			}
			return runImport(cmd, a, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Prune, "prune", false, "删除文件已不存在的文档")
	f.IntVar(&opts.Workers, "workers", 2, "同时解析的文件数（配置项 workers）")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "逐个列出处理的文件")
	a.bind("workers", f.Lookup("workers"))
	return cmd
}

func runImport(cmd *cobra.Command, a *app, opts *importOptions) error {
	popts, err := a.pipelineOptions()
	if err != nil {
		return err
	}
	ws, err := a.openWrite("import")
	if err != nil {
		return err
	}
	defer ws.Close()
	idx := a.writeIndexLater(cmd.Context(), ws)
	defer idx.Close()

	iopts := importer.Options{
		Roots:       opts.Paths,
		Prune:       opts.Prune,
		Workers:     opts.Workers,
		FileTimeout: a.cfg.FileTimeout,
		Pipeline:    popts,
		OpenIndex:   func() (importer.Indexer, error) { return idx.get() },
		Progress:    newProgress(a.streams, opts.Verbose),
		MemoryLimit: a.importMemory(),
	}
	sum, err := importer.Run(cmd.Context(), ws, iopts)
	if err != nil {
		return err
	}
	writeSummary(a.streams.Out, sum, ws.Dir)
	if len(sum.Failed) > 0 {
		return &silentError{code: ExitFilesFailed}
	}
	return nil
}

// progress reports import progress on stderr: a bar on a terminal, plain
// lines otherwise.
type progress struct {
	s       Streams
	verbose bool
	bar     *progressbar.ProgressBar
	total   int
	done    int
	last    time.Time
}

func newProgress(s Streams, verbose bool) *progress { return &progress{s: s, verbose: verbose} }

func (p *progress) Start(total int) {
	p.total = total
	p.last = time.Now()
	if p.s.ErrTTY && !p.verbose {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.s.ErrOut),
			progressbar.OptionSetDescription("导入"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("文件"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return
	}
	fmt.Fprintf(p.s.ErrOut, "开始导入：共 %d 个文件\n", total)
}

func (p *progress) Step(source string, status workspace.FileStatus) {
	p.done++
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	if p.verbose {
		fmt.Fprintf(p.s.ErrOut, "[%d/%d] %s %s\n", p.done, p.total, statusText(status), source)
		return
	}
	if time.Since(p.last) >= 2*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.s.ErrOut, "已处理 %d/%d 个文件\n", p.done, p.total)
	}
}

func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

func statusText(s workspace.FileStatus) string {
	switch s {
	case workspace.FileSkipped:
		return "跳过"
	case workspace.FileFailed:
		return "失败"
	}
	return "完成"
}

func writeSummary(w io.Writer, s *importer.Summary, dir string) {
	fmt.Fprintf(w, "导入完成（用时 %.1f 秒）：共 %d 个文件，读取 %d 个，跳过 %d 个，失败 %d 个\n",
		s.Elapsed.Seconds(), s.Files, s.OK, len(s.Skipped), len(s.Failed))
	if s.Parsed == 0 && s.Unchanged > 0 {
		fmt.Fprintf(w, "  所有文件都没有变化，未重新解析（%d 个）\n", s.Unchanged)
	} else {
		fmt.Fprintf(w, "  本次解析 %d 个文件，未变化 %d 个\n", s.Parsed, s.Unchanged)
	}
	if s.Removed > 0 {
		fmt.Fprintf(w, "  清除网页杂质 %d 处（广告、版权声明、下载提示等；原文件未改动）\n", s.Removed)
	}
	docs := s.Docs
	var sections, cal, targets, relevant int
	kinds := map[corpus.Kind]int{}
	scripts := map[corpus.Script]int{}
	orgs := map[string]int{}
	years := map[int]int{}
	for _, d := range docs {
		sections += d.Sections
		cal += d.Calendar
		targets += d.Targets
		kinds[d.Kind]++
		scripts[d.Script]++
		if d.Relevant {
			relevant++
		}
		if d.Org != "" {
			orgs[d.Org]++
		}
		if d.Year != 0 {
			years[d.Year]++
		}
	}
	fmt.Fprintf(w, "文档：%d 篇（与工会工作相关 %d 篇）\n", len(docs), relevant)
	fmt.Fprintf(w, "  按类型：%s\n", countList(kinds, []corpus.Kind{corpus.KindPlan, corpus.KindSummary, corpus.KindPoints, corpus.KindOther}, corpus.KindNames))
	fmt.Fprintf(w, "  按字体：%s\n", countList(scripts, []corpus.Script{corpus.Simplified, corpus.Traditional, corpus.Mixed}, corpus.ScriptNames))
	fmt.Fprintf(w, "  章节 %d 个，行事历条目 %d 条，量化目标 %d 条\n", sections, cal, targets)
	if len(orgs) > 0 {
		names := make([]string, 0, len(orgs))
		for o := range orgs {
			names = append(names, o)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "单位：%d 个（%s）\n", len(names), strings.Join(names, "、"))
	}
	if len(years) > 0 {
		ys := make([]int, 0, len(years))
		for y := range years {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		parts := make([]string, len(ys))
		for i, y := range ys {
			parts[i] = fmt.Sprintf("%d（%d篇）", y, years[y])
		}
		fmt.Fprintf(w, "年份：%s\n", strings.Join(parts, "、"))
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "跳过的文件（%d 个）：\n", len(s.Skipped))
		for _, f := range s.Skipped {
			fmt.Fprintf(w, "  %s：%s\n", f.Source, f.Reason)
		}
	}
	if len(s.Failed) > 0 {
		fmt.Fprintf(w, "无法读取的文件（%d 个）：\n", len(s.Failed))
		for _, f := range s.Failed {
			fmt.Fprintf(w, "  %s：%s\n", f.Source, f.Reason)
		}
	}
	if len(s.Missing) > 0 {
		if s.Pruned > 0 {
			fmt.Fprintf(w, "已删除 %d 个不存在的文件的 %d 篇文档\n", len(s.Missing), s.Pruned)
		} else {
			fmt.Fprintf(w, "有 %d 个以前导入的文件已不存在（%s）；用 plans import --prune 删除它们的文档\n",
				len(s.Missing), strings.Join(s.Missing, "、"))
		}
	}
	fmt.Fprintf(w, "工作区：%s\n", dir)
}

func countList[K comparable](m map[K]int, order []K, names map[K]string) string {
	var parts []string
	for _, k := range order {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", names[k], m[k]))
		}
	}
	if len(parts) == 0 {
		return "无"
	}
	return strings.Join(parts, "，")
}
