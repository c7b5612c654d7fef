package cli

import (
	"context"

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

// openIndexWrite opens the workspace's index for writing.
func (a *app) openIndexWrite(ws *workspace.Workspace) (indexWriter, error) {
	return index.Open(ws.IndexDir(), index.DefaultOptions())
}
