package split

import (
	"plans/internal/txtar"
	"plans/internal/zhtext"

	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplit checks Split's invariants: no panic, no empty part, and the
// parts' texts, one after another, are input lines in order.
func FuzzSplit(f *testing.F) {
	for _, path := range txtar.Glob(f, "cases/*.txtar") {
		a := txtar.Read(f, path)
		f.Add(a.Files["input"], strings.TrimSpace(a.Files["hint"]))
	}
	f.Add(txtar.Read(f, filepath.Join("testdata", "page.txtar")).Files["page"], "页面")
	f.Add("【篇1】\n【篇2】\n正文", "")
	Split("x", "") // load the converter before fuzzing
	f.Fuzz(func(t *testing.T, in, hint string) {
		parts := Split(in, hint)
		inLines := strings.Split(in, "\n")
		k := 0
		for i, p := range parts {
			if strings.TrimSpace(p.Text) == "" {
				t.Fatalf("part %d is empty", i+1)
			}
			if utf8.ValidString(in) && utf8.ValidString(hint) && (!utf8.ValidString(p.Title) || !utf8.ValidString(p.Text)) {
				t.Fatalf("part %d is not valid UTF-8", i+1)
			}
			for _, l := range strings.Split(p.Text, "\n") {
				for k < len(inLines) && inLines[k] != l {
					k++
				}
				if k == len(inLines) {
					t.Fatalf("part %d line %q is not an input line in order", i+1, l)
				}
				k++
			}
		}
	})
}

// parseMarkerAll is parseMarker trying every expression on every line, as
// it did before it looked for the words the markers need.
func parseMarkerAll(ts string) (marker, bool) {
	if n := utf8.RuneCountInString(ts); n == 0 || n > 60 || strings.ContainsAny(ts, "。；;！!？?") {
		return marker{}, false
	}
	if m := reMarkBracket.FindStringSubmatch(ts); m != nil {
		word, n := markWord(m[1], m[2], m[3])
		rest := zhtext.TrimSpace(m[4])
		return marker{family: "bracket|" + word + style(n), ord: parseNum(n), bare: rest == "", text: zhtext.Squeeze(strings.TrimSuffix(ts, m[4]))}, true
	}
	if m := reMarkLead.FindStringSubmatch(ts); m != nil {
		rest := zhtext.TrimSpace(m[3])
		return marker{family: "lead|" + m[1] + style(m[2]), ord: parseNum(m[2]), bare: rest == "", text: m[1] + m[2]}, true
	}
	if m := reMarkOrdinal.FindStringSubmatch(ts); m != nil {
		rest := zhtext.TrimSpace(m[2])
		return marker{family: "lead|第篇" + style(m[1]), ord: parseNum(m[1]), bare: rest == "", text: "第" + m[1] + "篇"}, true
	}
	if m := reMarkTrail.FindStringSubmatch(ts); m != nil {
		prefix := zhtext.Squeeze(m[1])
		if startsWithNumber(prefix) || isSentence(prefix) || utf8.RuneCountInString(prefix) < 2 {
			return marker{}, false
		}
		word, n := markWord(m[2], m[3], m[4])
		return marker{family: "trail|" + word + style(n), ord: parseNum(n), text: word + n}, true
	}
	return parenMarker(ts)
}

// FuzzParseMarker checks that skipping the expressions on lines without
// 篇, 范 or a leading parenthesis changes no result.
func FuzzParseMarker(f *testing.F) {
	for _, s := range []string{"【篇一】", "篇2：学校工会计划", "第三篇", "学校工会计划（范文1）", "（1）2023年工会工作计划",
		"(二) 学校工会工作计划", "一、指导思想", "范例 3", "【第 4 篇】 正文"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ts string) {
		got, gotOK := parseMarker(ts)
		want, wantOK := parseMarkerAll(ts)
		if got != want || gotOK != wantOK {
			t.Errorf("parseMarker(%q) = %+v, %v; every expression gives %+v, %v", ts, got, gotOK, want, wantOK)
		}
	})
}
