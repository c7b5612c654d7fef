package runeset

import "testing"

func TestSet(t *testing.T) {
	var s Set
	for _, r := range []rune{'工', 'a', 0, 0xFFFF, 0x20000, -1} {
		s.Add(r)
	}
	for r, want := range map[rune]bool{'工': true, 'a': true, 0: true, 0xFFFF: true, '会': false, 'b': false, 0x20000: false, -1: false} {
		if got := s.Has(r); got != want {
			t.Errorf("Has(%U) = %v, want %v", r, got, want)
		}
	}
	if InPlane(0x20000) || !InPlane('工') {
		t.Error("InPlane wrong")
	}
}
