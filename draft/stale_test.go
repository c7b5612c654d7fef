package draft

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestRoller(t *testing.T) {
	tests := []struct {
		name      string
		from, to  int
		in        string
		want      string
		wantKinds []string
	}{
		{
			name: "plan year rolled", from: 2012, to: 2013,
			in:        "2012年是学校发展的关键之年，做好2012年度工会工作。",
			want:      "2013年是学校发展的关键之年，做好2013年度工会工作。",
			wantKinds: []string{FlagRolled, FlagRolled},
		},
		{
			name: "chinese numeral year keeps its zero", from: 2008, to: 2009,
			in:        "二○○八年工作要点",
			want:      "二○○九年工作要点",
			wantKinds: []string{FlagRolled},
		},
		{
			name: "other past year flagged", from: 2012, to: 2013,
			in:        "在2010年创建成功的基础上",
			want:      "在2010年【待更新：2010年为往年，请核实是否仍适用】创建成功的基础上",
			wantKinds: []string{FlagPastYear},
		},
		{
			name: "dated day of the old year", from: 2012, to: 2013,
			in:        "2012年3月8日举行表彰大会",
			want:      "2012年【待更新：沿用2012年的日期，请核实】3月8日举行表彰大会",
			wantKinds: []string{FlagDate},
		},
		{
			name: "school year range", from: 2022, to: 2023,
			in:        "2022-2023学年度第二学期",
			want:      "2022-2023学年度第二学期【待更新：学年度沿用往年，请更新】",
			wantKinds: []string{FlagSchoolYear},
		},
		{
			name: "current period is not flagged", from: 2023, to: 2024,
			in:        "2021—2025年发展规划",
			want:      "2021—2025年发展规划",
			wantKinds: nil,
		},
		{
			name: "five-year plan ended", from: 2023, to: 2024,
			in:        "在“十三五”期间",
			want:      "在“十三五【待更新：“十三五”（2016—2020年）已结束，2024年属“十四五”时期】”期间",
			wantKinds: []string{FlagFiveYearPlan},
		},
		{
			name: "current five-year plan kept", from: 2023, to: 2024,
			in:        "落实“十四五”规划",
			want:      "落实“十四五”规划",
			wantKinds: nil,
		},
		{
			name: "fourteenth plan stale in 2027", from: 2026, to: 2027,
			in:        "落实“十四五”规划",
			want:      "落实“十四五【待更新：“十四五”（2021—2025年）已结束，2027年属“十五五”时期】”规划",
			wantKinds: []string{FlagFiveYearPlan},
		},
		{
			name: "not a five-year plan", from: 2023, to: 2024,
			in:        "共有十二五个小组，第十一五年",
			want:      "共有十二五个小组，第十一五年",
			wantKinds: nil,
		},
		{
			name: "older congress", from: 2012, to: 2013,
			in:        "深入学习贯彻党的十七大精神",
			want:      "深入学习贯彻党的十七大【待更新：此后已召开党的十八大（2012年），请更新提法】精神",
			wantKinds: []string{FlagCongress},
		},
		{
			name: "current congress kept", from: 2023, to: 2024,
			in:        "全面学习贯彻党的二十大精神",
			want:      "全面学习贯彻党的二十大精神",
			wantKinds: nil,
		},
		{
			name: "congress year ahead", from: 2026, to: 2027,
			in:        "学习贯彻党的二十大精神",
			want:      "学习贯彻党的二十大【待更新：2027年将召开党的二十一大，请核实提法】精神",
			wantKinds: []string{FlagCongress},
		},
		{
			name: "welcoming a congress already held", from: 2022, to: 2023,
			in:        "喜迎党的二十大胜利召开",
			want:      "喜迎党的二十大【待更新：党的二十大已于2022年召开，请更新提法】胜利召开",
			wantKinds: []string{FlagCongress},
		},
		{
			name: "a congress after the plan year", from: 0, to: 2013,
			in:        "深入贯彻党的十九大精神，迎接党的十八大",
			want:      "深入贯彻党的十九大【待更新：党的十九大于2017年召开，晚于计划年份，请核实】精神，迎接党的十八大【待更新：党的十八大已于2012年召开，请更新提法】",
			wantKinds: []string{FlagCongress, FlagCongress},
		},
		{
			name: "welcoming the congress of the plan year", from: 2026, to: 2027,
			in:        "喜迎党的二十一大",
			want:      "喜迎党的二十一大",
			wantKinds: nil,
		},
		{
			name: "a peer's later year", from: 0, to: 2013,
			in:        "落实区教育工会2024年工作要点",
			want:      "落实区教育工会2024年【待更新：原文年份（2024年）晚于计划年份，请核实】工作要点",
			wantKinds: []string{FlagOtherYear},
		},
		{
			name: "a base's later year is a target date", from: 2023, to: 2024,
			in:        "到2025年建成模范教工之家",
			want:      "到2025年建成模范教工之家",
			wantKinds: nil,
		},
		{
			name: "a trade-union congress is not the party's", from: 2019, to: 2024,
			in:        "深入贯彻中国工会十七大精神",
			want:      "深入贯彻中国工会十七大精神",
			wantKinds: nil,
		},
		{
			name: "garbled numeral", from: 2008, to: 2013,
			in:        "认真贯彻党的十7大",
			want:      "认真贯彻党的十7大【待更新：此后已召开党的十八大（2012年），请更新提法】",
			wantKinds: []string{FlagCongress},
		},
		{
			name: "plenary session of an older congress", from: 2012, to: 2013,
			in:        "贯彻十七届六中全会精神",
			want:      "贯彻十七届六中全会【待更新：此后已召开党的十八大（2012年），请更新提法】精神",
			wantKinds: []string{FlagCongress},
		},
		{
			name: "dated campaign", from: 2011, to: 2013,
			in:        "深入开展创先争优活动",
			want:      "深入开展创先争优【待更新：“创先争优”为2010—2012年的专题提法，请核实是否仍适用】活动",
			wantKinds: []string{FlagCampaign},
		},
		{
			name: "anniversary", from: 2020, to: 2024,
			in:        "庆祝建党100周年",
			want:      "庆祝建党100周年【待更新：建党100周年为2021年，请核实】",
			wantKinds: []string{FlagAnniversary},
		},
		{
			name: "anniversary of the new year kept", from: 2020, to: 2021,
			in:        "庆祝建党一百周年",
			want:      "庆祝建党一百周年",
			wantKinds: nil,
		},
		{
			name: "term and relative time", from: 2012, to: 2013,
			in:        "去年成绩显著，本学期继续",
			want:      "去年【待更新：原文“去年”指2011年，请核实】成绩显著，本学期【待更新：“本学期”需按新学年核实】继续",
			wantKinds: []string{FlagRelative, FlagSchoolYear},
		},
		{
			name: "session ordinal", from: 2023, to: 2024,
			in:        "召开第七届二次教代会",
			want:      "召开第七届二次【待更新：届次需按新年份核实】教代会",
			wantKinds: []string{FlagOrdinal},
		},
		{
			name: "no base year: every past year flagged, nothing rolled", from: 0, to: 2013,
			in:        "2012年工会工作计划",
			want:      "2012年【待更新：2012年为往年，请核实是否仍适用】工会工作计划",
			wantKinds: []string{FlagPastYear},
		},
		{
			name: "years inside markers are left alone", from: 2012, to: 2013,
			in:        "【待核实：2011年数据】",
			want:      "【待核实：2011年数据】",
			wantKinds: nil,
		},
		{
			name: "not a year", from: 2012, to: 2013,
			in:        "发放慰问金12012年",
			want:      "发放慰问金12012年",
			wantKinds: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := roller{From: tc.from, To: tc.to}
			got, flags := r.apply(tc.in, tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			var kinds []string
			for _, f := range flags {
				kinds = append(kinds, f.Kind)
				if !strings.Contains(tc.in, f.Text) {
					t.Errorf("flag text %q is not in the input", f.Text)
				}
			}
			if diff := cmp.Diff(tc.wantKinds, kinds); diff != "" {
				t.Errorf("flag kinds (-want +got):\n%s", diff)
			}
		})
	}
}

// Detection runs on the simplified view; edits keep the original script.
func TestRollerTraditional(t *testing.T) {
	orig := "貫徹十七屆六中全會精神，本學期開展活動"
	simp := "贯彻十七届六中全会精神，本学期开展活动"
	got, flags := roller{From: 2012, To: 2013}.apply(orig, simp)
	want := "貫徹十七屆六中全會【待更新：此后已召开党的十八大（2012年），请更新提法】精神，本學期【待更新：“本学期”需按新学年核实】開展活動"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(flags) != 2 || flags[0].Text != "十七屆六中全會" || flags[1].Text != "本學期" {
		t.Errorf("flags = %+v, want the traditional texts", flags)
	}
}

func FuzzRoller(f *testing.F) {
	for _, s := range []string{
		"2012年是关键之年", "二○一二年工作要点", "2012年3月8日", "2022-2023学年度第二学期",
		"在“十三五”期间", "学习贯彻党的十七大精神", "喜迎党的二十大", "十七届六中全会", "创先争优",
		"庆祝建党100周年", "去年本学期", "第七届二次教代会", "十二五个", "【待核实】2011年",
	} {
		f.Add(s, 2012, 2013)
	}
	for _, d := range loadCorpusForFuzz(f) {
		f.Add(d, 2023, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, from, to int) {
		if !utf8.ValidString(s) || strings.Contains(s, "【") || strings.Contains(s, "】") {
			return
		}
		from, to = 1990+abs(from)%60, 1990+abs(to)%60
		out, flags := roller{From: from, To: to}.apply(s, s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 output for %q", s)
		}
		for _, f := range flags {
			if !strings.Contains(s, f.Text) {
				t.Fatalf("flag %q not in input %q", f.Text, s)
			}
		}
		// Without rolling, removing the markers gives the input back, and a
		// second pass changes nothing.
		plain, _ := roller{To: to}.apply(s, s)
		if got := stripMarkers(plain); got != s {
			t.Fatalf("markers removed: %q, want %q", got, s)
		}
		again, _ := roller{To: to}.apply(plain, plain)
		if again != plain {
			t.Fatalf("second pass changed %q into %q", plain, again)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n {
			return 0
		}
		return -n
	}
	return n
}

// loadCorpusForFuzz returns the lines of the test corpus.
func loadCorpusForFuzz(f *testing.F) []string {
	var out []string
	for _, d := range loadCorpus(f) {
		out = append(out, strings.Split(d.Text, "\n")...)
	}
	return out
}
