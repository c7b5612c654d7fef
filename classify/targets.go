package classify

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/classify/outline"
	"plans/corpus"
	"plans/internal/zhtext"
)

// comparators before a figure, longest first.
type comparator struct {
	word   string
	op     string
	gap    bool // a verb may stand between the word and the figure (至少开展2次)
	needSf bool // needs 以上/以下 after the figure (在90%以上)
	pctOnl bool // only with percentages (为100%)
	change bool // a change, not a level (提升15%): the metric names it
}

var comparators = []comparator{
	{"不低于", ">=", false, false, false, false}, {"不少于", ">=", true, false, false, false}, {"不小于", ">=", false, false, false, false},
	{"至少", ">=", true, false, false, false}, {"最少", ">=", true, false, false, false}, {"超过", ">=", false, false, false, false},
	{"高于", ">=", false, false, false, false}, {"多于", ">=", false, false, false, false}, {"大于", ">=", false, false, false, false},
	{"不超过", "<=", true, false, false, false}, {"不高于", "<=", false, false, false, false}, {"不多于", "<=", false, false, false, false},
	{"不大于", "<=", false, false, false, false}, {"低于", "<=", false, false, false, false}, {"少于", "<=", false, false, false, false},
	{"控制在", "<=", false, false, false, false},
	{"达到", "=", false, false, false, false}, {"保持在", "=", false, false, false, false}, {"提高到", "=", false, false, false, false},
	{"提升到", "=", false, false, false, false}, {"达", "=", false, false, false, false}, {"保持", "=", false, false, false, false},
	{"确保", "=", false, false, false, false}, {"力争", "=", false, false, false, false},
	{"在", "=", false, true, false, false}, {"为", "=", false, false, true, false},
	{"≥", ">=", false, false, false, false}, {"≤", "<=", false, false, false, false}, {">=", ">=", false, false, false, false},
	{"<=", "<=", false, false, false, false}, {"＞", ">=", false, false, false, false}, {"＜", "<=", false, false, false, false},
	{">", ">=", false, false, false, false}, {"<", "<=", false, false, false, false},
	{"增长", "=", false, false, true, true}, {"增加", "=", false, false, true, true}, {"提升", "=", false, false, true, true},
	{"提高", "=", false, false, true, true}, {"下降", "=", false, false, true, true}, {"降低", "=", false, false, true, true},
	{"减少", "=", false, false, true, true},
}

// countVerbsAhead are verbs of doing that make a bare count a commitment
// in a plan: 评选区级师德标兵10名, 新建工会组织12家.
var countVerbsAhead = []string{"评选", "新建", "新增", "发展", "选树", "征集", "创建", "创评", "争创", "培养", "表彰",
	"建成", "打造", "签订", "推荐", "培训", "慰问", "帮扶", "资助", "举办", "开展", "组织", "召开", "举行", "建立",
	"评出", "吸纳", "走访", "命名", "树立", "选拔", "救助", "申报", "建设", "结对", "吸收", "举办", "完成"}

// comparatorsLongestFirst lists the comparators longest first, so that
// 不超过 wins over 超过 (read-only after package initialisation).
var comparatorsLongestFirst = comparatorsByLength()

func comparatorsByLength() []comparator {
	out := make([]comparator, len(comparators))
	copy(out, comparators)
	sort.SliceStable(out, func(i, j int) bool { return len([]rune(out[i].word)) > len([]rune(out[j].word)) })
	return out
}

var targetUnits = []string{"个百分点", "人次", "课时", "小时", "万元", "%", "％", "次", "场", "人", "名", "个", "项", "篇", "元", "天", "期", "家", "所", "支", "节", "批", "份", "届", "本", "条", "对", "户", "册", "起"}

// figure is a number with its unit found in a text.
type figure struct {
	start, end int // runes of the number and unit (and 以上/以下)
	value      float64
	unit       string
	suffix     string
}

// readFigure reads a number and a unit at s[i:].
func readFigure(s []rune, i int) (figure, bool) {
	f := figure{start: i}
	j := i
	if zhtext.IsArabicDigit(s[i]) {
		for j < len(s) && (zhtext.IsArabicDigit(s[j]) || (s[j] == '.' || s[j] == '．') && j+1 < len(s) && zhtext.IsArabicDigit(s[j+1])) {
			j++
		}
		var b strings.Builder
		for _, r := range s[i:j] {
			if d, ok := zhtext.ArabicDigit(r); ok {
				b.WriteByte(byte('0' + d))
			} else {
				b.WriteByte('.')
			}
		}
		v, err := strconv.ParseFloat(b.String(), 64)
		if err != nil {
			return f, false
		}
		f.value = v
	} else {
		v, n := parseCNCount(s, i)
		if n == 0 {
			return f, false
		}
		f.value, j = float64(v), i+n
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	approx := false // 300余人次, 20多个: at least the figure
	if j < len(s) && (s[j] == '余' || s[j] == '多') {
		approx = true
		j++
	}
	rest := string(s[j:min(len(s), j+4)])
	for _, u := range targetUnits {
		if strings.HasPrefix(rest, u) {
			f.unit = u
			if u == "％" {
				f.unit = "%"
			}
			j += len([]rune(u))
			break
		}
	}
	if f.unit == "" {
		return f, false
	}
	rest = string(s[j:min(len(s), j+2)])
	for _, sf := range []string{"以上", "以下", "以内", "左右"} {
		if strings.HasPrefix(rest, sf) {
			f.suffix = sf
			j += 2
			break
		}
	}
	if approx && f.suffix == "" {
		f.suffix = "以上"
	}
	f.end = j
	return f, true
}

// parseCNCount reads a small Chinese count: 一 两 三 十 十二 二十.
func parseCNCount(s []rune, i int) (int, int) {
	if s[i] == '两' {
		return 2, 1
	}
	return outline.ParseCN(s, i)
}

func isClauseBreak(r rune) bool {
	switch r {
	case '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '\n', '\t':
		return true
	}
	return false
}

// targetCand is a target found in the text (rune offsets into the document).
type targetCand struct {
	target     corpus.Target
	start, end int
	sentence   outline.Span
}

// findTargets finds quantified commitments in [a, b) of the document.
// summary: only commitments stated as plans count, not figures achieved.
func findTargets(t *outline.Text, a, b int, summary bool) []targetCand {
	s := t.Runes
	var out []targetCand
	for i := a; i < b; i++ {
		r := s[i]
		if !(zhtext.IsArabicDigit(r) || r == '两' || r == '一' || r == '二' || r == '三' || r == '四' || r == '五' || r == '六' || r == '七' || r == '八' || r == '九' || r == '十') {
			continue
		}
		if i > a && (zhtext.IsArabicDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == '．') {
			continue
		}
		if !zhtext.IsArabicDigit(r) && i > a {
			if _, ok := zhtext.HanDigit(s[i-1]); ok || s[i-1] == '十' || s[i-1] == '第' {
				continue
			}
		}
		f, ok := readFigure(s[:b], i)
		if !ok {
			continue
		}
		cs := clauseStart(s, a, i)
		before := string(s[cs:i])
		op, cmpAt, change, ok := findComparator(before, f)
		isRate := false
		if !ok {
			// 入会率100%: a rate right before a percentage
			tb := strings.TrimSpace(before)
			if f.unit == "%" && (strings.HasSuffix(tb, "率") || strings.HasSuffix(tb, "面")) {
				op, cmpAt, ok, isRate = "=", len(tb), true, true
			}
		}
		thingAfter := false // 每年召开一次职工代表大会: the thing follows the count
		if !ok && !summary && f.unit != "%" && bareCount(s, before, f, b) {
			// 评选区级师德标兵10名: a count of things to do
			op, cmpAt, ok = "=", len(before), true
			thingAfter = f.end < b && !isClauseBreak(s[f.end])
		}
		if !ok {
			continue
		}
		switch f.suffix {
		case "以上":
			op = ">="
		case "以下", "以内":
			op = "<="
		}
		// a modifier, not a commitment: 3000元以上的经费 — unless a
		// commitment word stands right before (确保100%的教职工参加体检)
		if f.end < b && (s[f.end] == '的' || s[f.end] == '之') && !hasAnySuffixWord(strings.TrimSpace(before), []string{"确保", "力争", "保证", "争取"}) {
			continue
		}
		metricPart := before[:cmpAt]
		if strings.HasSuffix(metricPart, "已") || strings.Contains(before[cmpAt:], "了") || strings.HasPrefix(string(s[f.end:min(b, f.end+1)]), "了") {
			continue // achieved: 已达到, 达到了
		}
		sent := sentenceAround(s, a, b, i)
		if summary && !planSentence(string(s[sent.Start:sent.End])) {
			continue
		}
		// 一个新的水平, 一个台阶: an article, not a count
		if !zhtext.IsArabicDigit(r) && f.value == 1 && f.unit == "个" && f.end < b && !isClauseBreak(s[f.end]) {
			continue
		}
		metric := metricOf(metricPart, f)
		if change != "" && metric != "" {
			metric += change // 投诉率下降 30%
		}
		// the thing counted may follow the figure: 至少开展两次教工文体活动
		end := f.end
		fallback := metric
		if thingAfter {
			metric = ""
		}
		if f.unit == "%" && metric == "" && f.end < b && s[f.end] == '的' {
			// 确保100%的教职工参加健康体检: the share of whom doing what
			k := f.end + 1
			for k < b && k-f.end <= 16 && zhtext.IsHan(s[k]) {
				k++
			}
			if (k == b || isClauseBreak(s[k])) && k-f.end >= 3 {
				metric = metricOf(string(s[f.end+1:k]), figure{})
				end = k
			}
		}
		if f.unit != "%" && metric == "" {
			k := f.end
			for k < b && k-f.end < 12 && zhtext.IsHan(s[k]) && s[k] != '的' {
				k++
			}
			if (k == b || isClauseBreak(s[k])) && k-f.end >= 2 {
				metric = metricOf(string(s[f.end:k]), figure{})
				end = k
			}
			if metric == "" && thingAfter {
				metric = fallback // 每月公开一次 → 公开次数
			}
		}
		// the subject may stand in the clause before, in the same sentence:
		// 组织优秀职工疗休养，全年不少于30人次
		if metric == "" && !isRate && cs > a && (s[cs-1] == '，' || s[cs-1] == ',') {
			ps := cs - 1
			for ps > a && !isClauseBreak(s[ps-1]) {
				ps--
			}
			ps = skipClauseLead(s, ps, cs-1)
			prev := string(s[ps : cs-1])
			m := metricOf(prev, f)
			if f.unit == "次" {
				// 在公开栏公示，每学期不少于3次 → 公示次数
				for _, v := range countVerbs {
					if strings.HasSuffix(prev, v) {
						m = v + "次数"
						break
					}
				}
			}
			if m != "" && cs-1-ps <= 30 {
				metric = m
				cs = ps
			}
		}
		if metric == "" && !isRate {
			continue
		}
		for end > cs && zhtext.IsSpace(s[end-1]) {
			end--
		}
		tg := corpus.Target{
			Text:   t.Orig(cs, end),
			Metric: metric,
			Value:  f.value,
			Unit:   f.unit,
			Op:     op,
		}
		out = append(out, targetCand{target: tg, start: cs, end: end, sentence: sent})
		i = f.end - 1
	}
	return out
}

// findComparator finds the comparator closest before a figure in the
// clause text before it. It returns the op and the byte offset where the
// comparator starts.
// A change comparator (提升15%) is returned as its word, to name the
// metric with.
func findComparator(before string, f figure) (string, int, string, bool) {
	tb := strings.TrimRight(before, " \u3000")
	for _, c := range comparatorsLongestFirst {
		if c.needSf && f.suffix == "" {
			continue
		}
		if c.pctOnl && f.unit != "%" {
			continue
		}
		change := ""
		if c.change {
			change = c.word
		}
		if strings.HasSuffix(tb, c.word) {
			return c.op, len(tb) - len(c.word), change, true
		}
		if c.gap {
			// 至少开展2次 / 不少于组织3次: up to four runes of verb between
			if k := strings.LastIndex(tb, c.word); k >= 0 {
				gap := []rune(tb[k+len(c.word):])
				if len(gap) <= 4 && zhtext.CountHan(gap) == len(gap) {
					return c.op, k, change, true
				}
			}
		}
	}
	return "", 0, "", false
}

// bareCount reports a count with no comparator that a plan commits to: a
// verb of doing earlier in the clause, and the figure ending the clause
// (评选区级师德标兵10名, 新建工会组织12家). A count of what there is
// (现有教职工120人) has no such verb.
func bareCount(s []rune, before string, f figure, b int) bool {
	if f.value <= 0 || strings.Contains(before, "了") || strings.Contains(before, "已") {
		return false
	}
	if f.unit == "次" && strings.Contains(before, "每") && hasCountVerbEnd(before) {
		return true // 每学期召开一次教代会: how often, then what
	}
	endsClause := f.end == b || isClauseBreak(s[f.end])
	if endsClause && hasAnyWord(before, []string{"全年", "每年", "每学年", "每学期", "每季度", "每月", "年内"}) {
		return true // 全年技能测试4次: how many in a period
	}
	verb := strings.Contains(before, "力争") || strings.Contains(before, "争取") || strings.Contains(before, "确保")
	for _, v := range countVerbsAhead {
		if strings.Contains(before, v) {
			verb = true
			break
		}
	}
	if !verb {
		return false
	}
	if !zhtext.IsArabicDigit(s[f.start]) && f.value < 2 && f.unit != "次" {
		return false // 一支队伍, 一个台阶: an article
	}
	if f.suffix == "以上" && f.end < b && zhtext.IsHan(s[f.end]) {
		return true // 开展两次以上文体活动: at least so many of what follows
	}
	return f.end == b || isClauseBreak(s[f.end])
}

func hasAnySuffixWord(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// hasCountVerbEnd reports a clause that ends with a verb of doing (召开,
// 组织…), right before its count.
func hasCountVerbEnd(before string) bool {
	for _, v := range countVerbs {
		if strings.HasSuffix(before, v) {
			return true
		}
	}
	return false
}

// metricOf names what a target measures: the rate word before the
// comparator (满意率, 参与面) or the thing counted (文体活动, 业务培训),
// without commitment verbs, time words and the people it concerns. It
// returns "" when the text names nothing measurable (每学期, 每位会员).
func metricOf(part string, f figure) string {
	str := strings.TrimSpace(part)
	trimLeads := func() {
		for changed := true; changed; {
			changed = false
			// a year: 2024年新结对师徒 → 新结对师徒
			if m := reLeadYear.FindStringIndex(str); m != nil && m[1] > 0 && m[1] < len(str) && strings.Contains(str[:m[1]], "年") {
				str = str[m[1]:]
				changed = true
			}
			for _, p := range metricLeads {
				if strings.HasPrefix(str, p) && len(str) > len(p) {
					str = strings.TrimPrefix(str, p)
					changed = true
				}
			}
		}
	}
	trimTails := func() {
		for changed := true; changed; {
			changed = false
			for _, p := range metricTails {
				if strings.HasSuffix(str, p) && len(str) > len(p) {
					str = strings.TrimSuffix(str, p)
					changed = true
				}
			}
		}
	}
	trimLeads()
	trimTails()
	if isTimeWord(str) || distributive(str) {
		return ""
	}
	rs := []rune(str)
	if k := len(rs) - 1; k >= 0 && (rs[k] == '率' || rs[k] == '面' || rs[k] == '度') {
		st := k - 2
		if st < 0 {
			st = 0
		}
		return strings.TrimLeft(string(rs[st:k+1]), "、，,的“”\"")
	}
	for _, w := range []string{"比例"} {
		if strings.HasSuffix(str, w) {
			return w
		}
	}
	if f.unit == "%" && len(rs) == 0 {
		return ""
	}
	// the last item of a list or phrase: 保育员、后勤人员业务培训 → 后勤人员业务培训
	if k := lastIndexAny(rs, "、，,”“\"：:（）()"); k >= 0 && len(rs)-k-1 >= 2 {
		rs = rs[k+1:]
	}
	str = string(rs)
	trimLeads()
	trimTails()
	// a time word inside: 工会委员全年参加上级工会培训 → 上级工会培训
	for _, w := range []string{"每学年", "每学期", "本学期", "每年", "全年", "年内", "每月", "每季度", "每周"} {
		if k := strings.LastIndex(str, w); k > 0 && utf8.RuneCountInString(str[k+len(w):]) >= 2 {
			str = str[k+len(w):]
			trimLeads()
			break
		}
	}
	// the people concerned are not the thing counted: 后勤人员业务培训 →
	// 业务培训, 教职工文体活动 → 文体活动 (参赛青年教师 stays)
	for _, p := range peopleWords {
		if k := strings.LastIndex(str, p); k >= 0 {
			if rest := str[k+len(p):]; utf8.RuneCountInString(rest) >= 3 {
				str = rest
			}
			break
		}
	}
	rs = []rune(strings.Trim(str, " \u3000“”\"、"))
	if len(rs) > 12 {
		rs = rs[len(rs)-12:]
	}
	out := string(rs)
	if zhtext.CountHan(rs) < 2 || isTimeWord(out) {
		return ""
	}
	// a bare verb: 每学期公开不少于3次 → 公开次数
	for _, v := range countVerbs {
		if out == v && f.unit == "次" {
			return out + "次数"
		}
	}
	return out
}

// metricLeads are dropped from the start of a metric: commitment verbs,
// time words, verbs of doing.
var metricLeads = []string{"力促", "力争", "确保", "争取", "保证", "做到", "使", "要", "将", "并", "全面", "努力", "进一步", "全年", "每年", "每学年", "每学期", "本学期", "本年度", "年内", "每月", "每季度", "每周", "全学年", "开展", "组织", "举办", "召开", "举行", "参加", "完成", "各类", "各项", "累计", "共", "评选", "新建", "新增", "选树", "创建", "走访"}

// metricTails are dropped from the end of a metric: verbs before the
// comparator and time words (教代会每学年召开 → 教代会).
var metricTails = []string{"开展", "组织", "举办", "召开", "举行", "进行", "参加", "完成", "每学年", "每学期", "本学期", "每年", "全年", "年内", "每月", "每季度", "每周", "全学年", "均", "都", "要", "应"}

// countVerbs are metrics that only name an action; with the unit 次 they
// read as a number of times (公开次数).
var countVerbs = []string{"公开", "公示", "召开", "开展", "组织", "举办", "举行", "慰问", "走访", "检查", "更新", "评议", "测评"}

// peopleWords name the people a target concerns.
var peopleWords = []string{"教职工", "教职员工", "职工", "教工", "教师", "老师", "会员", "员工", "人员"}

// distributive subjects (每位会员, 每人, 每名教师) say who, not what.
func distributive(s string) bool {
	if !strings.HasPrefix(s, "每") {
		return false
	}
	rest := strings.TrimPrefix(s, "每")
	for _, q := range []string{"位", "名", "个", "人"} {
		rest = strings.TrimPrefix(rest, q)
	}
	if rest == "" {
		return true
	}
	for _, p := range peopleWords {
		if rest == p {
			return true
		}
	}
	return false
}

func lastIndexAny(rs []rune, set string) int {
	for k := len(rs) - 1; k >= 0; k-- {
		if strings.ContainsRune(set, rs[k]) {
			return k
		}
	}
	return -1
}

// clauseStart returns where the clause holding the figure at i starts (not
// before a), after the spaces, bullets and numbering that open it
// (　　2、校务公开… / - 职代会…).
func clauseStart(s []rune, a, i int) int {
	cs := i
	for cs > a && !isClauseBreak(s[cs-1]) {
		cs--
	}
	return skipClauseLead(s, cs, i)
}

// skipClauseLead skips spaces, bullets and a numbering token at the start
// of a clause [i, end).
func skipClauseLead(s []rune, i, end int) int {
	for i < end && (zhtext.IsSpace(s[i]) || outline.IsBullet(s[i]) || s[i] == '#') {
		i++
	}
	if mk, ok := outline.ParseMarker(s, i, end); ok && mk.Style != outline.StyleArSpace {
		i = mk.End
	}
	for i < end && zhtext.IsSpace(s[i]) {
		i++
	}
	return i
}

// isTimeWord reports a metric that is only a time span (每学期).
func isTimeWord(m string) bool {
	for _, w := range []string{"全年", "每年", "每学年", "每学期", "本学期", "本年度", "年内", "每月", "每季度", "全学年", "每周", "年", "学期", "学年", ""} {
		if m == w {
			return true
		}
	}
	return false
}

// sentenceAround is the sentence holding position i within [a, b).
func sentenceAround(s []rune, a, b, i int) outline.Span {
	st := i
	for st > a && !zhtext.IsSentenceEnd(s[st-1]) && s[st-1] != '\n' {
		st--
	}
	e := i
	for e < b && !zhtext.IsSentenceEnd(s[e]) && s[e] != '\n' {
		e++
	}
	return outline.Span{Start: st, End: e}
}

// planSentence reports a sentence that commits to something ahead.
func planSentence(s string) bool {
	for _, w := range []string{"力争", "争取", "确保", "力促", "保证", "将", "要", "计划", "目标", "拟", "明年", "下学期", "今后"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
