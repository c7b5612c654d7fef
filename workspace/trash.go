package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketTrash holds removed files with their documents, as they were
// stored, until the trash is emptied (plans doctor --fix): a removal made
// from the web page can be undone.
var bucketTrash = []byte("trash")

// ErrNotInTrash: no trash entry has the given id (it was restored or the
// trash was emptied).
var ErrNotInTrash = errors.New("回收站里没有这一项（可能已撤销或已清空）")

// ErrRestoreConflict: a file of the trash entry has been imported again
// since it was removed.
var ErrRestoreConflict = errors.New("这个文件在删除后又导入过，不能撤销删除")

// TrashEntry is one removal kept in the trash.
type TrashEntry struct {
	ID      string    `json:"id"`
	Deleted time.Time `json:"deleted"`
	// Schema is the store layout the documents were kept in.
	Schema string `json:"schema"`
	Files  []File `json:"files"`
	// Docs are the documents' stored records by id.
	Docs map[string][]byte `json:"docs"`
	// Uploads are files of the workspace (web uploads) to delete when the
	// trash is emptied.
	Uploads []string `json:"uploads,omitempty"`
}

// DocCount is how many documents the entry holds.
func (e TrashEntry) DocCount() int { return len(e.Docs) }

// Trash removes the given files and their documents like RemoveFiles, in
// one transaction, keeping them in the trash under id. uploads are files
// to delete only when the trash is emptied. It returns the entry (the ids
// of the removed documents are its Docs' keys).
func (w *Workspace) Trash(id string, keys, uploads []string) (TrashEntry, error) {
	e := TrashEntry{ID: id, Deleted: time.Now(), Schema: SchemaVersion, Docs: map[string][]byte{}, Uploads: uploads}
	err := w.update(func(tx *bolt.Tx) error {
		trash, err := tx.CreateBucketIfNotExists(bucketTrash)
		if err != nil {
			return err
		}
		if trash.Get([]byte(id)) != nil {
			return fmt.Errorf("trash entry %s exists", id)
		}
		docs, files, dirty := tx.Bucket(bucketDocs), tx.Bucket(bucketFiles), tx.Bucket(bucketDirty)
		for _, k := range keys {
			v := files.Get([]byte(k))
			if v == nil {
				continue
			}
			var f File
			if err := decodeFile(v, &f); err != nil {
				return err
			}
			for _, did := range f.DocIDs {
				if dv := docs.Get([]byte(did)); dv != nil {
					e.Docs[did] = append([]byte(nil), dv...)
				}
				if err := docs.Delete([]byte(did)); err != nil {
					return err
				}
				if err := dirty.Put([]byte(did), nil); err != nil {
					return err
				}
			}
			if err := files.Delete([]byte(k)); err != nil {
				return err
			}
			e.Files = append(e.Files, f)
		}
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		return trash.Put([]byte(id), b)
	})
	if err != nil {
		return TrashEntry{}, err
	}
	return e, nil
}

// restorable tells whether documents kept in the trash by a store of the
// given version can go back: this version reads the records of versions 2
// (Snappy) and 3; version 1 entries came before the trash kept versions
// apart.
func restorable(schema string) bool { return schema == "2" || schema == SchemaVersion }

// Restore puts a trash entry's files and documents back and marks the
// documents for the index. It refuses when one of the files has been
// imported again since (ErrRestoreConflict).
func (w *Workspace) Restore(id string) (TrashEntry, error) {
	var e TrashEntry
	err := w.update(func(tx *bolt.Tx) error {
		trash := tx.Bucket(bucketTrash)
		if trash == nil {
			return ErrNotInTrash
		}
		v := trash.Get([]byte(id))
		if v == nil {
			return ErrNotInTrash
		}
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		if !restorable(e.Schema) {
			return fmt.Errorf("回收站里的这一项是旧版存储格式（%s），不能撤销；请重新导入原文件", e.Schema)
		}
		docs, files, dirty := tx.Bucket(bucketDocs), tx.Bucket(bucketFiles), tx.Bucket(bucketDirty)
		for _, f := range e.Files {
			if files.Get([]byte(f.Key)) != nil {
				return ErrRestoreConflict
			}
		}
		for _, f := range e.Files {
			b, err := encodeFile(&f)
			if err != nil {
				return err
			}
			if err := files.Put([]byte(f.Key), b); err != nil {
				return err
			}
		}
		for did, dv := range e.Docs {
			if err := docs.Put([]byte(did), dv); err != nil {
				return err
			}
			if err := dirty.Put([]byte(did), nil); err != nil {
				return err
			}
		}
		return trash.Delete([]byte(id))
	})
	if err != nil {
		return TrashEntry{}, err
	}
	return e, nil
}

// TrashEntries returns the entries of the trash, oldest first.
func (w *Workspace) TrashEntries() ([]TrashEntry, error) {
	var out []TrashEntry
	err := w.view(func(tx *bolt.Tx) error {
		trash := tx.Bucket(bucketTrash)
		if trash == nil {
			return nil
		}
		return trash.ForEach(func(k, v []byte) error {
			var e TrashEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode trash entry %s: %w", k, err)
			}
			out = append(out, e)
			return nil
		})
	})
	sortTrash(out)
	return out, err
}

// EmptyTrash drops every entry of the trash and returns them (the caller
// deletes their Uploads).
func (w *Workspace) EmptyTrash() ([]TrashEntry, error) {
	var out []TrashEntry
	err := w.update(func(tx *bolt.Tx) error {
		trash := tx.Bucket(bucketTrash)
		if trash == nil {
			return nil
		}
		if err := trash.ForEach(func(k, v []byte) error {
			var e TrashEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode trash entry %s: %w", k, err)
			}
			out = append(out, e)
			return nil
		}); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketTrash)
	})
	sortTrash(out)
	return out, err
}

func sortTrash(es []TrashEntry) {
	slices.SortStableFunc(es, func(a, b TrashEntry) int { return a.Deleted.Compare(b.Deleted) })
}
