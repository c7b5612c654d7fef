package index

import (
	"strings"
	"unicode"
)

// Q is the parsed form of a query string (ParseQuery): what the user asked
// for, before it meets the index. compile turns it into a node tree over
// the index's terms. String prints it as an S-expression, so that tests can
// say "query in, tree out".
type Q interface {
	String() string
	isQ()
}

// Word is a part typed without quotes: it is segmented, expanded with the
// thesaurus and may name a work area.
type Word struct{ Text string }

// Phrase is a quoted part: it must occur as written.
type Phrase struct{ Text string }

// Not is an excluded part (-word): entries holding it are left out.
type Not struct{ Q Q }

// Or holds alternatives (A OR B): an entry needs any of them.
type Or struct{ Qs []Q }

// And holds what an entry needs all of: the top of every parsed query.
type And struct{ Qs []Q }

func (Word) isQ()   {}
func (Phrase) isQ() {}
func (Not) isQ()    {}
func (Or) isQ()     {}
func (And) isQ()    {}

func (q Word) String() string   { return q.Text }
func (q Phrase) String() string { return `"` + q.Text + `"` }
func (q Not) String() string    { return "(not " + q.Q.String() + ")" }
func (q Or) String() string     { return sexpr("or", q.Qs) }
func (q And) String() string    { return sexpr("and", q.Qs) }

func sexpr(op string, qs []Q) string {
	var b strings.Builder
	b.WriteString("(" + op)
	for _, q := range qs {
		b.WriteString(" " + q.String())
	}
	b.WriteString(")")
	return b.String()
}

// ParseQuery parses a query string: words and phrases separated by white
// space (also the ideographic space); "…", “…”, 「…」 and 『…』 quote a
// phrase; a leading "-" (or "－") excludes a part; OR (also | and 或者)
// between two parts makes them alternatives. Every part not joined by OR
// must match: the result is always an And.
func ParseQuery(s string) And {
	var top And
	for _, p := range splitQuery(s) {
		var q Q = Word{p.Text}
		if p.Phrase {
			q = Phrase{p.Text}
		}
		switch {
		case p.Exclude:
			top.Qs = append(top.Qs, Not{q})
		case p.Or && len(top.Qs) > 0:
			last := top.Qs[len(top.Qs)-1]
			if o, ok := last.(Or); ok {
				o.Qs = append(o.Qs, q)
				top.Qs[len(top.Qs)-1] = o
			} else {
				top.Qs[len(top.Qs)-1] = Or{[]Q{last, q}}
			}
		default:
			top.Qs = append(top.Qs, q)
		}
	}
	return top
}

// String prints a compiled node as an S-expression: field:term for a term
// (field|alt:term when a second field may hold it), (and …) with (not …)
// for the parts left out, (or …), * for every entry, ∅ for none. An exact
// string the text must hold is shown as (exact "…" tree), a work area as
// (area id tree).
func (n *node) String() string {
	if n == nil {
		return "∅"
	}
	var s string
	switch n.kind {
	case nodeTerm:
		f := n.field
		if n.alt != "" {
			f += "|" + n.alt
		}
		s = f + ":" + n.term
	case nodeAnd:
		var b strings.Builder
		b.WriteString("(and")
		for _, k := range n.kids {
			b.WriteString(" " + k.String())
		}
		for _, k := range n.not {
			b.WriteString(" (not " + k.String() + ")")
		}
		b.WriteString(")")
		s = b.String()
	case nodeOr:
		var b strings.Builder
		b.WriteString("(or")
		for _, k := range n.kids {
			b.WriteString(" " + k.String())
		}
		b.WriteString(")")
		s = b.String()
	case nodeAll:
		s = "*"
	default:
		s = "∅"
	}
	if n.area != "" {
		s = "(area " + n.area + " " + s + ")"
	}
	if n.exact != "" {
		s = `(exact "` + n.exact + `" ` + s + ")"
	}
	return s
}

// part is one element of a query string as typed.
type part struct {
	Text    string
	Phrase  bool // quoted: must occur as written
	Exclude bool // "-word": must not occur
	// Or joins the part to the one before: either may occur ("A OR B").
	Or bool
}

// isOr tells whether an unquoted word is the OR operator.
func isOr(s string) bool { return s == "OR" || s == "|" || s == "或者" }

var closing = map[rune]rune{'"': '"', '“': '”', '”': '”', '「': '」', '『': '』', '＂': '＂'}

// splitQuery splits a query string into parts: words and phrases separated
// by white space (also the ideographic space); "…", “…”, 「…」 and 『…』 quote
// a phrase; a leading "-" (or "－") excludes a part.
func splitQuery(q string) []part {
	var out []part
	or := false
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		p := part{}
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			p.Exclude = true
			i++
		}
		if end, ok := closing[rs[i]]; ok {
			j := i + 1
			for j < len(rs) && rs[j] != end {
				j++
			}
			p.Text, p.Phrase = strings.TrimSpace(string(rs[i+1:j])), true
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				if _, ok := closing[rs[j]]; ok && j > i {
					break
				}
				j++
			}
			p.Text = string(rs[i:j])
			i = j
		}
		switch {
		case p.Text == "":
		case !p.Phrase && !p.Exclude && isOr(p.Text):
			or = len(out) > 0 && !out[len(out)-1].Exclude
		default:
			p.Or = or && !p.Exclude
			or = false
			out = append(out, p)
		}
	}
	return out
}
