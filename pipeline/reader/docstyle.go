package reader

import (
	"encoding/binary"
)

// docStyle is what a Word 97 paragraph style gives its paragraphs: list
// membership and a heading level ([MS-DOC] 2.9.271 STSH, 2.9.260 STD).
type docStyle struct {
	base    int // istdBase, -1 for none
	heading int // 1–9 for the built-in Heading 1–9 styles (sti) or an outline level
	hasList bool
	ilfo    int
	ilvl    int
	hasLvl  bool
	vanish  int8 // sprmCFVanish of the style's character properties: -1 unset, 0, 1
}

// parseStyles reads the style sheet (STSH) of the table stream. Styles
// that cannot be read are left out; a broken sheet gives no styles.
func parseStyles(table []byte, fc, lcb uint32) []docStyle {
	start, end := int(fc), int(fc)+int(lcb)
	if lcb < 4 || start < 0 || end > len(table) || end < start {
		return nil
	}
	b := table[start:end]
	cbStshi := int(binary.LittleEndian.Uint16(b))
	if 2+cbStshi > len(b) || cbStshi < 4 {
		return nil
	}
	cstd := int(binary.LittleEndian.Uint16(b[2:]))
	cbBase := int(binary.LittleEndian.Uint16(b[4:]))
	if cstd > 4096 || cbBase < 10 {
		return nil
	}
	styles := make([]docStyle, cstd)
	for i := range styles {
		styles[i].base, styles[i].vanish = -1, -1
	}
	pos := 2 + cbStshi
	for i := 0; i < cstd && pos+2 <= len(b); i++ {
		cb := int(binary.LittleEndian.Uint16(b[pos:]))
		pos += 2
		if cb == 0 {
			continue
		}
		if pos+cb > len(b) {
			break
		}
		styles[i] = parseSTD(b[pos:pos+cb], cbBase)
		pos += cb
	}
	return styles
}

func parseSTD(std []byte, cbBase int) docStyle {
	s := docStyle{base: -1, vanish: -1}
	if len(std) < cbBase || len(std) < 10 {
		return s
	}
	sti := int(binary.LittleEndian.Uint16(std) & 0x0FFF)
	v := binary.LittleEndian.Uint16(std[2:])
	stk, base := int(v&0x0F), int(v>>4)
	cupx := int(binary.LittleEndian.Uint16(std[4:]) & 0x0F)
	if base != 0x0FFF {
		s.base = base
	}
	if sti >= 1 && sti <= 9 {
		s.heading = sti
	}
	if (stk != 1 && stk != 2) || cupx < 1 {
		return s // not a paragraph or character style
	}
	// The style name: a length-prefixed, null-terminated UTF-16 string.
	pos := cbBase
	if pos+2 > len(std) {
		return s
	}
	cch := int(binary.LittleEndian.Uint16(std[pos:]))
	pos += 2 + 2*cch + 2
	if pos%2 == 1 {
		pos++
	}
	// A paragraph style has a UPX of paragraph properties, then one of
	// character properties; a character style only the latter.
	if pos+2 > len(std) {
		return s
	}
	cbUpx := int(binary.LittleEndian.Uint16(std[pos:]))
	pos += 2
	if pos+cbUpx > len(std) {
		return s
	}
	if stk == 2 {
		styleChars(&s, std[pos:pos+cbUpx])
		return s
	}
	if cbUpx < 2 {
		return s
	}
	grpprl := std[pos+2 : pos+cbUpx] // after the istd
	if next := pos + cbUpx + cbUpx%2; cupx >= 2 && next+2 <= len(std) {
		cb := int(binary.LittleEndian.Uint16(std[next:]))
		if next+2+cb <= len(std) {
			styleChars(&s, std[next+2:next+2+cb])
		}
	}
	walkSprms(grpprl, func(sprm uint16, operand []byte) {
		switch sprm {
		case 0x460B: // sprmPIlfo
			if len(operand) >= 2 {
				s.hasList = true
				s.ilfo = max(0, int(int16(binary.LittleEndian.Uint16(operand))))
			}
		case 0x260A: // sprmPIlvl
			s.ilvl, s.hasLvl = int(operand[0]), true
		case 0x2640: // sprmPOutLvl
			if operand[0] < 9 {
				s.heading = int(operand[0]) + 1
			}
		}
	})
	return s
}

// styleChars reads the character properties of a style that matter: vanish.
func styleChars(s *docStyle, grpprl []byte) {
	walkSprms(grpprl, func(sprm uint16, operand []byte) {
		if sprm == 0x083C { // sprmCFVanish
			switch operand[0] {
			case 0:
				s.vanish = 0
			case 1:
				s.vanish = 1
			}
		}
	})
}

// styleVanish returns whether style istd hides its text, following the
// base styles; set is false when no style in the chain says.
func styleVanish(styles []docStyle, istd int) (vanish, set bool) {
	for hops := 0; istd >= 0 && istd < len(styles) && hops < 16; hops++ {
		if v := styles[istd].vanish; v >= 0 {
			return v == 1, true
		}
		istd = styles[istd].base
	}
	return false, false
}

// styleProps returns the effective list and heading of style istd, following
// the base styles.
func styleProps(styles []docStyle, istd int) (ilfo, ilvl int, hasList bool, heading int) {
	lvlSet, headingSet := false, false
	for hops := 0; istd >= 0 && istd < len(styles) && hops < 16; hops++ {
		s := styles[istd]
		if !hasList && s.hasList {
			ilfo, hasList = s.ilfo, true
		}
		if !lvlSet && s.hasLvl {
			ilvl, lvlSet = s.ilvl, true
		}
		if !headingSet && s.heading > 0 {
			heading, headingSet = s.heading, true
		}
		istd = s.base
	}
	return ilfo, ilvl, hasList, heading
}

// walkSprms calls fn for each sprm of a grpprl with its operand.
func walkSprms(grp []byte, fn func(sprm uint16, operand []byte)) {
	for i := 0; i+2 <= len(grp); {
		sprm := binary.LittleEndian.Uint16(grp[i:])
		i += 2
		var size int
		switch sprm >> 13 {
		case 0, 1:
			size = 1
		case 2, 4, 5:
			size = 2
		case 3:
			size = 4
		case 7:
			size = 3
		case 6:
			if i >= len(grp) {
				return
			}
			switch sprm {
			case 0xD608: // sprmTDefTable: a two-byte size
				if i+2 > len(grp) {
					return
				}
				size = int(binary.LittleEndian.Uint16(grp[i:])) + 1
			case 0xC615: // sprmPChgTabs
				if grp[i] == 255 {
					return // the complex form; stop here
				}
				size = int(grp[i]) + 1
			default:
				size = int(grp[i]) + 1
			}
		}
		if i+size > len(grp) {
			return
		}
		fn(sprm, grp[i:i+size])
		i += size
	}
}
