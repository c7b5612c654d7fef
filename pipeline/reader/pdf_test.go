package reader

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// cidPDF builds a one-page PDF whose text is set in a Type0 (CID) font with
// Identity-H encoding and a ToUnicode map — how Word and WPS embed Chinese
// fonts. Glyph codes 1–6 are 工 会 作 计 划 。; content is the page's
// content stream; w is the descendant font's W array ("" for none).
func cidPDF(content, w string) []byte {
	cmap := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n6 beginbfchar\n" +
		"<0001> <5DE5>\n<0002> <4F1A>\n<0003> <4F5C>\n<0004> <8BA1>\n<0005> <5212>\n<0006> <3002>\n" +
		"endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
	if w != "" {
		w = "/W " + w
	}
	body := "%PDF-1.5\n" +
		"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 800]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>endobj\n" +
		fmt.Sprintf("4 0 obj<</Length %d>>stream\n%s\nendstream\nendobj\n", len(content)+1, content) +
		"5 0 obj<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[6 0 R]/ToUnicode 7 0 R>>endobj\n" +
		"6 0 obj<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000 " + w + ">>endobj\n" +
		fmt.Sprintf("7 0 obj<</Length %d>>stream\n%sendstream\nendobj\n", len(cmap), cmap)
	return withXref([]byte(body))
}

func TestReadPDFCIDFont(t *testing.T) {
	// Line 1 fills the measure and continues on line 2; line 3 is indented:
	// a new paragraph, which line 4 continues (its codes written as a
	// literal string this time).
	content := strings.Join([]string{
		"BT /F1 12 Tf 72 700 Td <0001000200010003000400050001000200010003> Tj ET",
		"BT /F1 12 Tf 72 685 Td <000400050006> Tj ET",
		"BT /F1 12 Tf 96 670 Td [<0001> 0 <0002> <000100030004000500010002>] TJ ET",
		"BT /F1 12 Tf 72 655 Td (\\000\\001\\000\\002) Tj ET",
	}, "\n")
	tests := []struct {
		name, w string
	}{
		{"widths from W", "[1 [1000 1000] 3 6 1000]"},
		{"default width only", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read(context.Background(), "cid.pdf", cidPDF(content, tc.w), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			want := "工会工作计划工会工作计划。\n工会工作计划工会工会"
			if diff := cmp.Diff(want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildLines(t *testing.T) {
	g := func(x, y float64, s string) glyph { return glyph{x: x, y: y, w: 10, size: 10, s: s} }
	tests := []struct {
		name   string
		glyphs []glyph
		want   []string
	}{
		{"out of order on one baseline", []glyph{g(20, 100, "会"), g(10, 100, "工"), g(30, 100.5, "计")}, []string{"工会计"}},
		{"two lines top to bottom", []glyph{g(10, 80, "二"), g(10, 100, "一")}, []string{"一", "二"}},
		{"latin words spaced by position", []glyph{g(10, 100, "A"), g(20, 100, "B"), g(34, 100, "C")}, []string{"AB C"}},
		{"no space between Chinese characters", []glyph{g(10, 100, "工"), g(24, 100, "会")}, []string{"工会"}},
		{"wide gap is a tab", []glyph{g(10, 100, "月"), g(60, 100, "日")}, []string{"月\t日"}},
		{"fake bold overprint", []glyph{g(10, 100, "工"), g(10.5, 100, "工"), g(20, 100, "会")}, []string{"工会"}},
		{"superscript stays on its line", []glyph{g(10, 100, "注"), {x: 20, y: 103, w: 5, size: 6, s: "1"}}, []string{"注1"}},
		{"explicit spaces", []glyph{g(10, 100, "a"), g(20, 100, " "), g(30, 100, " "), g(40, 100, "b")}, []string{"a b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range buildLines(tc.glyphs) {
				got = append(got, l.text)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJoinParagraphs(t *testing.T) {
	line := func(text string, x0, x1, y float64) pdfLine {
		return pdfLine{text: text, x0: x0, x1: x1, y: y, size: 10}
	}
	tests := []struct {
		name  string
		pages [][]pdfLine
		want  string
	}{
		{"continuation and indented paragraph", [][]pdfLine{{
			line("以党的精神为指导，认真贯彻", 50, 300, 700),
			line("落实工会法。", 30, 100, 685),
			line("团结广大教职工，为推动建设", 50, 300, 670),
			line("和谐校园而努力。", 30, 120, 655),
		}}, "以党的精神为指导，认真贯彻落实工会法。\n团结广大教职工，为推动建设和谐校园而努力。"},
		{"item numbers start paragraphs", [][]pdfLine{{
			line("一、指导思想以党的精神为指导，认真贯", 30, 300, 700),
			line("（一）加强民主管理", 30, 130, 685),
			line("1、召开教代会，审议学校年度工作报告", 30, 300, 670),
			line("二、三月份：三八节", 30, 200, 655),
		}}, "一、指导思想以党的精神为指导，认真贯\n（一）加强民主管理\n1、召开教代会，审议学校年度工作报告\n二、三月份：三八节"},
		{"page numbers dropped, paragraph continues on the next page", [][]pdfLine{
			{line("第一页的正文一直写到页面的右边", 30, 300, 700), line("- 1 -", 150, 170, 40)},
			{line("第 2 页", 150, 170, 780), line("接着写完。", 30, 90, 700), line("另起一段", 50, 120, 685)},
		}, "第一页的正文一直写到页面的右边接着写完。\n另起一段"},
		{"english words joined with a space", [][]pdfLine{{
			line("Trade union work plan for the", 30, 300, 700),
			line("year 2023", 30, 100, 685),
		}}, "Trade union work plan for the year 2023"},
		{"large vertical gap separates", [][]pdfLine{{
			line("第一段写满整整一行的文字内容", 30, 300, 700),
			line("第一段第二行写满整整一行内容", 30, 300, 685),
			line("第二段在空行之后", 30, 300, 640),
		}}, "第一段写满整整一行的文字内容第一段第二行写满整整一行内容\n第二段在空行之后"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, joinParagraphs(tc.pages)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPageList(t *testing.T) {
	for _, tc := range []struct {
		pages []int
		want  string
	}{
		{[]int{3}, "3"},
		{[]int{1, 2, 3, 5, 7, 8}, "1–3、5、7–8"},
	} {
		if got := pageList(tc.pages); got != tc.want {
			t.Errorf("pageList(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}
