package classify

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"plans/classify/names"
	"plans/corpus"
	"plans/internal/lazyre"
	"plans/internal/runeset"
	"plans/internal/zhtext"
)

// ---- kind and relevance ----

var (
	// reviewOpen lists the ways a summary opens ("现将一年来的工作总结如下"),
	// each with words it cannot match without: most texts skip most
	// expressions without running them.
	reviewOpen = []guarded{
		{[]string{"如下"}, regexp.MustCompile(`(将|就|把)[^。！？\n]{0,40}(总结|回顾|汇报)如下`)},
		{[]string{"回顾", "总结", "汇报"}, regexp.MustCompile(`作[^。！？\n]{0,8}(回顾|总结|汇报)`)},
		{[]string{"回顾"}, regexp.MustCompile(`回顾[^。！？\n]{0,12}(一年|一学期|半年|本学期|本年度|过去|以来)`)},
		{[]string{"来，", "来,"}, regexp.MustCompile(`(一年|半年|一学期|学期|年度)(以)?来[，,]`)},
		{[]string{"过去的"}, regexp.MustCompile(`过去的(一|这)(年|学期)`)},
		{[]string{"取得了"}, regexp.MustCompile(`取得了[^。！？\n]{0,30}(成绩|成效|成果|进步|好评)`)},
	}
	reAcademic = lazyre.New(`\[\d{1,3}\]`) // a citation; [2010] is a year (…字[2010]1号)
)

// word lists counted with strings.Count (faster than one regexp).
var (
	pastWords      = []string{"了"}
	notPastWords   = []string{"了解", "为了", "除了", "了不起", "不了", "了如指掌"}
	planWords      = []string{"将", "拟", "计划", "力争", "争取", "确保", "打算", "准备"}
	planAfterYao   = []string{"切实", "认真", "进一步", "加强", "积极", "做好", "继续", "不断", "充分", "努力", "把", "在", "以", "对", "坚持", "重视", "抓", "组织", "开展", "发挥", "提高", "建立", "关心", "关注", "大力", "全面", "注重", "注意", "做到", "按照", "根据", "结合", "及时"}
	speechWords    = []string{"同志们", "我讲几", "下面，我", "下面,我", "下面我", "在座的", "讲几点意见", "几个方面的意见", "我代表", "谢谢大家", "各位领导"}
	academicWords  = []string{"关键词：", "关键词:", "关键字：", "关键字:", "摘要：", "摘要:", "参考文献", "[J]", "［J］"}
	unionWords     = []string{"工会", "教代会", "职代会", "职工", "教工", "会员", "女工", "教职员工"}
	unionCoreWords = []string{"工会", "教代会", "职代会", "职工代表大会", "女工", "职工之家", "教工之家", "职工小家"}
)

func countWords(s string, words []string) int {
	n := 0
	for _, w := range words {
		n += strings.Count(s, w)
	}
	return n
}

// guarded is a regular expression and words one of which every match
// holds.
type guarded struct {
	words []string
	re    *regexp.Regexp
}

// matchAny reports whether one of the expressions matches s.
func matchAny(res []guarded, s string) bool {
	for _, g := range res {
		if containsAny(s, g.words) && g.re.MatchString(s) {
			return true
		}
	}
	return false
}

// The lists gatherKind counts in the body, in one pass (kindCounter).
const (
	listPast = iota
	listNotPast
	listPlan
	listSpeech
	listAcademic
	listUnion
	listUnionCore
	numLists
)

var kindCounter = newWordCounter([numLists][]string{
	listPast: pastWords, listNotPast: notPastWords, listPlan: planWords, listSpeech: speechWords,
	listAcademic: academicWords, listUnion: unionWords, listUnionCore: unionCoreWords,
})

// wordCounter counts the words of several lists in one pass over a text,
// with the result of countWords for each list (a word's occurrences do not
// overlap each other; different words may overlap).
type wordCounter struct {
	byFirst map[rune][]counted // words by their first rune
	// first has a bit for every rune of the Basic Multilingual Plane that
	// starts a word: most runes of a text start none.
	first runeset.Set
	words int
}

type counted struct {
	word string
	list int
	idx  int // the word's number among all words
}

func newWordCounter(lists [numLists][]string) *wordCounter {
	wc := &wordCounter{byFirst: map[rune][]counted{}}
	for li, words := range lists {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			wc.byFirst[r] = append(wc.byFirst[r], counted{word: w, list: li, idx: wc.words})
			wc.first.Add(r)
			wc.words++
		}
	}
	return wc
}

func (wc *wordCounter) count(s string) [numLists]int {
	var out [numLists]int
	next := make([]int, wc.words) // where each word may next be found
	for i, r := range s {
		if runeset.InPlane(r) && !wc.first.Has(r) {
			continue
		}
		for _, c := range wc.byFirst[r] {
			if i >= next[c.idx] && strings.HasPrefix(s[i:], c.word) {
				out[c.list]++
				next[c.idx] = i + len(c.word)
			}
		}
	}
	return out
}

// countYao counts 要 followed by a verb of doing (要加强, 要认真…).
func countYao(s string) int {
	n := 0
	for rest := s; ; {
		i := strings.Index(rest, "要")
		if i < 0 {
			return n
		}
		rest = rest[i+len("要"):]
		for _, w := range planAfterYao {
			if strings.HasPrefix(rest, w) {
				n++
				break
			}
		}
	}
}

// titleKind reads the kind a title declares ("" when it declares none).
func titleKind(title string) corpus.Kind {
	switch {
	case reGuideTitle.MatchString(title):
		// 学校工会工作总结说明, 工作计划怎么写: a guide to writing one
		return corpus.KindOther
	case strings.Contains(title, "总结") || strings.Contains(title, "小结") || strings.Contains(title, "回顾") || strings.Contains(title, "述职"):
		return corpus.KindSummary
	case strings.Contains(title, "要点") || strings.Contains(title, "工作意见"):
		return corpus.KindPoints
	case strings.Contains(title, "讲话") || strings.Contains(title, "发言") || strings.Contains(title, "致辞") || strings.Contains(title, "论文") || strings.Contains(title, "浅谈") || strings.Contains(title, "浅析") || strings.Contains(title, "探析") || strings.Contains(title, "心得"):
		return corpus.KindOther
	case strings.Contains(title, "计划") || strings.Contains(title, "安排") || strings.Contains(title, "规划") || strings.Contains(title, "打算") || strings.Contains(title, "思路") || strings.Contains(title, "方案") || strings.Contains(title, "设想") || strings.Contains(title, "行事历"):
		return corpus.KindPlan
	}
	return ""
}

// kindFacts are the signals used to decide a document's kind.
type kindFacts struct {
	title      corpus.Kind
	reviewOpen bool // the opening reviews what was done
	past, plan int  // past-tense and plan-word counts
	speech     int
	academic   int
	union      int
	unionCore  int  // mentions of the union itself (工会, 教代会…)
	unionTitle bool // the title names a union (工会工作计划)
	runes      int
}

func gatherKind(title string, body string) kindFacts {
	kf := kindFacts{title: titleKind(title)}
	kf.unionTitle = countWords(title, unionWords) > 0
	kf.runes = utf8.RuneCountInString(body)
	head := body[:runeOffset(body, 400)]
	kf.reviewOpen = matchAny(reviewOpen, head)
	n := kindCounter.count(body)
	kf.past = n[listPast] - n[listNotPast]
	kf.plan = n[listPlan] + countYao(body)
	kf.speech = n[listSpeech]
	kf.academic = n[listAcademic]
	if strings.Contains(body, "[") {
		kf.academic += len(reAcademic.FindAllStringIndex(body, -1))
	}
	kf.union = n[listUnion]
	kf.unionCore = n[listUnionCore]
	return kf
}

// decideKind picks the document kind and its relevance.
func decideKind(kf kindFacts) (corpus.Kind, bool) {
	// Texts that are not union plans or summaries.
	if kf.academic >= 2 || (kf.academic >= 1 && kf.runes > 0 && kf.plan*1000/max(kf.runes, 1) < 30) {
		return corpus.KindOther, false
	}
	if kf.speech >= 2 && kf.union < 10 {
		return corpus.KindOther, false
	}
	density := kf.union * 1000 / max(kf.runes, 1)
	minUnion := 3
	if kf.unionTitle {
		minUnion = 1
	}
	if kf.union < minUnion || (kf.runes > 1500 && density < 2) || (!kf.unionTitle && kf.unionCore < 3) {
		return corpus.KindOther, false
	}
	if kf.title == corpus.KindOther {
		return corpus.KindOther, false
	}
	pastRate := kf.past * 1000 / max(kf.runes, 1)
	summaryLike := (kf.reviewOpen && kf.past >= 4 && kf.past*2 >= kf.plan) ||
		(kf.past >= 10 && kf.past >= kf.plan) ||
		(pastRate >= 6 && kf.past >= 2*kf.plan)
	switch kf.title {
	case corpus.KindSummary:
		// a "summary" that only looks ahead: no past tense and plan words
		// throughout (新学期以来，工会将… opens like a review but is not one)
		if kf.past == 0 && (!kf.reviewOpen && kf.plan >= 10 || kf.plan >= 3 && kf.plan*1000/max(kf.runes, 1) >= 10) {
			return corpus.KindPlan, true
		}
		return corpus.KindSummary, true
	case corpus.KindPoints:
		if summaryLike {
			return corpus.KindSummary, true
		}
		return corpus.KindPoints, true
	default:
		if summaryLike {
			return corpus.KindSummary, true
		}
		return corpus.KindPlan, true
	}
}

// ---- year ----

var (
	// A year that opens a title without 年: 2025幼儿园工会计划,
	// 2016-2017学校工会计划.
	reYearBare = lazyre.New(`^((?:19|20)\d\d)\s*(?:[—–\-－~～至到]+\s*(?:(?:19|20)?\d\d))?\s*(\p{Han})`)
)

// titleYearBare reads a year that opens a title without 年 (2025幼儿园工会
// 计划); a count (2000元, 2019人) is not a year.
func titleYearBare(title string) int {
	m := reYearBare.FindStringSubmatch(strings.TrimSpace(title))
	if m == nil || strings.Contains("年月日元万人个名次件项条号届期周天", m[2]) {
		return 0
	}
	if y, ok := zhtext.ParseYear(m[1]); ok && y >= 1980 {
		return y
	}
	return 0
}

// runeOffset returns the byte offset of rune n of s, or len(s) when s is
// shorter.
func runeOffset(s string, n int) int {
	k := 0
	for i := range s {
		if k == n {
			return i
		}
		k++
	}
	return len(s)
}

// ---- organisation ----

// orgTitleTail is what follows an org name in a title.
var reOrgTail = lazyre.New(`((19|20)\d\d|[一二三四五六七八九〇○零]{4}|(?i:xx)|ＸＸ|__+|＿+)?\s*[—\-－~～至到]*\s*((19|20)?\d\d|[一二三四五六七八九〇○零]{2,4})?\s*(学年度|学年|年度|年)?\s*(第[一二]学期|上学期|下学期|春季|秋季|上半年|下半年|本学期|新学期|学期)?\s*(的)?\s*(度)?\s*(工会|教育工会)?\s*(委员会)?\s*(的)?\s*(工作)?\s*(计划|总结|要点|安排|规划|打算|思路|行事历|小结)`)

var reLeadYear = lazyre.New(`^((19|20)\d\d|[一二三四五六七八九〇○零]{4})\s*([—\-－~～至到]\s*((19|20)?\d\d|[一二三四五六七八九〇○零]{2,4}))?\s*(学年度|学年|年度|年)?\s*(第[一二]学期|上学期|下学期|春季|秋季|上半年|下半年)?\s*`)

// orgFromTitle takes the org at the start of a title:
// 車輛廠中心校度工會工作計劃 → 車輛廠中心校.
func orgFromTitle(titleOrig, titleSimp string) string {
	loc := reOrgTail.FindStringIndex(titleSimp)
	if loc == nil || loc[0] == 0 {
		return ""
	}
	prefixS := strings.TrimSpace(titleSimp[:loc[0]])
	if k := strings.LastIndexAny(prefixS, "《“\""); k >= 0 {
		// 关于印发《2020年东城区教育工会…: the name inside the quotes
		cut := utf8.RuneCountInString(prefixS[:k]) + 1
		titleOrig = string([]rune(strings.TrimSpace(titleOrig))[cut:])
		prefixS = prefixS[k+len(string([]rune(prefixS[k:])[0])):]
	}
	// a leading part marker of a compilation: 第1篇 区教育工会…, 【篇二】…
	if m := reLeadPart.FindStringIndex(prefixS); m != nil {
		titleOrig = string([]rune(strings.TrimSpace(titleOrig))[utf8.RuneCountInString(prefixS[:m[1]]):])
		prefixS = prefixS[m[1]:]
	}
	// a leading year: 2014年红星幼儿园…
	if m := reLeadYear.FindStringIndex(prefixS); m != nil {
		titleOrig = string([]rune(strings.TrimSpace(titleOrig))[utf8.RuneCountInString(prefixS[:m[1]]):])
		prefixS = prefixS[m[1]:]
	}
	prefixS = strings.TrimRight(prefixS, "的 \u3000")
	// strip a trailing 度 left by a removed year (…校度工会工作计划)
	prefixS = strings.TrimSuffix(prefixS, "度")
	cand := names.Clean(prefixS)
	if cand == "" {
		// the tail took the union of a name: 金桥街道总工会工作计划,
		// 东山区教育工会工作要点
		for _, u := range []string{"教育工会", "工会"} {
			if strings.HasPrefix(titleSimp[loc[0]:], u) {
				if c := names.Clean(prefixS + u); c != "" && utf8.RuneCountInString(prefixS) >= 2 {
					cand = c
				}
				break
			}
		}
	}
	if cand == "" {
		return ""
	}
	if !names.Specific(cand) {
		// 地区教育工会 / 县教育局: allow a short place word before a union name
		if !(strings.HasSuffix(cand, "教育工会") || strings.HasSuffix(cand, "总工会")) || names.Placeholder(cand) || utf8.RuneCountInString(cand) <= 4 {
			return ""
		}
	}
	// cand is a prefix of prefixS: map it back to the original script by
	// rune position.
	or := []rune(titleOrig)
	lead := 0
	for lead < len(or) && zhtext.IsSpace(or[lead]) {
		lead++
	}
	k := utf8.RuneCountInString(cand)
	if lead+k > len(or) {
		return cand
	}
	return string(or[lead : lead+k])
}

// reLeadPart is a compilation's part marker at the head of a title.
var reLeadPart = lazyre.New(`^\s*(第\s*[0-9一二三四五六七八九十]+\s*篇|篇\s*[0-9一二三四五六七八九十]+|范文\s*[0-9一二三四五六七八九十]+|【[^】]{1,8}】|\[[^\]]{1,8}\])[\s:：、.．]*`)

var reOrgInText = lazyre.New(`(?:^|为|在|是|推动|促进|使|将|把|，|,|。|\n)([\p{Han}0-9]{2,14}?(?:职业技术学校|职业学校|职业中学|中心小学|中心校|实验学校|小学|中学|幼儿园|学校|学院|大学|教育工会|总工会|公司|医院|卫生院|服务中心))(?:的|工会|校工会|园工会|工作在|工作以|工作紧紧|全体|教职工|各项|成为|建设|发展|在|将|要|以|紧紧|认真|坚持|围绕|始终|按照|根据|深入)`)

// orgFromText finds the org a plan is about, named in running text as in
// 为郭村第一中学的和谐发展: a specific, place-like name after 为/在/是…
// and before 的/工会/全体…, not inside a document title 《…》.
func orgFromText(simp []rune, orig []rune, limit int) string {
	s := string(simp)
	if len(simp) > limit {
		s = string(simp[:limit])
	}
	for _, m := range reOrgInText.FindAllStringSubmatchIndex(s, -1) {
		// after a comma the name may still open with a verb: ，为郭村第一中学
		for _, v := range []string{"为", "在", "是", "推动", "促进", "使", "将", "把"} {
			if strings.HasPrefix(s[m[2]:m[3]], v) {
				m[2] += len(v)
				break
			}
		}
		// 根据市总工会要求: a verb, then a higher body's name
		for _, v := range []string{"作为", "身为", "根据", "按照", "依据", "配合", "协助", "联合", "参加", "经过", "经", "由", "向", "对", "与", "按", "在"} {
			if strings.HasPrefix(s[m[2]:m[3]], v) {
				m[2] += len(v)
				break
			}
		}
		// 多年来松江市第四职业中学: a time phrase opening the sentence
		if loc := reLeadTime.FindStringIndex(s[m[2]:m[3]]); loc != nil {
			m[2] += loc[1]
		}
		name := s[m[2]:m[3]]
		if strings.ContainsAny(name, "的和与及、党") {
			continue // 在学校党总支和区教育工会的领导下: not one name
		}
		if strings.Count(s[:m[2]], "《") > strings.Count(s[:m[2]], "》") {
			continue // inside a title of a document
		}
		if !names.Specific(name) || !placeLike(name) && !subjectOfOpening(s, m[2], m[3]) {
			continue
		}
		start := utf8.RuneCountInString(s[:m[2]])
		end := start + utf8.RuneCountInString(name)
		if end <= len(orig) {
			return string(orig[start:end])
		}
		return name
	}
	return ""
}

// reGuideTitle ends the title of a guide to writing plans or summaries.
var reGuideTitle = lazyre.New(`(说明|写法|怎么写|如何写|写作技巧|写作要点|写作指导|格式|模板说明)$`)

// reLeadTime is a time phrase glued to the name a sentence opens with
// (多年来, 近年来, 一年来, 长期以来, 2021年).
var reLeadTime = lazyre.New(`^(多|近|几|近几|这几|[一二两三四五六七八九十]|\d+)年(来|以来)|^(长期|历年|一直)以来|^历年来|^((19|20)\d\d|[一二〇○零]{4})(学年度|学年|年度|年)(上半年|下半年|上学期|下学期|第[一二]学期)?`)

// reOpeningTime is a time phrase a plan's first sentence may open with
// (2021年，本学期，新的一年里，).
var reOpeningTime = lazyre.New(`^\s*((19|20)\d\d\s*(年度|年|学年)?|[一二三四五六七八九〇○零]{4}年|本学期|本学年|本年度|今年|新学期|新学年|新的一年里?|上半年|下半年)?\s*[，,]?\s*$`)

// subjectOfOpening reports a name that is the subject of the text's first
// sentence — nothing but a time phrase before it, its union after it
// (2021年，光明中学工会在…): the plan's own org even without a place word.
func subjectOfOpening(s string, a, b int) bool {
	return reOpeningTime.MatchString(s[:a]) && strings.HasPrefix(s[b:], "工会")
}

// placeLike names carry a place or an ordinal: 市 县 区 镇 乡 村 路 第N.
func placeLike(name string) bool {
	for _, w := range []string{"省", "市", "县", "区", "镇", "乡", "村", "路", "街", "州", "第", "实验", "附属", "附中", "附小", "师范", "外国语"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// orgType from an org name, or from title words when there is no org.
func orgTypeOf(org string, titleSimp string) corpus.OrgType {
	if org != "" {
		if _, typ, ok := names.OrgSuffix(org); ok && typ != corpus.OrgUnknown {
			return typ
		}
	}
	for _, w := range []struct {
		word string
		typ  corpus.OrgType
	}{
		{"幼儿园", corpus.OrgKindergarten}, {"职业", corpus.OrgVocational}, {"职校", corpus.OrgVocational},
		{"中专", corpus.OrgVocational}, {"技校", corpus.OrgVocational}, {"大学", corpus.OrgUniversity},
		{"学院", corpus.OrgUniversity}, {"高校", corpus.OrgUniversity}, {"小学", corpus.OrgPrimary},
		{"中心校", corpus.OrgPrimary}, {"中学", corpus.OrgMiddle}, {"初中", corpus.OrgMiddle}, {"高中", corpus.OrgMiddle},
		{"教育工会", corpus.OrgEducationUnion}, {"教育局", corpus.OrgEducationUnion}, {"教育系统", corpus.OrgEducationUnion},
		{"公司", corpus.OrgEnterprise}, {"企业", corpus.OrgEnterprise}, {"集团", corpus.OrgEnterprise},
		{"机关", corpus.OrgGovernment}, {"医院", corpus.OrgGovernment},
	} {
		if strings.Contains(org, w.word) || strings.Contains(titleSimp, w.word) {
			return w.typ
		}
	}
	return corpus.OrgUnknown
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
