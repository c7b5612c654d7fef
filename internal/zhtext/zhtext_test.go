package zhtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsSpace(t *testing.T) {
	for _, r := range " \t\n\r\u3000\u00a0\u200b\ufeff\u2003" {
		if !IsSpace(r) {
			t.Errorf("IsSpace(%U) = false", r)
		}
	}
	for _, r := range "a一，。、_-0" {
		if IsSpace(r) {
			t.Errorf("IsSpace(%U) = true", r)
		}
	}
}

func TestSqueezeAndTrim(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"工会":                   "工会",
		" 一、\u3000指导思想\u200b ": "一、指导思想",
		"\ufeff校务 公开\u00a0":    "校务公开",
	} {
		if got := Squeeze(in); got != want {
			t.Errorf("Squeeze(%q) = %q, want %q", in, got, want)
		}
	}
	if got := TrimSpace("\u3000 二、工作目标 \u200b"); got != "二、工作目标" {
		t.Errorf("TrimSpace = %q", got)
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"七", 7, true}, {"十", 10, true}, {"十二", 12, true}, {"二十", 20, true}, {"二十三", 23, true},
		{"一百", 100, true}, {"一百零五", 105, true}, {"一百二十", 120, true}, {"两千零二十四", 2024, true},
		{"貳拾", 20, true}, {"12", 12, true}, {"１２", 12, true}, {"二〇一二", 2012, true}, {"十7", 17, true},
		{"", 0, false}, {"二十十", 0, false}, {"十百", 0, false}, {"二三十", 0, false}, {"十二三", 0, false},
		{"第一", 0, false}, {"12a", 0, false}, {"99999999999", 0, false},
	} {
		got, ok := ParseNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int]string{0: "零", 1: "一", 10: "十", 11: "十一", 20: "二十", 23: "二十三", 99: "九十九", 100: "100", -1: "-1"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
	for n := 0; n < 100; n++ {
		if got, ok := ParseNumber(Number(n)); !ok || got != n {
			t.Errorf("ParseNumber(Number(%d)) = %d, %v", n, got, ok)
		}
	}
}

func TestParseYear(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"2012", 2012, true}, {"二〇一二", 2012, true}, {"二零二四", 2024, true}, {"二○一五", 2015, true},
		{"２０２５", 2025, true}, {"1899", 1899, false}, {"20123", 0, false}, {"二千", 0, false}, {"两〇一二", 0, false},
	} {
		got, ok := ParseYear(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 字节", 512: "512 字节", 1024: "1 KB", 1536: "1.5 KB", 3 << 20: "3 MB",
		5<<20 + 1<<19: "5.5 MB", 2 << 30: "2 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzSqueeze(f *testing.F) {
	for _, s := range []string{"", " 一、\u3000指导思想", "\ufeff\u200b", "a b\tc", "\xff\xfe 工会"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Squeeze(s)
		if strings.IndexFunc(q, IsSpace) >= 0 {
			t.Fatalf("Squeeze(%q) = %q keeps a space", s, q)
		}
		if Squeeze(q) != q {
			t.Fatalf("Squeeze is not idempotent on %q", s)
		}
		if utf8.ValidString(s) && !utf8.ValidString(q) {
			t.Fatalf("Squeeze(%q) is not valid UTF-8", s)
		}
		tr := TrimSpace(s)
		if !strings.Contains(s, tr) || TrimSpace(tr) != tr {
			t.Fatalf("TrimSpace(%q) = %q", s, tr)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"十二", "一百零五", "二〇一二", "两千零二十四", "十百", "12", "貳拾"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumber(s)
		if !ok {
			if n != 0 {
				t.Fatalf("ParseNumber(%q) = %d with false", s, n)
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseNumber(%q) = %d < 0", s, n)
		}
		if n < 100 {
			// Every value below 100 written back reads the same.
			if m, ok := ParseNumber(Number(n)); !ok || m != n {
				t.Fatalf("round trip of %d (from %q): %d %v", n, s, m, ok)
			}
		}
		if y, ok := ParseYear(s); ok && y != n {
			t.Fatalf("ParseYear(%q) = %d but ParseNumber = %d", s, y, n)
		}
	})
}

func TestDigits(t *testing.T) {
	type val struct {
		v  int
		ok bool
	}
	for _, tc := range []struct {
		r                  rune
		digit, arabic, han val
	}{
		{'7', val{7, true}, val{7, true}, val{0, false}},
		{'０', val{0, true}, val{0, true}, val{0, false}},
		{'〇', val{0, true}, val{0, false}, val{0, true}},
		{'Ｏ', val{0, true}, val{0, false}, val{0, true}},
		{'貳', val{2, true}, val{0, false}, val{2, true}},
		{'两', val{2, true}, val{0, false}, val{0, false}},
		{'九', val{9, true}, val{0, false}, val{9, true}},
		{'十', val{0, false}, val{0, false}, val{0, false}},
		{'a', val{0, false}, val{0, false}, val{0, false}},
	} {
		if v, ok := Digit(tc.r); (val{v, ok}) != tc.digit {
			t.Errorf("Digit(%q) = %d, %v; want %v", tc.r, v, ok, tc.digit)
		}
		if v, ok := ArabicDigit(tc.r); (val{v, ok}) != tc.arabic {
			t.Errorf("ArabicDigit(%q) = %d, %v; want %v", tc.r, v, ok, tc.arabic)
		}
		if IsArabicDigit(tc.r) != tc.arabic.ok {
			t.Errorf("IsArabicDigit(%q) = %v", tc.r, !tc.arabic.ok)
		}
		if v, ok := HanDigit(tc.r); (val{v, ok}) != tc.han {
			t.Errorf("HanDigit(%q) = %d, %v; want %v", tc.r, v, ok, tc.han)
		}
	}
}

func TestRuneClasses(t *testing.T) {
	if got := CountHan([]rune("2024年工会，Plan 計劃")); got != 5 {
		t.Errorf("CountHan = %d, want 5", got)
	}
	for _, r := range "。！？!?；;" {
		if !IsSentenceEnd(r) {
			t.Errorf("IsSentenceEnd(%q) = false", r)
		}
	}
	for _, r := range "，、：,:" {
		if IsSentenceEnd(r) {
			t.Errorf("IsSentenceEnd(%q) = true", r)
		}
	}
	if !IsOpenParen('（') || !IsOpenParen('(') || IsOpenParen('【') || !IsCloseParen('）') || IsCloseParen('(') {
		t.Error("paren classes wrong")
	}
}
