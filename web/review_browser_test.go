//go:build browser

package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"plans/internal/browsertest"
)

// TestBrowserReview opens the bundled examples' 城南实验小学 2023 summary,
// follows its 对照检查 link, reads the review in its frame, and goes on to
// the next year's draft, which links back to the review.
//
//	go test -tags browser -run BrowserReview ./web/
func TestBrowserReview(t *testing.T) {
	browsertest.Chromium(t)
	base := serve(t)
	shots := t.TempDir()
	if d := os.Getenv("PLANS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, acancel := browsertest.NewAllocator(ctx, t, 1280, 900)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning {
				problems = append(problems, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError {
				problems = append(problems, fmt.Sprintf("log: %s %s", e.Entry.Text, e.Entry.URL))
			}
		}
	})
	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var b []byte
			if err := chromedp.FullScreenshot(&b, 100).Do(ctx); err != nil {
				return err
			}
			p := filepath.Join(shots, name+".png")
			t.Logf("screenshot %s", p)
			return os.WriteFile(p, b, 0o644)
		})
	}
	run := func(step string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	const frameReady = `(() => { const f = document.querySelector("iframe.frame"); return f !== null && f.contentDocument !== null && f.contentDocument.readyState === "complete" && f.contentDocument.body !== null && f.contentDocument.body.textContent.includes(%q); })()`

	var rows, notFound, targets int
	var notFoundText, pairNote string
	run("review from a document",
		cdplog.Enable(),
		runtime.Enable(),
		chromedp.Navigate(base+"docs"),
		chromedp.Click(`//a[contains(., "城南实验小学2023年工会工作总结")]`, chromedp.BySearch),
		waitFor(`location.pathname.startsWith("/doc/")`),
		chromedp.Click(`a[href^="/review?"]`, chromedp.ByQuery),
		waitFor(`location.pathname === "/review"`),
		waitFor(fmt.Sprintf(frameReady, "计划事项逐条对照")),
		chromedp.Evaluate(`document.querySelector("iframe.frame").contentDocument.querySelectorAll("tr.item").length`, &rows),
		chromedp.Evaluate(`document.querySelector("iframe.frame").contentDocument.querySelectorAll("tr.item.not-found").length`, &notFound),
		chromedp.Evaluate(`document.querySelector("iframe.frame").contentDocument.querySelectorAll("tr.target").length`, &targets),
		chromedp.Evaluate(`(() => { const r = document.querySelector("iframe.frame").contentDocument.querySelector("tr.item.not-found"); return r ? r.textContent : ""; })()`, &notFoundText),
		chromedp.Evaluate(`document.querySelector("iframe.frame").contentDocument.getElementById("pair").textContent`, &pairNote),
		shot("review"),
	)
	if rows < 20 || notFound == 0 || targets < 5 {
		t.Errorf("review frame: %d items, %d not found, %d targets", rows, notFound, targets)
	}
	if !strings.Contains(notFoundText, "总结中未提及") || !strings.Contains(notFoundText, "总结中没有找到") {
		t.Errorf("a not-found row reads %q", notFoundText)
	}
	if !strings.Contains(pairNote, "对照同年的计划") {
		t.Errorf("the review does not say which pair it used: %q", pairNote)
	}

	var back int
	run("the next year's draft",
		chromedp.Click(`//a[contains(., "起草下一年的计划")]`, chromedp.BySearch),
		waitFor(`location.pathname === "/draft"`),
		waitFor(fmt.Sprintf(frameReady, "【上年未完成】")),
		chromedp.Evaluate(`document.querySelectorAll('a[href^="/review?go=1&plan="]').length`, &back),
		shot("review-draft"),
	)
	if back != 1 {
		t.Errorf("the draft page has %d links back to the review", back)
	}
	_ = chromedp.Run(bctx, chromedp.Sleep(300*time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser reported: %s", p)
	}
}
