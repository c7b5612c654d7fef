package names

import (
	"strings"
	"testing"

	"plans/corpus"
)

func TestYear(t *testing.T) {
	tests := []struct {
		in          string
		year        int
		placeholder bool
	}{
		{"2012年工会工作计划", 2012, false},
		{"地区教育工会二○○八年工作要点", 2008, false},
		{"二〇二三年工会工作计划", 2023, false},
		{"滨江区教育工会2021学年度工作要点", 2021, false},
		{"育才中学2012—2013学年第一学期工会工作计划", 2012, false},
		{"2012-2013学年度工会工作计划", 2012, false},
		{"2019年度工会工作总结", 2019, false},
		{"XX年工会工作计划", 0, true},
		{"20__年工会工作计划", 0, true},
		{"20XX年学校工会工作计划", 0, true},
		{"××年度工作计划", 0, true},
		{"学校工会工作计划", 0, false},
		{"时间:2012-05-09 08:50:10", 0, false},
		{"2013年3月5日", 0, false},
		{"实验中学2014——2015学年度工会工作计划", 2014, false},
		{"2012学年第二学期，我校工会将做好以下工作", 2012, false},
		{"二0二三年工会工作计划", 2023, false},
		{"1979年", 0, false},
		{"某年度工作要点", 0, true},
		{"2023年工作总结（20XX年计划附后）", 2023, false},
	}
	for _, tt := range tests {
		y, ph := Year(tt.in)
		if y != tt.year || ph != tt.placeholder {
			t.Errorf("Year(%q) = %d, %v; want %d, %v", tt.in, y, ph, tt.year, tt.placeholder)
		}
	}
}

func TestFollowedByMonth(t *testing.T) {
	for s, want := range map[string]bool{
		"2012年3月5日": true, "2012年十二月": true, "2012年12月": true, "2012年工会": false,
		"2012年": false, "2012年1234月": false, "2012年月": false,
	} {
		i := strings.Index(s, "年") + len("年")
		if got := followedByMonth(s, i); got != want {
			t.Errorf("followedByMonth(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestOrgs(t *testing.T) {
	for _, tc := range []struct {
		in       string
		clean    string
		suffix   string
		typ      corpus.OrgType
		specific bool
	}{
		{"江城市第三中学工会", "江城市第三中学", "中学", corpus.OrgMiddle, true},
		{"城关一小", "城关一小", "一小", corpus.OrgPrimary, true},
		{"南方科技大学机关", "南方科技大学", "大学", corpus.OrgUniversity, true},
		{"县教育局工会委员会", "县教育局", "教育局", corpus.OrgEducationUnion, false},
		{"我校工会", "", "", corpus.OrgUnknown, false},
		{"XX小学", "XX小学", "小学", corpus.OrgPrimary, false},
		{"某某中学", "某某中学", "中学", corpus.OrgMiddle, false},
		{"学校工会", "学校", "学校", corpus.OrgUnknown, false},
		{"红星机械有限公司", "红星机械有限公司", "有限公司", corpus.OrgEnterprise, true},
		{"团结", "", "", corpus.OrgUnknown, false},
	} {
		clean := Clean(tc.in)
		if clean != tc.clean {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, clean, tc.clean)
		}
		suf, typ, ok := OrgSuffix(clean)
		if suf != tc.suffix || typ != tc.typ || ok != (tc.suffix != "") {
			t.Errorf("OrgSuffix(%q) = %q, %v, %v; want %q, %v", clean, suf, typ, ok, tc.suffix, tc.typ)
		}
		if got := Specific(clean); got != tc.specific {
			t.Errorf("Specific(%q) = %v, want %v", clean, got, tc.specific)
		}
	}
	for s, want := range map[string]bool{"XX学校": true, "××中学": true, "某单位": true, "20__年": true, "光明中学": false, "2023年计划": false} {
		if got := Placeholder(s); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzYear(f *testing.F) {
	for _, s := range []string{"2012年工会工作计划", "二〇二三年", "20XX年", "2012年3月5日", "２０１２年", "二0二三学年度"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, ph := Year(s)
		if y != 0 && (y < 1980 || y > 2100) {
			t.Errorf("Year(%q) = %d, out of range", s, y)
		}
		if ph && y != 0 {
			t.Errorf("Year(%q) = %d with a placeholder", s, y)
		}
		if y != 0 && !strings.Contains(s, "年") {
			t.Errorf("Year(%q) = %d without 年", s, y)
		}
	})
}
