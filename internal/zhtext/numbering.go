package zhtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
)

// The numbers Chinese documents put before headings and list items, as the
// stages outside the outline need them: the outline itself reads numbering
// tokens with their styles and levels (classify/outline.ParseMarker); the
// cleaning, splitting and layout stages only ask whether a line starts with
// one, and the products strip them from a heading or an item.

// reLeadingNumber is a heading or list number at the start of a line,
// spaces allowed inside: 一、 二 . （一） ( 1 ) 1、 1) 第一，第二是 ①.
var reLeadingNumber = lazyre.New(`^([一二三四五六七八九十]+\s*[、.．，,]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．)）]|第[一二三四五六七八九十]+[、，,是]|[①-⑳])`)

// StartsWithNumber reports a heading or list number at the very start of s:
// 一、 （一） (1) 1、 1. 1) ① 第一， (spaces inside the number allowed, none
// before it). A line that starts with one is a document's own text, never
// a site's furniture or a new title.
func StartsWithNumber(s string) bool { return reLeadingNumber.MatchString(s) }

// reNumbering is the numbering StripNumbering removes, Markdown marks left
// in front of it included.
var reNumbering = lazyre.New(`^[\s\x{3000}#＃*]*(?:` +
	`附[:：]|` +
	`(?:首先|其次|再次|然后|最后|此外|另外|同时)[,，、:：]|` +
	`第[一二三四五六七八九十百零〇○]+(?:[、,，.．:：]|(?:部分|[章部节条项点])[、,，.．:：]?)|` +
	`[一二三四五六七八九十]+(?:[、,，.．:：]|是[,，:：]?)|` +
	`[（(][一二三四五六七八九十0-9０-９]+[)）][、,，.．]?|` +
	`[0-9０-９]{1,2}[、,，.．:：)）]|` +
	`[\x{2460}-\x{249B}]` +
	`)?[\s\x{3000}]*`)

// StripNumbering removes the numbering at the start of a heading or an item
// (一、 （一） (1) 1、 1. ① 第一部分 一是 附： 其次，…, up to three layers, as
// in 一、（一）) and the space around it. The result is a piece of s. A dot
// followed by a numeral is not numbering: 五.一劳动节 and 5.12 stay whole.
func StripNumbering(s string) string {
	for range 3 {
		loc := reNumbering.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		m := strings.TrimRight(s[:loc[1]], " \t\r\n\u3000")
		if strings.HasSuffix(m, ".") || strings.HasSuffix(m, "．") {
			next, _ := utf8.DecodeRuneInString(s[loc[1]:])
			if unicode.IsDigit(next) || strings.ContainsRune("一二三四五六七八九十〇○零", next) {
				break
			}
		}
		s = s[loc[1]:]
	}
	return TrimSpace(s)
}
