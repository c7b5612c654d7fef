package split

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/internal/golden"
	"plans/internal/txtar"
	"plans/internal/zhtext"
	"plans/pipeline/clean"
)

// render shows parts as "== title" followed by the part's text.
func render(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("== " + p.Title + "\n" + p.Text + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestSplitCases runs the page → parts pairs in testdata/cases/*.txtar.
func TestSplitCases(t *testing.T) {
	for _, path := range txtar.Glob(t, "cases/*.txtar") {
		a := txtar.Read(t, path)
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			got := Split(a.Files["input"], strings.TrimSpace(a.Files["hint"]))
			if diff := cmp.Diff(a.Files["want"], render(got)); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", a.Comment, diff)
			}
		})
	}
}

func TestSplitEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n", " \n\u3000\n", "教育工会的工作计划(优选6篇)"} {
		if got := Split(in, "提示"); got != nil {
			t.Errorf("Split(%q) = %q, want no parts", in, got)
		}
	}
}

// TestSplitTitles checks the title of one-document texts.
func TestSplitTitles(t *testing.T) {
	tests := []struct {
		name, text, hint, want string
	}{
		{"title line", "2013年红星小学工会工作计划\n一、指导思想\n团结教职工。", "文件名", "2013年红星小学工会工作计划"},
		{"org then title", "红星小学\n2013年工会工作计划\n一、指导思想", "文件名", "2013年工会工作计划"},
		{"traditional", "新華中學工會工作計劃\n一、指導思想", "文件名", "新華中學工會工作計劃"},
		{"heading first", "一、指导思想\n团结教职工。", "文件名", "文件名"},
		{"body first", "本学期我校工会将围绕学校中心工作开展活动。\n一、加强民主管理。", "文件名", "文件名"},
		{"points", "地区教育工会二○○八年工作要点\n指导思想:以科学发展观为指导。", "", "地区教育工会二○○八年工作要点"},
		{"summary", "2014年度工会工作总结\n一年来，我校工会……", "", "2014年度工会工作总结"},
		{"colon is no title", "月工作安排:\n九月份", "提示", "提示"},
		{"page heading over title", "学校工会工作计划范文\n\n2015年红星小学工会工作计划\n一、指导思想", "", "2015年红星小学工会工作计划"},
		{"single marker", "学校工会工作计划 篇一\n一、指导思想", "", "学校工会工作计划 篇一"},
		{"red header under a part marker", "第一篇:2010工会计划\n东湖区青石林场工会文件\n青林工字[2010]1号\n2010年工会工作计划\n一、指导思想", "", "2010年工会工作计划"},
		{"a guide's title", "学校工会工作总结说明\n本文阐述学校工会工作总结的撰写目的。\n一、撰写目的", "文件名", "学校工会工作总结说明"},
		{"title over two lines", "东岭纺织厂工会2018年工作总结\n及2019年工作计划\n一、工作回顾", "", "东岭纺织厂工会2018年工作总结及2019年工作计划"},
		{"a sentence is no second line", "2018年工会工作总结\n和去年相比，今年的工作有了新起色。\n一、工作回顾", "", "2018年工会工作总结"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := Split(tt.text, tt.hint)
			if len(parts) != 1 {
				t.Fatalf("got %d parts, want 1: %q", len(parts), parts)
			}
			if parts[0].Title != tt.want {
				t.Errorf("title = %q, want %q", parts[0].Title, tt.want)
			}
			if parts[0].Text != strings.TrimSpace(tt.text) {
				t.Errorf("text = %q, want the whole text", parts[0].Text)
			}
		})
	}
}

func TestParseMarker(t *testing.T) {
	tests := []struct {
		line string
		want marker
		ok   bool
	}{
		{"教育工会的工作计划 篇一", marker{family: "trail|篇|chinese", ord: 1, text: "篇一"}, true},
		{"基层工会工作计划范文12", marker{family: "trail|范文|arabic", ord: 12, text: "范文12"}, true},
		{"幼儿园工会工作计划范文二十一", marker{family: "trail|范文|chinese", ord: 21, text: "范文二十一"}, true},
		{"学校工会工作计划【篇２】", marker{family: "trail|篇|arabic", ord: 2, text: "篇２"}, true},
		{"【篇3】", marker{family: "bracket|篇|arabic", ord: 3, bare: true, text: "【篇3】"}, true},
		{"【篇三】2013年工会工作计划", marker{family: "bracket|篇|chinese", ord: 3, text: "【篇三】"}, true},
		{"[第2篇] 学校工会工作计划", marker{family: "bracket|第篇|arabic", ord: 2, text: "[第2篇]"}, true},
		{"篇一：学校工会工作计划", marker{family: "lead|篇|chinese", ord: 1, text: "篇一"}, true},
		{"范文2", marker{family: "lead|范文|arabic", ord: 2, bare: true, text: "范文2"}, true},
		{"第十篇", marker{family: "lead|第篇|chinese", ord: 10, bare: true, text: "第十篇"}, true},
		{"(二)2015年红星小学工会工作总结", marker{family: "paren|chinese", ord: 2, text: "二"}, true},
		{"(二)加强师德建设", marker{}, false},
		{"一、2015年工会工作计划", marker{}, false},
		{"基层工会工作计划范例6篇", marker{}, false},
		{"教育工会的工作计划(优选6篇)", marker{}, false},
		{"要认真阅读范文1，学习其中的写法。", marker{}, false},
		{"篇幅不长", marker{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := parseMarker(tt.line)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, got)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(marker{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestIsDocTitle(t *testing.T) {
	tests := []struct {
		line          string
		loose, strict bool
	}{
		{"江城市第三中学2013年工会工作计划", true, true},
		{"2013年工会工作计划", true, true},
		{"地区教育工会二○○八年工作要点", true, true},
		{"车辆厂中心校度工会工作计划", true, true},
		{"XX小学20XX年工会工作总结", true, true},
		{"新学期工会工作计划", true, true},
		{"学校工会工作计划（征求意见稿）", true, true},
		{"下学期工作计划", true, false},
		{"明年工作打算", true, false},
		{"工作计划", true, false},
		{"学习传达区教育局有关校务公开要点", true, false},
		{"工作目标", false, false},
		{"一、2013年工会工作计划", false, false},
		{"附：工会计划工作行事历", false, false},
		{"月工作安排:", false, false},
		{"制定本学期工会工作计划。", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			sq := zhtext.Squeeze(tt.line)
			if got := isDocTitle(sq, false); got != tt.loose {
				t.Errorf("loose = %v, want %v", got, tt.loose)
			}
			if got := isDocTitle(sq, true); got != tt.strict {
				t.Errorf("strict = %v, want %v", got, tt.strict)
			}
		})
	}
}

// TestSplitGolden cleans and splits an invented three-plan page.
func TestSplitGolden(t *testing.T) {
	page := txtar.Read(t, filepath.Join("testdata", "page.txtar")).Files["page"]
	got := Split(clean.Clean(page).Text, "学校工会工作计划")
	golden.Check(t, "testdata/page.golden", []byte(render(got)+"\n"))
}
