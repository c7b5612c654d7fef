// Package lazyre holds regular expressions that are compiled on first use
// rather than when the program starts: a package-level
//
//	var reX = lazyre.New(`…`)
//
// costs nothing until reX is used, so a process that never uses it (a
// search never runs the import's cleaning rules) does not pay for it. The
// methods are those of regexp.Regexp; an invalid expression panics on first
// use (each package's tests use every expression).
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use. It is safe for
// concurrent use.
type Regexp struct {
	expr string
	re   func() *regexp.Regexp
}

// New returns expr, to be compiled by regexp.MustCompile on first use.
func New(expr string) *Regexp {
	return &Regexp{expr: expr, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// FindSubmatch is regexp.Regexp.FindSubmatch.
func (l *Regexp) FindSubmatch(b []byte) [][]byte { return l.re().FindSubmatch(b) }

// Regexp returns the compiled expression.
func (l *Regexp) Regexp() *regexp.Regexp { return l.re() }

// String returns the source text of the expression (without compiling it).
func (l *Regexp) String() string { return l.expr }

func (l *Regexp) MatchString(s string) bool              { return l.re().MatchString(s) }
func (l *Regexp) Match(b []byte) bool                    { return l.re().Match(b) }
func (l *Regexp) FindString(s string) string             { return l.re().FindString(s) }
func (l *Regexp) FindStringIndex(s string) []int         { return l.re().FindStringIndex(s) }
func (l *Regexp) FindStringSubmatch(s string) []string   { return l.re().FindStringSubmatch(s) }
func (l *Regexp) FindStringSubmatchIndex(s string) []int { return l.re().FindStringSubmatchIndex(s) }
func (l *Regexp) FindAllString(s string, n int) []string {
	return l.re().FindAllString(s, n)
}
func (l *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return l.re().FindAllStringIndex(s, n)
}
func (l *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.re().FindAllStringSubmatch(s, n)
}
func (l *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}
func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.re().ReplaceAllString(src, repl)
}
func (l *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return l.re().ReplaceAllLiteralString(src, repl)
}
func (l *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.re().ReplaceAllStringFunc(src, repl)
}
func (l *Regexp) Split(s string, n int) []string { return l.re().Split(s, n) }
func (l *Regexp) SubexpIndex(name string) int    { return l.re().SubexpIndex(name) }
func (l *Regexp) SubexpNames() []string          { return l.re().SubexpNames() }
func (l *Regexp) NumSubexp() int                 { return l.re().NumSubexp() }
