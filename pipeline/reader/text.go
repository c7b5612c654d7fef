package reader

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// readText reads a plain text file (format "txt" or "md").
func readText(data []byte, format string) (Result, error) {
	if len(data) == 0 {
		return Result{}, newError(NoText, "文件是空的", nil)
	}
	text, enc, warnings, err := decodeTextChecked(data)
	if notText(text) || (err != nil && looksBinary(data)) {
		return Result{}, newError(Corrupt, "文件内容不像文字（可能是改了扩展名的图片、压缩包或其他二进制文件）", nil)
	}
	if err != nil {
		return Result{}, newError(Unsupported, err.Error(), err)
	}
	res := Result{Text: text, Format: format, Encoding: enc, Warnings: warnings}
	if format == "md" {
		res.Text, res.Headings = stripMarkdown(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"))
	}
	return res, nil
}

// looksBinary: control characters other than line ends, tabs, form feeds
// and ISO-2022 shifts and escapes in more than one byte in a hundred.
func looksBinary(data []byte) bool {
	sample := head(data, 64<<10)
	n := 0
	for _, b := range sample {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x0e && b != 0x0f && b != 0x1b {
			n++
		}
	}
	return n*100 > len(sample)
}

// notText reports decoded "text" with more than one character in twenty
// undecodable or a control character: a binary file with a text name.
// Random bytes decoded as GB18030 look like hanzi but leave about one such
// character in five; real text, even a damaged one, very few (a mostly-UTF-8
// file is accepted only with under 1% bad bytes).
func notText(s string) bool {
	bad, total := 0, 0
	for _, r := range s {
		total++
		if r == utf8.RuneError || (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') || (r >= 0xE000 && r <= 0xF8FF) {
			bad++
		}
	}
	return total >= 16 && bad*20 > total
}

// decodeText detects the encoding of text bytes and decodes them. It
// never assumes: BOM, then UTF-16 without BOM when the bytes are full of
// NULs, then valid UTF-8, then UTF-16 without BOM, then mostly-valid
// UTF-8 (bad bytes become U+FFFD with a warning), then GB18030 or Big5 by
// statistical detection. The text is returned as decoded; callers
// normalise line ends.
func decodeText(data []byte) (text, enc string, warnings []string) {
	text, enc, warnings, _ = decodeTextChecked(data)
	return text, enc, warnings
}

// decodeTextChecked is decodeText that also reports text whose encoding
// cannot be read (an *errEncoding): ISO-2022 variants other than GB2312,
// and bytes that read as neither Chinese nor a known single-byte charset.
func decodeTextChecked(data []byte) (text, enc string, warnings []string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text, enc, warnings = validUTF8(data[3:], "utf-8-bom")
		return text, enc, warnings, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		text, enc, warnings = decodeUTF16(data[2:], xunicode.LittleEndian, "utf-16le")
		return text, enc, warnings, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, enc, warnings = decodeUTF16(data[2:], xunicode.BigEndian, "utf-16be")
		return text, enc, warnings, nil
	}
	if nulShare(data) > 0.05 {
		if t, e, w, ok := guessUTF16(data); ok {
			return t, e, w, nil
		}
		if t, e, w, ok := utf16ByNULs(data); ok {
			return t, e, w, nil
		}
	}
	if t, e, err, ok := decodeISO2022(data); ok {
		return t, e, nil, err
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil, nil
	}
	if t, e, w, ok := guessUTF16(data); ok {
		return t, e, w, nil
	}
	if bad, multi := utf8Errors(data); (multi > 0 && bad*100 < multi) || (multi >= 4 && bad <= multi) {
		// Mostly UTF-8: a truncated file or a few stray bytes. Text in
		// another encoding forms valid UTF-8 sequences only by chance, a
		// few among many invalid ones.
		text, enc, warnings = validUTF8(data, "utf-8")
		return text, enc, warnings, nil
	}
	return decodeLegacy(data)
}

func validUTF8(data []byte, enc string) (string, string, []string) {
	if utf8.Valid(data) {
		return string(data), enc, nil
	}
	bad, _ := utf8Errors(data)
	return strings.ToValidUTF8(string(data), "\uFFFD"), enc,
		[]string{fmt.Sprintf("有 %d 处无效的 UTF-8 字节，已替换为 �", bad)}
}

// utf8Errors counts invalid sequences and valid multi-byte runes.
func utf8Errors(data []byte) (bad, multi int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
			i++
			continue
		}
		multi++
		i += size
	}
	return bad, multi
}

func nulShare(data []byte) float64 {
	if len(data) == 0 {
		return 0
	}
	sample := head(data, 64<<10)
	return float64(bytes.Count(sample, []byte{0})) / float64(len(sample))
}

func decodeUTF16(data []byte, order xunicode.Endianness, enc string) (string, string, []string) {
	var warnings []string
	if len(data)%2 == 1 {
		data = data[:len(data)-1]
		warnings = append(warnings, "文件末尾缺少半个字符（UTF-16 字节数为奇数），已忽略")
	}
	t, _, w := decodeWith(data, xunicode.UTF16(order, xunicode.IgnoreBOM), enc)
	return t, enc, append(warnings, w...)
}

// guessUTF16 recognises UTF-16 without a byte order mark: decoded with the
// right byte order, nearly every character is Han, ASCII or CJK
// punctuation; with the wrong one (or for GBK bytes) few are.
func guessUTF16(data []byte) (string, string, []string, bool) {
	if len(data) < 4 {
		return "", "", nil, false
	}
	sample := head(data, 64<<10)
	sample = sample[:len(sample)&^1]
	le := utf16Score(sample, xunicode.LittleEndian)
	be := utf16Score(sample, xunicode.BigEndian)
	var (
		t, e string
		w    []string
	)
	switch {
	case le >= 0.9 && le-be >= 0.3:
		t, e, w = decodeUTF16(data, xunicode.LittleEndian, "utf-16le")
	case be >= 0.9 && be-le >= 0.3:
		t, e, w = decodeUTF16(data, xunicode.BigEndian, "utf-16be")
	default:
		return "", "", nil, false
	}
	// Double-byte text of another encoding read as UTF-16 is all Han too,
	// but rare Han: real text uses mostly frequent characters.
	if han, frequent := hanShare(head([]byte(t), 64<<10)); han >= 24 && frequent*100 < han*plausibleFrequentPercent {
		return "", "", nil, false
	}
	return t, e, w, true
}

// utf16ByNULs recognises UTF-16 without a byte order mark whose text is
// largely ASCII (markup, Western text): every other byte is NUL, the odd
// ones for little-endian, the even ones for big-endian, whatever scripts
// the rest is in.
func utf16ByNULs(data []byte) (string, string, []string, bool) {
	even, odd := 0, 0
	sample := head(data, 64<<10)
	for i, b := range sample {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(sample) / 2
	switch {
	case pairs == 0:
	case odd*2 > pairs && even*5 < odd:
		t, e, w := decodeUTF16(data, xunicode.LittleEndian, "utf-16le")
		return t, e, w, true
	case even*2 > pairs && odd*5 < even:
		t, e, w := decodeUTF16(data, xunicode.BigEndian, "utf-16be")
		return t, e, w, true
	}
	return "", "", nil, false
}

func utf16Score(sample []byte, order xunicode.Endianness) float64 {
	dec := xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder()
	out, err := dec.Bytes(sample)
	if err != nil {
		return 0
	}
	good, total := 0, 0
	for _, r := range string(out) {
		total++
		if plausibleRune(r) {
			good++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(good) / float64(total)
}

// plausibleRune: characters expected in Chinese plans.
func plausibleRune(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\t':
		return true
	case r >= 0x20 && r < 0x7F:
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2000 && r <= 0x206F:
		return true // CJK and general punctuation, full-width forms
	case r == 0xA0 || r == 0xB7 || r == 0xD7 || r == 0xF7:
		return true
	case r >= 0x2460 && r <= 0x24FF, r >= 0x2160 && r <= 0x217F, r >= 0x25A0 && r <= 0x25FF:
		return true // ① Ⅰ ■
	case unicode.Is(unicode.Han, r):
		return true
	}
	return false
}

// detectChinese decides between the GB family and Big5 for bytes that are
// not UTF-8. saintfish/chardet's statistics tell them apart reliably even
// on short snippets; when its confidences are close (its result order is
// then not stable), the encoding that decodes with fewer invalid
// sequences wins, and GB18030 on a tie.
func detectChinese(data []byte) string {
	sample := head(data, 256<<10)
	gb, big5 := 0, 0
	if results, err := chardet.NewTextDetector().DetectAll(sample); err == nil {
		for _, r := range results {
			switch {
			case r.Charset == "GB-18030" && gb == 0:
				gb = r.Confidence
			case r.Charset == "Big5" && big5 == 0:
				big5 = r.Confidence
			}
		}
	}
	if d := gb - big5; d >= 10 || d <= -10 {
		if d > 0 {
			return "gb18030"
		}
		return "big5"
	}
	gbBad := invalidRunes(sample, simplifiedchinese.GB18030)
	big5Bad := invalidRunes(sample, traditionalchinese.Big5)
	switch {
	case big5Bad < gbBad:
		return "big5"
	case gbBad < big5Bad:
		return "gb18030"
	case big5 > gb:
		return "big5"
	}
	return "gb18030"
}

func invalidRunes(data []byte, e encoding.Encoding) int {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return len(data)
	}
	return strings.Count(string(out), "\uFFFD")
}

func decodeWith(data []byte, e encoding.Encoding, name string) (string, string, []string) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		// x/text decoders replace bad bytes; an error here means a broken
		// transformer state — fall back to showing what is valid.
		return strings.ToValidUTF8(string(data), "\uFFFD"), name, []string{"解码出错，部分文字可能显示为乱码"}
	}
	s := string(out)
	var warnings []string
	if n := strings.Count(s, "\uFFFD"); n > 0 {
		warnings = append(warnings, fmt.Sprintf("有 %d 处无法按 %s 解码的字节，已替换为 �", n, encodingLabel(name)))
	}
	return s, name, warnings
}

func encodingLabel(enc string) string {
	switch enc {
	case "gb18030":
		return "GB18030（GBK）"
	case "big5":
		return "Big5"
	case "utf-16le", "utf-16be":
		return "UTF-16"
	}
	return enc
}

// normalizeText makes the text contract hold for every reader: valid
// UTF-8, "\n" line ends, no NUL or other control characters except "\t"
// and "\n", no byte order marks or line/paragraph separators.
func normalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n', r == '\t':
			b.WriteRune(r)
		case r == '\v', r == '\f', r == 0x2028, r == 0x2029, r == 0x85:
			b.WriteByte('\n')
		case r < 0x20, r == 0x7F, r >= 0x80 && r < 0xA0:
			// C0/C1 control characters carry no text.
		case r == 0xFEFF:
			// A byte order mark inside the text (concatenated files) is dropped.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
