package classify

import (
	"sort"
	"strconv"
	"strings"

	"plans/corpus"
)

// comparators before a figure, longest first.
type comparator struct {
	word   string
	op     string
	gap    bool // a verb may stand between the word and the figure (至少开展2次)
	needSf bool // needs 以上/以下 after the figure (在90%以上)
	pctOnl bool // only with percentages (为100%)
}

var comparators = []comparator{
	{"不低于", ">=", false, false, false}, {"不少于", ">=", true, false, false}, {"不小于", ">=", false, false, false},
	{"至少", ">=", true, false, false}, {"最少", ">=", true, false, false}, {"超过", ">=", false, false, false},
	{"高于", ">=", false, false, false}, {"多于", ">=", false, false, false}, {"大于", ">=", false, false, false},
	{"不超过", "<=", true, false, false}, {"不高于", "<=", false, false, false}, {"不多于", "<=", false, false, false},
	{"不大于", "<=", false, false, false}, {"低于", "<=", false, false, false}, {"少于", "<=", false, false, false},
	{"控制在", "<=", false, false, false},
	{"达到", "=", false, false, false}, {"保持在", "=", false, false, false}, {"提高到", "=", false, false, false},
	{"提升到", "=", false, false, false}, {"达", "=", false, false, false}, {"保持", "=", false, false, false},
	{"确保", "=", false, false, false}, {"力争", "=", false, false, false},
	{"在", "=", false, true, false}, {"为", "=", false, false, true},
}

// comparatorsLongestFirst lists the comparators longest first, so that
// 不超过 wins over 超过 (read-only after package initialisation).
var comparatorsLongestFirst = comparatorsByLength()

func comparatorsByLength() []comparator {
	out := make([]comparator, len(comparators))
	copy(out, comparators)
	sort.SliceStable(out, func(i, j int) bool { return len([]rune(out[i].word)) > len([]rune(out[j].word)) })
	return out
}

var targetUnits = []string{"个百分点", "人次", "课时", "小时", "万元", "%", "％", "次", "场", "人", "名", "个", "项", "篇", "元", "天", "期", "家", "所", "支", "节", "批", "份", "届", "本"}

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
	if isDigitRune(s[i]) {
		for j < len(s) && (isDigitRune(s[j]) || (s[j] == '.' || s[j] == '．') && j+1 < len(s) && isDigitRune(s[j+1])) {
			j++
		}
		var b strings.Builder
		for _, r := range s[i:j] {
			if d, ok := digitVal(r); ok {
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
	rest := string(s[j:minInt(len(s), j+4)])
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
	rest = string(s[j:minInt(len(s), j+2)])
	for _, sf := range []string{"以上", "以下", "以内", "左右"} {
		if strings.HasPrefix(rest, sf) {
			f.suffix = sf
			j += 2
			break
		}
	}
	f.end = j
	return f, true
}

// parseCNCount reads a small Chinese count: 一 两 三 十 十二 二十.
func parseCNCount(s []rune, i int) (int, int) {
	if s[i] == '两' {
		return 2, 1
	}
	return parseCN(s, i)
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
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
	sentence   span
}

// findTargets finds quantified commitments in [a, b) of the document.
// summary: only commitments stated as plans count, not figures achieved.
func findTargets(t *docText, a, b int, summary bool) []targetCand {
	s := t.s
	var out []targetCand
	for i := a; i < b; i++ {
		r := s[i]
		if !(isDigitRune(r) || r == '两' || r == '一' || r == '二' || r == '三' || r == '四' || r == '五' || r == '六' || r == '七' || r == '八' || r == '九' || r == '十') {
			continue
		}
		if i > a && (isDigitRune(s[i-1]) || s[i-1] == '.' || s[i-1] == '．') {
			continue
		}
		if !isDigitRune(r) && i > a {
			if _, ok := cnDigit(s[i-1]); ok || s[i-1] == '十' || s[i-1] == '第' {
				continue
			}
		}
		f, ok := readFigure(s[:b], i)
		if !ok {
			continue
		}
		// clause start
		cs := i
		for cs > a && !isClauseBreak(s[cs-1]) {
			cs--
		}
		// skip numbering at the clause start (2、校务公开…)
		if mk, ok := parseMarker(s, cs, i); ok && !weakStyle(mk.style) {
			cs = mk.end
		}
		for cs < i && isSpace(s[cs]) {
			cs++
		}
		before := string(s[cs:i])
		op, cmpAt, ok := findComparator(before, f)
		isRate := false
		if !ok {
			// 入会率100%: a rate right before a percentage
			tb := strings.TrimSpace(before)
			if f.unit == "%" && (strings.HasSuffix(tb, "率") || strings.HasSuffix(tb, "面")) {
				op, cmpAt, ok, isRate = "=", len(tb), true, true
			}
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
		// a modifier, not a commitment: 3000元以上的经费
		if f.end < b && (s[f.end] == '的' || s[f.end] == '之') {
			continue
		}
		metricPart := before[:cmpAt]
		if strings.HasSuffix(metricPart, "已") || strings.Contains(before[cmpAt:], "了") || strings.HasPrefix(string(s[f.end:minInt(b, f.end+1)]), "了") {
			continue // achieved: 已达到, 达到了
		}
		sent := sentenceAround(s, a, b, i)
		if summary && !planSentence(string(s[sent.start:sent.end])) {
			continue
		}
		metric := metricOf(metricPart, f)
		// the thing counted may follow the figure: 至少开展两次教工文体活动
		end := f.end
		if f.unit != "%" {
			k := f.end
			for k < b && k-f.end < 12 && isHan(s[k]) && s[k] != '的' {
				k++
			}
			if (k == b || isClauseBreak(s[k])) && k-f.end >= 2 && (metric == "" || isTimeWord(metric)) {
				metric = string(s[f.end:k])
				end = k
			}
		}
		if metric == "" && !isRate {
			continue
		}
		for end > cs && isSpace(s[end-1]) {
			end--
		}
		tg := corpus.Target{
			Text:   t.origText(cs, end),
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
func findComparator(before string, f figure) (string, int, bool) {
	tb := strings.TrimRight(before, " \u3000")
	for _, c := range comparatorsLongestFirst {
		if c.needSf && f.suffix == "" {
			continue
		}
		if c.pctOnl && f.unit != "%" {
			continue
		}
		if strings.HasSuffix(tb, c.word) {
			return c.op, len(tb) - len(c.word), true
		}
		if c.gap {
			// 至少开展2次 / 不少于组织3次: up to four runes of verb between
			if k := strings.LastIndex(tb, c.word); k >= 0 {
				gap := []rune(tb[k+len(c.word):])
				if len(gap) <= 4 && countHan(gap) == len(gap) {
					return c.op, k, true
				}
			}
		}
	}
	return "", 0, false
}

// metricOf names what a target measures: the rate word before the
// comparator (满意率, 参与面) or the thing counted (全年活动).
func metricOf(part string, f figure) string {
	rs := []rune(strings.TrimSpace(part))
	// drop verbs of commitment, time words and verbs of doing at the start
	str := string(rs)
	for changed := true; changed; {
		changed = false
		for _, p := range metricLeads {
			if strings.HasPrefix(str, p) && len(str) > len(p) {
				str = strings.TrimPrefix(str, p)
				changed = true
			}
		}
	}
	for _, p := range []string{"开展", "组织", "举办", "召开", "举行", "进行", "公开", "慰问"} {
		if strings.HasSuffix(str, p) && len(str) > len(p) {
			str = strings.TrimSuffix(str, p)
			break
		}
	}
	rs = []rune(str)
	for k := len(rs) - 1; k >= 0; k-- {
		switch rs[k] {
		case '率', '面', '度':
			if k == len(rs)-1 {
				st := k - 2
				if st < 0 {
					st = 0
				}
				return string(rs[st : k+1])
			}
		}
	}
	for _, w := range []string{"比例", "覆盖率"} {
		if strings.HasSuffix(str, w) {
			return w
		}
	}
	if f.unit == "%" {
		if len(rs) == 0 {
			return ""
		}
	}
	if len(rs) > 8 {
		rs = rs[len(rs)-8:]
	}
	out := strings.Trim(string(rs), " \u3000“”\"")
	if countHan([]rune(out)) == 0 {
		return ""
	}
	return out
}

var metricLeads = []string{"力促", "力争", "确保", "争取", "保证", "做到", "使", "要", "将", "并", "全面", "努力", "进一步", "全年", "每年", "每学期", "本学期", "每月", "每季度", "全学年", "开展", "组织", "举办", "召开", "举行"}

// isTimeWord reports a metric that is only a time span (每学期).
func isTimeWord(m string) bool {
	for _, w := range []string{"全年", "每年", "每学期", "本学期", "每月", "每季度", "全学年", "每周", "年", "学期"} {
		if m == w {
			return true
		}
	}
	return false
}

// sentenceAround is the sentence holding position i within [a, b).
func sentenceAround(s []rune, a, b, i int) span {
	st := i
	for st > a && !isSentenceEnd(s[st-1]) && s[st-1] != '\n' {
		st--
	}
	e := i
	for e < b && !isSentenceEnd(s[e]) && s[e] != '\n' {
		e++
	}
	return span{st, e}
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
