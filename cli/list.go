package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// listOptions are the options of plans list.
type listOptions struct{ Filter Filter }

func newListCmd(a *app, runF func(*listOptions) error) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "列出工作区里的文档（编号、类型、单位、年份、标题、来源）",
		Example: `  plans list
  plans list --kind summary
  plans list --org 实验小学 --year 2022-2024`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runList(cmd.Context(), a, opts)
		},
	}
	opts.Filter.register(cmd)
	return cmd
}

func runList(ctx context.Context, a *app, opts *listOptions) error {
	yr, err := parseYears(opts.Filter.Years)
	if err != nil {
		return err
	}
	docs, err := a.loadDocuments(ctx, "list")
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.streams.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "编号\t类型\t单位\t年份\t标题\t来源")
	n := 0
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := &docs[i]
		if !opts.Filter.match(d, yr) {
			continue
		}
		year := "—"
		if d.Year != 0 {
			year = fmt.Sprint(d.Year)
		}
		org := d.Org
		if org == "" {
			org = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s#%d\n", d.ID, kindLabel(d.Kind, d.Relevant), org, year, d.Title, d.Source, d.Part)
		n++
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.streams.ErrOut, "共 %d 篇\n", n)
	return nil
}
