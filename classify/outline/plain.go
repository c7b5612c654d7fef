package outline

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
func dropLoneWeak(ps []Para, all bool) {
	count := map[string]int{}
	hasOne := map[string]bool{}
	for _, p := range ps {
		if p.Kind != ParaNumbered || !WeakStyle(p.Marker.Style) || p.midLine && !p.shiRun {
			continue
		}
		count[p.Marker.Style]++
		if p.Marker.value == 1 {
			hasOne[p.Marker.Style] = true
		}
	}
	for i := range ps {
		p := &ps[i]
		if p.Kind != ParaNumbered || !WeakStyle(p.Marker.Style) {
			continue
		}
		if all || p.midLine && !p.shiRun || count[p.Marker.Style] < 2 || !hasOne[p.Marker.Style] {
			p.Kind = ParaBody
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
	role     Role
	dateLike bool
}

func shapeOf(t *Text, p Para) plainShape {
	rs := t.Runes[p.start:p.end]
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
func bodyLike(t *Text, p Para, n int) bool {
	if p.Kind != ParaBody || p.mlStrict {
		return false
	}
	size := p.end - p.start
	ends := 0
	for _, r := range t.Runes[p.start:p.end] {
		if zhtext.IsSentenceEnd(r) {
			ends++
		}
	}
	if ends == 0 {
		return size >= 40
	}
	return size >= 15 && size >= n+5
}

// tableRow reports a table row: cells joined by tabs (a Word or web
// table as the readers give it) or by vertical bars (月份 | 工作内容, a table
// typed or pasted as text, markdown's | 月份 | 内容 |).
func tableRow(t *Text, p Para) bool {
	for _, r := range t.Runes[p.start:p.end] {
		if r == '\t' || r == '|' || r == '｜' {
			return true
		}
	}
	return false
}

// innerColon reports a colon inside a line (关键词：…, 时间：…); 附：…
// and 附件1：… are headings of appendices.
func innerColon(t *Text, p Para) bool {
	for k := p.start; k < p.end-1; k++ {
		if t.Runes[k] == '：' || t.Runes[k] == ':' {
			lead := strings.TrimRight(string(t.Runes[p.start:k]), "0123456789一二三四五 ")
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
func appendixHeading(t *Text, p Para) bool {
	for k := p.start; k < p.end-1 && k < p.start+6; k++ {
		if t.Runes[k] == '：' || t.Runes[k] == ':' {
			lead := strings.TrimRight(string(t.Runes[p.start:k]), "0123456789一二三四五 ")
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
func acceptPlain(t *Text, ps []Para) {
	var closers []int // lines kept out only because an item precedes them
	for i := range ps {
		p := &ps[i]
		if p.Kind != ParaBody || p.midLine || p.mlLoose {
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
		if sh.role.Tag != "" && sh.role.Tight && !sh.punctEnd {
			p.Kind = ParaRole
			continue
		}
		if appendixHeading(t, *p) && !sh.punctEnd {
			// 附：2019年工会活动一览 opens an appendix at the top level
			p.Kind = ParaRole
			continue
		}
		if sh.punctEnd || sh.length > 25 {
			continue
		}
		nextOne := np.Kind == ParaNumbered && np.Marker.value == 1
		// right under a numbered heading, or in a run of short unpunctuated
		// lines, a short line is a list item
		prevNumbered := i > 0 && ps[i-1].Kind == ParaNumbered && !ps[i-1].inline
		prevList := i > 0 && ps[i-1].Kind == ParaBody && ps[i-1].end-ps[i-1].start <= 30 && !zhtext.IsSentenceEnd(t.Runes[ps[i-1].end-1])
		switch {
		case sh.colon:
			// 工作措施： over 一、… is a heading; a sentence that leads into
			// the list (…，我校工会本学期计划如下：) is not
			if nextOne && !hasClausePunct(t.Runes[p.start:p.end-1]) {
				p.Kind = ParaPlain
			}
		case nextOne:
			p.Kind = ParaPlain
		case bodyLike(t, np, sh.length) && !prevNumbered && !prevList:
			p.Kind = ParaPlain
		case bodyLike(t, np, sh.length) && prevNumbered && !prevList:
			closers = append(closers, i)
		}
	}
	// A short line after the last item of a run (④…) closes the run and
	// opens the next heading when the document's un-numbered headings own
	// that item style: 落实福利保障 / ①…④ / 加强安全生产监督 / body.
	owned := map[string]bool{}
	for i := 0; i+1 < len(ps); i++ {
		if ps[i].Kind == ParaPlain && ps[i+1].Kind == ParaNumbered && ps[i+1].Marker.value == 1 {
			owned[ps[i+1].Marker.Style] = true
		}
	}
	for _, i := range closers {
		if prev := ps[i-1]; owned[prev.Marker.Style] && prev.Marker.value > 1 {
			ps[i].Kind = ParaPlain
		}
	}
}

// fillGaps finds an un-numbered heading standing where a number is missing
// (（一）… 加强队伍建设… （三）) and gives it the missing number's level.
func fillGaps(t *Text, ps []Para) {
	lastIdx := map[string]int{}
	for i := range ps {
		p := ps[i]
		if p.Kind != ParaNumbered || WeakStyle(p.Marker.Style) {
			continue
		}
		st := p.Marker.Style
		if j, ok := lastIdx[st]; ok && p.Marker.value == ps[j].Marker.value+2 {
			cand := -1
			n := 0
			for k := j + 1; k < i; k++ {
				q := ps[k]
				if q.Kind == ParaNumbered && q.Marker.Style == st {
					n = 99
					break
				}
				if q.Kind != ParaBody && q.Kind != ParaPlain {
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
				if k+1 < len(ps) && (bodyLike(t, ps[k+1], sh.length) || ps[k+1].Kind == ParaNumbered && !sh.punctEnd) {
					cand = k
					n++
				}
			}
			if n == 1 && cand >= 0 {
				q := &ps[cand]
				q.Kind = ParaNumbered
				q.GapFill = true
				q.Marker = Marker{Style: st, value: ps[j].Marker.value + 1, Start: q.start, End: q.start}
				q.hEnd, q.bodyStart, q.inline = q.end, q.end, false
			}
		}
		lastIdx[st] = i
	}
}
