package draft

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// A roller carries text from a plan of year From into a plan of year To:
// the plan year is rolled forward, every other time-bound reference is
// kept as written and marked 【待更新：reason】. Detection runs on the
// simplified view (rune-aligned with the original), edits on the original.
type roller struct {
	From int // the source plan's year; 0: unknown, nothing is rolled
	To   int // the new plan's year
}

// span is a time-bound reference found in a text, in runes.
type span struct {
	start, end int
	kind       string
	repl       string // the rolled text (FlagRolled only)
	reason     string
}

const (
	yearDigits  = `(?:19|20)[0-9]{2}`
	yearChinese = `[〇○零一二][〇○零一二三四五六七八九]{3}`
	yearAny     = `(?:` + yearDigits + `|` + yearChinese + `)`
	cnNum       = `[一二三四五六七八九十百零〇○两]`
)

var (
	yearRangeRE = lazyre.New(`(` + yearAny + `)\s*年?\s*(?:[-—–~～至到]|——){1,2}\s*(` + yearAny + `)\s*(学年度|学年|年度|年)?(第[一二]学期|[上下]学期)?`)
	yearRE      = lazyre.New(`(` + yearAny + `)\s*年(度)?`)
	monthAfter  = lazyre.New(`^\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月`)
	termRE      = lazyre.New(`本学年度|本学期|本学年|上学期|下学期|上半学期|下半学期`)
	relativeRE  = lazyre.New(`去年|上一年度|上年度|过去的一年|前一年`)
	fypRE       = lazyre.New(`十([一二三四五六七八九])五`)
	fypBefore   = lazyre.New(`(^|[^第零〇○一二三四五六七八九十百千0-9])十[一二三四五六七八九]五$`)
	congressRE  = lazyre.New(`(二十[一二三四五六七八九1-9]?|十[一二三四五六七八九1-9])(大|届` + cnNum + `中全会)`)
	annivRE     = lazyre.New(`(建党|中国共产党成立|建国|新中国成立|中华人民共和国成立|改革开放|建团|共青团成立)?\s*([0-9]{1,3}|` + cnNum + `{1,4})\s*周年`)
	ordinalRE   = lazyre.New(`第(?:[0-9]{1,3}|` + cnNum + `{1,4})届(?:(?:[0-9]{1,2}|` + cnNum + `{1,3})次)?|(?:[0-9]{1,2}|` + cnNum + `{1,3})届(?:[0-9]{1,2}|` + cnNum + `{1,3})次`)
	bracketRE   = lazyre.New(`【[^【】]*】`)
)

// campaigns are dated campaigns and slogans with the years they ran.
var campaigns = []struct {
	key      string // a literal every match contains (a cheap pre-check)
	re       *regexp.Regexp
	from, to int
}{
	{"先进性教育", regexp.MustCompile(`保持共产党员先进性教育|先进性教育活动`), 2005, 2006},
	{"学习实践科学发展观", regexp.MustCompile(`学习实践科学发展观`), 2008, 2010},
	{"奥运", regexp.MustCompile(`北京奥运|迎奥运`), 2008, 2008},
	{"世博", regexp.MustCompile(`上海世博|迎世博|世博会`), 2010, 2010},
	{"创先争优", regexp.MustCompile(`创先争优`), 2010, 2012},
	{"群众路线教育", regexp.MustCompile(`群众路线教育实践活动|群众路线教育`), 2013, 2014},
	{"三严三实", regexp.MustCompile(`三严三实`), 2015, 2016},
	{"两学一做", regexp.MustCompile(`两学一做`), 2016, 2018},
	{"主题教育", regexp.MustCompile(`不忘初心[、，,]?牢记使命[”"’]?主题教育`), 2019, 2020},
	{"党史学习教育", regexp.MustCompile(`党史学习教育`), 2021, 2022},
	{"主题教育", regexp.MustCompile(`习近平新时代中国特色社会主义思想主题教育`), 2023, 2024},
}

// matches runs re on s only when s contains one of the runes of need, a
// cheap pre-check that spares most short texts the regular expression.
func matches(re *lazyre.Regexp, s, need string) [][]int {
	if !strings.ContainsAny(s, need) {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// congressYears are the years of the national party congresses 十二大 to
// 二十一大 (the 21st as scheduled).
var congressYears = map[int]int{12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017, 20: 2022, 21: 2027}

// anniversaryBase maps an anniversary's subject to the year it counts from.
var anniversaryBase = map[string]int{
	"建党": 1921, "中国共产党成立": 1921, "建国": 1949, "新中国成立": 1949,
	"中华人民共和国成立": 1949, "改革开放": 1978, "建团": 1922, "共青团成立": 1922,
}

// apply returns orig with the plan year rolled and every other time-bound
// reference followed by a 【待更新：…】 marker, and the flags (Where and
// Citation left for the caller). simp is the simplified view of orig; if
// it does not have as many runes, orig is analysed as written.
func (r roller) apply(orig, simp string) (string, []Flag) {
	if utf8.RuneCountInString(simp) != utf8.RuneCountInString(orig) {
		simp = orig
	}
	spans := r.find(simp)
	if len(spans) == 0 {
		return orig, nil
	}
	rs := []rune(orig)
	var b strings.Builder
	b.Grow(len(orig) + 64*len(spans))
	flags := make([]Flag, 0, len(spans))
	at := 0
	for _, s := range spans {
		b.WriteString(string(rs[at:s.start]))
		text := string(rs[s.start:s.end])
		f := Flag{Kind: s.kind, Text: text, Reason: s.reason}
		if s.kind == FlagRolled {
			b.WriteString(s.repl)
			f.Replacement = s.repl
		} else {
			b.WriteString(text)
			b.WriteString(ToUpdatePrefix + s.reason + "】")
		}
		flags = append(flags, f)
		at = s.end
	}
	b.WriteString(string(rs[at:]))
	return b.String(), flags
}

// find returns the non-overlapping time-bound references of s in order.
func (r roller) find(s string) []span {
	f := &staleFinder{s: s, r: r, idx: runeIndex(s), blocked: bracketRE.FindAllStringIndex(s, -1)}
	f.yearRanges()
	f.years()
	f.fiveYearPlans()
	f.congresses()
	f.campaigns()
	f.anniversaries()
	f.termsAndRelatives()
	sort.Slice(f.accepted, func(i, j int) bool { return f.accepted[i].start < f.accepted[j].start })
	return f.accepted
}

// staleFinder collects the spans of one text; the kinds of reference are
// looked for in turn, earlier kinds winning overlaps.
type staleFinder struct {
	s        string
	r        roller
	idx      func(int) int // byte offset → rune offset
	blocked  [][]int       // byte ranges no span may overlap
	accepted []span
}

// add accepts sp at s[bs:be] unless it overlaps a blocked range or an
// accepted span.
func (f *staleFinder) add(bs, be int, sp span) {
	sp.start, sp.end = f.idx(bs), f.idx(be)
	for _, bl := range f.blocked {
		if bs < bl[1] && be > bl[0] {
			return
		}
	}
	// Already marked (the text went through a roller before): it keeps
	// its span, so nothing inside it is flagged again.
	if strings.HasPrefix(f.s[be:], ToUpdatePrefix) {
		f.blocked = append(f.blocked, []int{bs, be})
		return
	}
	for _, a := range f.accepted {
		if sp.start < a.end && sp.end > a.start {
			return
		}
	}
	f.accepted = append(f.accepted, sp)
}

// yearRanges flags year ranges (2023—2024学年): a past period or an old school year is flagged, a current one shields the years inside it.
func (f *staleFinder) yearRanges() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(yearRangeRE, s, "-—–~～至到") {
		y1, ok1 := zhtext.ParseYear(s[m[2]:m[3]])
		y2, ok2 := zhtext.ParseYear(s[m[4]:m[5]])
		if !ok1 || !ok2 || y2 < y1 || y2-y1 > 10 {
			continue
		}
		text := s[m[0]:m[1]]
		if strings.Contains(text, "学年") || strings.Contains(text, "学期") {
			add(m[0], m[1], span{kind: FlagSchoolYear, reason: "学年度沿用往年，请更新"})
		} else if y2 < r.To {
			add(m[0], m[1], span{kind: FlagPastYear, reason: "时段已过，请核实是否仍适用"})
		} else {
			// A current or future period: block the years inside it.
			f.blocked = append(f.blocked, []int{m[0], m[1]})
		}
	}
}

// years flags single years (2023年): the base year rolls to the plan year unless a date follows; other years are flagged.
func (f *staleFinder) years() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(yearRE, s, "年") {
		y, ok := zhtext.ParseYear(s[m[2]:m[3]])
		if !ok || (m[0] > 0 && s[m[0]-1] >= '0' && s[m[0]-1] <= '9') {
			continue
		}
		dated := monthAfter.MatchString(s[m[1]:])
		switch {
		case r.From != 0 && y == r.From && dated:
			add(m[0], m[1], span{kind: FlagDate, reason: fmt.Sprintf("沿用%d年的日期，请核实", r.From)})
		case r.From != 0 && y == r.From && r.To != r.From:
			repl := formatYearLike(s[m[2]:m[3]], r.To) + s[m[3]:m[1]]
			add(m[0], m[1], span{kind: FlagRolled, repl: repl,
				reason: fmt.Sprintf("计划年份由%d年顺延为%d年", r.From, r.To)})
		case r.From != 0 && y > r.From && y <= r.To:
			add(m[0], m[1], span{kind: FlagPastYear, reason: fmt.Sprintf("原文写于%d年，此处年份所指需核实", r.From)})
		case y < r.To:
			add(m[0], m[1], span{kind: FlagPastYear, reason: fmt.Sprintf("%d年为往年，请核实是否仍适用", y)})
		case r.From == 0 && y > r.To:
			add(m[0], m[1], span{kind: FlagOtherYear, reason: fmt.Sprintf("原文年份（%d年）晚于计划年份，请核实", y)})
		}
	}
}

// fiveYearPlans flags five-year plans (十四五) that are over or not yet begun.
func (f *staleFinder) fiveYearPlans() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(fypRE, s, "五") {
		if !fypContext(s, m[0], m[1]) {
			continue
		}
		d, _ := zhtext.Digit([]rune(s[m[2]:m[3]])[0])
		n := 10 + d
		start := 1966 + 5*(n-3)
		end := start + 4
		name := s[m[0]:m[1]]
		cur := curFYP(r.To)
		switch {
		case r.To > end:
			add(m[0], m[1], span{kind: FlagFiveYearPlan,
				reason: fmt.Sprintf("“%s”（%d—%d年）已结束，%d年属“%s”时期", name, start, end, r.To, cur)})
		case r.To < start:
			add(m[0], m[1], span{kind: FlagFiveYearPlan,
				reason: fmt.Sprintf("“%s”（%d—%d年）尚未开始", name, start, end)})
		}
	}
}

// congresses flags party congresses (十九大) that are no longer the latest or not yet held.
func (f *staleFinder) congresses() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(congressRE, s, "大届") {
		n, ok := zhtext.ParseNumber(s[m[2]:m[3]])
		held, known := congressYears[n]
		if !ok || !known {
			continue
		}
		if s[m[4]:m[5]] == "大" && !congressContext(s, m[0], m[1]) {
			continue
		}
		// 中国工会十七大, 共青团十八大, 妇女十二大: not party congresses.
		if before := s[max(0, m[0]-9):m[0]]; strings.HasSuffix(before, "工会") || strings.HasSuffix(before, "团") ||
			strings.HasSuffix(before, "妇女") || strings.HasSuffix(before, "妇") || strings.HasSuffix(before, "青") {
			continue
		}
		cur, curYear := currentCongress(r.To)
		name := "党的" + s[m[2]:m[3]] + "大"
		before := s[max(0, m[0]-12):m[0]]
		switch {
		case held > r.To:
			add(m[0], m[1], span{kind: FlagCongress,
				reason: fmt.Sprintf("%s于%d年召开，晚于计划年份，请核实", name, held)})
		case n < cur:
			add(m[0], m[1], span{kind: FlagCongress,
				reason: fmt.Sprintf("此后已召开党的%s大（%d年），请更新提法", zhtext.Number(cur), curYear)})
		case held < r.To && strings.Contains(before, "迎"):
			add(m[0], m[1], span{kind: FlagCongress,
				reason: fmt.Sprintf("%s已于%d年召开，请更新提法", name, held)})
		case n == cur && congressYears[n+1] == r.To:
			add(m[0], m[1], span{kind: FlagCongress,
				reason: fmt.Sprintf("%d年将召开党的%s大，请核实提法", r.To, zhtext.Number(n+1))})
		}
	}
}

// campaigns flags campaign slogans bound to their years.
func (f *staleFinder) campaigns() {
	s, r, add := f.s, f.r, f.add
	for _, c := range campaigns {
		if !strings.Contains(s, c.key) {
			continue
		}
		for _, m := range c.re.FindAllStringIndex(s, -1) {
			if r.To >= c.from && r.To <= c.to {
				continue
			}
			period := fmt.Sprintf("%d—%d年", c.from, c.to)
			if c.from == c.to {
				period = fmt.Sprintf("%d年", c.from)
			}
			add(m[0], m[1], span{kind: FlagCampaign,
				reason: fmt.Sprintf("“%s”为%s的专题提法，请核实是否仍适用", s[m[0]:m[1]], period)})
		}
	}
}

// anniversaries flags anniversaries (建党100周年) whose count does not fit the plan year.
func (f *staleFinder) anniversaries() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(annivRE, s, "周") {
		n, ok := zhtext.ParseNumber(s[m[4]:m[5]])
		if !ok || n == 0 {
			continue
		}
		subject := ""
		if m[2] >= 0 {
			subject = s[m[2]:m[3]]
		}
		if base, known := anniversaryBase[subject]; known {
			if base+n != r.To {
				add(m[0], m[1], span{kind: FlagAnniversary,
					reason: fmt.Sprintf("%s%d周年为%d年，请核实", subject, n, base+n)})
			}
			continue
		}
		add(m[0], m[1], span{kind: FlagAnniversary, reason: "周年数需按新年份核实"})
	}
}

// termsAndRelatives flags school terms, relative years (今年, 明年) and ordinals (第十届) to verify.
func (f *staleFinder) termsAndRelatives() {
	s, r, add := f.s, f.r, f.add
	for _, m := range matches(termRE, s, "学") {
		add(m[0], m[1], span{kind: FlagSchoolYear,
			reason: fmt.Sprintf("“%s”需按新学年核实", s[m[0]:m[1]])})
	}
	for _, m := range matches(relativeRE, s, "年") {
		reason := fmt.Sprintf("“%s”所指需按新年份核实", s[m[0]:m[1]])
		if r.From != 0 {
			reason = fmt.Sprintf("原文“%s”指%d年，请核实", s[m[0]:m[1]], r.From-1)
		}
		add(m[0], m[1], span{kind: FlagRelative, reason: reason})
	}
	for _, m := range matches(ordinalRE, s, "届") {
		add(m[0], m[1], span{kind: FlagOrdinal, reason: "届次需按新年份核实"})
	}
}

// runeIndex returns a function mapping a byte offset of s (on a rune
// boundary) to a rune offset.
func runeIndex(s string) func(int) int {
	starts := make([]int, 0, len(s))
	for i := range s {
		starts = append(starts, i)
	}
	return func(b int) int {
		return sort.SearchInts(starts, b)
	}
}

// fypContext tells whether 十X五 at s[i:j] names a five-year plan rather
// than a number (十二五个, 二十一五).
func fypContext(s string, i, j int) bool {
	// Another plan name right before ("十四五十三五") is a boundary, not
	// part of a number.
	if p, _ := utf8.DecodeLastRuneInString(s[:i]); strings.ContainsRune("第零〇○一二三四五六七八九十百千0123456789", p) && !fypBefore.MatchString(s[:i]) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	return !strings.ContainsRune("年个岁日天人名分元万千百条项次周点倍%０１２３４５６７８９0123456789", next)
}

// congressContext tells whether N大 at s[i:j] names a party congress.
func congressContext(s string, i, j int) bool {
	if p, _ := utf8.DecodeLastRuneInString(s[:i]); strings.ContainsRune("第零〇○一二三四五六七八九十百千0123456789", p) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	return !strings.ContainsRune("类项件名个批块家队型将步", next)
}

// currentCongress is the latest congress held before year y (a plan is
// written at the turn of the year; congresses meet in autumn).
func currentCongress(y int) (n, year int) {
	for k, v := range congressYears {
		if v < y && k > n {
			n, year = k, v
		}
	}
	return n, year
}

// curFYP names the five-year plan period containing year y.
func curFYP(y int) string {
	n := (y-1966)/5 + 3
	if n < 11 {
		return fmt.Sprintf("第%d个五年规划", n)
	}
	return "十" + zhtext.Number(n-10) + "五"
}

// formatYearLike writes year y in the style of like (Arabic digits, or
// Chinese digits with the same zero character).
func formatYearLike(like string, y int) string {
	if _, err := strconv.Atoi(like); err == nil {
		return strconv.Itoa(y)
	}
	zero := "〇"
	for _, z := range []string{"○", "零", "〇"} {
		if strings.Contains(like, z) {
			zero = z
			break
		}
	}
	digits := []string{zero, "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var b strings.Builder
	for _, r := range strconv.Itoa(y) {
		b.WriteString(digits[r-'0'])
	}
	return b.String()
}

// stripMarkers removes the 【待更新：…】 markers a roller inserts.
func stripMarkers(s string) string {
	for {
		i := strings.Index(s, ToUpdatePrefix)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "】")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+len("】"):]
	}
}
