// Package workspace is the on-disk home of a corpus: a directory holding the
// parsed documents (an embedded bbolt store), the search index and the
// configuration file, guarded by a lock so that two processes never write it
// at once.
//
// Layout:
//
//	DIR/plans.yaml   configuration (optional)
//	DIR/store.db     documents and file records (bbolt)
//	DIR/index/       search index (Bleve)
//	DIR/lock         advisory lock; holds who has it while a writer works
package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Mode says how a workspace is opened.
type Mode int

const (
	// ReadOnly opens the workspace for reading; several readers may share it.
	ReadOnly Mode = iota
	// ReadWrite opens it for a writer, alone.
	ReadWrite
)

// Workspace is an open workspace.
type Workspace struct {
	Dir  string
	mode Mode
	lock *lockFile
	// mu guards db: Compact replaces it (see view and update).
	mu sync.RWMutex
	db *bolt.DB
}

// ErrNotFound is returned when a document or file record does not exist.
var ErrNotFound = errors.New("找不到")

// ErrNoWorkspace is returned when a read-only open finds no workspace.
var ErrNoWorkspace = errors.New("尚未建立工作区")

// DefaultDir is the per-user default workspace: $XDG_DATA_HOME/plans, or
// ~/.local/share/plans on Unix, or the user configuration directory's
// plans folder elsewhere.
func DefaultDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "plans")
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "plans")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "plans")
	}
	return "plans-workspace"
}

// IndexDir is where the search index lives.
func (w *Workspace) IndexDir() string { return filepath.Join(w.Dir, "index") }

// UploadsDir is where the web page keeps the files uploaded to it.
func (w *Workspace) UploadsDir() string { return filepath.Join(w.Dir, "uploads") }

// ConfigFile is the workspace's configuration file.
func ConfigFile(dir string) string { return filepath.Join(dir, "plans.yaml") }

// Open opens (and for ReadWrite creates) the workspace in dir. command names
// the operation (e.g. "import") so that another process finding the
// workspace busy can say who holds it. A busy workspace gives a *BusyError.
func Open(dir string, mode Mode, command string) (*Workspace, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if mode == ReadOnly {
		if _, err := os.Stat(filepath.Join(abs, "store.db")); err != nil {
			return nil, fmt.Errorf("%w：%s", ErrNoWorkspace, abs)
		}
	} else if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("create workspace %s: %w", abs, err)
	}
	lk, err := acquire(filepath.Join(abs, "lock"), mode == ReadWrite, command)
	if err != nil {
		return nil, err
	}
	db, err := openStore(filepath.Join(abs, "store.db"), mode)
	if err != nil {
		lk.release()
		return nil, fmt.Errorf("open store %s: %w", filepath.Join(abs, "store.db"), err)
	}
	w := &Workspace{Dir: abs, mode: mode, lock: lk, db: db}
	if mode == ReadWrite {
		if err := w.init(); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// openStore opens the bbolt file at path.
func openStore(path string, mode Mode) (*bolt.DB, error) {
	return bolt.Open(path, 0o600, &bolt.Options{
		Timeout:  5 * time.Second,
		ReadOnly: mode == ReadOnly,
	})
}

// Close releases the store and the lock.
func (w *Workspace) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	if w.db != nil {
		err = w.db.Close()
		w.db = nil
	}
	if w.lock != nil {
		w.lock.release()
		w.lock = nil
	}
	return err
}

// Mode reports how the workspace was opened.
func (w *Workspace) Mode() Mode { return w.mode }
