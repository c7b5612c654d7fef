package script

import (
	"strings"
	"testing"
)

func TestPiece(t *testing.T) {
	text, simp := "一、工會工作\n二、工會經費", "一、工会工作\n二、工会经费"
	al := Aligned(text, simp)
	if !al || Aligned(text, "") || Aligned(text, "短") {
		t.Fatalf("Aligned wrong")
	}
	upper := func(s string) string { return strings.ToUpper(s) }
	for _, tc := range []struct {
		s    string
		from int
		conv func(string) string
		want string
	}{
		{"工會", 0, nil, "工会"},
		{"工會經費", 0, nil, "工会经费"},
		{"工會", len("一、工會工作\n"), nil, "工会"}, // the second occurrence
		{"不在文中", 0, nil, "不在文中"},
		{"abc", 0, upper, "ABC"},
		{"ß", 0, func(string) string { return "SS" }, "ß"}, // a conversion that changes the length is not used
		{"", 0, upper, ""},
		{"工會", 999, nil, "工会"}, // an offset past the end looks everywhere
	} {
		if got := Piece(text, simp, al, tc.s, tc.from, tc.conv); got != tc.want {
			t.Errorf("Piece(%q, %d) = %q, want %q", tc.s, tc.from, got, tc.want)
		}
	}
	if got := Piece(text, simp, false, "工會", 0, nil); got != "工會" {
		t.Errorf("unaligned views must not be sliced: %q", got)
	}
}
