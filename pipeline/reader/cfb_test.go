package reader

import (
	"encoding/binary"
	"sort"
	"unicode/utf16"
)

// makeCFB builds a minimal OLE2 compound file holding the given root
// streams, for tests of files LibreOffice cannot produce (password-
// protected .docx, Excel saved as .doc, damaged Word headers). Streams are
// padded to 4096 bytes so that they live in regular sectors.
func makeCFB(streams map[string][]byte) []byte {
	const (
		sector     = 512
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	names := make([]string, 0, len(streams))
	for n := range streams {
		names = append(names, n)
	}
	sort.Strings(names)
	// Sector 0: FAT; sectors 1..d: directory; then stream data.
	dirEntries := len(names) + 1
	dirSectors := (dirEntries*128 + sector - 1) / sector
	var fat []uint32
	fat = append(fat, fatSect)
	for i := 0; i < dirSectors; i++ {
		if i == dirSectors-1 {
			fat = append(fat, endOfChain)
		} else {
			fat = append(fat, uint32(len(fat)+1))
		}
	}
	type placed struct {
		start uint32
		data  []byte
	}
	var data []placed
	for _, n := range names {
		b := streams[n]
		if len(b) < 4096 {
			b = append(append([]byte{}, b...), make([]byte, 4096-len(b))...)
		}
		count := (len(b) + sector - 1) / sector
		start := uint32(len(fat))
		for i := 0; i < count; i++ {
			if i == count-1 {
				fat = append(fat, endOfChain)
			} else {
				fat = append(fat, uint32(len(fat)+1))
			}
		}
		data = append(data, placed{start, b})
	}
	if len(fat) > sector/4 {
		panic("makeCFB: too much data for a one-sector FAT")
	}
	for len(fat) < sector/4 {
		fat = append(fat, freeSect)
	}

	header := make([]byte, sector)
	copy(header, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(header[24:], 0x003E)
	le.PutUint16(header[26:], 0x0003)
	le.PutUint16(header[28:], 0xFFFE)
	le.PutUint16(header[30:], 9)
	le.PutUint16(header[32:], 6)
	le.PutUint32(header[44:], 1) // FAT sectors
	le.PutUint32(header[48:], 1) // first directory sector
	le.PutUint32(header[56:], 4096)
	le.PutUint32(header[60:], endOfChain)
	le.PutUint32(header[68:], endOfChain)
	for i := 0; i < 109; i++ {
		le.PutUint32(header[76+4*i:], freeSect)
	}
	le.PutUint32(header[76:], 0)

	fatBytes := make([]byte, sector)
	for i, v := range fat {
		le.PutUint32(fatBytes[4*i:], v)
	}
	dir := make([]byte, dirSectors*sector)
	entry := func(i int, name string, typ byte, child, right uint32, start uint32, size uint64) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		e[67] = 1 // black
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	child := uint32(noStream)
	if len(names) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, child, noStream, endOfChain, 0)
	for i, n := range names {
		right := uint32(noStream)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		entry(i+1, n, 2, noStream, right, data[i].start, uint64(len(data[i].data)))
	}
	for i := dirEntries; i < dirSectors*sector/128; i++ {
		e := dir[i*128 : (i+1)*128]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	out := append(header, fatBytes...)
	out = append(out, dir...)
	for _, p := range data {
		b := p.data
		if pad := len(b) % sector; pad != 0 {
			b = append(b, make([]byte, sector-pad)...)
		}
		out = append(out, b...)
	}
	return out
}

// wordFIB returns a WordDocument stream that holds only a FIB with the
// given nFib and flags (for header checks).
func wordFIB(nFib, flags uint16) []byte {
	b := make([]byte, 1024)
	le := binary.LittleEndian
	le.PutUint16(b[0:], 0xA5EC)
	le.PutUint16(b[2:], nFib)
	le.PutUint16(b[0x0A:], flags)
	le.PutUint16(b[32:], 14)  // csw
	le.PutUint16(b[62:], 22)  // cslw
	le.PutUint16(b[152:], 93) // cbRgFcLcb
	return b
}
