package classify

// Headings without a number: which un-numbered lines of a page are
// headings, judged by their shape among the lines around them.

import (
	"strings"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// appendixWord reports 附, 附件, 附件1, 附表: the colon after it opens the
// appendix's title, not a body.
func appendixWord(w string) bool {
	w = strings.TrimSpace(w)
	if !strings.HasPrefix(w, "附") {
		return false
	}
	w = strings.TrimPrefix(w, "附")
	w = strings.TrimPrefix(strings.TrimPrefix(w, "件"), "表")
	return strings.Trim(w, "0123456789一二三四五六七八九十") == ""
}

func hasClausePunct(rs []rune) bool {
	for _, r := range rs {
		if r == '，' || r == ',' || zhtext.IsSentenceEnd(r) || r == '、' {
			return true
		}
	}
	return false
}

// dropLoneWeak turns weak enumerators (一是, 首先, 1 标题) into body text
// unless the document has a run of them starting at one.
func dropLoneWeak(ps []para, all bool) {
	count := map[string]int{}
	hasOne := map[string]bool{}
	for _, p := range ps {
		if p.kind != paraNumbered || !weakStyle(p.mk.style) || p.midLine && !p.shiRun {
			continue
		}
		count[p.mk.style]++
		if p.mk.value == 1 {
			hasOne[p.mk.style] = true
		}
	}
	for i := range ps {
		p := &ps[i]
		if p.kind != paraNumbered || !weakStyle(p.mk.style) {
			continue
		}
		if all || p.midLine && !p.shiRun || count[p.mk.style] < 2 || !hasOne[p.mk.style] {
			p.kind = paraBody
			p.hEnd, p.bodyStart, p.inline = p.end, p.end, false
		}
	}
}

// plainShape describes a standalone line that might be an un-numbered
// heading.
type plainShape struct {
	core     string
	length   int // runes without trailing punctuation
	colon    bool
	punctEnd bool // ends with a sentence or clause mark
	role     role
	dateLike bool
}

func shapeOf(t *docText, p para) plainShape {
	rs := t.s[p.start:p.end]
	var sh plainShape
	j := len(rs)
	for j > 0 && (zhtext.IsSpace(rs[j-1])) {
		j--
	}
	if j > 0 {
		last := rs[j-1]
		switch {
		case last == '：' || last == ':':
			sh.colon = true
		case zhtext.IsSentenceEnd(last) || last == '，' || last == ',' || last == '、' || last == '…' || last == '.' || last == '．':
			sh.punctEnd = true
		}
	}
	sh.core = headingCore(string(rs))
	sh.length = utf8.RuneCountInString(sh.core)
	sh.role = roleOf(sh.core)
	if zhtext.CountHan([]rune(sh.core)) < 2 {
		sh.dateLike = true
	}
	if isDateLine(string(rs)) {
		sh.dateLike = true
	}
	if len(rs) > 0 && zhtext.IsOpenParen(rs[0]) && zhtext.IsCloseParen(rs[len(rs)-1]) {
		sh.dateLike = true
	}
	return sh
}

// bodyLike reports a paragraph that reads as running text after a heading
// of n runes: it ends its sentences with punctuation and is longer than the
// heading.
func bodyLike(t *docText, p para, n int) bool {
	if p.kind != paraBody || p.mlStrict {
		return false
	}
	size := p.end - p.start
	ends := 0
	for _, r := range t.s[p.start:p.end] {
		if zhtext.IsSentenceEnd(r) {
			ends++
		}
	}
	if ends == 0 {
		return size >= 40
	}
	return size >= 15 && size >= n+5
}

// tableRow reports a docx table row (cells joined by tabs).
func tableRow(t *docText, p para) bool {
	for _, r := range t.s[p.start:p.end] {
		if r == '\t' {
			return true
		}
	}
	return false
}

// innerColon reports a colon inside a line (关键词：…, 时间：…); 附：…
// and 附件1：… are headings of appendices.
func innerColon(t *docText, p para) bool {
	for k := p.start; k < p.end-1; k++ {
		if t.s[k] == '：' || t.s[k] == ':' {
			lead := strings.TrimRight(string(t.s[p.start:k]), "0123456789一二三四五 ")
			if lead == "附" || lead == "附件" || lead == "附表" || lead == "附录" {
				continue
			}
			return true
		}
	}
	return false
}

// appendixHeading reports a line opening an appendix: 附：…, 附件1：…,
// 附表: … (the text after the colon is its title).
func appendixHeading(t *docText, p para) bool {
	for k := p.start; k < p.end-1 && k < p.start+6; k++ {
		if t.s[k] == '：' || t.s[k] == ':' {
			lead := strings.TrimRight(string(t.s[p.start:k]), "0123456789一二三四五 ")
			switch lead {
			case "附", "附件", "附表", "附录":
				return true
			}
			return false
		}
	}
	return false
}

// acceptPlain decides which un-numbered standalone lines are headings.
func acceptPlain(t *docText, ps []para) {
	var closers []int // lines kept out only because an item precedes them
	for i := range ps {
		p := &ps[i]
		if p.kind != paraBody || p.midLine || p.mlLoose {
			continue
		}
		if p.end-p.start > 40 {
			continue
		}
		// a table row or a "label：value" line is not a heading
		if tableRow(t, *p) || innerColon(t, *p) {
			continue
		}
		sh := shapeOf(t, *p)
		if sh.dateLike || sh.length < 2 || sh.length > 30 {
			continue
		}
		next := -1
		if i+1 < len(ps) {
			next = i + 1
		}
		if next < 0 {
			continue
		}
		np := ps[next]
		if sh.role.tag != "" && sh.role.tight && !sh.punctEnd {
			p.kind = paraRole
			continue
		}
		if appendixHeading(t, *p) && !sh.punctEnd {
			// 附：2019年工会活动一览 opens an appendix at the top level
			p.kind = paraRole
			continue
		}
		if sh.punctEnd || sh.length > 25 {
			continue
		}
		nextOne := np.kind == paraNumbered && np.mk.value == 1
		// right under a numbered heading, or in a run of short unpunctuated
		// lines, a short line is a list item
		prevNumbered := i > 0 && ps[i-1].kind == paraNumbered && !ps[i-1].inline
		prevList := i > 0 && ps[i-1].kind == paraBody && ps[i-1].end-ps[i-1].start <= 30 && !zhtext.IsSentenceEnd(t.s[ps[i-1].end-1])
		switch {
		case sh.colon:
			if nextOne {
				p.kind = paraPlain
			}
		case nextOne:
			p.kind = paraPlain
		case bodyLike(t, np, sh.length) && !prevNumbered && !prevList:
			p.kind = paraPlain
		case bodyLike(t, np, sh.length) && prevNumbered && !prevList:
			closers = append(closers, i)
		}
	}
	// A short line after the last item of a run (④…) closes the run and
	// opens the next heading when the document's un-numbered headings own
	// that item style: 落实福利保障 / ①…④ / 加强安全生产监督 / body.
	owned := map[string]bool{}
	for i := 0; i+1 < len(ps); i++ {
		if ps[i].kind == paraPlain && ps[i+1].kind == paraNumbered && ps[i+1].mk.value == 1 {
			owned[ps[i+1].mk.style] = true
		}
	}
	for _, i := range closers {
		if prev := ps[i-1]; owned[prev.mk.style] && prev.mk.value > 1 {
			ps[i].kind = paraPlain
		}
	}
}

// fillGaps finds an un-numbered heading standing where a number is missing
// (（一）… 加强队伍建设… （三）) and gives it the missing number's level.
func fillGaps(t *docText, ps []para) {
	lastIdx := map[string]int{}
	for i := range ps {
		p := ps[i]
		if p.kind != paraNumbered || weakStyle(p.mk.style) {
			continue
		}
		st := p.mk.style
		if j, ok := lastIdx[st]; ok && p.mk.value == ps[j].mk.value+2 {
			cand := -1
			n := 0
			for k := j + 1; k < i; k++ {
				q := ps[k]
				if q.kind == paraNumbered && q.mk.style == st {
					n = 99
					break
				}
				if q.kind != paraBody && q.kind != paraPlain {
					continue
				}
				if q.midLine || q.mlLoose || q.end-q.start > 30 {
					continue
				}
				sh := shapeOf(t, q)
				if sh.dateLike || sh.length < 4 || sh.colon {
					continue
				}
				// a sentence right before the next number is the last body
				// line of the section before, not a heading with no body
				if k+1 < len(ps) && (bodyLike(t, ps[k+1], sh.length) || ps[k+1].kind == paraNumbered && !sh.punctEnd) {
					cand = k
					n++
				}
			}
			if n == 1 && cand >= 0 {
				q := &ps[cand]
				q.kind = paraNumbered
				q.gapFill = true
				q.mk = marker{style: st, value: ps[j].mk.value + 1, start: q.start, end: q.start}
				q.hEnd, q.bodyStart, q.inline = q.end, q.end, false
			}
		}
		lastIdx[st] = i
	}
}
