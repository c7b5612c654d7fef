package zhtext

import "testing"

func TestContinuesTitle(t *testing.T) {
	for s, want := range map[string]bool{
		"及2007年工作计划": true, "暨2024年工作要点": true, "和下学期工作打算": true, "与明年工作思路（草案）": false,
		"与明年工作思路）": true, "及时召开职代会，落实提案": false, "和谐校园建设": false, "2007年工作计划": false,
	} {
		if got := ContinuesTitle(s); got != want {
			t.Errorf("ContinuesTitle(%q) = %v, want %v", s, got, want)
		}
	}
}
