package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/importer"
)

// removeOptions are the options of plans remove.
type removeOptions struct{ Paths []string }

func newRemoveCmd(a *app, runF func(*removeOptions) error) *cobra.Command {
	opts := &removeOptions{}
	cmd := &cobra.Command{
		Use:   "remove 路径...",
		Short: "从工作区删除某些文件（或某个文件夹下所有文件）的文档",
		Long:  "删除以前从这些文件或文件夹导入的全部文档（文件本身不动），并更新索引。",
		Example: `  plans remove ~/工会资料/旧范文
  plans remove 2019计划.docx`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runRemove(cmd.Context(), a, opts)
		},
	}
	return cmd
}

func runRemove(ctx context.Context, a *app, opts *removeOptions) error {
	ws, err := a.openWrite("remove")
	if err != nil {
		return err
	}
	defer ws.Close()
	files, err := ws.Files()
	if err != nil {
		return err
	}
	var keys []string
	for _, p := range opts.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		for _, f := range files {
			if f.Key == abs || strings.HasPrefix(f.Key, abs+string(filepath.Separator)) {
				keys = append(keys, f.Key)
			}
		}
	}
	if len(keys) == 0 {
		return &exitError{code: ExitError, msg: "工作区里没有从这些路径导入的文件"}
	}
	idx := a.writeIndexLater(ctx, ws)
	defer idx.Close()
	ids, err := importer.Remove(ctx, ws, idx, keys)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.streams.Out, "已删除 %d 个文件的 %d 篇文档\n", len(keys), len(ids))
	return nil
}

func kindLabel(k corpus.Kind, relevant bool) string {
	s := corpus.KindNames[k]
	if !relevant && k != corpus.KindOther {
		s += "（无关）"
	}
	return s
}
