package web

import (
	"net/http"
	"strings"
	"testing"
)

// The home page is an overview: documents by year and by kind of
// organisation, recent imports, and ways to search, draft and compare.
func TestHomePage(t *testing.T) {
	e := corpusEnv(t)
	doc := parse(t, e.mustGet(t, "/", http.StatusOK).body)
	body := text(doc)
	for _, want := range []string{"工作区里有 4 篇文档", "来自 4 个单位", "按年份", "2023年", "按单位类型", "小学", "中学", "幼儿园", "最近的导入", "起草明年的计划", "对比"} {
		if !strings.Contains(body, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	// Counts are documents: by year they add up to the total.
	total := 0
	for _, tbl := range findAll(doc, class("bars"))[:1] {
		for _, td := range findAll(tbl, class("num")) {
			var n int
			for _, r := range text(td) {
				if r >= '0' && r <= '9' {
					n = n*10 + int(r-'0')
				}
			}
			total += n
		}
	}
	if total != 4 {
		t.Errorf("documents by year add up to %d, want 4", total)
	}
	forms := map[string]bool{}
	for _, f := range findAll(doc, element("form")) {
		forms[attr(f, "action")] = true
	}
	for _, a := range []string{"/search", "/draft", "/compare"} {
		if !forms[a] {
			t.Errorf("no form to %s", a)
		}
	}

	empty := freshEnv(t, nil)
	page := empty.mustGet(t, "/", http.StatusOK)
	if !strings.Contains(page.body, "工作区里还没有文档") || !strings.Contains(page.body, `href="/import"`) {
		t.Errorf("empty workspace: no hint to import\n%s", excerpt(page.body))
	}
}
