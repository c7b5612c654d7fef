package corpus

import (
	"strings"
	"unicode"
)

// SameOrg reports whether two organisation names (both in the same script,
// e.g. both simplified) name the same organisation: equal once spaces are
// removed, or one is the other with a place-name prefix such as
// "桐溪市溪北区" (a prefix ending in 省, 市, 区, 县, 州, 旗, 镇 or 乡).
func SameOrg(a, b string) bool {
	a, b = squeezeSpace(a), squeezeSpace(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	prefix, ok := strings.CutSuffix(a, b)
	if !ok || len([]rune(b)) < 3 {
		return false
	}
	last, _ := lastRune(prefix)
	return strings.ContainsRune("省市区县州旗镇乡", last)
}

func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}
