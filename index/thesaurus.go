package index

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"plans/segment"
)

//go:embed thesaurus.txt
var defaultThesaurus []byte

// Thesaurus holds the query-time expansions of union terms.
type Thesaurus struct {
	exp     map[string][]string // folded term → expansions, in file order
	version string
}

// Version returns the table's version ("@version N"), "" when it has none.
func (t *Thesaurus) Version() string {
	if t == nil {
		return ""
	}
	return t.version
}

// DefaultThesaurus returns the shipped synonym table (thesaurus.txt).
func DefaultThesaurus() []byte { return bytes.Clone(defaultThesaurus) }

func loadThesaurus(b []byte) (*Thesaurus, error) {
	if b == nil {
		b = defaultThesaurus
	}
	t, err := ParseThesaurus(b)
	if err != nil {
		return nil, fmt.Errorf("thesaurus: %w", err)
	}
	return t, nil
}

// ParseThesaurus reads a synonym table: one group a line, "a = b = c" for
// words that expand to each other, "a > b c d" for a word that expands to
// others; "@version N" gives the table's version; "#" starts a comment.
func ParseThesaurus(b []byte) (*Thesaurus, error) {
	t := &Thesaurus{exp: make(map[string][]string)}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "@version"):
			f := strings.Fields(line)
			if len(f) != 2 || t.version != "" {
				return nil, fmt.Errorf("line %d: want one \"@version N\", got %q", n, line)
			}
			t.version = f[1]
		case strings.Contains(line, ">"):
			head, tail, _ := strings.Cut(line, ">")
			from := strings.Fields(head)
			to := strings.Fields(tail)
			if len(from) != 1 || len(to) == 0 || strings.ContainsAny(tail, ">=") {
				return nil, fmt.Errorf("line %d: want \"词 > 词 词 …\", got %q", n, line)
			}
			t.add(from[0], to)
		case strings.Contains(line, "="):
			var group []string
			for _, p := range strings.Split(line, "=") {
				f := strings.Fields(p)
				if len(f) != 1 {
					return nil, fmt.Errorf("line %d: want \"词 = 词 = …\", got %q", n, line)
				}
				group = append(group, f[0])
			}
			for _, w := range group {
				t.add(w, group)
			}
		default:
			return nil, fmt.Errorf("line %d: no \"=\" or \">\" in %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Thesaurus) add(from string, to []string) {
	k := segment.Normalize(from)
	have := make(map[string]bool)
	for _, w := range t.exp[k] {
		have[w] = true
	}
	for _, w := range to {
		w = segment.Normalize(w)
		if w == k || have[w] {
			continue
		}
		have[w] = true
		t.exp[k] = append(t.exp[k], w)
	}
}

// Expand returns the expansions of a folded, simplified term (not the term
// itself), or nil.
func (t *Thesaurus) Expand(term string) []string {
	if t == nil {
		return nil
	}
	return t.exp[term]
}
