package classify

import (
	"testing"

	"plans/corpus"
)

// TestEvidence: the year and the organisation come with where they were
// read, and unknown ones with none.
func TestEvidence(t *testing.T) {
	clf, _ := testSetup(t)
	tests := []struct {
		name, title, text   string
		year                int
		yearFrom, org, from string
	}{
		{"title", "2019年红星小学工会工作计划", "2019年红星小学工会工作计划\n一、主要工作\n召开教代会，组织教职工体检。",
			2019, corpus.FromTitle, "红星小学", corpus.FromTitle},
		{"first sentence", "工会工作总结", "工会工作总结\n2020年，青山镇总工会在镇党委的领导下，认真履行工会职责，取得了新成绩。\n一、组织建设不断加强\n新建工会8家。",
			2020, corpus.FromFirstSentence, "青山镇总工会", corpus.FromFirstSentence},
		{"issuer in brackets", "二〇一七年度教育工會工作要點", "二〇一七年度教育工會工作要點\n（西城區教育工會　二〇一七年二月）\n一、以教代會為載體，推進學校民主管理。\n二、做好困難教職工幫扶工作。",
			2017, corpus.FromTitle, "西城區教育工會", corpus.FromIssuer},
		{"sign-off", "工会工作计划", "工会工作计划\n一、召开教代会，推进校务公开。\n二、组织教职工体检。\n三、开展文体活动，举办运动会。\n江南造船有限公司工会",
			0, "", "江南造船有限公司", corpus.FromSignOff},
		{"none", "工会工作计划", "工会工作计划\n一、召开教代会。\n二、组织教职工体检。",
			0, "", "", ""},
		{"masked", "20XX年XX区第一中学工会工作计划", "20XX年XX区第一中学工会工作计划\n一、召开教代会。",
			0, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "doc", tt.title, tt.text)
			clf.Classify(d)
			if d.Year != tt.year || d.Org != tt.org || d.OrgFrom != tt.from {
				t.Errorf("year %d org %q from %q, want %d %q from %q", d.Year, d.Org, d.OrgFrom, tt.year, tt.org, tt.from)
			}
			if d.YearFrom != tt.yearFrom {
				t.Errorf("year from %q, want %q", d.YearFrom, tt.yearFrom)
			}
		})
	}
}
