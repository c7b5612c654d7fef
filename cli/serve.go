package cli

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"plans/importer"
	"plans/web"
)

// serveOptions are the options of plans serve.
type serveOptions struct {
	Addr        string
	Open        bool
	AllowRemote bool
	// Hosts are further host names the page may be reached by (with
	// --allow-remote), e.g. the machine's name on the local network.
	Hosts   []string
	Workers int
}

func newServeCmd(a *app, runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "在本机打开网页版：搜索、查看文档、对比、起草、上传导入",
		Long: `启动一个本机网页，不用命令行也能使用 plans 的全部功能：
  搜索（按工作领域、年份、章节角色、类型、单位类型筛选，简繁体都能搜到）、
  文档（基本信息、提纲、行事历、目标、原文，从搜索结果打开时自动定位并标出命中的词）、
  对比（plans compare 的报告）、起草（plans draft 的草稿，可下载 .docx 和 .md）、
  导入（上传文件或 .zip 压缩包，显示进度和每个文件的结果）。

默认只在本机（127.0.0.1）提供服务，别的电脑访问不到；--addr 指定地址和端口。
要让局域网里的其他电脑访问，须加 --allow-remote：网页没有密码，能连到这台电脑的人都能查看、导出、导入和删除文档。
即使对外开放，网页也只接受用本机地址（和 --host 给出的名字）访问，别的网站借域名指向本机（DNS 重绑定）读不到它。

服务运行期间它独占工作区：其他 plans 命令（import、search 等）会提示工作区正被 serve 使用，
请在网页上导入，或先按 Ctrl+C 停止服务。`,
		Example: `  plans serve                        打开 http://127.0.0.1:8080/
  plans serve --open                 同时在浏览器里打开
  plans serve --addr 127.0.0.1:9000  换一个端口
  plans serve --addr 0.0.0.0:8080 --allow-remote   让局域网里的电脑也能访问（无密码）
  plans serve --addr 0.0.0.0:8080 --allow-remote --host office-pc.local   也接受用本机名字访问`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError("plans serve 不接受参数 %q（地址请用 --addr 指定）", strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("workers") {
				opts.Workers = a.cfg.Workers
			}
			if runF != nil {
				return runF(opts)
			}
			return runServe(cmd.Context(), a, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "监听的地址和端口")
	f.BoolVar(&opts.Open, "open", false, "启动后在浏览器里打开")
	f.BoolVar(&opts.AllowRemote, "allow-remote", false, "允许监听本机以外的地址（让其他电脑访问；没有密码）")
	f.StringSliceVar(&opts.Hosts, "host", nil, "--allow-remote 时另外允许的主机名（例如本机在局域网里的名字 office-pc.local），可重复")
	f.IntVar(&opts.Workers, "workers", 2, "导入时同时解析的文件数（配置项 workers）")
	return cmd
}

// loopbackHost reports whether host names this machine only.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func runServe(ctx context.Context, a *app, opts *serveOptions) error {
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usageError("地址写法不对：%q（应为 主机:端口，例如 127.0.0.1:8080）", opts.Addr)
	}
	local := loopbackHost(host)
	if !local && !opts.AllowRemote {
		return usageError("%s 不是本机地址：网页没有密码，对外开放须加 --allow-remote（只在本机使用请用 --addr 127.0.0.1:端口）", opts.Addr)
	}
	popts, err := a.pipelineOptions()
	if err != nil {
		return err
	}
	ws, err := a.openWrite("serve")
	if err != nil {
		return err
	}
	defer ws.Close()
	// An index built by another version of plans is rebuilt first.
	ix, err := a.openIndexWrite(ctx, ws)
	if err != nil {
		return err
	}
	defer ix.Close()
	// Finish index work an interrupted import left behind.
	if _, err := importer.SyncIndex(ctx, ws, ix); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return &exitError{code: ExitError, msg: fmt.Sprintf("无法在 %s 上启动网页：%v（端口可能已被占用，可用 --addr 127.0.0.1:8081 换一个）", opts.Addr, err)}
	}
	defer ln.Close()
	url := "http://" + displayAddr(ln.Addr().(*net.TCPAddr), host) + "/"
	if len(opts.Hosts) > 0 && local {
		return usageError("--host 只在 --allow-remote 时有用：本机地址只接受 127.0.0.1、localhost 访问")
	}
	hosts := allowedHosts(host, ln.Addr().(*net.TCPAddr).Port, opts.Hosts, local)
	srv, err := web.New(web.Options{
		Workspace: ws, Index: ix, Pipeline: popts, Workers: opts.Workers, FileTimeout: a.cfg.FileTimeout,
		AllowedHosts: hosts, Log: log.New(a.streams.ErrOut, "plans serve: ", log.LstdFlags),
	})
	if err != nil {
		return err
	}
	defer srv.Close()

	if !local {
		fmt.Fprintf(a.streams.ErrOut, "警告：网页对网络开放（%s），没有密码，也不加密。能连到这台电脑的人都能：搜索和阅读工作区里的全部文档、"+
			"导出全部内容（/export.jsonl）、上传文件导入、删除文档。只接受用这些地址访问：%s（要加别的名字用 --host）。\n",
			opts.Addr, strings.Join(hosts, "、"))
	}
	fmt.Fprintf(a.streams.Out, "plans 网页已启动：%s\n工作区：%s\n按 Ctrl+C 停止。服务运行期间其他 plans 命令需等待，导入请在网页上进行。\n", url, ws.Dir)
	if opts.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(a.streams.ErrOut, "无法自动打开浏览器（%v），请手动打开 %s\n", err, url)
		}
	}

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: log.New(a.streams.ErrOut, "plans serve: ", log.LstdFlags)}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("网页服务出错：%w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Close() // stops imports; what they stored stays
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
	}
	fmt.Fprintln(a.streams.ErrOut, "网页已停止")
	return nil
}

// allowedHosts are the Host headers the page answers: the loopback names,
// the address it listens on (for a wildcard, the machine's addresses) and
// the names given with --host, each with the port. Any other name is
// refused, so that a web site whose name resolves to this machine (DNS
// rebinding) cannot read or post to the page.
func allowedHosts(listen string, port int, extra []string, local bool) []string {
	names := []string{"127.0.0.1", "localhost", "::1"}
	if !local {
		ip := net.ParseIP(listen)
		if listen == "" || ip != nil && ip.IsUnspecified() {
			if addrs, err := net.InterfaceAddrs(); err == nil {
				for _, a := range addrs {
					if n, ok := a.(*net.IPNet); ok && !n.IP.IsLinkLocalUnicast() {
						names = append(names, n.IP.String())
					}
				}
			}
		} else {
			names = append(names, listen)
		}
		for _, h := range extra {
			if h = strings.TrimSpace(h); h != "" {
				names = append(names, strings.Trim(h, "[]"))
			}
		}
	}
	var out []string
	for _, n := range names {
		hp := strings.ToLower(net.JoinHostPort(n, fmt.Sprint(port)))
		if !slices.Contains(out, hp) {
			out = append(out, hp)
		}
	}
	return out
}

// displayAddr is the address to print: the host as given (a wildcard
// becomes 127.0.0.1) with the port actually listened on.
func displayAddr(addr *net.TCPAddr, host string) string {
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), fmt.Sprint(addr.Port))
}

// openBrowser opens url in the desktop's browser without waiting for it.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
