//go:build browser

// The search page in headless Chromium at 1280 and 390 px: counts in
// documents, facets as forms, sorting, paging with the page count, the way
// back from a document, "more matches", the reason of area matches, and on
// a phone the results before the collapsed facets.
//
//	go test -tags browser -run BrowserSearch ./web/
package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"plans/cli"
	"plans/internal/browsertest"
	"plans/internal/txtar"
)

// serveRelevanceSet imports the index's relevance set (64 documents) into
// a new workspace and starts plans serve on it; it returns the URL.
func serveRelevanceSet(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	paths, err := filepath.Glob(filepath.Join("..", "index", "testdata", "relevance", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no relevance set: %v", err)
	}
	for _, p := range paths {
		for name, body := range txtar.Read(t, p).Files {
			if err := os.WriteFile(filepath.Join(src, name), []byte(body+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ws := t.TempDir()
	var out, errOut syncBuffer
	if code := cli.Main(context.Background(), []string{"--workspace", ws, "import", src}, streams(&out, &errOut)); code != cli.ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out.String(), errOut.String())
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
			t.Fatalf("plans serve exited with %d\n%s", code, serr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("plans serve printed no URL\n%s", serr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// searchBrowser opens Chromium with a window of the given width and
// returns a function running actions in it; exceptions fail the test.
func searchBrowser(t *testing.T, width, height int) func(step string, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := browsertest.NewAllocator(ctx, t, width, height)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	chromedp.ListenTarget(bctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			t.Errorf("exception: %s", e.ExceptionDetails.Text)
		}
	})
	return func(step string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
}

func screenshot(t *testing.T, name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		dir := os.Getenv("PLANS_SCREENSHOTS")
		if dir == "" {
			dir = t.TempDir()
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		var b []byte
		if err := chromedp.CaptureScreenshot(&b).Do(ctx); err != nil {
			return err
		}
		p := filepath.Join(dir, name+".png")
		t.Logf("screenshot %s", p)
		return os.WriteFile(p, b, 0o644)
	})
}

func TestBrowserSearchWide(t *testing.T) {
	base := serveRelevanceSet(t)
	run := searchBrowser(t, 1280, 900)

	// Counts in documents and matches, the page count, facets at the left.
	var summary string
	var facetsLeft bool
	run("search",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("工会")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Text(`.summary`, &summary, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".facets").getBoundingClientRect().right <= document.querySelector(".results").getBoundingClientRect().left`, &facetsLeft),
		screenshot(t, "search-1280"),
	)
	if !regexp.MustCompile(`共 \d+ 篇文档 · \d+ 处匹配，第 1 / \d+ 页`).MatchString(summary) {
		t.Errorf("summary %q", summary)
	}
	if !facetsLeft {
		t.Error("at 1280 px the facets are not at the left of the results")
	}

	// A facet value is a button of its facet's form: the query and the
	// value travel together.
	var docs int
	run("facet",
		chromedp.Click(`form.facet button[name="kind"][value="plan"]`, chromedp.ByQuery),
		waitFor(`new URLSearchParams(location.search).get("kind") === "plan" && new URLSearchParams(location.search).get("q") === "工会"`),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("article.doc").length`, &docs),
	)
	if docs == 0 {
		t.Fatal("kind=plan lists nothing")
	}

	// Newest first, then page 2.
	var years []int
	run("sort by year",
		chromedp.Click(`//a[starts-with(normalize-space(.), "按年份")]`, chromedp.BySearch),
		waitFor(`new URLSearchParams(location.search).get("sort") === "year"`),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll("article.doc .meta")].map(m => { const y = m.textContent.match(/(\d{4})年/); return y ? +y[1] : 0; })`, &years),
	)
	for i := 1; i < len(years); i++ {
		if years[i] > years[i-1] && years[i-1] != 0 {
			t.Errorf("sorted by year: %v", years)
			break
		}
	}
	var next bool
	run("next page?", chromedp.Evaluate(`document.querySelector('a[rel="next"]') !== null`, &next))
	if next {
		run("page 2",
			chromedp.Click(`a[rel="next"]`, chromedp.ByQuery),
			waitFor(`new URLSearchParams(location.search).get("page") === "2"`),
		)
	}
	want := "" // the search to come back to
	run("where", chromedp.Evaluate(`location.pathname + location.search`, &want))

	// Open a document and come back to the same search.
	var back string
	run("open and back",
		chromedp.Click(`article.doc h2 a`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/doc/")`),
		chromedp.Click(`//a[normalize-space(.)="回到搜索结果"]`, chromedp.BySearch),
		waitFor(`location.pathname === "/search"`),
		chromedp.Evaluate(`location.pathname + location.search`, &back),
	)
	if !sameQuery(t, want, back) {
		t.Errorf("back at %s, want %s", back, want)
	}

	// "More matches" opens the document at a marked section.
	var more bool
	run("more?",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("工会")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('.moredoc a[href*="#"]') !== null`, &more),
	)
	if !more {
		t.Fatal("no 'more matches' link to a section")
	}
	var inView, marked bool
	run("more",
		chromedp.Click(`.moredoc a[href*="#"]`, chromedp.ByQuery),
		waitFor(`location.pathname.startsWith("/doc/") && location.hash.length > 1`),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(`(() => { const r = document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`, &inView),
		chromedp.Evaluate(`document.getElementById(decodeURIComponent(location.hash.slice(1))).querySelector("mark") !== null`, &marked),
	)
	if !inView || !marked {
		t.Errorf("more matches: section in view %v, marked %v", inView, marked)
	}

	// A work area's name finds its sections, which say why.
	var reasons []string
	run("area",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("业务与竞赛")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll(".tag.reason")].map(e => e.textContent)`, &reasons),
		screenshot(t, "search-area-1280"),
	)
	if len(reasons) == 0 || reasons[0] != "按工作领域“业务与竞赛”找到" {
		t.Errorf("reasons %q", reasons)
	}
}

// sameQuery compares two search URLs by path and parameters.
func sameQuery(t *testing.T, a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("urls %q %q", a, b)
	}
	return ua.Path == ub.Path && ua.Query().Encode() == ub.Query().Encode()
}

func TestBrowserSearchNarrow(t *testing.T) {
	base := serveRelevanceSet(t)
	run := searchBrowser(t, 390, 844)

	var resultsFirst, facetsHidden, fits bool
	run("search",
		chromedp.Navigate(base+"search?q="+url.QueryEscape("劳动竞赛")),
		chromedp.WaitVisible(`article.doc`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(".results").getBoundingClientRect().bottom <= document.querySelector(".facets").getBoundingClientRect().top`, &resultsFirst),
		chromedp.Evaluate(`getComputedStyle(document.querySelector(".facet-body")).display === "none"`, &facetsHidden),
		chromedp.Evaluate(`document.documentElement.scrollWidth <= innerWidth`, &fits),
		screenshot(t, "search-390"),
	)
	if !resultsFirst || !facetsHidden || !fits {
		t.Errorf("at 390 px: results first %v, facets collapsed %v, no sideways scrolling %v", resultsFirst, facetsHidden, fits)
	}

	var shown bool
	run("open facets",
		chromedp.Click(`label.facet-open`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector(".facet-body")).display !== "none" && document.querySelector("form.facet button").getBoundingClientRect().height > 0`, &shown),
		screenshot(t, "search-390-facets"),
	)
	if !shown {
		t.Fatal("the facets do not open")
	}
	var topic string
	run("choose",
		chromedp.Click(`form.facet button[name="topic"]`, chromedp.ByQuery),
		waitFor(`new URLSearchParams(location.search).has("topic")`),
		chromedp.Evaluate(`new URLSearchParams(location.search).get("q")`, &topic),
	)
	if topic != "劳动竞赛" {
		t.Errorf("after a facet the query is %q", topic)
	}
	var summary string
	run("summary", chromedp.Text(`.summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "篇文档") {
		t.Errorf("summary %q", summary)
	}
}
