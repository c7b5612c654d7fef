// Package zhtext is the one home of the small facts of written Chinese that
// every stage needs: which runes are space on a Chinese page, Chinese
// characters, digits and numerals (一, 十二, 二十三, 一百零五, 二〇一二),
// sentence ends, the numbers before headings and list items (一、 （一）
// 1. ①), and sizes written for a secretary. Stages call it instead of re-deriving these facts, so that
// they agree (a heading number read by the outline is the number the
// draft writes back).
package zhtext

import (
	"strconv"
	"strings"
	"unicode"
)

// IsSpace reports white space as Chinese pages have it: Unicode white
// space, the ideographic space U+3000, the no-break space U+00A0 and the
// zero-width characters pages leave behind (U+200B, U+FEFF).
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u3000', '\u00a0', '\u200b', '\ufeff':
		return true
	}
	return r > unicode.MaxASCII && unicode.IsSpace(r)
}

// IsHan reports a Chinese character (the Han script).
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// CountHan counts the Chinese characters of rs.
func CountHan(rs []rune) int {
	n := 0
	for _, r := range rs {
		if IsHan(r) {
			n++
		}
	}
	return n
}

// IsSentenceEnd reports a rune that closes a sentence: full stops,
// exclamation and question marks, and the semicolons that end the clauses
// of a plan's lists, in both widths.
func IsSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

// IsOpenParen and IsCloseParen report round brackets of either width.
func IsOpenParen(r rune) bool { return r == '(' || r == '（' }

// IsCloseParen: see IsOpenParen.
func IsCloseParen(r rune) bool { return r == ')' || r == '）' }

// TrimSpace removes IsSpace runes at both ends of s.
func TrimSpace(s string) string { return strings.TrimFunc(s, IsSpace) }

// Squeeze removes every IsSpace rune of s, for comparing lines whatever
// their spacing.
func Squeeze(s string) string {
	for i, r := range s {
		if IsSpace(r) {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				if !IsSpace(r) {
					b.WriteRune(r)
				}
			}
			return b.String()
		}
	}
	return s
}

// Digit returns the value of one digit: Chinese (HanDigit, and 两),
// and Arabic digits, ASCII or full-width (ArabicDigit).
func Digit(r rune) (int, bool) {
	if d, ok := ArabicDigit(r); ok {
		return d, true
	}
	if r == '两' || r == '兩' {
		return 2, true
	}
	return HanDigit(r)
}

// ArabicDigit returns the value of an Arabic digit, ASCII or full-width.
func ArabicDigit(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

// IsArabicDigit reports an Arabic digit, ASCII or full-width.
func IsArabicDigit(r rune) bool {
	_, ok := ArabicDigit(r)
	return ok
}

// HanDigit returns the value of a Chinese digit as headings and years
// write them: 〇 零 一 … 九 (with ○ and the full-width letter Ｏ people type
// for 〇) and the financial forms in both scripts (壹 贰 貳 … 玖). 两 is a
// count word, not a digit of a number or a year, so it is not one here.
func HanDigit(r rune) (int, bool) {
	switch r {
	case '〇', '○', '零', 'Ｏ':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '贰', '貳':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// unit returns the value of a Chinese place word (十 百 千 and their
// financial forms).
func unit(r rune) int {
	switch r {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	}
	return 0
}

// ParseNumber reads a whole number written in Arabic digits (ASCII or
// full-width) or in Chinese numerals below ten thousand: 七, 十, 十二,
// 二十, 二十三, 一百零五, 两千零二十四. A string of bare Chinese digits
// (二〇一二) reads digit by digit. It reports false for anything else,
// including the empty string.
func ParseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	digitsOnly := true
	for _, r := range s {
		if unit(r) > 0 {
			digitsOnly = false
		} else if _, ok := Digit(r); !ok {
			return 0, false
		}
	}
	if digitsOnly {
		n := 0
		for _, r := range s {
			d, _ := Digit(r)
			if n > (1<<31)/10 {
				return 0, false
			}
			n = n*10 + d
		}
		return n, true
	}
	total, cur, last := 0, -1, 10000 // last: the place just written, to refuse 十百 or 二十十
	for _, r := range s {
		if u := unit(r); u > 0 {
			if u >= last {
				return 0, false
			}
			if cur < 0 {
				cur = 1 // 十二: an implied 一
			}
			total += cur * u
			cur, last = -1, u
			continue
		}
		d, _ := Digit(r)
		if cur > 0 {
			return 0, false // 二三十: two digits in a row
		}
		if cur == 0 && d != 0 {
			cur = d // 一百零五: the zero stands for the empty place
			continue
		}
		cur = d
	}
	if cur > 0 {
		total += cur
	}
	return total, true
}

var cnDigits = [10]string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Number writes 0–99 in Chinese numerals as headings and ordinals use
// them (十, 十二, 二十, 二十三); other values in Arabic digits.
func Number(n int) string {
	switch {
	case n < 0 || n >= 100:
		return strconv.Itoa(n)
	case n == 0:
		return "零"
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(cnDigits[n%10], "〇")
	}
	s := cnDigits[n/10] + "十"
	if n%10 != 0 {
		s += cnDigits[n%10]
	}
	return s
}

// ParseYear reads a four-digit year from 1900 to 2100, in Arabic digits
// or Chinese digits (二〇一二, 二零一二).
func ParseYear(s string) (int, bool) {
	n, c := 0, 0
	for _, r := range s {
		if unit(r) > 0 || r == '两' || r == '兩' {
			return 0, false
		}
		d, ok := Digit(r)
		if !ok {
			return 0, false
		}
		n = n*10 + d
		c++
		if c > 4 {
			return 0, false
		}
	}
	return n, c == 4 && n >= 1900 && n <= 2100
}

// Size writes a byte count as a secretary reads it: 512 字节, 12.5 KB,
// 3.2 MB, 1.5 GB (one decimal, none when it is zero).
func Size(n int64) string {
	format := func(v float64, unit string) string {
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + " " + unit
	}
	switch {
	case n >= 1<<30:
		return format(float64(n)/(1<<30), "GB")
	case n >= 1<<20:
		return format(float64(n)/(1<<20), "MB")
	case n >= 1<<10:
		return format(float64(n)/(1<<10), "KB")
	}
	return strconv.FormatInt(n, 10) + " 字节"
}
