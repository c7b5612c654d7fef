package reader

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/docx"
	"plans/internal/fixture"
	"plans/internal/golden"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// planText is testdata/plan.txt as the readers should return it.
func planText(t testing.TB) string {
	return strings.TrimRight(string(readTestdata(t, "plan.txt")), "\n")
}

func tradText(t testing.TB) string {
	return strings.TrimRight(string(readTestdata(t, "plan_trad.txt")), "\n")
}

func mustRead(t testing.TB, name string, data []byte) Result {
	t.Helper()
	res, err := Read(context.Background(), name, data, DefaultLimits())
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	checkContract(t, res)
	return res
}

// checkContract asserts what every Result promises.
func checkContract(t testing.TB, res Result) {
	t.Helper()
	if !utf8.ValidString(res.Text) {
		t.Errorf("text is not valid UTF-8")
	}
	if strings.ContainsAny(res.Text, "\r\x00") {
		t.Errorf("text contains \\r or NUL")
	}
	for _, r := range res.Text {
		if r < 0x20 && r != '\n' && r != '\t' {
			t.Errorf("text contains control character %U", r)
			break
		}
	}
	n := strings.Count(res.Text, "\n") + 1
	for _, h := range res.Headings {
		if h.Line < 0 || h.Line >= n || h.Level < 1 || h.Level > 9 {
			t.Errorf("heading %+v out of range (%d lines)", h, n)
		}
	}
	if strings.ContainsAny(res.Title, "\n\r\t") {
		t.Errorf("title %q holds line breaks", res.Title)
	}
}

func TestReadTextEncodings(t *testing.T) {
	simplified := planText(t)
	traditional := tradText(t)
	tests := []struct {
		enc, want string
		text      string
	}{
		{"utf-8", "utf-8", simplified},
		{"utf-8-bom", "utf-8-bom", simplified},
		{"gbk", "gb18030", simplified},
		{"gb2312", "gb18030", simplified},
		{"gb18030", "gb18030", simplified},
		{"big5", "big5", traditional},
		{"utf-16le", "utf-16le", simplified},
		{"utf-16le-bom", "utf-16le", simplified},
		{"utf-16be", "utf-16be", simplified},
		{"utf-16be-bom", "utf-16be", simplified},
		{"utf-16le", "utf-16le", traditional},
		{"gbk", "gb18030", traditional},
		// Two-line snippets: detection must not need a long text.
		{"gbk", "gb18030", "二、工作目标\n送温暖工作覆盖全体困难教职工。"},
		{"big5", "big5", "三、每月工作安排\n九月：慶祝教師節，慰問全體教職工。"},
		{"utf-16le", "utf-16le", "工会工作计划\n一、指导思想"},
	}
	for _, tc := range tests {
		t.Run(tc.enc+"/"+firstLine(tc.text), func(t *testing.T) {
			data := fixture.Encode(tc.text, tc.enc)
			res := mustRead(t, "计划.txt", data)
			want := fixture.Encodable(tc.text, tc.enc)
			if diff := cmp.Diff(want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Encoding != tc.want || res.Format != "txt" {
				t.Errorf("encoding, format = %q, %q; want %q, txt", res.Encoding, res.Format, tc.want)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
		})
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	if utf8.RuneCountInString(l) > 6 {
		l = string([]rune(l)[:6])
	}
	return l
}

func TestReadTextOddities(t *testing.T) {
	gbk := fixture.Encode("一、指导思想\n以人为本。", "gbk")
	tests := []struct {
		name     string
		file     string
		data     []byte
		want     string
		enc      string
		format   string
		warnings int
	}{
		{"crlf and lone cr", "a.txt", []byte("第一行\r\n第二行\r第三行\n"), "第一行\n第二行\n第三行", "utf-8", "txt", 0},
		{"nul and control characters", "a.txt", []byte("工会\x00工作\x07计划\f附件"), "工会工作计划\n附件", "utf-8", "txt", 0},
		{"mostly utf-8 with a bad byte", "a.txt", append([]byte(strings.Repeat("工会工作计划，", 40)), 0xFF, '!'),
			strings.Repeat("工会工作计划，", 40) + "\uFFFD!", "utf-8", "txt", 1},
		{"gbk cut in the middle of a character", "a.txt", gbk[:len(gbk)-1], "一、指导思想\n以人为本\uFFFD", "gb18030", "txt", 1},
		{"utf-16 with odd length", "a.txt", append(fixture.Encode("工会计划", "utf-16le-bom"), 'x'), "工会计划", "utf-16le", "txt", 1},
		{"markdown", "plan.md", []byte("# 工会工作计划\n\n## 一、指导思想\n- **按时**召开[教代会](http://x)\n"), "工会工作计划\n\n一、指导思想\n按时召开教代会", "utf-8", "md", 0},
		{"no extension", "工会计划", []byte("工会工作计划"), "工会工作计划", "utf-8", "txt", 0},
		{"digits as extension", "计划.2012", []byte("工会工作计划"), "工会工作计划", "utf-8", "txt", 0},
		{"bom inside text", "a.txt", []byte("第一篇\n\xEF\xBB\xBF第二篇"), "第一篇\n第二篇", "utf-8", "txt", 0},
		{"trailing blank lines", "a.txt", []byte("计划\n\n\n"), "计划", "utf-8", "txt", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, tc.file, tc.data)
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Encoding != tc.enc || res.Format != tc.format {
				t.Errorf("encoding, format = %q, %q; want %q, %q", res.Encoding, res.Format, tc.enc, tc.format)
			}
			if len(res.Warnings) != tc.warnings {
				t.Errorf("warnings = %q, want %d", res.Warnings, tc.warnings)
			}
			for _, w := range res.Warnings {
				if !hasHan(w) {
					t.Errorf("warning %q is not in Chinese", w)
				}
			}
		})
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

func TestReadDOCX(t *testing.T) {
	plan := planText(t)
	lines := strings.Split(plan, "\n")
	tests := []struct {
		name string
		data []byte
	}{
		{"typed numbers", fixture.DOCX("", lines)},
		{"word numbering", fixture.DOCXNumbered("", lines)},
		{"numbering rewritten by LibreOffice", readTestdata(t, "plan_numbered_lo.docx")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, "plan.docx", tc.data)
			if diff := cmp.Diff(plan, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Format != "docx" || res.Encoding != "" {
				t.Errorf("format, encoding = %q, %q", res.Format, res.Encoding)
			}
		})
	}
	// Numbered items really are Word list items, not typed text.
	if bytes.Contains(fixture.DOCXNumbered("", lines), []byte("一、指导思想")) {
		t.Error("DOCXNumbered kept the typed number")
	}

	// Title and headings from the container.
	data := fixture.DOCX("阳光小学工会工作计划", []string{"正文第一段"})
	res := mustRead(t, "a.docx", data)
	if res.Title != "阳光小学工会工作计划" {
		t.Errorf("title = %q", res.Title)
	}
	if res.Text != "阳光小学工会工作计划\n正文第一段" {
		t.Errorf("text = %q", res.Text)
	}
}

func TestReadDOCXHeadings(t *testing.T) {
	w := docx.NewWriter()
	w.Title("阳光小学工会工作计划")
	w.Heading(1, "一、指导思想")
	w.Paragraph("以人为本。\n服务教职工。")
	w.Heading(2, "（一）民主管理")
	w.Paragraph("召开教代会。")
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	res := mustRead(t, "h.docx", data)
	want := []Heading{{Line: 1, Level: 1}, {Line: 4, Level: 2}}
	if diff := cmp.Diff(want, res.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s\ntext:\n%s", diff, res.Text)
	}
}

func TestReadHTML(t *testing.T) {
	plan := planText(t)
	lines := strings.Split(plan, "\n")
	trad := strings.Split(tradText(t), "\n")
	noise := []string{"设为首页", "加入收藏", "当前位置", "上一篇", "下一篇", "相关文章", "热门推荐", "ICP备", "WORD下载",
		"手机扫码", "show_ad", "_hmt", "版权所有", "请输入关键字", "分享到", "范文大全网"}
	tests := []struct {
		charset, enc string
		title        string
		lines        []string
	}{
		{"utf-8", "utf-8", "青山湖区实验小学2023年工会工作计划", lines[1:]},
		{"gb2312", "gb18030", "青山湖区实验小学2023年工会工作计划", lines[1:]},
		{"GBK", "gb18030", "青山湖区实验小学2023年工会工作计划", lines[1:]},
		{"big5", "big5", "明德幼兒園工會工作計劃", trad[1:]},
	}
	for _, tc := range tests {
		t.Run(tc.charset, func(t *testing.T) {
			page := fixture.NoisyHTML(tc.title, tc.lines, tc.charset)
			res := mustRead(t, "page.html", page)
			want := tc.title + "\n" + strings.Join(tc.lines, "\n")
			if diff := cmp.Diff(want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			for _, n := range noise {
				if strings.Contains(res.Text, n) {
					t.Errorf("site noise %q survived", n)
				}
			}
			if res.Encoding != tc.enc || res.Format != "html" {
				t.Errorf("encoding, format = %q, %q; want %q, html", res.Encoding, res.Format, tc.enc)
			}
			if res.Title != tc.title {
				t.Errorf("title = %q, want %q", res.Title, tc.title)
			}
			if len(res.Headings) == 0 || res.Headings[0] != (Heading{Line: 0, Level: 1}) {
				t.Errorf("headings = %+v, want the title as h1", res.Headings)
			}
		})
	}
}

func TestReadHTMLLayouts(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string
	}{
		{
			"br layout with wrapped source lines",
			`<html><head><meta charset="utf-8"><title>工会计划</title></head><body><div id="content">一、指导思想<br>以人为本，
服务教职工。<br/><br/>二、主要工作<br>（一）民主管理</div></body></html>`,
			"一、指导思想\n以人为本，服务教职工。\n二、主要工作\n（一）民主管理",
		},
		{
			"table rows and cells",
			`<html><body><p>四、行事历</p><table><tr><th>月份</th><th>工作</th></tr><tr><td><p>九月</p></td><td><p>教师节</p><p>慰问</p></td></tr></table><p>完</p></body></html>`,
			"四、行事历\n月份\t工作\n九月\t教师节 慰问\n完",
		},
		{
			"headings, lists, hidden and script",
			`<html><body><h2>一、指导思想</h2><ul><li>第一条</li><li>第二条</li></ul><div style="display: none">隐藏广告</div><script>var a = "脚本";</script><p>English words  keep   one space</p></body></html>`,
			"一、指导思想\n第一条\n第二条\nEnglish words keep one space",
		},
		{
			"entities and full-width indentation",
			`<html><body><p>&nbsp;&nbsp;“维护、建设”&amp;参与</p><p>　　二是抓好教代会</p></body></html>`,
			"\u00a0\u00a0“维护、建设”&参与\n　　二是抓好教代会",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, "p.htm", []byte(tc.page))
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}

// A short plan next to a long footer: readability picks the footer, and
// the page's own block text is used instead, noise and all (the cleaning
// stage removes it); the plan is not lost.
func TestReadHTMLShortArticle(t *testing.T) {
	page := fixture.NoisyHTML("阳光小学工会工作计划", []string{"一、指导思想", "以人为本，服务教职工。"}, "utf-8")
	res := mustRead(t, "short.html", page)
	if !strings.Contains(res.Text, "阳光小学工会工作计划\n时间:2021-03-15 10:22:31 来源:范文大全网 作者:佚名 点击:次\n分享到：QQ空间新浪微博微信\n一、指导思想\n以人为本，服务教职工。\n") {
		t.Errorf("the plan is lost:\n%s", res.Text)
	}
	for _, n := range []string{"var _hmt", "show_ad", "请输入关键字"} { // script and form
		if strings.Contains(res.Text, n) {
			t.Errorf("%q survived", n)
		}
	}
}

// A page holding two plans in sibling blocks must keep both, whatever
// readability picks as "the" article.
func TestReadHTMLKeepsEveryArticle(t *testing.T) {
	para := func(s string) string { return "<p>" + s + "</p>" }
	first := strings.Repeat("第一篇计划的正文，关心教职工生活，开展送温暖活动，组织健康体检。", 3)
	second := strings.Repeat("第二篇计划的正文，加强民主管理，推进校务公开，召开教职工代表大会。", 3)
	page := `<html><head><meta charset="utf-8"><title>工会工作计划（精选2篇）</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">计划</a></div>
<div class="box"><h2>篇一：学校工会工作计划</h2>` + para(first) + para(first) + `</div>
<div class="ad">广告位招租</div>
<div class="box"><h2>篇二：幼儿园工会工作计划</h2>` + para(second) + para(second) + `</div>
<div class="footer">版权所有</div></body></html>`
	res := mustRead(t, "two.html", []byte(page))
	for _, s := range []string{"篇一：学校工会工作计划", first, "篇二：幼儿园工会工作计划", second} {
		if !strings.Contains(res.Text, s) {
			t.Errorf("lost %q; got:\n%s", firstLine(s), res.Text)
		}
	}
}

func TestReadHTMLCharsets(t *testing.T) {
	body := "<p>一、指导思想</p><p>团结广大教职工。</p>"
	want := "一、指导思想\n团结广大教职工。"
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>计划</title></head><body>" + body + "</body></html>"
	}
	tests := []struct {
		name string
		data []byte
		enc  string
	}{
		{"meta says gb2312 but the page was re-saved as UTF-8", []byte(page(`<meta charset="gb2312">`)), "utf-8"},
		{"meta gbk", fixture.Encode(page(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`), "gbk"), "gb18030"},
		{"no meta, GBK bytes", fixture.Encode(page(""), "gbk"), "gb18030"},
		{"meta iso-8859-1 on a GBK page", fixture.Encode(page(`<meta charset="iso-8859-1">`), "gbk"), "gb18030"},
		{"utf-16 with bom", fixture.Encode(page(""), "utf-16le-bom"), "utf-16le"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, "p.html", tc.data)
			if res.Text != want || res.Encoding != tc.enc {
				t.Errorf("got %q (%s), want %q (%s)", res.Text, res.Encoding, want, tc.enc)
			}
		})
	}
}

func TestReadMHTML(t *testing.T) {
	plan := strings.Split(planText(t), "\n")
	html := fixture.NoisyHTML(plan[0], plan[1:], "gb2312")
	qp := func(b []byte) string {
		var out strings.Builder
		for i, c := range b {
			if c == '=' || c >= 0x80 {
				fmt.Fprintf(&out, "=%02X", c)
			} else {
				out.WriteByte(c)
			}
			if i%60 == 59 {
				out.WriteString("=\r\n")
			}
		}
		return out.String()
	}
	msg := "From: <Saved by Blink>\r\nSubject: =?utf-8?Q?x?=\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n" +
		"------MultipartBoundary--abc\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://example.com/a.html\r\n\r\n" +
		qp(html) + "\r\n" +
		"------MultipartBoundary--abc\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
		"------MultipartBoundary--abc--\r\n"
	res := mustRead(t, "page.mht", []byte(msg))
	if diff := cmp.Diff(planText(t), res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if res.Format != "html" || res.Encoding != "gb18030" {
		t.Errorf("format, encoding = %q, %q", res.Format, res.Encoding)
	}
}

func TestReadPDF(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"plan.pdf", planText(t)},
		{"plan_numbered.pdf", planText(t)},
		{"plan_trad.pdf", tradText(t)},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			res := mustRead(t, tc.file, readTestdata(t, tc.file))
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Format != "pdf" || len(res.Warnings) != 0 {
				t.Errorf("format %q, warnings %v", res.Format, res.Warnings)
			}
		})
	}
	// A table keeps its rows (wrapped cells are a known limit of PDF).
	res := mustRead(t, "calendar.pdf", readTestdata(t, "calendar.pdf"))
	golden.Check(t, "testdata/calendar.pdf.golden", []byte(res.Text+"\n"))
	if res.Title != "柳溪镇中心幼儿园2022年工会工作计划" {
		t.Errorf("title = %q", res.Title)
	}
}

func TestReadPDFMaxPages(t *testing.T) {
	data := readTestdata(t, "plan.pdf")
	res, err := Read(context.Background(), "plan.pdf", data, Limits{MaxPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"PDF 共 2 页，只读取了前 1 页"}, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(planText(t), res.Text) || len(res.Text) >= len(planText(t)) {
		t.Errorf("first page text is not a proper prefix of the plan:\n%s", res.Text)
	}
}

func TestReadDOC(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"plan.doc", planText(t)},
		{"plan_numbered.doc", planText(t)}, // Word list numbers rebuilt
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			res := mustRead(t, tc.file, readTestdata(t, tc.file))
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Format != "doc" {
				t.Errorf("format = %q", res.Format)
			}
		})
	}
	res := mustRead(t, "calendar.doc", readTestdata(t, "calendar.doc"))
	want := "柳溪镇中心幼儿园2022年工会工作计划\n一、指导思想\n以服务教职工为宗旨，围绕幼儿园中心工作开展工会工作。\n二、行事历\n" +
		"月份\t工作内容\t负责人\n九月\t庆祝教师节，慰问全体教职工。\t工会主席\n十月\t组织教职工秋游活动。 开展趣味运动会。\t文体委员\n十一月\t\t女工委员\n" +
		"三、其他\n以上计划如有变动另行通知。"
	if diff := cmp.Diff(want, res.Text); diff != "" {
		t.Errorf("calendar.doc (-want +got):\n%s", diff)
	}
	// A .wps saved in the Word 97 format reads the same way.
	wps := mustRead(t, "plan.wps", readTestdata(t, "plan.doc"))
	if wps.Text != planText(t) || wps.Format != "wps" {
		t.Errorf("wps: format %q, text %q", wps.Format, firstLine(wps.Text))
	}
}

// handmade.doc is docx/testdata/handmade saved as .doc by LibreOffice:
// list numbers that come from heading styles, hidden text and a tracked
// deletion.
func TestReadDOCStylesAndRevisions(t *testing.T) {
	res := mustRead(t, "handmade.doc", readTestdata(t, "handmade.doc"))
	var b strings.Builder
	b.WriteString(res.Text)
	b.WriteString("\n--- headings ---\n")
	lines := strings.Split(res.Text, "\n")
	for _, h := range res.Headings {
		fmt.Fprintf(&b, "%d %d %s\n", h.Line, h.Level, lines[h.Line])
	}
	golden.Check(t, "testdata/handmade.doc.golden", []byte(b.String()))

	want := []Heading{{1, 1}, {3, 1}, {4, 2}, {8, 2}, {11, 1}, {25, 1}}
	if diff := cmp.Diff(want, res.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	for _, l := range []string{"一、指导思想", "二、主要工作", "（一）加强民主管理", "1. 召开教职工代表大会。", "（二）关心教职工生活", "三、行事历", "可见文字", "插入的内容"} {
		if !strings.Contains(res.Text, "\n"+l+"\n") {
			t.Errorf("line %q missing", l)
		}
	}
	// The footnote follows the text, after its mark.
	if last := res.Text[strings.LastIndex(res.Text, "\n")+1:]; last != "[注1] 脚注正文不进入正文。" {
		t.Errorf("last line %q, want the footnote", last)
	}
	for _, s := range []string{"隐藏文字", "删除的内容", "页眉文字", "HYPERLINK"} {
		if strings.Contains(res.Text, s) {
			t.Errorf("text holds %q", s)
		}
	}
}

func TestReadRTF(t *testing.T) {
	res := mustRead(t, "plan.rtf", readTestdata(t, "plan_numbered.rtf"))
	if diff := cmp.Diff(planText(t), res.Text); diff != "" {
		t.Errorf("plan_numbered.rtf (-want +got):\n%s", diff)
	}
	cal := mustRead(t, "calendar.rtf", readTestdata(t, "calendar.rtf"))
	if !strings.Contains(cal.Text, "\n九月\t庆祝教师节，慰问全体教职工。\t工会主席\n") {
		t.Errorf("calendar.rtf rows:\n%s", cal.Text)
	}
	// Hand-written RTF as WPS and old Word write it: GBK bytes, \u with
	// fallbacks, font table, field instruction, header, table.
	gbk := func(s string) string {
		var b strings.Builder
		for _, c := range fixture.Encode(s, "gbk") {
			fmt.Fprintf(&b, "\\'%02x", c)
		}
		return b.String()
	}
	src := `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 ` + gbk("宋体") + `;}{\f1\fswiss\fcharset0 Arial;}}` +
		`{\colortbl;\red0\green0\blue0;}{\*\generator WPS Office;}{\header ` + gbk("页眉文字") + `\par}` +
		`\pard\f0 ` + gbk("一、指导思想") + `\par ` +
		`\uc1\u22242?\u32467?` + gbk("广大教职工") + `\par ` +
		`{\field{\*\fldinst HYPERLINK "http://example.com"}{\fldrslt ` + gbk("链接文字") + `}}\par ` +
		`{\listtext\f0 ` + gbk("二、") + `\tab}` + gbk("主要工作") + `\par ` +
		`\trowd\cellx2000\cellx6000\pard\intbl ` + gbk("九月") + `\cell ` + gbk("教师节") + `\par ` + gbk("慰问") + `\cell\row\pard ` +
		`\f1 Done \{ok\}\line\f0 ` + gbk("完") + `}`
	got := mustRead(t, "wps.rtf", []byte(src))
	want := "一、指导思想\n团结广大教职工\n链接文字\n二、主要工作\n九月\t教师节 慰问\nDone {ok}\n完"
	if diff := cmp.Diff(want, got.Text); diff != "" {
		t.Errorf("hand-written RTF (-want +got):\n%s", diff)
	}
}

func TestContentMismatch(t *testing.T) {
	plan := planText(t)
	lines := strings.Split(plan, "\n")
	html := fixture.NoisyHTML("阳光小学工会工作计划", []string{"一、指导思想"}, "gb2312")
	tests := []struct {
		name, file string
		data       []byte
		format     string
		contains   string
	}{
		{"docx named .doc", "plan.doc", fixture.DOCX("", lines), "docx", "一、指导思想"},
		{"web page named .doc (范文 site 'Word download')", "范文.doc", html, "html", "一、指导思想"},
		{"doc named .docx", "plan.docx", readTestdata(t, "plan.doc"), "doc", "一、指导思想"},
		{"pdf named .txt", "plan.txt", readTestdata(t, "plan.pdf"), "pdf", "一、指导思想"},
		{"rtf named .doc", "plan.doc", readTestdata(t, "plan_numbered.rtf"), "rtf", "一、指导思想"},
		{"plain text named .doc", "plan.doc", fixture.Encode(plan, "gbk"), "txt", "一、指导思想"},
		{"docx named .html", "plan.html", fixture.DOCX("", lines), "docx", "一、指导思想"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, tc.file, tc.data)
			if res.Format != tc.format || !strings.Contains(res.Text, tc.contains) {
				t.Errorf("format %q, text %q", res.Format, firstLine(res.Text))
			}
			if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "文件扩展名是") {
				t.Errorf("no mismatch warning: %v", res.Warnings)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	pdf := readTestdata(t, "plan.pdf")
	emptyPDF := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 obj<</Length 8>>stream\n0 0 m S\nendstream\nendobj\n")
	emptyPDF = withXref(emptyPDF)
	tests := []struct {
		name, file string
		data       []byte
		kind       ErrorKind
		reason     string // a part of the Chinese reason
	}{
		{"empty txt", "a.txt", nil, NoText, "文件是空的"},
		{"blank txt", "a.txt", []byte(" \r\n\t\n　\n"), NoText, "没有文字"},
		{"empty docx", "a.docx", nil, NoText, "文件是空的"},
		{"random bytes named docx", "a.docx", []byte("这根本不是 Word 文档 \x01\x02\x03"), Corrupt, "不是 Word 文档"},
		{"truncated docx", "a.docx", fixture.DOCX("", []string{"计划"})[:200], Corrupt, "已损坏"},
		{"zip that is not a docx", "a.docx", zipOf(t, "xl/workbook.xml", "<workbook/>"), Corrupt, "没有 Word 正文"},
		{"docx without text", "a.docx", fixture.DOCX("", []string{"", " "}), NoText, "没有文字"},
		{"truncated pdf", "a.pdf", pdf[:len(pdf)/2], Corrupt, "不完整"},
		{"text named pdf", "a.pdf", []byte("工会工作计划"), Corrupt, "不是 PDF"},
		{"pdf without text layer", "scan.pdf", emptyPDF, NoText, "OCR"},
		{"encrypted pdf", "secret.pdf", readTestdata(t, "encrypted.pdf"), Encrypted, "密码"},
		{"password-protected docx", "secret.docx", makeCFB(map[string][]byte{"EncryptionInfo": {4, 0, 4, 0}, "EncryptedPackage": []byte("x")}), Encrypted, "密码"},
		{"encrypted doc", "secret.doc", makeCFB(map[string][]byte{"WordDocument": wordFIB(0x00C1, 0x0100), "0Table": {0}}), Encrypted, "密码"},
		{"word 95 doc without text", "old.doc", makeCFB(map[string][]byte{"WordDocument": wordFIB(0x0068, 0)}), NoText, "没有文字"},
		{"word 2.0 doc", "old.doc", append([]byte{0xDB, 0xA5, 0x2D, 0x00}, make([]byte, 60)...), Unsupported, "Word 2.0 或更早版本"},
		{"excel saved as doc", "table.doc", makeCFB(map[string][]byte{"Workbook": {1}}), Unsupported, "Excel"},
		{"doc without table stream", "broken.doc", makeCFB(map[string][]byte{"WordDocument": wordFIB(0x00C1, 0x0200)}), Corrupt, "1Table"},
		{"random bytes named doc", "a.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3}, Corrupt, "已损坏"},
		{"unknown wps", "a.wps", []byte("WPS\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"), Unsupported, "另存为 .docx"},
		{"unsupported extension", "a.xyz", []byte("x"), Unsupported, "不支持的文件类型（.xyz）"},
		{"image", "scan.JPG", []byte{0xFF, 0xD8, 0xFF}, Unsupported, "图片文件（.jpg）"},
		{"html without text", "a.html", []byte("<html><body><script>x()</script></body></html>"), NoText, "网页"},
		{"png named txt", "计划.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Unsupported, "图片（PNG）"},
		{"rar named doc", "计划.doc", []byte("Rar!\x1a\x07\x00\xcf\x90\x73"), Unsupported, "压缩包（RAR）：请解压后再导入"},
		{"binary named txt", "计划.txt", bytes.Repeat([]byte{0x00, 0x01, 0x02, 0x03, 0x81, 0x05, 0x06, 0x80, 0x00, 0x9F}, 20), Corrupt, "不像文字"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read(context.Background(), tc.file, tc.data, DefaultLimits())
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *Error; text %q", err, err, firstLine(res.Text))
			}
			if e.Kind != tc.kind || !strings.Contains(e.Reason, tc.reason) {
				t.Errorf("got %v: %q; want %v containing %q", e.Kind, e.Reason, tc.kind, tc.reason)
			}
			if !hasHan(e.Reason) {
				t.Errorf("reason %q is not in Chinese", e.Reason)
			}
		})
	}
}

// withXref appends a cross-reference table and trailer to a PDF body.
func withXref(body []byte) []byte {
	var offsets []int
	for i := 1; ; i++ {
		at := bytes.Index(body, []byte(fmt.Sprintf("\n%d 0 obj", i)))
		if at < 0 {
			break
		}
		offsets = append(offsets, at+1)
	}
	var b bytes.Buffer
	b.Write(body)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func zipOf(t testing.TB, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBomb is a tiny .docx whose document part inflates to 8 MiB (the
// test lowers the limit to 4 MiB; the default limit works the same way).
func zipBomb(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = ' '
	}
	for i := 0; i < 8; i++ {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 64<<10 {
		t.Fatalf("zip bomb fixture is %d bytes, want it tiny", buf.Len())
	}
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	bomb := zipBomb(t)
	_, err := Read(context.Background(), "bomb.docx", bomb, Limits{MaxUnpackedBytes: 4 << 20})
	var e *Error
	if !errors.As(err, &e) || e.Kind != TooLarge || !strings.Contains(e.Reason, "压缩炸弹") {
		t.Fatalf("err = %v, want TooLarge about a zip bomb", err)
	}
	if !strings.Contains(e.Reason, "4 MB") {
		t.Errorf("reason %q does not name the limit", e.Reason)
	}
}

func TestTooLarge(t *testing.T) {
	// A 50 MB file is refused from its size, without being read.
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(context.Background(), path, DefaultLimits())
	if KindOf(err) != TooLarge {
		t.Fatalf("err = %v, want TooLarge", err)
	}
	if !strings.Contains(err.Error(), "文件太大（50 MB），超过了 20 MB 的上限") {
		t.Errorf("reason = %q", err.Error())
	}
	// In memory, the same limit holds.
	_, err = Read(context.Background(), "a.txt", make([]byte, 2048), Limits{MaxFileBytes: 1024})
	if KindOf(err) != TooLarge {
		t.Errorf("in-memory: err = %v, want TooLarge", err)
	}
	// ReadFile reads a normal file.
	small := filepath.Join(t.TempDir(), "plan.txt")
	if err := os.WriteFile(small, fixture.Encode(planText(t), "gbk"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ReadFile(context.Background(), small, Limits{})
	if err != nil || res.Text != planText(t) {
		t.Errorf("ReadFile: %v, %q", err, firstLine(res.Text))
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, name := range []string{"plan.pdf", "plan.doc", "plan.txt"} {
		_, err := Read(ctx, name, readTestdata(t, name), DefaultLimits())
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
	}
}

func TestSupported(t *testing.T) {
	tests := []struct {
		name      string
		supported bool
		reason    string
	}{
		{"计划.txt", true, ""},
		{"dir/计划.DOCX", true, ""},
		{"计划.doc", true, ""},
		{"计划.wps", true, ""},
		{"计划.pdf", true, ""},
		{"page.htm", true, ""},
		{"page.mhtml", true, ""},
		{"计划.rtf", true, ""},
		{"README", true, ""},
		{"notes.md", true, ""},
		{"2012年计划.第二稿", true, ""},
		{"photo.jpg", false, "图片文件（.jpg）：如需导入，请先做文字识别（OCR）"},
		{"plans.zip", false, "压缩包（.zip）：请解压后再导入"},
		{"plans.RAR", false, "压缩包（.rar）：请解压后再导入"},
		{"setup.exe", false, "可执行文件或快捷方式（.exe）"},
		{"名单.xlsx", false, "表格文件（.xlsx）：请把计划正文另存为 .docx 或 .txt 后再导入"},
		{"汇报.pptx", false, "演示文稿（.pptx）：请把计划正文另存为 .docx 或 .txt 后再导入"},
		{"公文.ofd", false, "不支持的版式文件（.ofd）：请另存为 PDF 或 .docx 后再导入"},
		{"data.xyz", false, "不支持的文件类型（.xyz）"},
		{"~$计划.docx", false, "Office 临时锁定文件（打开文档时自动生成）"},
		{".~lock.计划.docx#", false, "Office 临时锁定文件（打开文档时自动生成）"},
		{"Thumbs.db", false, "系统隐藏文件"},
		{".DS_Store", false, "系统隐藏文件"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Supported(tc.name); got != tc.supported {
				t.Errorf("Supported(%q) = %v", tc.name, got)
			}
			if got := SkipReason(tc.name); got != tc.reason {
				t.Errorf("SkipReason(%q) = %q, want %q", tc.name, got, tc.reason)
			}
		})
	}
}

func TestErrorKind(t *testing.T) {
	err := fmt.Errorf("import a.pdf: %w", newError(Encrypted, "PDF 设置了密码保护", errors.New("bad password")))
	if KindOf(err) != Encrypted {
		t.Errorf("KindOf = %v", KindOf(err))
	}
	if KindOf(errors.New("other")) != 0 {
		t.Error("KindOf of a plain error is not 0")
	}
	if Encrypted.String() != "文件已加密" || ErrorKind(99).String() != "ErrorKind(99)" {
		t.Errorf("String: %q %q", Encrypted.String(), ErrorKind(99).String())
	}
	var e *Error
	if !errors.As(err, &e) || e.Error() != "PDF 设置了密码保护（bad password）" {
		t.Errorf("Error() = %q", e.Error())
	}
}

// Read shares no mutable state: the same inputs read concurrently give the
// same results (run with -race to check for data races).
func TestConcurrentRead(t *testing.T) {
	lines := strings.Split(planText(t), "\n")
	inputs := map[string][]byte{
		"a.txt":  fixture.Encode(planText(t), "gbk"),
		"a.html": fixture.NoisyHTML(lines[0], lines[1:], "gb2312"),
		"a.docx": fixture.DOCXNumbered("", lines),
		"a.doc":  readTestdata(t, "plan_numbered.doc"),
		"a.pdf":  readTestdata(t, "plan.pdf"),
		"a.rtf":  readTestdata(t, "plan_numbered.rtf"),
	}
	want := map[string]string{}
	for name, data := range inputs {
		want[name] = mustRead(t, name, data).Text
	}
	errs := make(chan error, 4*len(inputs))
	done := make(chan struct{})
	for i := 0; i < 4; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for name, data := range inputs {
				res, err := Read(context.Background(), name, data, DefaultLimits())
				if err != nil {
					errs <- err
				} else if res.Text != want[name] {
					errs <- fmt.Errorf("%s: different text on a concurrent read", name)
				}
			}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
