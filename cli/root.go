// Package cli is the plans command line: one constructor per command, flags
// bound into typed options, configuration decoded once from flags,
// environment (PLANS_*) and the configuration file.
package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"plans/classify"
	"plans/importer"
	"plans/pipeline"
	"plans/pipeline/reader"
	"plans/workspace"
)

// Config is the decoded configuration every command works with.
type Config struct {
	Workspace     string        `mapstructure:"workspace"`
	Workers       int           `mapstructure:"workers"`
	MaxFileMB     int           `mapstructure:"max_file_mb"`
	MaxUnpackedMB int           `mapstructure:"max_unpacked_mb"`
	MaxPages      int           `mapstructure:"max_pages"`
	FileTimeout   time.Duration `mapstructure:"file_timeout"`
	Lexicon       string        `mapstructure:"lexicon"`
	Color         string        `mapstructure:"color"`
	MemoryMB      int           `mapstructure:"memory_mb"`

	// ConfigFile is the file the configuration was read from ("" if none).
	ConfigFile string `mapstructure:"-"`
}

func defaults(v *viper.Viper) {
	lim := reader.DefaultLimits()
	v.SetDefault("workspace", workspace.DefaultDir())
	v.SetDefault("workers", 2)
	v.SetDefault("max_file_mb", int(lim.MaxFileBytes>>20))
	v.SetDefault("max_unpacked_mb", int(lim.MaxUnpackedBytes>>20))
	v.SetDefault("max_pages", lim.MaxPages)
	v.SetDefault("file_timeout", time.Minute)
	v.SetDefault("lexicon", "")
	v.SetDefault("color", "auto")
	v.SetDefault("memory_mb", 0)
}

// importMemory is the heap an import may grow to before the garbage
// collector runs (importer.Options.MemoryLimit): memory_mb when set (a
// negative value keeps the runtime's settings), else the default.
func (a *app) importMemory() int64 {
	switch mb := a.cfg.MemoryMB; {
	case mb > 0:
		return int64(mb) << 20
	case mb < 0:
		return 0
	}
	return importer.DefaultMemoryLimit(a.streams.Env)
}

// app is shared by the commands of one invocation.
type app struct {
	streams Streams
	v       *viper.Viper
	cfg     Config
}

// Main runs plans with args and returns the exit code.
func Main(ctx context.Context, args []string, s Streams) int {
	if s.Env == nil {
		s.Env = os.Getenv
	}
	root := NewRootCmd(s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code, msg := exitCode(err)
	if msg != "" {
		fmt.Fprintln(s.ErrOut, "plans:", msg)
	}
	return code
}

// NewRootCmd builds the plans command tree writing to s.
func NewRootCmd(s Streams) *cobra.Command {
	return newRoot(s,
		func(a *app) *cobra.Command { return newImportCmd(a, nil) },
		func(a *app) *cobra.Command { return newExportCmd(a, nil) },
		func(a *app) *cobra.Command { return newShowCmd(a, nil) },
		func(a *app) *cobra.Command { return newListCmd(a, nil) },
		func(a *app) *cobra.Command { return newRemoveCmd(a, nil) },
		newConfigCmd,
		func(a *app) *cobra.Command { return newSearchCmd(a, nil) },
		newKWICCmd,
		func(a *app) *cobra.Command { return newCompareCmd(a, nil) },
		func(a *app) *cobra.Command { return newDraftCmd(a, nil) },
		func(a *app) *cobra.Command { return newReviewCmd(a, nil) },
		func(a *app) *cobra.Command { return newServeCmd(a, nil) },
		newReindexCmd,
		newDoctorCmd,
	)
}

// newRoot builds the root command with the given subcommands, each made by
// its constructor from the invocation's shared state (tests pass
// constructors with their own run hooks).
func newRoot(s Streams, commands ...func(*app) *cobra.Command) *cobra.Command {
	a := &app{streams: s, v: viper.New()}
	defaults(a.v)
	a.v.SetEnvPrefix("PLANS")
	a.v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	a.v.AutomaticEnv()

	var configFile string
	root := &cobra.Command{
		Use:   "plans",
		Short: "整理、检索、比较工会工作计划与总结，并起草下一年的计划",
		Long: `plans 把一个文件夹里的工会工作计划、工作总结（.docx .doc .pdf .txt .html，简体或繁体）
导入工作区：读取、清理网页杂质、拆分合集、识别提纲、工作领域、行事历和目标，并建立全文索引。

工作区默认在 ` + workspace.DefaultDir() + `，可用 --workspace 或环境变量 PLANS_WORKSPACE 指定。
设置可来自命令行参数、环境变量 PLANS_*、或配置文件（工作区里的 plans.yaml，或 --config 指定），参数优先。`,
		Example: `  plans import ~/工会资料          导入一个文件夹
  plans search 校务公开            检索各校怎样做校务公开
  plans show 3f9a1c2b7d-1          查看一篇文档的提纲、行事历和目标
  plans export --out corpus.jsonl  导出全部文档（JSON Lines）`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.load(configFile)
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v（用 plans %s --help 查看用法）", err, c.Name())
	})
	pf := root.PersistentFlags()
	pf.String("workspace", "", "工作区目录（默认 "+workspace.DefaultDir()+"）")
	pf.StringVar(&configFile, "config", "", "配置文件（默认为工作区里的 plans.yaml）")
	a.bind("workspace", pf.Lookup("workspace"))

	for _, c := range commands {
		root.AddCommand(c(a))
	}
	return root
}

func (a *app) bind(key string, f *pflag.Flag) {
	if f == nil {
		panic("no flag for " + key)
	}
	if err := a.v.BindPFlag(key, f); err != nil {
		panic(err)
	}
}

// load reads the configuration file (given, or plans.yaml in the
// workspace) and decodes everything into a.cfg.
func (a *app) load(configFile string) error {
	if configFile != "" {
		a.v.SetConfigFile(configFile)
		if err := a.v.ReadInConfig(); err != nil {
			return usageError("无法读取配置文件 %s：%v", configFile, err)
		}
	} else {
		ws := a.v.GetString("workspace")
		p := workspace.ConfigFile(ws)
		if _, err := os.Stat(p); err == nil {
			a.v.SetConfigFile(p)
			if err := a.v.ReadInConfig(); err != nil {
				return usageError("无法读取配置文件 %s：%v", p, err)
			}
		}
	}
	if err := a.v.Unmarshal(&a.cfg); err != nil {
		return usageError("配置有误：%v", err)
	}
	a.cfg.ConfigFile = a.v.ConfigFileUsed()
	if a.cfg.Workspace == "" {
		a.cfg.Workspace = workspace.DefaultDir()
	}
	return nil
}

// pipelineOptions derives the pipeline's options from the configuration.
func (a *app) pipelineOptions() (pipeline.Options, error) {
	opts := pipeline.DefaultOptions()
	c := a.cfg
	if c.MaxFileMB > 0 {
		opts.Limits.MaxFileBytes = int64(c.MaxFileMB) << 20
	}
	if c.MaxUnpackedMB > 0 {
		opts.Limits.MaxUnpackedBytes = int64(c.MaxUnpackedMB) << 20
	}
	if c.MaxPages > 0 {
		opts.Limits.MaxPages = c.MaxPages
	}
	if c.Lexicon != "" {
		b, err := os.ReadFile(c.Lexicon)
		if err != nil {
			return opts, usageError("无法读取工作领域词表 %s：%v", c.Lexicon, err)
		}
		opts.Classify.Lexicon = b
		if _, err := classify.New(opts.Classify); err != nil {
			return opts, usageError("工作领域词表 %s 有误：%v", c.Lexicon, err)
		}
	}
	return opts, nil
}

// openRead opens the workspace for reading.
func (a *app) openRead(command string) (*workspace.Workspace, error) {
	return workspace.Open(a.cfg.Workspace, workspace.ReadOnly, command)
}

// openWrite opens the workspace for writing.
func (a *app) openWrite(command string) (*workspace.Workspace, error) {
	return workspace.Open(a.cfg.Workspace, workspace.ReadWrite, command)
}

func (a *app) color() bool {
	switch a.cfg.Color {
	case "always":
		return true
	case "never":
		return false
	}
	return a.streams.OutTTY && a.streams.Env("NO_COLOR") == ""
}
