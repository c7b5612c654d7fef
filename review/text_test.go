package review

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"plans/internal/zhtext"

	"github.com/google/go-cmp/cmp"
)

func TestMonthsIn(t *testing.T) {
	tests := []struct {
		text string
		want []int
	}{
		{"3月15日，学校召开教代会", []int{3}},
		{"10月份组织全体教职工体检；十二月联欢", []int{10, 12}},
		{"7-8月组织疗休养", []int{7, 8}},
		{"七、八月", []int{7, 8}},
		{"全年开展12次活动，共13个月", nil},
		{"2023年工作", nil},
		{"暑期组织疗休养，重阳节慰问退休教师", []int{7, 8, 10}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, monthsIn(tt.text)); diff != "" {
			t.Errorf("monthsIn(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestSentences(t *testing.T) {
	s := "一、主要工作\n3月召开教代会；审议报告。 \n　　全年体检1次！好"
	var got []string
	for _, sp := range sentences(s) {
		got = append(got, s[sp.start:sp.end])
	}
	want := []string{"一、主要工作", "3月召开教代会；", "审议报告。", "全年体检1次！"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

// FuzzText: sentences are in-bounds pieces of valid UTF-8 input, months
// are 1–12, numbering is stripped from the front only.
func FuzzText(f *testing.F) {
	for _, s := range []string{"3月15日，学校召开教代会。", "七、八月：疗休养", "（一）民主管理\n1、召开教代会", "十二月；十三月", "\u3000\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, sp := range sentences(s) {
			if sp.start < 0 || sp.end > len(s) || sp.start > sp.end || !utf8.ValidString(s[sp.start:sp.end]) {
				t.Fatalf("sentences(%q): bad span %v", s, sp)
			}
		}
		for _, m := range monthsIn(s) {
			if m < 1 || m > 12 {
				t.Fatalf("monthsIn(%q): month %d", s, m)
			}
		}
		if st := zhtext.StripNumbering(s); !strings.Contains(s, st) {
			t.Fatalf("zhtext.StripNumbering(%q) = %q, not a piece of the input", s, st)
		}
	})
}

func TestBuildHonoursCancel(t *testing.T) {
	docs := fixtureCorpus(t)
	o := testOptions(t)
	o.Org, o.Year = "青松路小学", 2024
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, docs, o); !errors.Is(err, context.Canceled) {
		t.Errorf("Build with a cancelled context: %v", err)
	}
}
