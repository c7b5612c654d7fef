package split

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/tailre"
	"plans/internal/zhtext"
)

// The marker patterns run on the simplified view of a line, trimmed; the
// title patterns on it with all whitespace removed.

const num = `([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})`

var (
	// 【篇1】, 【范文一】, [第2篇] — possibly followed by the part's title.
	reMarkBracket = lazyre.New(`^[【\[]\s*(?:(篇|范文|范例)\s*` + num + `|第\s*` + num + `\s*篇)\s*[】\]]\s*[:：、.．]?\s*(.*)$`)
	// 篇一：…, 范文1 …
	reMarkLead = lazyre.New(`^(篇|范文|范例)\s*` + num + `(?:\s*[:：、.．]\s*|\s+|$)(.*)$`)
	// 第一篇 …
	reMarkOrdinal = lazyre.New(`^第\s*` + num + `\s*篇\s*[:：、.．]?\s*(.*)$`)
	// …工作计划 篇一, …工作计划范文1, …工作计划(范文2), …【篇三】
	reMarkTrail = lazyre.New(`^(.*?\S)\s*[（(【\[]?\s*(?:(篇|范文|范例)\s*` + num + `|第\s*` + num + `\s*篇)\s*[)）】\]]?\s*[:：]?$`)
	// 小学工会工作计划（二） — a title numbered at its end.
	reMarkTrailParen = lazyre.New(`^(.*?\S)\s*[（(]\s*` + num + `\s*[)）]$`)
	// (一)2013年学校工会工作计划 — a part marker only before a title.
	reMarkParen = lazyre.New(`^[（(]\s*` + num + `\s*[)）]\s*[、.．]?\s*(.+)$`)

	// A compilation's page title: 范例6篇, (优选6篇), 大全.
	reCompilation = tailre.MustCompile(`([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})篇[)）]?$|[（(](优选|精选|通用|热门|推荐|实用|汇总|合集|最新|经典|必备|范文)[^)）]{0,8}[)）]$|(大全|汇编|合集|汇总)$`)
	// What is cut from a title before looking at its kind.
	reTitleTail = tailre.MustCompile(`([（(【\[]?((篇|范文|范例)` + num + `|第` + num + `篇)[)）】\]]?|[（(](草案|讨论稿|征求意见稿|修订稿|初稿|定稿|试行)[)）]|范文|范例|模板|样本)$`)

	// A document title names its kind after 工作 / 工会 / a year
	// ("…工会工作计划", "…年工作要点"); a calendar item such as
	// 学习…校务公开要点 does not.
	reKindStrict = tailre.MustCompile(`((工作|工会)(计划|总结|要点|规划|方案|安排|打算|设想|思路|意见)|(年|年度|学年|学期)(计划|总结|要点))$`)
	reKindLoose  = tailre.MustCompile(`(计划|总结|要点|方案|规划|安排|打算|设想|思路|意见)$`)
	// Who or when the document is about.
	reSubject = lazyre.New(`工会|(\d{2,4}|[○〇零一二三四五六七八九十]{2,4}|xx|XX|ＸＸ|20__|__)(年|学年|学期)|学校|中学|小学|幼儿园|学院|大学|委员会|教育局|公司|厂|中心|校|园|局|集团|医院`)
	// Relative time words open section headings, not document titles
	// (下学期工作计划, 今后工作打算).
	reRelative = lazyre.New(`^(下|明|今后|来年|新|近期|今年|本|上|下一步|下阶段)`)
	// Lines opening with a verb are activities, not titles.
	reVerbStart = lazyre.New(`^(学习|传达|做好|开展|组织|召开|加强|举行|举办|制定|制订|完成|落实|贯彻|认真|积极|继续|进一步|参加|配合|迎接|庆祝|搞好|抓好|建立|健全|完善|推进|深化|提高|拟定|讨论|审议|通过|布置|检查|撰写|上交|交流|总结)`)

	// reNumberMore is what starts a document's own line besides a heading
	// number (zhtext.StartsWithNumber): a bare number and a space, 附.
	reNumberMore = lazyre.New(`^(\d+\s|附)`)
	reOrgSuffix  = tailre.MustCompile(`(学校|中学|小学|幼儿园|学院|大学|工会|委员会|教育局|局|公司|厂|中心|园|校|所|院|集团|医院)$`)
)

// marker is a part marker found on a line.
type marker struct {
	family string // word, numeral style and position: members of one series
	ord    int
	bare   bool   // the line holds the marker only (【篇一】)
	text   string // the marker as written in the simplified view, for titles
}

// parseMarker reads a part marker from a trimmed simplified line.
func parseMarker(ts string) (marker, bool) {
	if n := utf8.RuneCountInString(ts); n == 0 || n > 60 || strings.ContainsAny(ts, "。；;！!？?") {
		return marker{}, false
	}
	// Every marker but the parenthesised number holds 篇, 范文 or 范例:
	// most lines need no expression run at all.
	if !strings.Contains(ts, "篇") && !strings.Contains(ts, "范") {
		if strings.HasSuffix(ts, "）") || strings.HasSuffix(ts, ")") {
			// 小学工会工作计划（二）: a title numbered at its end
			if m := reMarkTrailParen.FindStringSubmatch(ts); m != nil && isDocTitle(zhtext.Squeeze(m[1]), false) {
				return marker{family: "trailparen" + style(m[2]), ord: parseNum(m[2]), text: m[2]}, true
			}
		}
		if !strings.HasPrefix(ts, "（") && !strings.HasPrefix(ts, "(") {
			return marker{}, false
		}
		return parenMarker(ts)
	}
	if m := reMarkBracket.FindStringSubmatch(ts); m != nil {
		word, n := markWord(m[1], m[2], m[3])
		rest := zhtext.TrimSpace(m[4])
		return marker{family: "bracket|" + word + style(n), ord: parseNum(n), bare: rest == "", text: zhtext.Squeeze(strings.TrimSuffix(ts, m[4]))}, true
	}
	if m := reMarkLead.FindStringSubmatch(ts); m != nil {
		rest := zhtext.TrimSpace(m[3])
		return marker{family: "lead|" + m[1] + style(m[2]), ord: parseNum(m[2]), bare: rest == "", text: m[1] + m[2]}, true
	}
	if m := reMarkOrdinal.FindStringSubmatch(ts); m != nil {
		rest := zhtext.TrimSpace(m[2])
		return marker{family: "lead|第篇" + style(m[1]), ord: parseNum(m[1]), bare: rest == "", text: "第" + m[1] + "篇"}, true
	}
	if m := reMarkTrail.FindStringSubmatch(ts); m != nil {
		prefix := zhtext.Squeeze(m[1])
		if startsWithNumber(prefix) || isSentence(prefix) || utf8.RuneCountInString(prefix) < 2 {
			return marker{}, false
		}
		word, n := markWord(m[2], m[3], m[4])
		return marker{family: "trail|" + word + style(n), ord: parseNum(n), text: word + n}, true
	}
	return parenMarker(ts)
}

// parenMarker reads a part marker that is a number in parentheses before a
// document title.
func parenMarker(ts string) (marker, bool) {
	if m := reMarkParen.FindStringSubmatch(ts); m != nil && isDocTitle(zhtext.Squeeze(m[2]), true) {
		return marker{family: "paren" + style(m[1]), ord: parseNum(m[1]), text: m[1]}, true
	}
	return marker{}, false
}

// markWord returns the marker word and its numeral from the submatches of
// "(篇|范文|范例)NUM" and "第NUM篇".
func markWord(word, n1, n2 string) (string, string) {
	if word == "" {
		return "第篇", n2
	}
	return word, n1
}

func style(n string) string {
	if r, _ := utf8.DecodeRuneInString(n); unicode.IsDigit(r) {
		return "|arabic"
	}
	return "|chinese"
}

// parseNum reads 1–99 in Arabic or Chinese numerals.
func parseNum(s string) int {
	if s == "" {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) {
		n := 0
		for _, c := range s {
			if c >= '０' && c <= '９' {
				c = c - '０' + '0'
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	digit := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, c := range s {
		if c == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = digit[c]
	}
	return n + cur
}

// isCompilation reports a compilation's page title ("基层工会工作计划范例6篇").
func isCompilation(sq string) bool {
	n := utf8.RuneCountInString(sq)
	return n >= 4 && n <= 60 && !isSentence(sq) && reCompilation.MatchString(sq)
}

// isDocTitle reports a line shaped like a document title. A strict title
// also names who or when ("2013年学校工会工作计划"), so that a section
// heading such as 下学期工作计划 is not taken for a new document.
func isDocTitle(sq string, strict bool) bool {
	n := utf8.RuneCountInString(sq)
	if n < 4 || n > 50 || isSentence(sq) || startsWithNumber(sq) {
		return false
	}
	core := sq
	for i := 0; i < 3; i++ {
		t := reTitleTail.ReplaceAllString(core, "")
		if t == core {
			break
		}
		core = t
	}
	if utf8.RuneCountInString(core) < 2 || strings.ContainsAny(core, ":：") {
		return false
	}
	if !strict {
		return reKindLoose.MatchString(core)
	}
	if !reKindStrict.MatchString(core) {
		return false
	}
	body := reKindStrict.ReplaceAllString(core, "")
	if !reSubject.MatchString(body) || reVerbStart.MatchString(core) {
		return false
	}
	return !reRelative.MatchString(core) || strings.Contains(core, "工会")
}

// isOrgLine reports a short line naming an organisation ("长沙市信息职业技术学校").
func isOrgLine(sq string) bool {
	n := utf8.RuneCountInString(sq)
	return n >= 3 && n <= 25 && !isSentence(sq) && !strings.ContainsAny(sq, ":：") && reOrgSuffix.MatchString(sq)
}

// isSentence reports sentence punctuation in s.
func isSentence(s string) bool { return strings.ContainsAny(s, "。；;！!？?，,") }

// reGenre ends the title of a text of another genre than a plan.
var reGenre = tailre.MustCompile(`(讲话|发言|致辞|讲稿|发言稿|报告|汇报|通知|意见|决定|办法|细则|规定|制度|心得|体会|感想|论文|思考|建议|倡议书|述职报告|说明|写法|怎么写|写作技巧)$`)

// isGenreTitle reports a line shaped like the title of a speech, a report,
// a notice: short, no sentence, not numbered, ending with a genre word.
func isGenreTitle(sq string) bool {
	n := utf8.RuneCountInString(sq)
	return n >= 4 && n <= 40 && !isSentence(sq) && !strings.ContainsAny(sq, ":：") &&
		!startsWithNumber(sq) && reGenre.MatchString(sq)
}

// reReading opens a site's essay or writing guide glued after a plan
// (延伸阅读：如何写好工作计划).
var reReading = lazyre.New(`^(延伸阅读|拓展阅读|扩展阅读|知识拓展|写作指导|写作指南|写作技巧|写作方法|范文写作)\s*[:：]?\s*(.*)$`)

// readingHeader reads such an opening line (trimmed, simplified): the
// title after it, "" when the title is on the next line.
func readingHeader(ts string) (string, bool) {
	if utf8.RuneCountInString(ts) > 40 || isSentence(ts) {
		return "", false
	}
	m := reReading.FindStringSubmatch(ts)
	if m == nil {
		return "", false
	}
	return zhtext.TrimSpace(m[2]), true
}

// reYear is a year written in a title.
var reYear = lazyre.New(`(19|20)\d\d|[○〇零一二三四五六七八九]{4}年`)

// Top-level Chinese numbering at the start of a line, and words of union
// work (for telling a plan from something glued after it).
var (
	reCNOne     = lazyre.New(`^一[、.．]`)
	reCNHigher  = lazyre.New(`^([二三四五六七八九]|十[一二三四五六七八九]?)[、.．]`)
	reUnionWork = lazyre.New(`工会|教职工|职工|教代会|职代会|会员|教工|女工`)
)

// reIssueNotice is a covering notice that issues a document: 关于印发《2020
// 年工会工作要点》的通知.
var reIssueNotice = lazyre.New(`^关于(?:印发|转发|下发|下达|颁发)《(.+)》的通知$`)

// reKindWord is the kind a title ends with.
var reKindWord = tailre.MustCompile(`(计划|总结|要点|规划|方案|安排|打算|思路|意见)$`)

// sameSubjectOtherKind reports two titles of one writer and period but of
// different kinds (2017年明德小学工会工作计划 / …工作总结): the second is a
// document of its own, however short the first.
func sameSubjectOtherKind(a, b string) bool {
	ka, kb := reKindWord.FindStringSubmatch(a), reKindWord.FindStringSubmatch(b)
	if ka == nil || kb == nil || ka[1] == kb[1] {
		return false
	}
	return strings.TrimSuffix(a, ka[1]) == strings.TrimSuffix(b, kb[1])
}

// startsWithNumber reports a line that starts like a document's own
// numbered line (a heading or list number, 1 标题, 附…), never a title.
func startsWithNumber(s string) bool {
	return zhtext.StartsWithNumber(s) || reNumberMore.MatchString(s)
}

// reDocHeader is a line of an official document's red header: the issuer
// (…工会文件, …委员会文件) or the document's number (…工字〔2010〕1号,
// …发[2021]3号).
var reDocHeader = lazyre.New(`^[\p{Han}]{2,30}文件$|^[\p{Han}]{1,12}[〔\[【(（]\s*(19|20)\d\d\s*[〕\]】)）]\s*\d{1,4}\s*号$`)

// isDocHeader reports a red header's line above a document's title.
func isDocHeader(sq string) bool { return reDocHeader.MatchString(sq) }

// reLeadMarker is a compilation's part marker opening a line before the
// part's title (第一篇:2010工会计划, 篇二：…, 【篇三】…).
var reLeadMarker = lazyre.New(`^(第[0-9一二三四五六七八九十]{1,3}篇|篇[0-9一二三四五六七八九十]{1,3}|【[^】]{1,8}】)[\s:：、.．]*`)
