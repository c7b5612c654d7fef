package workspace

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// view and update run fn in a read or write transaction of the store. They
// hold the store's lock for reading: only Compact, which replaces the
// store's file, holds it alone.
func (w *Workspace) view(fn func(*bolt.Tx) error) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.db.View(fn)
}

func (w *Workspace) update(fn func(*bolt.Tx) error) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.db.Update(fn)
}

// Compaction. bbolt never gives pages back to the file system: a page
// freed by a transaction is only reused by later ones, and records that
// span several pages (most documents, with bbolt's 4 KB pages) often find
// no run of free pages long enough, so an import leaves a quarter of the
// file free, and each record wastes half a page on average. Compact copies
// the live records into a new file, full pages of compactPageSize in key
// order, when that gives back enough to be worth the copy.

// Compaction is worth it when it gives back at least compactShare of the
// file, and at least compactMin bytes (a variable for tests).
const compactShare = 0.1

var compactMin int64 = 512 << 10

// StoreSize returns the size of the store's data (the pages in use and
// free) and an estimate of what compacting it would give back: its free
// pages, and for a store of smaller pages than a compacted one's, the room
// its records would not take in those (the first compaction of a store
// made with bbolt's default pages gives back about a sixth even without
// free pages).
func (w *Workspace) StoreSize() (size, reclaimable int64, err error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.storeSize()
}

func (w *Workspace) storeSize() (size, reclaimable int64, err error) {
	var used int64
	pageSize := w.db.Info().PageSize
	err = w.db.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		if pageSize >= compactPageSize {
			return nil
		}
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
			st := b.Stats()
			used += int64(st.BranchInuse + st.LeafInuse)
			return nil
		})
	})
	st := w.db.Stats()
	free := int64(st.FreePageN+st.PendingPageN) * int64(pageSize)
	if pageSize >= compactPageSize {
		// Compacted before: what it would give back is its free pages.
		return size, free, err
	}
	// Pages of a compacted store are not quite full (records do not
	// split), and it has its meta, freelist and root pages.
	compacted := used + used/10 + 4*compactPageSize
	return size, max(free, size-compacted), err
}

// Compact rewrites the store without its free pages and with larger pages
// when that gives back at least a tenth of it (and half a megabyte), and
// returns the bytes it gave back (0 when it did nothing). The new file
// replaces the old one only once it is complete and on disk: an
// interruption leaves the old store as it was and at worst a stray
// store.db.compact, which the next compaction overwrites. Calls of other
// methods wait while it runs.
func (w *Workspace) Compact() (int64, error) {
	if w.mode != ReadWrite {
		return 0, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	size, reclaimable, err := w.storeSize()
	if err != nil || float64(reclaimable) < compactShare*float64(size) || reclaimable < compactMin {
		return 0, err
	}
	path := filepath.Join(w.Dir, "store.db")
	tmp := path + ".compact"
	if err := copyStore(w.db, tmp); err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("压缩工作区存储：%w", err)
	}
	if err := w.db.Close(); err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("压缩工作区存储：%w", err)
	}
	renameErr := os.Rename(tmp, path)
	if renameErr == nil {
		syncDir(w.Dir)
	} else {
		os.Remove(tmp)
	}
	// The store (compacted or, when the rename failed, as it was) opens
	// again in any case.
	db, err := openStore(path, ReadWrite)
	if err != nil {
		// Nothing can be read or written any more: fail every later call
		// rather than touch a closed store.
		return 0, fmt.Errorf("压缩后重新打开工作区存储 %s：%w", path, err)
	}
	w.db = db
	if renameErr != nil {
		return 0, fmt.Errorf("压缩工作区存储：%w", renameErr)
	}
	newSize, _, err := w.storeSize()
	if err != nil {
		return 0, err
	}
	return size - newSize, nil
}

// compactPageSize is the page size of a compacted store. A document record
// takes about 5 KB: with bbolt's 4 KB pages each one spans two pages of its
// own, a fifth of them empty; 32 KB pages hold six or seven records each
// (a tenth less room). A store created by Open keeps bbolt's default
// until its first compaction; bbolt reads the page size from the file.
const compactPageSize = 32 << 10

// copyStore writes the live records of src to a new store at path, synced.
func copyStore(src *bolt.DB, path string) error {
	os.Remove(path) // a stray copy of an interrupted compaction
	dst, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true, PageSize: compactPageSize})
	if err != nil {
		return err
	}
	// Transactions of 8 MB: the copy of a large store does not hold it all
	// in memory.
	if err := bolt.Compact(dst, src, 8<<20); err != nil {
		dst.Close()
		return err
	}
	// bbolt grows a file in steps, by truncating it longer; the file ends
	// where its last page does (the unwritten rest would take no blocks,
	// but shows in its size).
	var size int64
	dst.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	})
	if err := dst.Close(); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && size > 0 && st.Size() > size {
		if err := os.Truncate(path, size); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable (best effort: not every system can
// sync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
