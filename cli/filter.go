package cli

import (
	"context"
	"strings"

	"plans/corpus"
	"plans/index"
	"plans/script"
)

// yearRange is an inclusive range of years; 0 at either end leaves it
// open, and the zero value matches every document (also of unknown year).
type yearRange struct{ from, to int }

func (r yearRange) contains(y int) bool {
	if r.from == 0 && r.to == 0 {
		return true
	}
	return y != 0 && y >= r.from && (r.to == 0 || y <= r.to)
}

// parseYears reads "2012", "2010-2013", "2018-" or "-2012" (the syntax of
// plans search).
func parseYears(s string) (yearRange, error) {
	yr, err := index.ParseYears(s)
	if err != nil {
		return yearRange{}, usageError("%v", err)
	}
	return yearRange{yr.From, yr.To}, nil
}

// loadDocuments opens the workspace for reading and returns every document.
func (a *app) loadDocuments(ctx context.Context, command string) ([]corpus.Document, error) {
	ws, err := a.openRead(command)
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	return ws.AllDocumentsContext(ctx)
}

// orgMatches reports whether the document's org (or title) contains name,
// in either script.
func orgMatches(d *corpus.Document, name string) bool {
	conv, err := script.Default()
	if err != nil {
		return strings.Contains(d.Org, name)
	}
	want := conv.Simplify(strings.TrimSpace(name))
	have := conv.Simplify(d.Org)
	return strings.Contains(have, want) || corpus.SameOrg(have, want)
}
