package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"plans/index"
	"plans/review"
	"plans/script"
	"plans/segment"
)

// reviewOptions are the options of plans review.
type reviewOptions struct {
	Org     string
	Year    int
	Plan    string
	Summary string
	Format  string
	Out     string
}

// newReviewCmd builds plans review; runF replaces the run in tests.
func newReviewCmd(a *app, runF func(*reviewOptions) error) *cobra.Command {
	opts := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review --org 单位 --year 年份",
		Short: "对照检查：把一年的工作计划和同年的工作总结逐条对照",
		Long: `找出本单位某年的工作计划和同年的工作总结（简繁均可；学年总结可对照上一年的计划，会注明用的是哪两篇），
逐条对照：
  1. 计划的每一项工作、每条目标、行事历每个月的安排：总结中已报告完成、部分提及，还是总结中未提及
     （“未提及”只说明总结里没有写到，不等于没有做），并列出作为依据的总结原文和匹配得分；
  2. 每项量化指标：计划值与总结中报告的数值（如 体检率达到100% 对 体检率为98%，未达到）；
  3. 总结中写到而计划里没有的工作（计划外工作）；
  4. 总结中的存在问题和今后打算，供起草下一年计划参考。
匹配按意思而不是按字面：分词后的关键词、同一工作领域、同义词表、数字和月份。`,
		Example: `  plans review --org 城南实验小学 --year 2023
  plans review --org 城南实验小学 --year 2023 --format html -o 对照检查.html
  plans review --plan 7488e856a8-1 --summary f64c33762b-1 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runReview(cmd, a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Org, "org", "", "单位名称（简繁均可）")
	f.IntVar(&opts.Year, "year", 0, "计划年份，如 2023")
	f.StringVar(&opts.Plan, "plan", "", "计划的文档编号（手工指定）")
	f.StringVar(&opts.Summary, "summary", "", "总结的文档编号（手工指定）")
	f.StringVar(&opts.Format, "format", "md", "输出格式：md、html、json")
	f.StringVarP(&opts.Out, "out", "o", "", "写入这个文件（默认写到标准输出）")
	return cmd
}

func runReview(cmd *cobra.Command, a *app, opts *reviewOptions) error {
	var write func(io.Writer, *review.Review) error
	switch opts.Format {
	case "md", "markdown":
		write = review.WriteMarkdown
	case "html":
		write = review.WriteHTML
	case "json":
		write = review.WriteJSON
	default:
		return usageError("不支持的格式 %q：可用 md、html、json", opts.Format)
	}
	if opts.Plan == "" && opts.Summary == "" && (opts.Org == "" || opts.Year == 0) {
		return usageError("请用 --org 和 --year 指定单位和年份，或用 --plan 和 --summary 指定两篇文档")
	}
	docs, err := a.loadDocuments(cmd.Context(), "review")
	if err != nil {
		return err
	}
	conv, err := script.Default()
	if err != nil {
		return err
	}
	ro, err := reviewLanguage(conv.Simplify)
	if err != nil {
		return err
	}
	ro.Org, ro.Year, ro.PlanID, ro.SummaryID = opts.Org, opts.Year, opts.Plan, opts.Summary
	r, err := review.Build(cmd.Context(), docs, ro)
	switch {
	case errors.Is(err, review.ErrNoPlan), errors.Is(err, review.ErrNoSummary), errors.Is(err, review.ErrUnknownDoc),
		errors.Is(err, review.ErrNotPlan), errors.Is(err, review.ErrNotSummary), errors.Is(err, review.ErrNoSelection):
		return &exitError{code: ExitError, msg: err.Error()}
	case err != nil:
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
		c := r.Counts
		fmt.Fprintf(a.streams.ErrOut, "已写入 %s：%s；计划 %d 项，总结中已报告 %d 项、部分提及 %d 项、未提及 %d 项\n",
			opts.Out, strings.TrimSuffix(r.Pair.Note, "。"), c.Items, c.Done, c.Partly, c.NotFound)
	}
	return nil
}

// reviewLanguage is what plans review (and the draft's review of the year
// before) knows of the language: the gse segmenter, the search thesaurus
// and OpenCC.
func reviewLanguage(simplify func(string) string) (review.Options, error) {
	seg, err := segment.Default()
	if err != nil {
		return review.Options{}, err
	}
	th, err := index.ParseThesaurus(index.DefaultThesaurus())
	if err != nil {
		return review.Options{}, err
	}
	return review.LanguageOptions(seg, th.Expand, simplify), nil
}
