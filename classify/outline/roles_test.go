package outline

import (
	"testing"

	"plans/corpus"
)

func TestRoleOf(t *testing.T) {
	tests := []struct {
		heading string
		tag     corpus.Tag
	}{
		{"工作目标", corpus.TagGoals},
		{"指导思想", corpus.TagIdeology},
		{"主要工作及措施", corpus.TagWork},
		{"附：2020年主要活动安排", corpus.TagWork}, // calendar once its children are months
		{"四、每月工作安排", corpus.TagCalendar},
		{"存在的不足", corpus.TagProblems},
		{"今后努力的方向", corpus.TagNextSteps},
		{"2024年工作打算", corpus.TagNextSteps},
		{"一年来取得的成绩", corpus.TagAchievements},
		{"加强师德建设，提升教师素养", ""},
		{"保障措施", corpus.TagOther},
		{"三，口号", corpus.TagOther},
		{"树立一个理念：服务教职工", corpus.TagIdeology},
		{"实现两个目标", corpus.TagGoals},
		{"抓好三项工作", corpus.TagWork},
		{"时间安排", corpus.TagCalendar},
		{"三项工作取得新进展，教职工满意", ""},
	}
	for _, tt := range tests {
		if got := roleOf(headingCore(tt.heading)); got.Tag != tt.tag {
			t.Errorf("roleOf(%q) = %q, want %q", tt.heading, got.Tag, tt.tag)
		}
	}
}

// TestStructural: headings that only name a part of the plan carry no
// work area of their own.
func TestStructural(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"主要工作", true},
		{"主要工作及措施", true},
		{"2016年工作总结", true},
		{"2017年工作计划", true},
		{"工作内容及措施", true},
		{"下半年重点工作", true},
		{"2024年工作要点", true},
		{"主要工作和成绩", true},
		{"加强民主管理工作", false},
		{"重点工作：推进校务公开", false},
	}
	for _, tt := range tests {
		core := headingCore(tt.heading)
		if got := Structural(core, roleOf(core)); got != tt.want {
			t.Errorf("structural(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}
