//go:build browser

// The browser test renders the HTML report in headless Chromium (Debian's
// chromium package): the page must load without console errors, every
// chart must render to a non-blank screenshot, and the page must print.
//
//	go test -tags browser ./report/
//
// PLANS_CHROMIUM overrides /usr/bin/chromium; screenshots and the printed
// PDF go to PLANS_SCREENSHOTS (default: $TMPDIR/plans-report-screenshots).
package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"plans/internal/browsertest"
)

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("PLANS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "plans-report-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// colours counts the distinct colours of an image, up to limit.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func TestBrowser(t *testing.T) {
	browsertest.Chromium(t) // fail early when it is missing
	out := screenshotDir(t)
	docs := loadFixtures(t)
	pages := []struct {
		name string
		opts func(*Options)
	}{
		{"all", nil},
		{"org", func(o *Options) { o.Org = "城南实验小学" }},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			var html bytes.Buffer
			if err := WriteHTML(&html, build(t, docs, pg.opts)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "report.html")
			if err := os.WriteFile(file, html.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			var charts []string
			for _, m := range regexp.MustCompile(`<svg class="chart" id="([a-z-]+)"`).FindAllStringSubmatch(html.String(), -1) {
				charts = append(charts, m[1])
			}
			if len(charts) < 4 {
				t.Fatalf("only %d charts in the page", len(charts))
			}

			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			actx, acancel := browsertest.NewAllocator(ctx, t, 1280, 1024)
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
						var args []string
						for _, a := range e.Args {
							args = append(args, string(a.Value))
						}
						problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
					}
				case *runtime.EventExceptionThrown:
					problems = append(problems, "exception: "+e.ExceptionDetails.Text)
				case *cdplog.EventEntryAdded:
					if e.Entry.Level == cdplog.LevelError || e.Entry.Level == cdplog.LevelWarning {
						problems = append(problems, fmt.Sprintf("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
					}
				}
			})

			var title string
			if err := chromedp.Run(bctx,
				cdplog.Enable(),
				runtime.Enable(),
				chromedp.Navigate("file://"+file),
				chromedp.WaitReady("body", chromedp.ByQuery),
				chromedp.Title(&title),
			); err != nil {
				t.Fatalf("open the report: %v", err)
			}
			if title != "工会工作计划对比报告" {
				t.Errorf("page title = %q", title)
			}

			for _, id := range charts {
				var shot []byte
				if err := chromedp.Run(bctx, chromedp.Screenshot("#"+id, &shot, chromedp.ByQuery)); err != nil {
					t.Errorf("screenshot %s: %v", id, err)
					continue
				}
				img, err := png.Decode(bytes.NewReader(shot))
				if err != nil {
					t.Errorf("screenshot %s is not a PNG: %v", id, err)
					continue
				}
				b := img.Bounds()
				if b.Dx() < 100 || b.Dy() < 40 || colours(img, 8) < 8 {
					t.Errorf("screenshot %s looks empty: %dx%d, %d colours", id, b.Dx(), b.Dy(), colours(img, 8))
				}
				p := filepath.Join(out, pg.name+"-"+id+".png")
				if err := os.WriteFile(p, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("saved %s (%dx%d)", p, b.Dx(), b.Dy())
			}

			// The SVG boxes have their size: nothing collapsed to zero.
			var sizes map[string]float64
			if err := chromedp.Run(bctx, chromedp.Evaluate(`Object.fromEntries([...document.querySelectorAll("svg.chart")].map(s => [s.id, s.getBoundingClientRect().height]))`, &sizes)); err != nil {
				t.Fatal(err)
			}
			for id, h := range sizes {
				if h < 40 {
					t.Errorf("chart %s is %v px high", id, h)
				}
			}

			var pdf []byte
			if err := chromedp.Run(bctx, chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = cdppage.PrintToPDF().WithPrintBackground(true).Do(ctx)
				return err
			})); err != nil {
				t.Fatalf("print: %v", err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10000 {
				t.Errorf("printed PDF is %d bytes", len(pdf))
			}
			if err := os.WriteFile(filepath.Join(out, pg.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}

			// Let late events arrive, then check the console.
			_ = chromedp.Run(bctx, chromedp.Sleep(200*time.Millisecond))
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Errorf("browser reported: %s", p)
			}
		})
	}
}
