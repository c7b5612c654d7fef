package outline

import (
	"strings"

	"plans/internal/zhtext"
)

// Numbering styles of headings. A style names one level of a document's own
// outline; the depth of a style follows the document's nesting.
const (
	styleCN       = "一、"  // 一、 一. 一．
	styleCNParen  = "（一）" // （一） (一) (一)、
	styleCNHalf   = "一）"  // 一） 一)
	styleAr       = "1、"  // 1、 1. 1． 1。 1，
	styleArParen  = "（1）" // (1) （1）
	styleArHalf   = "1）"  // 1） 1)
	StyleArSpace  = "1 "  // 1 标题 (weak: needs siblings)
	styleArBare   = "1坚持" // 1坚持… — no separator at all (weak: needs siblings)
	styleDec2     = "1.1" // 2.1 标题
	styleDec3     = "1.1.1"
	styleParenNum = "⑴"
	styleCircled  = "①"
	styleDi       = "第一部分" // 第一部分 第一篇 第一编
	styleDiZhang  = "第一章"  // chapters, sections and articles are levels of their own
	styleDiJie    = "第一节"
	styleDiTiao   = "第一条"
	styleShi      = "一是"    // 一是 二是 / 一要 二要 (weak, paragraph-initial)
	styleEnum     = "首先"    // 首先 其次 再次 第三 最后 / 第一， 第二， (weak)
	stylePlain    = "plain" // an un-numbered heading line
	styleRole     = "role"  // an un-numbered heading naming a part of the plan (工作目标, 行事历…)
)

// WeakStyle reports a numbering style that counts only when the document has at least two of them
// and only at the start of a paragraph.
func WeakStyle(style string) bool {
	switch style {
	case styleShi, styleEnum, StyleArSpace, styleArBare:
		return true
	}
	return false
}

// strongMidLine styles may open a heading in the middle of a line.
func strongMidLine(style string) bool {
	switch style {
	case styleCN, styleCNParen, styleAr, styleArParen, styleDi, styleDiZhang, styleDiJie, styleDiTiao, styleCNHalf, styleArHalf, styleParenNum:
		return true
	}
	return false
}

// ParseCN reads a Chinese number from 1 to 99 at s[i:]: 一, 十, 十二,
// 二十, 二十三. It returns the value and the number of runes read.
func ParseCN(s []rune, i int) (int, int) {
	if i >= len(s) {
		return 0, 0
	}
	if s[i] == '十' || s[i] == '拾' {
		if i+1 < len(s) {
			if d, ok := zhtext.HanDigit(s[i+1]); ok && d > 0 {
				return 10 + d, 2
			}
		}
		return 10, 1
	}
	d, ok := zhtext.HanDigit(s[i])
	if !ok || d == 0 {
		return 0, 0
	}
	if i+1 < len(s) && (s[i+1] == '十' || s[i+1] == '拾') {
		if i+2 < len(s) {
			if e, ok := zhtext.HanDigit(s[i+2]); ok && e > 0 {
				return d*10 + e, 3
			}
		}
		return d * 10, 2
	}
	return d, 1
}

// parseAr reads up to max decimal digits at s[i:].
func parseAr(s []rune, i, max int) (int, int) {
	v, n := 0, 0
	for i+n < len(s) && n < max+1 {
		d, ok := zhtext.ArabicDigit(s[i+n])
		if !ok {
			break
		}
		v = v*10 + d
		n++
	}
	if n == 0 || n > max {
		return 0, 0
	}
	return v, n
}

// Marker is a numbering token at the start of a heading.
type Marker struct {
	Style      string
	value      int
	Start, End int // runes of the token, separator included
}

// ParseMarker reads a numbering token at s[i:] (i is the first non-space
// rune of a paragraph or a mid-line position); end bounds the paragraph.
func ParseMarker(s []rune, i, end int) (Marker, bool) {
	if i >= end {
		return Marker{}, false
	}
	at := func(k int) rune {
		if k < end {
			return s[k]
		}
		return 0
	}
	r := s[i]
	m := Marker{Start: i}
	switch {
	case r >= '①' && r <= '⑳':
		m.Style, m.value, m.End = styleCircled, int(r-'①')+1, i+1
		return finishMarker(s, m, end, false)
	case r >= '⑴' && r <= '⒇':
		m.Style, m.value, m.End = styleParenNum, int(r-'⑴')+1, i+1
		return finishMarker(s, m, end, false)
	case r >= '⒈' && r <= '⒛':
		m.Style, m.value, m.End = styleAr, int(r-'⒈')+1, i+1
		return finishMarker(s, m, end, false)
	case zhtext.IsOpenParen(r):
		if v, n := ParseCN(s, i+1); n > 0 && zhtext.IsCloseParen(at(i+1+n)) {
			m.Style, m.value, m.End = styleCNParen, v, i+2+n
			return finishMarker(s, m, end, true)
		}
		if v, n := parseAr(s, i+1, 2); n > 0 && zhtext.IsCloseParen(at(i+1+n)) {
			m.Style, m.value, m.End = styleArParen, v, i+2+n
			return finishMarker(s, m, end, true)
		}
		return m, false
	case r == '第':
		return parseDi(s, i, end)
	case r == '首' && at(i+1) == '先', r == '其' && at(i+1) == '次', r == '再' && at(i+1) == '次', r == '最' && at(i+1) == '后':
		val := 99
		switch r {
		case '首':
			val = 1
		case '其':
			val = 2
		case '再':
			val = 3
		}
		if c := at(i + 2); c == '，' || c == ',' || c == '、' || c == '：' || c == ':' {
			return Marker{Style: styleEnum, value: val, Start: i, End: i + 3}, true
		}
		return m, false
	}
	if v, n := ParseCN(s, i); n > 0 {
		return cnMarker(s, i, end, v, n)
	}
	if v, n := parseAr(s, i, 2); n > 0 {
		return arMarker(s, i, end, v, n)
	}
	return m, false
}

// cnMarker reads the rest of a marker that starts with the Chinese number
// v of n runes at s[i]: 一、 一. 一） 一，(short) 一是 一 (space).
func cnMarker(s []rune, i, end, v, n int) (Marker, bool) {
	at := func(k int) rune { return runeAt(s, k, end) }
	m := Marker{Start: i}
	j := i + n
	c := at(j)
	switch {
	case c == '、' || c == '．' || c == '.':
		if c == '.' || c == '．' {
			// 三.八 is a date, not a heading.
			if _, ok := zhtext.HanDigit(at(j + 1)); ok {
				return m, false
			}
		}
		m.Style, m.value, m.End = styleCN, v, j+1
		if listOfNumbers(s, j+1, end) {
			return m, false
		}
		return finishMarker(s, m, end, false)
	case zhtext.IsCloseParen(c):
		m.Style, m.value, m.End = styleCNHalf, v, j+1
		return finishMarker(s, m, end, false)
	case (c == '，' || c == ',' || c == '：' || c == ':') && shortRest(s, j+1, end):
		// 三，口号 / 一：指导思想 — a comma or a colon for the 、
		m.Style, m.value, m.End = styleCN, v, j+1
		return finishMarker(s, m, end, false)
	case (c == '是' || c == '要') && n <= 2:
		// 一是 / 二要 ... but not 一要素, 一是一 ...
		m.Style, m.value, m.End = styleShi, v, j+1
		return m, j+1 < end
	case c == ' ' || c == '\u3000' || c == '\t':
		// 一 指导思想 (space after the number): only for short lines,
		// checked by the caller through the style's weakness.
		k := j
		for k < end && zhtext.IsSpace(s[k]) {
			k++
		}
		if k < end && zhtext.IsHan(s[k]) && end-k <= 30 {
			m.Style, m.value, m.End = styleCN, v, k
			return m, true
		}
	}
	return m, false
}

// arMarker reads the rest of a marker that starts with the Arabic number
// v of n runes at s[i]: 1、 1. 1） 2.1 1 (space) 1坚持.
func arMarker(s []rune, i, end, v, n int) (Marker, bool) {
	at := func(k int) rune { return runeAt(s, k, end) }
	m := Marker{Start: i}

	j := i + n
	c := at(j)
	switch {
	case (c == '.' || c == '．') && zhtext.IsArabicDigit(at(j+1)):
		// 2.1 / 2.1.1 headings followed by a space or a Han rune.
		k := j + 1
		parts := 1
		for {
			_, n2 := parseAr(s, k, 2)
			if n2 == 0 {
				return m, false
			}
			k += n2
			parts++
			if (at(k) == '.' || at(k) == '．') && zhtext.IsArabicDigit(at(k+1)) && parts < 3 {
				k++
				continue
			}
			break
		}
		if !(zhtext.IsSpace(at(k)) || zhtext.IsHan(at(k)) && !strings.ContainsRune("万亿元倍个米年月日天时分秒吨斤克件名人次", at(k))) {
			return m, false
		}
		last := 0
		for q := k - 1; q >= i; q-- {
			if !zhtext.IsArabicDigit(s[q]) {
				last, _ = parseAr(s, q+1, 2)
				break
			}
		}
		m.Style, m.value, m.End = styleDec2, last, k
		if parts == 3 {
			m.Style = styleDec3
		}
		for m.End < end && zhtext.IsSpace(s[m.End]) {
			m.End++
		}
		return m, m.End < end
	case c == '、' || c == '.' || c == '．' || c == '。' || c == '，' || c == ',':
		if zhtext.IsArabicDigit(at(j + 1)) {
			return m, false // 1.5, 1,000
		}
		m.Style, m.value, m.End = styleAr, v, j+1
		// 1、九月份召开教代会 is item 1: Arabic and Chinese numerals
		// never make one list
		return finishMarker(s, m, end, false)
	case zhtext.IsCloseParen(c):
		m.Style, m.value, m.End = styleArHalf, v, j+1
		return finishMarker(s, m, end, false)
	case c == ' ' || c == '\u3000' || c == '\t':
		k := j
		for k < end && zhtext.IsSpace(s[k]) {
			k++
		}
		if k < end && zhtext.IsHan(s[k]) {
			m.Style, m.value, m.End = StyleArSpace, v, k
			return m, true
		}
	case zhtext.IsHan(c) && !strings.ContainsRune(bareNumberUnits, c) && !(c == '小' && at(j+1) == '时'):
		// 1坚持民主办学… — a number glued to the heading's first verb
		m.Style, m.value, m.End = styleArBare, v, j
		return m, true
	}
	return m, false
}

// runeAt is s[k], or 0 at or past end.
func runeAt(s []rune, k, end int) rune {
	if k < end {
		return s[k]
	}
	return 0
}

// bareNumberUnits follow a number that counts or dates something (3月,
// 2人, 5项), not one that numbers a heading.
const bareNumberUnits = "余多来万亿元倍个米年月日号天时分秒吨斤克件名人次届期周岁所家场项条篇份批支节本册户对位层级班组年度季款栋套部台辆张本页点"

// shortRest reports a short remainder of a paragraph without sentence
// punctuation: 三，口号 is a heading, 三，我们要… is not.
func shortRest(s []rune, i, end int) bool {
	if end-i > 20 || i >= end {
		return false
	}
	for _, r := range s[i:end] {
		if zhtext.IsSentenceEnd(r) || r == '，' || r == ',' || r == '；' {
			return false
		}
	}
	return true
}

// finishMarker skips an optional trailing separator (（一）、 1）.) and
// requires some heading text after the marker.
func finishMarker(s []rune, m Marker, end int, allowSep bool) (Marker, bool) {
	if m.End < end {
		switch s[m.End] {
		case '、', '.', '．', '，', ',':
			if allowSep || m.Style == styleCircled || m.Style == styleParenNum || m.Style == styleCNHalf || m.Style == styleArHalf {
				m.End++
			}
		}
	}
	k := m.End
	for k < end && zhtext.IsSpace(s[k]) {
		k++
	}
	if k >= end {
		return m, false
	}
	r := s[k]
	if zhtext.IsArabicDigit(r) && m.Style != styleCNParen && m.Style != styleCN {
		// 1、2月 is a month range, (1)2 is not a heading.
		return m, false
	}
	if r == '%' || r == '％' {
		return m, false
	}
	return m, true
}

// listOfNumbers reports a list of numerals such as 二、三年级 or 一、二等奖
// right after a numbering token.
func listOfNumbers(s []rune, i, end int) bool {
	for i < end && zhtext.IsSpace(s[i]) {
		i++
	}
	if i >= end {
		return false
	}
	if _, n := ParseCN(s, i); n > 0 {
		if i+n < end {
			switch s[i+n] {
			case '、', '月', '年', '等', '名', '个', '级', '次', '项', '类', '是', '至', '到', '—', '-', '～', '~':
				return true
			}
		}
	}
	return false
}

// parseDi reads 第一部分 / 第一章 / 第一节 / 第一条 / 第一， (an enumerator).
func parseDi(s []rune, i, end int) (Marker, bool) {
	m := Marker{Start: i}
	v, n := ParseCN(s, i+1)
	if n == 0 {
		v, n = parseAr(s, i+1, 2)
	}
	if n == 0 {
		return m, false
	}
	j := i + 1 + n
	if j >= end {
		return m, false
	}
	switch s[j] {
	case '部', '章', '节', '条', '篇', '编':
		k := j + 1
		if s[j] == '部' {
			if k < end && s[k] == '分' {
				k++
			} else {
				return m, false
			}
		}
		for k < end && (zhtext.IsSpace(s[k]) || s[k] == '、' || s[k] == '：' || s[k] == ':' || s[k] == '，' || s[k] == ',') {
			k++
		}
		m.Style, m.value, m.End = styleDi, v, k
		switch s[j] {
		case '章':
			m.Style = styleDiZhang
		case '节':
			m.Style = styleDiJie
		case '条':
			m.Style = styleDiTiao
		}
		return m, true
	case '，', ',', '、', '：', ':':
		m.Style, m.value, m.End = styleEnum, v, j+1
		return m, j+1 < end
	}
	return m, false
}
