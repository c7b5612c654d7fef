package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/tailre"
	"plans/internal/wordset"
	"plans/internal/zhtext"
)

// Line features for site furniture that no single word betrays: a line is
// judged by what it talks about (the site, its documents and downloads, or
// the plan's own work), by the shapes it holds (QQ numbers, phone numbers,
// addresses) and by where it stands. One word is never enough: a plan may
// well say that teachers must not 转载 unchecked news.

// siteWords are what site notices talk about: the strong ones only a
// site says (本站, 水印, 当前页); the weak ones a plan may say too (下载,
// 上传, 主办), so they never make a notice alone.
var (
	siteWords = wordset.New("本站", "本网", "网站", "网址", "本文档", "用户上传", "客服", "水印", "侵权", "预览", "浏览器", "分辨率", "访问人次", "访问量", "访客", "技术支持", "扫一扫", "手机打开", "当前页",
		"免责", "积分", "会员专享", "vip", "原作者", "本页", "备案", "联系删除", "举报", "下载资源", "范文", "app", "海量", "免费看")
	weakSiteWords = wordset.New("文档", "版权", "上传", "下载", "扫码", "主办", "承办", "协办", "网友", "整理发布", "仅供学习",
		"仅供参考", "学习交流", "资源")
)

// contentWords are what a union plan's own lines talk about.
var contentWords = wordset.New("工会", "教职工", "职工", "教师", "会员", "教代会", "职代会", "学校", "我校",
	"我园", "开展", "组织", "活动", "学习", "工作", "慰问", "比赛", "师德", "民主", "公开", "维权", "女工",
	"幼儿", "学生", "教学", "员工", "同志")

// countDistinct counts the distinct words of set in s (lower-cased ASCII).
func countDistinct(set *wordset.Set, s string) int {
	return set.Distinct(asciiLower(s))
}

var (
	reQQ    = lazyre.New(`(?i)(qq|ＱＱ|微信|vx|wx)\s*(号|群)?\s*[:：]?\s*\d{5,}`)
	rePhone = lazyre.New(`(^|[^\d])(0\d{2,3}[-－]?\d{7,8}|1[3-9]\d{9}|400[-－]?\d{3}[-－]?\d{4})([^\d]|$)`)
	// Fields of a portal footer: 主办：… 制作：… 技术支持：…
	reFooterField = lazyre.New(`(主办|承办|协办|制作|技术支持|维护|邮编|电话|传真|地址|邮箱|e-mail|email|联系电话|联系方式)(单位)?\s*[:：]`)
	// Pagination left over from a paged document viewer.
	rePagination = lazyre.New(`^[_\-—–\s|]*(第\s*\d+\s*页(\s*[/，,、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|\d+\s*/\s*\d+\s*页|全文预览已结束|预览已结束|下载本文档|下载该文档|下载此文档|查看全文|还剩\s*\d+\s*页未读.*|本文档共\s*\d+\s*页.*)$`)
	// A label heading a notice block: 文档简介, 温馨提示：, 版权说明, 免责声明.
	reNoticeLabel = lazyre.New(`^(文档|内容|资料|文章)?(简介|介绍|说明|提示|温馨提示|版权说明|版权声明|免责声明|特别声明|声明|下载说明|下载提示|使用说明)\s*[:：]?$`)
)

// isSiteNotice reports a line that talks about the site rather than the
// plan: two site words, or one with a QQ/phone/address shape, and no word
// of a plan's own work; or a portal footer with several fields.
func isSiteNotice(s string) bool {
	n := runeLenUpTo(s, 160)
	if n > 160 {
		return false
	}
	lower := asciiLower(s)
	if n > 60 && strings.Count(s, "，")+strings.Count(s, "。") >= 3 {
		return false // several sentences of running text, not a notice
	}
	strong := countDistinct(siteWords, lower)
	site := strong + countDistinct(weakSiteWords, lower)
	fields := len(reFooterField.FindAllStringIndex(lower, 3))
	if fields >= 2 && site+fields >= 3 {
		return true // 主办：…教育局 制作：…信息中心 技术支持：…
	}
	if strong == 0 {
		return false
	}
	content := countDistinct(contentWords, s)
	// a QQ or phone number is a site's contact; an address alone may be the
	// plan's own (报名网址：…)
	shape := reQQ.MatchString(lower) || rePhone.MatchString(lower)
	switch {
	case content == 0 && (site >= 2 || shape && site >= 1):
		return true
	case content <= 1 && site >= 3:
		return true // 本文档由网友上传，仅供学习交流，工作计划…
	}
	return false
}

// reAppPrompt opens a line of a social-media or app page's furniture:
// follow prompts, read-more buttons, counters.
var reAppPrompt = lazyre.New(`^(AI写作|AI生成|AI创作|ChatGPT|本文由AI|点击上方.{0,6}关注|点击蓝字|长按(识别)?二维码|长按识别|扫码关注|扫描二维码关注|喜欢就|打开app|打开APP|本文已影响|阅读全文|点个.?在看|分享给朋友|关注我们|更多精彩内容)`)

// reOriginal is a social-media byline: 原创 作者 公众号 2021-09-06 08:30.
var reOriginal = lazyre.New(`^原创\s+.{0,40}\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`)

// isAppFurniture reports such a line.
func isAppFurniture(s string) bool {
	return runeLenUpTo(s, 60) <= 60 && (reAppPrompt.MatchString(s) || reOriginal.MatchString(s))
}

// isTableRule reports a line that is only a table's borders: |, | |,
// |---|---|, ｜.
func isTableRule(s string) bool {
	bar := false
	for _, r := range s {
		switch {
		case r == '|' || r == '｜':
			bar = true
		case r == '-' || r == ':' || r == '—' || r == '+' || zhtext.IsSpace(r):
		default:
			return false
		}
	}
	return bar
}

// isPagination reports a paged viewer's leftovers: _第2页, 全文预览已结束.
func isPagination(s string) bool {
	return runeLenUpTo(s, 30) <= 30 && rePagination.MatchString(zhtext.Squeeze(s))
}

// isNoticeLabel reports a short label that heads a notice block.
func isNoticeLabel(s string) bool {
	return runeLenUpTo(s, 10) <= 10 && reNoticeLabel.MatchString(zhtext.Squeeze(s))
}

// junkSymbols are the ASCII symbols random anti-copy strings are made of
// (not the ones of words, numbers and addresses: - . _ / : % + ( ) ' ").
const junkSymbols = "[]{}|@#$^~`<>\\"

// isRandomJunk reports a run of random ASCII inserted between lines to
// defeat copying ("Q[]7Y@kPe", "|tF"): no Chinese, no space, a letter and
// a symbol of the junk kind, and mixed character classes.
func isRandomJunk(s string) bool {
	s = strings.TrimSpace(s)
	n := len(s)
	if n < 2 || n > 24 || !isASCIIPrintable(s) || strings.ContainsAny(s, " \t") {
		return false
	}
	var upper, lower, digit, junk bool
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(junkSymbols, r):
			junk = true
		}
	}
	if !junk || !(upper || lower) {
		return false
	}
	classes := 0
	for _, b := range []bool{upper, lower, digit, junk} {
		if b {
			classes++
		}
	}
	return classes >= 3 || n <= 4
}

func isASCIIPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// Inline artefacts: fragments a site drops into the middle of a sentence.
var (
	// A pinyin gloss after a character, with a tone mark: 目標(biāo).
	rePinyinGloss = lazyre.New(`[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}[)）]`)
	// A site's editing note in brackets: （提醒您:请根据实际修改）.
	reBracketNote = lazyre.New(`[（(]\s*(提醒您|温馨提示|小编提示|编者注|提示)\s*[:：][^（()）]{0,30}[）)]`)
	// A site address in brackets: 〔wWw.某某.com.Cn〕, 【www.xx.com】.
	reBracketSite = lazyre.New(`(?i)[〔【\[（(]\s*(?:https?://)?(?:www\.)?[a-z0-9\p{Han}-]+(?:\.[a-z0-9\p{Han}-]+)*\.(?:com|cn|net|org|cc)(?:\.cn)?/?\s*[〕】\])）]`)
	// A forum's markup left in the text: [table=100%,#ffffff], [/table],
	// [b], [color=red], [url=…].
	reBBCode = lazyre.New(`(?i)\[/?(table|tr|td|b|i|u|s|color|size|font|align|url|img|quote|code|list|hr|p|backcolor|float|indent|attach|media)(=[^\]\n]{0,60})?\]`)
	// A site name and address dropped into a sentence: 某某汇 www.xx.com.
	reInlineSite = lazyre.New(`(?i)(?:https?://)?www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+/?`)
	// The site's name before its address, after a break: ，某某汇 www.…
	reSiteNameBefore = tailre.MustCompile(`(^|[\s，。；、,.;:：])([\p{Han}]{2,4}[网汇站吧库帮])\s*$`)
)

const toneMarks = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"

// inlineArtefacts returns the byte ranges of s to cut: pinyin glosses with
// a tone mark after a Chinese character, bracketed site addresses, and a
// site address standing between two pieces of a sentence.
func inlineArtefacts(s string) [][2]int {
	var cuts [][2]int
	if strings.ContainsAny(s, "(（") && strings.ContainsAny(s, toneMarks) {
		for _, m := range rePinyinGloss.FindAllStringIndex(s, -1) {
			if !strings.ContainsAny(s[m[0]:m[1]], toneMarks) {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(s[:m[0]]); !unicode.Is(unicode.Han, r) {
				continue
			}
			cuts = append(cuts, [2]int{m[0], m[1]})
		}
	}
	if strings.Contains(s, "提") || strings.Contains(s, "编者") {
		for _, m := range reBracketNote.FindAllStringIndex(s, -1) {
			cuts = append(cuts, [2]int{m[0], m[1]})
		}
	}
	if strings.Contains(s, "[") {
		for _, m := range reBBCode.FindAllStringIndex(s, -1) {
			end := m[1]
			for end < len(s) && s[end] == ' ' {
				end++
			}
			cuts = append(cuts, [2]int{m[0], end})
		}
	}
	// the right border of a forum table's cell: "…清单。 |"
	if strings.HasSuffix(s, "|") && strings.Count(s, "|") == 1 && strings.TrimSpace(strings.TrimSuffix(s, "|")) != "" {
		cuts = append(cuts, [2]int{len(strings.TrimRight(strings.TrimSuffix(s, "|"), " \t\u3000")), len(s)})
	}
	lower := strings.ToLower(s)
	if !strings.Contains(lower, ".com") && !strings.Contains(lower, ".cn") && !strings.Contains(lower, ".net") && !strings.Contains(lower, ".org") && !strings.Contains(lower, ".cc") {
		return cuts
	}
	for _, m := range reBracketSite.FindAllStringIndex(s, -1) {
		cuts = append(cuts, [2]int{m[0], m[1]})
	}
	for _, m := range reInlineSite.FindAllStringIndex(s, -1) {
		if overlaps(cuts, m[0], m[1]) {
			continue
		}
		before, after := s[:m[0]], s[m[1]:]
		pr, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " "))
		nr, _ := utf8.DecodeRuneInString(strings.TrimLeft(after, " "))
		// Between two pieces of a sentence: Chinese on both sides, not a
		// field such as 网址：… and not the end of the line.
		if unicode.Is(unicode.Han, pr) && (unicode.Is(unicode.Han, nr) || strings.ContainsRune("，。；、", nr)) {
			start, end := m[0], m[1]
			if nm := reSiteNameBefore.FindStringSubmatchIndex(before); nm != nil {
				start = nm[4]
			}
			for end < len(s) && s[end] == ' ' {
				end++ // the space the watermark was set off with
			}
			cuts = append(cuts, [2]int{start, end})
		}
	}
	return cuts
}

func overlaps(cuts [][2]int, a, b int) bool {
	for _, c := range cuts {
		if a < c[1] && c[0] < b {
			return true
		}
	}
	return false
}

// reCategory names a kind of document and nobody: 工作计划, 工会工作总结,
// 计划总结, 范文大全.
var reCategoryName = lazyre.New(`^[\p{Han}]{0,6}(计划|总结|范文|要点|方案|大全|规划|报告|文秘|公文)$`)

// reFirstKind finds the end of the first kind word of a line.
var reFirstKind = lazyre.New(`^[\p{Han}]{0,6}?(计划|总结|范文|要点|方案|大全)`)

// genericCategory reports a category name that names a kind of writer
// only (学校工作总结, 幼儿园工会工作计划, 工作计划), not a particular one.
func genericCategory(head string) bool {
	core := reCategoryTail.ReplaceAllString(head, "")
	switch core {
	case "", "学校", "小学", "中学", "中小学", "幼儿园", "大学", "高校", "职校", "企业", "公司", "医院", "机关",
		"单位", "部门", "社区", "街道", "班主任", "教师", "个人", "年度", "学期", "年终", "基层", "教育", "教育系统":
		return true
	}
	return false
}

// reCategoryTail is what a category name ends with after its writer.
var reCategoryTail = lazyre.New(`(工会)?(工作)?(计划|总结|范文|要点|方案|大全|规划|报告|文秘|公文)(范文|大全)?$`)

// reSubjectWord names who or when a title is about.
var reSubjectWord = lazyre.New(`(19|20)\d\d|[○〇零一二三四五六七八九]{4}|学校|中学|小学|幼儿园|学院|大学|教育局|公司|厂|中心|校|园|局|集团|医院|街道|镇|乡|村|区|县|市|省`)

// categoryPrefix returns how many runes of s (simplified, trimmed) are a
// category name and the space after it, before a title; 0 when none.
func categoryPrefix(s string) int {
	if runeLenUpTo(s, 60) > 60 || hasSentencePunct(s) {
		return 0
	}
	i := strings.IndexFunc(s, zhtext.IsSpace)
	if i <= 0 {
		// glued without a space: 工作总结光明中学工会2021年度工作总结 —
		// cut after the first kind word when a whole title follows
		loc := reFirstKind.FindStringIndex(s)
		if loc == nil || loc[1] >= len(s) {
			return 0
		}
		i = loc[1]
		if r, _ := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune("暨及和与、（(之的", r) {
			return 0 // 工作总结暨2020年工作计划 is one title
		}
	}
	head, rest := s[:i], zhtext.TrimSpace(s[i:])
	if !reCategoryName.MatchString(head) || !genericCategory(head) {
		return 0
	}
	if !isDocTitleLike(rest) || !reSubjectWord.MatchString(rest) && !strings.Contains(rest, "工会") {
		return 0
	}
	return runeLen(s) - runeLen(rest)
}

// siteEnds end a site's name, in both scripts: …网, …站, …吧, …库, …帮,
// …汇, …屋.
const siteEnds = "网站吧库帮汇屋網庫幫匯"

// watermark finds a site's name glued to the start of several lines: a
// run of 5 to 12 Chinese characters ending like a site's name (siteEnds)
// that opens at least three lines, or two when the rest of one of them is
// a numbered heading (某某在线网2、…). It returns "" when there is
// none.
func watermark(lines []string) string {
	count := map[string]int{}
	numbered := map[string]bool{}
	for _, l := range lines {
		l = zhtext.TrimSpace(l)
		rs := []rune(l)
		seen := map[string]bool{}
		for n := 5; n <= 12 && n < len(rs); n++ {
			if !zhtext.IsHan(rs[n-1]) {
				break
			}
			if !strings.ContainsRune(siteEnds, rs[n-1]) {
				continue
			}
			p := string(rs[:n])
			if seen[p] {
				continue
			}
			seen[p] = true
			count[p]++
			if zhtext.StartsWithNumber(string(rs[n:])) {
				numbered[p] = true
			}
		}
	}
	best := ""
	for p, n := range count {
		if n >= 3 || n >= 2 && numbered[p] {
			if len(p) > len(best) || len(p) == len(best) && p < best {
				best = p
			}
		}
	}
	return best
}
