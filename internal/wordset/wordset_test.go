package wordset

import (
	"strings"
	"testing"
)

// naive is what a Set replaces: one strings.Contains per word.
func naive(words []string, text string) (any bool, distinct int) {
	seen := map[string]bool{}
	for _, w := range words {
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		if strings.Contains(text, w) {
			any = true
			distinct++
		}
	}
	return any, distinct
}

var testWords = []string{"版权所有", "版权", "转载", "在线观看", "免费", "qq", "Q", "首页", "", "转载", "𠀋字", "工会工作"}

func TestSet(t *testing.T) {
	s := New(testWords...)
	if s.Len() != 10 {
		t.Errorf("Len = %d, want 10 (empty and repeated words left out)", s.Len())
	}
	for _, tc := range []struct {
		text     string
		any      bool
		distinct int
	}{
		{"", false, 0},
		{"认真做好工会工作", true, 1},
		{"本站版权所有，转载请注明", true, 3},
		{"免费在线观看免费", true, 2},
		{"加我qq或Q群", true, 2},
		{"生僻𠀋字", true, 1},
		{"版", false, 0},
		{"工会工", false, 0},
	} {
		if got := s.In(tc.text); got != tc.any {
			t.Errorf("In(%q) = %v, want %v", tc.text, got, tc.any)
		}
		if got := s.Distinct(tc.text); got != tc.distinct {
			t.Errorf("Distinct(%q) = %d, want %d", tc.text, got, tc.distinct)
		}
	}
	var empty *Set
	if empty.In("版权") || empty.Distinct("版权") != 0 || New().In("版权") {
		t.Error("an empty set found a word")
	}
	// More words than Distinct's stack array holds.
	var many []string
	for i := range 100 {
		many = append(many, strings.Repeat("甲", i+1)+"乙")
	}
	if got := New(many...).Distinct(strings.Repeat("甲", 120) + "乙"); got != 100 {
		t.Errorf("Distinct over 100 nested words = %d, want 100", got)
	}
}

func FuzzSet(f *testing.F) {
	f.Add("本站版权所有，转载请注明", "版权,转载")
	f.Add("qq群𠀋字", "q,𠀋,群")
	f.Add("\xff\xfe版权", "\xfe,版")
	f.Fuzz(func(t *testing.T, text, list string) {
		words := strings.Split(list, ",")
		s := New(words...)
		wantAny, wantDistinct := naive(words, text)
		if got := s.In(text); got != wantAny {
			t.Errorf("In(%q) over %q = %v, strings.Contains says %v", text, words, got, wantAny)
		}
		if got := s.Distinct(text); got != wantDistinct {
			t.Errorf("Distinct(%q) over %q = %d, strings.Contains says %d", text, words, got, wantDistinct)
		}
	})
}
