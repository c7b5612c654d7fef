package outline

import (
	"strings"
	"unicode/utf8"

	"plans/classify/names"
	"plans/internal/lazyre"
	"plans/internal/zhtext"
)

// Date lines: 2019年2月, 二〇二〇年一月十日, 2024年2月20日, 20__年__月__日,
// 2019-02-20, (2013年2月), 2月20日. The year may be a placeholder.
var (
	dateYear   = `(?:(?:19|20)\d\d|[一二三四五六七八九〇○零Ｏ０0]{4}|20__+|(?i:20xx|xx)|__+|＿+)`
	dateNum    = `(?:\d{1,2}|[一二三四五六七八九十]{1,3}|__+|＿+|(?i:xx))`
	reDateLine = lazyre.New(`^[（(\[【]?\s*(?:` +
		dateYear + `\s*年(?:度)?\s*(?:` + dateNum + `\s*月(?:份)?\s*(?:` + dateNum + `\s*[日号])?)?` +
		`|` + dateNum + `\s*月\s*` + dateNum + `\s*[日号]` +
		`|(?:19|20)\d\d\s*[-./－—]\s*\d{1,2}(?:\s*[-./－—]\s*\d{1,2})?` +
		`)\s*[）)\]】]?$`)
)

// isDateLine reports a line that is only a date (simplified text).
func isDateLine(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return zhtext.IsSpace(r) || r == '*' || r == '>' })
	if s == "" || utf8.RuneCountInString(s) > 24 {
		return false
	}
	return reDateLine.MatchString(s)
}

// signatureOrgWords end the name of the body signing a plan.
var signatureOrgWords = []string{"工会委员会", "工会", "委员会", "党支部", "党总支", "教代会", "女工委", "办公室"}

// isSignatureOrg reports a short line that is only the name of the body
// signing the document: 溪北区教育工会, 城南实验小学工会委员会, XX学校工会.
func isSignatureOrg(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return zhtext.IsSpace(r) || r == '*' || r == '>' })
	switch s {
	case "（盖章）", "(盖章)", "（章）", "(章)", "（公章）", "(公章)":
		return true
	}
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 30 {
		return false
	}
	for _, r := range s {
		if isPunct(r) && !strings.ContainsRune("（）()·_＿×", r) {
			return false
		}
	}
	// (盖章) / （章） after the name
	for _, w := range []string{"（盖章）", "(盖章)", "（章）", "(章)"} {
		s = strings.TrimSuffix(s, w)
	}
	for _, w := range signatureOrgWords {
		if strings.HasSuffix(s, w) && utf8.RuneCountInString(s) > utf8.RuneCountInString(w) {
			return true
		}
	}
	if _, _, ok := names.OrgSuffix(s); ok {
		return true
	}
	return false
}

// signatureLine reports a line of a sign-off: an org, a date, or an org and
// a date separated by spaces.
func signatureLine(s string) bool {
	s = strings.TrimFunc(s, zhtext.IsSpace)
	if isDateLine(s) || isSignatureOrg(s) {
		return true
	}
	fields := strings.FieldsFunc(s, zhtext.IsSpace)
	if len(fields) < 2 || len(fields) > 3 {
		return false
	}
	org, date := false, false
	for _, f := range fields {
		switch {
		case isDateLine(f):
			date = true
		case isSignatureOrg(f):
			org = true
		default:
			return false
		}
	}
	return org || date
}

// findTail returns where a trailing sign-off starts (an org line and/or a
// date line closing the document), or end when there is none. The sign-off
// stays in the document text but belongs to no section or calendar entry.
func findTail(t *Text, start, end int) int {
	lines := t.Lines()
	tail := end
	n := 0
	for i := len(lines) - 1; i >= 0 && n < 3; i-- {
		a, b := t.TrimSpan(lines[i].Start, lines[i].End)
		if a >= b {
			continue
		}
		if a < start || b > end {
			break
		}
		if !signatureLine(t.Simp(a, b)) {
			break
		}
		tail = a
		n++
	}
	return tail
}
