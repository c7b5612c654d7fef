package reader

import (
	"encoding/binary"
	"testing"
	"unicode/utf8"
)

// charsOf decodes fuzz bytes into characters: 12 bytes each — rune (2),
// x and y (2 each, quarter points), size, angle step, box width, flags.
func charsOf(data []byte) []pdfChar {
	var out []pdfChar
	for len(data) >= 12 {
		d := data[:12]
		data = data[12:]
		x := float64(int16(binary.BigEndian.Uint16(d[2:4]))) / 4
		y := float64(int16(binary.BigEndian.Uint16(d[4:6]))) / 4
		size := float64(d[6]) / 8
		c := pdfChar{
			r:     rune(binary.BigEndian.Uint16(d[0:2])),
			angle: float64(d[7]) * 360 / 256,
			box:   rect{x, y - size*0.12, x + float64(d[8])/16, y + size*0.88},
		}
		c.space = d[9]&1 != 0
		c.generated = d[9]&2 != 0
		c.bad = d[9]&4 != 0
		out = append(out, c)
	}
	return out
}

// FuzzPDFLayout: any characters at any places, sizes and angles are laid
// out without a panic into valid UTF-8 with no control characters but
// tabs and line breaks.
func FuzzPDFLayout(f *testing.F) {
	type placed struct {
		r          rune
		x, y, size float64
	}
	seed := func(chars ...placed) []byte {
		var b []byte
		for _, c := range chars {
			var d [12]byte
			binary.BigEndian.PutUint16(d[0:2], uint16(c.r))
			binary.BigEndian.PutUint16(d[2:4], uint16(int16(c.x*4)))
			binary.BigEndian.PutUint16(d[4:6], uint16(int16(c.y*4)))
			d[6] = byte(c.size * 8)
			d[8] = byte(c.size * 16)
			b = append(b, d[:]...)
		}
		return b
	}
	var line []placed
	for i, r := range "工会工作计划 plan 2024" {
		line = append(line, placed{r, 72 + float64(i)*12, 700, 12})
	}
	f.Add(seed(line...))
	f.Add(seed(placed{'第', 500, 700, 10}, placed{'二', 500, 690, 10}, placed{'条', 500, 680, 10}))
	f.Add([]byte{0xFF, 0xFF, 0x80, 0, 0x80, 0, 0, 0x40, 0, 7, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		chars := charsOf(data)
		half := len(chars) / 2
		text := layoutPDF([]pdfPage{{w: 595, h: 842, chars: chars[:half]}, {w: 595, h: 842, chars: chars[half:]}})
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8: %q", text)
		}
		for _, r := range text {
			if r < 0x20 && r != '\t' && r != '\n' || r == utf8.RuneError {
				t.Fatalf("control or replacement character %U in %q", r, text)
			}
		}
	})
}
