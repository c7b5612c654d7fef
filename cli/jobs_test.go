package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

var (
	examplesWSOnce sync.Once
	examplesWS     string
)

// importedExamples returns a workspace holding the bundled examples,
// imported once for all the tests of this file (they only read it).
func importedExamples(t *testing.T) string {
	t.Helper()
	examplesWSOnce.Do(func() {
		dir, err := os.MkdirTemp("", "plans-cli-test-")
		if err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := run(t, dir, "import", examplesDir(t)); code != ExitOK {
			t.Fatalf("import examples: %d\n%s\n%s", code, out, errOut)
		}
		examplesWS = dir
	})
	if examplesWS == "" {
		t.Fatal("examples workspace could not be made")
	}
	return examplesWS
}

func TestMain(m *testing.M) {
	code := m.Run()
	if examplesWS != "" {
		os.RemoveAll(examplesWS)
	}
	os.Exit(code)
}

func TestSearchBothScriptsAndJSONContract(t *testing.T) {
	ws, src := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "繁體.txt"), []byte("光明小學2022年工會工作計劃\n一、指導思想\n服務教職工。\n二、主要工作\n（一）深化校務公開\n每月在公開欄公示校務公開事項。\n"), 0o644)
	os.WriteFile(filepath.Join(src, "简体.txt"), []byte("育才小学2023年工会工作计划\n一、指导思想\n服务教职工。\n二、主要工作\n（一）推进校务公开\n定期召开教代会，做好校务公开。\n"), 0o644)
	if code, out, errOut := run(t, ws, "import", src); code != ExitOK {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	for _, q := range []string{"校务公开", "校務公開"} {
		code, out, errOut := run(t, ws, "search", q, "--json", "--limit", "50", "--per-doc", "50")
		if code != ExitOK {
			t.Fatalf("search %s: %d %s", q, code, errOut)
		}
		var res struct {
			Query  string `json:"query"`
			Total  int    `json:"total"`
			TookMS *int   `json:"took_ms"`
			Hits   []struct {
				DocID     string   `json:"doc_id"`
				SectionID string   `json:"section_id"`
				Source    string   `json:"source"`
				Title     string   `json:"title"`
				Org       *string  `json:"org"`
				Year      *int     `json:"year"`
				Heading   string   `json:"heading"`
				Tag       string   `json:"tag"`
				Topics    []string `json:"topics"`
				Score     float64  `json:"score"`
				Fragments []string `json:"fragments"`
			} `json:"hits"`
			Facets map[string]map[string]int `json:"facets"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("search --json is not the contract: %v\n%.300s", err, out)
		}
		if res.Query != q || res.Total == 0 || res.TookMS == nil || len(res.Hits) == 0 {
			t.Fatalf("search %s: %+v", q, res)
		}
		for _, k := range []string{"topic", "year", "tag", "kind"} {
			if _, ok := res.Facets[k]; !ok {
				t.Errorf("facet %q missing", k)
			}
		}
		var simp, trad bool
		for _, h := range res.Hits {
			if h.DocID == "" || h.Source == "" || h.Title == "" || len(h.Fragments) == 0 {
				t.Errorf("incomplete hit %+v", h)
			}
			for _, f := range h.Fragments {
				if !strings.Contains(f, "<mark>") {
					t.Errorf("fragment without highlight: %s", f)
				}
			}
			joined := strings.Join(h.Fragments, "")
			if strings.Contains(joined, "<mark>校务公开</mark>") {
				simp = true
			}
			if strings.Contains(joined, "<mark>校務公開</mark>") {
				trad = true
			}
		}
		if !simp || !trad {
			t.Errorf("%s should find both scripts, highlighted in the original (simplified %v, traditional %v)", q, simp, trad)
		}
	}
}

func TestSearchThesaurusAndFilters(t *testing.T) {
	ws := importedExamples(t)
	_, expanded, _ := run(t, ws, "search", "福利", "--limit", "50", "--explain")
	_, exact, _ := run(t, ws, "search", "福利", "--limit", "50", "--exact")
	if !strings.Contains(expanded, "【疗休养】") || !strings.Contains(expanded, "检索方式") {
		t.Errorf("福利 should reach 疗休养 through the thesaurus:\n%.800s", expanded)
	}
	if strings.Contains(exact, "【疗休养】") {
		t.Errorf("--exact should not expand 福利")
	}
	code, out, _ := run(t, ws, "search", "教代会", "--topic", "democratic-management", "--year", "2023-2024", "--json")
	if code != ExitOK {
		t.Fatal(out)
	}
	var res struct {
		Hits []struct {
			Year   int      `json:"year"`
			Topics []string `json:"topics"`
		} `json:"hits"`
	}
	json.Unmarshal([]byte(out), &res)
	if len(res.Hits) == 0 {
		t.Fatal("no hits for 教代会 in 2023-2024")
	}
	for _, h := range res.Hits {
		if h.Year < 2023 || h.Year > 2024 || !strings.Contains(strings.Join(h.Topics, ","), "democratic-management") {
			t.Errorf("hit outside the filters: %+v", h)
		}
	}
	if code, _, errOut := run(t, ws, "search", "x", "--topic", "nonsense"); code != ExitUsage {
		t.Errorf("unknown topic: exit %d %s", code, errOut)
	}
	code, out, _ = run(t, ws, "kwic", "送温暖")
	if code != ExitOK || !strings.Contains(out, "【送温暖】") || !strings.Contains(out, "城南实验小学") {
		t.Errorf("kwic:\n%s", out)
	}
}

func TestCompareAndDraftFromExamples(t *testing.T) {
	ws := importedExamples(t)
	out := filepath.Join(t.TempDir(), "对比.html")
	code, _, errOut := run(t, ws, "compare", "--format", "html", "-o", out, "--no-terms")
	if code != ExitOK {
		t.Fatalf("compare: %d %s", code, errOut)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "覆盖矩阵") {
		t.Errorf("compare html lacks its charts")
	}
	code, md, _ := run(t, ws, "compare", "--org", "城南实验小学", "--no-terms")
	if code != ExitOK || !strings.Contains(md, "桐溪市溪北区城南实验小学") || !strings.Contains(md, "逐年变化") {
		t.Errorf("compare --org should follow the school across its spellings and years:\n%.600s", md)
	}
	code, draftMD, errOut := run(t, ws, "draft", "--org", "城南实验小学", "--year", "2025")
	if code != ExitOK {
		t.Fatalf("draft: %d %s", code, errOut)
	}
	for _, want := range []string{"城南实验小学2025年工会工作计划", "一、指导思想", "二、工作目标", "三、主要工作", "四、行事历", "[^1]"} {
		if !strings.Contains(draftMD, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	docx := filepath.Join(t.TempDir(), "草稿.docx")
	if code, _, errOut := run(t, ws, "draft", "--org", "城南实验小学", "--year", "2025", "--format", "docx", "-o", docx); code != ExitOK {
		t.Fatalf("draft docx: %s", errOut)
	}
	if b, _ := os.ReadFile(docx); len(b) < 1000 || string(b[:2]) != "PK" {
		t.Errorf("draft docx is not a zip package")
	}
	// Without --year: the year after the base's.
	if code, out, errOut := run(t, ws, "draft", "--org", "城南实验小学"); code != ExitOK || !strings.Contains(out, "城南实验小学2025年工会工作计划") {
		t.Errorf("draft without year: %d %s\n%.300s", code, errOut, out)
	}
	// A school's peers are schools: nothing of the enterprise's plan.
	if strings.Contains(draftMD, "启明星") || !strings.Contains(draftMD, "参考了") {
		t.Errorf("the school's draft cites the enterprise or does not say its peers")
	}
	// A name that matches nothing: the nearest names, no draft.
	code, out, errOut = run(t, ws, "draft", "--org", "城南小学", "--year", "2025")
	if code != ExitError || !strings.Contains(errOut, "您要找的是不是：") || !strings.Contains(errOut, "城南实验小学") || out != "" {
		t.Errorf("unknown org: exit %d, stderr %q, stdout %.100q", code, errOut, out)
	}
	if code, out, errOut := run(t, ws, "draft", "--org", "城南小学", "--year", "2025", "--no-base", "--peers", "小学,幼儿园"); code != ExitOK || !strings.Contains(out, "单位类型按您的选择") {
		t.Errorf("--no-base --peers: exit %d %s\n%.300s", code, errOut, out)
	}
	if code, _, errOut := run(t, ws, "draft", "--org", "城南实验小学", "--peers", "学校"); code != ExitUsage || !strings.Contains(errOut, "不是单位类型") {
		t.Errorf("--peers 学校: exit %d %s", code, errOut)
	}
}

func TestDoctorAndReindex(t *testing.T) {
	ws := t.TempDir()
	if code, _, errOut := run(t, ws, "import", examplesDir(t)); code != ExitOK {
		t.Fatal(errOut)
	}
	code, out, _ := run(t, ws, "doctor")
	if code != ExitOK || !strings.Contains(out, "存储与索引一致") {
		t.Fatalf("doctor on a fresh import: %d\n%s", code, out)
	}
	// Losing the index is found, and fixed.
	os.RemoveAll(filepath.Join(ws, "index"))
	code, out, _ = run(t, ws, "doctor")
	if code != ExitError || !strings.Contains(out, "plans reindex") {
		t.Fatalf("doctor without an index: %d\n%s", code, out)
	}
	if code, out, _ = run(t, ws, "search", "校务公开"); code != ExitError {
		t.Errorf("search without an index should say so: %d %s", code, out)
	}
	code, out, _ = run(t, ws, "doctor", "--fix")
	if code != ExitOK || !strings.Contains(out, "已修复") {
		t.Fatalf("doctor --fix: %d\n%s", code, out)
	}
	code, out, _ = run(t, ws, "reindex")
	if code != ExitOK || !strings.Contains(out, "已重建索引") {
		t.Fatalf("reindex: %d %s", code, out)
	}
	if code, out, _ = run(t, ws, "search", "校务公开"); code != ExitOK || !strings.Contains(out, "【校务公开】") {
		t.Errorf("search after reindex: %d\n%.300s", code, out)
	}
	// A removed file is found by doctor and pruned by import --prune.
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("育才小学2024年工会工作计划\n一、指导思想\n推进校务公开。\n"), 0o644)
	run(t, ws, "import", src)
	os.Remove(filepath.Join(src, "a.txt"))
	if code, out, _ = run(t, ws, "doctor"); code != ExitError || !strings.Contains(out, "已不存在") {
		t.Errorf("doctor should report the missing file:\n%s", out)
	}
	if code, out, _ = run(t, ws, "import", "--prune", src); code != ExitOK || !strings.Contains(out, "已删除") {
		t.Errorf("import --prune: %d\n%s", code, out)
	}
}

// After an upgrade that changes the analyzer or the index layout, the next
// import rebuilds the index from the store on its own, then goes on.
func TestImportRebuildsAnOutdatedIndex(t *testing.T) {
	ws, src := outdatedWorkspace(t)
	if code, _, errOut := run(t, ws, "search", "校务公开"); code != ExitError || !strings.Contains(errOut, "plans reindex") {
		t.Fatalf("search on the outdated index: %d %s", code, errOut)
	}

	os.WriteFile(filepath.Join(src, "b.txt"), []byte("育英中学2025年工会工作计划\n一、主要工作\n做好送温暖工作。\n"), 0o644)
	code, _, errOut := run(t, ws, "import", src)
	if code != ExitOK || !strings.Contains(errOut, "重建索引") {
		t.Fatalf("import over the outdated index: %d\n%s", code, errOut)
	}
	// Both the document imported before and the new one are found.
	for q, want := range map[string]string{"校务公开": "育才小学", "送温暖": "育英中学"} {
		if code, out, _ := run(t, ws, "search", q); code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("search %s after the import: %d\n%.300s", q, code, out)
		}
	}
	if code, out, _ := run(t, ws, "doctor"); code != ExitOK || !strings.Contains(out, "存储与索引一致") {
		t.Errorf("doctor after the import: %d\n%s", code, out)
	}
}

// outdatedWorkspace returns a workspace with one imported plan (育才小学,
// 校务公开) from the folder src, whose index looks built by an older plans.
func outdatedWorkspace(t *testing.T) (ws, src string) {
	t.Helper()
	ws, src = t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("育才小学2024年工会工作计划\n一、指导思想\n推进校务公开。\n"), 0o644)
	if code, _, errOut := run(t, ws, "import", src); code != ExitOK {
		t.Fatal(errOut)
	}
	outdateIndex(t, ws)
	return ws, src
}

// outdateIndex makes the index of the workspace ws look built by an older
// plans (another analyzer and layout).
func outdateIndex(t *testing.T, ws string) {
	t.Helper()
	bi, err := bleve.Open(filepath.Join(ws, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	b := bi.NewBatch()
	b.SetInternal([]byte("plans.meta"), []byte(`{"schema":1,"analyzer":"gse v0.1 zh_s; user 000000; segment 0"}`))
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := <-persisted; err != nil {
		t.Fatal(err)
	}
}
