package outline

import (
	"testing"
)

func TestIsDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2019年2月", true},
		{"二〇二〇年一月十日", true},
		{"二○二二年二月", true},
		{"2024年2月20日", true},
		{"（2013年2月）", true},
		{"20__年__月__日", true},
		{"XX年XX月XX日", true},
		{"2021-09-01", true},
		{"2月20日", true},
		{"2019年", true},
		{"2018年工会工作计划", false},
		{"附:2019年工会工作安排", false},
		{"附：2020年主要活动安排", false},
		{"12月", false},
		{"九月份", false},
		{"2012年是学校发展的关键一年", false},
	}
	for _, tt := range tests {
		if got := isDateLine(tt.in); got != tt.want {
			t.Errorf("isDateLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSignatureLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"溪北区教育工会", true},
		{"城南实验小学工会委员会", true},
		{"桐溪市交通职业技术学校工会", true},
		{"XX学校工会", true},
		{"江北区第二实验小学", true},
		{"城南实验小学工会　2024年2月20日", true},
		{"二〇二〇年一月十日", true},
		{"（盖章）", true},
		{"工会", false},
		{"加强工会自身建设", false},
		{"12月：工会工作总结。", false},
		{"11-12月:教工登山比赛;工会工作总结。", false},
		{"做好各项工作，为学校发展作出贡献。", false},
	}
	for _, tt := range tests {
		if got := signatureLine(tt.in); got != tt.want {
			t.Errorf("signatureLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
