package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"plans/index"
)

var totalRE = regexp.MustCompile(`共 <strong>\d+</strong> 篇文档 · (\d+) 处匹配`)

// TestSearchWhileImporting: the server answers searches while an import
// runs through it. Every search succeeds, sees a consistent index (the
// number of matches never goes down while documents are only added, and
// every hit opens), and the final answer counts every imported document.
func TestSearchWhileImporting(t *testing.T) {
	e := freshEnv(t, nil)
	const n = 120
	files := make([]upFile, n)
	for i := range files {
		files[i] = upFile{fmt.Sprintf("计划%03d.txt", i), []byte(fmt.Sprintf(
			"第%d实验小学%d年工会工作计划\n一、指导思想\n团结教职工。\n二、主要工作\n（一）深化校务公开\n每月在公开栏公示，第%d号。\n（二）关心生活\n做好体检和送温暖工作。\n",
			i, 2015+i%10, i))}
	}
	r := e.upload(t, e.token(t), e.origin(), files...)
	if r.status != http.StatusSeeOther {
		t.Fatalf("upload: %d", r.status)
	}
	loc := r.header.Get("Location")

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		searches int
		failures []string
	)
	done := make(chan struct{})
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := e.client.Get(e.ts.URL + "/search?q=" + url.QueryEscape("校务公开"))
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					return
				}
				body := readAll(res)
				mu.Lock()
				searches++
				switch m := totalRE.FindStringSubmatch(body); {
				case res.StatusCode != http.StatusOK:
					failures = append(failures, fmt.Sprintf("status %d", res.StatusCode))
				case m == nil && strings.Contains(body, "工作区里还没有文档"):
					if last > 0 {
						failures = append(failures, fmt.Sprintf("documents vanished after %d matches", last))
					}
				case m == nil && !strings.Contains(body, "没有找到"):
					failures = append(failures, "no result count on the page")
				case m != nil:
					total, _ := strconv.Atoi(m[1])
					if total < last {
						failures = append(failures, fmt.Sprintf("matches went down from %d to %d", last, total))
					}
					last = total
				}
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	deadline := time.Now().Add(3 * time.Minute)
	for {
		page := e.mustGet(t, loc, http.StatusOK)
		if !strings.Contains(page.body, `http-equiv="refresh"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("import did not finish")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(done)
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d of %d searches during the import failed: %v", len(failures), searches, failures[:min(5, len(failures))])
	}
	t.Logf("%d searches answered during the import", searches)

	res, err := e.ix.Search(t.Context(), index.Request{Query: "校务公开", Limit: 1}, e.ws)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < n {
		t.Errorf("after the import %d matches, want at least one per document (%d)", res.Total, n)
	}
	page := e.mustGet(t, "/search?q="+url.QueryEscape("校务公开"), http.StatusOK).body
	if m := totalRE.FindStringSubmatch(page); m == nil || m[1] != strconv.FormatUint(res.Total, 10) {
		t.Errorf("final page count %v, index says %d", m, res.Total)
	}
}

func readAll(res *http.Response) string {
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
