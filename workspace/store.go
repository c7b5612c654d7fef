package workspace

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/golang/snappy"
	bolt "go.etcd.io/bbolt"

	"plans/corpus"
)

var (
	bucketDocs  = []byte("docs")
	bucketFiles = []byte("files")
	bucketMeta  = []byte("meta")
	// bucketDirty holds the ids of documents whose index entries are not yet
	// known to match the store (written in the same transaction as the
	// documents, cleared after the index has them). An interrupted import
	// leaves them here and the next writer brings the index up to date.
	bucketDirty = []byte("dirty")
)

// SchemaVersion is the version of the store's layout. Version 2 stored
// documents Snappy-compressed; version 3 stores documents and file records
// DEFLATE-compressed, and leaves out a section's text where it is its range
// of the document's text (see encodeDoc). Older stores are migrated when
// first opened for writing (records of every version read the same).
const SchemaVersion = "3"

func (w *Workspace) init() error {
	var from string
	err := w.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketDocs, bucketFiles, bucketMeta, bucketDirty} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		m := tx.Bucket(bucketMeta)
		v := m.Get([]byte("schema"))
		switch {
		case v == nil:
			return m.Put([]byte("schema"), []byte(SchemaVersion))
		case string(v) == "1" || string(v) == "2":
			from = string(v)
			return nil
		case string(v) != SchemaVersion:
			return fmt.Errorf("工作区的存储格式版本为 %s，本程序需要 %s", v, SchemaVersion)
		}
		return nil
	})
	if err != nil || from == "" {
		return err
	}
	if err := w.migrate(bucketDocs, recodeDoc); err != nil {
		return err
	}
	if err := w.migrate(bucketFiles, recodeFile); err != nil {
		return err
	}
	return w.SetMeta("schema", SchemaVersion)
}

// recodeDoc returns a document record of an older version in the current
// format, or nil when it is in it.
func recodeDoc(v []byte) ([]byte, error) {
	if len(v) > 0 && v[0] == recFlate {
		return nil, nil
	}
	d, err := decodeDoc(v)
	if err != nil {
		return nil, err
	}
	return encodeDoc(&d)
}

// recodeFile is recodeDoc for file records.
func recodeFile(v []byte) ([]byte, error) {
	if len(v) > 0 && v[0] == recFlate {
		return nil, nil
	}
	return compress(v), nil
}

// migrate rewrites the records of bucket that recode changes, a few
// hundred per transaction (an interrupted migration leaves a store that
// reads the same and is taken up again at the next open).
func (w *Workspace) migrate(bucket []byte, recode func([]byte) ([]byte, error)) error {
	var after []byte
	for {
		done := false
		err := w.update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucket)
			c := b.Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			type kv struct{ k, v []byte }
			var batch []kv
			for ; k != nil && len(batch) < 500; k, v = c.Next() {
				nv, err := recode(v)
				if err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
				if nv != nil {
					batch = append(batch, kv{bytes.Clone(k), nv})
				}
				after = bytes.Clone(k)
			}
			done = k == nil
			for _, e := range batch {
				if err := b.Put(e.k, e.v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("升级工作区存储格式：%w", err)
		}
		if done {
			return nil
		}
	}
}

// FileStatus is the outcome of reading a file.
type FileStatus string

const (
	FileOK      FileStatus = "ok"
	FileSkipped FileStatus = "skipped" // deliberately not read (not a document type)
	FileFailed  FileStatus = "failed"  // could not be read
)

// File records what an import found in one file.
type File struct {
	Key        string     `json:"key"`    // absolute path
	Root       string     `json:"root"`   // the folder that was imported
	Source     string     `json:"source"` // path relative to Root
	Size       int64      `json:"size"`
	ModTime    time.Time  `json:"mod_time"`
	Hash       string     `json:"hash"`
	Pipeline   string     `json:"pipeline"` // pipeline version that parsed it
	Status     FileStatus `json:"status"`
	Reason     string     `json:"reason,omitempty"`
	Format     string     `json:"format,omitempty"`
	Encoding   string     `json:"encoding,omitempty"`
	DocIDs     []string   `json:"doc_ids,omitempty"`
	Docs       []DocInfo  `json:"docs,omitempty"` // a summary of each document, in DocIDs order
	ImportedAt time.Time  `json:"imported_at"`
}

// DocInfo summarises a document for reports about files (an import's
// summary), so that they need not decode whole documents.
type DocInfo struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Source   string        `json:"source"`
	Part     int           `json:"part"`
	Kind     corpus.Kind   `json:"kind"`
	Relevant bool          `json:"relevant"`
	Script   corpus.Script `json:"script"`
	Org      string        `json:"org,omitempty"`
	Year     int           `json:"year,omitempty"`
	Sections int           `json:"sections"`
	Calendar int           `json:"calendar"`
	Targets  int           `json:"targets"`
}

// Info returns the summary of d.
func Info(d *corpus.Document) DocInfo {
	return DocInfo{ID: d.ID, Title: d.Title, Source: d.Source, Part: d.Part, Kind: d.Kind,
		Relevant: d.Relevant, Script: d.Script, Org: d.Org, Year: d.Year,
		Sections: len(d.Sections), Calendar: len(d.Calendar), Targets: len(d.Targets)}
}

// record is a document as stored: the document and its simplified view,
// which is left out when it is the text itself (a simplified document).
type record struct {
	Doc        storedDoc `json:"doc"`
	Simplified string    `json:"simplified,omitempty"`
}

// storedDoc is a document in the store's JSON: the fields and names of the
// export, without the export's marshalers (which make encoding/json check
// and copy each section's output and then the document's again). Unknown
// years, orgs and parents are stored as 0 and "" instead of null; both read
// back the same.
type storedDoc struct {
	*plainDoc
	Sections []storedSection `json:"sections"` // shadows plainDoc.Sections
}

type (
	plainDoc     corpus.Document // no methods
	plainSection corpus.Section
)

// storedSection is a section as stored. Derived says that its text was
// left out because it is sectionText of the document's text (version 3):
// the reader makes it again.
type storedSection struct {
	plainSection
	Derived bool `json:"derived,omitempty"`
}

// sectionText is what a section's text is made of in the usual case: the
// document's text from the section's Start to its End, without the heading
// that opens it, every line trimmed of spaces and blank lines dropped. A
// section whose text is this is stored without it. The function is part of
// the store's format: changing it would change the text of sections already
// stored (a new format needs a new flag).
func sectionText(text string, s *corpus.Section) string {
	var b strings.Builder
	sectionLines(text, s, func(line string) bool {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		return true
	})
	return b.String()
}

// isSectionText tells whether want is sectionText(text, s), without making
// it (the store asks this of every section it writes).
func isSectionText(text string, s *corpus.Section, want string) bool {
	first := true
	ok := sectionLines(text, s, func(line string) bool {
		if !first {
			if !strings.HasPrefix(want, "\n") {
				return false
			}
			want = want[1:]
		}
		first = false
		if !strings.HasPrefix(want, line) {
			return false
		}
		want = want[len(line):]
		return true
	})
	return ok && want == ""
}

// sectionLines calls fn with the lines of sectionText, trimmed and not
// blank, until fn returns false; it returns false then.
func sectionLines(text string, s *corpus.Section, fn func(line string) bool) bool {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return true
	}
	r := strings.TrimPrefix(text[s.Start:s.End], s.Heading)
	for len(r) > 0 {
		line, rest, _ := strings.Cut(r, "\n")
		r = rest
		if line = strings.TrimFunc(line, isStoreSpace); line != "" && !fn(line) {
			return false
		}
	}
	return true
}

// isStoreSpace is the space of sectionText (fixed with the format).
func isStoreSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u3000', '\u00a0', '\u200b', '\ufeff':
		return true
	}
	return r > unicode.MaxASCII && unicode.IsSpace(r)
}

// Record formats, told by a record's first byte. Version 1 stores held the
// bare JSON, which starts with '{' (file records did until version 3);
// version 2 documents were Snappy-compressed (docSnappy). Version 3 records
// are DEFLATE-compressed (recFlate): Chinese text takes about a fifth less
// than with Snappy, which has no entropy coding, for about 0.1 ms more per
// document written and read.
const (
	docSnappy = 1
	recFlate  = 2
)

// flateLevel: level 4 (the first with lazy matching) makes records a tenth
// smaller than BestSpeed for about 0.05 ms more per document; higher
// levels gain little more.
const flateLevel = 4

var (
	flateWriters sync.Pool // *flate.Writer
	flateReaders sync.Pool // io.ReadCloser that is a flate.Resetter
)

// compress returns js in the recFlate format.
func compress(js []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(js)/2 + 64)
	buf.WriteByte(recFlate)
	fw, _ := flateWriters.Get().(*flate.Writer)
	if fw == nil {
		fw, _ = flate.NewWriter(&buf, flateLevel) // the level is valid
	} else {
		fw.Reset(&buf)
	}
	fw.Write(js) // writes to a bytes.Buffer do not fail
	fw.Close()
	flateWriters.Put(fw)
	return buf.Bytes()
}

// decompress undoes compress (b without its format byte).
func decompress(b []byte) ([]byte, error) {
	src := bytes.NewReader(b)
	fr, _ := flateReaders.Get().(io.ReadCloser)
	if fr == nil {
		fr = flate.NewReader(src)
	} else if err := fr.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, 3*len(b)))
	_, err := out.ReadFrom(fr)
	flateReaders.Put(fr)
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func encodeDoc(d *corpus.Document) ([]byte, error) {
	js, err := encodeJSON(d)
	if err != nil {
		return nil, err
	}
	return compress(js), nil
}

func encodeJSON(d *corpus.Document) ([]byte, error) {
	r := record{Doc: storedDoc{plainDoc: (*plainDoc)(d), Sections: make([]storedSection, len(d.Sections))}}
	for i := range d.Sections {
		s := &r.Doc.Sections[i]
		s.plainSection = plainSection(d.Sections[i])
		if s.Text != "" && isSectionText(d.Text, &d.Sections[i], s.Text) {
			s.Text, s.Derived = "", true
		}
	}
	if d.Simplified != d.Text {
		r.Simplified = d.Simplified
	}
	return json.Marshal(r)
}

func decodeDoc(b []byte) (corpus.Document, error) {
	var err error
	switch {
	case len(b) > 0 && b[0] == recFlate:
		if b, err = decompress(b[1:]); err != nil {
			return corpus.Document{}, fmt.Errorf("解压文档记录：%w", err)
		}
	case len(b) > 0 && b[0] == docSnappy:
		if b, err = snappy.Decode(nil, b[1:]); err != nil {
			return corpus.Document{}, fmt.Errorf("解压文档记录：%w", err)
		}
	case len(b) == 0 || b[0] != '{':
		return corpus.Document{}, fmt.Errorf("文档记录的格式不认识")
	}
	var d corpus.Document
	r := record{Doc: storedDoc{plainDoc: (*plainDoc)(&d)}}
	if err := json.Unmarshal(b, &r); err != nil {
		return corpus.Document{}, err
	}
	if r.Doc.Sections != nil {
		d.Sections = make([]corpus.Section, len(r.Doc.Sections))
		for i := range r.Doc.Sections {
			d.Sections[i] = corpus.Section(r.Doc.Sections[i].plainSection)
			if r.Doc.Sections[i].Derived {
				d.Sections[i].Text = sectionText(d.Text, &d.Sections[i])
			}
		}
	}
	d.Simplified = r.Simplified
	if d.Simplified == "" {
		d.Simplified = d.Text
	}
	return d, nil
}

// encodeFile returns the record of a file.
func encodeFile(f *File) ([]byte, error) {
	js, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return compress(js), nil
}

// decodeFile reads a file record of any version into f.
func decodeFile(b []byte, f *File) error {
	if len(b) > 0 && b[0] == recFlate {
		js, err := decompress(b[1:])
		if err != nil {
			return fmt.Errorf("解压文件记录：%w", err)
		}
		b = js
	}
	return json.Unmarshal(b, f)
}

// Document returns the document with the given id. A unique prefix of an id
// is accepted too.
func (w *Workspace) Document(id string) (corpus.Document, error) {
	var d corpus.Document
	err := w.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDocs)
		if b == nil {
			return fmt.Errorf("%w文档 %s", ErrNotFound, id)
		}
		v := b.Get([]byte(id))
		if v == nil {
			c := b.Cursor()
			var found []byte
			for k, val := c.Seek([]byte(id)); k != nil && bytes.HasPrefix(k, []byte(id)); k, val = c.Next() {
				if found != nil {
					return fmt.Errorf("文档编号 %q 不唯一，请写得更完整些", id)
				}
				found = val
			}
			if found == nil {
				return fmt.Errorf("%w文档 %s", ErrNotFound, id)
			}
			v = found
		}
		var err error
		d, err = decodeDoc(v)
		return err
	})
	return d, err
}

// Documents calls fn for every document in id order; fn may stop the walk by
// returning an error, which Documents returns. fn must not call the
// workspace's methods: a Compact waiting for the walk would wait for ever.
func (w *Workspace) Documents(fn func(d corpus.Document) error) error {
	return w.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDocs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			d, err := decodeDoc(v)
			if err != nil {
				return fmt.Errorf("decode document %s: %w", k, err)
			}
			return fn(d)
		})
	})
}

// AllDocuments returns every document, ordered by source and part.
func (w *Workspace) AllDocuments() ([]corpus.Document, error) {
	return w.AllDocumentsContext(context.Background())
}

// AllDocumentsContext is AllDocuments stopping early, with ctx's error,
// when ctx is done.
func (w *Workspace) AllDocumentsContext(ctx context.Context) ([]corpus.Document, error) {
	var docs []corpus.Document
	err := w.Documents(func(d corpus.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Source != docs[j].Source {
			return docs[i].Source < docs[j].Source
		}
		return docs[i].Part < docs[j].Part
	})
	return docs, err
}

// DocumentCount returns the number of documents.
func (w *Workspace) DocumentCount() (int, error) {
	n := 0
	err := w.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketDocs); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// File returns the record of the file with the given key.
func (w *Workspace) File(key string) (File, bool, error) {
	var f File
	var ok bool
	err := w.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFiles)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(key))
		if v == nil {
			return nil
		}
		ok = true
		return decodeFile(v, &f)
	})
	return f, ok, err
}

// Files returns every file record, ordered by key.
func (w *Workspace) Files() ([]File, error) {
	var files []File
	err := w.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFiles)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var f File
			if err := decodeFile(v, &f); err != nil {
				return fmt.Errorf("decode file record %s: %w", k, err)
			}
			files = append(files, f)
			return nil
		})
	})
	return files, err
}

// Change is one file's outcome to be written: its record and the documents
// it now holds (replacing whatever it held before).
type Change struct {
	File File
	Docs []corpus.Document
	// Touch only updates the record (an unchanged file whose timestamp moved).
	Touch bool
}

// Apply writes a batch of changes in one transaction: each file's old
// documents are removed, its new ones stored, and every document id touched
// is marked dirty until the index confirms it (see MarkClean). It returns
// the ids it marked dirty.
func (w *Workspace) Apply(changes []Change) (dirtied []string, err error) {
	err = w.update(func(tx *bolt.Tx) error {
		dirtied = dirtied[:0]
		docs, files, dirty := tx.Bucket(bucketDocs), tx.Bucket(bucketFiles), tx.Bucket(bucketDirty)
		// An import walks its folders in order, so file records mostly
		// go in at the end of their bucket: full pages, not half-full
		// ones (bbolt's default, which suits random order).
		files.FillPercent = 0.9
		mark := func(id string) error {
			dirtied = append(dirtied, id)
			return dirty.Put([]byte(id), nil)
		}
		for _, c := range changes {
			if !c.Touch {
				var old File
				if v := files.Get([]byte(c.File.Key)); v != nil {
					if err := decodeFile(v, &old); err == nil {
						for _, id := range old.DocIDs {
							if err := docs.Delete([]byte(id)); err != nil {
								return err
							}
							if err := mark(id); err != nil {
								return err
							}
						}
					}
				}
				c.File.DocIDs = c.File.DocIDs[:0]
				c.File.Docs = c.File.Docs[:0]
				for i := range c.Docs {
					d := &c.Docs[i]
					v, err := encodeDoc(d)
					if err != nil {
						return fmt.Errorf("encode %s: %w", d.ID, err)
					}
					if err := docs.Put([]byte(d.ID), v); err != nil {
						return err
					}
					if err := mark(d.ID); err != nil {
						return err
					}
					c.File.DocIDs = append(c.File.DocIDs, d.ID)
					c.File.Docs = append(c.File.Docs, Info(d))
				}
			}
			v, err := encodeFile(&c.File)
			if err != nil {
				return err
			}
			if err := files.Put([]byte(c.File.Key), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return uniq(dirtied), nil
}

// uniq sorts ids and drops repeats (a file's old and new documents share
// ids).
func uniq(ids []string) []string {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// RemoveFiles drops the records of the given files and their documents.
func (w *Workspace) RemoveFiles(keys []string) (removedDocs []string, err error) {
	err = w.update(func(tx *bolt.Tx) error {
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
			for _, id := range f.DocIDs {
				if err := docs.Delete([]byte(id)); err != nil {
					return err
				}
				if err := dirty.Put([]byte(id), nil); err != nil {
					return err
				}
				removedDocs = append(removedDocs, id)
			}
			if err := files.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return nil
	})
	return removedDocs, err
}

// Dirty returns the ids of documents whose index entries may be stale.
func (w *Workspace) Dirty() ([]string, error) {
	var ids []string
	err := w.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDirty)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	return ids, err
}

// MarkClean records that the index matches the store for these ids.
func (w *Workspace) MarkClean(ids []string) error {
	return w.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDirty)
		for _, id := range ids {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkDirty marks the given document ids dirty: the next index sync
// re-indexes those that exist and deletes the others from the index.
func (w *Workspace) MarkDirty(ids []string) error {
	return w.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDirty)
		for _, id := range ids {
			if err := b.Put([]byte(id), nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkAllDirty marks every document dirty (before a full reindex).
func (w *Workspace) MarkAllDirty() error {
	return w.update(func(tx *bolt.Tx) error {
		dirty := tx.Bucket(bucketDirty)
		return tx.Bucket(bucketDocs).ForEach(func(k, _ []byte) error {
			return dirty.Put(k, nil)
		})
	})
}

// Meta returns a metadata value ("" if unset).
func (w *Workspace) Meta(key string) (string, error) {
	var v string
	err := w.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			v = string(b.Get([]byte(key)))
		}
		return nil
	})
	return v, err
}

// SetMeta stores a metadata value.
func (w *Workspace) SetMeta(key, value string) error {
	return w.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(key), []byte(value))
	})
}
