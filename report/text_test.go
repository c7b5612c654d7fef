package report

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

func TestStripNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一、指导思想", "指导思想"},
		{"（二）加强师德建设", "加强师德建设"},
		{"(一)、提高能力,维护群众权益", "提高能力,维护群众权益"},
		{"3、开展文明礼仪普及活动", "开展文明礼仪普及活动"},
		{"4.工会活动要做到有计划", "工会活动要做到有计划"},
		{"⑤做好退休工作", "做好退休工作"},
		{"第六、加强自身建设", "加强自身建设"},
		{"一是加强学习", "加强学习"},
		{"（一）1、加强教代会建设", "加强教代会建设"},
		{"  二、 主要工作：", "主要工作："},
		{"三八妇女节", "三八妇女节"},
		{"一年来工作回顾", "一年来工作回顾"},
		{"10月份活动", "10月份活动"},
		{"(未闭合的括号", "(未闭合的括号"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := stripNumber(tc.in); got != tc.want {
				t.Errorf("stripNumber(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestHeadingKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"一、指导思想", "（一）指导思想："},
		{"二、 主要工作", "2.主要工作"},
		{"三、ＡＢＣ工程", "（三）abc工程"},
	}
	for _, tc := range tests {
		if ka, kb := headingKey(tc.a), headingKey(tc.b); ka != kb || ka == "" {
			t.Errorf("headingKey(%q) = %q, headingKey(%q) = %q; want equal", tc.a, ka, tc.b, kb)
		}
	}
}

func TestActivityLabels(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"庆“三八”活动", []string{"三八活动"}},
		{"三八座谈会", []string{"三八活动"}},
		{"庆祝“五.一劳动节”", []string{"五一活动"}},
		{"教师节联欢活动", []string{"教师节活动", "联欢活动"}},
		{"召开教代会", []string{"教代会"}},
		{"做好教职工的体检工作", []string{"体检"}},
		{"观看电影", []string{"观看电影"}},
		{"1、组织教职工下企业考察。", []string{"组织教职工下企业考察"}},
		{"“优秀金点子”评选活动暨年度工作回顾与展望会议", []string{"优秀金点子评选活动暨年度工作回顾"}},
		{"8月：组织教职工暑期疗休养", []string{"组织教职工暑期疗休养"}},
		{"七、八月份:联系企业参观考察", []string{"联系企业参观考察"}},
		{"3月份工会小组活动", []string{"3月份工会小组活动"}},
		{"。", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got []string
			for _, k := range activityLabels(tc.in) {
				got = append(got, k.label)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("activityLabels(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestEntryActivities(t *testing.T) {
	tests := []struct {
		name string
		e    corpus.CalendarEntry
		want []string
	}{
		{"from activities", corpus.CalendarEntry{Activities: []string{"庆“三八”活动。召开教代会", "工会小组活动"}},
			[]string{"庆“三八”活动", "召开教代会", "工会小组活动"}},
		{"from text", corpus.CalendarEntry{Text: "庆祝教师节；“师德师风”演讲比赛。\n"},
			[]string{"庆祝教师节", "“师德师风”演讲比赛"}},
		{"empty", corpus.CalendarEntry{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, entryActivities(tc.e)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitUnits(t *testing.T) {
	long := strings.Repeat("组织教职工开展读书活动，", 20) + "营造书香校园。"
	tests := []struct {
		name string
		text string
		want []string // the text of each unit
	}{
		{"sentences", "一、指导思想\n以科学发展观为指导，团结动员全校教职工。三八座谈会。\n召开教代会，审议学校发展规划和绩效方案；",
			[]string{"以科学发展观为指导，团结动员全校教职工。", "召开教代会，审议学校发展规划和绩效方案；"}},
		{"no final punctuation", "建立困难教职工档案，做到情况清楚",
			[]string{"建立困难教职工档案，做到情况清楚"}},
		{"long sentence cut at commas", long, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			us := splitUnits(tc.text, tc.text)
			var got []string
			for _, u := range us {
				got = append(got, tc.text[u.start:u.end])
				if u.chars != len([]rune(u.norm)) || u.chars < minUnitChars {
					t.Errorf("unit %q: chars %d, norm %q", tc.text[u.start:u.end], u.chars, u.norm)
				}
			}
			if tc.want != nil {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			}
			if len(us) < 2 || strings.Join(got, "") != long {
				t.Errorf("long sentence split into %q", got)
			}
			for _, u := range us {
				if u.chars > maxUnitChars {
					t.Errorf("unit of %d chars", u.chars)
				}
			}
		})
	}
}

// Offsets come from the original text, the normalised text from the
// simplified view.
func TestSplitUnitsTraditional(t *testing.T) {
	trad := "（一）做好送溫暖工作\n建立困難教職工檔案，做到情況清楚、幫扶及時。"
	simp := "（一）做好送温暖工作\n建立困难教职工档案，做到情况清楚、帮扶及时。"
	us := splitUnits(trad, simp)
	if len(us) != 1 {
		t.Fatalf("%d units, want 1", len(us))
	}
	if got := trad[us[0].start:us[0].end]; got != "建立困難教職工檔案，做到情況清楚、幫扶及時。" {
		t.Errorf("unit text = %q", got)
	}
	if us[0].norm != "建立困难教职工档案做到情况清楚帮扶及时" {
		t.Errorf("unit norm = %q", us[0].norm)
	}
}

func TestSignatureSimilarity(t *testing.T) {
	a := normalize("进一步完善校务公开制度，凡是涉及教职工切身利益的重大事项，都要通过教代会或公开栏向全体教职工公开")
	b := normalize("进一步完善园务公开制度，凡是涉及教职工切身利益的重大事项，都要通过教代会或公开栏向全体教职工公开")
	c := normalize("深入开展安康杯竞赛，组织班组安全员排查隐患，全年实现安全生产零事故")
	if s := similarity(signature(a), signature(a)); s != 1 {
		t.Errorf("identical texts: %v", s)
	}
	if s := similarity(signature(a), signature(b)); s < copyThreshold {
		t.Errorf("one word changed: %v, want ≥ %v", s, copyThreshold)
	}
	if s := similarity(signature(a), signature(c)); s > 0.2 {
		t.Errorf("unrelated texts: %v", s)
	}
}

func TestLogLikelihood(t *testing.T) {
	// Worked example: 10 of 1,000 tokens in the group, 10 of 10,000 in the
	// rest. E1 = 1000·20/11000, E2 = 10000·20/11000.
	ll, e1 := logLikelihood(10, 10, 1000, 10000)
	wantE1 := 1000.0 * 20 / 11000
	wantLL := 2 * (10*math.Log(10/wantE1) + 10*math.Log(10/(10000.0*20/11000)))
	if math.Abs(e1-wantE1) > 1e-9 || math.Abs(ll-wantLL) > 1e-9 {
		t.Errorf("logLikelihood = %v, %v; want %v, %v", ll, e1, wantLL, wantE1)
	}
	if ll < 10.83 {
		t.Errorf("a tenfold overuse of 10 tokens should be significant at p < 0.001: %v", ll)
	}
	if ll, _ := logLikelihood(1, 10, 1000, 10000); ll > 0.1 {
		t.Errorf("expected frequency gives G² %v, want about 0", ll)
	}
}

func TestSimplifier(t *testing.T) {
	d := &corpus.Document{Text: "東山中學工會工作計劃", Simplified: "东山中学工会工作计划"}
	conv := simplifierOf(d)
	tests := []struct{ in, want string }{
		{"東山中學", "东山中学"},
		{"工會計劃", "工会计划"},
		{"教職工", "教職工"}, // runes the document does not hold stay
		{"", ""},
	}
	for _, tc := range tests {
		if got := conv.apply(tc.in); got != tc.want {
			t.Errorf("apply(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if simplifierOf(&corpus.Document{Text: "abc", Simplified: "ab"}) != nil {
		t.Errorf("a misaligned simplified view must not be used")
	}
}

func TestMarkdownEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"a|b", `a\|b`},
		{"**粗体** [链接](x)", `\*\*粗体\*\* \[链接\](x)`},
		{"第一行\n第二行", "第一行 第二行"},
	}
	for _, tc := range tests {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
