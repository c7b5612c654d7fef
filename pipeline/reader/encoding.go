package reader

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Text that is neither UTF-8 nor UTF-16 is GB18030 or Big5 for Chinese
// users — but not always: EUC-TW, ISO-2022-CN, Latin-1 or Arabic bytes
// decode as GB18030 too, into plausible-looking nonsense. These functions
// tell real Chinese text from such mojibake by its shape, and decode or
// refuse the rest.

// errEncoding is a text whose encoding cannot be read: the reason names it.
type errEncoding struct{ reason string }

func (e *errEncoding) Error() string { return e.reason }

// chineseShape measures bytes read in the GB or Big5 family. Real
// Chinese text has no lone lead bytes (a byte >= 0x81 not followed by a
// valid trail byte) and uses mostly frequent characters: the 3755 of GB2312
// level 1 or the 5401 frequent characters of Big5 (either, so that
// traditional text in GBK counts too). Other encodings read as GB or Big5
// leave lone bytes (Latin-1 or Arabic letters before a space) or spread
// over the whole code space (EUC-TW).
type chineseShape struct {
	chars, lone      int // double-byte characters, lone lead bytes
	han, frequentHan int // Han characters among the decoded ones
}

func measureChinese(data []byte, big5 bool) chineseShape {
	var s chineseShape
	data = head(data, 256<<10)
	validTrail := func(b byte) bool { return b >= 0x40 && b != 0x7F && b != 0xFF }
	if big5 {
		validTrail = func(b byte) bool { return (b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE) }
	}
	var dec encoding.Encoding = simplifiedchinese.GB18030
	if big5 {
		dec = traditionalchinese.Big5
	}
	d := dec.NewDecoder()
	freq := frequentHan()
	var buf [8]byte
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x81 || c == 0xFF {
			i++
			continue
		}
		if i+1 >= len(data) {
			break // cut by the end of the sample
		}
		if !validTrail(data[i+1]) {
			s.lone++
			i++
			continue
		}
		s.chars++
		n, _, err := d.Transform(buf[:], data[i:i+2], true)
		d.Reset()
		i += 2
		if err != nil || n == 0 {
			continue
		}
		r, _ := utf8.DecodeRune(buf[:n])
		if unicode.Is(unicode.Han, r) {
			s.han++
			if freq[r] {
				s.frequentHan++
			}
		}
	}
	return s
}

var (
	frequentOnce sync.Once
	frequentSet  map[rune]bool
)

// frequentHan returns the characters of GB2312 level 1 (rows 0xB0–0xD7)
// and of Big5's frequent block (0xA440–0xC67E).
func frequentHan() map[rune]bool {
	frequentOnce.Do(func() {
		frequentSet = make(map[rune]bool, 9200)
		add := func(e encoding.Encoding, lead, trail byte) {
			out, err := e.NewDecoder().Bytes([]byte{lead, trail})
			if err != nil {
				return
			}
			if r, _ := utf8.DecodeRune(out); unicode.Is(unicode.Han, r) {
				frequentSet[r] = true
			}
		}
		for lead := 0xB0; lead <= 0xD7; lead++ {
			for trail := 0xA1; trail <= 0xFE; trail++ {
				add(simplifiedchinese.GBK, byte(lead), byte(trail))
			}
		}
		for lead := 0xA4; lead <= 0xC6; lead++ {
			for _, rng := range [][2]int{{0x40, 0x7E}, {0xA1, 0xFE}} {
				for trail := rng[0]; trail <= rng[1]; trail++ {
					if lead == 0xC6 && trail > 0x7E {
						break
					}
					add(traditionalchinese.Big5, byte(lead), byte(trail))
				}
			}
		}
	})
	return frequentSet
}

// hanShare counts the Han characters of UTF-8 text and the frequent ones.
func hanShare(text []byte) (han, frequent int) {
	freq := frequentHan()
	for _, r := range string(text) {
		if unicode.Is(unicode.Han, r) {
			han++
			if freq[r] {
				frequent++
			}
		}
	}
	return han, frequent
}

// plausible reports whether the bytes read as Chinese in this family:
// (almost) no lone bytes, and mostly frequent characters; very little
// text to judge counts as plausible.
func (s chineseShape) plausible() bool {
	if s.lone > 0 && s.lone*50 > s.chars {
		return false // Chinese text keeps its bytes in pairs
	}
	switch {
	case s.han < 4:
		return true
	case s.han < 24:
		return s.frequentHan*2 >= s.han
	}
	return s.frequentHan*100 >= s.han*plausibleFrequentPercent
}

// chinese reports whether the bytes positively read as Chinese in this
// family: plausible, with almost no lone lead bytes even in a short text.
// A page that declares a non-Chinese charset is decoded as declared
// unless its bytes are Chinese by this test.
func (s chineseShape) chinese() bool {
	return s.chars > 0 && s.lone*100 <= s.chars && s.plausible()
}

// plausibleFrequentPercent: the share of frequent characters below which
// double-byte text is not read as Chinese.
const plausibleFrequentPercent = 90

// decodeLegacy decodes bytes that are not UTF-8 or UTF-16: GB18030 or
// Big5 when they read as Chinese; a Western or other single-byte charset
// when chardet is sure of it and the bytes do not read as Chinese;
// otherwise an *errEncoding naming the problem.
func decodeLegacy(data []byte) (string, string, []string, error) {
	if t, name, ok := decodeJapaneseKorean(data); ok {
		return t, name, []string{fmt.Sprintf("文件不是中文，是%s，已按 %s 解码", languageOf(name), name)}, nil
	}
	gb, big5 := measureChinese(data, false), measureChinese(data, true)
	if gb.plausible() || big5.plausible() {
		enc := detectChinese(data)
		switch {
		case enc == "big5" && !big5.plausible():
			enc = "gb18030"
		case enc == "gb18030" && !gb.plausible():
			enc = "big5"
		}
		if enc == "big5" {
			t, e, w := decodeWith(data, traditionalchinese.Big5, "big5")
			return t, e, w, nil
		}
		t, e, w := decodeWith(data, simplifiedchinese.GB18030, "gb18030")
		return t, e, w, nil
	}
	if name, enc := singleByteCharset(data); enc != nil {
		t, _, w := decodeWith(data, enc, name)
		return t, name, append(w, fmt.Sprintf("文件不是中文编码，已按 %s 解码", name)), nil
	}
	return "", "", nil, &errEncoding{"文件的编码无法识别：不是 UTF-8、GBK（GB2312）或 Big5，按这些编码读出来是乱码（可能是 EUC-TW 等少见的编码）；请用记事本或 WPS 打开后另存为 UTF-8 编码再导入"}
}

// decodeJapaneseKorean decodes Japanese (EUC-JP, Shift_JIS) and Korean
// (EUC-KR) text that chardet is sure of, ahead of GB and Big5, and that
// shows its language once decoded: kana for Japanese, Hangul for Korean.
// EUC-JP and EUC-KR share GB2312's byte layout, so GB18030 would read
// them as plausible-looking hanzi.
func decodeJapaneseKorean(data []byte) (string, string, bool) {
	sample := head(data, 256<<10)
	results, err := chardet.NewTextDetector().DetectAll(sample)
	if err != nil || len(results) == 0 {
		return "", "", false
	}
	best := results[0]
	chinese := 0
	for _, r := range results {
		if (r.Charset == "GB-18030" || r.Charset == "Big5") && r.Confidence > chinese {
			chinese = r.Confidence
		}
	}
	if best.Confidence < 50 || best.Confidence-chinese < 10 {
		return "", "", false
	}
	// The share of letters that must show the language: Japanese mixes
	// kana with kanji, Korean is mostly Hangul. Random double bytes (rare
	// encodings) give about 2% kana and 27% Hangul.
	var enc encoding.Encoding
	var mark func(rune) bool
	var percent int
	switch best.Charset {
	case "EUC-JP":
		enc, mark, percent = japanese.EUCJP, isKana, 20
	case "Shift_JIS":
		enc, mark, percent = japanese.ShiftJIS, isKana, 20
	case "EUC-KR":
		enc, mark, percent = korean.EUCKR, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }, 60
	default:
		return "", "", false
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", false
	}
	marked, letters := 0, 0
	for _, r := range string(head(out, 256<<10)) {
		if r >= 0x80 && unicode.IsLetter(r) {
			letters++
			if mark(r) {
				marked++
			}
		}
	}
	if letters < 8 || marked*100 < letters*percent {
		return "", "", false
	}
	return string(out), strings.ToLower(best.Charset), true
}

func isKana(r rune) bool {
	return unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func languageOf(charset string) string {
	if charset == "euc-kr" {
		return "韩文"
	}
	return "日文"
}

// singleByteCharset returns a single-byte charset chardet is confident of
// for text whose high bytes stand alone (Latin-1 accents, Arabic or
// Cyrillic letters), or nil.
func singleByteCharset(data []byte) (string, encoding.Encoding) {
	r, err := chardet.NewTextDetector().DetectBest(head(data, 256<<10))
	if err != nil || r.Confidence < 30 {
		return "", nil
	}
	// Cyrillic, Greek, Hebrew and Arabic charsets: chardet is right about
	// them only when it is fairly sure.
	name := strings.ToLower(r.Charset)
	if !strings.HasPrefix(name, "iso-8859-") && !strings.HasPrefix(name, "windows-125") && name != "koi8-r" {
		return "", nil
	}
	enc, canonical := charset.Lookup(name)
	if enc == nil {
		return "", nil
	}
	switch canonical {
	case "windows-1252", "iso-8859-2", "iso-8859-15", "windows-1254", "windows-1250":
		// chardet names a Latin charset for Cyrillic, Greek or Hebrew bytes
		// it cannot place; Western text is mostly ASCII letters.
		out, err := enc.NewDecoder().Bytes(head(data, 256<<10))
		if err != nil {
			return "", nil
		}
		if !latinShaped(string(out)) {
			return "", nil
		}
	}
	return canonical, enc
}

// latinShaped reports whether decoded text looks like a Western
// language: in the words that hold accented letters, most letters are
// still ASCII ("décidé"). Cyrillic or Hebrew bytes read as Latin give
// words of accented letters only.
func latinShaped(text string) bool {
	letters, accented := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		n, a := 0, 0
		for _, r := range w {
			n++
			if r >= 0x80 {
				a++
			}
		}
		if a > 0 {
			letters += n
			accented += a
		}
	}
	return accented*2 <= letters
}

// iso2022 escape sequences that designate a double-byte character set.
var (
	escGB2312  = []byte("\x1b$)A")
	escCNS     = [][]byte{[]byte("\x1b$)G"), []byte("\x1b$*H"), []byte("\x1b$)E")}
	escJIS     = [][]byte{[]byte("\x1b$B"), []byte("\x1b$@"), []byte("\x1b$(D")}
	escKorean  = []byte("\x1b$)C")
	escISO2022 = []byte("\x1b$")
)

// decodeISO2022 recognises 7-bit text in an ISO-2022 encoding. ok is
// false for text without ISO-2022 escapes. ISO-2022-CN using only GB2312
// and ISO-2022-JP are decoded; the others (CNS 11643, Korean) are refused
// with a reason naming them.
func decodeISO2022(data []byte) (text, enc string, err error, ok bool) {
	if !bytes.Contains(head(data, 64<<10), escISO2022) {
		return "", "", nil, false
	}
	for _, b := range data {
		if b >= 0x80 {
			return "", "", nil, false // not 7-bit: not ISO-2022
		}
	}
	for _, esc := range escCNS {
		if bytes.Contains(data, esc) {
			return "", "", &errEncoding{"文件是 ISO-2022-CN 编码，含台湾 CNS 11643 字符集，无法读取；请用能识别此编码的编辑器另存为 UTF-8 后再导入"}, true
		}
	}
	for _, esc := range escJIS {
		if bytes.Contains(data, esc) {
			out, err := japanese.ISO2022JP.NewDecoder().Bytes(data)
			if err != nil || bytes.Contains(out, []byte("\uFFFD")) {
				return "", "", &errEncoding{"文件是 ISO-2022-JP（日文）编码，但内容有误，无法读取"}, true
			}
			return string(out), "iso-2022-jp", nil, true
		}
	}
	if bytes.Contains(data, escKorean) {
		return "", "", &errEncoding{"文件是 ISO-2022-KR（韩文）编码，不是中文文档"}, true
	}
	if !bytes.Contains(data, escGB2312) {
		return "", "", nil, false
	}
	t, derr := decodeISO2022CN(data)
	if derr != nil {
		return "", "", &errEncoding{"文件是 ISO-2022-CN 编码，但内容有误，无法读取：" + derr.Error()}, true
	}
	return t, "iso-2022-cn", nil, true
}

// decodeISO2022CN decodes ISO-2022-CN (RFC 1922) text that designates
// only GB2312: ESC $ ) A designates it, SO shifts to it, SI (or a line
// end) back to ASCII.
func decodeISO2022CN(data []byte) (string, error) {
	gbk := simplifiedchinese.GBK.NewDecoder()
	var b strings.Builder
	designated, shifted := false, false
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c >= 0x80:
			return "", fmt.Errorf("第 %d 字节不是 7 位编码", i)
		case c == 0x1b:
			if bytes.HasPrefix(data[i:], escGB2312) {
				designated = true
				i += len(escGB2312)
				continue
			}
			return "", fmt.Errorf("第 %d 字节处有不支持的转义序列", i)
		case c == 0x0e:
			if !designated {
				return "", fmt.Errorf("第 %d 字节处切换到未指定的字符集", i)
			}
			shifted = true
			i++
		case c == 0x0f:
			shifted = false
			i++
		case c == '\r' || c == '\n':
			// A line end ends the shift; the designation is kept (RFC 1922
			// repeats it on every line, writers that do not are read too).
			shifted = false
			b.WriteByte(c)
			i++
		case shifted:
			if i+1 >= len(data) || c < 0x21 || c > 0x7e || data[i+1] < 0x21 || data[i+1] > 0x7e {
				return "", fmt.Errorf("第 %d 字节处的双字节字符不完整", i)
			}
			out, err := gbk.Bytes([]byte{c | 0x80, data[i+1] | 0x80})
			if err != nil {
				return "", err
			}
			b.Write(out)
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}
