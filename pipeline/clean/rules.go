package clean

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/tailre"
	"plans/internal/wordset"
	"plans/internal/zhtext"
)

// The data lists: easy to extend without touching the rules.
var (
	//go:embed data/sites.txt
	sitesData string
	//go:embed data/furniture.txt
	furnitureData string
	//go:embed data/spam.txt
	spamData string
)

// rules holds the compiled data lists. It is built once and read-only.
type rules struct {
	sites     []string        // longest first
	siteRunes map[rune]bool   // last runes of site names: a banner holds one
	furniture map[string]bool // lower-case
	known     *wordset.Set    // the site names
	// Spam words: one strong word, two core ones or a core and a weak
	// one make a line spam.
	strong, core, weak *wordset.Set
}

var (
	rulesOnce  sync.Once
	theRuleset *rules
)

func theRules() *rules {
	rulesOnce.Do(func() { theRuleset = buildRules() })
	return theRuleset
}

func buildRules() *rules {
	r := &rules{furniture: make(map[string]bool), siteRunes: make(map[rune]bool)}
	for _, s := range dataLines(sitesData) {
		r.sites = append(r.sites, strings.ToLower(s))
		last, _ := utf8.DecodeLastRuneInString(s)
		r.siteRunes[last] = true
	}
	for _, c := range "网帮吧站家./" { // generic sites and addresses
		r.siteRunes[c] = true
	}
	sort.SliceStable(r.sites, func(i, j int) bool { return len(r.sites[i]) > len(r.sites[j]) })
	for _, s := range dataLines(furnitureData) {
		r.furniture[strings.ToLower(s)] = true
	}
	var strong, core, weak []string
	for _, s := range dataLines(spamData) {
		kind, word, ok := strings.Cut(s, " ")
		if !ok {
			continue
		}
		word = strings.ToLower(strings.TrimSpace(word))
		switch kind {
		case "strong":
			strong = append(strong, word)
		case "core":
			core = append(core, word)
		case "weak":
			weak = append(weak, word)
		}
	}
	r.strong, r.core, r.weak = wordset.New(strong...), wordset.New(core...), wordset.New(weak...)
	r.known = wordset.New(r.sites...)
	return r
}

// dataLines returns the non-empty, non-comment lines of an embedded list.
func dataLines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

type position struct {
	top, bottom bool
	// afterField: the line before ends with a colon (报名网址：), so an
	// address on this line is the plan's own.
	afterField bool
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// nonSpaceUpTo is the number of runes of s that are not space when that is
// at most limit, and limit+1 otherwise.
func nonSpaceUpTo(s string, limit int) int {
	n := 0
	for _, r := range s {
		if !zhtext.IsSpace(r) {
			if n++; n > limit {
				break
			}
		}
	}
	return n
}

// runeLenUpTo is runeLen(s) when that is at most limit, and limit+1
// otherwise: the rules compare line lengths with small bounds, and long
// paragraphs need not be counted to the end.
func runeLenUpTo(s string, limit int) int {
	if len(s) <= limit {
		return utf8.RuneCountInString(s) // bytes bound runes
	}
	n := 0
	for range s {
		if n++; n > limit {
			return n
		}
	}
	return n
}

// Patterns on the simplified, trimmed line.
var (
	// A publishing time or date field at the start of the line.
	reMetaTime = lazyre.New(`^(发布|发表|发稿|更新|上传|录入|添加|编辑|修改)(时间|日期)\s*[:：]`)
	// 时间:2012-05-09 08:50:10 — a bare 时间/日期 needs a numeric date.
	reMetaDate = lazyre.New(`^(?P<field>(时间|日期)\s*[:：]\s*)?\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}日?(?P<clock>\s*\d{1,2}:\d{2}(:\d{2})?)?(?P<rest>.*)$`)
	// Author, source and counter fields; the record fields government
	// portals print over every published document (索引号：… 发布机构：…).
	reMetaField = lazyre.New(`^(作者|来源|出处|编辑|责任编辑|文章来源|稿件来源|信息来源|供稿|投稿人|录入|发布人|发布者|浏览次数|阅读次数|点击数|点击次数|浏览量|阅读量|栏目|分类|所属栏目|所属分类|标签|文章标签|字数|索引号|发布机构|发文机关|发文日期|成文日期|发文字号|主题分类|公开方式|公开范围|公开时限|信息分类|关键词|关键字)\s*[:：]`)
	// What may follow a date on a meta line.
	reMetaRest = lazyre.New(`^[\s|｜/]*((作者|来源|编辑|浏览|阅读|点击|栏目|分类|字号|评论|人气|热度|发布|字数)|$)`)

	// Counters: 浏览：123次, 阅读(45), 评论(0).
	reCounter = lazyre.New(`^(浏览|阅读|点击|评论|点赞|收藏|下载|人气|热度)(次数|量|数)?[:：(（]?\d*[)）]?次?$`)

	reFurniturePrefix = lazyre.New(`^(上一篇|下一篇|上一篇文章|下一篇文章|上篇|下篇|上一页|下一页)\s*[:：]|^(本文来源于|本文来自|本文由|文章来源于|原文地址|原文链接|本文链接|本文地址|本文网址|来源网址|转载自|转载请注明|免费下载本文|点击下载本文|更多精彩|更多相关|查看更多)|^更多.{0,16}(相关文章|相关范文|相关内容)|(请|欢迎)(访问|登录|关注)本站|^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置)\s*[:：]`)
	reBreadcrumb      = lazyre.New(`首页\s*(>|&gt;|»|›|→|/|＞)`)
	reURLLine         = lazyre.New(`^((网址|网站|链接|地址)\s*[:：]\s*)?(https?://|www\.)[\x21-\x7e]+$`)
	reURL             = lazyre.New(`(https?://|www\.)[\x21-\x7e]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org)(/[\x21-\x7e]*)?`)

	// Footer marks: a strong one names the site's rights; a weak one
	// (不得转载) may be a rule of the plan itself, so it needs the site in
	// the same line.
	reFooter       = lazyre.New(`(?i)icp备|icp证|公网安备|copyright|©|版权所有|all rights reserved|未经授权.{0,6}(转载|复制)|禁止转载|不得转载|侵权.{0,4}(联系|删除)`)
	reFooterStrong = lazyre.New(`(?i)icp备|icp证|公网安备|copyright|©|all rights reserved`)
	reFooterSite   = lazyre.New(`本站|本网|网站|本文|文章|作品|用户|原作者|作者|来源|出处|版权所有|原创|网络`)

	// 范文 site blurbs: 前言:… anywhere; the rest needs a site-ish phrase
	// and a reader-ish phrase.
	reForeword    = lazyre.New(`^前言\s*[:：]`)
	reBlurbStrong = lazyre.New(`小编|本站|本网|精心(挑选|整理|收集|搜集|准备|编辑|为)|精选了|搜集整理`)
	reBlurbWeak   = lazyre.New(`为(大家|你|您)(整理|收集|精选|准备|带来|分享|提供|推荐)|(以下|下面)是.{0,30}(范文|范例)|以上(就)?是.{0,40}(全部内容|范文)`)
	reBlurbReader = lazyre.New(`范文|范例|参考|阅读|借鉴|欣赏|看看|帮助|喜欢|收藏|学习|关注|精彩`)

	// Chatbot openers and sign-offs.
	reBotSignoff = lazyre.New(`希望(以上|这份|这篇|本|这些|上述|此|我的).{0,30}(帮助|参考|有用|满意|需要)|请(随时)?告诉我|随时告诉我|请随时(联系|提出)|我可以(继续|进一步|帮|为)|如需(进一步|继续|更多|调整|修改|补充)|如果(您|你)(还)?(需要|希望|想要|有).{0,40}(调整|修改|补充|完善|帮助|告诉|需求)`)
	reBotOpener  = lazyre.New(`^(好的|当然|没问题|当然可以)[，,！!。:：]|^(以下|下面)是.{0,30}(为(您|你)|我)(撰写|起草|整理|准备|拟定|写|生成)`)

	// Related-article block headers. A strong header is site furniture
	// wherever it stands; a weak one (推荐阅读, 最新文章) could head a plan's
	// own list, so its block must hold titles of other pages.
	reRelatedStrong = lazyre.New(`^([^、，。：:,.；;]{0,30}相关(文章|栏目|推荐|阅读|范文|专题|链接|搜索|下载|热词)|猜你喜欢|大家都在看|其他人还看了|你可能还喜欢|你可能感兴趣的|您可能感兴趣的|看了本文的人还看了|与.{1,60}相关的(文章|内容|范文|资料)|(\d{1,3}小时|本周|本月|今日|一周|月度)?(点击|阅读|热门|人气|浏览)?排行榜?)[:：]?(>>|»|更多)?$`)
	reRelatedWeak   = lazyre.New(`^(热门|最新|精彩|推荐|延伸|热点|同类|随机|精选|更多)(文章|推荐|阅读|范文|专题|内容|栏目|文档|资讯|排行)[:：]?(>>|»|更多)?$`)

	// Category names glued together in a link dump.
	reCategory = lazyre.New(`总结|计划|范文|心得|体会|报告|方案|稿|大全|致辞|讲话|发言|申请书|鉴定|评语|感想|演讲|条例|制度`)
	reDocKind  = tailre.MustCompile(`(计划|总结|要点|方案|规划|安排|打算|设想|思路)$`)

	// A site name glued to a line's end: "…计划_九九范文帮", "… - 第一范文网".
	reSuffixSep = tailre.MustCompile(`\s*[_|｜\-—–·•]+\s*([^\s_|｜\-—–·•]{2,30})$`)
	// An unknown 范文 site by the shape of its name.
	reGenericSite = lazyre.New(`^[\p{Han}A-Za-z0-9]{0,8}(范文|文库|期刊|文档|美文|作文|公文|文秘|论文)(网|帮|吧|之家|站|网站)$`)

	reOrgSuffix = tailre.MustCompile(`(学校|中学|小学|幼儿园|学院|大学|工会|委员会|教育局|局|公司|厂|中心|园|校|所|院|站|处|部|委|室|组|集团|医院)$`)
)

// reGenericName is a short site name ending with a generic word, beside
// the site's address.
var reGenericName = lazyre.New(`^[\p{Han}A-Za-z0-9]{1,6}(范文|文库|期刊|文档|美文|作文|公文|文秘|论文)$`)

// genericSiteWords are what an unknown 范文 site's name is made of.
var genericSiteWords = wordset.New("范文", "文库", "期刊", "文档", "美文", "作文", "公文", "文秘", "论文")

// bannerWords may stand beside a site name on a banner line.
var bannerWords = []string{"欢迎来到", "欢迎访问", "欢迎光临", "欢迎您", "首页", "官网", "网址", "手机版", "电脑版", "登录", "注册", "会员中心", "投稿", "频道", "本站", "全站", "搜索", "收藏本站"}

// isMeta reports a page meta line: publishing time, author, source, counters.
func (r *rules) isMeta(s string, pos position) bool {
	n := runeLenUpTo(s, 80)
	if n == 0 || n > 80 {
		return false
	}
	if reMetaTime.MatchString(s) {
		return true
	}
	if m := reMetaDate.FindStringSubmatch(s); m != nil {
		field := m[reMetaDate.SubexpIndex("field")] != ""
		clock := m[reMetaDate.SubexpIndex("clock")] != ""
		rest := strings.TrimSpace(m[reMetaDate.SubexpIndex("rest")])
		switch {
		case !reMetaRest.MatchString(rest):
			// a date inside a sentence
		case clock || rest != "":
			return true // 时间:2012-05-09 08:50:10, 2013-04-12 来源：…
		case field && pos.top:
			return true // 日期：2013-04-12 under the page title
		}
		// A bare date is a plan's own (a signature, an event's 时间：).
	}
	return n <= 60 && reMetaField.MatchString(s)
}

// Keywords that must occur before the costlier patterns are tried.
var (
	footerWords  = wordset.New("icp", "公网安备", "copyright", "©", "版权所有", "all rights", "转载", "侵权", "未经授权")
	blurbWords   = wordset.New("前言", "小编", "本站", "本网", "精心", "精选了", "搜集整理", "为大家", "为你", "为您", "以下是", "下面是", "以上")
	signoffWords = wordset.New("希望", "告诉我", "随时", "我可以", "如需", "如果您", "如果你")
	relatedWords = wordset.New("排行", "相关", "热门", "最新", "精彩", "推荐", "延伸", "热点", "同类", "随机", "精选", "更多", "猜你", "大家都在看", "其他人", "可能", "看了本文")
)

// furnitureStart reports whether s starts like a furniture line (上一篇：,
// 本文来源于, 当前位置：…): a cheap test before the pattern.
func furnitureStart(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("上下本文原来转免点更查当您你所", c)
}

// asciiLower lower-cases ASCII letters only (site names, "Top", "WORD下载").
func asciiLower(s string) string {
	if !strings.ContainsFunc(s, func(c rune) bool { return c >= 'A' && c <= 'Z' }) {
		return s
	}
	return strings.Map(func(c rune) rune {
		if c >= 'A' && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}, s)
}

// maxNoiseRunes is the longest line a single-line rule looks at, except
// category dumps (which have no sentence punctuation at all).
const maxNoiseRunes = 200

// isNoise reports a line that is noise on its own.
func (r *rules) isNoise(s string, pos position) bool {
	n := runeLenUpTo(s, maxNoiseRunes)
	if n == 0 {
		return false
	}
	if n > maxNoiseRunes {
		return r.isCategoryDump(s)
	}
	lower := asciiLower(s)
	if pos.afterField && reURLLine.MatchString(lower) {
		return false
	}
	switch {
	case n <= 40 && r.isSiteBanner(lower):
		return true
	case n <= 40 && r.isFurniture(lower):
		return true
	case n <= 100 && (furnitureStart(s) && reFurniturePrefix.MatchString(s) && !r.isStrongRelatedHeader(s) || strings.Contains(s, "首页") && reBreadcrumb.MatchString(s)):
		return true
	case pos.top && n <= 24 && strings.HasPrefix(s, "首页") && !hasSentencePunct(s) && reCategory.MatchString(s):
		return true // 首页总结工会工作总结: a breadcrumb whose separators were lost
	case n <= 100 && (pos.top || pos.bottom) && reURLLine.MatchString(lower):
		return true // a lone address at the head or the tail of the page
	case n <= 120 && footerWords.In(lower) && r.isFooter(s, lower, pos):
		return true
	case isSiteNotice(s) || isPagination(s) || isRandomJunk(s) || isAppFurniture(s) || isTableRule(s):
		return true
	case r.isSpam(lower):
		return true
	case r.isCategoryDump(s):
		return true
	case blurbWords.In(s) && r.isBlurb(s, pos):
		return true
	case n <= 120 && signoffWords.In(s) && reBotSignoff.MatchString(s):
		return true
	case pos.top && n <= 100 && reBotOpener.MatchString(s):
		return true
	}
	// （本文由网友投稿，仅供参考）: a site's note in brackets
	if inner, ok := unbracket(s); ok {
		return r.isNoise(inner, pos)
	}
	return false
}

// unbracket returns the inside of a line wholly in one pair of brackets:
// （…） (…) 【…】 […] 〔…〕.
func unbracket(s string) (string, bool) {
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}, {"【", "】"}, {"[", "]"}, {"〔", "〕"}} {
		if inner, ok := strings.CutPrefix(s, p[0]); ok {
			if inner, ok = strings.CutSuffix(inner, p[1]); ok && !strings.ContainsAny(inner, p[0]+p[1]) {
				return zhtext.TrimSpace(inner), inner != ""
			}
		}
	}
	return "", false
}

// isFooter reports a copyright or reprint notice of the site: a strong
// mark (©, ICP备) in a line that is not a numbered item of the plan, or a
// reprint rule (不得转载, 未经授权…复制) that names the site or the text's
// source. "教职工不得转载未经核实的信息" is the plan's own rule.
func (r *rules) isFooter(s, lower string, pos position) bool {
	if !reFooter.MatchString(s) || zhtext.StartsWithNumber(s) {
		return false
	}
	content := countDistinct(contentWords, s)
	if reFooterStrong.MatchString(lower) {
		// © in a footer line, not in a sentence that talks about it
		// (要插入版权符号 ©，可以这样写：)
		return !strings.ContainsAny(s, "，。；：！？,;:!?") || (pos.top || pos.bottom) && content == 0 && runeLenUpTo(s, 60) <= 60
	}
	return content == 0 && (reFooterSite.MatchString(s) || runeLenUpTo(s, 20) <= 20)
}

// isSiteBanner reports a line holding a site's name and nothing but
// banner words, separators and addresses.
func (r *rules) isSiteBanner(lower string) bool {
	if runeLenUpTo(lower, 40) > 40 || !strings.ContainsFunc(lower, func(c rune) bool { return r.siteRunes[c] }) {
		return false
	}
	known := r.known.In(lower)
	hasURL := reURL.MatchString(lower)
	generic := genericSiteWords.In(lower)
	if !known && !hasURL && !generic {
		return false
	}
	rest := reURL.ReplaceAllString(lower, " ")
	for _, w := range bannerWords {
		rest = strings.ReplaceAll(rest, w, " ")
	}
	rest = strings.Map(func(r rune) rune {
		if zhtext.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, rest)
	switch {
	case rest == "":
		return hasURL // "欢迎访问 www.….com"
	case generic && reGenericSite.MatchString(rest):
		return true
	case generic && hasURL && reGenericName.MatchString(rest):
		return true // 好文库 www.haowenku.net
	case !known:
		return false
	}
	for _, name := range r.sites {
		rest = strings.ReplaceAll(rest, name, "")
		if rest == "" {
			return true
		}
	}
	return false
}

// isFurniture reports a line made only of button and link words
// ("WORD下载 PDF下载 投诉", "分享", "Top").
func (r *rules) isFurniture(lower string) bool {
	fields := strings.FieldsFunc(lower, func(c rune) bool {
		return zhtext.IsSpace(c) || strings.ContainsRune("|｜/·•丨,，", c)
	})
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		f = strings.TrimRight(f, ":：")
		if f == "" {
			continue
		}
		if r.furniture[f] || reCounter.MatchString(f) {
			if len(fields) == 1 && runeLen(f) == 1 && f != "↑" && f != "»" {
				return false // a lone 大 / 中 / 小 is too little to judge
			}
			continue
		}
		return false
	}
	return true
}

// isSpam reports a short line with spam words.
func (r *rules) isSpam(lower string) bool {
	if runeLenUpTo(lower, 80) > 80 {
		return false
	}
	prose := strings.ContainsAny(lower, "，。；：")
	strong := r.strong.Distinct(lower)
	if strong >= 2 {
		return true
	}
	if prose {
		return false // a plan sentence may say 在线观看 or 久久为功
	}
	core := r.core.Distinct(lower)
	return strong == 1 || core >= 1 && core+r.weak.Distinct(lower) >= 2
}

// isCategoryDump reports a line of category names glued together
// ("班主任工作总结工作总结范文销售工作总结…").
func (r *rules) isCategoryDump(s string) bool {
	if hasSentencePunct(s) {
		return false
	}
	sq := zhtext.Squeeze(s)
	n := runeLen(sq)
	if n < 16 {
		return false
	}
	hits := len(reCategory.FindAllStringIndex(sq, -1))
	if hits >= 4 && n <= hits*12 {
		return true
	}
	// Titles of other pages separated by spaces.
	fields := strings.FieldsFunc(s, zhtext.IsSpace)
	if len(fields) < 3 {
		return false
	}
	for _, f := range fields {
		if !reDocKind.MatchString(f) {
			return false
		}
	}
	return true
}

// isBlurb reports a 范文 site's foreword ("前言:中文期刊网精心挑选了…").
func (r *rules) isBlurb(s string, pos position) bool {
	n := runeLenUpTo(s, 200)
	if n > 200 {
		return false
	}
	if reForeword.MatchString(s) {
		return true
	}
	if !reBlurbReader.MatchString(s) {
		return false
	}
	if reBlurbStrong.MatchString(s) {
		return true
	}
	return (pos.top || pos.bottom) && reBlurbWeak.MatchString(s)
}

// isByline reports a short lone author name after a meta line ("染雾").
func (r *rules) isByline(s string) bool {
	sq := zhtext.Squeeze(s)
	n := runeLenUpTo(sq, 8)
	if n == 0 || n > 8 {
		return false
	}
	for _, c := range sq {
		if unicode.IsDigit(c) || unicode.IsPunct(c) || unicode.IsSymbol(c) {
			return false
		}
	}
	if zhtext.StartsWithNumber(sq) || reOrgSuffix.MatchString(sq) {
		return false
	}
	return !strings.ContainsAny(sq, "计划总结要点方案规划安排工作篇范指导思想目标")
}

// relatedHeader reports the header of a related-articles block, and
// whether it is a strong one.
func (r *rules) relatedHeader(s string) (header, strong bool) {
	if runeLenUpTo(s, 70) > 70 || !relatedWords.In(s) || zhtext.StartsWithNumber(s) {
		return false, false
	}
	sq := zhtext.Squeeze(s)
	if reRelatedStrong.MatchString(sq) {
		return true, true
	}
	return reRelatedWeak.MatchString(sq), false
}

// isStrongRelatedHeader reports a header the block rule removes with the
// links under it (相关文章 …), so the line rule leaves it to that rule.
func (r *rules) isStrongRelatedHeader(s string) bool {
	h, strong := r.relatedHeader(s)
	return h && strong
}

func (r *rules) isRelatedHeader(s string) bool {
	h, _ := r.relatedHeader(s)
	return h
}

// inRelatedBlock reports a line that may stand in a related-articles block.
func (r *rules) inRelatedBlock(s string) bool {
	return r.isLinkLike(s) || r.isRelatedHeader(s) || r.isCategoryDump(s) || r.isFurniture(strings.ToLower(s))
}

// isLinkLike reports a line that looks like a link: short, no sentence.
func (r *rules) isLinkLike(s string) bool {
	if runeLenUpTo(s, 60) > 60 || strings.ContainsAny(s, "。；！？!?") {
		return false
	}
	if strings.HasSuffix(s, "，") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, "：") ||
		strings.HasSuffix(s, ":") || strings.HasSuffix(s, "、") || strings.HasSuffix(s, ";") {
		return false
	}
	return !zhtext.StartsWithNumber(s)
}

// siteSuffix returns how many runes of s to keep when s ends with a site
// name glued on by a separator, or -1.
func (r *rules) siteSuffix(s string) int {
	if runeLenUpTo(s, 80) > 80 || !strings.ContainsAny(s, "_|｜-—–·•") {
		return -1
	}
	loc := reSuffixSep.FindStringSubmatchIndex(s)
	if loc == nil {
		return -1
	}
	name := strings.ToLower(s[loc[2]:loc[3]])
	known := reGenericSite.MatchString(name)
	for _, site := range r.sites {
		if name == site {
			known = true
			break
		}
	}
	keep := runeLen(s[:loc[0]])
	if !known || keep < 4 {
		return -1
	}
	return keep
}

// isOrgLine reports a short line naming an organisation ("长沙市信息职业技术学校").
func isOrgLine(s string) bool {
	sq := zhtext.Squeeze(s)
	n := runeLenUpTo(sq, 25)
	return n >= 3 && n <= 25 && !hasSentencePunct(sq) && reOrgSuffix.MatchString(sq)
}

// reTitleMarker matches compilation markers that may follow a title
// ("篇一", "范文1", "(优选6篇)").
var reTitleMarker = tailre.MustCompile(`\s*([【\[（(]?\s*(篇|范文|范例|第)\s*[0-9一二三四五六七八九十]+\s*篇?[】\]）)]?|[（(][^）)]{0,8}[)）]|范文|范例|大全|[0-9一二三四五六七八九十]+篇)$`)

// isDocTitleLike reports a line shaped like a document title: short, no
// sentence, not numbered, ending with a document kind (计划, 总结, …).
func isDocTitleLike(s string) bool {
	if len(s) > 50*utf8.UTFMax && nonSpaceUpTo(s, 50) > 50 {
		return false // a paragraph: not squeezed for nothing
	}
	sq := zhtext.Squeeze(s)
	n := runeLenUpTo(sq, 50)
	if n < 4 || n > 50 || strings.ContainsAny(sq, "。；;！!？?，,") || zhtext.StartsWithNumber(sq) {
		return false
	}
	for i := 0; i < 3; i++ {
		t := reTitleMarker.ReplaceAllString(sq, "")
		if t == sq {
			break
		}
		sq = t
	}
	return reDocKind.MatchString(sq)
}

// hasSentencePunct reports punctuation that joins clauses or sentences.
func hasSentencePunct(s string) bool { return strings.ContainsAny(s, "。；;！!？?，,：:、") }
