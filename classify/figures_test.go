package classify

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func TestFigures(t *testing.T) {
	tests := []struct {
		text string
		want []corpus.Target
	}{
		{"全年开展文体活动12次，包括“三八”插花，教职工参与率达到93%。", []corpus.Target{
			{Text: "全年开展文体活动12次", Metric: "文体活动", Value: 12, Unit: "次", Op: "="},
			{Text: "教职工参与率达到93%", Metric: "参与率", Value: 93, Unit: "%", Op: "="}}},
		{"年终问卷调查显示，教职工对工会工作的满意率为96.5%。", []corpus.Target{
			{Text: "教职工对工会工作的满意率为96.5%", Metric: "满意率", Value: 96.5, Unit: "%", Op: "="}}},
		// achieved figures are figures too (Classify drops them as targets)
		{"参检率已达到100%。", []corpus.Target{{Text: "参检率已达到100%", Metric: "参检率", Value: 100, Unit: "%", Op: "="}}},
		{"全年組織園本培訓4次。", []corpus.Target{{Text: "全年組織園本培訓4次", Metric: "园本培训", Value: 4, Unit: "次", Op: "="}}},
		{"满意率达到95%以上", []corpus.Target{{Text: "满意率达到95%以上", Metric: "满意率", Value: 95, Unit: "%", Op: ">="}}},
		// a count of nothing named, a date, an ordinal: no figure
		{"3月15日召开第六届教代会第三次会议。", nil},
		{"共计46名。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			simp := strings.NewReplacer("組織", "组织", "園", "园", "訓", "训").Replace(tt.text)
			if simp == tt.text {
				simp = ""
			}
			got := Figures(tt.text, simp)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Figures(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// FuzzFigures: no panic, every figure's text is a piece of the input with
// its value and unit, for any input and any simplified view of it.
func FuzzFigures(f *testing.F) {
	for _, s := range []string{"全年开展文体活动12次，教职工参与率达到93%。", "体检率为98%", "不少于3次", "１２％", "3.5.6次", "第3次", "满意率达到95%以上的"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tg := range Figures(s, "") {
			if !strings.Contains(s, tg.Text) || !utf8.ValidString(tg.Metric) || tg.Unit == "" || tg.Value < 0 {
				t.Fatalf("Figures(%q): %+v", s, tg)
			}
		}
	})
}
