// Package tailre speeds up regular expressions that match only at the end
// of the text (`…$`). Go's regexp engine tries such an expression at every
// position of the text; most texts cannot match at all because their last
// character cannot end a match. A Regexp checks that character first.
package tailre

import (
	"regexp"
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// Regexp is a regular expression with a test of the text's last rune. It
// is compiled on first use (a process that never uses it does not pay for
// it) and is safe for concurrent use.
type Regexp struct {
	expr     string
	compiled func() *compiled
}

type compiled struct {
	re *regexp.Regexp
	// last holds the runes a match can end with, as sorted inclusive
	// ranges; nil when any rune can (no test is made).
	last []rune
}

// MustCompile returns expr, to be compiled like regexp.MustCompile on first
// use (an invalid expression panics then). When every match of expr is
// non-empty and ends at the end of the text, the rune a match can end with
// is worked out, and texts ending otherwise are not searched.
func MustCompile(expr string) *Regexp {
	return &Regexp{expr: expr, compiled: sync.OnceValue(func() *compiled { return compile(expr) })}
}

func compile(expr string) *compiled {
	re := regexp.MustCompile(expr)
	t := &compiled{re: re}
	p, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err) // regexp.MustCompile accepted it
	}
	p = p.Simplify()
	if endAnchored(p) {
		if set, nullable, ok := lastRunes(p); ok && !nullable {
			t.last = set
		}
	}
	return t
}

// String returns the source text of the expression.
func (t *Regexp) String() string { return t.expr }

// mayMatch reports whether s can hold a match: false only when s's last
// rune ends no match.
func (t *compiled) mayMatch(s string) bool {
	if t.last == nil {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if s == "" {
		return false
	}
	for i := 0; i+1 < len(t.last); i += 2 {
		if r < t.last[i] {
			return false
		}
		if r <= t.last[i+1] {
			return true
		}
	}
	return false
}

// MatchString is regexp.Regexp.MatchString.
func (t *Regexp) MatchString(s string) bool {
	c := t.compiled()
	return c.mayMatch(s) && c.re.MatchString(s)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (t *Regexp) ReplaceAllString(src, repl string) string {
	c := t.compiled()
	if !c.mayMatch(src) {
		return src
	}
	return c.re.ReplaceAllString(src, repl)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (t *Regexp) FindStringSubmatch(s string) []string {
	c := t.compiled()
	if !c.mayMatch(s) {
		return nil
	}
	return c.re.FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (t *Regexp) FindStringSubmatchIndex(s string) []int {
	c := t.compiled()
	if !c.mayMatch(s) {
		return nil
	}
	return c.re.FindStringSubmatchIndex(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (t *Regexp) FindStringIndex(s string) []int {
	c := t.compiled()
	if !c.mayMatch(s) {
		return nil
	}
	return c.re.FindStringIndex(s)
}

// endAnchored reports whether every match of re ends at the end of the
// text: re is a concatenation ending in `$` (\z), or an alternation of such.
func endAnchored(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEndText:
		return true
	case syntax.OpCapture:
		return endAnchored(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && endAnchored(re.Sub[len(re.Sub)-1])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !endAnchored(s) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// lastRunes returns the runes a match of re can end with (sorted
// inclusive ranges) and whether re can match the empty string; ok is false
// when that is not worked out (any rune, case folding).
func lastRunes(re *syntax.Regexp) (set []rune, nullable, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		r := re.Rune[len(re.Rune)-1]
		return []rune{r, r}, false, true
	case syntax.OpCharClass:
		return re.Rune, false, true
	case syntax.OpCapture:
		return lastRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, ok := lastRunes(re.Sub[0])
		return set, true, ok
	case syntax.OpPlus:
		return lastRunes(re.Sub[0])
	case syntax.OpRepeat:
		set, nullable, ok := lastRunes(re.Sub[0])
		return set, nullable || re.Min == 0, ok
	case syntax.OpConcat:
		nullable = true
		for i := len(re.Sub) - 1; i >= 0 && nullable; i-- {
			s, n, ok := lastRunes(re.Sub[i])
			if !ok {
				return nil, false, false
			}
			set = union(set, s)
			nullable = n
		}
		return set, nullable, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, n, ok := lastRunes(sub)
			if !ok {
				return nil, false, false
			}
			set = union(set, s)
			nullable = nullable || n
		}
		return set, nullable, true
	}
	return nil, false, false // any character, or an operator not handled
}

// union merges two sets of sorted inclusive ranges.
func union(a, b []rune) []rune {
	var pairs [][2]rune
	for i := 0; i+1 < len(a); i += 2 {
		pairs = append(pairs, [2]rune{a[i], a[i+1]})
	}
	for i := 0; i+1 < len(b); i += 2 {
		pairs = append(pairs, [2]rune{b[i], b[i+1]})
	}
	if len(pairs) == 0 {
		return nil
	}
	// Insertion sort: the sets are small.
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j][0] < pairs[j-1][0]; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	out := []rune{pairs[0][0], pairs[0][1]}
	for _, p := range pairs[1:] {
		if k := len(out) - 1; p[0] <= out[k]+1 {
			out[k] = max(out[k], p[1])
			continue
		}
		out = append(out, p[0], p[1])
	}
	return out
}
