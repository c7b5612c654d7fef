package reader

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadWordStories(t *testing.T) {
	doc := makeWord97(wordDoc{
		main:      "一、指导思想\r团结广大教职工\x02，建设职工之家\x02。\r二、主要工作\r",
		footnotes: []string{"\x02 见上级工会文件。\r"},
		endnotes:  []string{"\x02\t本计划自印发之日起执行。\r"},
		textboxes: []string{"文本框里的联系电话\r", "第二个文本框\r"},
	})
	res := mustRead(t, "计划.doc", doc)
	want := "一、指导思想\n团结广大教职工[注1]，建设职工之家[尾注1]。\n二、主要工作\n" +
		"文本框里的联系电话\n第二个文本框\n" +
		"[注1] 见上级工会文件。\n[尾注1] 本计划自印发之日起执行。"
	if diff := cmp.Diff(want, res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

// A .doc whose only text is in its header is read, with a warning.
func TestReadWordOnlyHeader(t *testing.T) {
	doc := makeWord97(wordDoc{main: "\r\r", headers: "\r某某学校工会\r\r"})
	res := mustRead(t, "a.doc", doc)
	if res.Text != "某某学校工会" || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "页眉") {
		t.Errorf("text %q, warnings %q", res.Text, res.Warnings)
	}
	// With text in the body the header is left out.
	res = mustRead(t, "b.doc", makeWord97(wordDoc{main: "正文\r", headers: "页眉\r"}))
	if res.Text != "正文" || len(res.Warnings) != 0 {
		t.Errorf("text %q, warnings %q", res.Text, res.Warnings)
	}
}

// A résumé-like document whose text is all in text boxes is read, not
// reported empty.
func TestReadWordOnlyTextBoxes(t *testing.T) {
	doc := makeWord97(wordDoc{main: "\r", textboxes: []string{"姓名：李明\r", "工会小组长\r"}})
	for _, name := range []string{"简历.doc", "简历.wps"} {
		res := mustRead(t, name, doc)
		if res.Text != "姓名：李明\n工会小组长" {
			t.Errorf("%s: text %q", name, res.Text)
		}
	}
}

func TestReadWordStruck(t *testing.T) {
	main := "今年开展两次三次健康讲座。\r"
	from := strings.Index(main, "两次")
	start := len([]rune(main[:from]))
	doc := makeWord97(wordDoc{main: main, struck: [][2]int{{start, start + 2}}})
	res := mustRead(t, "a.doc", doc)
	if res.Text != "今年开展三次健康讲座。" {
		t.Errorf("text %q: struck-through text should be left out", res.Text)
	}
}

func TestReadWord6(t *testing.T) {
	russian := "Профсоюзный комитет предлагает план работы на следующий год.\rСобрание состоится в пятницу.\r"
	tests := []struct {
		name string
		lid  uint16
		enc  encoding.Encoding
		text string
		want string
	}{
		{"english", 0x0409, nil, "Union plan\r\rCaf\xe9 meeting\r", "Union plan\n\nCafé meeting"},
		{"chinese", 0x0804, simplifiedchinese.GBK, "一、指导思想\r团结广大教职工。\r", "一、指导思想\n团结广大教职工。"},
		// The header's language is the Word's, not always the text's.
		{"chinese in an english word", 0x0409, simplifiedchinese.GBK, "一、指导思想\r团结广大教职工，建设职工之家。\r", "一、指导思想\n团结广大教职工，建设职工之家。"},
		{"russian in an english word", 0x0409, charmap.Windows1251, russian, strings.TrimRight(strings.ReplaceAll(russian, "\r", "\n"), "\n")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, "old.doc", makeWord6(tc.text, tc.lid, tc.enc))
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Format != "doc" {
				t.Errorf("format %q", res.Format)
			}
		})
	}
}

func docxPackage(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	base := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
	}
	for k, v := range parts {
		base[k] = v
	}
	return zipParts(t, base)
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func wBody(inner string) string {
	return `<?xml version="1.0"?><w:document ` + wNS + `><w:body>` + inner + `</w:body></w:document>`
}

func TestReadDOCXNotesHeaderTitle(t *testing.T) {
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="h1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
		`<Relationship Id="f1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>` +
		`<Relationship Id="e1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>` +
		`<Relationship Id="n1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`
	notes := func(kind, text string) string {
		return `<?xml version="1.0"?><w:` + kind + `s ` + wNS + `><w:` + kind + ` w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:` + kind + `>` +
			`<w:` + kind + ` w:id="1"><w:p><w:r><w:` + kind + `Ref/></w:r><w:r><w:t xml:space="preserve"> ` + text + `</w:t></w:r></w:p></w:` + kind + `></w:` + kind + `s>`
	}
	numbering := `<?xml version="1.0"?><w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>`
	item := func(num, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + num + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := `<w:p><w:r><w:t>组织教职工体检</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>，开展慰问</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r></w:p>` +
		item("1", "Tab after an ASCII label") + item("2", "全角标点后不加空格") + item("3", "no suffix")
	core := func(title string) string {
		return `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + title + `</dc:title></cp:coreProperties>`
	}
	header := `<?xml version="1.0"?><w:hdr ` + wNS + `><w:p><w:r><w:t>某某学校工会</w:t></w:r></w:p></w:hdr>`

	full := docxPackage(t, map[string]string{
		"word/document.xml": wBody(body), "word/_rels/document.xml.rels": rels,
		"word/footnotes.xml": notes("footnote", "体检由工会经费列支。"), "word/endnotes.xml": notes("endnote", "以上计划如有变动另行通知。"),
		"word/numbering.xml": numbering, "word/header1.xml": header, "docProps/core.xml": core("（填写标准名称）"),
	})
	res := mustRead(t, "a.docx", full)
	want := "组织教职工体检[注1]，开展慰问[尾注1]。\n1) Tab after an ASCII label\n一、全角标点后不加空格\n1.no suffix\n" +
		"[注1] 体检由工会经费列支。\n[尾注1] 以上计划如有变动另行通知。"
	if diff := cmp.Diff(want, res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if res.Title != "" {
		t.Errorf("title %q: a template placeholder is not a title", res.Title)
	}

	onlyHeader := docxPackage(t, map[string]string{
		"word/document.xml": wBody(`<w:p/>`), "word/_rels/document.xml.rels": rels, "word/header1.xml": header,
		"docProps/core.xml": core("2023年工会工作计划"),
	})
	res = mustRead(t, "b.docx", onlyHeader)
	if res.Text != "某某学校工会" || res.Title != "2023年工会工作计划" {
		t.Errorf("header-only document: text %q, title %q", res.Text, res.Title)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "页眉") {
		t.Errorf("warnings %q: should say only a header was found", res.Warnings)
	}
}

func TestPlausibleTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023年工会工作计划", "2023年工会工作计划"},
		{"Union work plan", "Union work plan"},
		{"（填写标准名称）", ""},
		{"我是{{title}}", ""},
		{"【请输入标题】", ""},
		{"${title}", ""},
		{"Document1", ""},
		{"新建 Microsoft Word 文档", ""},
		{"无标题", ""},
		{"1", ""},
		{"  ", ""},
	}
	for _, tc := range tests {
		if got := plausibleTitle(tc.in); got != tc.want {
			t.Errorf("plausibleTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// iso2022CN encodes text (GB2312 characters and ASCII) as ISO-2022-CN:
// each line with Chinese designates GB2312, SO/SI around each run.
func iso2022CN(t testing.TB, text string) []byte {
	t.Helper()
	var out []byte
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			out = append(out, '\r', '\n')
		}
		designated, shifted := false, false
		for _, r := range line {
			if r < 0x80 {
				if shifted {
					out = append(out, 0x0f)
					shifted = false
				}
				out = append(out, byte(r))
				continue
			}
			b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
			if err != nil || len(b) != 2 || b[0] < 0xA1 || b[1] < 0xA1 {
				t.Fatalf("%q is not in GB2312", r)
			}
			if !designated {
				out = append(out, escGB2312...)
				designated = true
			}
			if !shifted {
				out = append(out, 0x0e)
				shifted = true
			}
			out = append(out, b[0]&0x7f, b[1]&0x7f)
		}
		if shifted {
			out = append(out, 0x0f)
		}
	}
	return out
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// eucTWLike returns double-byte text spread over the whole 0xA1–0xFE code
// space, as EUC-TW (CNS 11643) text looks to a GB or Big5 decoder.
func eucTWLike(n int) []byte {
	rng := rand.New(rand.NewSource(1))
	var b []byte
	for i := 0; i < n; i++ {
		b = append(b, byte(0xA1+rng.Intn(0xFE-0xA1+1)), byte(0xA1+rng.Intn(0xFE-0xA1+1)))
		if i%20 == 19 {
			b = append(b, '\n')
		}
	}
	return b
}

func TestReadTextLegacyEncodings(t *testing.T) {
	plan := "一、指导思想\n团结广大教职工，建设职工之家。\nUnicode 2023 年计划"
	latin := "Le comité d'entreprise a décidé de créer une équipe.\nOù est la réunion? Très bien, à bientôt.\n"
	latinBytes, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(strings.Repeat(latin, 3)))
	if err != nil {
		t.Fatal(err)
	}
	cns := append([]byte("\x1b$)G\x0e"), []byte("D!D\"\x0f\r\n")...)
	quotes := "The union’s plan for 2023 – “care for every member” – costs €300."
	russian := strings.Repeat("<item><title>Профсоюз</title><link>http://example.org/a</link><description>План работы профсоюза на год</description></item>\n", 4)
	western := "Union plan 2023\nCare for every member: 𐌲𐌿𐍄 Gothic too.\n"
	japaneseText := strings.Repeat("日本語の文章です。組合の活動計画を作りました。ひらがなとカタカナも使います。\n", 3)
	koreanText := strings.Repeat("노동조합 활동 계획입니다. 한글로 쓴 문장입니다.\n", 3)
	encode := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name     string
		data     []byte
		wantText string // "" when refused
		wantEnc  string
		reason   string
	}{
		{"iso-2022-cn", iso2022CN(t, plan), plan, "iso-2022-cn", ""},
		{"iso-2022-cn with cns 11643", cns, "", "", "CNS 11643"},
		{"iso-2022-jp", []byte("\x1b$B$3$s$K$A$O\x1b(B\n"), "こんにちは", "iso-2022-jp", ""},
		{"iso-2022-kr", []byte("\x1b$)C\x0e GQ1[\x0f\n"), "", "", "ISO-2022-KR"},
		{"euc-tw", eucTWLike(400), "", "", "编码无法识别"},
		{"latin-1", latinBytes, strings.TrimRight(strings.Repeat(latin, 3), "\n"), "windows-1252", ""},
		// Smart quotes and a euro sign only: Windows-1252, not GB18030.
		{"windows-1252 punctuation", encode(charmap.Windows1252, quotes), quotes, "windows-1252", ""},
		// Russian among ASCII markup: chardet may call it Latin-1; read as
		// Latin its words are accented letters only, so it is refused.
		{"koi8-r in markup", encode(charmap.KOI8R, russian), "", "", "编码无法识别"},
		{"utf-16le without bom, western", utf16LE(western), strings.TrimRight(western, "\n"), "utf-16le", ""},
		// EUC-JP and EUC-KR share GB2312's layout: read as GB18030 they
		// would give plausible hanzi.
		{"euc-jp", encode(japanese.EUCJP, japaneseText), strings.TrimRight(japaneseText, "\n"), "euc-jp", ""},
		{"shift_jis", encode(japanese.ShiftJIS, japaneseText), strings.TrimRight(japaneseText, "\n"), "shift_jis", ""},
		{"euc-kr", encode(korean.EUCKR, koreanText), strings.TrimRight(koreanText, "\n"), "euc-kr", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read(context.Background(), "a.txt", tc.data, DefaultLimits())
			if tc.wantText == "" {
				var e *Error
				if !errors.As(err, &e) || !strings.Contains(e.Reason, tc.reason) {
					t.Fatalf("err %v, text %q; want a refusal naming %q", err, firstLine(res.Text), tc.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkContract(t, res)
			if diff := cmp.Diff(tc.wantText, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Encoding != tc.wantEnc {
				t.Errorf("encoding %q, want %q", res.Encoding, tc.wantEnc)
			}
		})
	}
}

func TestReadHTMLEncodings(t *testing.T) {
	arabic := "وأعرب الاتحاد عن أسفه لهذا الموقف"
	arabicBytes, err := charmap.ISO8859_6.NewEncoder().Bytes([]byte(`<html><head><meta http-equiv=Content-Type content="text/html; charset=iso-8859-6"></head><body><p>` + arabic + `</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	page := `<html><head><meta charset="utf-16"><title>工会工作计划</title></head><body><p>一、指导思想</p><p>团结广大教职工。𐌲𐌿𐍄</p></body></html>`
	var utf16le []byte
	for _, u := range utf16.Encode([]rune(page)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	tests := []struct {
		name, want, enc string
		data            []byte
	}{
		{"declared iso-8859-6", arabic, "iso-8859-6", arabicBytes},
		{"utf-16le without bom", "一、指导思想\n团结广大教职工。𐌲𐌿𐍄", "utf-16le", utf16le},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRead(t, "a.html", tc.data)
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if res.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", res.Encoding, tc.enc)
			}
		})
	}
}

// A news page: its article, and around it a menu, a byline, a comment
// widget whose prompts are sentences, a ranking and a footer.
func TestReadHTMLFurniture(t *testing.T) {
	var article strings.Builder
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&article, "<p>　　第%d段，区总工会组织职工开展技能竞赛，参赛职工围绕岗位练兵、技术革新等内容展开比拼，现场气氛热烈。</p>", i)
	}
	page := `<html><head><meta charset="utf-8"><title>区总工会举办职工技能竞赛_工会新闻_某某网</title></head><body>
<div class="top_nav"><a href="/">首页</a>|<a href="/news">新闻</a>|<a href="/pic">图片</a></div>
<div class="main"><div class="main_l">
<div class="l_tit">区总工会举办职工技能竞赛</div>
<div class="l_time">发稿时间：2023-05-10 08:42:00 来源：某某日报</div>
<div class="content">` + article.String() + `</div>
<div id="SOHUCS"><div class="module-cmt-box"><div class="prompt">评论内容为空！</div><div class="empty">还没有评论，快来抢沙发吧！</div>
<div class="confirm">表情删除后不可恢复，是否删除</div><div class="loading">图片正在上传，请稍后...</div></div></div>
</div><div class="main_r"><div class="rank_box"><h3>48小时点击排行</h3><ul><li><a href="/1">某地发布新规</a></li><li><a href="/2">某校开展活动</a></li></ul></div></div></div>
<div class="foot"><p>主办单位：某某网　版权所有，未经授权禁止复制</p><p>信息网络传播视听节目许可证0000000号</p></div>
</body></html>`
	res := mustRead(t, "news.html", []byte(page))
	if !strings.HasPrefix(res.Text, "区总工会举办职工技能竞赛\n") || !strings.Contains(res.Text, "第6段") || !strings.Contains(res.Text, "第1段") {
		t.Errorf("the article and its heading should be kept:\n%s", res.Text)
	}
	for _, noise := range []string{"评论内容为空", "还没有评论", "48小时点击排行", "发稿时间", "信息网络传播", "首页"} {
		if strings.Contains(res.Text, noise) {
			t.Errorf("site furniture %q kept:\n%s", noise, res.Text)
		}
	}
	if res.Title != "区总工会举办职工技能竞赛" {
		t.Errorf("title %q", res.Title)
	}
}

// A .doc that is really a web page is read as one; when it holds no text,
// the reason says what the file is.
func TestReadDOCThatIsHTML(t *testing.T) {
	page := `<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p>一、指导思想</p><p>团结广大教职工。</p></body></html>`
	res := mustRead(t, "计划.doc", []byte(page))
	if res.Text != "一、指导思想\n团结广大教职工。" || res.Format != "html" {
		t.Errorf("format %q, text %q", res.Format, res.Text)
	}
	_, err := Read(context.Background(), "空.doc", []byte(`<html><body><script>x()</script></body></html>`), DefaultLimits())
	var e *Error
	if !errors.As(err, &e) || e.Kind != NoText || !strings.Contains(e.Reason, "文件扩展名是 .doc，但内容其实是网页") {
		t.Errorf("err %v: the reason should say the .doc is a web page", err)
	}
}

// realFile returns a file of ../shared/realfiles/files: the test fails
// without it when CI is set and skips otherwise.
func realFile(t *testing.T, name string) []byte {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realfiles", "files", filepath.FromSlash(name))
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real file %s missing: %v", path, err)
		}
		t.Skipf("real file %s not found: this test needs ../shared/realfiles beside the project", path)
	}
	return data
}

// The real files of issue 15 that the readers of this package must read
// (or refuse) like the tools people trust.
func TestRealFiles(t *testing.T) {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	tests := []struct {
		file     string
		contains []string // all whitespace removed
		absent   []string
		refused  bool
	}{
		{file: "poi/Word95.doc", contains: []string{"Thequickbrownfoxjumpsoverthelazydog", "Last(4th)paragraph."}},
		{file: "poi/Bug41898.doc", contains: []string{"Thisisalineoftext."}},
		{file: "tika/testWORD_various.doc", contains: []string{"Hereisatextbox", "[注1]Thisisafootnote."}},
		{file: "h0w1in9-MyGit/test.wps", contains: []string{"IDCard"}},
		{file: "pandoc/notes.docx", contains: []string{"Testfootnote.[注1]", "[注1]Mynote.", "[尾注1]Thisisanendnoteattheendofthedocument."}},
		{file: "readability/youth/source.html", contains: []string{"出国前后关注点大不同", "卢宇还认为两会应该增设学子代表"}, absent: []string{"48小时点击排行", "发稿时间", "还没有评论"}},
		{file: "tika/testHTMLNoisyMetaEncoding_1.html", contains: []string{squeeze("وأعرب الاتحاد الجزائري")}},
		{file: "chardet/plane1-utf-16le.html", contains: []string{"UnicodePlane1ExampleUsage"}, absent: []string{"charset", "<"}},
		{file: "chardet/_ude_euc-tw1.txt", refused: true},
		{file: "node-chardet/iso2022cn", contains: []string{"基本上，计算机只是处理数字"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := realFile(t, tc.file)
			res, err := Read(context.Background(), tc.file, data, DefaultLimits())
			if tc.refused {
				if KindOf(err) == 0 {
					t.Fatalf("read as %q (%s), want a refusal", firstLine(res.Text), res.Encoding)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := squeeze(res.Text)
			for _, s := range tc.contains {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(text, s) {
					t.Errorf("text holds %q", s)
				}
			}
		})
	}
	// Each list paragraph of this file spells out the label Word shows.
	t.Run("tika/testWORD_override_list_numbering.doc", func(t *testing.T) {
		name := "tika/testWORD_override_list_numbering.doc"
		res := mustRead(t, name, realFile(t, name))
		checked := 0
		for _, l := range strings.Split(res.Text, "\n") {
			label, text, ok := strings.Cut(l, " ")
			if !ok || strings.HasPrefix(l, "Test ") {
				continue
			}
			checked++
			if label != text {
				t.Errorf("label %q for the paragraph %q", label, text)
			}
		}
		if checked < 30 {
			t.Errorf("only %d labelled paragraphs in:\n%s", checked, res.Text)
		}
	})
	// The title of this file's properties is a template placeholder.
	name := "langchain-chatchat/行标编制说明（核电厂定期安全审查 第1部分：通用要求）.docx"
	res := mustRead(t, name, realFile(t, name))
	if res.Title == "（填写标准名称）" {
		t.Errorf("title %q is the template's placeholder", res.Title)
	}
}

// zipParts packs named parts into a zip in memory, in name order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Lists: two list instances of two definitions, the second restarting
// through an override that follows an instance without overrides; labels
// followed by a tab get a space, Chinese ones none; a skipped level shows
// its start and counts as used, as in Word. Tables: rows whose
// properties live in the Data stream (sprmPHugePapx, as Word writes for
// rows with many or merged cells) still end their rows.
func TestReadWordListsAndTables(t *testing.T) {
	letters := wordList{lsid: 11, levels: []wordLevel{{nfc: 4, text: "\x00)", start: 1}}}
	chinese := wordList{lsid: 22, levels: []wordLevel{{nfc: 0x25, text: "\x00、", start: 1}, {nfc: 0, text: "\x01)", start: 1, follow: 2}}}
	doc := makeWord97(wordDoc{
		main: "甲项\r乙项\r指导思想\r召开教代会\r重新开始\r" +
			"月份\x07工作\x07\x07九月\x07教师节\x07\x07" +
			"第一级\r跳过第二级\r第二级接着编号\r",
		paras: []wordPara{
			{ilfo: 1}, {ilfo: 1}, {ilfo: 2}, {ilfo: 2, ilvl: 1}, {ilfo: 3},
			{inTable: true}, {inTable: true}, {inTable: true, rowEnd: true, huge: true},
			{inTable: true}, {inTable: true}, {inTable: true, rowEnd: true, huge: true},
			{ilfo: 4}, {ilfo: 4, ilvl: 2}, {ilfo: 4, ilvl: 1},
		},
		lists: []wordList{letters, chinese, {lsid: 33, levels: []wordLevel{
			{text: "\x00.", start: 1}, {text: "\x00.\x01.", start: 1}, {text: "\x00.\x01.\x02.", start: 1}}}},
		lfos: []wordLFO{{lsid: 11}, {lsid: 22}, {lsid: 11, overrides: map[int]int{0: 5}}, {lsid: 33}},
	})
	res := mustRead(t, "a.doc", doc)
	want := "a) 甲项\nb) 乙项\n一、指导思想\n1)召开教代会\ne) 重新开始\n月份\t工作\n九月\t教师节\n" +
		"1. 第一级\n1.1.1. 跳过第二级\n1.2. 第二级接着编号"
	if diff := cmp.Diff(want, res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

// Hidden text follows Word's rules: a hidden paragraph or character style
// hides its text, a run can un-hide it (vanish 0, or 0x81 "the opposite
// of the style"), and 0x81 in a visible style hides.
func TestReadWordHiddenStyles(t *testing.T) {
	main := "可见段落\r隐藏样式段落\r隐藏样式中取消隐藏的文字\r正文里相反于样式的隐藏\r字符样式隐藏的文字\r"
	at := func(s string) int { return len([]rune(main[:strings.Index(main, s)])) }
	span := func(s string, sprms ...byte) wordRun {
		return wordRun{start: at(s), end: at(s) + len([]rune(s)), sprms: sprms}
	}
	doc := makeWord97(wordDoc{
		main:   main,
		styles: []wordStyle{{}, {hidden: true}, {character: true, hidden: true}},
		paras:  []wordPara{{istd: 0}, {istd: 1}, {istd: 1}, {istd: 0}, {istd: 0}},
		runs: []wordRun{
			span("隐藏样式中", 0x3C, 0x08, 0x81),
			span("取消隐藏的文字", 0x3C, 0x08, 0),
			span("相反于样式的隐藏", 0x3C, 0x08, 0x81),
			span("字符样式隐藏的文字", 0x30, 0x4A, 2, 0),
		},
	})
	res := mustRead(t, "a.doc", doc)
	if diff := cmp.Diff("可见段落\n\n隐藏样式中取消隐藏的文字\n正文里", res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

// A text box follows the paragraph that anchors it, as in .docx; a box
// without an anchor follows the text; a reused (deleted) box is left out.
func TestReadWordTextBoxAnchors(t *testing.T) {
	main := "第一段\x08文字\r第二段\r"
	doc := makeWord97(wordDoc{
		main:        main,
		textboxes:   []string{"框内文字\r", "已删除的框\r", "没有锚点的框\r"},
		boxAnchors:  []int{len([]rune(main[:strings.Index(main, "\x08")])), -1, -1},
		reuseSecond: true,
	})
	res := mustRead(t, "a.doc", doc)
	if diff := cmp.Diff("第一段文字\n框内文字\n第二段\n没有锚点的框", res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

// Programs that export Word files often put the content in an HTML part
// the body imports with w:altChunk: it is read in its place.
func TestReadDOCXAltChunk(t *testing.T) {
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk1.html"/></Relationships>`
	chunk := `<html><head><meta charset="utf-8"></head><body><h2>一、指导思想</h2><p>团结广大教职工。</p><table><tr><td>九月</td><td>教师节</td></tr></table></body></html>`
	data := docxPackage(t, map[string]string{
		"word/document.xml":            wBody(`<w:p><w:r><w:t>前言</w:t></w:r></w:p><w:altChunk r:id="c1"/><w:p><w:r><w:t>结尾</w:t></w:r></w:p>`),
		"word/_rels/document.xml.rels": rels,
		"word/chunk1.html":             chunk,
	})
	res := mustRead(t, "oa.docx", data)
	if diff := cmp.Diff("前言\n一、指导思想\n团结广大教职工。\n九月\t教师节\n结尾", res.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Heading{{Line: 1, Level: 2}}, res.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}

// A short UTF-8 text with a few stray bytes stays UTF-8 (the stray bytes
// become U+FFFD, with a warning) rather than being read as GB18030.
func TestReadTextStrayBytes(t *testing.T) {
	data := append([]byte("工会工作计划\n"), 0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc3, 0x28)
	res := mustRead(t, "a.txt", data)
	if !strings.HasPrefix(res.Text, "工会工作计划\n\uFFFD") || res.Encoding != "utf-8" || len(res.Warnings) == 0 {
		t.Errorf("encoding %q, warnings %q, text %q", res.Encoding, res.Warnings, res.Text)
	}
}

// Readability sometimes starts an article at its second block: the prose
// just before it on the page is put back, the furniture and links above
// that are not.
func TestLeadingProse(t *testing.T) {
	page := &blockText{lines: []blockLine{
		{text: "首页 新闻 图片", linkRunes: 8},
		{text: "发稿时间：2023-05-10 来源：某某日报"},
		{text: "评论区的提示，请先登录后再发表评论。", furniture: true},
		{text: "　　区总工会日前组织职工开展技能竞赛，参赛职工踊跃报名。"},
		{text: "　　竞赛围绕岗位练兵、技术革新等内容展开，现场气氛热烈。"},
		{text: "　　获奖职工将获得表彰。"},
	}}
	article := &blockText{lines: page.lines[4:]}
	got := leadingProse(article, page)
	if diff := cmp.Diff([]string{"　　区总工会日前组织职工开展技能竞赛，参赛职工踊跃报名。"}, got); diff != "" {
		t.Errorf("leading prose (-want +got):\n%s", diff)
	}
	if got := leadingProse(&blockText{lines: page.lines[3:]}, page); len(got) != 0 {
		t.Errorf("an article that starts at the page's first prose gets %q", got)
	}
}
