package segment

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func mustDefault(t testing.TB) *Segmenter {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func words(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestCutKeepsUnionTermsWhole(t *testing.T) {
	s := mustDefault(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"全体教职工代表大会和教代会", []string{"全体", "教职工代表大会", "和", "教代会"}},
		{"落实校务公开制度", []string{"落实", "校务公开", "制度"}},
		{"加强师德师风建设", []string{"加强", "师德师风", "建设"}},
		{"组织教职工疗休养", []string{"组织", "教职工", "疗休养"}},
		{"实施青蓝工程", []string{"实施", "青蓝工程"}},
		{"开展送温暖活动", []string{"开展", "送温暖", "活动"}},
		{"建设教职工之家和职工之家", []string{"建设", "教职工之家", "和", "职工之家"}},
		{"搞好教工之家建设", []string{"搞好", "教工之家", "建设"}},
		{"召开职代会", []string{"召开", "职代会"}},
		// ASCII and digits inside Chinese: whole words, lower case;
		// punctuation and % dropped.
		{"加入QQ群交流，满意率100%以上。", []string{"加入", "qq", "群", "交流", "满意率", "100", "以上"}},
		{"ＰＰＴ课件２０１９年", []string{"ppt", "课件", "2019", "年"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, s.Words(tt.in)); diff != "" {
				t.Errorf("Words(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// checkTokens checks the invariants of a cut: offsets in bounds, on rune
// boundaries, in order, and each token the folded form of its span.
func checkTokens(t testing.TB, text string, toks []Token, ordered bool) {
	t.Helper()
	// Boundaries are where range starts a rune (an invalid byte is a rune
	// of its own) and the end of the text.
	boundary := map[int]bool{len(text): true}
	for i := range text {
		boundary[i] = true
	}
	prevStart := 0
	for i, tok := range toks {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			t.Fatalf("token %d %q: offsets [%d,%d) out of bounds for %d bytes", i, tok.Text, tok.Start, tok.End, len(text))
		}
		if !boundary[tok.Start] || !boundary[tok.End] {
			t.Fatalf("token %d %q: offsets [%d,%d) not on rune boundaries", i, tok.Text, tok.Start, tok.End)
		}
		if ordered && tok.Start < prevStart {
			t.Fatalf("token %d %q starts at %d, before the previous token (%d)", i, tok.Text, tok.Start, prevStart)
		}
		prevStart = tok.Start
		if got := Normalize(text[tok.Start:tok.End]); got != tok.Text {
			t.Fatalf("token %d: text %q, but its span folds to %q", i, tok.Text, got)
		}
		if !utf8.ValidString(tok.Text) {
			t.Fatalf("token %d: invalid UTF-8 %q", i, tok.Text)
		}
	}
}

func TestCutOffsets(t *testing.T) {
	s := mustDefault(t)
	for _, name := range []string{"testdata/plan.txt", "testdata/plan_trad.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b) + "\nＱＱ群：１２３４５，ＷＯＲＤ文档"
		toks := s.Cut(text)
		checkTokens(t, text, toks, true)
		// Every letter or digit of the text is in some token.
		covered := 0
		for _, tok := range toks {
			covered += utf8.RuneCountInString(tok.Text)
		}
		want := 0
		for _, r := range text {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				want++
			}
		}
		if covered != want {
			t.Errorf("%s: tokens cover %d letters and digits, the text has %d", name, covered, want)
		}
	}
}

func TestParseDict(t *testing.T) {
	words, err := ParseDict(defaultUserDict)
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 50 {
		t.Errorf("shipped dictionary has %d words, want the union terms", len(words))
	}
	for _, bad := range []string{"校务公开\n", "校务公开 x\n", "校务公开 0\n", "a 1 n extra\n"} {
		if _, err := ParseDict([]byte(bad)); err == nil {
			t.Errorf("ParseDict(%q): no error", bad)
		}
	}
	got, err := ParseDict([]byte("# comment\n\n送温暖 100 v\n职工小家 5\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []DictWord{{"送温暖", 100, "v"}, {"职工小家", 5, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseDict (-want +got):\n%s", diff)
	}
}

func TestVersion(t *testing.T) {
	v := Version()
	if v != DefaultOptions().Version() || !strings.Contains(v, "zh_s") {
		t.Errorf("Version() = %q", v)
	}
	changed := Options{UserDict: append(UserDict(), []byte("\n新词 10\n")...)}.Version()
	if changed == v {
		t.Errorf("a changed user dictionary keeps version %q", v)
	}
	if (Options{Dict: "zh"}).Version() == v {
		t.Errorf("another gse dictionary keeps version %q", v)
	}
	if s := mustDefault(t); s.Version() != v {
		t.Errorf("Default().Version() = %q, want %q", s.Version(), v)
	}
}

func TestNewRejectsBadDictionary(t *testing.T) {
	if _, err := New(Options{UserDict: []byte("坏 行 有 太多 字段\n")}); err == nil {
		t.Error("New with a malformed user dictionary: no error")
	}
}

func TestKnown(t *testing.T) {
	s := mustDefault(t)
	for _, w := range []string{"校务公开", "疗休养", "教代会", "工会"} {
		if _, ok := s.Known(w); !ok {
			t.Errorf("Known(%q) = false", w)
		}
	}
	if f, ok := s.Known("校务公开"); ok && f != 20000 {
		t.Errorf("校务公开 has frequency %v, want the user dictionary's 20000", f)
	}
}

func BenchmarkCut(b *testing.B) {
	s := mustDefault(b)
	text, err := os.ReadFile("testdata/plan.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(string(text))
	}
}
