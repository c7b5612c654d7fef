package workspace

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// BusyError says that another process holds the workspace.
type BusyError struct {
	Dir    string
	Holder *Holder // nil when the holder is a reader or unknown
}

// Holder describes the process holding a workspace for writing.
type Holder struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

func (e *BusyError) Error() string {
	if e.Holder != nil {
		return fmt.Sprintf("工作区 %s 正被另一个 plans 进程使用（%s，进程号 %d，自 %s 起），请等它结束后再试",
			e.Dir, e.Holder.Command, e.Holder.PID, e.Holder.Since.Local().Format("2006-01-02 15:04:05"))
	}
	return fmt.Sprintf("工作区 %s 正被另一个 plans 进程读取（例如 plans serve 或 plans search），请等它结束后再试", e.Dir)
}

type lockFile struct {
	f         *os.File
	exclusive bool
}

func acquire(path string, exclusive bool, command string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if !exclusive && os.IsPermission(err) {
			f, err = os.Open(path)
		}
		if err != nil {
			return nil, fmt.Errorf("open lock %s: %w", path, err)
		}
	}
	if err := flock(f, exclusive); err != nil {
		defer f.Close()
		be := &BusyError{Dir: dirOf(path)}
		var h Holder
		if b, rerr := os.ReadFile(path); rerr == nil && json.Unmarshal(b, &h) == nil && h.PID != 0 {
			be.Holder = &h
		}
		return nil, be
	}
	if exclusive {
		b, _ := json.Marshal(Holder{PID: os.Getpid(), Command: command, Since: time.Now()})
		if err := f.Truncate(0); err == nil {
			f.WriteAt(b, 0)
			f.Sync()
		}
	}
	return &lockFile{f: f, exclusive: exclusive}, nil
}

func (l *lockFile) release() {
	if l.exclusive {
		l.f.Truncate(0)
	}
	funlock(l.f)
	l.f.Close()
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i]
		}
	}
	return "."
}
