//go:build browser

// The browser test drives plans serve in headless Chromium (Debian's
// chromium package) the way a union secretary would use it: search
// 校务公开, open a hit, draft a plan and download the .docx, upload a file.
// It fails on any console error or script exception.
//
//	go test -tags browser -run Browser ./web/
//
// PLANS_CHROMIUM overrides /usr/bin/chromium. Screenshots go to a
// temporary folder, or to the folder PLANS_SCREENSHOTS names (as in the
// report's browser test); with -update-screenshot the search page is also
// saved as docs/screenshot-search.png for the README.
package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"plans/internal/browsertest"

	"plans/cli"
)

// syncBuffer collects a running command's output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func streams(out, errOut *syncBuffer) cli.Streams {
	return cli.Streams{In: strings.NewReader(""), Out: out, ErrOut: errOut, Env: func(string) string { return "" }}
}

// serve imports the bundled examples into a new workspace and starts
// plans serve on it; it returns the URL.
func serve(t *testing.T) string {
	t.Helper()
	ws := t.TempDir()
	examples, err := filepath.Abs(filepath.Join("..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	if code := cli.Main(context.Background(), []string{"--workspace", ws, "import", examples}, streams(&out, &errOut)); code != cli.ExitOK {
		t.Fatalf("import examples: exit %d\n%s\n%s", code, out.String(), errOut.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	var sout, serr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"--workspace", ws, "serve", "--addr", "127.0.0.1:0"}, streams(&sout, &serr))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("plans serve did not stop")
		}
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	deadline := time.Now().Add(time.Minute)
	for {
		if u := re.FindString(sout.String()); u != "" {
			return u
		}
		select {
		case code := <-done:
			t.Fatalf("plans serve exited with %d\n%s\n%s", code, sout.String(), serr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("plans serve printed no URL\n%s\n%s", sout.String(), serr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls a JavaScript expression until it is true.
func waitFor(expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ok bool
			if err := chromedp.Evaluate(expr, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", expr, ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

var updateScreenshot = flag.Bool("update-screenshot", false, "save the search page as docs/screenshot-search.png")

func TestBrowser(t *testing.T) {
	browsertest.Chromium(t) // fail early when it is missing
	base := serve(t)
	shots := t.TempDir()
	if d := os.Getenv("PLANS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = d
	}
	downloads := t.TempDir()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, acancel := browsertest.NewAllocator(ctx, t, 1280, 900)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	var mu sync.Mutex
	var problems []string
	downloaded := make(chan string, 4)
	onEvent := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning || e.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError {
				problems = append(problems, fmt.Sprintf("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				downloaded <- e.GUID
			}
		}
	}
	chromedp.ListenTarget(bctx, onEvent)
	chromedp.ListenBrowser(bctx, onEvent)

	shot := func(name string, full bool) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var b []byte
			var err error
			if full {
				err = chromedp.FullScreenshot(&b, 100).Do(ctx)
			} else {
				err = chromedp.CaptureScreenshot(&b).Do(ctx)
			}
			if err != nil {
				return err
			}
			p := filepath.Join(shots, name+".png")
			t.Logf("screenshot %s", p)
			if name == "search" && *updateScreenshot {
				if err := os.WriteFile(filepath.Join("..", "docs", "screenshot-search.png"), b, 0o644); err != nil {
					return err
				}
			}
			return os.WriteFile(p, b, 0o644)
		})
	}
	run := func(step string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	run("start",
		cdplog.Enable(),
		runtime.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
			WithDownloadPath(downloads).WithEventsEnabled(true),
	)

	// 1. Search 校务公开 from the home page.
	var hits, marks int
	run("search",
		chromedp.Navigate(base),
		chromedp.WaitVisible(`input[name="q"]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="q"]`, "校务公开", chromedp.ByQuery),
		chromedp.Click(`form.searchbar button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname === "/search" && new URLSearchParams(location.search).get("q") === "校务公开"`),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".hit").length`, &hits),
		chromedp.Evaluate(`[...document.querySelectorAll(".frag mark")].filter(m => m.textContent === "校务公开" || m.textContent === "校務公開").length`, &marks),
		shot("search", false),
	)
	if hits == 0 || marks == 0 {
		t.Fatalf("search 校务公开: %d hits, %d marked", hits, marks)
	}

	// 2. Open the first hit: the document page scrolls to its section,
	// where the words are marked.
	var target string
	var inView, marked bool
	run("open a hit",
		chromedp.Click(`.hit .where a`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/doc/") && document.querySelector(".fulltext") !== null`),
		chromedp.Evaluate(`decodeURIComponent(location.hash.slice(1))`, &target),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(`(() => { const r = document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`, &inView),
		chromedp.Evaluate(`document.getElementById(decodeURIComponent(location.hash.slice(1))).querySelector("mark") !== null`, &marked),
		shot("document", false),
	)
	if target == "" || !inView || !marked {
		t.Errorf("document page: section %q in view %v, marked %v", target, inView, marked)
	}

	// 3. Draft next year's plan and download the .docx.
	run("draft",
		chromedp.Navigate(base+"draft"),
		chromedp.WaitVisible(`input[name="org"]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="org"]`, "城南实验小学", chromedp.ByQuery),
		chromedp.SendKeys(`input[name="year"]`, "2025", chromedp.ByQuery),
		chromedp.Click(`form.form button[type="submit"]`, chromedp.ByQuery),
		waitFor(`document.querySelector("iframe.frame") !== null`),
		waitFor(`(() => { const f = document.querySelector("iframe.frame"); return f.contentDocument !== null && f.contentDocument.readyState === "complete" && f.contentDocument.body.textContent.includes("行事历"); })()`),
		shot("draft", true),
		chromedp.Click(`a[href*="format=docx"]`, chromedp.ByQuery),
	)
	select {
	case guid := <-downloaded:
		b, err := os.ReadFile(filepath.Join(downloads, guid))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("the downloaded .docx is not a zip: %v", err)
		}
		var hasDoc bool
		for _, f := range zr.File {
			hasDoc = hasDoc || f.Name == "word/document.xml"
		}
		if !hasDoc {
			t.Errorf("the downloaded .docx has no word/document.xml")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the .docx download did not complete")
	}

	// 4. Upload a file and watch it being imported.
	upload, err := filepath.Abs(filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var result string
	run("upload",
		chromedp.Navigate(base+"import"),
		chromedp.WaitVisible(`input[type="file"]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`input[type="file"]`, []string{upload}, chromedp.ByQuery),
		chromedp.Click(`form.upload button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/import/") && document.querySelector("h1") !== null && document.querySelector("h1").textContent === "导入完成"`),
		chromedp.Text(`main`, &result, chromedp.ByQuery),
		shot("import", true),
	)
	if !strings.Contains(result, "南岭中学2024年工会工作计划") {
		t.Errorf("the import report does not list the uploaded plan:\n%s", result)
	}

	// 5. The uploaded plan is searchable, and the comparison renders.
	var found int
	run("search the upload",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("乒乓球")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll("article.doc h2")].filter(h => h.textContent.includes("南岭中学")).length`, &found),
		chromedp.Navigate(base+"compare?go=1&by=org"),
		waitFor(`(() => { const f = document.querySelector("iframe.frame"); return f !== null && f.contentDocument !== null && f.contentDocument.readyState === "complete" && f.contentDocument.querySelectorAll("svg.chart").length > 0; })()`),
		shot("compare", true),
	)
	if found != 1 {
		t.Errorf("the uploaded plan is not found by search")
	}

	_ = chromedp.Run(bctx, chromedp.Sleep(300*time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}
