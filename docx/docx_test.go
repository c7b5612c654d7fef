package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"plans/internal/golden"
	"plans/internal/ziptest"
)

// zipParts packs named parts into a zip in memory.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func read(t testing.TB, data []byte) *Document {
	t.Helper()
	d, err := Read(bytes.NewReader(data), int64(len(data)), 0)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return d
}

func dump(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q\n", d.Title)
	for _, p := range d.Paragraphs {
		fmt.Fprintf(&b, "%q style=%q heading=%d level=%d number=%q table=%v\n", p.Text, p.Style, p.Heading, p.Level, p.Number, p.InTable)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "note endnote=%v mark=%q", n.Endnote, n.Mark)
		for _, p := range n.Paragraphs {
			fmt.Fprintf(&b, " %q", p.Text)
		}
		b.WriteString("\n")
	}
	for _, p := range d.Headers {
		fmt.Fprintf(&b, "header %q\n", p.Text)
	}
	b.WriteString("--- text ---\n")
	b.WriteString(d.Text())
	b.WriteString("\n")
	return b.String()
}

func TestReadHandmade(t *testing.T) {
	d := read(t, ziptest.Dir(t, "testdata/handmade"))
	golden.Check(t, "testdata/handmade.golden", []byte(dump(d)))

	// The points of the hand-made file, spelled out.
	lines := strings.Split(d.Text(), "\n")
	want := map[string]bool{
		"一、指导思想":        true, // numbering from the heading style
		"二、主要工作":        true,
		"（一）加强民主管理":     true,
		"1. 召开教职工代表大会。": true,
		"2. 推进园务公开。":    true,
		"（1）公开栏每月更新。":   true,
		"（二）关心教职工生活":    true, // style based on heading 2
		"1. 组织健康体检。":    true, // level 3 restarted by （二）
		"（2）体检结果反馈。":    true, // level 4 restarts only after level 1
		"三、行事历":         true,
		"（1）九月：庆祝教师节。":  true, // restarted by 三、
		"五、附则":          true, // startOverride 5
		"六、其他":          true, // same definition continues
		"甲. 甲项":         true,
		"乙. 乙项":         true,
		"① 圈码":          true,
		"A) 字母":         true,
		"i. 罗马":         true,
		"2.1.1 法律式编号":   true, // isLgl renders every level as decimal
		"第十一条 从十一开始":    true,
		"项目符号没有编号文字":    true,
		"第一条 经由编号样式链接":  true,
		"第二条 同一定义继续编号":  true,
		"无编号的标题":        true,
		"未知编号":          true,
		"可见文字":          true,
		"插入的内容":         true,
		"详见上级文件（链接）3":   true,
		"第一行":           true,
		"第二行\t制表":       true,
		"分页后-连字":        true,
		"脚注引用[注1]之后":    true, // the note itself follows in Notes
		"正文带文本框继续":      true,
		"文本框内容":         true,
		"内容控件里的段落":      true,
		"月份\t工作内容":      true,
		"九月\t1、制定计划 2、庆祝教师节 （全体）": true,
		"十月\t秋游 运动会 丙. 表格中的编号":    true,
		"表后段落":   true,
		"签名：园工会": true,
	}
	got := map[string]bool{}
	for _, l := range lines {
		got[l] = true
	}
	for w := range want {
		if !got[w] {
			t.Errorf("line %q missing from:\n%s", w, d.Text())
		}
	}
	if strings.Count(d.Text(), "文本框内容") != 1 {
		t.Errorf("text box text appears %d times, want once", strings.Count(d.Text(), "文本框内容"))
	}
	for _, banned := range []string{"隐藏文字", "删除的内容", "HYPERLINK"} {
		if strings.Contains(d.Text(), banned) {
			t.Errorf("text contains %q", banned)
		}
	}
	if d.Title != "柳溪镇中心幼儿园 2022年工会工作计划" {
		t.Errorf("title = %q", d.Title)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"},
		{10, "chineseCounting", "十"},
		{11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"},
		{99, "chineseCounting", "九十九"},
		{100, "chineseCountingThousand", "一百"},
		{101, "chineseCountingThousand", "一百零一"},
		{110, "chineseCountingThousand", "一百一十"},
		{1005, "chineseCountingThousand", "一千零五"},
		{10010, "chineseCountingThousand", "一万零一十"},
		{3, "taiwaneseCounting", "三"},
		{12, "chineseLegalSimplified", "壹拾贰"},
		{5, "chineseLegalSimplified", "伍"},
		{105, "ideographDigital", "一〇五"},
		{1, "ideographTraditional", "甲"},
		{11, "ideographTraditional", "甲"},
		{13, "ideographZodiac", "子"},
		{3, "decimalEnclosedCircle", "③"},
		{20, "decimalEnclosedCircle", "⑳"},
		{21, "decimalEnclosedCircle", "㉑"},
		{51, "decimalEnclosedCircle", "51"},
		{2, "decimalEnclosedParen", "⑵"},
		{2, "decimalEnclosedFullstop", "⒉"},
		{7, "decimalZero", "07"},
		{12, "decimalZero", "12"},
		{34, "decimalFullWidth", "３４"},
		{4, "upperLetter", "D"},
		{27, "upperLetter", "AA"},
		{2, "lowerLetter", "b"},
		{4, "lowerRoman", "iv"},
		{1994, "upperRoman", "MCMXCIV"},
		{2, "ordinal", "2nd"},
		{13, "ordinal", "13th"},
		{5, "bullet", ""},
		{5, "none", ""},
		{5, "someFutureFormat", "5"},
		{0, "chineseCounting", "〇"},
		{-1, "upperLetter", "-1"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%d", tc.format, tc.n), func(t *testing.T) {
			if got := formatNumber(tc.n, tc.format); got != tc.want {
				t.Errorf("formatNumber(%d, %q) = %q, want %q", tc.n, tc.format, got, tc.want)
			}
		})
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	w := NewWriter()
	w.Title("青山湖区实验小学2023年工会工作计划")
	w.ListItem(0, "指导思想")
	w.Paragraph("以党的二十大精神为指导，团结和带领全体教职工。", "上级工会2023年工作要点。")
	w.ListItem(0, "主要工作")
	w.ListItem(1, "加强民主管理")
	w.ListItem(2, "召开教代会")
	w.ListItem(2, "推进校务公开")
	w.ListItem(1, "关心教职工生活")
	w.ListItem(2, "组织健康体检")
	w.ListItem(3, "体检费用由工会经费列支")
	w.ListItem(4, "每年一次")
	w.Heading(1, "行事历")
	w.Table([][]string{{"月份", "工作内容"}, {"九月", "庆祝教师节\n慰问新教师"}, {"十月"}})
	w.Heading(2, "二级标题")
	w.Heading(7, "三级标题（级别超出时取 3）")
	w.Paragraph("特殊字符 <&>\"' 与\t制表符")
	w.RestartList()
	w.ListItem(0, "新的一篇从一开始")
	w.ListItem(1, "子项也从（一）开始")
	w.RestartList()
	w.RestartList() // a second restart without items in between changes nothing
	w.ListItem(0, "再一篇")
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	d := read(t, data)
	want := []Paragraph{
		{Text: "青山湖区实验小学2023年工会工作计划", Style: "Title", Level: -1},
		{Text: "指导思想", Level: 0, Number: "一、", Suffix: "nothing"},
		{Text: "以党的二十大精神为指导，团结和带领全体教职工。[注1]", Level: -1},
		{Text: "主要工作", Level: 0, Number: "二、", Suffix: "nothing"},
		{Text: "加强民主管理", Level: 1, Number: "（一）", Suffix: "nothing"},
		{Text: "召开教代会", Level: 2, Number: "1、", Suffix: "nothing"},
		{Text: "推进校务公开", Level: 2, Number: "2、", Suffix: "nothing"},
		{Text: "关心教职工生活", Level: 1, Number: "（二）", Suffix: "nothing"},
		{Text: "组织健康体检", Level: 2, Number: "1、", Suffix: "nothing"},
		{Text: "体检费用由工会经费列支", Level: 3, Number: "（1）", Suffix: "nothing"},
		{Text: "每年一次", Level: 4, Number: "①", Suffix: "nothing"},
		{Text: "行事历", Style: "Heading1", Heading: 1, Level: -1},
		{Text: "月份\t工作内容", Level: -1, InTable: true},
		{Text: "九月\t庆祝教师节 慰问新教师", Level: -1, InTable: true},
		{Text: "十月\t", Level: -1, InTable: true},
		{Text: "二级标题", Style: "Heading2", Heading: 2, Level: -1},
		{Text: "三级标题（级别超出时取 3）", Style: "Heading3", Heading: 3, Level: -1},
		{Text: "特殊字符 <&>\"' 与\t制表符", Level: -1},
		{Text: "新的一篇从一开始", Level: 0, Number: "一、", Suffix: "nothing"},
		{Text: "子项也从（一）开始", Level: 1, Number: "（一）", Suffix: "nothing"},
		{Text: "再一篇", Level: 0, Number: "一、", Suffix: "nothing"},
	}
	if diff := cmp.Diff(want, d.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if d.Title != "青山湖区实验小学2023年工会工作计划" {
		t.Errorf("title = %q", d.Title)
	}
}

func TestWriterPackage(t *testing.T) {
	w := NewWriter()
	w.Title("标题 & <计划>")
	w.Paragraph("正文\x01含控制字符", "脚注一", "脚注二")
	w.ListItem(0, "列表")
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
		// Every part is well-formed XML.
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/numbering.xml", "word/footnotes.xml", "word/_rels/document.xml.rels", "docProps/core.xml", "word/settings.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("part %s missing", name)
		}
	}
	checks := []struct{ part, substr string }{
		{"word/styles.xml", `w:styleId="Heading1"`},
		{"word/styles.xml", `w:styleId="Heading3"`},
		{"word/styles.xml", `w:eastAsia="黑体"`},
		{"word/styles.xml", `w:eastAsia="仿宋"`},
		{"word/numbering.xml", `w:val="chineseCounting"`},
		{"word/numbering.xml", `w:val="（%2）"`},
		{"word/footnotes.xml", `w:type="separator" w:id="-1"`},
		{"word/footnotes.xml", `w:type="continuationSeparator" w:id="0"`},
		{"word/footnotes.xml", `脚注二`},
		{"word/document.xml", `<w:footnoteReference w:id="2"/>`},
		{"word/settings.xml", `<w:footnote w:id="-1"/>`},
		{"docProps/core.xml", `<dc:title>标题 &amp; &lt;计划&gt;</dc:title>`},
		{"[Content_Types].xml", `/word/footnotes.xml`},
	}
	for _, c := range checks {
		if !strings.Contains(parts[c.part], c.substr) {
			t.Errorf("%s does not contain %s", c.part, c.substr)
		}
	}
	d := read(t, data)
	if got := d.Paragraphs[1].Text; got != "正文\uFFFD含控制字符[注1][注2]" {
		t.Errorf("control character and note marks: got %q", got)
	}
	var notes []string
	for _, n := range d.Notes {
		notes = append(notes, fmt.Sprintf("%v %s %s", n.Endnote, n.Mark, n.Paragraphs[0].Text))
	}
	if diff := cmp.Diff([]string{"false [注1] 脚注一", "false [注2] 脚注二"}, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	again, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("writing the same document twice gave different bytes")
	}
}

func TestReadErrors(t *testing.T) {
	content := `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		chunk := bytes.Repeat([]byte("<w:p/>"), 1<<12)
		for i := 0; i < 64; i++ { // 1.5 MiB of XML, a few KiB compressed
			w.Write(chunk)
		}
		zw.Close()
		return buf.Bytes()
	}()
	valid := zipParts(t, map[string]string{
		"[Content_Types].xml": content,
		"word/document.xml":   `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:body></w:document>`,
	})
	tests := []struct {
		name        string
		data        []byte
		maxUnpacked int64
		want        error
	}{
		{"random bytes", []byte("这不是一个 zip 文件，只是一段文字。"), 0, ErrNotPackage},
		{"empty", nil, 0, ErrNotPackage},
		{"truncated", valid[:len(valid)/2], 0, ErrNotPackage},
		{"zip without document", zipParts(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), 0, ErrNoDocument},
		{"zip bomb", bomb, 1 << 20, ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tc.data), int64(len(tc.data)), tc.maxUnpacked)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// The same bomb under the default limit is read.
	if _, err := Read(bytes.NewReader(bomb), int64(len(bomb)), 0); err != nil {
		t.Errorf("bomb under default limit: %v", err)
	}
	// A body cut off in the middle keeps the paragraphs before the cut.
	cut := zipParts(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>完整的段落</w:t></w:r></w:p><w:p><w:r><w:t>被截断`,
	})
	d, err := Read(bytes.NewReader(cut), int64(len(cut)), 0)
	if err == nil || d == nil {
		t.Fatalf("cut body: err = %v, doc = %v; want partial document and error", err, d)
	}
	if len(d.Paragraphs) == 0 || d.Paragraphs[0].Text != "完整的段落" {
		t.Errorf("cut body paragraphs = %+v", d.Paragraphs)
	}
}

func FuzzRead(f *testing.F) {
	w := NewWriter()
	w.Title("标题")
	w.ListItem(0, "指导思想")
	w.ListItem(1, "民主管理")
	w.Table([][]string{{"九月", "教师节"}})
	seed, err := w.Bytes()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(ziptest.Dir(f, "testdata/handmade"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _ := Read(bytes.NewReader(data), int64(len(data)), 1<<20)
		if d == nil {
			return
		}
		if !utf8.ValidString(d.Title) {
			t.Errorf("invalid UTF-8 title %q", d.Title)
		}
		for _, p := range d.Paragraphs {
			if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Number) {
				t.Errorf("invalid UTF-8 paragraph %q", p.Line())
			}
			if p.InTable && (p.Number != "" || p.Level != -1) {
				t.Errorf("table row with list number: %+v", p)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	w := NewWriter()
	w.Title("青山湖区实验小学2023年工会工作计划")
	for i := 0; i < 50; i++ {
		w.ListItem(0, "主要工作")
		w.ListItem(1, "加强民主管理，推进校务公开")
		w.ListItem(2, "召开第五届教职工代表大会第三次会议，审议学校年度工作报告和绩效工资分配方案。")
		w.Paragraph("以党的二十大精神为指导，认真贯彻落实《中华人民共和国工会法》和上级工会的工作部署，紧紧围绕学校中心工作。")
		w.Table([][]string{{"九月", "庆祝教师节，慰问新教师和退休教师。"}})
	}
	data, err := w.Bytes()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(bytes.NewReader(data), int64(len(data)), 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := NewWriter()
		w.Title("青山湖区实验小学2023年工会工作计划")
		for j := 0; j < 50; j++ {
			w.ListItem(0, "主要工作")
			w.Paragraph("以党的二十大精神为指导，认真贯彻落实《中华人民共和国工会法》和上级工会的工作部署。")
		}
		if _, err := w.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
