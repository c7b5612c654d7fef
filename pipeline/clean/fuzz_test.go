package clean

import (
	"plans/internal/txtar"
	"plans/internal/zhtext"

	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks Clean's invariants: no panic, valid UTF-8 out of valid
// UTF-8 in, idempotence, and output lines that are input lines in order
// (or input lines with a removed site name cut from their end).
func FuzzClean(f *testing.F) {
	for _, path := range txtar.Glob(f, "cases/*.txtar") {
		f.Add(txtar.Read(f, path).Files["input"])
	}
	f.Add(txtar.Read(f, filepath.Join("testdata", "page.txtar")).Files["page"])
	f.Add("九九範文幫\n\n标题_九九范文帮\n时间:2012-05-09 08:50:10\n某某\n正文。")
	f.Fuzz(func(t *testing.T, in string) {
		got := Clean(in)
		if utf8.ValidString(in) && !utf8.ValidString(got.Text) {
			t.Fatalf("invalid UTF-8 out of valid input")
		}
		if again := Clean(got.Text); again.Text != got.Text {
			t.Fatalf("not idempotent:\nfirst:  %q\nsecond: %q", got.Text, again.Text)
		}
		removed := map[string]bool{}
		for _, r := range got.Removed {
			if r == "" || !strings.Contains(in, r) {
				t.Fatalf("removed %q is not a piece of the input", r)
			}
			removed[r] = true
		}
		if got.Text == "" {
			return
		}
		inLines := strings.Split(in, "\n")
		k := 0
		for _, out := range strings.Split(got.Text, "\n") {
			for k < len(inLines) && !sameOrCut(inLines[k], out, removed) {
				k++
			}
			if k == len(inLines) {
				t.Fatalf("output line %q is not an input line in order", out)
			}
			k++
		}
	})
}

// sameOrCut reports whether out is the input line in, or in with removed
// fragments cut out of it (a site name from its end, a category name from
// its start, a pinyin gloss or a watermark from its middle), with the
// spaces around them.
func sameOrCut(in, out string, removed map[string]bool) bool {
	if in == out {
		return true
	}
	if out == "" {
		return false
	}
	var frags []string
	maxLen := 0
	for r := range removed {
		frags = append(frags, r)
		maxLen = max(maxLen, len(r))
	}
	return cutMatch(in, out, frags, maxLen, 0)
}

// cutMatch reports whether out is in with at most a few of frags (each
// with the spaces around it) taken out. Where the two part, a cut may have
// started up to a fragment's length before.
func cutMatch(in, out string, frags []string, maxLen, cuts int) bool {
	i := 0
	for i < len(in) && i < len(out) && in[i] == out[i] {
		i++
	}
	if i == len(in) && i == len(out) {
		return true
	}
	if cuts >= 4 {
		return false
	}
	for back := 0; back <= i && back <= maxLen+8; back++ {
		p := i - back
		rest := strings.TrimLeftFunc(in[p:], zhtext.IsSpace)
		for _, f := range frags {
			if !strings.HasPrefix(rest, f) {
				continue
			}
			after := rest[len(f):]
			if cutMatch(strings.TrimLeftFunc(after, zhtext.IsSpace), strings.TrimLeftFunc(out[p:], zhtext.IsSpace), frags, maxLen, cuts+1) {
				return true
			}
			if cutMatch(after, out[p:], frags, maxLen, cuts+1) {
				return true
			}
		}
	}
	return false
}

// FuzzGarbled checks that Garbled never panics and returns valid UTF-8
// warnings that name a line of the text.
func FuzzGarbled(f *testing.F) {
	f.Add("群众安居乐业的新局面??傮w来看")
	f.Add("推动發(fā)展\n鍏ㄩ潰鍔犲己宸ヤ綔\n锟斤拷")
	f.Add("以发展和谐劳\uFFFD关系为目标")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		for _, w := range Garbled(in) {
			if !utf8.ValidString(w) {
				t.Fatalf("invalid UTF-8 warning %q", w)
			}
			var n int
			if strings.HasPrefix(w, "另有") {
				continue
			}
			if _, err := fmt.Sscanf(w, "第%d行", &n); err != nil || n < 1 || n > lines {
				t.Fatalf("warning %q names no line of the text (%d lines)", w, lines)
			}
		}
	})
}

// FuzzMojibake compares mojibake with its straightforward form (every run
// decoded whole before the 70% rule is applied).
func FuzzMojibake(f *testing.F) {
	f.Add("鍏ㄩ潰鍔犲己宸ヤ綔")
	f.Add("全面加强工作 鍏ㄩ潰鍔犲己 abc")
	f.Add("工会鍏ㄩ潰鍔犲己宸ヤ綔计划")
	f.Add("鍏ㄩ潰鍔犲己宸ヤ綔工会工作计划要点安排")
	f.Add("以发展和谐劳\uFFFD关系为目标")
	f.Fuzz(func(t *testing.T, l string) {
		if !utf8.ValidString(l) {
			return // garbledLine reports invalid lines before mojibake runs
		}
		got, want := mojibake(l), mojibakeAll(l)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("mojibake(%q) = %v, want %v", l, got, want)
		}
	})
}

// mojibakeAll is mojibake without the early end: the reference.
func mojibakeAll(l string) []mojibakeSpan {
	var out []mojibakeSpan
	gbk := gbkCodes()
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		run := l[start:end]
		s := start
		start = -1
		if utf8.RuneCountInString(run) < 3 {
			return
		}
		var b []byte
		for _, r := range run {
			var code uint16
			if r < rune(len(gbk)) {
				code = gbk[r]
			}
			switch {
			case code == 0 || r == utf8.RuneError:
				b = append(b, 0xff)
			case code < 0x100:
				b = append(b, byte(code))
			default:
				b = append(b, byte(code>>8), byte(code))
			}
		}
		var fixed strings.Builder
		good, chars := 0, 0
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r != utf8.RuneError && size >= 2 && isCJKish(r) {
				fixed.WriteRune(r)
				good += size
				chars++
				i += size
				continue
			}
			i++
		}
		if chars >= 2 && good*10 >= len(b)*7 {
			out = append(out, mojibakeSpan{start: s, end: end, fixed: fixed.String()})
		}
	}
	for i, r := range l {
		if r < utf8.RuneSelf || zhtext.IsSpace(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(l))
	return out
}

// TestSameOrCut checks the fuzz test's own notion of a cut line.
func TestSameOrCut(t *testing.T) {
	removed := map[string]bool{"(biāo)": true, "工作计划": true, "〔wWw.x.com〕": true, "_九九范文帮": true}
	tests := []struct {
		in, out string
		want    bool
	}{
		{"二、工作目標(biāo)", "二、工作目標", true},
		{"工作计划 城西小学工会工作计划", "城西小学工会工作计划", true},
		{"组织〔wWw.x.com〕开展活动(biāo)。", "组织开展活动。", true},
		{"标题_九九范文帮", "标题", true},
		{"组织开展活动。", "组织活动。", false},
		{"组织开展活动。", "", false},
	}
	for _, tt := range tests {
		if got := sameOrCut(tt.in, tt.out, removed); got != tt.want {
			t.Errorf("sameOrCut(%q, %q) = %v, want %v", tt.in, tt.out, got, tt.want)
		}
	}
}
