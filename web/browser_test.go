//go:build browser

// The browser tests drive plans serve in headless Chromium (Debian's
// chromium package) the way a union secretary would use it, at 1280 px
// (search 校务公开, open a hit, draft a plan and download the .docx, a name
// that matches nothing, the comparison report, upload with the size check,
// delete and undo) and at 390 px (the menu is one row, results before the
// facets, nothing wider than the screen). They fail on any console error
// or script exception.
//
//	go test -tags browser -run Browser ./web/
//
// PLANS_CHROMIUM overrides /usr/bin/chromium. Screenshots go to a
// temporary folder, or to the folder PLANS_SCREENSHOTS names (as in the
// report's browser test); with -update-screenshot the pages shown in the
// README are also saved as docs/screenshot-*.png.
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
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"plans/cli"
	"plans/internal/browsertest"
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

var updateScreenshot = flag.Bool("update-screenshot", false, "save the pages the README shows as docs/screenshot-*.png")

// docShots are the screenshots kept in docs/ for the README.
var docShots = map[string]bool{"search": true, "home": true, "draft": true, "compare": true, "import": true,
	"home-390": true, "search-390": true, "draft-390": true}

// session is one headless Chromium window over the server.
type session struct {
	t         *testing.T
	ctx       context.Context
	shots     string
	downloads string
	mu        sync.Mutex
	problems  []string
	expected  []string    // URLs whose refusal the test expects (a 422 page)
	done      chan string // GUIDs of finished downloads
}

// expect tells that a page under url answers with an error status on
// purpose.
func (s *session) expect(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expected = append(s.expected, url)
}

func newSession(t *testing.T, width, height int) *session {
	t.Helper()
	browsertest.Chromium(t) // fail early when it is missing
	s := &session{t: t, shots: t.TempDir(), downloads: t.TempDir(), done: make(chan string, 4)}
	if d := os.Getenv("PLANS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		s.shots = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := browsertest.NewAllocator(ctx, t, width, height)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	s.ctx = bctx
	onEvent := func(ev any) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning || e.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				s.problems = append(s.problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			s.problems = append(s.problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			// A refused request the test expects is not a problem;
			// everything else logged as an error is.
			if e.Entry.Level == cdplog.LevelError && !slices.ContainsFunc(s.expected, func(u string) bool { return strings.HasPrefix(e.Entry.URL, u) }) {
				s.problems = append(s.problems, fmt.Sprintf("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				s.done <- e.GUID
			}
		}
	}
	chromedp.ListenTarget(bctx, onEvent)
	chromedp.ListenBrowser(bctx, onEvent)
	s.run("start",
		cdplog.Enable(),
		runtime.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
			WithDownloadPath(s.downloads).WithEventsEnabled(true),
	)
	t.Cleanup(func() {
		_ = chromedp.Run(bctx, chromedp.Sleep(300*time.Millisecond))
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.problems {
			t.Errorf("browser reported: %s", p)
		}
		t.Logf("screenshots in %s", s.shots)
	})
	return s
}

func (s *session) run(step string, actions ...chromedp.Action) {
	s.t.Helper()
	if err := chromedp.Run(s.ctx, actions...); err != nil {
		s.t.Fatalf("%s: %v", step, err)
	}
}

// shot saves a screenshot of the window (or of the whole page), and with
// -update-screenshot the README's ones in docs/.
func (s *session) shot(name string, full bool) chromedp.Action {
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
		p := filepath.Join(s.shots, name+".png")
		s.t.Logf("screenshot %s", p)
		if *updateScreenshot && docShots[name] && !full {
			if err := os.WriteFile(filepath.Join("..", "docs", "screenshot-"+name+".png"), b, 0o644); err != nil {
				return err
			}
		}
		return os.WriteFile(p, b, 0o644)
	})
}

// eval evaluates a JavaScript expression into v.
func eval(expr string, v any) chromedp.Action { return chromedp.Evaluate(expr, v) }

func TestBrowser(t *testing.T) {
	base := serve(t)
	s := newSession(t, 1280, 900)

	// 0. The home page: an overview with ways to start.
	var overview string
	s.run("home",
		chromedp.Navigate(base),
		chromedp.WaitVisible(`.overview`, chromedp.ByQuery),
		chromedp.Text(`main`, &overview, chromedp.ByQuery),
		s.shot("home", false),
	)
	for _, want := range []string{"按年份", "按单位类型", "起草明年的计划", "最近的导入"} {
		if !strings.Contains(overview, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}

	// 1. Search 校务公开 from the home page.
	var hits, marks int
	s.run("search",
		chromedp.SendKeys(`input[name="q"]`, "校务公开", chromedp.ByQuery),
		chromedp.Click(`form.searchbar button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname === "/search" && new URLSearchParams(location.search).get("q") === "校务公开"`),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		eval(`document.querySelectorAll(".hit").length`, &hits),
		eval(`[...document.querySelectorAll(".frag mark")].filter(m => m.textContent === "校务公开" || m.textContent === "校務公開").length`, &marks),
		s.shot("search", false),
	)
	if hits == 0 || marks == 0 {
		t.Fatalf("search 校务公开: %d hits, %d marked", hits, marks)
	}

	// 2. Open the first hit: the document page scrolls to its section,
	// where the words are marked.
	var target string
	var inView, marked bool
	s.run("open a hit",
		chromedp.Click(`.hit .where a`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/doc/") && document.querySelector(".fulltext") !== null`),
		eval(`decodeURIComponent(location.hash.slice(1))`, &target),
		chromedp.Sleep(200*time.Millisecond),
		eval(`(() => { const r = document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`, &inView),
		eval(`document.getElementById(decodeURIComponent(location.hash.slice(1))).querySelector("mark") !== null`, &marked),
		s.shot("document", false),
	)
	if target == "" || !inView || !marked {
		t.Errorf("document page: section %q in view %v, marked %v", target, inView, marked)
	}

	// 3. Draft: a name that matches nothing gets "did you mean"; its link
	// drafts; the year left empty is the base's next; peers are schools.
	var summary, problem string
	s.expect(base + "draft?go=1&org=" + url.QueryEscape("城南小学"))
	s.run("draft with a wrong name",
		chromedp.Navigate(base+"draft"),
		chromedp.WaitVisible(`input[name="org"]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name="org"]`, "城南小学", chromedp.ByQuery),
		chromedp.Click(`form.form button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.problem`, chromedp.ByQuery),
		chromedp.Text(`.problem`, &problem, chromedp.ByQuery),
	)
	if !strings.Contains(problem, "您要找的是不是") || !strings.Contains(problem, "城南实验小学") {
		t.Fatalf("no did-you-mean: %q", problem)
	}
	s.run("draft",
		chromedp.Click(`//div[contains(@class,"problem")]//a[text()="城南实验小学"]`, chromedp.BySearch),
		waitFor(`document.querySelector("iframe.frame") !== null`),
		waitFor(`(() => { const f = document.querySelector("iframe.frame"); return f.contentDocument !== null && f.contentDocument.readyState === "complete" && f.contentDocument.body.textContent.includes("行事历"); })()`),
		chromedp.Text(`.resulthead`, &summary, chromedp.ByQuery),
		s.shot("draft", false),
		chromedp.Click(`a[href*="format=docx"]`, chromedp.ByQuery),
	)
	for _, want := range []string{"城南实验小学2025年工会工作计划", "参考了", "中学"} {
		if !strings.Contains(summary, want) {
			t.Errorf("draft summary lacks %q: %q", want, summary)
		}
	}
	select {
	case guid := <-s.done:
		b, err := os.ReadFile(filepath.Join(s.downloads, guid))
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

	// 4. Upload: a file over the limit is refused before anything is sent;
	// a plan is uploaded with progress and imported.
	dir := t.TempDir()
	big := filepath.Join(dir, "扫描件.pdf")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 21<<20); err != nil {
		t.Fatal(err)
	}
	upload, err := filepath.Abs(filepath.Join("testdata", "upload", "南岭中学2024年工会工作计划.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var refused, path, result string
	s.run("upload too large",
		chromedp.Navigate(base+"import"),
		chromedp.WaitVisible(`input[type="file"]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`input[type="file"]:not([webkitdirectory])`, []string{big}, chromedp.ByQuery),
		chromedp.Click(`form.upload button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#upproblem`, chromedp.ByQuery),
		chromedp.Text(`#upproblem`, &refused, chromedp.ByQuery),
		eval(`location.pathname`, &path),
	)
	if !strings.Contains(refused, "扫描件.pdf") || !strings.Contains(refused, "上限") || path != "/import" {
		t.Errorf("the oversized file was not refused before sending: %q at %s", refused, path)
	}
	var barShown bool
	var sentBy string
	s.run("upload",
		chromedp.SetUploadFiles(`input[type="file"]:not([webkitdirectory])`, []string{upload}, chromedp.ByQuery),
		waitFor(`document.getElementById("upproblem").hidden`),
		eval(`document.getElementById("upprogress").getBoundingClientRect().height > 0`, &barShown),
		s.shot("import", false),
		// Note when the page's script sends the upload (with its progress
		// bar) rather than the plain form.
		eval(`(() => { const send = XMLHttpRequest.prototype.send; XMLHttpRequest.prototype.send = function (b) { sessionStorage.setItem("sentByScript", document.getElementById("upprogress").hidden ? "no bar" : "with bar"); return send.call(this, b); }; return true; })()`, nil),
		chromedp.Click(`form.upload button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/import/") && document.querySelector("h1") !== null && document.querySelector("h1").textContent === "导入完成"`),
		chromedp.Text(`main`, &result, chromedp.ByQuery),
		eval(`sessionStorage.getItem("sentByScript") || ""`, &sentBy),
		s.shot("job", true),
	)
	if sentBy != "with bar" {
		t.Errorf("the upload was not sent by the page's script with its progress bar (%q)", sentBy)
	}
	if !strings.Contains(result, "南岭中学2024年工会工作计划") {
		t.Errorf("the import report does not list the uploaded plan:\n%s", result)
	}
	if barShown {
		t.Errorf("the progress bar shows before anything is sent")
	}

	// A whole folder, chosen with the folder button: its sub-folders are
	// kept in the report's sources.
	folder := filepath.Join(dir, "往年计划")
	plan, err := os.ReadFile(upload)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, from, to string }{{"2023/北岭中学计划.txt", "南岭", "北岭"}, {"2024/东岭中学计划.txt", "南岭", "东岭"}} {
		p := filepath.Join(folder, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(plan), f.from, f.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var chosenText, folderResult string
	s.run("upload a folder",
		chromedp.Navigate(base+"import"),
		chromedp.WaitVisible(`input[webkitdirectory]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`input[webkitdirectory]`, []string{folder}, chromedp.ByQuery),
		waitFor(`document.getElementById("chosen").textContent !== ""`),
		chromedp.Text(`#chosen`, &chosenText, chromedp.ByQuery),
		chromedp.Click(`form.upload button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/import/") && document.querySelector("h1") !== null && document.querySelector("h1").textContent === "导入完成"`),
		chromedp.Text(`main`, &folderResult, chromedp.ByQuery),
	)
	if !strings.Contains(chosenText, "已选 2 个文件") {
		t.Errorf("folder chosen: %q", chosenText)
	}
	for _, want := range []string{"往年计划/2023/北岭中学计划.txt", "往年计划/2024/东岭中学计划.txt"} {
		if !strings.Contains(folderResult, want) {
			t.Errorf("the folder's import lacks %s:\n%s", want, folderResult)
		}
	}

	// 5. The uploaded plan is searchable; the comparison report is a page
	// of its own with a table of contents that leads into it.
	var found, charts int
	var afterToc string
	s.run("search the upload and compare",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("乒乓球")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		eval(`[...document.querySelectorAll("article.doc h2")].filter(h => h.textContent.includes("南岭中学")).length`, &found),
		chromedp.Navigate(base+"compare?go=1&by=org&noterms=1"),
		chromedp.WaitVisible(`nav.contents`, chromedp.ByQuery),
		chromedp.Click(`//nav[contains(@class,"contents")]//a[text()="行事历热力图"]`, chromedp.BySearch),
		waitFor(`location.pathname === "/compare/report" && document.querySelectorAll("svg.chart").length > 0`),
		eval(`document.querySelectorAll("svg.chart").length`, &charts),
		eval(`location.hash`, &afterToc),
		s.shot("compare", false),
	)
	if found != 1 {
		t.Errorf("the uploaded plan is not found by search")
	}
	if charts == 0 || afterToc != "#calendar" {
		t.Errorf("report page: %d charts, at %q", charts, afterToc)
	}
	var inFrame bool
	var narrow []string
	s.run("report not framed",
		eval(`window.top !== window.self`, &inFrame),
		chromedp.Navigate(base+"compare/report?go=1&by=org&noterms=1&format=html#coverage"),
		chromedp.WaitVisible(`#coverage table`, chromedp.ByQuery),
		// Readable columns: no header or cell of a table narrower than two
		// characters, no word broken one character per line.
		eval(`[...document.querySelectorAll("main table th, main table td")].filter(c => c.textContent.trim().length > 1 && c.getBoundingClientRect().width < 2 * parseFloat(getComputedStyle(c).fontSize)).map(c => c.textContent.trim()).slice(0, 10)`, &narrow),
		s.shot("compare-coverage", false),
	)
	if len(narrow) > 0 {
		t.Errorf("report columns too narrow to read: %q", narrow)
	}
	if inFrame {
		t.Errorf("the report is shown in a frame")
	}

	// 6. Delete asks first, and can be undone.
	var flash, listed string
	s.run("delete and undo",
		chromedp.Navigate(base+"docs"),
		chromedp.WaitVisible(`details.files`, chromedp.ByQuery),
		chromedp.Click(`details.files summary`, chromedp.ByQuery),
		chromedp.Click(`//tr[td[contains(., "南岭中学2024年工会工作计划.txt")]]//button[contains(., "删除")]`, chromedp.BySearch),
		waitFor(`document.querySelector("h1").textContent === "确认删除"`),
		chromedp.Click(`button.danger`, chromedp.ByQuery),
		waitFor(`document.querySelector(".flash") !== null`),
		chromedp.Text(`.flash`, &flash, chromedp.ByQuery),
		chromedp.Click(`form.undo button`, chromedp.ByQuery),
		waitFor(`document.querySelector(".flash") !== null && document.querySelector(".flash").textContent.includes("已撤销删除")`),
		chromedp.Text(`main`, &listed, chromedp.ByQuery),
	)
	if !strings.Contains(flash, "已删除") || !strings.Contains(listed, "南岭中学2024年工会工作计划") {
		t.Errorf("delete and undo: %q, then the list lacks the plan", flash)
	}
}

// At 390 px the menu is one row, search results come before the facets
// and no page is wider than the screen.
func TestBrowserSmallScreen(t *testing.T) {
	base := serve(t)
	s := newSession(t, 390, 844)

	var rows, items int
	var wrapped bool
	var overflow []string
	width := func(page string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var w, iw int
			if err := chromedp.Evaluate(`document.documentElement.scrollWidth`, &w).Do(ctx); err != nil {
				return err
			}
			if err := chromedp.Evaluate(`window.innerWidth`, &iw).Do(ctx); err != nil {
				return err
			}
			if w > iw {
				overflow = append(overflow, fmt.Sprintf("%s: %d px wide in a %d px window", page, w, iw))
			}
			return nil
		})
	}
	s.run("home",
		chromedp.Navigate(base),
		chromedp.WaitVisible(`.overview`, chromedp.ByQuery),
		eval(`new Set([...document.querySelectorAll(".menu a")].map(a => Math.round(a.getBoundingClientRect().top))).size`, &rows),
		eval(`document.querySelectorAll(".menu a").length`, &items),
		// A menu entry on one line: as wide as its text, one line high.
		eval(`[...document.querySelectorAll(".menu a")].some(a => { const cs = getComputedStyle(a); const inner = a.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom); return inner > 1.5 * parseFloat(cs.lineHeight); })`, &wrapped),
		width("home"),
		s.shot("home-390", false),
	)
	if items != 5 || rows != 1 || wrapped {
		t.Errorf("menu: %d entries in %d rows, wrapped %v", items, rows, wrapped)
	}

	var resultsFirst bool
	s.run("search",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("校务公开")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		eval(`document.querySelector(".results").getBoundingClientRect().top < document.querySelector(".facets").getBoundingClientRect().top`, &resultsFirst),
		width("search"),
		s.shot("search-390", false),
	)
	if !resultsFirst {
		t.Errorf("the facets come before the results")
	}

	var fieldsFit bool
	s.run("draft",
		chromedp.Navigate(base+"draft?go=1&org="+url.QueryEscape("城南实验小学")),
		waitFor(`document.querySelector("iframe.frame") !== null`),
		eval(`[...document.querySelectorAll(".draftform input[type=text], .draftform input[type=number], .draftform select")].every(e => e.getBoundingClientRect().right <= window.innerWidth)`, &fieldsFit),
		width("draft"),
		s.shot("draft-390", false),
		chromedp.Navigate(base+"import"),
		chromedp.WaitVisible(`form.upload`, chromedp.ByQuery),
		width("import"),
		chromedp.Navigate(base+"compare"),
		chromedp.WaitVisible(`form.form`, chromedp.ByQuery),
		width("compare"),
		chromedp.Navigate(base+"docs"),
		chromedp.WaitVisible(`form.filters`, chromedp.ByQuery),
		width("docs"),
	)
	if !fieldsFit {
		t.Errorf("a draft form field runs off the screen")
	}
	for _, o := range overflow {
		t.Errorf("wider than the screen: %s", o)
	}
}
