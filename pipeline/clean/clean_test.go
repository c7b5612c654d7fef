package clean

import (
	"unicode/utf8"

	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"plans/internal/golden"
	"plans/internal/txtar"
	"plans/internal/zhtext"
)

// TestCleanCases runs the input → cleaned text / removed lines pairs in
// testdata/cases/*.txtar.
func TestCleanCases(t *testing.T) {
	for _, path := range txtar.Glob(t, "cases/*.txtar") {
		a := txtar.Read(t, path)
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			got := Clean(a.Files["input"])
			if diff := cmp.Diff(a.Files["want"], got.Text); diff != "" {
				t.Errorf("%s\ntext (-want +got):\n%s", a.Comment, diff)
			}
			var wantRemoved []string
			if r := a.Files["removed"]; r != "" {
				wantRemoved = strings.Split(r, "\n")
			}
			if diff := cmp.Diff(wantRemoved, got.Removed, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			again := Clean(got.Text)
			if again.Text != got.Text || len(again.Removed) != 0 {
				t.Errorf("not idempotent: second pass removed %q", again.Removed)
			}
		})
	}
}

// TestCleanRemovesLine checks single noise lines in the middle of a page:
// each must go, and the plan around it must stay as written.
func TestCleanRemovesLine(t *testing.T) {
	before, after := planAround[0], planAround[1]
	tests := []struct {
		name string
		line string
	}{
		{"site banner", "九九范文帮"},
		{"site note in brackets", "（本文由网友投稿，仅供参考）"},
		{"a forum table's empty cell", "|"},
		{"a table rule", "|---|---|"},
		{"site note in square brackets", "【本文来源于网络，如有侵权请联系删除】"},
		{"site banner traditional", "九九範文幫"},
		{"site with address", "第一范文网 www.diyifanwen.com"},
		{"generic site name with address", "好文库 www.haowenku.net"},
		{"unknown 范文 site", "好学范文网"},
		{"publishing time", "时间:2012-05-09 08:50:10"},
		{"publishing date field", "发布日期：2013年04月12日"},
		{"date and author", "2013-04-12 09:30 来源：网络 作者：佚名"},
		{"press time", "发稿时间：2017-03-10 08:42:00 来源：人民日报海外版"},
		{"ranking header", "48小时点击排行"},
		{"author", "作者：佚名"},
		{"counter", "浏览：1234次"},
		{"share", "分享到："},
		{"buttons", "WORD下载 | PDF下载 | 投诉"},
		{"top", "TOP"},
		{"back to top", "返回顶部"},
		{"scan to share", "手机扫码分享"},
		{"click to download", "点击下载"},
		{"previous", "上一篇：2012年工会工作总结"},
		{"source", "本文来源于网络，如有侵权请联系删除"},
		{"url", "https://www.example.com/gonghui/123.html"},
		{"breadcrumb", "您的位置：首页 > 范文 > 工作计划"},
		{"icp", "京ICP备05012345号-1"},
		{"copyright", "Copyright ©2010-2020 All Rights Reserved"},
		{"rights", "版权所有 未经授权禁止转载"},
		{"spam", "亚洲精品一二三区-久久"},
		{"spam two words", "澳门新葡京 娱乐城"},
		{"spam weak words", "久久精品视频 日韩高清"},
		{"foreword", "前言：小编为你整理了工会工作计划范文，希望对你有所帮助。"},
		{"blurb", "以下是本站精心为大家整理的工会工作计划，仅供参考，欢迎阅读。"},
		{"chatbot sign-off", "希望这份计划对您有帮助！"},
		{"chatbot offer", "如果您需要根据学校实际情况进一步调整，请告诉我。"},
		{"category dump", "工作总结工作计划述职报告心得体会演讲稿"},
		{"title dump", "2013年工会工作计划 学校工会工作总结 幼儿园工会工作计划"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := before + "\n" + tt.line + "\n" + after
			got := Clean(in)
			if diff := cmp.Diff(before+"\n"+after, got.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{tt.line}, got.Removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
}

// planAround is a plan long enough that a line between its halves is
// neither at the top nor at the bottom of the page.
var planAround = [2]string{
	"2015年光明小学工会工作计划\n一、指导思想\n以党的教育方针为指导，团结广大教职工。\n二、工作目标\n1、校务公开覆盖面达到100%。\n2、教职工满意率达到90%以上。\n三、主要工作\n（一）加强民主管理\n1、召开教代会，审议学校发展规划。",
	"2、坚持校务公开，每月公开一次财务收支。\n（二）关心教职工生活\n1、做好教职工体检和疗休养工作。\n2、走访慰问困难教职工。\n（三）丰富文体生活\n1、组织教职工运动会。\n2、开展迎新年联欢活动。\n四、工作要求\n各工会小组要认真落实本计划。",
}

// TestCleanKeepsLine checks plan lines that look a little like noise.
func TestCleanKeepsLine(t *testing.T) {
	lines := []string{
		"三、推进校务公开，做到重大事项及时公开、公示。",
		"（此件主动公开）",
		"| 月份 | 工作内容 |",
		"9月 | 召开教代会",
		"（2013年3月）",
		"（本计划经教代会讨论通过）",
		"组织骨干教师分享经验，开展“一帮一”结对活动。",
		"教职工可在工会网页下载学习资料。",
		"时间：20XX年3月至6月",
		"活动时间：每月第一周周三下午",
		"经费来源：学校行政按规定拨缴。",
		"作者投稿的优秀论文汇编成册。",
		"精品课程建设久久为功，扎实推进。",
		"组织观看电影《焦裕禄》。",
		"做好成人教育招生宣传工作，免费提供培训资料。",
		"首届“师德之星”评选活动方案",
		"附：工会计划工作行事历",
		"XX年XX月XX日",
		"时间：2013-09-10",
		"2013-09-10",
		"2013年5月9日",
		"长沙市信息职业技术学校工会",
		"相关工作要求",
		"学习工会法相关内容。",
		"下学期工作计划",
		"希望全体教职工积极参与，共同建设教工之家。",
		"如有不明之处，请及时与工会联系。",
		"本学期工会将围绕学校中心工作开展活动。",
		"学习国家“十二五”规划，开展教育科研活动。",
		"3、开展",
	}
	for _, l := range lines {
		t.Run(l, func(t *testing.T) {
			in := planAround[0] + "\n" + l + "\n" + planAround[1]
			got := Clean(in)
			if got.Text != in || len(got.Removed) != 0 {
				t.Errorf("line %q: removed %q", l, got.Removed)
			}
		})
	}
}

// TestCleanEdges checks the rules that depend on position.
func TestCleanEdges(t *testing.T) {
	body := []string{
		"2015年光明小学工会工作计划",
		"一、指导思想",
		"以党的教育方针为指导，团结广大教职工，推进学校民主管理。",
		"二、主要工作",
		"1、召开教代会，审议学校发展规划。",
		"2、开展三八节、教师节慰问活动。",
		"3、做好教职工体检和疗休养工作。",
		"4、组织教职工运动会和迎新联欢会。",
		"5、做好困难教职工帮扶工作。",
		"6、加强工会自身建设，规范经费管理。",
		"7、关心退休教职工生活。",
		"8、做好女教职工权益保护工作。",
	}
	blurb := "以下是为大家整理的工会工作计划范文，欢迎借鉴。"
	t.Run("blurb at the top goes", func(t *testing.T) {
		got := Clean(blurb + "\n" + strings.Join(body, "\n"))
		if diff := cmp.Diff([]string{blurb}, got.Removed); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("same words mid-plan stay", func(t *testing.T) {
		// Twelve plan lines on either side: neither the top nor the bottom.
		in := strings.Join(body, "\n") + "\n" + blurb + "\n" + strings.Join(body[1:], "\n")
		got := Clean(in)
		if len(got.Removed) != 0 {
			t.Errorf("removed %q", got.Removed)
		}
	})
	t.Run("date under the title goes", func(t *testing.T) {
		date := "日期：2013-04-12"
		got := Clean(body[0] + "\n" + date + "\n" + strings.Join(body[1:], "\n"))
		if diff := cmp.Diff([]string{date}, got.Removed); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("footer repeating the title goes", func(t *testing.T) {
		in := strings.Join(body, "\n") + "\n\n" + body[0]
		got := Clean(in)
		if diff := cmp.Diff([]string{body[0]}, got.Removed); diff != "" {
			t.Error(diff)
		}
		if got.Text != strings.Join(body, "\n") {
			t.Errorf("text changed:\n%s", got.Text)
		}
	})
}

// TestCleanGolden cleans an invented saved page with every kind of noise.
func TestCleanGolden(t *testing.T) {
	a := txtar.Read(t, filepath.Join("testdata", "page.txtar"))
	got := Clean(a.Files["page"])
	var b strings.Builder
	b.WriteString(got.Text)
	b.WriteString("\n\n==== removed ====\n")
	for _, r := range got.Removed {
		b.WriteString(r + "\n")
	}
	golden.Check(t, "testdata/page.golden", []byte(b.String()))
}

func TestTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2013年工会工作计划_九九范文帮", "2013年工会工作计划"},
		{"學校工會工作計劃 - 九九範文幫", "學校工會工作計劃"},
		{"教育工会的工作计划(优选6篇)", "教育工会的工作计划(优选6篇)"},
		{"2013-2014学年第一学期工会工作计划", "2013-2014学年第一学期工会工作计划"},
		{"九九范文帮", ""},
		{"  ", ""},
		{"两行\n标题", "两行 标题"},
	}
	for _, tt := range tests {
		if got := Title(tt.in); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRuneLenUpTo(f *testing.F) {
	f.Add("工会工作计划", 3)
	f.Add("abc", 0)
	f.Add("\xff\xfe工", 2)
	f.Add("工 会\u3000工作", 3)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 0 || limit > 1000 {
			return
		}
		want := min(utf8.RuneCountInString(s), limit+1)
		if got := runeLenUpTo(s, limit); got != want {
			t.Errorf("runeLenUpTo(%q, %d) = %d, want %d", s, limit, got, want)
		}
		want = min(utf8.RuneCountInString(zhtext.Squeeze(s)), limit+1)
		if got := nonSpaceUpTo(s, limit); got != want {
			t.Errorf("nonSpaceUpTo(%q, %d) = %d, want %d", s, limit, got, want)
		}
	})
}

// TestCleanSiteFurnitureInContext: site notices, pagination, anti-copy junk
// and portal footers go; plan lines that share a word with them stay.
func TestCleanSiteFurnitureInContext(t *testing.T) {
	before, after := planAround[0], planAround[1]
	removed := []string{
		"版权说明：本文档由用户上传，仅供学习交流，如有侵权请联系网站客服。",
		"网站客服QQ：2850011234",
		"2、下载的文档不会出现我们的网址水印。",
		"扫一扫在手机打开当前页",
		"_第2页",
		"第 3 页 共 5 页",
		"全文预览已结束",
		"下载本文档",
		"Q[]7Y@kPe",
		"|tF",
		"主办：某某区教育局 制作：某某区教育信息中心 技术支持：某某网络公司",
		"本站文章来源于网络，如有侵权请联系删除。",
		"版权所有 © 2019 某某区教育局",
		"更多工会工作计划相关文章请访问本站",
		"点击上方蓝字关注我们",
		"首页 > 总结 > 工会工作总结",
		"AI写作,ChatGPT",
		"原创 阳光工会 阳光实验学校 2021-09-06 08:30",
		"长按识别二维码关注我们",
		"本文已影响 2345 人",
		"【以上就是本站整理的工会工作计划，更多精彩请关注本站】",
	}
	for _, l := range removed {
		t.Run(l, func(t *testing.T) {
			got := Clean(before + "\n" + l + "\n" + after)
			if diff := cmp.Diff(before+"\n"+after, got.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{l}, got.Removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
	kept := []string{
		"1、加强网络阵地管理，教职工不得转载、传播未经核实的信息。",
		"2、尊重知识产权，校本教材未经授权不得复制。",
		"3、工会网站：http://www.example.edu.cn/gh",
		"教职工可登录工会网站下载学习资料，咨询电话：0571-88886666。",
		"组织教职工学习《著作权法》，不得转载他人作品。",
		"ISO9001",
		"3.5%",
		"Wi-Fi",
		"第2页的表格由各工会小组填写。",
		"整合教育资源，提供课件下载服务。",
		"所以你如果要在文档中插入一个版权符号 ©，你可以这样写：",
		"& 字符尤其让网络文档编写者受折磨，如果你要打「AT&T」，你必须要写成「AT&amp;T」。而网址中的 & 字符也要转换。比如你要链接到：",
		"AT&T",
		"AT&amp;T",
		"扫码下载学习资料。",
	}
	for _, l := range kept {
		t.Run(l, func(t *testing.T) {
			in := before + "\n" + l + "\n" + after
			if got := Clean(in); got.Text != in {
				t.Errorf("line %q: removed %q", l, got.Removed)
			}
		})
	}
}

// TestCleanNoticeBlock: a notice label goes with the notices under it.
func TestCleanNoticeBlock(t *testing.T) {
	in := "文档简介\n版权说明：本文档由用户上传，仅供学习交流。\n温馨提示：\n1、本站不保证下载资源的准确性、安全性和完整性。\n" +
		planAround[0] + "\n" + planAround[1]
	got := Clean(in)
	if want := planAround[0] + "\n" + planAround[1]; got.Text != want {
		t.Errorf("text:\n%s\nremoved %q", got.Text, got.Removed)
	}
}

// TestCleanInlineArtefacts: pinyin glosses and site addresses dropped into
// sentences are cut out of the line, which keeps the rest as written.
func TestCleanInlineArtefacts(t *testing.T) {
	tests := []struct{ in, want, cut string }{
		{"二、工作目標(biāo)", "二、工作目標", "(biāo)"},
		{"組織教職工參加區(qū)教工運動會。", "組織教職工參加區教工運動會。", "(qū)"},
		{"组织教职工〔wWw.fanwen123.com.Cn〕开展健身活动。", "组织教职工开展健身活动。", "〔wWw.fanwen123.com.Cn〕"},
		{"做好送温暖工作，范文汇 www.fanwenhui.com 关心困难教职工。", "做好送温暖工作，关心困难教职工。", "范文汇 www.fanwenhui.com"},
		{"一、组织员工学习（提醒您:请根据实际修改）全会精神。", "一、组织员工学习全会精神。", "（提醒您:请根据实际修改）"},
		{"[table=100%,#ffffff] 一是抓好教职工技能竞赛。", "一是抓好教职工技能竞赛。", "[table=100%,#ffffff]"},
		{"二是抓好民办学校工会组织建设。 |", "二是抓好民办学校工会组织建设。", "|"},
		{"[color=red]三是抓好维权工作。", "三是抓好维权工作。", "[color=red]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			in := planAround[0] + "\n" + tt.in + "\n" + planAround[1]
			got := Clean(in)
			if want := planAround[0] + "\n" + tt.want + "\n" + planAround[1]; got.Text != want {
				t.Errorf("text has %q", strings.Split(got.Text, "\n")[9])
			}
			if diff := cmp.Diff([]string{tt.cut}, got.Removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
	// English in brackets and URLs in a field stay.
	for _, l := range []string{"学习《工会法》(2021年修订)。", "报名网址：www.example.com", "参加(APEC)会议服务工作。"} {
		in := planAround[0] + "\n" + l + "\n" + planAround[1]
		if got := Clean(in); got.Text != in {
			t.Errorf("%q: removed %q", l, got.Removed)
		}
	}
}

// TestCleanCategoryPrefix: a site's category glued before the title on
// the same line is cut; a title that starts with a plain word is kept.
func TestCleanCategoryPrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"工作计划 城西第二小学2019年工会工作计划", "城西第二小学2019年工会工作计划"},
		{"工作总结 公司工会2019年第一季度工作总结", "公司工会2019年第一季度工作总结"},
		{"2019年 城西小学工会工作计划", "2019年 城西小学工会工作计划"},
		{"工会工作总结光明中学工会2021年度工作总结", "光明中学工会2021年度工作总结"},
		{"工作总结暨2020年工会工作计划", "工作总结暨2020年工会工作计划"},
		{"学校工会工作计划", "学校工会工作计划"},
		{"学校工作总结 城南中学工会2019年工作总结", "城南中学工会2019年工作总结"},
		{"城南中学工作计划 城南中学2019年工会工作计划", "城南中学工作计划 城南中学2019年工会工作计划"},
		{"城西小学 2019年工会工作计划", "城西小学 2019年工会工作计划"},
	}
	for _, tt := range tests {
		got := Clean(tt.in + "\n" + planAround[1])
		if first := strings.Split(got.Text, "\n")[0]; first != tt.want {
			t.Errorf("%q: first line %q, want %q", tt.in, first, tt.want)
		}
	}
}

// TestCleanGluedBreadcrumb: a breadcrumb whose separators were lost goes at
// the top of a page; a line that starts with 首页 in the plan stays.
func TestCleanGluedBreadcrumb(t *testing.T) {
	got := Clean("首页总结工会工作总结\n" + planAround[0] + "\n" + planAround[1])
	if diff := cmp.Diff([]string{"首页总结工会工作总结"}, got.Removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	in := planAround[0] + "\n首页展示工会工作计划和总结\n" + planAround[1]
	if got := Clean(in); got.Text != in {
		t.Errorf("removed %q from the middle", got.Removed)
	}
}

// TestCleanWatermark: a site's name glued to the start of several lines is
// cut wherever it stands; a phrase that only opens two lines of the plan
// stays.
func TestCleanWatermark(t *testing.T) {
	in := "学校工会工作计划\n" +
		"好学范文在线网一、加强民主管理\n" +
		"好学范文在线网按时召开教代会，推进校务公开。\n" +
		"二、关心教职工生活\n" +
		"好学范文在线网2、春节前走访慰问困难教职工。\n" +
		"好学范文在线网整理，组织教职工登山比赛。"
	want := "学校工会工作计划\n" +
		"一、加强民主管理\n" +
		"按时召开教代会，推进校务公开。\n" +
		"二、关心教职工生活\n" +
		"2、春节前走访慰问困难教职工。\n" +
		"整理，组织教职工登山比赛。"
	got := Clean(in)
	if diff := cmp.Diff(want, got.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if n := strings.Count(strings.Join(got.Removed, "\n"), "好学范文在线网"); n != 4 {
		t.Errorf("removed %q, want the name 4 times", got.Removed)
	}
	keep := "学校工会工作计划\n一、建设职工之家\n职工之家书屋新添图书二百册。\n职工之家书屋每周开放三次。\n二、关心教职工生活\n春节前走访慰问困难教职工。"
	if got := Clean(keep); got.Text != keep {
		t.Errorf("a plan's own phrase was cut: %q", got.Removed)
	}
}

func FuzzWatermark(f *testing.F) {
	f.Add("好学范文在线网一、加强\n好学范文在线网二、关心\n好学范文在线网三")
	f.Add("职工之家书屋\n职工之家书屋建设")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		lines := strings.Split(s, "\n")
		w := watermark(lines)
		if w == "" {
			return
		}
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(zhtext.TrimSpace(l), w) {
				n++
			}
		}
		if n < 2 || utf8.RuneCountInString(w) < 5 {
			t.Fatalf("watermark %q opens %d lines", w, n)
		}
	})
}
