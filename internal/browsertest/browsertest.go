// Package browsertest starts Debian's headless Chromium for the browser
// tests (build tag browser) of the HTML report and the web page.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium returns the Chromium binary: $PLANS_CHROMIUM or /usr/bin/chromium.
func Chromium(t testing.TB) string {
	t.Helper()
	p := os.Getenv("PLANS_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("chromium not found at %s (install Debian's chromium package, or set PLANS_CHROMIUM): %v", p, err)
	}
	return p
}

// NewAllocator starts headless Chromium with a fresh profile and the flags
// this closed network needs (no background networking, no component
// updates, no sync), with a window of the given size.
func NewAllocator(ctx context.Context, t testing.TB, width, height int) (context.Context, context.CancelFunc) {
	t.Helper()
	return chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(Chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile(t)),
		chromedp.WindowSize(width, height),
	)
}

// profile returns a fresh Chromium profile folder. Chromium's helper
// processes may still write to it for a moment after the browser is
// closed, so it is removed with a few retries rather than by t.TempDir.
func profile(t testing.TB) string {
	dir, err := os.MkdirTemp("", "plans-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 50; i++ {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}
