package cli

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"plans/workspace"
)

// Exit codes.
const (
	ExitOK          = 0
	ExitError       = 1 // the command failed
	ExitUsage       = 2 // bad flags or arguments
	ExitBusy        = 3 // another process holds the workspace
	ExitFilesFailed = 4 // import finished but some files could not be read
)

// exitError carries an exit code and a sentence for users.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, a ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, a...)}
}

// silentError has already been reported to the user; only its code counts.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to an exit code and a message (empty when the
// error was already reported).
func exitCode(err error) (int, string) {
	var ee *exitError
	var se *silentError
	var busy *workspace.BusyError
	switch {
	case err == nil:
		return ExitOK, ""
	case errors.As(err, &se):
		return se.code, ""
	case errors.As(err, &ee):
		return ee.code, ee.msg
	case errors.As(err, &busy):
		return ExitBusy, busy.Error()
	case errors.Is(err, workspace.ErrNoWorkspace):
		return ExitError, "工作区里还没有文档：先用 plans import 文件夹 导入（" + err.Error() + "）"
	case errors.Is(err, syscall.ENOSPC):
		return ExitError, "磁盘空间不足，导入已停止；已写入的部分保持完整。腾出空间后再次运行同一命令即可继续（" + err.Error() + "）"
	case errors.Is(err, context.Canceled):
		return ExitError, "已中断；已导入的部分已保存，再次运行同一命令即可继续"
	}
	return ExitError, err.Error()
}
