package index

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseThesaurus(t *testing.T) {
	th, err := ParseThesaurus([]byte("# 注释\n@version 7\n教代会 = 教职工代表大会 # 行尾注释\n福利 > 体检 保险\n帮困 = 慰问\n送温暖 = 慰问 = 帮困\nＡＢＣ = abc2\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term string
		want []string
	}{
		{"教代会", []string{"教职工代表大会"}},
		{"教职工代表大会", []string{"教代会"}},
		{"福利", []string{"体检", "保险"}},
		{"体检", nil}, // one way only
		{"慰问", []string{"帮困", "送温暖"}},
		{"帮困", []string{"慰问", "送温暖"}},
		{"abc", []string{"abc2"}}, // folded
		{"没有", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, th.Expand(tt.term)); diff != "" {
			t.Errorf("Expand(%q) (-want +got):\n%s", tt.term, diff)
		}
	}
	if th.Version() != "7" {
		t.Errorf("Version() = %q, want 7", th.Version())
	}
	for _, bad := range []string{"@version\n", "@version 1\n@version 2\n", "只有一个词\n", "a > \n", "a b > c\n", "a = b c\n", "a > b = c\n"} {
		if _, err := ParseThesaurus([]byte(bad)); err == nil {
			t.Errorf("ParseThesaurus(%q): no error", bad)
		}
	}
	shipped, err := ParseThesaurus(DefaultThesaurus())
	if err != nil {
		t.Errorf("shipped thesaurus: %v", err)
	} else if shipped.Version() == "" {
		t.Error("shipped thesaurus has no @version")
	}
}

// FuzzParseThesaurus: any table parses or is refused with an error; a
// parsed table expands a word to folded words other than itself.
func FuzzParseThesaurus(f *testing.F) {
	f.Add(string(DefaultThesaurus()))
	f.Add("@version 3\n教代会 = 教职工代表大会\n福利 > 体检 保险\n")
	f.Add("a = a\n@version\n")
	f.Fuzz(func(t *testing.T, table string) {
		th, err := ParseThesaurus([]byte(table))
		if err != nil {
			return
		}
		for k, exp := range th.exp {
			for _, w := range exp {
				if w == k || w == "" {
					t.Fatalf("%q expands to %q", k, w)
				}
			}
		}
	})
}
