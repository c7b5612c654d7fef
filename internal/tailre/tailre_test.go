package tailre

import (
	"regexp"
	"testing"
)

// exprs are the kinds of expressions the project guards, and some that
// must not be guarded.
var exprs = []string{
	`(计划|总结|要点|方案|规划|安排|打算|设想|思路)$`,
	`\s*([【\[（(]?\s*(篇|范文|范例|第)\s*[0-9一二三四五六七八九十]+\s*篇?[】\]）)]?|[（(][^）)]{0,8}[)）]|范文|范例|大全|[0-9一二三四五六七八九十]+篇)$`,
	`([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})篇[)）]?$|[（(](优选|精选)[^)）]{0,8}[)）]$|(大全|汇编)$`,
	`\s*[_|｜\-—–·•]+\s*([^\s_|｜\-—–·•]{2,30})$`,
	`(?i)abc$`,   // case folding: not guarded
	`a.$`,        // any character: not guarded
	`x*$`,        // may match empty: not guarded
	`(a$|b)`,     // not every match ends at the end: not guarded
	`^计划$`,       // anchored at both ends
	`(工作)?$|计划$`, // one alternative may be empty: not guarded
}

func TestGuard(t *testing.T) {
	guarded := map[string]bool{
		exprs[0]: true, exprs[1]: true, exprs[2]: true, exprs[3]: true,
		`(?i)abc$`: false, `a.$`: false, `x*$`: false, `(a$|b)`: false, `^计划$`: true, `(工作)?$|计划$`: false,
	}
	for _, e := range exprs {
		if got := MustCompile(e).compiled().last != nil; got != guarded[e] {
			t.Errorf("%s: guarded = %v, want %v", e, got, guarded[e])
		}
	}
	re := MustCompile(exprs[0])
	for s, want := range map[string]bool{"2013年工作计划": true, "工作计划。": false, "": false, "计划书": false} {
		if got := re.MatchString(s); got != want {
			t.Errorf("MatchString(%q) = %v, want %v", s, got, want)
		}
	}
	if got := re.ReplaceAllString("学校工作总结", ""); got != "学校工作" {
		t.Errorf("ReplaceAllString = %q", got)
	}
}

func TestUnion(t *testing.T) {
	got := union([]rune{'a', 'c', 'x', 'z'}, []rune{'b', 'e', 'g', 'g'})
	want := []rune{'a', 'e', 'g', 'g', 'x', 'z'}
	if string(got) != string(want) {
		t.Fatalf("union = %q, want %q", got, want)
	}
}

// FuzzRegexp checks that the guard never changes a result.
func FuzzRegexp(f *testing.F) {
	for _, s := range []string{"2013年学校工会工作计划", "工作计划（范文3）", "第三篇", "标题_某某范文网", "abc", "ABC", "ab", "", "\xff计划"} {
		f.Add(s)
	}
	var res []*Regexp
	var raw []*regexp.Regexp
	for _, e := range exprs {
		res = append(res, MustCompile(e))
		raw = append(raw, regexp.MustCompile(e))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, re := range res {
			if a, b := re.MatchString(s), raw[i].MatchString(s); a != b {
				t.Fatalf("%s: MatchString(%q) = %v, regexp says %v", exprs[i], s, a, b)
			}
			if a, b := re.ReplaceAllString(s, "#"), raw[i].ReplaceAllString(s, "#"); a != b {
				t.Fatalf("%s: ReplaceAllString(%q) = %q, regexp says %q", exprs[i], s, a, b)
			}
			if a, b := re.FindStringSubmatch(s), raw[i].FindStringSubmatch(s); len(a) != len(b) {
				t.Fatalf("%s: FindStringSubmatch(%q) = %q, regexp says %q", exprs[i], s, a, b)
			}
			if a, b := re.FindStringSubmatchIndex(s), raw[i].FindStringSubmatchIndex(s); len(a) != len(b) {
				t.Fatalf("%s: FindStringSubmatchIndex(%q) = %v, regexp says %v", exprs[i], s, a, b)
			}
			if a, b := re.FindStringIndex(s), raw[i].FindStringIndex(s); len(a) != len(b) {
				t.Fatalf("%s: FindStringIndex(%q) = %v, regexp says %v", exprs[i], s, a, b)
			}
		}
	})
}
