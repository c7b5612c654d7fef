package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"plans/draft"
	"plans/pipeline/script"
	"plans/review"
)

func init() {
	extraCommands = append(extraCommands, func(a *app) *cobra.Command { return newDraftCmd(a, nil) })
}

// DraftOptions are the options of plans draft.
type DraftOptions struct {
	Org    string
	Year   int
	Base   string
	Format string
	Out    string
}

func newDraftCmd(a *app, runF func(*DraftOptions) error) *cobra.Command {
	opts := &DraftOptions{}
	cmd := &cobra.Command{
		Use:   "draft --org 单位 --year 年份",
		Short: "起草下一年的工会工作计划提纲（每条建议注明出处）",
		Long: `以本单位最近的一份计划为底稿（或 --base 指定），参考其他单位（同类单位优先）的计划，
起草一份计划提纲：一、指导思想（年份顺延，过时的提法标出【待更新】）；二、工作目标（沿用底稿的目标，
加上同类单位常见的目标，数值标【待核实】）；三、主要工作（按工作领域，每条注明出处）；
四、行事历（每月多数计划安排的活动）；并列出同类单位常做而本单位没有的工作领域。
不编造任何事实：来源里没有的名称、日期、数字一律写【待核实】。`,
		Example: `  plans draft --org 城南实验小学 --year 2025
  plans draft --org 城南实验小学 --year 2025 --format docx -o 2025计划.docx
  plans draft --org 城南实验小学 --year 2025 --base 2c19e1422e-1 --format html -o 草稿.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runDraft(a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Org, "org", "", "本单位名称（简繁均可，写全称或简称）")
	f.IntVar(&opts.Year, "year", 0, "计划年份，如 2025")
	f.StringVar(&opts.Base, "base", "", "底稿文档编号（默认为本单位最近的一份计划）")
	f.StringVar(&opts.Format, "format", "md", "输出格式：md、docx、html、json")
	f.StringVarP(&opts.Out, "out", "o", "", "写入这个文件（默认写到标准输出；docx 必须指定文件）")
	return cmd
}

func runDraft(a *app, opts *DraftOptions) error {
	if opts.Year == 0 {
		return usageError("请用 --year 指定计划年份，例如 --year 2025")
	}
	if opts.Org == "" && opts.Base == "" {
		return usageError("请用 --org 指定本单位（或用 --base 指定底稿文档）")
	}
	write, err := draftWriter(opts.Format)
	if err != nil {
		return err
	}
	if opts.Format == "docx" && opts.Out == "" && a.streams.OutTTY {
		return usageError("docx 是二进制文件，请用 -o 文件名.docx 指定输出文件")
	}
	docs, err := a.loadDocuments("draft")
	if err != nil {
		return err
	}
	conv, err := script.Default()
	if err != nil {
		return err
	}
	o := draft.DefaultOptions()
	o.Org, o.Year, o.BaseID, o.Simplify = opts.Org, opts.Year, opts.Base, conv.Simplify
	o.ReviewLanguage = func() (review.Options, error) { return reviewLanguage(conv.Simplify) }
	d, err := draft.Build(docs, o)
	switch {
	case errors.Is(err, draft.ErrBaseNotFound), errors.Is(err, draft.ErrNoSources), errors.Is(err, draft.ErrNoYear):
		return &exitError{code: ExitError, msg: err.Error()}
	case err != nil:
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		return err
	}
	if err := a.writeOutput(opts.Out, buf.Bytes()); err != nil || opts.Out == "" {
		return err
	}
	base := "无底稿（只参考其他单位）"
	if d.Base != nil {
		base = fmt.Sprintf("%s（%s）", d.Base.Title, d.Base.DocID)
	}
	fmt.Fprintf(a.streams.ErrOut, "已写入 %s：底稿 %s，参考 %d 个单位的 %d 篇计划\n", opts.Out, base, d.Peers, d.PeerDocs)
	return nil
}

func draftWriter(format string) (func(io.Writer, *draft.Draft) error, error) {
	switch format {
	case "md", "markdown":
		return draft.WriteMarkdown, nil
	case "docx":
		return draft.WriteDOCX, nil
	case "html":
		return draft.WriteHTML, nil
	case "json":
		return writeJSONIndent[*draft.Draft], nil
	}
	return nil, usageError("不支持的格式 %q：可用 md、docx、html、json", format)
}
