package reader

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sort"
	"unicode/utf16"
)

// PDFium measures a character by its glyph in the font that draws it, and
// leaves out of the text layer any text whose glyphs have no extent. A PDF
// that names a CJK font without embedding it (Ryumin-Light, SimSun,
// STSong…) is drawn with a font of the system; under WebAssembly there is
// none, so such text would vanish. boxFont is a stand-in PDFium finds
// instead: a TrueType font that claims the Chinese, Japanese and Korean
// code pages and whose every glyph is a full-em box. It is never shown;
// it only gives the characters their extent.

const boxFontFamily = "PlansBox"

// boxFont returns the stand-in font file.
func boxFont() []byte {
	tables := map[string][]byte{}

	var head bytes.Buffer
	put32(&head, 0x00010000, 0x00010000, 0, 0x5F0F3CF5)
	put16(&head, 0x000B, em)
	put32(&head, 0, 0, 0, 0) // created, modified
	put16(&head, 0, descent, em, ascent, 0, 8, 2, 0, 0)
	tables["head"] = head.Bytes()

	var hhea bytes.Buffer
	put32(&hhea, 0x00010000)
	put16(&hhea, ascent, descent, 0, em, 0, 0, em, 1, 0, 0, 0, 0, 0, 0, 0, 2)
	tables["hhea"] = hhea.Bytes()

	var maxp bytes.Buffer
	put32(&maxp, 0x00010000)
	put16(&maxp, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
	tables["maxp"] = maxp.Bytes()

	var hmtx bytes.Buffer
	put16(&hmtx, em, 0, em, 0)
	tables["hmtx"] = hmtx.Bytes()

	// Two glyphs (.notdef and the box), each the em square as one contour.
	var glyf bytes.Buffer
	for range 2 {
		put16(&glyf, 1, 0, descent, em, ascent, 3, 0)
		glyf.Write([]byte{1, 1, 1, 1})
		put16(&glyf, 0, em, 0, -em)
		put16(&glyf, descent, 0, ascent-descent, 0)
	}
	tables["glyf"] = glyf.Bytes()
	var loca bytes.Buffer
	put16(&loca, 0, glyf.Len()/4, glyf.Len()/2)
	tables["loca"] = loca.Bytes()

	tables["cmap"] = boxFontCmap()

	var os2 bytes.Buffer
	put16(&os2, 1, em, 400, 5, 0)
	put16(&os2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	os2.Write(make([]byte, 10)) // panose
	// Unicode ranges: Latin, CJK symbols, kana, Hangul, CJK ideographs.
	put32(&os2, 1, 1<<(48-32)|1<<(49-32)|1<<(50-32)|1<<(56-32)|1<<(59-32), 0, 0)
	os2.WriteString("PLNS")
	put16(&os2, 0x40, 0x20, 0xFFFF, ascent, descent, 0, ascent, -descent)
	// Code pages: Latin 1, JIS, GB 2312, Korean Wansung, Big5, Johab.
	put32(&os2, 1|1<<17|1<<18|1<<19|1<<20|1<<21, 0)
	tables["OS/2"] = os2.Bytes()

	var post bytes.Buffer
	put32(&post, 0x00030000, 0)
	put16(&post, -100, 50)
	put32(&post, 0, 0, 0, 0, 0)
	tables["post"] = post.Bytes()

	tables["name"] = boxFontName()
	return sfnt(tables)
}

// boxFontCmap maps the characters CJK documents use to the box glyph.
func boxFontCmap() []byte {
	// cmap: the characters CJK documents use map to the box through the
	// glyph index array (a format 4 subtable is limited to 64K, so not the
	// whole plane; Hangul syllables do not fit). .notdef is not enough:
	// PDFium treats glyph 0 as missing.
	ranges := [][2]int{
		{0x20, 0x7E}, {0xA0, 0xFF}, {0x2000, 0x206F}, {0x2190, 0x21FF}, {0x2460, 0x25FF},
		{0x3000, 0x9FFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF}, {0xFFFF, 0xFFFF},
	}
	entries := 0
	for _, r := range ranges[:len(ranges)-1] {
		entries += r[1] - r[0] + 1
	}
	segCount := len(ranges)
	search := 1
	for search*2 <= segCount {
		search *= 2
	}
	var cmap bytes.Buffer
	// Two subtables: (3,1) format 4 as above, and (3,10) format 13, one
	// group mapping every character from U+0020 on to the box (FreeType
	// prefers the full-repertoire table; Hangul and the rest then measure
	// too).
	format4 := 16 + 8*segCount + 2*entries
	put16(&cmap, 0, 2, 3, 1)
	put32(&cmap, 4+8*2)
	put16(&cmap, 3, 10)
	put32(&cmap, uint32(4+8*2+format4))
	put16(&cmap, 4, format4, 0, 2*segCount, 2*search, bits.Len(uint(search))-1, 2*segCount-2*search)
	for _, r := range ranges {
		put16(&cmap, r[1])
	}
	put16(&cmap, 0)
	for _, r := range ranges {
		put16(&cmap, r[0])
	}
	for i := range ranges {
		if i == segCount-1 {
			put16(&cmap, 1) // 0xFFFF: 0xFFFF+1 = glyph 0
		} else {
			put16(&cmap, 0)
		}
	}
	at := 0
	for i, r := range ranges {
		if i == segCount-1 {
			put16(&cmap, 0)
			continue
		}
		put16(&cmap, 2*(segCount-i)+2*at)
		at += r[1] - r[0] + 1
	}
	for range entries {
		put16(&cmap, 1)
	}
	put16(&cmap, 13, 0)
	put32(&cmap, 16+12, 0, 1, 0x20, 0x10FFFF, 1)
	return cmap.Bytes()
}

// boxFontName is the font's name table.
func boxFontName() []byte {
	be := binary.BigEndian
	var name bytes.Buffer
	names := []struct {
		id int
		s  string
	}{{1, boxFontFamily}, {2, "Regular"}, {4, boxFontFamily}, {6, boxFontFamily}}
	put16(&name, 0, len(names), 6+12*len(names))
	var strs bytes.Buffer
	for _, n := range names {
		units := utf16.Encode([]rune(n.s))
		put16(&name, 3, 1, 0x409, n.id, 2*len(units), strs.Len())
		for _, u := range units {
			_ = binary.Write(&strs, be, u)
		}
	}
	name.Write(strs.Bytes())
	return name.Bytes()
}

// sfnt assembles a TrueType file from its tables.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	var out bytes.Buffer
	n := len(tags)
	put32(&out, 0x00010000)
	put16(&out, n, 128, 3, n*16-128)
	offset := 12 + 16*n
	var body bytes.Buffer
	for _, t := range tags {
		data := tables[t]
		out.WriteString(t)
		put32(&out, checksum(data), uint32(offset+body.Len()), uint32(len(data)))
		body.Write(data)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(body.Bytes())
	return out.Bytes()
}

// Metrics of the box font, in font units.
const (
	em      = 1000
	ascent  = 880
	descent = -120
)

// put16 writes big-endian 16-bit values (negative ones as int16).
func put16(b *bytes.Buffer, vs ...int) {
	for _, v := range vs {
		_ = binary.Write(b, binary.BigEndian, uint16(int16(v)))
	}
}

// put32 writes big-endian 32-bit values.
func put32(b *bytes.Buffer, vs ...uint32) {
	for _, v := range vs {
		_ = binary.Write(b, binary.BigEndian, v)
	}
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
