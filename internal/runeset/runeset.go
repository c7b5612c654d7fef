// Package runeset is a set of runes of the Basic Multilingual Plane, a bit
// each: the scans of a document ask it about every character, and it costs
// less than a map lookup. Runes beyond the plane are never in a Set; callers
// that must answer for them ask InPlane first.
package runeset

// Set is a set of runes of the Basic Multilingual Plane. The zero value is
// empty and ready to use.
type Set [1 << 16 / 64]uint64

// InPlane tells whether r can be in a Set.
func InPlane(r rune) bool { return r >= 0 && r < 1<<16 }

// Add puts r in the set; a rune beyond the plane is ignored.
func (s *Set) Add(r rune) {
	if InPlane(r) {
		s[r>>6] |= 1 << (r & 63)
	}
}

// Has reports whether r is in the set.
func (s *Set) Has(r rune) bool {
	return InPlane(r) && s[r>>6]&(1<<(r&63)) != 0
}
