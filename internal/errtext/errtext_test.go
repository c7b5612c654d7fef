package errtext

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"plans/draft"
	"plans/index"
	"plans/report"
	"plans/workspace"
)

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		err       error
		class     Class
		cli, web  string // substrings of the sentence in each front end
		notInBoth string // a substring neither may show
	}{
		{fmt.Errorf("%w文档 abc", workspace.ErrNotFound), NotFound, "找不到文档 abc", "找不到这篇文档", "not found"},
		{fmt.Errorf("%w: /tmp/ws", workspace.ErrNoWorkspace), Empty, "plans import", "导入", "no workspace"},
		{fmt.Errorf("open: %w", index.ErrNoIndex), Empty, "还没有索引", "还没有索引", ""},
		{index.ErrReindexNeeded, Outdated, "plans reindex", "plans reindex", ""},
		{fmt.Errorf("build: %w", report.ErrNoDocuments), Invalid, "没有符合条件的文档", "没有符合条件的文档", ""},
		{draft.ErrBaseNotFound, Invalid, "底稿", "底稿", ""},
		{draft.ErrNoYear, Invalid, "--year", "请填写计划年份", ""},
		{fmt.Errorf("write: %w", syscall.ENOSPC), DiskFull, "再次运行同一命令", "磁盘空间不足", ""},
		{fmt.Errorf("load: %w", context.Canceled), Canceled, "已中断", "已中断", "context canceled"},
		{&workspace.BusyError{Dir: "/tmp/ws"}, Busy, "/tmp/ws", "/tmp/ws", ""},
		{fs.ErrPermission, Internal, "permission denied", "permission denied", ""},
	} {
		for _, ui := range []UI{CLI, Web} {
			class, msg := Describe(tc.err, ui)
			want := tc.cli
			if ui == Web {
				want = tc.web
			}
			if class != tc.class || !strings.Contains(msg, want) || tc.notInBoth != "" && strings.Contains(msg, tc.notInBoth) {
				t.Errorf("Describe(%v, %d) = %d %q, want class %d containing %q", tc.err, ui, class, msg, tc.class, want)
			}
		}
	}
	if c, msg := Describe(nil, CLI); c != Internal || msg != "" {
		t.Errorf("Describe(nil) = %d %q", c, msg)
	}
	if !errors.Is(fmt.Errorf("%w文档 x", workspace.ErrNotFound), workspace.ErrNotFound) {
		t.Fatal("wrapping lost")
	}
}
