package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"plans/corpus"
)

// Filter selects documents.
type Filter struct {
	Kinds    []string
	Org      string
	Years    string // "2012" or "2010-2013"
	Relevant bool
}

func (f *Filter) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.Kinds, "kind", nil, "只要这些类型：plan, summary, points, other")
	fl.StringVar(&f.Org, "org", "", "只要这个单位的文档（名称包含即可，简繁均可）")
	fl.StringVar(&f.Years, "year", "", "只要这些年份：2012 或 2010-2013")
	fl.BoolVar(&f.Relevant, "relevant", false, "只要与工会工作相关的文档")
}

func (f *Filter) match(d *corpus.Document, yr yearRange) bool {
	if f.Relevant && !d.Relevant {
		return false
	}
	if len(f.Kinds) > 0 {
		ok := false
		for _, k := range f.Kinds {
			if corpus.Kind(k) == d.Kind {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if f.Org != "" && !orgMatches(d, f.Org) {
		return false
	}
	return yr.contains(d.Year)
}

// exportOptions are the options of plans export.
type exportOptions struct {
	Out    string
	Filter Filter
}

func newExportCmd(a *app, runF func(*exportOptions) error) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "导出文档（JSON Lines，每行一篇文档）",
		Long: `把工作区里的文档导出为 JSON Lines：每行一个 JSON 对象，一篇文档，字段见 DESIGN.md
（id, source, part, title, kind, relevant, script, year, org, topics, text, sections, calendar,
targets, warnings）。year、org 未注明时为 null。`,
		Example: `  plans export > corpus.jsonl
  plans export --out corpus.jsonl --kind plan --year 2020-2024
  plans export --org 实验小学 --relevant`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runExport(cmd.Context(), a, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "写入这个文件（默认写到标准输出）")
	opts.Filter.register(cmd)
	return cmd
}

func runExport(ctx context.Context, a *app, opts *exportOptions) error {
	yr, err := parseYears(opts.Filter.Years)
	if err != nil {
		return err
	}
	docs, err := a.loadDocuments(ctx, "export")
	if err != nil {
		return err
	}
	write := func(w io.Writer) (int, error) {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		n := 0
		for i := range docs {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if !opts.Filter.match(&docs[i], yr) {
				continue
			}
			if err := enc.Encode(docs[i]); err != nil {
				return n, err
			}
			n++
		}
		return n, bw.Flush()
	}
	if opts.Out == "" {
		_, err := write(a.streams.Out)
		return err
	}
	n, err := writeFileAtomic(opts.Out, write)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.streams.ErrOut, "已导出 %d 篇文档到 %s\n", n, opts.Out)
	return nil
}

// writeOutput writes a finished report to the file out (atomically), or to
// standard output when out is empty.
func (a *app) writeOutput(out string, b []byte) error {
	if out == "" {
		_, err := a.streams.Out.Write(b)
		return err
	}
	_, err := writeFileAtomic(out, func(w io.Writer) (int, error) { return w.Write(b) })
	return err
}

// writeFileAtomic writes a file through a temporary file and a rename, so
// that a reader never sees half a file.
func writeFileAtomic(path string, write func(w io.Writer) (int, error)) (int, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, fmt.Errorf("无法写入 %s：%w", path, err)
	}
	defer os.Remove(tmp.Name())
	n, err := write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	return n, nil
}

func writeJSONIndent[T any](w io.Writer, v T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
