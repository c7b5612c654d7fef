package docx

import (
	"strconv"
	"strings"
)

// FormatNumber renders counter n in a Word number format, named as in
// w:numFmt ("chineseCounting" → 一 … 十一, "decimalEnclosedCircle" → ①,
// "ideographTraditional" → 甲, "upperLetter" → A …). Unknown formats give
// decimal, as in Word; "bullet" and "none" give "".
func FormatNumber(n int, format string) string { return formatNumber(n, format) }

func formatNumber(n int, format string) string {
	switch format {
	case "none", "bullet":
		return ""
	case "decimal", "":
		return strconv.Itoa(n)
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidthDigits(strconv.Itoa(n))
	case "decimalHalfWidth":
		return strconv.Itoa(n)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
		if n >= 21 && n <= 35 {
			return string(rune('㉑' + n - 21))
		}
		if n >= 36 && n <= 50 {
			return string(rune('㊱' + n - 36))
		}
		return strconv.Itoa(n)
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
		return "(" + strconv.Itoa(n) + ")"
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
		return strconv.Itoa(n) + "."
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "ordinal":
		return ordinal(n)
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
		"taiwaneseCountingThousand", "japaneseCounting", "ideographLegalTraditional":
		return chineseCounting(n)
	case "chineseLegalSimplified":
		return chineseLegal(n)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return ideographDigital(n)
	case "ideographTraditional":
		return cyclic(n, []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"})
	case "ideographZodiac":
		return cyclic(n, []string{"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"})
	}
	return strconv.Itoa(n)
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseCounting renders n as Chinese counting numerals the way Word's
// chineseCounting format does: 一 … 十, 十一, 二十, 一百零一, 一千.
func chineseCounting(n int) string {
	if n <= 0 {
		if n == 0 {
			return "〇"
		}
		return strconv.Itoa(n)
	}
	if n >= 100000 {
		return strconv.Itoa(n)
	}
	if n >= 10000 {
		s := chineseCounting(n/10000) + "万"
		rest := n % 10000
		if rest == 0 {
			return s
		}
		if rest < 1000 {
			s += "零"
			if rest >= 10 && rest < 20 {
				return s + "一" + chineseCounting(rest)
			}
		}
		return s + chineseCounting(rest)
	}
	units := []string{"", "十", "百", "千"}
	var b strings.Builder
	digits := []int{n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10}
	started := false
	zero := false
	for i, d := range digits {
		unit := units[3-i]
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		// 十一 rather than 一十一 when the number starts at the tens.
		if !(d == 1 && unit == "十" && !started) {
			b.WriteString(chineseDigits[d])
		}
		b.WriteString(unit)
		started = true
	}
	return b.String()
}

// chineseLegal renders n with the financial numerals 壹贰叁.
func chineseLegal(n int) string {
	legal := map[rune]string{'一': "壹", '二': "贰", '三': "叁", '四': "肆", '五': "伍",
		'六': "陆", '七': "柒", '八': "捌", '九': "玖", '十': "拾", '百': "佰", '千': "仟", '零': "零", '万': "万"}
	s := chineseCounting(n)
	if n >= 10 && n < 20 {
		s = "一" + s // 壹拾壹, never 拾壹
	}
	var b strings.Builder
	for _, r := range s {
		if l, ok := legal[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ideographDigital writes each decimal digit as 〇一二….
func ideographDigital(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if r == '0' {
				b.WriteString("〇")
			} else {
				b.WriteString(chineseDigits[r-'0'])
			}
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func cyclic(n int, names []string) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return names[(n-1)%len(names)]
}

func fullWidthDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r - '0' + '０')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letters renders Word's letter numbering: A … Z, AA … ZZ, AAA ….
func letters(n int, base rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	count := (n-1)/26 + 1
	if count > 10 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(base+rune((n-1)%26)), count)
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
