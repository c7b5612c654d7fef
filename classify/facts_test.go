package classify

import (
	"regexp"
	"testing"

	"plans/corpus"
)

func TestTitleYearBare(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"2025幼儿园工会计划", 2025},
		{"2016中学工会工作计划", 2016},
		{"2016-2017学校工会计划", 2016},
		{"2000元慰问金发放计划", 0},
		{"2019人参加的运动会方案", 0},
		{"学校2025工会计划", 0},
		{"1234年计划", 0},
	}
	for _, tt := range tests {
		if got := titleYearBare(tt.in); got != tt.want {
			t.Errorf("titleYearBare(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestOrgFromTitle(t *testing.T) {
	tests := []struct{ orig, simp, want string }{
		{"車輛廠中心校度工會工作計劃", "车辆厂中心校度工会工作计划", "車輛廠中心校"},
		{"地区教育工会二○○八年工作要点", "", "地区教育工会"},
		{"长沙市第一中学2013年工会工作计划", "", "长沙市第一中学"},
		{"2014年红星幼儿园工会工作计划", "", "红星幼儿园"},
		{"城关镇中心小学2012—2013学年度第一学期工会工作计划", "", "城关镇中心小学"},
		{"宏达机械有限公司工会2020年工作计划", "", "宏达机械有限公司"},
		{"2012年工会工作计划", "", ""},
		{"教育工会的工作计划 篇五", "", ""},
		{"幼兒園工會工作計劃范文一", "幼儿园工会工作计划范文一", ""},
		{"基层工会工作计划范文1", "", ""},
		{"XX小学工会工作计划", "", ""},
		{"第1篇 青松路小学2022年工会工作总结", "", "青松路小学"},
		{"【篇二】城东小学2023年工会工作计划", "", "城东小学"},
		{"第3篇：區教育工會2021年工作要點", "第3篇：区教育工会2021年工作要点", "區教育工會"},
		{"学校工会工作计划", "", ""},
		{"我校工会工作总结", "", ""},
		{"2018年金桥街道总工会工作计划", "", "金桥街道总工会"},
		{"城关一小2017年工会工作计划", "", "城关一小"},
		{"关于印发《2020年东城区教育工会工作要点》的通知", "", "东城区教育工会"},
		{"區教育工會2018年工作要點", "区教育工会2018年工作要点", "區教育工會"},
		{"某实附小工会工作计划", "", ""},
		{"县直机关工会2018年工作计划", "", ""},
		{"南方科技大学机关工会2022年工作总结", "", "南方科技大学"},
		{"實驗小學東校區工會2020-2021學年第二學期工作計劃", "实验小学东校区工会2020-2021学年第二学期工作计划", "實驗小學東校區"},
		{"教育局机关工会工作计划", "", ""},
		{"2022年XX区第一中学工会工作计划", "", ""},
	}
	for _, tt := range tests {
		simp := tt.simp
		if simp == "" {
			simp = tt.orig
		}
		if got := orgFromTitle(tt.orig, simp); got != tt.want {
			t.Errorf("orgFromTitle(%q) = %q, want %q", tt.orig, got, tt.want)
		}
	}
}

func TestOrgFromText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"充分发挥工会组织的作用，为郭村第一中学的和谐发展、科学发展做出贡献。", "郭村第一中学"},
		{"根据《长沙市教育系统基层学校校务公开工作标准》，进一步加大宣传。", ""},
		{"以区教育工会授予的先进基层教育工会荣誉为鞭策。", ""},
		{"为学校的发展贡献力量。", ""},
		{"为XX中学的发展作出贡献。", ""},
		{"2019年，青山镇中心小学工会在镇党委的正确领导下，团结全体教职工。", "青山镇中心小学"},
		{"本年度，我校工会在学校党支部的领导下开展工作。", ""},
		{"2020年，青山镇总工会在镇党委和县总工会的正确领导下，认真履行工会职责。", "青山镇总工会"},
		{"2020年，某某镇总工会在镇党委的领导下开展工作。", ""},
		{"2021年，光明中学工会在学校党总支和区教育工会的领导下，认真履行职能。", "光明中学"},
		{"我校工会在学校党总支和区教育工会的领导下开展工作。", ""},
		{"作为学校工会主席，一年来我认真履行职责。", ""},
		{"多年来青禾市机电工程学校校工会坚持以服务教职工为中心。", "青禾市机电工程学校"},
		{"近年来，青禾镇中心幼儿园园工会在园党支部的领导下开展工作。", "青禾镇中心幼儿园"},
		{"长期以来江北区第二中学的教职工积极参与工会活动。", "江北区第二中学"},
		{"多年来学校工会坚持以服务教职工为中心。", ""},
		{"2022年柳塘县教育工会工作在县总工会的指导下，稳步推进。", "柳塘县教育工会"},
	}
	for _, tt := range tests {
		rs := []rune(tt.in)
		if got := orgFromText(rs, rs, len(rs)); got != tt.want {
			t.Errorf("orgFromText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrgType(t *testing.T) {
	tests := []struct {
		org, title string
		want       corpus.OrgType
	}{
		{"长沙市信息职业技术学校", "", corpus.OrgVocational},
		{"车辆厂中心校", "", corpus.OrgPrimary},
		{"郭村第一中学", "", corpus.OrgMiddle},
		{"红星幼儿园", "", corpus.OrgKindergarten},
		{"地区教育工会", "", corpus.OrgEducationUnion},
		{"宏达机械有限公司", "", corpus.OrgEnterprise},
		{"江城大学", "", corpus.OrgUniversity},
		{"", "幼儿园工会工作计划范文一", corpus.OrgKindergarten},
		{"", "学校工会工作计划", corpus.OrgUnknown},
	}
	for _, tt := range tests {
		if got := orgTypeOf(tt.org, tt.title); got != tt.want {
			t.Errorf("orgTypeOf(%q, %q) = %s, want %s", tt.org, tt.title, got, tt.want)
		}
	}
}

func TestKind(t *testing.T) {
	clf, _ := testSetup(t)
	tests := []struct {
		name, title, text string
		kind              corpus.Kind
		relevant          bool
	}{
		{"plan", "学校工会工作计划", "学校工会工作计划\n一、指导思想\n工会将围绕学校中心工作，团结全体教职工，认真履行职责。\n二、主要工作\n1、开好教代会。\n2、做好校务公开。",
			corpus.KindPlan, true},
		{"points", "区教育工会2020年工作要点", "区教育工会2020年工作要点\n一、加强思想引领。组织教职工学习。\n二、推进民主管理。各校要开好教代会。",
			corpus.KindPoints, true},
		{"summary by title", "学校工会2019年工作总结", "学校工会2019年工作总结\n一年来，工会开展了各项工作，取得了较好的成绩。\n一、召开了教代会。\n二、组织了教工运动会。",
			corpus.KindSummary, true},
		{"summary under a plan title", "学校工会工作计划", "学校工会工作计划\n本学期，我校工会在党支部领导下开展了一系列工作，取得了可喜的成绩，现将本学期工作总结如下：\n一、召开了教代会，通过了绩效工资方案。\n二、组织了教工篮球赛，丰富了教职工生活。\n三、慰问了生病住院的教职工，发放了慰问金。",
			corpus.KindSummary, true},
		{"a document number is not a citation", "2012年工会工作计划", "青石林场工会文件\n青林工字[2012]3号\n2012年工会工作计划\n根据县总工会工字[2012]1号文件精神，结合我场实际，制定本计划。\n一、指导思想\n以服务职工为宗旨。\n二、主要工作\n1、开好职代会。\n2、做好厂务公开。",
			corpus.KindPlan, true},
		{"a guide to writing summaries", "学校工会工作总结说明", "学校工会工作总结说明\n本文阐述学校工会工作总结的撰写目的和写作技巧。\n一、学校工会工作总结的撰写目的\n1. 回顾总结：全面回顾工会过去一段时间的工作。\n二、学校工会工作总结的写作技巧\n1. 条理清晰：按照逻辑顺序组织内容。",
			corpus.KindOther, false},
		{"speech", "在全镇经济工作会议上的讲话", "同志们：\n今天我们召开全镇经济工作会议。下面，我讲几点意见。\n一、认清形势。今年全镇经济增长10%。\n二、明确任务。要抓好项目建设。",
			corpus.KindOther, false},
		{"unrelated report", "基层工会工作计划范文2", "一、加大投入，提档升级服务平台\n坚持公共财政支持文化建设资金重心下移，促进公共文化资源向基层倾斜。\n二、提升能力，逐步壮大服务队伍\n加强基层文化队伍建设，配备专职文化协管员。",
			corpus.KindOther, false},
		{"article", "煤矿工会安全工作探析", "关键词：煤矿工会；安全；对策\n一、加强思想建设\n工会要提高职工的安全意识。\n参考文献：\n[1]张三.论安全[J].工会研究,2010(1).",
			corpus.KindOther, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "k", tt.title, tt.text)
			clf.Classify(d)
			if d.Kind != tt.kind || d.Relevant != tt.relevant {
				t.Errorf("kind %s relevant %v, want %s %v", d.Kind, d.Relevant, tt.kind, tt.relevant)
			}
		})
	}
}

// The one-pass counter counts what strings.Count counts, list by list.
func FuzzWordCounter(f *testing.F) {
	for _, s := range []string{
		"工会工作总结：一年来，在上级工会的领导下，我们做了很多工作，为了了解职工需求……",
		"了了了解了", "职工代表大会职工之家教工之家", "下面,我讲几点意见。同志们！", "参考文献[J]［J］[12]",
		"", "工会工会工会", "\xff工\xe5会",
	} {
		f.Add(s)
	}
	lists := [numLists][]string{pastWords, notPastWords, planWords, speechWords, academicWords, unionWords, unionCoreWords}
	f.Fuzz(func(t *testing.T, s string) {
		got := kindCounter.count(s)
		for li, words := range lists {
			if want := countWords(s, words); got[li] != want {
				t.Errorf("list %d in %q: counted %d, strings.Count %d", li, s, got[li], want)
			}
		}
	})
}

// reReviewOpenWhole is the single expression reviewOpen splits up.
var reReviewOpenWhole = regexp.MustCompile(`(现|下面|特|今)?(将|就|把)[^。！？\n]{0,40}(总结|回顾|汇报)如下|作[^。！？\n]{0,8}(回顾|总结|汇报)|回顾[^。！？\n]{0,12}(一年|一学期|半年|本学期|本年度|过去|以来)|(一年|半年|一学期|学期|年度)(以)?来[，,]|过去的(一|这)(年|学期)|取得了[^。！？\n]{0,30}(成绩|成效|成果|进步|好评)`)

func FuzzReviewOpen(f *testing.F) {
	for _, s := range []string{
		"现将一年来的工作总结如下：", "一年来，我们", "回顾过去的一年", "作如下总结", "作简要回顾",
		"取得了可喜的成绩", "过去的这学期", "今年将开展", "", "把工作汇报如\n下",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := matchAny(reviewOpen, s), reReviewOpenWhole.MatchString(s); got != want {
			t.Errorf("%q: split expressions %v, whole %v", s, got, want)
		}
	})
}

func TestRuneOffset(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want int
	}{{"工会工作", 2, 6}, {"工会", 5, 6}, {"ab工", 3, 5}, {"", 1, 0}, {"工会", 0, 0}} {
		if got := runeOffset(tt.s, tt.n); got != tt.want {
			t.Errorf("runeOffset(%q, %d) = %d, want %d", tt.s, tt.n, got, tt.want)
		}
	}
}
