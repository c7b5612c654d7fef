// Package errtext turns the errors of plans' packages into the sentence a
// user reads and a class the front ends map to an exit code or an HTTP
// status. It is the one table of such translations: the command line and
// the web page both ask it, each for its own wording of the same fact.
package errtext

import (
	"context"
	"errors"
	"syscall"

	"plans/draft"
	"plans/index"
	"plans/report"
	"plans/workspace"
)

// Class says what kind of failure an error is.
type Class int

const (
	// Internal is anything not in the table: a bug or an I/O failure,
	// shown with its own text.
	Internal Class = iota
	// NotFound: the document (or file record) asked for does not exist.
	NotFound
	// Invalid: the request cannot be answered as asked (no documents match,
	// no year, no base …); asking differently helps.
	Invalid
	// Busy: another process holds the workspace.
	Busy
	// Empty: the workspace holds no documents or no index yet.
	Empty
	// Outdated: the index was built by another version and must be rebuilt.
	Outdated
	// DiskFull: the disk filled up; what was written stays whole.
	DiskFull
	// Canceled: the user interrupted the work (Ctrl-C, a closed page).
	Canceled
)

// UI says which front end asks, since a command line and a web page name
// their remedies differently.
type UI int

const (
	CLI UI = iota
	Web
)

// Describe returns err's class and the sentence to show for it in ui.
// Errors outside the table are Internal with err.Error() as the sentence.
func Describe(err error, ui UI) (Class, string) {
	var busy *workspace.BusyError
	switch {
	case err == nil:
		return Internal, ""
	case errors.As(err, &busy):
		return Busy, busy.Error()
	case errors.Is(err, workspace.ErrNotFound):
		return NotFound, pick(ui, err.Error()+"（用 plans list 查看文档编号）", "找不到这篇文档（可能已被删除或重新导入）")
	case errors.Is(err, workspace.ErrNoWorkspace):
		return Empty, pick(ui,
			"工作区里还没有文档：先用 plans import 文件夹 导入（"+err.Error()+"）",
			"工作区里还没有文档：请先在“导入”页导入文件。")
	case errors.Is(err, index.ErrNoIndex):
		return Empty, pick(ui, err.Error(), "还没有索引：请先在“导入”页导入文件。")
	case errors.Is(err, index.ErrReindexNeeded):
		return Outdated, pick(ui, err.Error(), "索引是用另一版本的 plans 建立的，需要重建：在终端运行 plans reindex，或重新启动 plans serve。")
	case errors.Is(err, draft.ErrNoYear):
		return Invalid, pick(ui, err.Error()+"：底稿没有写明年份，请用 --year 指定，例如 --year 2025",
			err.Error()+"：底稿没有写明年份，请填写计划年份")
	case errors.Is(err, report.ErrNoDocuments), errors.Is(err, report.ErrUnknownDoc), errors.Is(err, report.ErrBadGrouping),
		errors.Is(err, draft.ErrBaseNotFound), errors.Is(err, draft.ErrNoSources):
		return Invalid, err.Error()
	case errors.Is(err, syscall.ENOSPC):
		return DiskFull, pick(ui,
			"磁盘空间不足，已停止；已写入的部分保持完整。腾出空间后再次运行同一命令即可继续（"+err.Error()+"）",
			"磁盘空间不足，已停止；已写入的部分保持完整。腾出空间后再试一次。")
	case errors.Is(err, context.Canceled):
		return Canceled, pick(ui,
			"已中断：没有写出不完整的文件；导入中断时，已导入的部分已保存，再次运行同一命令即可继续",
			"已中断。")
	}
	return Internal, err.Error()
}

func pick(ui UI, cli, web string) string {
	if ui == Web {
		return web
	}
	return cli
}
