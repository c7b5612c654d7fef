// Package names reads the names a plan carries in its title, byline and
// sign-off: organisations, known by the suffix that ends them (…小学,
// …有限公司, …教育工会), and the year a plan is for (2023年, 二〇二三年度,
// 2022—2023学年). Both the outline (is this short line under the title a
// byline?) and classify (whose plan is it, for which year?) ask it.
package names

import (
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

var (
	reYearDigits = lazyre.New(`((?:19|20)\d\d)\s*(?:[—–\-－~～至到]+\s*(?:(?:19|20)?\d\d)\s*)?(学年度|学年|年度|年)`)
	reYearCN     = lazyre.New(`([一二三四五六七八九〇○零Ｏ０0]{4})\s*(?:[—–\-－~～至到]+[一二三四五六七八九〇○零Ｏ０0]{2,4})?(学年度|学年|年度|年)`)
	rePlaceYear  = lazyre.New(`(?i)(20|19)?(xx|ＸＸ|××|__+|＿+|\*\*|○○|某)\s*(学年度|学年|年度|年)`)
)

// Year finds the first plan year stated in s (simplified). It returns 0
// and placeholder=true when s has a placeholder such as XX年 or 20__年.
func Year(s string) (year int, placeholder bool) {
	best := -1
	for _, re := range []*lazyre.Regexp{reYearDigits, reYearCN} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil || best >= 0 && m[0] >= best {
			continue
		}
		if y, ok := zhtext.ParseYear(s[m[2]:m[3]]); ok && y >= 1980 && !followedByMonth(s, m[1]) {
			year, best = y, m[0]
		}
	}
	if m := rePlaceYear.FindStringIndex(s); m != nil && (best < 0 || m[0] < best) {
		return 0, true
	}
	return year, false
}

// followedByMonth reports a date such as 2012年3月5日 (a page or signing
// date rather than the year a plan is for).
func followedByMonth(s string, i int) bool {
	k := 0
	for _, r := range s[i:] {
		if k < 3 && (zhtext.IsArabicDigit(r) || strings.ContainsRune("一二三四五六七八九十", r)) {
			k++
			continue
		}
		return k > 0 && r == '月'
	}
	return false
}

// orgSuffixes end organisation names, longest first within a type.
var orgSuffixes = []struct {
	suffix string
	typ    corpus.OrgType
}{
	{"教育工会", corpus.OrgEducationUnion}, {"教育局工会", corpus.OrgEducationUnion}, {"教育局", corpus.OrgEducationUnion},
	{"教育委员会", corpus.OrgEducationUnion}, {"教科局", corpus.OrgEducationUnion}, {"教体局", corpus.OrgEducationUnion},
	{"教育系统", corpus.OrgEducationUnion},
	{"幼儿园", corpus.OrgKindergarten}, {"幼稚园", corpus.OrgKindergarten}, {"托儿所", corpus.OrgKindergarten},
	{"职业技术学校", corpus.OrgVocational}, {"职业学校", corpus.OrgVocational}, {"职业中学", corpus.OrgVocational},
	{"职业高中", corpus.OrgVocational}, {"技工学校", corpus.OrgVocational}, {"职业技术学院", corpus.OrgVocational},
	{"职业学院", corpus.OrgVocational}, {"中等专业学校", corpus.OrgVocational}, {"职教中心", corpus.OrgVocational},
	{"技术学校", corpus.OrgVocational}, {"卫生学校", corpus.OrgVocational}, {"师范学校", corpus.OrgVocational},
	{"职校", corpus.OrgVocational}, {"职高", corpus.OrgVocational}, {"中专", corpus.OrgVocational}, {"技校", corpus.OrgVocational},
	{"大学", corpus.OrgUniversity}, {"学院", corpus.OrgUniversity}, {"高等专科学校", corpus.OrgUniversity},
	{"中心小学", corpus.OrgPrimary}, {"中心校", corpus.OrgPrimary}, {"小学", corpus.OrgPrimary}, {"完小", corpus.OrgPrimary},
	{"附小", corpus.OrgPrimary}, {"实小", corpus.OrgPrimary}, {"一小", corpus.OrgPrimary}, {"二小", corpus.OrgPrimary},
	{"三小", corpus.OrgPrimary}, {"四小", corpus.OrgPrimary}, {"五小", corpus.OrgPrimary}, {"六小", corpus.OrgPrimary},
	{"七小", corpus.OrgPrimary}, {"八小", corpus.OrgPrimary}, {"九小", corpus.OrgPrimary}, {"附中", corpus.OrgMiddle},
	{"一幼", corpus.OrgKindergarten}, {"二幼", corpus.OrgKindergarten}, {"三幼", corpus.OrgKindergarten}, {"中心园", corpus.OrgKindergarten},
	{"实验学校", corpus.OrgMiddle}, {"中学", corpus.OrgMiddle}, {"初中", corpus.OrgMiddle}, {"高中", corpus.OrgMiddle},
	{"一中", corpus.OrgMiddle}, {"二中", corpus.OrgMiddle}, {"三中", corpus.OrgMiddle}, {"中学校", corpus.OrgMiddle},
	{"学校", corpus.OrgUnknown}, {"学区", corpus.OrgEducationUnion}, {"校区", corpus.OrgUnknown}, {"分校", corpus.OrgUnknown},
	{"有限公司", corpus.OrgEnterprise}, {"有限责任公司", corpus.OrgEnterprise}, {"公司", corpus.OrgEnterprise},
	{"集团", corpus.OrgEnterprise}, {"工厂", corpus.OrgEnterprise}, {"厂", corpus.OrgEnterprise}, {"矿", corpus.OrgEnterprise},
	{"农场", corpus.OrgEnterprise}, {"林场", corpus.OrgEnterprise}, {"牧场", corpus.OrgEnterprise}, {"养殖场", corpus.OrgEnterprise},
	{"处理场", corpus.OrgGovernment},
	{"医院", corpus.OrgGovernment}, {"卫生院", corpus.OrgGovernment}, {"街道", corpus.OrgGovernment},
	{"人民政府", corpus.OrgGovernment}, {"政府", corpus.OrgGovernment}, {"委员会", corpus.OrgGovernment},
	{"管理局", corpus.OrgGovernment}, {"局", corpus.OrgGovernment}, {"机关", corpus.OrgGovernment},
	{"总工会", corpus.OrgGovernment}, {"办事处", corpus.OrgGovernment}, {"研究所", corpus.OrgGovernment},
	{"中心", corpus.OrgGovernment}, {"站", corpus.OrgGovernment},
}

// genericOrg names are not organisations (a 范文 title's 教育工会, 我校).
var genericOrgPrefixes = []string{"县直", "市直", "区直", "省直", "我", "本", "该", "各", "全", "贵", "某", "基层", "学校", "教育", "幼儿园", "小学", "中学", "工会", "单位", "企业", "公司", "医院", "机关", "事业单位", "街道", "社区", "个人", "班级", "年级"}

var rePlaceholder = lazyre.New(`(?i)xx|ＸＸ|×|＊|\*|__|＿|○○|某|…|\.\.\.`)

// OrgSuffix returns the suffix an org-like name (simplified) ends with and
// the kind of organisation it names.
func OrgSuffix(name string) (string, corpus.OrgType, bool) {
	for _, o := range orgSuffixes {
		if strings.HasSuffix(name, o.suffix) {
			return o.suffix, o.typ, true
		}
	}
	return "", corpus.OrgUnknown, false
}

// Specific reports whether name (simplified) names a particular
// organisation rather than a kind of one.
func Specific(name string) bool {
	if name == "" || rePlaceholder.MatchString(name) {
		return false
	}
	suf, _, ok := OrgSuffix(name)
	if !ok {
		return false
	}
	prefix := strings.TrimSuffix(name, suf)
	if utf8.RuneCountInString(prefix) == 0 {
		return false
	}
	for _, g := range genericOrgPrefixes {
		if prefix == g || strings.HasPrefix(prefix, g) && utf8.RuneCountInString(prefix) <= utf8.RuneCountInString(g)+1 {
			return false
		}
	}
	for _, g := range []string{"我", "本", "该", "各", "贵"} {
		if strings.HasPrefix(prefix, g) {
			return false
		}
	}
	return zhtext.CountHan([]rune(prefix)) >= 2 || strings.ContainsAny(prefix, "0123456789")
}

// Clean trims a candidate name to its org suffix and drops a trailing
// 工会 (车辆厂中心校工会 → 车辆厂中心校).
func Clean(s string) string {
	s = strings.TrimSpace(s)
	for _, t := range []string{"工会委员会", "工会"} {
		if strings.HasSuffix(s, t) {
			rest := strings.TrimSuffix(s, t)
			if _, _, ok := OrgSuffix(rest); ok {
				s = rest
			}
			break
		}
	}
	if rest := strings.TrimSuffix(s, "机关"); rest != s {
		// 南方科技大学机关(工会): the offices' union of the university
		if _, typ, ok := OrgSuffix(rest); ok && typ != corpus.OrgGovernment {
			s = rest
		}
	}
	if _, _, ok := OrgSuffix(s); !ok {
		return ""
	}
	return s
}

// Placeholder reports a name or title written with a placeholder for its
// organisation or year: XX, ××, __, 某, ○○, an ellipsis.
func Placeholder(s string) bool { return rePlaceholder.MatchString(s) }
