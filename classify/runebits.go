package classify

// runeBits is a set of runes of the Basic Multilingual Plane, a bit each:
// the scans of a text ask it for every character, and it costs less than a
// map lookup. Runes beyond the plane are never in it.
type runeBits [1 << 16 / 64]uint64

// inPlane tells whether r can be in a runeBits.
func inPlane(r rune) bool { return r >= 0 && r < 1<<16 }

func (b *runeBits) add(r rune) {
	if inPlane(r) {
		b[r>>6] |= 1 << (r & 63)
	}
}

func (b *runeBits) has(r rune) bool {
	return inPlane(r) && b[r>>6]&(1<<(r&63)) != 0
}
