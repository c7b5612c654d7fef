package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"plans/corpus"
	"plans/index"
	"plans/workspace"
)

// SearchFilter is the filter flags shared by search and kwic.
type SearchFilter struct {
	Topics, Tags, Kinds, Orgs, OrgTypes []string
	Years                               string
	Relevant                            bool
}

func (f *SearchFilter) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.Topics, "topic", nil, "工作领域（如 disclosure、welfare；可多个，逗号分隔）")
	fl.StringSliceVar(&f.Tags, "tag", nil, "章节角色：ideology goals work calendar achievements problems next-steps other")
	fl.StringSliceVar(&f.Kinds, "kind", nil, "文档类型：plan summary points other")
	fl.StringVar(&f.Years, "year", "", "年份：2012、2018-2022、2018-（此后）")
	fl.StringSliceVar(&f.Orgs, "org", nil, "单位名称的一部分（简繁均可）")
	fl.StringSliceVar(&f.OrgTypes, "org-type", nil, "单位类型：kindergarten primary middle vocational university education-union enterprise government unknown")
	fl.BoolVar(&f.Relevant, "relevant", false, "只看与工会工作相关的文档")
}

func (f *SearchFilter) request() (index.Request, error) {
	yr, err := index.ParseYears(f.Years)
	if err != nil {
		return index.Request{}, usageError("%v", err)
	}
	for _, t := range f.Topics {
		if corpus.TopicName(t) == t && t != "" {
			return index.Request{}, usageError("没有这个工作领域：%q（可用：%s）", t, topicIDs())
		}
	}
	return index.Request{Topics: f.Topics, Tags: f.Tags, Kinds: f.Kinds, Orgs: f.Orgs,
		OrgTypes: f.OrgTypes, Years: yr, OnlyRelevant: f.Relevant}, nil
}

func topicIDs() string {
	ids := make([]string, len(corpus.Topics))
	for i, t := range corpus.Topics {
		ids[i] = t.ID
	}
	return strings.Join(ids, " ")
}

// searchOptions are the options of plans search.
type searchOptions struct {
	Query   string
	Filter  SearchFilter
	Limit   int
	Offset  int
	PerDoc  int
	Exact   bool
	Explain bool
	JSON    bool
	By      string // "hit" or "doc"
	Sort    string // relevance | year
}

func newSearchCmd(a *app, runF func(*searchOptions) error) *cobra.Command {
	opts := &searchOptions{}
	cmd := &cobra.Command{
		Use:   "search 检索词...",
		Short: "检索各单位的计划和总结（简繁通查，高亮命中，按领域/年份/角色/类型分面）",
		Long: `在全部章节和行事历条目里检索。简体、繁体的检索词都能找到两种字体的文档；命中的词在原文里高亮。
多个词须同时出现；两个词之间写 OR 表示任一个出现即可；"加引号" 按原样连续匹配；-词 排除。
默认用同义词扩展（福利 → 体检、保险、疗休养…；教代会 ↔ 教职工代表大会；送温暖 ↔ 慰问、帮困）。
检索词是一个工作领域（如 劳动竞赛、工会自身建设、女工、退休）时，被归入这个领域的段落即使不含这些词
也会找到，排在含这些词的段落之后，并注明“按工作领域”。--exact 只找字面，--explain 显示检索式。
同一篇文档最多显示 --per-doc 处命中，其余计入“还有 N 处”；--by doc 每篇文档一行。--json 按约定的格式输出。`,
		Example: `  plans search 校务公开
  plans search 福利 --exact
  plans search 送温暖 --topic hardship-aid --year 2018-2022
  plans search "教职工代表大会" --kind plan --json
  plans search 校務公開 --org-type primary --limit 20 --offset 20
  plans search 劳动竞赛 --by doc --sort year
  plans search 体检 OR 疗休养 --year 2020-`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if runF != nil {
				return runF(opts)
			}
			return runSearch(cmd.Context(), a, opts)
		},
	}
	opts.Filter.register(cmd)
	f := cmd.Flags()
	f.IntVar(&opts.Limit, "limit", 10, "每页显示多少处命中")
	f.IntVar(&opts.Offset, "offset", 0, "跳过前多少处命中（翻页）")
	f.IntVar(&opts.PerDoc, "per-doc", 2, "同一篇文档最多显示几处命中")
	f.BoolVar(&opts.Exact, "exact", false, "只找字面：不做同义词扩展，也不按工作领域找")
	f.StringVar(&opts.By, "by", "hit", "hit：逐处列出；doc：每篇文档一行，附最相关的几处（--limit/--offset 按文档计）")
	f.StringVar(&opts.Sort, "sort", index.SortRelevance, "relevance：按相关度；year：按年份，新的在前")
	f.BoolVar(&opts.Explain, "explain", false, "显示检索词是怎样理解和扩展的")
	f.BoolVar(&opts.JSON, "json", false, "以 JSON 输出（格式见 DESIGN.md）")
	return cmd
}

// openIndexRead opens the workspace and its index for searching.
func (a *app) openIndexRead(command string) (*workspace.Workspace, *index.Index, error) {
	ws, err := a.openRead(command)
	if err != nil {
		return nil, nil, err
	}
	opts := index.Options{ReadOnly: true}
	if a.cfg.Lexicon != "" {
		// The lexicon the documents were classified with names the work
		// areas of queries (the import checked it).
		if b, err := os.ReadFile(a.cfg.Lexicon); err == nil {
			opts.Lexicon = b
		}
	}
	ix, err := index.Open(ws.IndexDir(), opts)
	if err != nil {
		ws.Close()
		switch {
		case errors.Is(err, index.ErrReindexNeeded):
			return nil, nil, &exitError{code: ExitError, msg: "索引是用另一版本的 plans 建立的，结果会不准确：请先运行 plans reindex（或再导入一次：导入会先重建索引）"}
		case errors.Is(err, index.ErrNoIndex):
			return nil, nil, &exitError{code: ExitError, msg: "还没有索引：请先用 plans import 导入文件（或 plans reindex）"}
		}
		return nil, nil, err
	}
	return ws, ix, nil
}

func runSearch(ctx context.Context, a *app, opts *searchOptions) error {
	req, err := opts.Filter.request()
	if err != nil {
		return err
	}
	if opts.Limit <= 0 || opts.Offset < 0 {
		return usageError("--limit 须为正数，--offset 不能为负数")
	}
	req.Query, req.Limit, req.Offset, req.PerDoc, req.Exact = opts.Query, opts.Limit, opts.Offset, opts.PerDoc, opts.Exact
	switch opts.By {
	case "hit", "":
	case "doc":
		req.ByDoc = true
	default:
		return usageError("--by 只能是 hit（逐处）或 doc（逐篇文档），不是 %q", opts.By)
	}
	switch opts.Sort {
	case index.SortRelevance, index.SortYear:
		req.Sort = opts.Sort
	case "":
	default:
		return usageError("--sort 只能是 relevance（相关度）或 year（年份，新的在前），不是 %q", opts.Sort)
	}
	ws, ix, err := a.openIndexRead("search")
	if err != nil {
		return err
	}
	defer ws.Close()
	defer ix.Close()
	res, err := ix.Search(ctx, req, ws)
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSONIndent(a.streams.Out, res)
	}
	writeSearch(a.streams.Out, res, opts, a.color())
	return nil
}

func writeSearch(w io.Writer, res *index.Result, opts *searchOptions, color bool) {
	q := res.Query
	if q == "" {
		q = "（全部）"
	}
	fmt.Fprintf(w, "“%s”：%d 篇文档 · %d 处匹配（%d 毫秒）\n", q, res.TotalDocs, res.Total, res.TookMS)
	if opts.Explain && res.Explain != "" {
		fmt.Fprintf(w, "检索方式：%s\n", res.Explain)
	}
	if len(res.Hits) == 0 {
		switch {
		case len(res.Suggestions) > 0:
			fmt.Fprintf(w, "没有找到。试试：%s\n", strings.Join(res.Suggestions, "；"))
		case opts.Exact:
			fmt.Fprintln(w, "没有找到。可以换个说法，或去掉 --exact 用同义词和工作领域扩展。")
		default:
			fmt.Fprintln(w, "没有找到。可以换个说法，或只写关键的两三个字。")
		}
		return
	}
	if opts.By == "doc" {
		writeByDoc(w, res, opts)
	} else {
		writeHits(w, res, opts, color)
	}
	fmt.Fprintln(w, "\n分面（篇文档）：")
	writeFacet(w, "工作领域", res.FacetDocs.Topic, func(k string) string { return corpus.TopicName(k) })
	writeFacet(w, "年份", res.FacetDocs.Year, func(k string) string { return k })
	writeFacet(w, "章节", res.FacetDocs.Tag, func(k string) string { return corpus.TagNames[corpus.Tag(k)] })
	writeFacet(w, "文档类型", res.FacetDocs.Kind, func(k string) string { return corpus.KindNames[corpus.Kind(k)] })
	writeFacet(w, "单位类型", res.FacetDocs.OrgType, func(k string) string {
		if corpus.OrgType(k) == corpus.OrgUnknown {
			return "看不出类型"
		}
		return corpus.OrgTypeNames[corpus.OrgType(k)]
	})
}

// writeByDoc prints one row per document with its best sections.
func writeByDoc(w io.Writer, res *index.Result, opts *searchOptions) {
	for i, d := range res.Documents {
		meta := []string{orDash(d.Org, "单位未注明")}
		if d.Year != 0 {
			meta = append(meta, fmt.Sprintf("%d年", d.Year))
		}
		meta = append(meta, corpus.KindNames[d.Kind], fmt.Sprintf("%d 处", d.Matches))
		fmt.Fprintf(w, "\n%d. %s（%s）\n", opts.Offset+i+1, d.Title, strings.Join(meta, " · "))
		var where []string
		for _, h := range d.Hits {
			s := lastOr(h.HeadingPath, h.Heading, "开头")
			if h.Match == index.MatchArea {
				s += "〔按工作领域：" + topicNames(h.Areas) + "〕"
			}
			where = append(where, s)
		}
		fmt.Fprintf(w, "   ▸ %s\n", strings.Join(where, "；"))
	}
	if uint64(opts.Offset+len(res.Documents)) < res.TotalDocs {
		fmt.Fprintf(w, "\n下一页：--offset %d\n", opts.Offset+opts.Limit)
	}
}

func lastOr(path []string, heading, dash string) string {
	if len(path) > 0 {
		return path[len(path)-1]
	}
	return orDash(heading, dash)
}

// writeHits prints the hits grouped by document.
func writeHits(w io.Writer, res *index.Result, opts *searchOptions, color bool) {
	lastDoc, docs := "", 0
	for _, h := range res.Hits {
		if h.DocID != lastDoc {
			docs++
			fmt.Fprintf(w, "\n%d. %s\n", docs, h.Title)
			meta := []string{orDash(h.Org, "单位未注明")}
			if h.Year != 0 {
				meta = append(meta, fmt.Sprintf("%d年", h.Year))
			}
			meta = append(meta, corpus.KindNames[h.Kind], h.Source)
			fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
			lastDoc = h.DocID
		}
		role := corpus.TagNames[h.Tag]
		if len(h.Topics) > 0 {
			role += "｜" + topicNames(h.Topics)
		}
		if h.Match == index.MatchArea {
			role += "｜按工作领域“" + topicNames(h.Areas) + "”找到"
		}
		where := strings.Join(h.HeadingPath, " › ")
		if len(h.Months) > 0 {
			where += fmt.Sprintf("（%s月）", joinInts(h.Months))
		}
		if where == "" {
			where = "（开头）"
		}
		ref := h.DocID
		if h.SectionID != "" {
			ref = h.SectionID
		}
		fmt.Fprintf(w, "   ▸ %s 〔%s〕 %s\n", where, role, ref)
		for _, f := range h.Fragments {
			if color {
				fmt.Fprintf(w, "     %s\n", f.ANSI())
			} else {
				fmt.Fprintf(w, "     %s\n", bracketMarks(f))
			}
		}
		if h.More > 0 {
			fmt.Fprintf(w, "   （这篇文档还有 %d 处匹配）\n", h.More)
		}
	}
	if shown := uint64(opts.Offset + len(res.Hits)); shown < res.Total {
		fmt.Fprintf(w, "\n下一页：--offset %d\n", opts.Offset+opts.Limit)
	}
}

func bracketMarks(f index.Fragment) string {
	var b strings.Builder
	for _, s := range f {
		if s.Mark {
			b.WriteString("【" + s.Text + "】")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func writeFacet(w io.Writer, name string, m map[string]int, label func(string) string) {
	if len(m) == 0 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		l := label(k)
		if l == "" {
			l = k
		}
		parts[i] = fmt.Sprintf("%s %d", l, m[k])
	}
	fmt.Fprintf(w, "  %s：%s\n", name, strings.Join(parts, "，"))
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "、")
}

func orDash(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}

// kwicOptions are the options of plans kwic.
type kwicOptions struct {
	Term   string
	Filter SearchFilter
	Width  int
	Limit  int
	JSON   bool
}

func newKWICCmd(a *app) *cobra.Command {
	opts := &kwicOptions{}
	cmd := &cobra.Command{
		Use:   "kwic 词语",
		Short: "关键词上下文（KWIC）：列出一个词在全部文档里的每一处出现及前后文",
		Long: `语料库语言学常用的关键词上下文视图：每行一处出现，词语居中对齐，左右各显示若干字的上下文，
并注明出处。简繁通查，不做同义词扩展。`,
		Example: `  plans kwic 送温暖
  plans kwic 教代会 --width 15 --limit 50 --year 2020-2024
  plans kwic 校務公開 --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Term = args[0]
			req, err := opts.Filter.request()
			if err != nil {
				return err
			}
			ws, ix, err := a.openIndexRead("kwic")
			if err != nil {
				return err
			}
			defer ws.Close()
			defer ix.Close()
			res, err := ix.KWIC(cmd.Context(), index.KWICRequest{Term: opts.Term, Width: opts.Width, Limit: opts.Limit, Filter: req}, ws)
			if err != nil {
				return err
			}
			if opts.JSON {
				return writeJSONIndent(a.streams.Out, res)
			}
			writeKWIC(a.streams.Out, res, opts.Width, a.color())
			return nil
		},
	}
	opts.Filter.register(cmd)
	cmd.Flags().IntVar(&opts.Width, "width", 20, "左右各显示多少字")
	cmd.Flags().IntVar(&opts.Limit, "limit", 100, "最多显示多少行")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "以 JSON 输出")
	return cmd
}

func writeKWIC(w io.Writer, res *index.KWICResult, width int, color bool) {
	fmt.Fprintf(w, "“%s”：%d 处出现于 %d 个章节或条目\n\n", res.Term, len(res.Lines), res.Entries)
	for _, l := range res.Lines {
		left := []rune(l.Left)
		pad := strings.Repeat("　", max(0, width-len(left)))
		match := "【" + l.Match + "】"
		if color {
			match = "\x1b[1;31m" + l.Match + "\x1b[0m"
		}
		src := l.Title
		if l.Org != "" {
			src = l.Org
		}
		if l.Year != 0 {
			src += fmt.Sprintf(" %d", l.Year)
		}
		fmt.Fprintf(w, "%s%s%s%s　〔%s〕\n", pad, string(left), match, l.Right, src)
	}
	if res.More {
		fmt.Fprintln(w, "\n（还有更多，用 --limit 显示更多行）")
	}
}
