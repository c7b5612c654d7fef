// Package script detects whether a text is written in simplified or
// traditional characters and makes its simplified view for analysis.
//
// The simplified view has exactly as many runes as the original, so a rune
// offset found in one is the same place in the other: analysis runs on the
// simplified view while headings, highlights and exports show the original.
package script

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"plans/corpus"
)

// Converter converts between the scripts with OpenCC's dictionaries
// (embedded in the binary; nothing is read from disk or the network).
// It is safe for concurrent use. The class of a character (traditional
// only, simplified only, its simplified form) comes from a table made from
// OpenCC (classtable.go); OpenCC itself, whose dictionaries take some 35 ms
// to build, is loaded only when a text holds a traditional character (a
// search for a simplified query never loads it).
type Converter struct {
	t2sOnce, s2tOnce sync.Once
	t2s, s2t         *opencc.OpenCC
	t2sErr, s2tErr   error

	// bmp caches the class of runes below 0x10000 without locking (see
	// packClass); runes holds the others.
	bmp   []atomic.Uint32
	mu    sync.RWMutex
	runes map[rune]runeClass
}

type runeClass struct {
	simp rune // the rune's simplified form (itself if unchanged or not 1:1)
	trad bool // the rune is a traditional-only form
	smp  bool // the rune is a simplified-only form
}

var (
	defaultOnce sync.Once
	defaultConv *Converter
	defaultErr  error
)

// Default returns a converter shared by the whole process, made on first use.
func Default() (*Converter, error) {
	defaultOnce.Do(func() { defaultConv, defaultErr = New() })
	return defaultConv, defaultErr
}

// DefaultSimplify returns the Simplify of the Default converter, or nil
// when OpenCC could not be loaded.
func DefaultSimplify() func(string) string {
	c, err := Default()
	if err != nil {
		return nil
	}
	return c.Simplify
}

// New returns a converter; OpenCC's t2s and s2t conversions are loaded on
// first use.
func New() (*Converter, error) {
	return &Converter{bmp: make([]atomic.Uint32, 0x10000), runes: make(map[rune]runeClass)}, nil
}

// toSimplified converts with OpenCC's t2s, loading it on first use.
func (c *Converter) toSimplified(s string) (string, error) {
	c.t2sOnce.Do(func() {
		if c.t2s, c.t2sErr = opencc.New("t2s"); c.t2sErr != nil {
			c.t2sErr = fmt.Errorf("load opencc t2s: %w", c.t2sErr)
		}
	})
	if c.t2sErr != nil {
		return "", c.t2sErr
	}
	return c.t2s.Convert(s)
}

// toTraditional converts with OpenCC's s2t, loading it on first use.
func (c *Converter) toTraditional(s string) (string, error) {
	c.s2tOnce.Do(func() {
		if c.s2t, c.s2tErr = opencc.New("s2t"); c.s2tErr != nil {
			c.s2tErr = fmt.Errorf("load opencc s2t: %w", c.s2tErr)
		}
	})
	if c.s2tErr != nil {
		return "", c.s2tErr
	}
	return c.s2t.Convert(s)
}

// Simplify returns the simplified view of s with exactly as many runes as s.
// Each line is converted on its own (OpenCC's phrases never span lines):
// with phrases where that keeps the line's length, else character by
// character; a line without a traditional character is left as it is.
func (c *Converter) Simplify(s string) string { return c.simplify(s, nil) }

// A Memo simplifies like its Converter and remembers the lines it has
// converted. The pipeline converts a document's short lines to clean and
// split it, then its whole text; with one Memo per document the dictionary
// pass, the costly part, runs once for each line. A Memo is not safe for
// concurrent use.
type Memo struct {
	c     *Converter
	lines map[string]string
}

// NewMemo returns an empty Memo.
func (c *Converter) NewMemo() *Memo { return &Memo{c: c, lines: make(map[string]string)} }

// Simplify is Converter.Simplify.
func (m *Memo) Simplify(s string) string { return m.c.simplify(s, m.lines) }

func (c *Converter) simplify(s string, memo map[string]string) string {
	if s == "" || !c.hasTraditional(s) {
		return s // nothing to convert: skip the (slow) dictionary pass
	}
	if strings.IndexByte(s, '\n') < 0 {
		return c.simplifyLine(s, memo)
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; rest != ""; {
		line, nl := rest, ""
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, nl = rest[:i], "\n"
		}
		rest = rest[len(line)+len(nl):]
		if c.hasTraditional(line) {
			line = c.simplifyLine(line, memo)
		}
		b.WriteString(line)
		b.WriteString(nl)
	}
	return b.String()
}

// simplifyLine converts one line that holds a traditional character.
func (c *Converter) simplifyLine(line string, memo map[string]string) string {
	if out, ok := memo[line]; ok {
		return out
	}
	out, err := c.toSimplified(line)
	if err != nil || utf8.RuneCountInString(out) != utf8.RuneCountInString(line) {
		var b strings.Builder
		b.Grow(len(line))
		for _, r := range line {
			b.WriteRune(c.class(r).simp)
		}
		out = b.String()
	}
	if memo != nil {
		memo[line] = out
	}
	return out
}

// Traditionalize converts s to traditional characters (used to show users a
// query in the other script). Its length may differ from s.
func (c *Converter) Traditionalize(s string) string {
	out, err := c.toTraditional(s)
	if err != nil {
		return s
	}
	return out
}

// Detect tells whether s is written in simplified, traditional or mixed
// characters, from the share of characters that exist in only one script.
// A text with no such characters is simplified.
func (c *Converter) Detect(s string) corpus.Script {
	var trad, simp int
	for _, r := range s {
		if r < 0x3400 || !unicode.Is(unicode.Han, r) {
			continue
		}
		cl := c.class(r)
		switch {
		case cl.trad:
			trad++
		case cl.smp:
			simp++
		}
	}
	total := trad + simp
	switch {
	case total == 0 || trad*10 <= total: // at most 10% traditional-only
		return corpus.Simplified
	case simp*10 <= total*2: // at most 20% simplified-only
		return corpus.Traditional
	default:
		return corpus.Mixed
	}
}

// hasTraditional reports whether s holds a character that t2s changes.
func (c *Converter) hasTraditional(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && c.class(r).trad {
			return true
		}
	}
	return false
}

// A rune's class packed in a uint32: the simplified rune in the low 21 bits,
// then the flags; 0 means not computed yet.
const (
	classKnown = 1 << 31
	classTrad  = 1 << 30
	classSimp  = 1 << 29
	runeMask   = 1<<21 - 1
)

func packClass(cl runeClass) uint32 {
	v := uint32(cl.simp)&runeMask | classKnown
	if cl.trad {
		v |= classTrad
	}
	if cl.smp {
		v |= classSimp
	}
	return v
}

func unpackClass(v uint32) runeClass {
	return runeClass{simp: rune(v & runeMask), trad: v&classTrad != 0, smp: v&classSimp != 0}
}

func (c *Converter) class(r rune) runeClass {
	if r >= 0 && int(r) < len(c.bmp) {
		if v := c.bmp[r].Load(); v != 0 {
			return unpackClass(v)
		}
		cl := c.compute(r)
		c.bmp[r].Store(packClass(cl))
		return cl
	}
	c.mu.RLock()
	cl, ok := c.runes[r]
	c.mu.RUnlock()
	if ok {
		return cl
	}
	cl = c.compute(r)
	c.mu.Lock()
	c.runes[r] = cl
	c.mu.Unlock()
	return cl
}

// compute looks up the class of one rune in the table made from OpenCC.
func (c *Converter) compute(r rune) runeClass {
	if i, ok := slices.BinarySearch(classKeys[:], r); ok {
		return unpackClass(classVals[i])
	}
	return runeClass{simp: r}
}

// classOf is the class OpenCC gives one rune: what t2s makes of it alone,
// and whether s2t changes it (how classtable.go is made).
func classOf(r rune, t2s, s2t func(string) (string, error)) runeClass {
	cl := runeClass{simp: r}
	s := string(r)
	if out, err := t2s(s); err == nil && out != s {
		if o, n := utf8.DecodeRuneInString(out); n == len(out) {
			cl.simp = o
		}
		cl.trad = true
	} else if out, err := s2t(s); err == nil && out != s {
		cl.smp = true
	}
	return cl
}
