package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Scorch writes segments to disk in the background and, when that fails
// (a full disk, say), retries for ever and reports the failure only to an
// "async error callback". Update waits until its last batch is on disk, so
// without the callback a write error would hang it. The callback is
// registered once under this name and hands each error to the open Index
// whose directory it concerns.
const asyncCallbackName = "plans-index-async-errors"

var (
	asyncOnce sync.Once
	asyncMu   sync.Mutex
	asyncSubs = map[string]chan error{} // index directory → its error channel
)

func registerAsyncErrors() {
	asyncOnce.Do(func() {
		scorch.RegistryAsyncErrorCallbacks[asyncCallbackName] = func(err error, path string) {
			if !errors.Is(err, scorch.ErrPersist) {
				return // merge and cleanup errors are retried harmlessly
			}
			asyncMu.Lock()
			defer asyncMu.Unlock()
			for dir, ch := range asyncSubs {
				if path == dir || strings.HasPrefix(path, dir+string(filepath.Separator)) {
					select {
					case ch <- err:
					default:
					}
				}
			}
		}
	})
}

// subscribeAsyncErrors returns the channel on which persistence errors of
// the index in dir arrive.
func subscribeAsyncErrors(dir string) chan error {
	registerAsyncErrors()
	ch := make(chan error, 1)
	asyncMu.Lock()
	asyncSubs[filepath.Clean(dir)] = ch
	asyncMu.Unlock()
	return ch
}

func unsubscribeAsyncErrors(dir string) {
	asyncMu.Lock()
	delete(asyncSubs, filepath.Clean(dir))
	asyncMu.Unlock()
}

// persistError turns a background persistence failure into an error for
// the caller; when the disk is full it wraps syscall.ENOSPC so that the
// command line can say so.
func persistError(dir string, err error) error {
	if diskFull(dir) {
		return fmt.Errorf("write index %s: %w (%v)", dir, syscall.ENOSPC, err)
	}
	return fmt.Errorf("write index %s: %w", dir, err)
}
