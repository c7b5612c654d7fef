package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
)

// showOptions are the options of plans show.
type showOptions struct {
	ID   string
	Text bool
	JSON bool
}

func newShowCmd(a *app, runF func(*showOptions) error) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show 文档编号",
		Short: "查看一篇文档：基本信息、提纲（角色和工作领域）、行事历、目标、提醒",
		Long: `显示一篇文档被理解成了什么：标题、单位、年份、类型、字体，提纲树（每节的角色和工作领域），
行事历（月份和活动），量化目标，以及读取时的提醒。文档编号可只写开头几位（用 plans list 查看编号）。`,
		Example: `  plans show 3f9a1c2b7d-1
  plans show 3f9a --text      连同全文一起显示
  plans show 3f9a --json      以 JSON 显示（与 plans export 的一行相同）`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runShow(cmd.Context(), a, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Text, "text", false, "同时显示全文")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "以 JSON 显示")
	return cmd
}

func runShow(ctx context.Context, a *app, opts *showOptions) error {
	ws, err := a.openRead("show")
	if err != nil {
		return err
	}
	defer ws.Close()
	d, err := ws.Document(opts.ID)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(a.streams.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	writeDocument(a.streams.Out, &d, opts.Text)
	return nil
}

func topicNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = corpus.TopicName(id)
	}
	return strings.Join(names, "、")
}

func writeDocument(w io.Writer, d *corpus.Document, full bool) {
	fmt.Fprintf(w, "%s\n", d.Title)
	fmt.Fprintf(w, "  编号：%s　来源：%s（第 %d 篇）\n", d.ID, d.Source, d.Part)
	rel := "与工会工作相关"
	if !d.Relevant {
		rel = "与工会工作无关"
	}
	orgType := corpus.OrgTypeNames[d.OrgType]
	if orgType == "" {
		orgType = corpus.OrgTypeNames[corpus.OrgUnknown]
	}
	fmt.Fprintf(w, "  类型：%s（%s）　单位：%s（%s）　年份：%s　字体：%s\n",
		corpus.KindNames[d.Kind], rel, d.OrgName(), orgType, d.YearLabel(), corpus.ScriptNames[d.Script])
	if ev := evidenceText(d); ev != "" {
		fmt.Fprintf(w, "  依据：%s\n", ev)
	}
	format := d.Format
	if d.Encoding != "" {
		format += "，" + d.Encoding
	}
	if format != "" {
		fmt.Fprintf(w, "  格式：%s　篇幅：%d 字\n", format, len([]rune(d.Text)))
	}
	if len(d.Topics) > 0 {
		fmt.Fprintf(w, "  工作领域：%s\n", topicNames(d.Topics))
	}
	if len(d.Sections) > 0 {
		fmt.Fprintf(w, "\n提纲（%d 节）：\n", len(d.Sections))
		for _, s := range d.Sections {
			role := corpus.TagNames[s.Tag]
			if len(s.Topics) > 0 {
				role += "｜" + topicNames(s.Topics)
			}
			fmt.Fprintf(w, "  %s%s 〔%s〕\n", strings.Repeat("  ", max(s.Depth-1, 0)), s.Heading, role)
		}
	} else {
		fmt.Fprintf(w, "\n提纲：没有找到标题结构\n")
	}
	if len(d.Calendar) > 0 {
		fmt.Fprintf(w, "\n行事历（%d 条）：\n", len(d.Calendar))
		for _, c := range d.Calendar {
			months := make([]string, len(c.Months))
			for i, m := range c.Months {
				months[i] = strconv.Itoa(m)
			}
			acts := strings.Join(c.Activities, "；")
			if len([]rune(acts)) > 80 {
				acts = string([]rune(acts)[:80]) + "…"
			}
			fmt.Fprintf(w, "  %s〔%s月〕：%s\n", c.Label, strings.Join(months, "、"), acts)
		}
	}
	if len(d.Targets) > 0 {
		fmt.Fprintf(w, "\n量化目标（%d 条）：\n", len(d.Targets))
		for _, t := range d.Targets {
			fmt.Fprintf(w, "  %s — %s %s %s%s", t.Text, t.Metric, opText(t.Op), strconv.FormatFloat(t.Value, 'f', -1, 64), t.Unit)
			if len(t.Topics) > 0 {
				fmt.Fprintf(w, "〔%s〕", topicNames(t.Topics))
			}
			fmt.Fprintln(w)
		}
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(w, "\n提醒：\n")
		for _, s := range d.Warnings {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if full {
		fmt.Fprintf(w, "\n全文：\n%s\n", d.Text)
	}
}

// evidenceText says where the organisation and the year were read
// (单位见于标题，年份见于正文开头), "" when neither is known.
func evidenceText(d *corpus.Document) string {
	var parts []string
	if d.Org != "" && d.OrgFrom != "" {
		parts = append(parts, "单位见于"+fromName(d.OrgFrom))
	}
	if d.Year != 0 && d.YearFrom != "" {
		parts = append(parts, "年份见于"+fromName(d.YearFrom))
	}
	return strings.Join(parts, "，")
}

func fromName(from string) string {
	if n := corpus.FromNames[from]; n != "" {
		return n
	}
	return from
}

func opText(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	}
	return "="
}
