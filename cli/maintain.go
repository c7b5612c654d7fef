package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"plans/importer"
	"plans/index"
	"plans/pipeline"
	"plans/workspace"
)

func newReindexCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "从工作区里的文档重建全文索引",
		Long: `删除并重建全文索引。升级 plans 后若提示"需要重建索引"，或索引损坏时使用。
文档本身不受影响；中途中断后再次运行即可（或下次导入时自动补齐）。`,
		Example: "  plans reindex",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, err := a.openWrite("reindex")
			if err != nil {
				return err
			}
			defer ws.Close()
			n, err := reindex(cmd.Context(), ws)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.streams.Out, "已重建索引：%d 篇文档\n", n)
			return nil
		},
	}
}

// reindex rebuilds the index of ws from its store (see rebuildIndex).
func reindex(ctx context.Context, ws *workspace.Workspace) (int, error) {
	ix, n, err := rebuildIndex(ctx, ws)
	if ix != nil {
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
	}
	return n, err
}

func newDoctorCmd(a *app) *cobra.Command {
	var fix bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "检查工作区：存储与索引是否一致、索引版本、上次失败的文件、有提醒的文档",
		Long: `检查工作区的健康状况，并给出每个问题的处理办法：
  - 存储与索引是否一致（索引里缺少或多出的文档，上次中断留下的待更新文档）；
  - 索引的分词器和词典版本是否与本程序一致；
  - 用旧版规则解析的文件；已经不存在的文件；上次无法读取的文件及原因；
  - 有提醒（乱码、未找到结构等）的文档。
--fix 自动修复安全可修的问题（补齐或重建索引、删除已不存在文件的文档、按新规则重新导入），
并清空回收站（网页上删除的文档先进回收站，可以撤销；清空后不能再撤销）。
有未解决的问题时退出码为 1。`,
		Example: "  plans doctor\n  plans doctor --fix",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDoctor(cmd.Context(), a, fix)
		},
	}
	cmd.Flags().BoolVar(&fix, "fix", false, "自动修复可以安全修复的问题")
	return cmd
}

type doctor struct {
	out      io.Writer
	problems int
	fixed    int
}

func (d *doctor) ok(format string, args ...any) { fmt.Fprintf(d.out, "✓ "+format+"\n", args...) }
func (d *doctor) bad(format string, args ...any) {
	d.problems++
	fmt.Fprintf(d.out, "✗ "+format+"\n", args...)
}
func (d *doctor) note(format string, args ...any)     { fmt.Fprintf(d.out, "    "+format+"\n", args...) }
func (d *doctor) repaired(format string, args ...any) { d.repairedN(1, format, args...) }

// repairedN records that one repair solved n of the problems reported.
func (d *doctor) repairedN(n int, format string, args ...any) {
	d.fixed += n
	d.problems -= n
	fmt.Fprintf(d.out, "  → 已修复："+format+"\n", args...)
}

func runDoctor(ctx context.Context, a *app, fix bool) error {
	var ws *workspace.Workspace
	var err error
	if fix {
		ws, err = a.openWrite("doctor")
	} else {
		ws, err = a.openRead("doctor")
	}
	if err != nil {
		return err
	}
	defer ws.Close()
	d := &doctor{out: a.streams.Out}
	fmt.Fprintf(d.out, "工作区：%s\n", ws.Dir)

	ix, state, openErr := openIndexForCheck(ws, fix)
	var reader importer.IndexReader
	if ix != nil {
		reader = ix
	}
	h, err := importer.Check(ctx, ws, reader, state, openErr, pipeline.Version(mustPipelineOptions(a)))
	if err != nil {
		if ix != nil {
			ix.Close()
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		d.bad("存储无法读取：%v", err)
		return &silentError{code: ExitError}
	}
	d.report(h)
	if fix && h.Problems() > 0 {
		var current importer.Indexer
		if ix != nil {
			current = ix
		}
		popts, err := a.pipelineOptions()
		if err != nil {
			return err
		}
		rep, err := importer.Repair(ctx, ws, h, importer.RepairOptions{
			Index:  current,
			Reset:  func() (importer.Indexer, error) { return resetIndex(ws) },
			Import: importer.Options{Pipeline: popts, Workers: a.cfg.Workers, MemoryLimit: a.importMemory()},
		})
		if c, ok := rep.Index.(io.Closer); ok {
			defer c.Close()
		}
		if err != nil {
			return err
		}
		d.repairs(h, rep)
	} else if ix != nil {
		defer ix.Close()
	}

	// The trash of removals made on the web page.
	trash, err := ws.TrashEntries()
	if err != nil {
		return err
	}
	if len(trash) > 0 {
		n := 0
		for _, e := range trash {
			n += e.DocCount()
		}
		if fix {
			if _, err := importer.EmptyTrash(ws); err != nil {
				return err
			}
			fmt.Fprintf(d.out, "✓ 已清空回收站：%d 次删除的 %d 篇文档（网页上传的原文件一并删除），不能再撤销\n", len(trash), n)
		} else {
			fmt.Fprintf(d.out, "! 回收站里有 %d 次删除的 %d 篇文档（在网页上还能撤销）；plans doctor --fix 清空回收站\n", len(trash), n)
		}
	}

	if d.problems > 0 {
		fmt.Fprintf(d.out, "发现 %d 个问题", d.problems)
		if !fix {
			fmt.Fprint(d.out, "；plans doctor --fix 可修复其中能安全修复的")
		}
		fmt.Fprintln(d.out)
		return &silentError{code: ExitError}
	}
	fmt.Fprintln(d.out, "工作区一切正常")
	return nil
}

// openIndexForCheck opens the index of ws (for writing when it may be
// repaired) and says what state it is in.
func openIndexForCheck(ws *workspace.Workspace, write bool) (*index.Index, importer.IndexState, error) {
	ix, err := index.Open(ws.IndexDir(), index.Options{ReadOnly: !write})
	switch {
	case err == nil:
		return ix, importer.IndexOK, nil
	case errors.Is(err, index.ErrNoIndex):
		return nil, importer.IndexMissing, err
	case errors.Is(err, index.ErrReindexNeeded):
		return nil, importer.IndexOutdated, err
	}
	return nil, importer.IndexBroken, err
}

// report prints what Check found, one line per fact, each problem with
// how to fix it.
func (d *doctor) report(h *importer.Health) {
	d.ok("存储：%d 篇文档，%d 个文件记录", h.Documents, h.Files)
	switch h.Index {
	case importer.IndexEmpty:
		d.ok("索引：还没有（工作区是空的）")
	case importer.IndexMissing, importer.IndexOutdated:
		d.bad("索引：%v", h.IndexErr)
		d.note("处理：plans reindex（或 plans doctor --fix）")
	case importer.IndexBroken:
		d.bad("索引无法打开：%v", h.IndexErr)
		d.note("处理：plans reindex 从存储重建索引")
	case importer.IndexOK:
		d.ok("索引版本与本程序一致")
		if h.IndexConsistent() {
			d.ok("存储与索引一致（%d 篇文档）", h.Documents)
			break
		}
		if len(h.Dirty) > 0 {
			d.bad("%d 篇文档的索引还没更新（上次导入可能被中断）", len(h.Dirty))
		}
		if len(h.Missing) > 0 {
			d.bad("索引里缺少 %d 篇文档（如 %s）", len(h.Missing), strings.Join(first(h.Missing, 3), "、"))
		}
		if len(h.Extra) > 0 {
			d.bad("索引里多出 %d 篇已删除的文档（如 %s）", len(h.Extra), strings.Join(first(h.Extra, 3), "、"))
		}
		d.note("处理：plans import 原文件夹（会自动补齐），或 plans doctor --fix")
	}
	if len(h.Gone) > 0 {
		d.bad("%d 个文件已不存在，它们的文档仍在工作区：", len(h.Gone))
		for _, f := range first(h.Gone, 10) {
			d.note("%s", f.Key)
		}
		d.note("处理：plans import --prune 原文件夹，或 plans doctor --fix")
	} else {
		d.ok("所有导入过的文件都还在")
	}
	if len(h.OutdatedRoots) > 0 {
		d.bad("有文件是用旧版规则解析的（来自 %s）", strings.Join(h.OutdatedRoots, "、"))
		d.note("处理：再次导入这些文件夹（plans import %s），或 plans doctor --fix", strings.Join(h.OutdatedRoots, " "))
	} else if h.Files > 0 {
		d.ok("所有文件都是用当前规则解析的")
	}
	if len(h.Failed) > 0 {
		d.bad("%d 个文件上次无法读取：", len(h.Failed))
		for _, f := range first(h.Failed, 20) {
			d.note("%s：%s", f.Source, f.Reason)
		}
		d.note("处理：按原因处理（如另存为 .docx、做文字识别）后再导入；这些问题不能自动修复")
	}
	if len(h.Warned) > 0 {
		fmt.Fprintf(d.out, "! %d 篇文档有提醒（不影响使用，可用 plans show 编号 查看）：\n", len(h.Warned))
		for _, w := range first(h.Warned, 10) {
			d.note("%s %s：%s", w.ID, w.Title, w.Warning)
		}
	}
}

// repairs prints what Repair did.
func (d *doctor) repairs(h *importer.Health, r *importer.Repairs) {
	if r.RebuiltDone {
		d.repaired("重建索引，%d 篇文档", r.Rebuilt)
	}
	if r.SyncedFixes > 0 {
		d.repairedN(r.SyncedFixes, "补齐索引，更新了 %d 篇文档，删除了 %d 个多余条目", r.Synced, len(h.Extra))
	}
	if len(h.Gone) > 0 {
		d.repaired("删除了 %d 篇文档", len(r.Deleted))
	}
	if len(r.Reimported) > 0 {
		d.repaired("已按新规则重新导入")
	}
}

// resetIndex removes the index of ws and opens a new, empty one.
func resetIndex(ws *workspace.Workspace) (importer.Indexer, error) {
	if err := os.RemoveAll(ws.IndexDir()); err != nil {
		return nil, fmt.Errorf("删除旧索引：%w", err)
	}
	ix, err := index.Open(ws.IndexDir(), index.DefaultOptions())
	if err != nil {
		return nil, err
	}
	return ix, nil
}

func mustPipelineOptions(a *app) pipeline.Options {
	o, err := a.pipelineOptions()
	if err != nil {
		return pipeline.DefaultOptions()
	}
	return o
}

func first[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
