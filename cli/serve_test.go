package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"plans/workspace"
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
	return startServeArgs(t, ws, "--addr", "127.0.0.1:0")
}

// startServeArgs is startServe with the serve flags given.
func startServeArgs(t *testing.T, ws string, args ...string) (url string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	s := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Env: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, append([]string{"--workspace", ws, "serve"}, args...), s) }()
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

// The page answers only the host names it knows, in remote mode too: the
// loopback names, the address it listens on and the names given with
// --host, each with the port.
func TestServeAllowedHosts(t *testing.T) {
	tests := []struct {
		name   string
		listen string
		extra  []string
		local  bool
		want   []string
		refuse []string
	}{
		{"local", "127.0.0.1", nil, true,
			[]string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"}, []string{"evil.example:8080", "192.168.1.5:8080"}},
		{"remote on one address", "192.168.1.5", []string{"Office-PC.local"}, false,
			[]string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "192.168.1.5:8080", "office-pc.local:8080"},
			[]string{"evil.example:8080", "192.168.1.5:9999"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := allowedHosts(tt.listen, 8080, tt.extra, tt.local)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("allowedHosts (-want +got):\n%s", diff)
			}
			for _, h := range tt.refuse {
				if slices.Contains(got, h) {
					t.Errorf("%s is allowed", h)
				}
			}
		})
	}
	// A wildcard address allows the machine's own addresses, and still
	// not any name.
	got := allowedHosts("0.0.0.0", 8080, nil, false)
	if !slices.Contains(got, "127.0.0.1:8080") || slices.Contains(got, "0.0.0.0:8080") {
		t.Errorf("wildcard: %q", got)
	}
	for _, h := range got {
		if host, _, _ := net.SplitHostPort(h); host != "localhost" && net.ParseIP(host) == nil {
			t.Errorf("wildcard allows the name %s", h)
		}
	}
}

// In remote mode the Host check stays: the warning says what is exposed
// and which names are accepted, and other names are refused.
func TestServeRemoteKeepsHostCheck(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), "serve", "--addr", "127.0.0.1:0", "--host", "x.local")
	if code != ExitUsage || !strings.Contains(errOut, "--host 只在 --allow-remote 时有用") {
		t.Errorf("--host without --allow-remote: exit %d, %q", code, errOut)
	}

	url, stop := startServeArgs(t, t.TempDir(), "--addr", "0.0.0.0:0", "--allow-remote", "--host", "office-pc.local")
	port := url[strings.LastIndex(url, ":")+1 : len(url)-1]
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"office-pc.local:" + port, http.StatusOK},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"office-pc.local.evil.example:" + port, http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest(http.MethodGet, url+"export.jsonl", nil)
		req.Host = tt.host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tt.want {
			t.Errorf("Host %s: status %d, want %d", tt.host, res.StatusCode, tt.want)
		}
	}
	_, errOut = stop()
	for _, want := range []string{"警告", "/export.jsonl", "删除文档", "office-pc.local:" + port, "--host"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the warning lacks %q:\n%s", want, errOut)
		}
	}
}

// Removals made on the web page wait in the trash; plans doctor says so
// and plans doctor --fix empties it.
func TestDoctorEmptiesTheTrash(t *testing.T) {
	ws := t.TempDir()
	if code, _, errOut := run(t, ws, "import", examplesDir(t)); code != ExitOK {
		t.Fatal(errOut)
	}
	w, err := workspace.Open(ws, workspace.ReadWrite, "test")
	if err != nil {
		t.Fatal(err)
	}
	files, err := w.Files()
	if err != nil || len(files) == 0 {
		t.Fatalf("files: %v", err)
	}
	if _, err := w.Trash("t1", []string{files[0].Key}, nil); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, out, _ := run(t, ws, "doctor"); !strings.Contains(out, "回收站里有 1 次删除") {
		t.Errorf("doctor does not mention the trash:\n%s", out)
	}
	if code, out, _ := run(t, ws, "doctor", "--fix"); code != ExitOK || !strings.Contains(out, "已清空回收站：1 次删除") {
		// The first --fix also brings the index up to date.
		t.Errorf("doctor --fix: %d\n%s", code, out)
	}
	code, out, _ := run(t, ws, "doctor")
	if code != ExitOK || strings.Contains(out, "回收站") {
		t.Errorf("doctor after emptying: %d\n%s", code, out)
	}
	w, err = workspace.Open(ws, workspace.ReadOnly, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if es, _ := w.TrashEntries(); len(es) != 0 {
		t.Errorf("trash after doctor --fix: %d entries", len(es))
	}
}
