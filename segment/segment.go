// Package segment cuts Chinese text into words and index terms.
//
// Three cutters share one normalisation (Fold: full-width to half-width,
// lower case, rune for rune):
//
//   - Segmenter.Cut: words, by gse's dictionary shortest path over the
//     embedded simplified dictionary plus a shipped dictionary of union
//     terms (教代会, 校务公开, 职工之家, 疗休养, …). The first process
//     builds it from gse's (one to three seconds) into the user's cache;
//     later ones map that file (dict.go). Only indexing and reports use it.
//   - Grams: overlapping character pairs for the substring field of the index
//     (any part of a long word matches; one-character queries work).
//   - CutVocab: words by the same shortest-path idea over a vocabulary
//     the caller supplies — at query time the index's own term dictionary —
//     so that a search does not load the gse dictionary.
//
// Input is expected in simplified characters (the corpus' simplified view);
// offsets always refer to the text as given.
package segment

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-ego/gse"
)

//go:embed userdict.txt
var defaultUserDict []byte

// algorithm is bumped whenever Fold, Grams, Cut or CutVocab change what
// they produce, so that indexes built with the old behaviour are rebuilt.
const algorithm = 1

// Options configure a Segmenter.
type Options struct {
	// UserDict is a dictionary of extra words, one "word freq [pos]" a line,
	// "#" starting a comment. Nil means the shipped dictionary of union terms.
	UserDict []byte
	// Dict names the embedded gse dictionary: "zh_s" (default; text is
	// simplified before it is cut), "zh_t" or "zh".
	Dict string
	// CacheDir is where the built dictionary is kept for later processes:
	// "" means the user's cache folder (os.UserCacheDir()/plans), "-" no
	// cache (every New builds it).
	CacheDir string
}

// DefaultOptions returns the options of Default.
func DefaultOptions() Options {
	return Options{UserDict: defaultUserDict, Dict: "zh_s"}
}

func (o Options) normalized() Options {
	if o.UserDict == nil {
		o.UserDict = defaultUserDict
	}
	if o.Dict == "" {
		o.Dict = "zh_s"
	}
	return o
}

// Version identifies what the cutters produce with these options: the gse
// release and dictionary, a hash of the user dictionary and the version of
// this package's algorithms. An index records it and must be rebuilt when it
// changes. Computing it does not load any dictionary.
func (o Options) Version() string {
	o = o.normalized()
	sum := sha256.Sum256(o.UserDict)
	gv, _, _ := strings.Cut(gse.Version, ",")
	return fmt.Sprintf("gse %s %s; user %x; segment %d", gv, o.Dict, sum[:6], algorithm)
}

// Version is the version of the default options (see Options.Version).
func Version() string { return DefaultOptions().Version() }

// Segmenter cuts text into words. It is safe for concurrent use.
type Segmenter struct {
	dict    *trie
	version string
}

// New returns the segmenter of the gse dictionary named in opts together
// with the user dictionary: mapped from the user's cache, or built there
// first (which loads gse's dictionary: one to three seconds), see dict.go.
func New(opts Options) (*Segmenter, error) {
	opts = opts.normalized()
	t, err := loadTrie(opts)
	if err != nil {
		return nil, err
	}
	return &Segmenter{dict: t, version: opts.Version()}, nil
}

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultErr  error
)

// Default returns the process-wide segmenter with DefaultOptions, loading
// it on first use.
func Default() (*Segmenter, error) {
	defaultOnce.Do(func() { defaultSeg, defaultErr = New(DefaultOptions()) })
	return defaultSeg, defaultErr
}

// Version returns the version of the options s was made with.
func (s *Segmenter) Version() string { return s.version }

// Cut cuts text into words. Tokens are folded (see Fold); Start and End are
// byte offsets into text. Punctuation and space are dropped.
func (s *Segmenter) Cut(text string) []Token {
	if text == "" {
		return nil
	}
	f := fold(text)
	segs := s.dict.segment(f.text)
	toks := make([]Token, 0, len(segs))
	for _, sg := range segs {
		st, en := sg[0], sg[1]
		if st < 0 || en > len(f.text) || st >= en {
			continue
		}
		w := f.text[st:en]
		if !hasWordRune(w) {
			continue
		}
		toks = append(toks, Token{Text: w, Start: f.offset(st), End: f.offset(en)})
	}
	return toks
}

// Words returns the words of text (folded), without punctuation; for word
// counts and keyness in reports.
func (s *Segmenter) Words(text string) []string {
	toks := s.Cut(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Known tells whether word is in the segmenter's dictionary, and its
// frequency there.
func (s *Segmenter) Known(word string) (float64, bool) {
	return s.dict.find(Normalize(word))
}

func hasWordRune(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// DictWord is one entry of a user dictionary.
type DictWord struct {
	Text string
	Freq float64
	Pos  string
}

// ParseDict reads a user dictionary: "word freq [pos]" a line, blank lines
// and lines starting with "#" ignored.
func ParseDict(b []byte) ([]DictWord, error) {
	var out []DictWord
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("line %d: want \"word freq [pos]\", got %q", n, line)
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil || freq <= 0 {
			return nil, fmt.Errorf("line %d: bad frequency %q", n, f[1])
		}
		w := DictWord{Text: f[0], Freq: freq}
		if len(f) == 3 {
			w.Pos = f[2]
		}
		out = append(out, w)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// UserDict returns the shipped dictionary of union terms.
func UserDict() []byte { return bytes.Clone(defaultUserDict) }
