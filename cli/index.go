package cli

import (
	"context"
	"errors"
	"fmt"

	"plans/corpus"
	"plans/importer"
	"plans/index"
	"plans/workspace"
)

// indexWriter is an open index the importer can write to.
type indexWriter interface {
	importer.Indexer
	Close() error
}

// lazyIndex opens the index on first use, so that commands with nothing to
// index never load the segmentation dictionary.
type lazyIndex struct {
	open func() (indexWriter, error)
	ix   indexWriter
}

// writeIndexLater is a lazyIndex that opens the workspace's index with
// openIndexWrite.
func (a *app) writeIndexLater(ctx context.Context, ws *workspace.Workspace) *lazyIndex {
	return &lazyIndex{open: func() (indexWriter, error) {
		ix, err := a.openIndexWrite(ctx, ws)
		if err != nil {
			return nil, err
		}
		return ix, nil
	}}
}

func (l *lazyIndex) get() (importer.Indexer, error) {
	if l.ix == nil {
		ix, err := l.open()
		if err != nil {
			return nil, err
		}
		l.ix = ix
	}
	return l.ix, nil
}

func (l *lazyIndex) Update(ctx context.Context, docs []corpus.Document) error {
	ix, err := l.get()
	if err != nil {
		return err
	}
	return ix.Update(ctx, docs)
}

func (l *lazyIndex) Delete(ctx context.Context, ids []string) error {
	ix, err := l.get()
	if err != nil {
		return err
	}
	return ix.Delete(ctx, ids)
}

func (l *lazyIndex) Close() error {
	if l.ix == nil {
		return nil
	}
	return l.ix.Close()
}

// openIndexWrite opens the workspace's index for writing. An index built by
// another version of plans (another analyzer or layout) is rebuilt from the
// store first, so that an upgrade needs no separate plans reindex before
// the next import.
func (a *app) openIndexWrite(ctx context.Context, ws *workspace.Workspace) (*index.Index, error) {
	ix, err := index.Open(ws.IndexDir(), index.DefaultOptions())
	if errors.Is(err, index.ErrReindexNeeded) {
		fmt.Fprintln(a.streams.ErrOut, "索引是用另一版本的 plans 建立的：先从工作区重建索引 …")
		var n int
		ix, n, err = rebuildIndex(ctx, ws)
		if err == nil {
			fmt.Fprintf(a.streams.ErrOut, "已重建索引：%d 篇文档\n", n)
		}
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// rebuildIndex replaces the index of ws with one built from its store and
// returns it open, with the number of documents indexed (importer.Rebuild).
func rebuildIndex(ctx context.Context, ws *workspace.Workspace) (*index.Index, int, error) {
	ix, n, err := importer.Rebuild(ctx, ws, func() (importer.Indexer, error) { return resetIndex(ws) })
	if ix == nil {
		return nil, n, err
	}
	bix := ix.(*index.Index)
	if err != nil {
		bix.Close()
		return nil, n, err
	}
	return bix, n, nil
}
