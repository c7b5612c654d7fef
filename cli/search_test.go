package cli

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The summary line counts documents and matches; the JSON has the same
// totals in its new fields and keeps the contract's.
func TestSearchDocumentTotals(t *testing.T) {
	ws := importedExamples(t)
	code, text, errOut := run(t, ws, "search", "教代会", "--limit", "1000", "--per-doc", "1000")
	if code != ExitOK {
		t.Fatal(errOut)
	}
	m := regexp.MustCompile(`“教代会”：(\d+) 篇文档 · (\d+) 处匹配`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no totals line:\n%.300s", text)
	}
	_, out, _ := run(t, ws, "search", "教代会", "--limit", "1000", "--per-doc", "1000", "--json")
	var res struct {
		Total     int `json:"total"`
		TotalDocs int `json:"total_docs"`
		Hits      []struct {
			DocID string `json:"doc_id"`
			Match string `json:"match"`
		} `json:"hits"`
		Facets    map[string]map[string]int `json:"facets"`
		FacetDocs map[string]map[string]int `json:"facet_docs"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, h := range res.Hits {
		docs[h.DocID] = true
		if h.Match != "words" && h.Match != "topic" {
			t.Errorf("hit without a match reason: %+v", h)
		}
	}
	if strconv.Itoa(res.TotalDocs) != m[1] || strconv.Itoa(res.Total) != m[2] || res.TotalDocs != len(docs) || len(res.Hits) != res.Total {
		t.Errorf("text %s documents %s matches; JSON %d documents %d matches, hits in %d documents", m[1], m[2], res.TotalDocs, res.Total, len(docs))
	}
	if res.Facets["topic"] == nil || res.FacetDocs["topic"] == nil {
		t.Errorf("facets or facet_docs missing")
	}
	if !strings.Contains(text, "分面（篇文档）") {
		t.Errorf("facets are not said to count documents")
	}
}

// --by doc prints one row per document; --sort year puts the newest first;
// OR between words finds either; --exact turns the areas off.
func TestSearchByDocSortOrExact(t *testing.T) {
	ws := importedExamples(t)
	_, byDoc, _ := run(t, ws, "search", "工会", "--by", "doc", "--sort", "year", "--limit", "100")
	rows := regexp.MustCompile(`(?m)^(\d+)\. .*（.*?(?:(\d{4})年 · )?[^（]*(\d+) 处）$`).FindAllStringSubmatch(byDoc, -1)
	m := regexp.MustCompile(`(\d+) 篇文档`).FindStringSubmatch(byDoc)
	if m == nil || strconv.Itoa(len(rows)) != m[1] {
		t.Fatalf("--by doc: %d rows for %v documents:\n%.1500s", len(rows), m, byDoc)
	}
	last := 9999
	for _, r := range rows {
		y, _ := strconv.Atoi(r[2])
		if y == 0 {
			y = -1
		}
		if y > last {
			t.Errorf("--sort year: %s after %d", r[0], last)
		}
		last = y
	}

	count := func(args ...string) int {
		_, out, _ := run(t, ws, append([]string{"search", "--json", "--exact"}, args...)...)
		var res struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	a, b, either := count("疗休养"), count("重阳"), count("疗休养", "OR", "重阳")
	if a == 0 || b == 0 || either < max(a, b) || either > a+b {
		t.Errorf("疗休养 %d, 重阳 %d, 疗休养 OR 重阳 %d", a, b, either)
	}

	_, explain, _ := run(t, ws, "search", "劳动竞赛", "--explain")
	if !strings.Contains(explain, "也找工作领域为“业务与竞赛”的段落") {
		t.Errorf("--explain does not name the area:\n%.500s", explain)
	}
	_, exact, _ := run(t, ws, "search", "劳动竞赛", "--explain", "--exact")
	if strings.Contains(exact, "工作领域为") || strings.Contains(exact, "按工作领域") {
		t.Errorf("--exact still uses the area:\n%.500s", exact)
	}

	for _, bad := range [][]string{{"--by", "page"}, {"--sort", "date"}} {
		if code, _, errOut := run(t, ws, append([]string{"search", "工会"}, bad...)...); code != ExitUsage || errOut == "" {
			t.Errorf("%v: exit %d %q", bad, code, errOut)
		}
	}
}

// A query that finds nothing suggests a nearby area or word, not the
// analyzer's segmentation.
func TestSearchSuggests(t *testing.T) {
	ws := importedExamples(t)
	_, out, _ := run(t, ws, "search", "校物公开")
	if !strings.Contains(out, "没有找到。试试：校务公开") {
		t.Errorf("no suggestion:\n%s", out)
	}
	_, out, _ = run(t, ws, "search", "量子纠缠")
	if strings.Contains(out, " + ") || !strings.Contains(out, "没有找到") {
		t.Errorf("量子纠缠:\n%s", out)
	}
}
