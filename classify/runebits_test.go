package classify

import "testing"

func TestRuneBits(t *testing.T) {
	var b runeBits
	for _, r := range []rune{'工', 'a', 0, 0xFFFF, 0x20000, -1} {
		b.add(r)
	}
	for r, want := range map[rune]bool{'工': true, 'a': true, 0: true, 0xFFFF: true, '会': false, 'b': false, 0x20000: false, -1: false} {
		if got := b.has(r); got != want {
			t.Errorf("has(%U) = %v, want %v", r, got, want)
		}
	}
}
