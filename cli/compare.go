package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/report"
	"plans/script"
	"plans/segment"
)

// compareOptions are the options of plans compare.
type compareOptions struct {
	Org     string
	Years   string
	Kinds   []string
	Docs    string
	By      string
	Format  string
	Out     string
	All     bool
	NoTerms bool
}

func newCompareCmd(a *app, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "比较各单位的计划：工作领域覆盖、行事历热力图、目标、特色词、雷同文本、逐年变化",
		Long: `对整个语料（或筛选出的部分）做对比报告：
  1. 覆盖矩阵：每篇文档（或每个单位、每年）覆盖哪些工作领域，出自哪些章节；
  2. 行事历热力图：各月份安排了哪些领域的活动，每月最常见的活动；
  3. 目标指标：各项量化目标的取值范围（最小、中位、最大）及出处；
  4. 特色词：与其余语料相比最有特色的词（对数似然比）；
  5. 雷同文本：文档之间相同或几乎相同的段落，以及每篇文档有多少是共用的；
  6. 逐年变化（--org 某单位，或 --docs 甲,乙）：新增、删去的工作领域，新增、改动、未变的章节，行事历变化。
输出 Markdown、HTML（单个文件，内嵌图表，可直接打印）或 JSON。`,
		Example: `  plans compare --format html -o 对比.html
  plans compare --org 城南实验小学 --format md
  plans compare --by org --year 2020-2024 --kind plan
  plans compare --docs 2c19e1422e-1,219bdf10fb-1 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCompare(cmd.Context(), a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Org, "org", "", "只比较这个单位的文档，并给出逐年变化")
	f.StringVar(&opts.Years, "year", "", "年份：2012 或 2010-2013")
	f.StringSliceVar(&opts.Kinds, "kind", nil, "类型：plan, summary, points, other")
	f.StringVar(&opts.Docs, "docs", "", "只比较这些文档（编号以逗号分隔），并依次给出变化")
	f.StringVar(&opts.By, "by", "doc", "覆盖矩阵和特色词按什么分组：doc、org、year")
	f.StringVar(&opts.Format, "format", "md", "输出格式：md、html、json")
	f.StringVarP(&opts.Out, "out", "o", "", "写入这个文件（默认写到标准输出）")
	f.BoolVar(&opts.All, "all", false, "也包括与工会工作无关的文档")
	f.BoolVar(&opts.NoTerms, "no-terms", false, "不计算特色词（不加载分词词典，更快）")
	return cmd
}

func runCompare(ctx context.Context, a *app, opts *compareOptions) error {
	yr, err := parseYears(opts.Years)
	if err != nil {
		return err
	}
	var write func(io.Writer, *report.Report) error
	switch opts.Format {
	case "md", "markdown":
		write = report.WriteMarkdown
	case "html":
		write = report.WriteHTML
	case "json":
		write = report.WriteJSON
	default:
		return usageError("不支持的格式 %q：可用 md、html、json", opts.Format)
	}
	docs, err := a.loadDocuments(ctx, "compare")
	if err != nil {
		return err
	}
	conv, err := script.Default()
	if err != nil {
		return err
	}
	ro := report.DefaultOptions()
	ro.By, ro.YearFrom, ro.YearTo, ro.IncludeIrrelevant = opts.By, yr.from, yr.to, opts.All
	if opts.Org != "" {
		ro.Org = conv.Simplify(opts.Org)
	}
	for _, k := range opts.Kinds {
		ro.Kinds = append(ro.Kinds, corpus.Kind(k))
	}
	for _, id := range strings.Split(opts.Docs, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ro.DocIDs = append(ro.DocIDs, id)
		}
	}
	if !opts.NoTerms {
		seg, err := segment.Default()
		if err != nil {
			return err
		}
		ro.Words = seg.Words
	}
	r, err := report.BuildContext(ctx, docs, ro)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, r); err != nil {
		return err
	}
	if err := a.writeOutput(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	if opts.Out != "" {
		fmt.Fprintf(a.streams.ErrOut, "已写入 %s\n", opts.Out)
	}
	return nil
}
