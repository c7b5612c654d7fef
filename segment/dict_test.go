package segment

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"
	"github.com/google/go-cmp/cmp"
)

var (
	refOnce sync.Once
	refSeg  *gse.Segmenter
	refTrie *trie
	refErr  error
)

// reference returns gse loaded the old way and the trie built from it (in
// memory, no cache).
func reference(t testing.TB) (*gse.Segmenter, *trie) {
	t.Helper()
	refOnce.Do(func() {
		o := DefaultOptions()
		refSeg, refErr = gseSegmenter(o)
		if refErr == nil {
			refTrie, refErr = decodeTrie(encodeTrie(refSeg.Dict, dictKey(o)), dictKey(o))
		}
	})
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refSeg, refTrie
}

func gseRanges(seg *gse.Segmenter, s string) [][2]int {
	var out [][2]int
	for _, sg := range seg.Segment([]byte(s)) {
		out = append(out, [2]int{sg.Start(), sg.End()})
	}
	return out
}

// sameCut checks that the trie cuts s exactly as gse does.
func sameCut(t *testing.T, seg *gse.Segmenter, tr *trie, s string) {
	t.Helper()
	want, got := gseRanges(seg, s), tr.segment(s)
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cut of %q differs from gse's (-gse +trie):\n%s", s, diff)
	}
}

func TestTrieCutsAsGse(t *testing.T) {
	seg, tr := reference(t)
	texts := []string{
		"", "校务公开", "全体教职工代表大会和教代会", "加入QQ群交流，满意率100%以上。",
		"ABC工会def", "ＰＰＴ课件２０１９年", "é café naïve ü", "第1、2、3条 a1b2c3",
		"一二三四五六七八九十百千万亿", "ひらがなカタカナ漢字", "\xff\xfe工会\x80", "😀工会😀",
		"长江大桥南京市长江大桥", "中华人民共和国教育工会全国委员会",
	}
	for _, name := range []string{"testdata/plan.txt", "testdata/plan_trad.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
		texts = append(texts, string(b))
	}
	exs, _ := filepath.Glob("../examples/*.txt")
	if len(exs) == 0 {
		t.Fatal("no example texts in ../examples")
	}
	for _, name := range exs {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		sameCut(t, seg, tr, s)
		sameCut(t, seg, tr, fold(s).text)
	}
}

func TestTrieFindsAsGse(t *testing.T) {
	seg, tr := reference(t)
	for _, w := range []string{"校务公开", "工会", "教代", "教代会", "", "不存在的词语xyz", "qq", "中华人民共和国"} {
		wf, _, wok := seg.Find(w)
		gf, gok := tr.find(w)
		if wf != gf || wok != gok {
			t.Errorf("find(%q) = %v, %v; gse: %v, %v", w, gf, gok, wf, wok)
		}
	}
}

func FuzzTrieCutsAsGse(f *testing.F) {
	seedCorpus(f)
	seg, tr := reference(f)
	f.Fuzz(func(t *testing.T, s string) {
		sameCut(t, seg, tr, s)
	})
}

func TestDictionaryCache(t *testing.T) {
	dir := t.TempDir()
	o := DefaultOptions()
	o.CacheDir = dir
	first, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	path := cacheFile(o)
	if filepath.Dir(path) != dir {
		t.Fatalf("cache file %s not in %s", path, dir)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the first New did not cache the dictionary: %v", err)
	}
	second, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if !second.dict.mapped {
		t.Error("the second New did not map the cached dictionary")
	}
	const text = "落实校务公开制度，开展送温暖活动，组织教职工疗休养。"
	if diff := cmp.Diff(first.Words(text), second.Words(text)); diff != "" {
		t.Errorf("built and mapped dictionaries cut differently (-built +mapped):\n%s", diff)
	}

	// A damaged file is rebuilt, not trusted.
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { return b[:len(b)/2] },
		func(b []byte) []byte { b[0] = 'x'; return b },
		func(b []byte) []byte { copy(b[headerSize:], []byte{0xff, 0xff, 0xff, 0x7f}); return b },
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Replaced, not written over: the earlier segmenters map the file.
		if err := writeAtomic(path, damage(b)); err != nil {
			t.Fatal(err)
		}
		s, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first.Words(text), s.Words(text)); diff != "" {
			t.Errorf("after damage (-want +got):\n%s", diff)
		}
		if _, err := mapTrie(path, dictKey(o)); err != nil {
			t.Errorf("the damaged file was not replaced: %v", err)
		}
	}

	// Other options, other file; building it removes the stale one.
	o2 := o
	o2.UserDict = []byte("测试词语 100\n")
	if cacheFile(o2) == path {
		t.Error("a different user dictionary shares the cache file")
	}
	s2, err := New(o2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the dictionary of the old version is still cached (%v)", err)
	}
	if got := s2.Words("测试词语"); !cmp.Equal(got, []string{"测试词语"}) {
		t.Errorf("new user word not found: %v", got)
	}
	if diff := cmp.Diff(first.Words(text), second.Words(text)); diff != "" {
		t.Errorf("a segmenter whose file was removed cuts differently (-before +after):\n%s", diff)
	}
	// No cache: built in memory, nothing written.
	o3 := DefaultOptions()
	o3.CacheDir = "-"
	if cacheFile(o3) != "" {
		t.Error("CacheDir \"-\" has a cache file")
	}
}

func TestUnits(t *testing.T) {
	for _, s := range []string{"", "abc", "工会abc12工会", "é工", "a b", "\xff工"} {
		var want []string
		for _, u := range gse.SplitWords([]byte(s)) {
			want = append(want, string(u))
		}
		at := units(s, nil)
		var got []string
		for i := 0; i+1 < len(at); i++ {
			got = append(got, s[at[i]:at[i+1]])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("units(%q) (-gse +ours):\n%s", s, diff)
		}
	}
}
