package segment

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
)

// The word dictionary Cut uses is gse's (its embedded dictionary and the
// user words), but not gse's in-memory form: loading that parses a 5 MB
// text into a double-array trie of some 350,000 tokens, which takes one to
// three seconds, allocates about 390 MB and leaves 130 MB of pointer-rich
// heap that every garbage collection must walk. Instead, the first process
// that needs the dictionary loads it with gse once, writes it as a flat
// byte trie (no pointers) to the user's cache, and every later process maps
// that file: nothing is parsed and only the pages a cut touches are read.
// Cut walks it with gse's own shortest-path algorithm (segmentWords),
// reproduced here, so the words are exactly gse's (TestTrieCutsAsGse,
// FuzzTrieCutsAsGse).

// dictFormat is bumped whenever the file layout or the build changes.
const dictFormat = 1

const dictMagic = "plansdic"

// trieNode is one node of the byte trie. The children of a node are the
// nodes first..first+count-1, sorted by label (the byte on the edge into
// them). tok is the index of the word ending here, -1 if none.
type trieNode struct {
	first uint32
	tok   int32
	count uint16
	label uint8
	_     uint8
}

// trieTok is a dictionary word: gse's path cost of the word
// (log2 total - log2 freq, as float32), its length in gse text units
// (a Chinese character, or a run of letters and digits) and frequency.
type trieTok struct {
	dist  float32
	units uint16
	_     uint16
	freq  float64
}

// header is the start of the file.
type header struct {
	Magic     [8]byte
	Format    uint32
	Endian    uint32 // 0x01020304 written in the machine's byte order
	Key       [32]byte
	Nodes     uint32
	Toks      uint32
	MaxUnits  uint32
	_         uint32
	TotalFreq float64
}

const (
	headerSize = int(unsafe.Sizeof(header{}))
	nodeSize   = int(unsafe.Sizeof(trieNode{}))
	tokSize    = int(unsafe.Sizeof(trieTok{}))
)

// trie is the dictionary, in memory or mapped from the cache.
type trie struct {
	nodes    []trieNode
	toks     []trieTok
	maxUnits int
	mapped   bool // the arrays point into a mapped file
	// first maps a rune below 0x10000 to the node its UTF-8 bytes lead
	// to from the root (-1: none), made on first use: most walks end
	// within a word's first characters, and this saves the first
	// character's byte-by-byte search.
	first func() []int32
}

// dictKey identifies the dictionary a file holds: the options' version and
// the file format.
func dictKey(o Options) [32]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%s; format %d; %d-byte nodes", o.Version(), dictFormat, nodeSize))
}

// cacheFile is where the dictionary of o is cached ("" if there is no
// cache).
func cacheFile(o Options) string {
	dir := o.CacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "plans")
	}
	if dir == "-" {
		return ""
	}
	k := dictKey(o)
	return filepath.Join(dir, fmt.Sprintf("dict-%x.bin", k[:8]))
}

// loadTrie maps the cached dictionary of o, or builds it with gse (and
// caches it for the next process).
func loadTrie(o Options) (*trie, error) {
	path := cacheFile(o)
	if path != "" {
		if t, err := mapTrie(path, dictKey(o)); err == nil {
			return t, nil
		}
	}
	seg, err := gseSegmenter(o)
	if err != nil {
		return nil, err
	}
	b := encodeTrie(seg.Dict, dictKey(o))
	seg = nil
	if path != "" && writeAtomic(path, b) == nil {
		removeStale(path)
		if t, err := mapTrie(path, dictKey(o)); err == nil {
			return t, nil
		}
	}
	// No cache (or an unwritable one): the built trie stays in memory.
	return decodeTrie(b, dictKey(o))
}

// gseSegmenter loads gse's dictionary named in o together with the user
// dictionary (about a second for zh_s, more on a busy machine).
func gseSegmenter(opts Options) (*gse.Segmenter, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	seg.NotLoadHMM = true // Cut uses the dictionary shortest path only
	seg.Dict = gse.NewDict()
	seg.Init()
	// User words go in first: gse keeps the first frequency it sees for a
	// word, and the embedded dictionary is loaded (and its path values
	// computed) once, after them.
	words, err := ParseDict(opts.UserDict)
	if err != nil {
		return nil, fmt.Errorf("user dictionary: %w", err)
	}
	for _, w := range words {
		if err := seg.Dict.AddToken(seg.ToToken(Normalize(w.Text), w.Freq, w.Pos)); err != nil {
			return nil, fmt.Errorf("user dictionary word %q: %w", w.Text, err)
		}
	}
	if err := seg.LoadDictEmbed(opts.Dict); err != nil {
		return nil, fmt.Errorf("load gse dictionary %s: %w", opts.Dict, err)
	}
	if seg.Dict.NumTokens() <= len(words) {
		return nil, fmt.Errorf("load gse dictionary %s: no words (unknown dictionary name?)", opts.Dict)
	}
	return &seg, nil
}

// encodeTrie builds the file of a gse dictionary.
func encodeTrie(d *gse.Dictionary, key [32]byte) []byte {
	type entry struct {
		key string
		tok int32
	}
	logTotal := float32(math.Log2(d.TotalFreq()))
	entries := make([]entry, 0, d.NumTokens())
	toks := make([]trieTok, 0, d.NumTokens())
	maxUnits := 0
	for i := range d.Tokens {
		t := &d.Tokens[i]
		k := t.Text()
		if k == "" {
			continue // gse never finds an empty word
		}
		n := len(units(k, nil)) - 1
		maxUnits = max(maxUnits, n)
		entries = append(entries, entry{k, int32(len(toks))})
		// As gse's CalcToken computes it.
		toks = append(toks, trieTok{dist: logTotal - float32(math.Log2(t.Freq())), units: uint16(min(n, math.MaxUint16)), freq: t.Freq()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmpString(a.key, b.key) })
	// Breadth first: a node is the range of sorted keys sharing its prefix
	// of length depth; its children are that range grouped by the next byte.
	type span struct{ lo, hi, depth int }
	nodes := []trieNode{{tok: -1}}
	queue := []span{{0, len(entries), 0}}
	for qi := 0; qi < len(queue); qi++ {
		sp := queue[qi]
		lo := sp.lo
		if lo < sp.hi && len(entries[lo].key) == sp.depth {
			nodes[qi].tok = entries[lo].tok
			lo++
		}
		nodes[qi].first = uint32(len(nodes))
		for lo < sp.hi {
			c := entries[lo].key[sp.depth]
			hi := lo + 1
			for hi < sp.hi && entries[hi].key[sp.depth] == c {
				hi++
			}
			nodes = append(nodes, trieNode{tok: -1, label: c})
			queue = append(queue, span{lo, hi, sp.depth + 1})
			nodes[qi].count++
			lo = hi
		}
	}
	h := header{Format: dictFormat, Endian: 0x01020304, Key: key, Nodes: uint32(len(nodes)),
		Toks: uint32(len(toks)), MaxUnits: uint32(maxUnits), TotalFreq: d.TotalFreq()}
	copy(h.Magic[:], dictMagic)
	nodesAt, toksAt, size := layout(len(nodes), len(toks))
	b := make([]byte, size)
	copy(b, unsafe.Slice((*byte)(unsafe.Pointer(&h)), headerSize))
	copy(b[nodesAt:], unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(nodes))), len(nodes)*nodeSize))
	copy(b[toksAt:], unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(toks))), len(toks)*tokSize))
	return b
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// layout returns where the arrays start in a file and its size.
func layout(nodes, toks int) (nodesAt, toksAt, size int) {
	nodesAt = headerSize
	toksAt = (nodesAt + nodes*nodeSize + 7) &^ 7
	return nodesAt, toksAt, toksAt + toks*tokSize
}

var errBadDict = errors.New("not a dictionary file of this version")

// decodeTrie checks a dictionary file's bytes and returns the trie that
// points into them. b must stay unchanged while the trie is used and be
// aligned to 8 bytes (mapped memory, or a []byte from make).
func decodeTrie(b []byte, key [32]byte) (*trie, error) {
	if len(b) < headerSize || uintptr(unsafe.Pointer(unsafe.SliceData(b)))%8 != 0 {
		return nil, errBadDict
	}
	var h header
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&h)), headerSize), b)
	if string(h.Magic[:]) != dictMagic || h.Format != dictFormat || h.Endian != 0x01020304 || h.Key != key || h.Nodes == 0 {
		return nil, errBadDict
	}
	nodesAt, toksAt, size := layout(int(h.Nodes), int(h.Toks))
	if size != len(b) {
		return nil, errBadDict
	}
	t := &trie{
		nodes:    unsafe.Slice((*trieNode)(unsafe.Pointer(&b[nodesAt])), h.Nodes),
		maxUnits: int(h.MaxUnits),
	}
	if h.Toks > 0 {
		t.toks = unsafe.Slice((*trieTok)(unsafe.Pointer(&b[toksAt])), h.Toks)
	}
	// A damaged file must not send a walk out of bounds.
	for i := range t.nodes {
		n := &t.nodes[i]
		if int(n.first)+int(n.count) > len(t.nodes) || n.tok >= int32(len(t.toks)) || n.tok < -1 {
			return nil, errBadDict
		}
	}
	t.first = sync.OnceValue(t.firstTable)
	return t, nil
}

// mapTrie maps a cached dictionary file.
func mapTrie(path string, key [32]byte) (*trie, error) {
	b, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	t, err := decodeTrie(b, key)
	if err != nil {
		unmapFile(b)
		return nil, err
	}
	t.mapped = true
	return t, nil
}

// removeStale removes the dictionaries of other versions from the cache
// folder of path (a process that maps one keeps it until it exits).
func removeStale(path string) {
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "dict-*.bin"))
	for _, f := range old {
		if f != path {
			os.Remove(f)
		}
	}
}

// writeAtomic writes b to path through a temporary file in the same folder.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".dict-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// child returns the child of node n along byte c, or -1.
func (t *trie) child(n int32, c byte) int32 {
	nd := &t.nodes[n]
	lo, hi := int(nd.first), int(nd.first)+int(nd.count)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.nodes[m].label < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(nd.first)+int(nd.count) && t.nodes[lo].label == c {
		return int32(lo)
	}
	return -1
}

// firstTable makes the table of trie.first.
func (t *trie) firstTable() []int32 {
	tab := make([]int32, 0x10000)
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < 0x10000; r++ {
		n := int32(0)
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			if n = t.child(n, lower(c)); n < 0 {
				break
			}
		}
		tab[r] = n
	}
	return tab
}

// find walks word's bytes: the word's frequency, and whether the walk
// stayed in the trie (as gse's Dictionary.Find: a prefix of a word is
// "found" with frequency 0).
func (t *trie) find(word string) (float64, bool) {
	n := int32(0)
	for i := 0; i < len(word); i++ {
		if n = t.child(n, word[i]); n < 0 {
			return 0, false
		}
	}
	if tok := t.nodes[n].tok; tok >= 0 {
		return t.toks[tok].freq, true
	}
	return 0, n != 0
}

// units returns the byte offsets at which gse's text units of s start,
// and len(s) last: a rune of one or two UTF-8 bytes that is a letter or a
// number joins its neighbours of that kind (a Latin word, a number); every
// other rune is a unit of its own (gse's SplitTextToWords).
func units(s string, at []int32) []int32 {
	at = at[:0]
	inRun := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inRun {
				at = append(at, int32(i))
				inRun = true
			}
		} else {
			inRun = false
			at = append(at, int32(i))
		}
		i += size
	}
	return append(at, int32(len(s)))
}

// lower maps A-Z to a-z when gse lower-cases Latin words (gse.ToLower).
func lower(c byte) byte {
	if gse.ToLower && 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// segment cuts s by gse's shortest path (gse's segmentWords, not in search
// mode) and returns the [start, end) byte ranges of the words.
func (t *trie) segment(s string) [][2]int {
	at := units(s, make([]int32, 0, len(s)/3+2))
	n := len(at) - 1
	if n <= 0 {
		return nil
	}
	// minDist and size are gse's jumpers: the cost of the best path to
	// the end of unit i and the length in units of its last word. A zero
	// cost means "not reached yet", as in gse.
	minDist := make([]float32, n)
	size := make([]uint16, n)
	update := func(loc int, d float32, units uint16) {
		if minDist[loc] == 0 || minDist[loc] > d {
			minDist[loc] = d
			size[loc] = units
		}
	}
	first := t.first()
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = minDist[cur-1]
		}
		found, firstUnits := 0, uint16(0)
		node := int32(0)
	walk:
		for k := cur; k < n && k < cur+t.maxUnits; k++ {
			if k == cur {
				// The first unit: one rune below 0x10000 is looked up.
				if r, size := utf8.DecodeRuneInString(s[at[k]:]); r < 0x10000 && r != utf8.RuneError && int32(size) == at[k+1]-at[k] {
					if node = first[r]; node < 0 {
						break walk
					}
					goto end
				}
			}
			for i := at[k]; i < at[k+1]; i++ {
				if node = t.child(node, lower(s[i])); node < 0 {
					break walk
				}
			}
		end:
			if tok := t.nodes[node].tok; tok >= 0 {
				tk := &t.toks[tok]
				if loc := cur + int(tk.units) - 1; tk.units > 0 && loc < n {
					update(loc, base+tk.dist, tk.units)
				}
				if found == 0 {
					firstUnits = tk.units
				}
				found++
			}
		}
		if found == 0 || firstUnits > 1 {
			update(cur, base+32, 1) // gse's pseudo-word for an unknown unit
		}
	}
	for i := range size {
		size[i] = max(size[i], 1) // every unit is reached; this only guards the loops below
	}
	cnt := 0
	for i := n - 1; i >= 0; i -= int(size[i]) {
		cnt++
	}
	out := make([][2]int, cnt)
	for i := n - 1; i >= 0; i -= int(size[i]) {
		cnt--
		out[cnt] = [2]int{int(at[max(i-int(size[i])+1, 0)]), int(at[i+1])}
	}
	return out
}
