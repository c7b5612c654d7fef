package index

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"plans/segment"
)

// Names in Bleve's registry. Bleve records them in the index mapping, so
// every process that opens an index must register them first (Open does).
const (
	tokenizerWords = "plans_gse"   // gse words (segment.Segmenter.Cut)
	tokenizerGrams = "plans_grams" // character bigrams (segment.Grams)
	// tokenizerPairs is tokenizerGrams without the pairs that are gse words
	// at the same place (segment.DropWordPairs): those are in the word
	// field, and the queries look for a pair in both.
	tokenizerPairs = "plans_pairs"
	tokenizerKeys  = "plans_keys" // keywords separated by keySep
	analyzerWords  = "plans_zh"
	analyzerGrams  = "plans_zh_grams"
	analyzerPairs  = "plans_zh_pairs"
	analyzerKeys   = "plans_keys"
)

var (
	registerOnce sync.Once
	registerErr  error
)

// register adds the plans tokenizers to Bleve's registry, once per process.
// The gse tokenizer loads its dictionary on first use, not here: opening an
// index to search it never pays for the dictionary.
func register() error {
	registerOnce.Do(func() {
		if err := registry.RegisterTokenizer(tokenizerWords, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return wordTokenizer{}, nil
		}); err != nil {
			registerErr = fmt.Errorf("register tokenizer: %w", err)
			return
		}
		if err := registry.RegisterTokenizer(tokenizerGrams, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return gramTokenizer{}, nil
		}); err != nil {
			registerErr = fmt.Errorf("register tokenizer: %w", err)
			return
		}
		if err := registry.RegisterTokenizer(tokenizerPairs, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return pairTokenizer{}, nil
		}); err != nil {
			registerErr = fmt.Errorf("register tokenizer: %w", err)
			return
		}
		if err := registry.RegisterTokenizer(tokenizerKeys, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return keyTokenizer{}, nil
		}); err != nil {
			registerErr = fmt.Errorf("register tokenizer: %w", err)
		}
	})
	return registerErr
}

// addAnalyzers defines the plans analyzers in an index mapping.
func addAnalyzers(im *mapping.IndexMappingImpl) error {
	for name, tok := range map[string]string{analyzerWords: tokenizerWords, analyzerGrams: tokenizerGrams, analyzerPairs: tokenizerPairs, analyzerKeys: tokenizerKeys} {
		if err := im.AddCustomAnalyzer(name, map[string]interface{}{
			"type":      custom.Name,
			"tokenizer": tok,
		}); err != nil {
			return fmt.Errorf("define analyzer %s: %w", name, err)
		}
	}
	return nil
}

// wordTokenizer cuts text into gse words with the process-wide segmenter.
type wordTokenizer struct{}

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg, err := segment.Default()
	if err != nil {
		// Update loads the segmenter before it indexes anything and
		// reports the error; nothing reaches here without it.
		return nil
	}
	return stream(seg.Cut(string(input)))
}

// gramTokenizer cuts text into the substring terms of segment.Grams.
type gramTokenizer struct{}

func (gramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	return stream(segment.Grams(string(input)))
}

// pairTokenizer cuts text into the terms of the pair field: the grams that
// are not gse words at the same place.
type pairTokenizer struct{}

func (pairTokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg, err := segment.Default()
	if err != nil {
		return nil // as wordTokenizer
	}
	text := string(input)
	return stream(segment.DropWordPairs(segment.Grams(text), seg.Cut(text)))
}

// keyTokens are the terms of the keywords of an entry, as keyTokenizer
// makes them from the keywords joined with keySep (Update takes them
// directly), and the length of the joined text.
func keyTokens(keys []string) ([]segment.Token, int) {
	toks := make([]segment.Token, 0, len(keys))
	size := 0
	for i, k := range keys {
		if i > 0 {
			size += len(keySep)
		}
		at := size
		size += len(k)
		if k != "" {
			toks = append(toks, segment.Token{Text: k, Start: at, End: size})
		}
	}
	return toks, size
}

// keyTokenizer splits the keywords of an entry (joined with keySep).
type keyTokenizer struct{}

func (keyTokenizer) Tokenize(input []byte) analysis.TokenStream {
	n := bytes.Count(input, []byte(keySep)) + 1
	backing := make([]analysis.Token, 0, n)
	out := make(analysis.TokenStream, 0, n)
	start := 0
	for i := 0; i <= len(input); i++ {
		if i < len(input) && input[i] != keySep[0] {
			continue
		}
		if i > start {
			backing = append(backing, analysis.Token{Term: input[start:i], Start: start, End: i,
				Position: len(backing) + 1, Type: analysis.AlphaNumeric})
			out = append(out, &backing[len(backing)-1])
		}
		start = i + 1
	}
	return out
}

// stream turns tokens into Bleve's form, with all terms in one buffer (one
// allocation instead of one per token).
func stream(toks []segment.Token) analysis.TokenStream {
	n := 0
	for _, t := range toks {
		n += len(t.Text)
	}
	buf := make([]byte, 0, n)
	backing := make([]analysis.Token, len(toks))
	out := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		typ := analysis.Ideographic
		if r := t.Text[0]; r < 0x80 {
			typ = analysis.AlphaNumeric
		}
		at := len(buf)
		buf = append(buf, t.Text...)
		backing[i] = analysis.Token{
			Term:     buf[at:len(buf):len(buf)],
			Start:    t.Start,
			End:      t.End,
			Position: i + 1,
			Type:     typ,
		}
		out[i] = &backing[i]
	}
	return out
}

// analyzedField is a field analysed before it is handed to Bleve: Update
// analyses the entries of a batch in parallel while Bleve builds the
// segment of the previous one; Bleve's own call to Analyze does nothing.
// The value is not kept (nothing is stored).
type analyzedField struct {
	name   string
	opts   bindex.FieldIndexingOptions
	bytes  int
	length int
	freqs  bindex.TokenFrequencies
}

func analyzed(name string, value []byte, opts bindex.FieldIndexingOptions, a analysis.Analyzer) *analyzedField {
	toks := a.Analyze(value)
	return &analyzedField{name: name, opts: opts, bytes: len(value), length: len(toks),
		freqs: analysis.TokenFrequency(toks, nil, opts)}
}

// analyzedTokens is analyzed for a field whose analyzer is a tokenizer
// alone (words, grams), given the tokenizer's tokens: it skips Bleve's
// token stream and builds the frequencies in an arena (nil: a new one) with
// a few allocations instead of one per term. No field of the index keeps
// term vectors, so there are no locations to record.
func analyzedTokens(a *freqArena, name string, size int, opts bindex.FieldIndexingOptions, toks []segment.Token) *analyzedField {
	if a == nil {
		a = &freqArena{}
	}
	return &analyzedField{name: name, opts: opts, bytes: size, length: len(toks),
		freqs: a.frequencies(toks, opts.SkipFreqNorm())}
}

// freqArena holds the term frequencies of the fields of some entries: the
// maps, their values and the terms' bytes. Analysing a batch's entries
// used to allocate about a quarter of an import's memory, all garbage once
// Bleve has built the batch's segment (which copies what it keeps); the
// arenas of a batch are reused for a later one then (getArena, putArena),
// so the collector runs less often.
type freqArena struct {
	freqs  [][]bindex.TokenFreq // blocks of arenaFreqs
	fb, fn int                  // the block in use, the values used in it
	bytes  [][]byte             // blocks of at least arenaBytes
	bb, bn int
	maps   []bindex.TokenFrequencies
	mi     int // maps in use
}

const (
	arenaFreqs = 1024
	arenaBytes = 16 << 10
)

var arenas sync.Pool // *freqArena

func getArena() *freqArena {
	if a, ok := arenas.Get().(*freqArena); ok {
		return a
	}
	return &freqArena{}
}

// putArena makes a reusable: nothing may use what it holds any more.
func putArena(a *freqArena) {
	a.reset()
	arenas.Put(a)
}

// reset makes the arena's room free for new values.
func (a *freqArena) reset() { a.fb, a.fn, a.bb, a.bn, a.mi = 0, 0, 0, 0, 0 }

// frequencies is analysis.TokenFrequency without locations.
func (a *freqArena) frequencies(toks []segment.Token, skipFreq bool) bindex.TokenFrequencies {
	var out bindex.TokenFrequencies
	if a.mi < len(a.maps) {
		out = a.maps[a.mi]
		clear(out)
	} else {
		out = make(bindex.TokenFrequencies, len(toks))
		a.maps = append(a.maps, out)
	}
	a.mi++
	for _, t := range toks {
		tf, ok := out[t.Text]
		if !ok {
			tf = a.freq(t.Text)
			out[t.Text] = tf
		}
		if !skipFreq {
			tf.SetFrequency(tf.Frequency() + 1)
		}
	}
	return out
}

// freq returns a new value for term.
func (a *freqArena) freq(term string) *bindex.TokenFreq {
	if a.fb == len(a.freqs) {
		a.freqs = append(a.freqs, make([]bindex.TokenFreq, arenaFreqs))
	}
	tf := &a.freqs[a.fb][a.fn]
	if a.fn++; a.fn == arenaFreqs {
		a.fb, a.fn = a.fb+1, 0
	}
	*tf = bindex.TokenFreq{Term: a.term(term)}
	return tf
}

// term returns a copy of s in the arena, with no room to grow.
func (a *freqArena) term(s string) []byte {
	for a.bb < len(a.bytes) && a.bn+len(s) > len(a.bytes[a.bb]) {
		a.bb, a.bn = a.bb+1, 0
	}
	if a.bb == len(a.bytes) {
		a.bytes = append(a.bytes, make([]byte, max(arenaBytes, len(s))))
	}
	b := a.bytes[a.bb][a.bn : a.bn+len(s) : a.bn+len(s)]
	copy(b, s)
	a.bn += len(s)
	return b
}

func (f *analyzedField) Name() string                                      { return f.name }
func (f *analyzedField) ArrayPositions() []uint64                          { return nil }
func (f *analyzedField) Options() bindex.FieldIndexingOptions              { return f.opts }
func (f *analyzedField) Analyze()                                          {}
func (f *analyzedField) Value() []byte                                     { return nil }
func (f *analyzedField) NumPlainTextBytes() uint64                         { return uint64(f.bytes) }
func (f *analyzedField) EncodedFieldType() byte                            { return 't' }
func (f *analyzedField) AnalyzedLength() int                               { return f.length }
func (f *analyzedField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds (for Bleve's accounting).
func (f *analyzedField) Size() int { return 64 + len(f.name) + 40*len(f.freqs) }
