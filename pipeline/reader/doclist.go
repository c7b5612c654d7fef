package reader

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"

	"plans/docx"
)

// Word 97 automatic list numbering ([MS-DOC] 2.9.147 LSTF, 2.9.150 LVL,
// 2.9.131 LFO): the numbers are not in the text, so they are rebuilt from
// the list definitions, as for .docx.

// nfcFormats maps the MS-DOC Nfc codes to the w:numFmt names docx uses;
// the codes follow the order of ST_NumberFormat.
var nfcFormats = map[byte]string{
	0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter",
	0x04: "lowerLetter", 0x05: "ordinal", 0x06: "cardinalText", 0x07: "ordinalText",
	0x0A: "ideographDigital", 0x0B: "japaneseCounting", 0x0E: "decimalFullWidth",
	0x0F: "decimalHalfWidth", 0x11: "japaneseDigitalTenThousand",
	0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2", 0x16: "decimalZero",
	0x17: "bullet", 0x1A: "decimalEnclosedFullstop", 0x1B: "decimalEnclosedParen",
	0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional",
	0x1F: "ideographZodiac", 0x21: "taiwaneseCounting", 0x22: "ideographLegalTraditional",
	0x23: "taiwaneseCountingThousand", 0x24: "taiwaneseDigital", 0x25: "chineseCounting",
	0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xFF: "none",
}

type docLevel struct {
	start     int
	format    string
	text      []uint16 // number text; code units 0–8 stand for the levels' numbers
	legal     bool
	noRestart bool
	restartLt int    // with noRestart: restart only after a level < restartLt is used
	follow    string // what follows the number: "tab", "space" or "nothing" (ixchFollow)
}

type docList struct {
	levels []*docLevel
}

type docLFO struct {
	lsid      int32
	overrides map[int]int       // level → start
	lvls      map[int]*docLevel // level → replaced definition
}

// docLists holds the list definitions and the counters while the text is
// read in order.
type docLists struct {
	lists    map[int32]*docList
	lfos     []docLFO
	counters map[int32]map[int]int
	seen     map[int]bool
}

// parseLists reads PlfLst (with the LVLs that follow it) and PlfLfo from the
// table stream. A broken structure yields the lists read so far.
func parseLists(table []byte, fcLst, lcbLst, fcLfo, lcbLfo uint32) *docLists {
	dl := &docLists{lists: map[int32]*docList{}, counters: map[int32]map[int]int{}, seen: map[int]bool{}}
	if lcbLst >= 2 && int(fcLst)+int(lcbLst) <= len(table) {
		p := int(fcLst)
		n, _ := u16(table, p)
		type lstf struct {
			lsid   int32
			simple bool
		}
		var defs []lstf
		for i := 0; i < int(int16(n)); i++ {
			off := p + 2 + 28*i
			if off+28 > len(table) {
				break
			}
			defs = append(defs, lstf{lsid: int32(binary.LittleEndian.Uint32(table[off:])), simple: table[off+26]&0x01 != 0})
		}
		// The LVLs follow the PlfLst.
		pos := p + 2 + 28*len(defs)
		for _, d := range defs {
			count := 9
			if d.simple {
				count = 1
			}
			l := &docList{}
			for k := 0; k < count; k++ {
				lvl, next, ok := parseLVL(table, pos)
				if !ok {
					dl.lists[d.lsid] = l
					return dl.withLFOs(table, fcLfo, lcbLfo)
				}
				l.levels = append(l.levels, lvl)
				pos = next
			}
			dl.lists[d.lsid] = l
		}
	}
	return dl.withLFOs(table, fcLfo, lcbLfo)
}

func (dl *docLists) withLFOs(table []byte, fc, lcb uint32) *docLists {
	if lcb < 4 || int(fc)+4 > len(table) {
		return dl
	}
	p := int(fc)
	n := int(binary.LittleEndian.Uint32(table[p:]))
	if n < 0 || n > 10000 {
		return dl
	}
	type lfo struct {
		lsid  int32
		count int
	}
	var lfos []lfo
	for i := 0; i < n; i++ {
		off := p + 4 + 16*i
		if off+16 > len(table) {
			return dl
		}
		lfos = append(lfos, lfo{lsid: int32(binary.LittleEndian.Uint32(table[off:])), count: int(table[off+12])})
	}
	pos := p + 4 + 16*n
	for _, f := range lfos {
		entry := docLFO{lsid: f.lsid, overrides: map[int]int{}, lvls: map[int]*docLevel{}}
		// LFOData, one for every LFO even without overrides: cp, then
		// clfolvl LFOLVLs.
		pos += 4
		for k := 0; k < f.count; k++ {
			if pos+8 > len(table) {
				dl.lfos = append(dl.lfos, entry)
				return dl
			}
			start := int(int32(binary.LittleEndian.Uint32(table[pos:])))
			flags := binary.LittleEndian.Uint32(table[pos+4:])
			pos += 8
			ilvl := int(flags & 0x0F)
			if flags&0x10 != 0 {
				entry.overrides[ilvl] = start
			}
			if flags&0x20 != 0 {
				lvl, next, ok := parseLVL(table, pos)
				if !ok {
					dl.lfos = append(dl.lfos, entry)
					return dl
				}
				entry.lvls[ilvl] = lvl
				pos = next
			}
		}
		dl.lfos = append(dl.lfos, entry)
	}
	return dl
}

// parseLVL reads an LVL at pos and returns the position after it.
func parseLVL(b []byte, pos int) (*docLevel, int, bool) {
	if pos < 0 || pos+28 > len(b) {
		return nil, 0, false
	}
	f := b[pos : pos+28]
	lvl := &docLevel{
		start:     int(int32(binary.LittleEndian.Uint32(f))),
		format:    "decimal",
		legal:     f[5]&0x04 != 0,
		noRestart: f[5]&0x08 != 0,
		restartLt: int(f[26]),
		follow:    [3]string{"tab", "space", "nothing"}[min(int(f[15]), 2)],
	}
	if name, ok := nfcFormats[f[4]]; ok {
		lvl.format = name
	}
	pos += 28 + int(f[25]) + int(f[24]) // grpprlPapx, grpprlChpx
	if pos+2 > len(b) {
		return nil, 0, false
	}
	cch := int(binary.LittleEndian.Uint16(b[pos:]))
	pos += 2
	if cch > 256 || pos+2*cch > len(b) {
		return nil, 0, false
	}
	for i := 0; i < cch; i++ {
		lvl.text = append(lvl.text, binary.LittleEndian.Uint16(b[pos+2*i:]))
	}
	return lvl, pos + 2*cch, true
}

func (dl *docLists) level(ilfo, ilvl int) (*docList, *docLevel) {
	if dl == nil || ilfo < 1 || ilfo > len(dl.lfos) || ilvl < 0 || ilvl > 8 {
		return nil, nil
	}
	lfo := dl.lfos[ilfo-1]
	l := dl.lists[lfo.lsid]
	if l == nil {
		return nil, nil
	}
	if lv := lfo.lvls[ilvl]; lv != nil {
		return l, lv
	}
	if ilvl >= len(l.levels) {
		return l, nil
	}
	return l, l.levels[ilvl]
}

// next advances the counter of list ilfo at level ilvl and returns the
// number text ("一、"), or "" for bullets and unknown lists.
func (dl *docLists) next(ilfo, ilvl int) string {
	l, lvl := dl.level(ilfo, ilvl)
	if l == nil || lvl == nil {
		return ""
	}
	lfo := dl.lfos[ilfo-1]
	ctr := dl.counters[lfo.lsid]
	if ctr == nil {
		ctr = map[int]int{}
		dl.counters[lfo.lsid] = ctr
	}
	if !dl.seen[ilfo] {
		dl.seen[ilfo] = true
		for k, v := range lfo.overrides {
			ctr[k] = v - 1
		}
	}
	if v, ok := ctr[ilvl]; ok {
		ctr[ilvl] = v + 1
	} else {
		ctr[ilvl] = lvl.start
	}
	for k := ilvl + 1; k <= 8; k++ {
		_, kl := dl.level(ilfo, k)
		if kl == nil || !kl.noRestart || (kl.restartLt != 0 && ilvl < kl.restartLt) {
			delete(ctr, k)
		}
	}
	if lvl.format == "bullet" {
		return ""
	}
	var b strings.Builder
	for _, u := range lvl.text {
		if u <= 8 {
			k := int(u)
			v, ok := ctr[k]
			_, kl := dl.level(ilfo, k)
			if !ok {
				// A skipped higher level shows its start value, and Word
				// counts it as used: its next item goes on from there.
				v = 1
				if kl != nil {
					v = kl.start
				}
				if k < ilvl {
					ctr[k] = v
				}
			}
			format := "decimal"
			if kl != nil && !lvl.legal {
				format = kl.format
			}
			b.WriteString(docx.FormatNumber(v, format))
			continue
		}
		if utf16.IsSurrogate(rune(u)) {
			continue
		}
		b.WriteRune(rune(u))
	}
	return b.String() + docx.LabelSeparator(b.String(), lvl.follow)
}
