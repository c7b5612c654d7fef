package review

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/lazyre"
	"plans/script"
)

// aligned reports whether d.Simplified is d.Text rune for rune.
func aligned(d *corpus.Document) bool { return script.Aligned(d.Text, d.Simplified) }

// simplifyIn returns the simplified view of s, a piece of d's text found
// at or after byte offset from (script.Piece).
func simplifyIn(d *corpus.Document, s string, from int, conv func(string) string) string {
	return script.Piece(d.Text, d.Simplified, aligned(d), s, from, conv)
}

// sentenceEnds end a passage.
const sentenceEnds = "。！？；!?;\n"

// span is a piece of a text: byte offsets.
type span struct{ start, end int }

// sentences splits s into trimmed sentences (their byte spans in s).
func sentences(s string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		a, b := start, end
		for a < b {
			r, n := utf8.DecodeRuneInString(s[a:])
			if !isSpace(r) {
				break
			}
			a += n
		}
		for b > a {
			r, n := utf8.DecodeLastRuneInString(s[a:b])
			if !isSpace(r) {
				break
			}
			b -= n
		}
		if hasLetters(s[a:b], 2) {
			out = append(out, span{a, b})
		}
	}
	for i, r := range s {
		if strings.ContainsRune(sentenceEnds, r) {
			end := i + utf8.RuneLen(r)
			if r == '\n' {
				end = i
			}
			emit(end)
			start = i + utf8.RuneLen(r)
		}
	}
	emit(len(s))
	return out
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' }

// hasLetters reports whether s has at least n letters.
func hasLetters(s string, n int) bool {
	c := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if c++; c >= n {
				return true
			}
		}
	}
	return false
}

// monthRE finds months in simplified text: 3月, 十月, 11月份, 7-8月.
var monthRE = lazyre.New(`(?:^|[^0-9一二三四五六七八九十])([0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*(?:[—–\-－~～至到、]\s*([0-9]{1,2}|十[一二]?|[一二三四五六七八九]))?\s*月`)

// seasonMonths are the months of the holidays and festivals a school
// year is told by.
var seasonMonths = []struct {
	word   string
	months []int
}{
	{"寒假", []int{1, 2}}, {"春节", []int{1, 2}}, {"元旦", []int{1}}, {"三八", []int{3}}, {"妇女节", []int{3}},
	{"植树节", []int{3}}, {"清明", []int{4}}, {"五一", []int{5}}, {"劳动节", []int{5}}, {"六一", []int{6}},
	{"儿童节", []int{6}}, {"端午", []int{6}}, {"暑假", []int{7, 8}}, {"暑期", []int{7, 8}}, {"教师节", []int{9}},
	{"中秋", []int{9}}, {"国庆", []int{10}}, {"重阳", []int{10}},
}

// monthsIn returns the months (1–12) named in simplified text: 3月, 十月,
// 7-8月, and those of holidays and festivals (暑期 → 7, 8; 重阳 → 10).
func monthsIn(s string) []int {
	var out []int
	add := func(m int) {
		if m >= 1 && m <= 12 && !containsInt(out, m) {
			out = append(out, m)
		}
	}
	for _, sm := range seasonMonths {
		if strings.Contains(s, sm.word) {
			for _, m := range sm.months {
				add(m)
			}
		}
	}
	for _, m := range monthRE.FindAllStringSubmatch(s, -1) {
		a := monthNumber(m[1])
		if m[2] == "" {
			add(a)
			continue
		}
		b := monthNumber(m[2])
		if a >= 1 && b >= a && b <= 12 {
			for k := a; k <= b; k++ {
				add(k)
			}
		}
	}
	return out
}

func monthNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digits[rs[1]]
	}
	return 0
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
