package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/sync/errgroup"

	"plans/corpus"
	"plans/segment"
)

// Update brings the entries of docs up to date: a document whose indexed
// content did not change since it was last indexed costs nothing; any other
// has all its old entries replaced. It writes in batches of about
// Options.BatchSize Bleve documents and returns once they are on disk.
//
// The entries of a batch are analysed in parallel before Bleve gets them,
// while Bleve builds the segment of the previous batch, so that both cores
// work all the time.
func (ix *Index) Update(ctx context.Context, docs []corpus.Document) error {
	if len(docs) == 0 {
		return nil
	}
	if _, err := segment.Default(); err != nil {
		return fmt.Errorf("load segmentation dictionary: %w", err)
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()

	// A document given twice is indexed once, as given last.
	last := make(map[string]int, len(docs))
	ids := make([]string, 0, len(docs))
	for i := range docs {
		if _, ok := last[docs[i].ID]; !ok {
			ids = append(ids, docs[i].ID)
		}
		last[docs[i].ID] = i
	}
	// Only the given documents' fingerprints are read: the cost of an
	// update does not grow with the size of the index.
	known, err := ix.fingerprintsOf(ids)
	if err != nil {
		return err
	}
	seq, err := ix.docSeq()
	if err != nil {
		return err
	}
	w := ix.newWriter()
	defer w.pending.Wait() // on an early return, let running batches end
	var chunk []*work
	size := 0
	for i := range docs {
		if last[docs[i].ID] != i {
			continue
		}
		if err := checkCtx(ctx); err != nil {
			return err
		}
		d := &docs[i]
		if d.ID == "" {
			return fmt.Errorf("update index: document from %s has no id", d.Source)
		}
		dv := ix.newDocView(d)
		wk := &work{d: d, ents: dv.entries()}
		wk.fp = fingerprint(d, wk.ents)
		old, indexed := known[d.ID]
		if indexed && old == wk.fp {
			continue
		}
		if indexed {
			if wk.deletes, err = ix.staleEntries(ctx, d.ID, wk.ents); err != nil {
				return err
			}
		}
		wk.org = orgKey(ix.simplify(d.Org))
		if seq+1 >= 1<<docBits {
			return fmt.Errorf("update index: %w", ErrReindexNeeded) // numbers run out
		}
		seq++
		wk.num = seq
		known[d.ID] = wk.fp
		chunk = append(chunk, wk)
		size += len(wk.ents) + len(wk.deletes)
		if size >= ix.opts.BatchSize {
			if err := ix.writeChunk(ctx, w, chunk); err != nil {
				return err
			}
			chunk, size = nil, 0
		}
	}
	if err := ix.writeChunk(ctx, w, chunk); err != nil {
		return err
	}
	return w.close()
}

// work is a document to (re)index.
type work struct {
	d       *corpus.Document
	ents    []entry
	fp, org string
	num     uint64   // the document's number (doccount.go)
	deletes []string // old entries that the new ones do not replace
	docs    []*document.Document
	arena   *freqArena // of docs' fields, until Bleve has built them
}

// writeChunk analyses the entries of a chunk of documents in parallel and
// hands the batch to the writer.
func (ix *Index) writeChunk(ctx context.Context, w *writer, chunk []*work) error {
	if len(chunk) == 0 {
		return nil
	}
	seg, err := segment.Default()
	if err != nil {
		return fmt.Errorf("load segmentation dictionary: %w", err)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, wk := range chunk {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			wk.docs = make([]*document.Document, len(wk.ents))
			wk.arena = getArena()
			for j := range wk.ents {
				wk.docs[j] = ix.bleveDoc(seg, wk.arena, wk.d, &wk.ents[j], wk.fp, wk.org, wk.num, j == 0)
			}
			return nil
		})
	}
	// Once Bleve has built the batch's segment (or failed to), nothing
	// uses the fields' frequencies any more.
	release := func() {
		for _, wk := range chunk {
			if wk.arena != nil {
				putArena(wk.arena)
				wk.arena = nil
			}
		}
	}
	if err := g.Wait(); err != nil {
		release()
		return err
	}
	b := ix.bi.NewBatch()
	b.SetInternal([]byte(docSeqKey), []byte(strconv.FormatUint(chunk[len(chunk)-1].num, 10)))
	for _, wk := range chunk {
		for _, id := range wk.deletes {
			b.Delete(id)
		}
		for j, doc := range wk.docs {
			if err := b.IndexAdvanced(doc); err != nil {
				release()
				return fmt.Errorf("index %s: %w", wk.ents[j].ID, err)
			}
		}
		ix.written += len(wk.ents)
		ix.unmerged += uint64(len(wk.ents))
		wk.docs = nil
	}
	return w.write(b, release)
}

// Delete removes every entry of the documents with the given ids.
func (ix *Index) Delete(ctx context.Context, docIDs []string) error {
	if len(docIDs) == 0 {
		return nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	w := ix.newWriter()
	defer w.pending.Wait()
	for _, id := range docIDs {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		ids, err := ix.staleEntries(ctx, id, nil)
		if err != nil {
			return err
		}
		for _, e := range ids {
			w.batch.Delete(e)
		}
		if err := w.maybeFlush(); err != nil {
			return err
		}
	}
	return w.close()
}

// DocIDs returns the ids of the documents in the index, for checking that
// the index and the store agree.
func (ix *Index) DocIDs(ctx context.Context) (map[string]bool, error) {
	fps, err := ix.fingerprints()
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(fps))
	for id := range fps {
		out[id] = true
	}
	return out, checkCtx(ctx)
}

// fingerprints reads the fingerprint of every indexed document from the
// term dictionary of the keywords.
func (ix *Index) fingerprints() (map[string]string, error) {
	return ix.readFingerprints(nil)
}

// fingerprintsOf reads the fingerprints of the documents with the given ids
// (those not indexed have none).
func (ix *Index) fingerprintsOf(ids []string) (map[string]string, error) {
	if len(ids) == 0 {
		return map[string]string{}, nil
	}
	return ix.readFingerprints(ids)
}

// readFingerprints reads the fingerprints of the given documents, or of all
// documents when ids is nil.
func (ix *Index) readFingerprints(ids []string) (map[string]string, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", ix.dir, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", ix.dir, err)
	}
	defer r.Close()
	prefix := key(keyFP, "")
	eng := newEngine(r)
	lookup := func(p string) []string {
		if eng != nil {
			return eng.liveTerms(fieldKeys, p)
		}
		fd, err := r.FieldDictPrefix(fieldKeys, []byte(p))
		return collect(fd, err, nil)
	}
	var terms []string
	if ids == nil {
		terms = lookup(prefix)
	} else {
		for _, id := range ids {
			// A document never indexed (every one, in a first import)
			// costs a dictionary lookup, not an iterator per segment.
			if eng != nil && !eng.mayHold(fieldKeys, key(keyDoc, id)) {
				continue
			}
			terms = append(terms, lookup(prefix+id+"@")...)
		}
	}
	out := make(map[string]string, len(terms))
	for _, t := range terms {
		if id, fp, ok := strings.Cut(strings.TrimPrefix(t, prefix), "@"); ok {
			out[id] = fp
		}
	}
	return out, nil
}

// staleEntries returns the indexed entries of docID that are not among
// keep (entries about to be indexed again under the same id are replaced by
// the batch anyway).
func (ix *Index) staleEntries(ctx context.Context, docID string, keep []entry) ([]string, error) {
	ids, err := ix.entryIDs(ctx, docID)
	if err != nil {
		return nil, err
	}
	kept := make(map[string]bool, len(keep))
	for _, e := range keep {
		kept[e.ID] = true
	}
	var out []string
	for _, id := range ids {
		if !kept[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// entryIDs returns the Bleve ids of the entries of a document.
func (ix *Index) entryIDs(ctx context.Context, docID string) ([]string, error) {
	q := query.NewTermQuery(key(keyDoc, docID))
	q.SetField(fieldKeys)
	var ids []string
	for from := 0; ; {
		req := bleve.NewSearchRequestOptions(q, 1000, from, false)
		res, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("find entries of %s: %w", docID, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		from += len(res.Hits)
		if len(res.Hits) == 0 || uint64(from) >= res.Total {
			return ids, nil
		}
	}
}

// bleveDoc builds the Bleve document of one entry.
func (ix *Index) bleveDoc(seg *segment.Segmenter, a *freqArena, d *corpus.Document, e *entry, fp, org string, num uint64, first bool) *document.Document {
	doc := document.NewDocument(e.ID)
	// Folded once for both analyzers (their own folding then changes
	// nothing; offsets are not kept).
	// The words and grams analyzers are their tokenizers alone: their
	// tokens are taken directly (the same terms, fewer allocations).
	text := segment.Normalize(e.Simp)
	words := seg.Cut(text)
	doc.AddField(analyzedTokens(a, fieldWords, len(text), optWords, words))
	doc.AddField(analyzedTokens(a, fieldGrams, len(text), optGrams, segment.DropWordPairs(segment.Grams(text), words)))
	if e.Heading != "" {
		head := segment.Normalize(ix.simplify(e.Heading))
		doc.AddField(analyzedTokens(a, fieldHead, len(head), optGrams, segment.Grams(head)))
	}
	keys := make([]string, 0, 16)
	kw := func(name, value string) {
		if value != "" {
			keys = append(keys, key(name, value))
		}
	}
	kw(keyDoc, d.ID)
	for _, b := range docNumberBits(num) {
		kw(keyDocBit, b)
	}
	if first {
		kw(keyFP, d.ID+"@"+fp)
	}
	kw(keyTag, string(e.Tag))
	for _, t := range uniq(e.Topics) {
		kw(keyTopic, t)
	}
	kw(keyKind, string(d.Kind))
	kw(keyOrg, org)
	kw(keyOrgType, string(d.OrgType))
	if d.Year != 0 {
		kw(keyYear, strconv.Itoa(d.Year))
	}
	kw(keyScript, string(d.Script))
	kw(keySource, d.Source)
	kw(keyRelevant, strconv.FormatBool(d.Relevant))
	for _, m := range e.Months {
		kw(keyMonth, strconv.Itoa(m))
	}
	toks, size := keyTokens(keys)
	doc.AddField(analyzedTokens(a, fieldKeys, size, optKeys, toks))
	return doc
}

// orgKey is the form an organisation is indexed and filtered in: simplified,
// folded, without spaces.
func orgKey(simplified string) string {
	return strings.Join(strings.Fields(segment.Normalize(simplified)), "")
}

func uniq(s []string) []string {
	if len(s) < 2 {
		return s
	}
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// fingerprint hashes everything Update writes for a document, so that an
// unchanged document is not written again.
func fingerprint(d *corpus.Document, ents []entry) string {
	h := sha256.New()
	w := func(parts ...string) {
		for _, p := range parts {
			io.WriteString(h, p)
			h.Write([]byte{0})
		}
	}
	w(currentMeta().Analyzer, strconv.Itoa(schemaVersion))
	w(d.ID, d.Source, string(d.Kind), strconv.FormatBool(d.Relevant), string(d.Script),
		strconv.Itoa(d.Year), d.Org, string(d.OrgType))
	for _, e := range ents {
		w(e.ID, string(e.Kind), e.Simp, string(e.Tag))
		w(e.Topics...)
		writeInts(h, e.Months)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func writeInts(h hash.Hash, v []int) {
	for _, n := range v {
		io.WriteString(h, strconv.Itoa(n))
		h.Write([]byte{','})
	}
	h.Write([]byte{0})
}

// writer accumulates batches and writes them, two at a time: while Bleve
// builds the segment of one batch (one core), the analysis of the next runs
// on the other. Batches never share a document, so their order does not
// matter.
type writer struct {
	ix      *Index
	batch   *bleve.Batch
	pending errgroup.Group
	wrote   bool // some batch was written: close waits until it is on disk
}

func (ix *Index) newWriter() *writer {
	w := &writer{ix: ix, batch: ix.bi.NewBatch()}
	w.pending.SetLimit(2)
	return w
}

// maybeFlush starts writing the batch when it is full (waiting while two
// are being written).
func (w *writer) maybeFlush() error {
	if w.batch.Size() < w.ix.opts.BatchSize {
		return nil
	}
	b := w.batch
	w.batch = w.ix.bi.NewBatch()
	return w.write(b, nil)
}

// write starts writing a full batch (waiting while two are being written),
// and calls done (if not nil) once Bleve has it in a segment or failed.
func (w *writer) write(b *bleve.Batch, done func()) error {
	if b.Size() == 0 {
		if done != nil {
			done()
		}
		return nil
	}
	w.wrote = true
	w.pending.Go(func() error {
		if done != nil {
			defer done()
		}
		if err := w.ix.bi.Batch(b); err != nil {
			return fmt.Errorf("write index %s: %w", w.ix.dir, err)
		}
		return nil
	})
	return nil
}

// close writes what is left and waits until everything is on disk.
func (w *writer) close() error {
	if err := w.pending.Wait(); err != nil {
		return err
	}
	if w.batch.Size() == 0 && !w.wrote {
		return nil
	}
	// The last batch, even empty, carries the callback: the persister
	// writes snapshots in order, so when it is on disk, all are.
	done := make(chan error, 1)
	w.batch.SetPersistedCallback(func(err error) { done <- err })
	if err := w.ix.bi.Batch(w.batch); err != nil {
		return fmt.Errorf("write index %s: %w", w.ix.dir, err)
	}
	w.batch.Reset()
	select {
	case err := <-done:
		if err != nil {
			return persistError(w.ix.dir, err)
		}
		return nil
	case err := <-w.ix.asyncErr:
		// The persister failed (and would retry for ever): give up.
		return persistError(w.ix.dir, err)
	}
}
