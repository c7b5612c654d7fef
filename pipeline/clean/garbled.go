package clean

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// maxGarbled caps the warnings for one document; the rest are counted.
const maxGarbled = 20

// nearBytes is how close (in bytes, about four CJK characters) two garbled
// spans of a line must be to count as one spot.
const nearBytes = 12

var (
	// "??" runs next to a CJK character: characters lost in a conversion.
	reQuestions = lazyre.New(`\p{Han}\?{2,}|\?{2,}\p{Han}`)
	// A lone "?" between a CJK character and ASCII debris ("異?,F象").
	reQuestionDebris = lazyre.New(`\p{Han}\?[!->@-~]{1,2}\p{Han}`)
	// One lower-case Latin letter between CJK characters ("傮w來", "高l現");
	// x is a template blank (x年x月) and does not count.
	reStrayLetter = lazyre.New(`\p{Han}[a-wyz]\p{Han}`)
	// Pinyin left by a site's annotations: 發(fā)展, 发(fa)展.
	rePinyin = lazyre.New(`\p{Han}[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]`)
	// The classic markers of GBK bytes read as UTF-8 and back.
	reKunkao = lazyre.New(`(锟斤拷)+|烫{3,}|屯{3,}`)
)

type garble struct {
	line       int // 1-based
	start, end int // byte span in the line
	msg        string
}

// Garbled returns Chinese warnings for garbled characters in one
// document's text: U+FFFD, "??" runs next to CJK characters, stray Latin
// letters inside Chinese words, pinyin annotations such as 發(fā)展, and
// mojibake (UTF-8 bytes read as GBK, e.g. 鍏ㄩ潰 for 全面). Each warning
// names the line and quotes the garbled spot.
func Garbled(text string) []string {
	var found []garble
	for n, l := range strings.Split(text, "\n") {
		found = append(found, garbledLine(n+1, l)...)
	}
	var out []string
	for i, g := range found {
		if i == maxGarbled {
			out = append(out, fmt.Sprintf("另有%d处乱码未列出", len(found)-maxGarbled))
			break
		}
		out = append(out, g.msg)
	}
	return out
}

func garbledLine(n int, l string) []garble {
	if !utf8.ValidString(l) {
		return []garble{{line: n, msg: fmt.Sprintf("第%d行含无效的 UTF-8 字节", n)}}
	}
	var gs []garble
	add := func(start, end int, format string, args ...any) {
		for _, g := range gs {
			// One warning per garbled spot: spans closer than a few
			// characters are the same spot.
			if start < g.end+nearBytes && g.start < end+nearBytes {
				return
			}
		}
		gs = append(gs, garble{line: n, start: start, end: end, msg: fmt.Sprintf(format, args...)})
	}
	// Each pattern runs only on lines that hold its tell-tale bytes: the
	// regular expressions are the costly part of the check and most lines
	// have none.
	hasQuestion := strings.IndexByte(l, '?') >= 0
	kunkao := strings.Contains(l, "锟斤拷") || strings.Contains(l, "烫烫烫") || strings.Contains(l, "屯屯屯")
	for _, m := range findAll(kunkao, reKunkao, l) {
		add(m[0], m[1], "第%d行有乱码（编码转换错误）：%s", n, context(l, m[0], m[1]))
	}
	for _, m := range mojibake(l) {
		add(m.start, m.end, "第%d行有乱码（UTF-8 文字被当作 GBK 读取）：%s，应为“%s”", n, l[m.start:m.end], m.fixed)
	}
	for i := 0; i < len(l); {
		j := strings.IndexRune(l[i:], utf8.RuneError)
		if j < 0 {
			break
		}
		start := i + j
		end := start + utf8.RuneLen(utf8.RuneError)
		for strings.HasPrefix(l[end:], "\uFFFD") {
			end += utf8.RuneLen(utf8.RuneError)
		}
		add(start, end, "第%d行有无法识别的字符（�）：%s", n, context(l, start, end))
		i = end
	}
	for _, m := range findAll(hasQuestion, reQuestions, l) {
		start, end := m[0], m[1]
		for end < len(l) && l[end] == '?' {
			end++
		}
		// The characters right after the question marks are usually
		// garbled too ("??傮w").
		for k := 0; k < 3 && end < len(l); k++ {
			r, size := utf8.DecodeRuneInString(l[end:])
			if !unicode.Is(unicode.Han, r) && !(r < utf8.RuneSelf && unicode.IsLetter(r)) {
				break
			}
			end += size
		}
		add(start, end, "第%d行有乱码：%s", n, context(l, start, end))
	}
	for _, m := range findAll(hasQuestion, reQuestionDebris, l) {
		add(m[0], m[1], "第%d行有乱码：%s", n, context(l, m[0], m[1]))
	}
	for _, m := range findAll(hasLower(l), reStrayLetter, l) {
		add(m[0], m[1], "第%d行有乱码（汉字间夹杂字母）：%s", n, context(l, m[0], m[1]))
	}
	var pinyin [][]int
	if strings.IndexByte(l, '(') >= 0 || strings.Contains(l, "（") {
		pinyin = rePinyin.FindAllStringSubmatchIndex(l, -1)
	}
	for _, m := range pinyin {
		if isPinyin(l[m[2]:m[3]]) {
			add(m[0], m[1], "第%d行有拼音注音残留：%s", n, context(l, m[0], m[1]))
		}
	}
	sort.SliceStable(gs, func(a, b int) bool { return gs[a].start < gs[b].start })
	return gs
}

// findAll runs re on l when the line may match.
func findAll(may bool, re *lazyre.Regexp, l string) [][]int {
	if !may {
		return nil
	}
	return re.FindAllStringIndex(l, -1)
}

// hasLower reports whether l holds an ASCII lower-case letter.
func hasLower(l string) bool {
	for i := 0; i < len(l); i++ {
		if 'a' <= l[i] && l[i] <= 'z' {
			return true
		}
	}
	return false
}

// context quotes l[start:end] with up to two characters on either side,
// leaving out spaces and punctuation at the quote's ends.
func context(l string, start, end int) string {
	from, to := start, end
	for k := 0; k < 2 && from > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(l[:from])
		from -= size
	}
	for k := 0; k < 2 && to < len(l); k++ {
		_, size := utf8.DecodeRuneInString(l[to:])
		to += size
	}
	edge := func(r rune) bool { return zhtext.IsSpace(r) || unicode.IsPunct(r) }
	return strings.TrimLeftFunc(l[from:start], edge) + l[start:end] + strings.TrimRightFunc(l[end:to], edge)
}

// isPinyin reports a plausible pinyin syllable: a tone mark, or at least
// two letters with a vowel.
func isPinyin(s string) bool {
	if strings.ContainsAny(s, "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü") {
		return true
	}
	return len(s) >= 2 && strings.ContainsAny(s, "aeiouv")
}

type mojibakeSpan struct {
	start, end int
	fixed      string
}

// mojibake finds runs of text that are UTF-8 bytes decoded as GBK: encoded
// back to GBK, most of their bytes form valid UTF-8 Chinese text. Real
// Chinese text almost never does, since GBK trail bytes mostly lie outside
// UTF-8's continuation range.
func mojibake(l string) []mojibakeSpan {
	var out []mojibakeSpan
	gbk := gbkCodes()
	start := -1
	var bb []byte
	flush := func(end int) {
		if start < 0 {
			return
		}
		run := l[start:end]
		s := start
		start = -1
		n := utf8.RuneCountInString(run)
		if n < 3 {
			return
		}
		// Encode back rune by rune; a rune GBK cannot hold (often the
		// U+FFFD the wrong decoding left) becomes a byte that is never
		// valid UTF-8, so it counts against the run. The run is mojibake
		// when at least 70% of the bytes decode as Chinese text: the bytes
		// are decoded as they come, and once more than 30% of what the
		// run can come to (two bytes a rune) has failed, it is not
		// (ordinary text fails within its first characters).
		bb = bb[:0]
		good, bad, chars, i := 0, 0, 0, 0
		decode := func(all bool) {
			for i < len(bb) && (all || utf8.FullRune(bb[i:])) {
				r, size := utf8.DecodeRune(bb[i:])
				if r != utf8.RuneError && size >= 2 && isCJKish(r) {
					good += size
					chars++
					i += size
					continue
				}
				i++
				bad++
			}
		}
		done := 0
		for _, r := range run {
			var code uint16
			if r < rune(len(gbk)) {
				code = gbk[r]
			}
			switch {
			case code == 0 || r == utf8.RuneError:
				bb = append(bb, 0xff)
			case code < 0x100:
				bb = append(bb, byte(code))
			default:
				bb = append(bb, byte(code>>8), byte(code))
			}
			done++
			decode(false)
			if bad*10 > (len(bb)+2*(n-done))*3 {
				return
			}
		}
		decode(true)
		b := bb
		if chars >= 2 && good*10 >= len(b)*7 {
			out = append(out, mojibakeSpan{start: s, end: end, fixed: decodedCJK(b)})
		}
	}
	for i, r := range l {
		if r < utf8.RuneSelf || zhtext.IsSpace(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(l))
	return out
}

// decodedCJK returns the Chinese text b decodes to, skipping other bytes.
func decodedCJK(b []byte) string {
	var fixed strings.Builder
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && size >= 2 && isCJKish(r) {
			fixed.WriteRune(r)
			i += size
			continue
		}
		i++
	}
	return fixed.String()
}

// gbkCodes returns the GBK code of every rune of the Basic Multilingual
// Plane (0 where GBK has none; a code below 0x100 is one byte), made once.
var gbkCodes = sync.OnceValue(func() []uint16 {
	codes := make([]uint16, 0x10000)
	enc := simplifiedchinese.GBK.NewEncoder()
	var buf [4]byte
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue // surrogates
		}
		n := utf8.EncodeRune(buf[:], r)
		var dst [4]byte
		nDst, _, err := enc.Transform(dst[:], buf[:n], true)
		enc.Reset()
		switch {
		case err != nil:
		case nDst == 1:
			codes[r] = uint16(dst[0])
		case nDst == 2:
			codes[r] = uint16(dst[0])<<8 | uint16(dst[1])
		}
	}
	return codes
})

func isCJKish(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		r >= 0x3000 && r <= 0x303f || // CJK punctuation
		r >= 0xff00 && r <= 0xffef || // full-width forms
		r >= 0x2010 && r <= 0x2027 // dashes, quotes, ellipsis
}
