package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/draft"
	"plans/review"
	"plans/script"
)

// draftOptions are the options of plans draft.
type draftOptions struct {
	Org    string
	Year   int
	Base   string
	Format string
	Out    string
	// Peers are the kinds of organisation to take peers from (ids or
	// Chinese names); empty means the draft's own kind, widened when too
	// few.
	Peers []string
	// NoBase drafts from peers alone (an organisation with no plan yet).
	NoBase bool
}

func newDraftCmd(a *app, runF func(*draftOptions) error) *cobra.Command {
	opts := &draftOptions{}
	cmd := &cobra.Command{
		Use:   "draft --org 单位 --year 年份",
		Short: "起草下一年的工会工作计划提纲（每条建议注明出处）",
		Long: `以本单位最近的一份计划为底稿（或 --base 指定），参考其他单位（同类单位优先）的计划，
起草一份计划提纲：一、指导思想（年份顺延，过时的提法标出【待更新】）；二、工作目标（沿用底稿的目标，
加上同类单位常见的目标，数值标【待核实】）；三、主要工作（按工作领域，每条注明出处）；
四、行事历（每月多数计划安排的活动）；并列出同类单位常做而本单位没有的工作领域。
不编造任何事实：来源里没有的名称、日期、数字一律写【待核实】。

参考单位：默认只参考与本单位同类的单位（小学参考小学，企业参考企业），不足 3 家时才加上相近的类型
（如小学加上中学、幼儿园、教育工会），起草说明里写明用了哪些类型；--peers 可自行指定。
没写明单位的文档不算参考单位。草稿的字体（简体或繁体）跟底稿一致，取自其他计划的建议都转换成同一种字体，
出处里保留原文。--year 省略时为底稿年份的下一年。单位名称在工作区里找不到时，会列出相近的名称；
本单位确实没有往年计划时，加 --no-base 只参考同类单位起草。`,
		Example: `  plans draft --org 城南实验小学 --year 2025
  plans draft --org 城南实验小学 --year 2025 --format docx -o 2025计划.docx
  plans draft --org 城南实验小学 --year 2025 --base 2c19e1422e-1 --format html -o 草稿.html
  plans draft --org 城南实验小学 --peers 小学,幼儿园
  plans draft --org 新建学校 --no-base --peers 中学 --year 2025`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runDraft(cmd.Context(), a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Org, "org", "", "本单位名称（简繁均可，写全称或简称）")
	f.IntVar(&opts.Year, "year", 0, "计划年份，如 2025（默认为底稿年份的下一年）")
	f.StringSliceVar(&opts.Peers, "peers", nil, "参考哪些类型的单位，逗号分隔："+peerTypeList()+"（默认：同类单位，不足时加相近类型）")
	f.BoolVar(&opts.NoBase, "no-base", false, "不用底稿，只参考同类单位起草（本单位没有往年计划时）")
	f.StringVar(&opts.Base, "base", "", "底稿文档编号（默认为本单位最近的一份计划）")
	f.StringVar(&opts.Format, "format", "md", "输出格式：md、docx、html、json")
	f.StringVarP(&opts.Out, "out", "o", "", "写入这个文件（默认写到标准输出；docx 必须指定文件）")
	return cmd
}

func runDraft(ctx context.Context, a *app, opts *draftOptions) error {
	if opts.Org == "" && opts.Base == "" {
		return usageError("请用 --org 指定本单位（或用 --base 指定底稿文档）")
	}
	if opts.NoBase && opts.Base != "" {
		return usageError("--no-base 与 --base 不能同时使用")
	}
	if opts.NoBase && opts.Year == 0 {
		return usageError("不用底稿时请用 --year 指定计划年份，例如 --year 2025")
	}
	peerTypes, err := parsePeerTypes(opts.Peers)
	if err != nil {
		return err
	}
	write, err := draftWriter(opts.Format)
	if err != nil {
		return err
	}
	if opts.Format == "docx" && opts.Out == "" && a.streams.OutTTY {
		return usageError("docx 是二进制文件，请用 -o 文件名.docx 指定输出文件")
	}
	docs, err := a.loadDocuments(ctx, "draft")
	if err != nil {
		return err
	}
	conv, err := script.Default()
	if err != nil {
		return err
	}
	o := draft.DefaultOptions()
	o.Org, o.Year, o.BaseID, o.Simplify, o.Traditionalize = opts.Org, opts.Year, opts.Base, conv.Simplify, conv.Traditionalize
	o.PeerTypes, o.NoBase = peerTypes, opts.NoBase
	o.ReviewLanguage = func() (review.Options, error) { return reviewLanguage(conv.Simplify) }
	d, err := draft.BuildContext(ctx, docs, o)
	switch {
	case errors.Is(err, draft.ErrOrgNotFound):
		return &exitError{code: ExitError, msg: err.Error() + "（确无往年计划时可加 --no-base --year 年份，只参考同类单位起草）"}
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
	fmt.Fprintf(a.streams.ErrOut, "已写入 %s：底稿 %s，参考 %d 个单位（%s）的 %d 篇计划，%d 处需要更新\n",
		opts.Out, base, d.Peers, orgTypeNames(d.PeerTypes), d.PeerDocs, d.ToUpdate)
	return nil
}

// parsePeerTypes reads --peers: kinds of organisation by id or Chinese name.
func parsePeerTypes(in []string) ([]corpus.OrgType, error) {
	var out []corpus.OrgType
	for _, s := range in {
		if strings.TrimSpace(s) == "" {
			continue
		}
		t, ok := draft.ParseOrgType(s)
		if !ok {
			return nil, usageError("--peers 里的“%s”不是单位类型：可用 %s", s, peerTypeList())
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func peerTypeList() string {
	var names []string
	for _, t := range draft.PeerTypeOrder {
		if t != corpus.OrgUnknown {
			names = append(names, corpus.OrgTypeNames[t])
		}
	}
	return strings.Join(names, "、")
}

func orgTypeNames(ts []corpus.OrgType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = corpus.OrgTypeNames[t]
	}
	return strings.Join(names, "、")
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
