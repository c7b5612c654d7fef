package reader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The PDFs of these tests are written by pdfBuilder (pdfgen_test.go):
// fonts as Chinese offices' files have them (non-embedded SimSun with a
// predefined CMap, GBK-coded text), and layouts as the issue describes
// them (columns, running heads, page numbers, rotated and vertical text).

func readPDFBytes(t *testing.T, data []byte) Result {
	t.Helper()
	res, err := Read(context.Background(), "test.pdf", data, DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// textLines places one run per line, from y down by pitch, at x (or at
// indent for the first line of each paragraph marked by a leading "\t").
func textLines(f *pdfFont, size, x, y, pitch float64, texts ...string) []pdfText {
	var out []pdfText
	for i, s := range texts {
		lx := x
		if strings.HasPrefix(s, "\t") {
			s, lx = s[1:], x+2*size
		}
		out = append(out, pdfText{font: f, size: size, x: lx, y: y - float64(i)*pitch, text: s})
	}
	return out
}

func TestReadPDFFonts(t *testing.T) {
	para := []string{"\t工会工作要以服务教职工为宗旨，", "团结广大教职工为学校发展出力。", "\t全年计划如下。"}
	want := "工会工作要以服务教职工为宗旨，团结广大教职工为学校发展出力。\n全年计划如下。"
	tests := []struct {
		name  string
		build func(p *testPDF) []pdfText
		want  string
	}{
		{"UniGB-UTF16-H, SimSun not embedded", func(p *testPDF) []pdfText {
			return textLines(p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), 12, 72, 760, 20, para...)
		}, want},
		{"GBK-EUC-H, STSong not embedded", func(p *testPDF) []pdfText {
			return textLines(p.cjkFont("F1", "STSong-Light", "GBK-EUC-H", "GB1"), 12, 72, 760, 20, para...)
		}, want},
		{"one Tj per character", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
			return []pdfText{{font: f, size: 12, x: 72, y: 760, text: "关于召开教职工代表大会的通知", each: true, dx: 12}}
		}, "关于召开教职工代表大会的通知"},
		{"Japanese vertical writing, columns right to left", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "Ryumin-Light", "UniJIS-UTF16-V", "Japan1")
			return []pdfText{
				{font: f, size: 12, x: 500, y: 760, text: "第二条第一項中「一年」を"},
				{font: f, size: 12, x: 480, y: 760, text: "「二年」に改める。"},
			}
		}, "第二条第一項中「一年」を「二年」に改める。"},
		{"Japanese vertical, one Tj per character", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "Ryumin-Light", "UniJIS-UTF16-H", "Japan1")
			return []pdfText{{font: f, size: 10, x: 500, y: 760, text: "第二条第一項", each: true, dy: -10}}
		}, "第二条第一項"},
		{"Korean, one Tj per character", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "HYSMyeongJo-Medium", "UniKS-UTF16-H", "Korea1")
			return []pdfText{{font: f, size: 12, x: 72, y: 760, text: "노동조합계획", each: true, dx: 12}}
		}, "노동조합계획"},
		{"Helvetica, words spaced by position", func(p *testPDF) []pdfText {
			return textLines(p.latinFont("F1"), 12, 72, 760, 16, "Trade union work plan for the school", "year of 2024")
		}, "Trade union work plan for the school year of 2024"},
		{"ideographic spaces between CJK", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
			return []pdfText{{font: f, size: 16, x: 250, y: 760, text: "目\u3000\u3000录"}}
		}, "目录"},
		{"sentences across lines keep their space", func(p *testPDF) []pdfText {
			return textLines(p.latinFont("F1"), 12, 72, 760, 16, "Beautiful is better than ugly. Explicit is", "better than implicit.")
		}, "Beautiful is better than ugly. Explicit is better than implicit."},
		{"Chinese and Latin mixed, no space between CJK", func(p *testPDF) []pdfText {
			f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
			return []pdfText{{font: f, size: 12, x: 72, y: 760, text: "2024年 工 会 工作"}}
		}, "2024年工会工作"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			p.page(tc.build(p)...)
			res := readPDFBytes(t, p.bytes())
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
		})
	}
}

func TestReadPDFTitle(t *testing.T) {
	p := newTestPDF()
	p.title = "2024年工会工作计划"
	p.page(textLines(p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), 12, 72, 760, 20, "一、指导思想")...)
	if got := readPDFBytes(t, p.bytes()).Title; got != p.title {
		t.Errorf("title = %q, want %q", got, p.title)
	}
}

// column is a block of prose: full lines of n characters and a short
// last line.
func column(prefix string, n, count int) []string {
	var out []string
	for i := range count {
		line := []rune(strings.Repeat(fmt.Sprintf("%s%d行", prefix, i+1), n))[:n]
		out = append(out, string(line))
	}
	out = append(out, prefix+"完。")
	return out
}

func TestReadPDFLayout(t *testing.T) {
	left, right := column("左栏", 14, 5), column("右栏", 14, 5)
	tests := []struct {
		name  string
		build func(f *pdfFont) [][]pdfText // pages
		want  string
	}{
		{"two columns drawn one after the other", func(f *pdfFont) [][]pdfText {
			return [][]pdfText{append(textLines(f, 12, 60, 760, 18, left...), textLines(f, 12, 320, 760, 18, right...)...)}
		}, strings.Join(left, "") + "\n" + strings.Join(right, "")},
		{"two columns drawn line by line across", func(f *pdfFont) [][]pdfText {
			l, r := textLines(f, 12, 60, 760, 18, left...), textLines(f, 12, 320, 760, 18, right...)
			var runs []pdfText
			for i := range l {
				runs = append(runs, l[i], r[i])
			}
			return [][]pdfText{runs}
		}, strings.Join(left, "") + "\n" + strings.Join(right, "")},
		{"body beside a sidebar of short lines", func(f *pdfFont) [][]pdfText {
			body := textLines(f, 12, 60, 760, 18, left...)
			side := textLines(f, 9, 400, 760, 18, "研究助理", "张三", "联系电话：12345")
			return [][]pdfText{append(body, side...)}
		}, strings.Join(left, "") + "\n研究助理\n张三\n联系电话：12345"},
		{"overlapping runs kept whole", func(f *pdfFont) [][]pdfText {
			return [][]pdfText{{
				{font: f, size: 12, x: 72, y: 760, text: "工会工作计划"},
				{font: f, size: 12, x: 90, y: 760, text: "全体教职工"},
			}}
		}, "工会工作计划全体教职工"},
		{"fake bold drawn twice", func(f *pdfFont) [][]pdfText {
			return [][]pdfText{{
				{font: f, size: 16, x: 72, y: 760, text: "一、指导思想"},
				{font: f, size: 16, x: 72.4, y: 760, text: "一、指导思想"},
			}}
		}, "一、指导思想"},
		{"text turned 90 degrees", func(f *pdfFont) [][]pdfText {
			return [][]pdfText{{
				{font: f, size: 12, x: 100, y: 100, matrix: "0 1 -1 0", text: "一、横排表格的标题"},
				{font: f, size: 12, x: 120, y: 100, matrix: "0 1 -1 0", text: "二、第二行"},
			}}
		}, "一、横排表格的标题\n二、第二行"},
		{"text turned 180 degrees", func(f *pdfFont) [][]pdfText {
			return [][]pdfText{{
				{font: f, size: 12, x: 500, y: 500, matrix: "-1 0 0 -1", text: "一、倒置的标题"},
				{font: f, size: 12, x: 500, y: 520, matrix: "-1 0 0 -1", text: "二、第二行"},
			}}
		}, "一、倒置的标题\n二、第二行"},
		{"table rows", func(f *pdfFont) [][]pdfText {
			var runs []pdfText
			for i, row := range [][3]string{{"月份", "工作内容", "负责人"}, {"九月", "庆祝教师节", "工会主席"}, {"十月", "秋游活动", "文体委员"}} {
				y := 700 - float64(i)*30
				runs = append(runs,
					pdfText{font: f, size: 12, x: 80, y: y, text: row[0]},
					pdfText{font: f, size: 12, x: 180, y: y, text: row[1]},
					pdfText{font: f, size: 12, x: 400, y: y, text: row[2]})
			}
			return [][]pdfText{runs}
		}, "月份\t工作内容\t负责人\n九月\t庆祝教师节\t工会主席\n十月\t秋游活动\t文体委员"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
			for _, runs := range tc.build(f) {
				p.page(runs...)
			}
			res := readPDFBytes(t, p.bytes())
			if diff := cmp.Diff(tc.want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadPDFFurniture: running heads, footers and page numbers repeated
// on every page are dropped, and a paragraph cut by a page break is whole.
func TestReadPDFFurniture(t *testing.T) {
	body := [][]string{
		{"\t一、指导思想", "\t以服务教职工为宗旨，围绕学校中心", "工作，认真履行工会的各项职能，并团结"},
		{"动员全体教职工为学校发展出力。", "\t二、主要工作", "\t加强民主管理，开好教代会，推进校"},
		{"务公开，保障教职工的合法权益。", "\t三、其他"},
	}
	want := "一、指导思想\n以服务教职工为宗旨，围绕学校中心工作，认真履行工会的各项职能，并团结动员全体教职工为学校发展出力。\n" +
		"二、主要工作\n加强民主管理，开好教代会，推进校务公开，保障教职工的合法权益。\n三、其他"
	for _, number := range []string{"— %d —", "- %d -", "第%d页", "第 %d 页 共 3 页", "%d"} {
		t.Run(number, func(t *testing.T) {
			p := newTestPDF()
			f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
			for i, texts := range body {
				runs := []pdfText{{font: f, size: 9, x: 200, y: 800, text: "实验中学工会2024年工作计划"}}
				runs = append(runs, textLines(f, 16, 72, 740, 28, texts...)...)
				runs = append(runs, pdfText{font: f, size: 10, x: 280, y: 40, text: fmt.Sprintf(number, i+1)})
				p.page(runs...)
			}
			res := readPDFBytes(t, p.bytes())
			if diff := cmp.Diff(want, res.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("a line in the body is kept", func(t *testing.T) {
		// The same heading at the same height on two of three pages, but in
		// the body, not in the margins: content, not furniture.
		p := newTestPDF()
		f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
		for i := range 3 {
			p.page(textLines(f, 16, 72, 500, 28, "一、指导思想", fmt.Sprintf("第%s部分的正文。", []string{"一", "二", "三"}[i]))...)
		}
		got := readPDFBytes(t, p.bytes()).Text
		if n := strings.Count(got, "一、指导思想"); n != 3 {
			t.Errorf("heading kept %d times, want 3:\n%s", n, got)
		}
	})
}

func TestReadPDFRefused(t *testing.T) {
	text := "工会工作计划要点全体教职工积极参加"
	tests := []struct {
		name   string
		font   func(p *testPDF) *pdfFont
		kind   ErrorKind
		reason string
	}{
		{"Identity-H font without ToUnicode", func(p *testPDF) *pdfFont {
			cid := p.b.add("<</Type/Font/Subtype/CIDFontType2/BaseFont/ABCDEF+FZXBSJW/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000>>")
			return p.rawFont("F1", fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/ABCDEF+FZXBSJW/Encoding/Identity-H/DescendantFonts[%d 0 R]>>", cid), func(s string) string {
				var b []byte
				for i := range []rune(s) {
					b = append(b, byte((i*37+300)>>8), byte(i*37+300))
				}
				return hexOf(b)
			})
		}, NoText, reasonGarbage},
		{"GBK bytes through a Latin font", func(p *testPDF) *pdfFont {
			return p.rawFont("F1", "<</Type/Font/Subtype/TrueType/BaseFont/Arial/Encoding/WinAnsiEncoding>>", func(s string) string {
				enc, err := simplifiedchinese.GBK.NewEncoder().String(s)
				if err != nil {
					t.Fatal(err)
				}
				return hexOf([]byte(enc))
			})
		}, NoText, reasonGarbage},
		{"glyph names without meaning", func(p *testPDF) *pdfFont {
			return p.rawFont("F1", "<</Type/Font/Subtype/Type1/BaseFont/Custom/Encoding<</Type/Encoding/Differences[33/g1/g2/g3/g4/g5/g6/g7/g8/g9/g10]>>>>", func(string) string {
				return `(!"#$%&'\(\)*!"#$%&)`
			})
		}, NoText, reasonGarbage},
		{"no text layer", nil, NoText, reasonScan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			if tc.font != nil {
				p.page(pdfText{font: tc.font(p), size: 12, x: 72, y: 700, text: text})
			} else {
				p.page()
			}
			_, err := Read(context.Background(), "a.pdf", p.bytes(), DefaultLimits())
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind || e.Reason != tc.reason {
				t.Fatalf("err = %v, want %v: %s", err, tc.kind, tc.reason)
			}
		})
	}
}

// TestReadPDFSomeGarbage: a few unreadable characters among good text
// are read, with a warning.
func TestReadPDFSomeGarbage(t *testing.T) {
	p := newTestPDF()
	good := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
	bad := p.rawFont("F2", "<</Type/Font/Subtype/Type1/BaseFont/Custom/Encoding<</Type/Encoding/Differences[33/g1/g2]>>>>", func(string) string { return `(!"!")` })
	p.page(append(textLines(good, 12, 72, 760, 20, "工会工作要以服务教职工为宗旨，团结广大教职工", "为学校发展出力。"),
		pdfText{font: bad, size: 12, x: 72, y: 700, text: "x"})...)
	res := readPDFBytes(t, p.bytes())
	if !strings.Contains(res.Text, "工会工作要以服务教职工为宗旨") {
		t.Errorf("text %q lost the good part", res.Text)
	}
	if diff := cmp.Diff([]string{"PDF 的文字编码无法完全识别，部分文字可能是乱码"}, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// TestReadPDFConcurrent: the importer's workers share the engine.
func TestReadPDFConcurrent(t *testing.T) {
	docs := make([][]byte, 6)
	want := make([]string, len(docs))
	for i := range docs {
		p := newTestPDF()
		f := p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1")
		want[i] = fmt.Sprintf("第%d份计划：组织教职工开展活动。", i+1)
		p.page(pdfText{font: f, size: 12, x: 72, y: 700, text: want[i]})
		docs[i] = p.bytes()
	}
	var wg sync.WaitGroup
	got := make([]string, len(docs))
	errs := make([]error, len(docs))
	for i := range docs {
		wg.Go(func() {
			res, err := Read(context.Background(), "a.pdf", docs[i], DefaultLimits())
			got[i], errs[i] = res.Text, err
		})
	}
	wg.Wait()
	for i := range docs {
		if errs[i] != nil || got[i] != want[i] {
			t.Errorf("doc %d: %q, %v; want %q", i, got[i], errs[i], want[i])
		}
	}
}

// TestReadPDFCancelled: a cancelled read returns the context's error and
// the engine goes on reading other files.
func TestReadPDFCancelled(t *testing.T) {
	p := newTestPDF()
	p.page(pdfText{font: p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), size: 12, x: 72, y: 700, text: "工会工作计划"})
	data := p.bytes()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := readPDF(ctx, data, DefaultLimits()); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled read: err = %v, want context.Canceled", err)
	}
	if got := readPDFBytes(t, data).Text; got != "工会工作计划" {
		t.Fatalf("after a cancelled read: %q", got)
	}
}

// TestPDFEngineCache: the compiled module is kept in the cache folder, and
// a folder that cannot be used only costs the compile.
func TestPDFEngineCache(t *testing.T) {
	p := newTestPDF()
	p.page(pdfText{font: p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), size: 12, x: 72, y: 700, text: "工会工作计划"})
	data := p.bytes()
	readPDFBytes(t, data)
	dir := pdfCacheDir()
	if dir == "" {
		t.Skip("no user cache directory on this machine")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "wazero-*", "*"))
	if len(files) == 0 {
		t.Errorf("no compiled module in %s", dir)
	}
	if !engine.cached {
		t.Errorf("the engine did not use the cache in %s", dir)
	}

	// A cache "directory" that is a file: the engine compiles in memory.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	saved := pdfCacheDir
	t.Cleanup(func() {
		pdfCacheDir = saved
		ClosePDFEngine()
	})
	pdfCacheDir = func() string { return filepath.Join(blocked, "pdfium") }
	if err := ClosePDFEngine(); err != nil {
		t.Fatal(err)
	}
	if got := readPDFBytes(t, data).Text; got != "工会工作计划" {
		t.Errorf("without a cache: %q", got)
	}
	if engine.cached {
		t.Error("the engine says it used a cache it cannot have")
	}
}

// TestClosePDFEngineWaits: closing the engine while a read is in progress
// stops it only when that read ends; the next read starts it again.
func TestClosePDFEngineWaits(t *testing.T) {
	if _, err := engine.acquire(); err != nil {
		t.Fatal(err)
	}
	if err := ClosePDFEngine(); err != nil {
		t.Fatal(err)
	}
	engine.mu.Lock()
	running := engine.pool != nil
	engine.mu.Unlock()
	if !running {
		t.Fatal("the engine stopped under a read in progress")
	}
	engine.release()
	engine.mu.Lock()
	running = engine.pool != nil
	engine.mu.Unlock()
	if running {
		t.Fatal("the engine still runs after the last read ended")
	}
	p := newTestPDF()
	p.page(pdfText{font: p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), size: 12, x: 72, y: 700, text: "工会工作计划"})
	if got := readPDFBytes(t, p.bytes()).Text; got != "工会工作计划" {
		t.Fatalf("after a restart: %q", got)
	}
}

// TestPDFEngineFails: an engine that cannot start is a clear failure of
// each PDF, not a damaged file, and other formats still read.
func TestPDFEngineFails(t *testing.T) {
	t.Cleanup(func() {
		pdfiumModule = nil
		ClosePDFEngine()
	})
	if err := ClosePDFEngine(); err != nil {
		t.Fatal(err)
	}
	pdfiumModule = []byte("\x00asm junk")
	p := newTestPDF()
	p.page(pdfText{font: p.cjkFont("F1", "SimSun", "UniGB-UTF16-H", "GB1"), size: 12, x: 72, y: 700, text: "工会工作计划"})
	_, err := Read(context.Background(), "a.pdf", p.bytes(), DefaultLimits())
	var e *Error
	if !errors.As(err, &e) || e.Kind != Unsupported || !strings.Contains(e.Reason, "PDF 读取引擎") {
		t.Fatalf("err = %v, want Unsupported naming the PDF engine", err)
	}
	if res, err := Read(context.Background(), "a.txt", []byte("工会工作计划"), DefaultLimits()); err != nil || res.Text != "工会工作计划" {
		t.Fatalf("a text file after the engine failed: %q, %v", res.Text, err)
	}
}
