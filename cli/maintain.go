package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/importer"
	"plans/index"
	"plans/pipeline"
	"plans/web"
	"plans/workspace"
)

func init() {
	extraCommands = append(extraCommands,
		func(a *app) *cobra.Command { return newReindexCmd(a) },
		func(a *app) *cobra.Command { return newDoctorCmd(a) },
	)
}

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
	if err != nil {
		return n, err
	}
	return n, ix.Close()
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

	docs, err := ws.AllDocuments()
	if err != nil {
		d.bad("存储无法读取：%v", err)
		return &silentError{code: ExitError}
	}
	files, err := ws.Files()
	if err != nil {
		return err
	}
	d.ok("存储：%d 篇文档，%d 个文件记录", len(docs), len(files))

	// Index: version, agreement with the store, pending work.
	ix, err := index.Open(ws.IndexDir(), index.Options{ReadOnly: !fix})
	rebuild := false
	switch {
	case errors.Is(err, index.ErrNoIndex) && len(docs) == 0:
		d.ok("索引：还没有（工作区是空的）")
	case errors.Is(err, index.ErrNoIndex), errors.Is(err, index.ErrReindexNeeded):
		d.bad("索引：%v", err)
		d.note("处理：plans reindex（或 plans doctor --fix）")
		rebuild = true
	case err != nil:
		d.bad("索引无法打开：%v", err)
		d.note("处理：plans reindex 从存储重建索引")
		rebuild = true
	default:
		defer ix.Close()
		d.checkIndex(ctx, ws, ix, docs, fix)
	}
	if rebuild && fix {
		if ix != nil {
			ix.Close()
		}
		n, err := reindex(ctx, ws)
		if err != nil {
			return err
		}
		d.repaired("重建索引，%d 篇文档", n)
	}

	// Files.
	version := pipeline.Version(mustPipelineOptions(a))
	var failed, gone []workspace.File
	roots := map[string]bool{}
	for _, f := range files {
		if _, err := os.Stat(f.Key); err != nil {
			gone = append(gone, f)
			continue
		}
		if f.Status == workspace.FileFailed {
			failed = append(failed, f)
		}
		if f.Status == workspace.FileOK && f.Pipeline != version {
			roots[f.Root] = true
		}
	}
	if len(gone) > 0 {
		d.bad("%d 个文件已不存在，它们的文档仍在工作区：", len(gone))
		for _, f := range first(gone, 10) {
			d.note("%s", f.Key)
		}
		d.note("处理：plans import --prune 原文件夹，或 plans doctor --fix")
		if fix {
			keys := make([]string, len(gone))
			for i, f := range gone {
				keys[i] = f.Key
			}
			ids, err := ws.RemoveFiles(keys)
			if err != nil {
				return err
			}
			if err := d.syncIndex(ctx, ws); err != nil {
				return err
			}
			d.repaired("删除了 %d 篇文档", len(ids))
		}
	} else {
		d.ok("所有导入过的文件都还在")
	}
	if len(roots) > 0 {
		list := sortedKeys(roots)
		d.bad("有文件是用旧版规则解析的（来自 %s）", strings.Join(list, "、"))
		d.note("处理：再次导入这些文件夹（plans import %s），或 plans doctor --fix", strings.Join(list, " "))
		if fix {
			popts, err := a.pipelineOptions()
			if err != nil {
				return err
			}
			idx := a.writeIndexLater(ctx, ws)
			_, err = importer.Run(ctx, ws, importer.Options{Roots: list, Pipeline: popts, Workers: a.cfg.Workers,
				OpenIndex: func() (importer.Indexer, error) { return idx.get() }, MemoryLimit: a.importMemory()})
			idx.Close()
			if err != nil {
				return err
			}
			d.repaired("已按新规则重新导入")
		}
	} else if len(files) > 0 {
		d.ok("所有文件都是用当前规则解析的")
	}
	if len(failed) > 0 {
		d.bad("%d 个文件上次无法读取：", len(failed))
		for _, f := range first(failed, 20) {
			d.note("%s：%s", f.Source, f.Reason)
		}
		d.note("处理：按原因处理（如另存为 .docx、做文字识别）后再导入；这些问题不能自动修复")
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
			if _, err := web.EmptyTrash(ws); err != nil {
				return err
			}
			fmt.Fprintf(d.out, "✓ 已清空回收站：%d 次删除的 %d 篇文档（网页上传的原文件一并删除），不能再撤销\n", len(trash), n)
		} else {
			fmt.Fprintf(d.out, "! 回收站里有 %d 次删除的 %d 篇文档（在网页上还能撤销）；plans doctor --fix 清空回收站\n", len(trash), n)
		}
	}

	// Documents with warnings.
	var warned []string
	for _, doc := range docs {
		if len(doc.Warnings) > 0 {
			warned = append(warned, fmt.Sprintf("%s %s：%s", doc.ID, doc.Title, doc.Warnings[0]))
		}
	}
	if len(warned) > 0 {
		fmt.Fprintf(d.out, "! %d 篇文档有提醒（不影响使用，可用 plans show 编号 查看）：\n", len(warned))
		for _, w := range first(warned, 10) {
			d.note("%s", w)
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

func (d *doctor) checkIndex(ctx context.Context, ws *workspace.Workspace, ix *index.Index, docs []corpus.Document, fix bool) {
	d.ok("索引版本与本程序一致")
	dirty, err := ws.Dirty()
	if err != nil {
		d.bad("无法读取待更新列表：%v", err)
		return
	}
	inIndex, err := ix.DocIDs(ctx)
	if err != nil {
		d.bad("无法读取索引：%v", err)
		return
	}
	inStore := make(map[string]bool, len(docs))
	var missing, extra []string
	for _, doc := range docs {
		inStore[doc.ID] = true
		if !inIndex[doc.ID] {
			missing = append(missing, doc.ID)
		}
	}
	for id := range inIndex {
		if !inStore[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	if len(dirty) == 0 && len(missing) == 0 && len(extra) == 0 {
		d.ok("存储与索引一致（%d 篇文档）", len(docs))
		return
	}
	found := 0
	if len(dirty) > 0 {
		found++
		d.bad("%d 篇文档的索引还没更新（上次导入可能被中断）", len(dirty))
	}
	if len(missing) > 0 {
		found++
		d.bad("索引里缺少 %d 篇文档（如 %s）", len(missing), strings.Join(first(missing, 3), "、"))
	}
	if len(extra) > 0 {
		found++
		d.bad("索引里多出 %d 篇已删除的文档（如 %s）", len(extra), strings.Join(first(extra, 3), "、"))
	}
	d.note("处理：plans import 原文件夹（会自动补齐），或 plans doctor --fix")
	if !fix {
		return
	}
	if err := ws.MarkDirty(append(missing, extra...)); err != nil {
		d.bad("%v", err)
		return
	}
	n, err := importer.SyncIndex(ctx, ws, ix)
	if err != nil {
		d.bad("补齐索引失败：%v", err)
		return
	}
	d.repairedN(found, "补齐索引，更新了 %d 篇文档，删除了 %d 个多余条目", n, len(extra))
}

func (d *doctor) syncIndex(ctx context.Context, ws *workspace.Workspace) error {
	ix, err := index.Open(ws.IndexDir(), index.DefaultOptions())
	if err != nil {
		return err
	}
	defer ix.Close()
	_, err = importer.SyncIndex(ctx, ws, ix)
	return err
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

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
