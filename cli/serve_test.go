package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	neturl "net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer written by a running command and read by the
// test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs plans serve on a free port until the test ends and
// returns its URL.
func startServe(t *testing.T, ws string) (url string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	s := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Env: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"--workspace", ws, "serve", "--addr", "127.0.0.1:0"}, s) }()
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	deadline := time.Now().Add(time.Minute)
	for url == "" {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no URL\nstdout:\n%s\nstderr:\n%s", out.String(), errOut.String())
		}
		url = re.FindString(out.String())
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	var code int
	stop = func() (int, string) {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
		})
		return code, errOut.String()
	}
	t.Cleanup(func() { stop() })
	return url, stop
}

// get fetches url and returns the status and the body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestServeHoldsTheWorkspace(t *testing.T) {
	ws := t.TempDir()
	url, stop := startServe(t, ws)

	if code, body := get(t, url+"search"); code != http.StatusOK || !strings.Contains(body, "工作区里还没有文档") {
		t.Errorf("GET /search: %d\n%s", code, body)
	}

	// Another host name is refused (DNS rebinding).
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Host = "evil.example:80"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: status %d", res.StatusCode)
	}

	// CLI commands on the same workspace say why they must wait.
	for _, args := range [][]string{{"list"}, {"import", examplesDir(t)}} {
		code, _, errOut := run(t, ws, args...)
		if code != ExitBusy || !strings.Contains(errOut, "serve") {
			t.Errorf("plans %s while serving: exit %d, %q", args[0], code, errOut)
		}
	}

	code, errOut := stop()
	if code != ExitOK || !strings.Contains(errOut, "网页已停止") {
		t.Errorf("serve stopped with %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, ws, "list"); code == ExitBusy {
		t.Errorf("the workspace is still held after serve stopped: %s", errOut)
	}
}

func TestServeAddresses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"remote without the flag", []string{"--addr", "0.0.0.0:0"}, ExitUsage, "--allow-remote"},
		{"not an address", []string{"--addr", "8080"}, ExitUsage, "地址写法不对"},
		{"extra argument", []string{"now"}, ExitUsage, "不接受参数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, t.TempDir(), append([]string{"serve"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
		})
	}
	for _, h := range []string{"127.0.0.1", "localhost", "::1", "127.1.2.3"} {
		if !loopbackHost(h) {
			t.Errorf("%s is loopback", h)
		}
	}
	for _, h := range []string{"", "0.0.0.0", "192.168.1.5", "example.com", "::"} {
		if loopbackHost(h) {
			t.Errorf("%s is not loopback", h)
		}
	}
}

// serve rebuilds an index built by another version of plans before it
// starts.
func TestServeRebuildsAnOutdatedIndex(t *testing.T) {
	ws, _ := outdatedWorkspace(t)
	url, stop := startServe(t, ws)
	// The one-line plan is not taken for a union plan: all=1 lists it.
	if code, body := get(t, url+"search?all=1&q="+neturl.QueryEscape("校务公开")); code != http.StatusOK || !strings.Contains(body, "<mark>校务公开</mark>") {
		t.Errorf("GET /search after the rebuild: %d\n%.500s", code, body)
	}
	if _, errOut := stop(); !strings.Contains(errOut, "已重建索引：1 篇文档") {
		t.Errorf("serve did not say it rebuilt the index:\n%s", errOut)
	}
}
