package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"plans/workspace"
)

func newConfigCmd(a *app) *cobra.Command {
	var write bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "显示生效的设置（工作区位置、配置文件、各项限制）",
		Long: `显示 plans 现在使用的设置及其来源。每项设置都可以来自：
  命令行参数（优先）> 环境变量 PLANS_<名称大写>（如 PLANS_WORKSPACE、PLANS_MAX_FILE_MB）
  > 配置文件（工作区里的 plans.yaml，或 --config 指定的文件）> 默认值。
--write 在工作区里写一份带说明的 plans.yaml（已存在则不覆盖）。`,
		Example: `  plans config
  PLANS_WORKERS=4 plans config
  plans --workspace ~/工会工作区 config --write`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			out := a.streams.Out
			cf := a.cfg.ConfigFile
			if cf == "" {
				cf = "（无；可用 plans config --write 创建 " + workspace.ConfigFile(a.cfg.Workspace) + "）"
			}
			fmt.Fprintf(out, "工作区：%s\n配置文件：%s\n\n", a.cfg.Workspace, cf)
			fmt.Fprint(out, configYAML(a.cfg))
			if write {
				p := workspace.ConfigFile(a.cfg.Workspace)
				if _, err := os.Stat(p); err == nil {
					return &exitError{code: ExitError, msg: "配置文件已存在，未覆盖：" + p}
				}
				if err := os.MkdirAll(a.cfg.Workspace, 0o700); err != nil {
					return err
				}
				if _, err := writeFileAtomic(p, func(w io.Writer) (int, error) {
					return w.Write([]byte(configYAML(a.cfg)))
				}); err != nil {
					return err
				}
				fmt.Fprintf(a.streams.ErrOut, "已写入 %s\n", p)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&write, "write", false, "把当前设置写入工作区的 plans.yaml")
	return cmd
}

func configYAML(c Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# plans 设置（命令行参数 > 环境变量 PLANS_* > 本文件 > 默认值）\n")
	fmt.Fprintf(&b, "workers: %d          # 同时解析的文件数\n", c.Workers)
	fmt.Fprintf(&b, "max_file_mb: %d      # 超过这个大小（MB）的文件跳过\n", c.MaxFileMB)
	fmt.Fprintf(&b, "max_unpacked_mb: %d  # .docx 解压后的总大小上限（MB），防压缩炸弹\n", c.MaxUnpackedMB)
	fmt.Fprintf(&b, "max_pages: %d       # PDF 最多读取的页数\n", c.MaxPages)
	fmt.Fprintf(&b, "file_timeout: %s     # 单个文件的处理时限\n", c.FileTimeout)
	fmt.Fprintf(&b, "lexicon: %q          # 自定义工作领域词表文件（空 = 内置词表）\n", c.Lexicon)
	fmt.Fprintf(&b, "color: %s          # 终端颜色：auto / always / never\n", c.Color)
	fmt.Fprintf(&b, "memory_mb: %d         # 导入时内存达到多少（MB）才回收：0 = 自动（1024 与本机可用内存一半中较小者），-1 = Go 默认\n", c.MemoryMB)
	return b.String()
}
