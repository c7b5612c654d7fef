package segment

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCutVocab(t *testing.T) {
	vocab := map[string]int{
		"加强": 300, "校务": 20, "公开": 400, "校务公开": 250, "工作": 900,
		"教职工": 500, "代表": 300, "大会": 200, "代表大会": 100, "教职工代表大会": 80,
		"群": 50, "交流": 100,
	}
	freq := func(w string) int { return vocab[w] }
	tests := []struct {
		in   string
		want []string
	}{
		{"加强校务公开工作", []string{"加强", "校务公开", "工作"}},
		{"教职工代表大会", []string{"教职工代表大会"}},
		{"代表大会", []string{"代表大会"}},
		{"QQ群交流", []string{"qq", "群", "交流"}},
		{"满意率100%", []string{"满意率", "100"}}, // unknown characters join
		{"加强大会", []string{"加强", "大会"}},
		{"代表大会堂", []string{"代表大会", "堂"}},
		{"校务，公开", []string{"校务", "公开"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := CutVocab(tt.in, freq, 1000)
			checkTokens(t, tt.in, toks, true)
			if diff := cmp.Diff(tt.want, words(toks), cmp.Comparer(func(a, b []string) bool {
				return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
			})); diff != "" {
				t.Errorf("CutVocab(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＱＱ群", "qq群"},
		{"ＡＢＣ１２３", "abc123"},
		{"Word\u3000文档", "word 文档"},
		{"校務公開", "校務公開"},
		{"ÄÖ", "äö"},
		{"a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
