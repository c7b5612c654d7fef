package lazyre

import (
	"regexp"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompiledOnFirstUse(t *testing.T) {
	bad := New(`(unclosed`) // would panic in regexp.MustCompile
	if bad.String() != `(unclosed` {
		t.Errorf("String = %q", bad.String())
	}
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic on first use")
		}
	}()
	bad.MatchString("x")
}

func TestSameAsRegexp(t *testing.T) {
	const expr = `(\d{4})年(第[一二三四]季度)?`
	l, r := New(expr), regexp.MustCompile(expr)
	for _, s := range []string{"", "2023年", "2023年第一季度和2024年", "无年份"} {
		if diff := cmp.Diff(r.FindAllStringSubmatchIndex(s, -1), l.FindAllStringSubmatchIndex(s, -1)); diff != "" {
			t.Errorf("FindAllStringSubmatchIndex(%q):\n%s", s, diff)
		}
		if r.MatchString(s) != l.MatchString(s) || r.ReplaceAllString(s, "[$1]") != l.ReplaceAllString(s, "[$1]") {
			t.Errorf("%q: MatchString or ReplaceAllString differ", s)
		}
		if diff := cmp.Diff(r.FindStringSubmatch(s), l.FindStringSubmatch(s)); diff != "" {
			t.Errorf("FindStringSubmatch(%q):\n%s", s, diff)
		}
		if diff := cmp.Diff(r.FindSubmatch([]byte(s)), l.FindSubmatch([]byte(s))); diff != "" {
			t.Errorf("FindSubmatch(%q):\n%s", s, diff)
		}
	}
	if l.Regexp().String() != expr || l.NumSubexp() != 2 {
		t.Error("Regexp() or NumSubexp wrong")
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	l := New(`工会`)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !l.MatchString("教育工会") {
				t.Error("no match")
			}
		}()
	}
	wg.Wait()
}
