package draft

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plans/internal/zhtext"

	"github.com/google/go-cmp/cmp"
)

func TestLead(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"（一）加强民主管理,提升民主意识。", "加强民主管理,提升民主意识"},
		{"2、加强教代会工作，不断提高教代会工作水平。", "加强教代会工作，不断提高教代会工作水平"},
		{"一、 指导思想 ", "指导思想"},
		{"附：工会计划工作行事历", "工会计划工作行事历"},
		{"(3) 做好送温暖工作；慰问困难教职工", "做好送温暖工作"},
		{"③组织春游", "组织春游"},
		{"一是加强学习，二是改进作风", "加强学习，二是改进作风"},
		{"第一、建立健全制度", "建立健全制度"},
		{"1.开展读书活动", "开展读书活动"},
		{"五.一劳动节慰问一线职工", "五.一劳动节慰问一线职工"},
		{"5.1前后组织踏青", "5.1前后组织踏青"},
		{"三八节活动", "三八节活动"},
		{"其次，加强对教职工的培训", "加强对教职工的培训"},
		{"## 全年工作安排", "全年工作安排"},
		{"**（二）校务公开**", "校务公开**"},
		// Longer than 40 runes: cut at the last comma before the limit.
		{
			"1、我校工会组织要切实履行好维护职能，在教育的改革和发展中维护教职工在政治上的民主权益经济上的劳动权益",
			"我校工会组织要切实履行好维护职能",
		},
		// No comma: cut at 40 runes.
		{
			"积极组织教职工参加上级工会举办的各类文体比赛并争取在比赛中取得优异成绩为学校争光添彩再创佳绩",
			"积极组织教职工参加上级工会举办的各类文体比赛并争取在比赛中取得优异成绩为学校争光",
		},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := lead(tc.in, maxLead)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("lead (-want +got):\n%s", diff)
			}
			if !strings.Contains(tc.in, got) {
				t.Errorf("lead %q is not a substring of %q", got, tc.in)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	in := "以习近平新时代中国特色社会主义思想为指导，深入学习宣传贯彻党的二十大精神，认真履行工会维护、建设、参与、教育四项职能。第二句不要。"
	got := excerpt(in, 40)
	want := "以习近平新时代中国特色社会主义思想为指导，深入学习宣传贯彻党的二十大精神，"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := excerpt("短句。第二句", 40); got != "短句。" {
		t.Errorf("excerpt(short) = %q", got)
	}
}

func TestSimilar(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"召开教代会", "召开第七届二次教代会", true},
		{"庆祝教师节", "庆祝教师节，表彰师德标兵", true},
		{"组织教职工年度体检", "组织教职工年度体检。", true},
		{"组织教职工暑期疗休养", "組織教職工暑期療休養", false}, // compared as written; Build simplifies first
		{"工会工作总结", "工会年度总结", false},
		{"开展庆“三八”系列活动", "组织教职工趣味运动会", false},
		{"", "召开教代会", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			if got := similar(grams(tc.a), grams(tc.b), 0.5); got != tc.want {
				t.Errorf("similar(%q, %q) = %v, want %v (jaccard %.2f)", tc.a, tc.b, got, tc.want, jaccard(grams(tc.a), grams(tc.b)))
			}
		})
	}
}

func TestClusterer(t *testing.T) {
	c := newClusterer(0.5)
	texts := []string{"庆祝教师节", "组织教职工暑期疗休养", "庆祝教师节，表彰优秀教师", "暑期组织教职工疗休养", "工会年度总结"}
	var got []int
	for _, s := range texts {
		g := grams(s)
		ci := c.find(g)
		if ci < 0 {
			ci = c.add(g)
		}
		got = append(got, ci)
	}
	if diff := cmp.Diff([]int{0, 1, 0, 1, 2}, got); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

func FuzzLead(f *testing.F) {
	for _, s := range []string{"（一）加强民主管理,提升民主意识。", "1.开展读书活动", "五.一劳动节", "一是加强学习", "③组织春游", "附：行事历"} {
		f.Add(s)
	}
	for _, s := range loadCorpusForFuzz(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := lead(s, maxLead)
		if !utf8.ValidString(got) {
			t.Fatalf("lead(%q) = %q: invalid UTF-8", s, got)
		}
		if !strings.Contains(s, got) {
			t.Fatalf("lead(%q) = %q: not a substring", s, got)
		}
		if n := utf8.RuneCountInString(got); n > maxLead {
			t.Fatalf("lead(%q) has %d runes", s, n)
		}
		// A lead is its own lead (unless it still starts like numbering:
		// stripping stops after three layers).
		if zhtext.StripNumbering(got) == got {
			if again := lead(got, maxLead); again != got {
				t.Fatalf("lead not idempotent: %q → %q → %q", s, got, again)
			}
		}
		ex := excerpt(s, 80)
		if !strings.Contains(s, ex) || !utf8.ValidString(ex) {
			t.Fatalf("excerpt(%q) = %q", s, ex)
		}
	})
}
