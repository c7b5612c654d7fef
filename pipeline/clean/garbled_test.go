package clean

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkMojibake turns text into what a reader shows when it decodes the
// UTF-8 bytes as GBK.
func gbkMojibake(t *testing.T, s string) string {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewDecoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGarbled(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"clean", "一、指导思想\n以党的教育方针为指导，团结广大教职工。", nil},
		{"placeholders", "XX年XX月，20__年度，x年x月，xx区教育局", nil},
		{"letters that belong", "做好B超检查和X光体检，开展卡拉OK比赛，3A级景区。", nil},
		{"question in prose", "怎么办?我们要依靠教职工。", nil},
		{"replacement character", "第一行\n以发展和谐劳\uFFFD关系为目标",
			[]string{"第2行有无法识别的字符（�）：谐劳�关系"}},
		{"question marks", "群众安居乐业的新局面??傮w来看,有以下几点",
			[]string{"第1行有乱码：新局面??傮w来看"}},
		{"question debris", "现场和周围环境等的异?,F象",
			[]string{"第1行有乱码：等的异?,F象"}},
		{"stray letter", "及时发现问题,提高l现问题能力",
			[]string{"第1行有乱码（汉字间夹杂字母）：提高l现问题"}},
		{"pinyin with tone", "推动學校發(fā)展",
			[]string{"第1行有拼音注音残留：學校發(fā)展"}},
		{"pinyin without tone", "推动学校发(fa)展",
			[]string{"第1行有拼音注音残留：学校发(fa)展"}},
		{"kunkao", "锟斤拷锟斤拷", []string{"第1行有乱码（编码转换错误）：锟斤拷锟斤拷"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Garbled(tt.text)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestGarbledMojibake(t *testing.T) {
	for _, s := range []string{
		"全面加强工会工作",
		"认真落实教代会各项职权，推进校务公开。",
		"關心退休教職工生活",
	} {
		t.Run(s, func(t *testing.T) {
			bad := gbkMojibake(t, s)
			got := Garbled("正常的一行。\n" + bad)
			if len(got) == 0 {
				t.Fatalf("no warning for %q (mojibake of %q)", bad, s)
			}
			if !strings.HasPrefix(got[0], "第2行有乱码（UTF-8 文字被当作 GBK 读取）") {
				t.Errorf("warning = %q", got[0])
			}
			// The warning shows what the text should have been.
			if !strings.Contains(got[0], s[:6]) {
				t.Errorf("warning %q does not show the fixed text %q", got[0], s)
			}
		})
	}
}

func TestGarbledCap(t *testing.T) {
	text := strings.Repeat("推动发(fa)展\n", maxGarbled+5)
	got := Garbled(text)
	if len(got) != maxGarbled+1 {
		t.Fatalf("got %d warnings, want %d", len(got), maxGarbled+1)
	}
	if want := "另有5处乱码未列出"; got[maxGarbled] != want {
		t.Errorf("last warning = %q, want %q", got[maxGarbled], want)
	}
}

// The table mojibake encodes with is GBK itself.
func TestGBKCodesMatchEncoder(t *testing.T) {
	codes := gbkCodes()
	enc := simplifiedchinese.GBK.NewEncoder()
	n := 0
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue
		}
		b, err := enc.String(string(r))
		var want uint16
		switch {
		case err != nil:
		case len(b) == 1:
			want = uint16(b[0])
		case len(b) == 2:
			want = uint16(b[0])<<8 | uint16(b[1])
		}
		if codes[r] != want {
			t.Fatalf("U+%04X: table %#x, encoder %#x", r, codes[r], want)
		}
		if want != 0 {
			n++
		}
	}
	if n < 20000 {
		t.Errorf("only %d runes encodable; GBK holds about 21,000", n)
	}
}
