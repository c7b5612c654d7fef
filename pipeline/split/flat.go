package split

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"plans/internal/lazyre"
	"plans/internal/tailre"
	"plans/internal/zhtext"
)

// minFlatRunes is how long a first line must be to be taken for a page
// flattened into one line (document sites often serve the text that way:
// title, headings and body in one run).
const minFlatRunes = 80

// maxTitleRunes is how far into such a line a title may end.
const maxTitleRunes = 60

// SeparateTitle puts the title of a page flattened into long lines on a
// line of its own: when the first line of text is long and starts with a
// document title followed by white space or by the first heading (一、),
// the line is broken there. Nothing else changes, and a text whose first
// line does not start with a title is returned as it is. simplify (may be
// nil) gives the simplified view the title patterns look at.
func SeparateTitle(text string, simplify func(string) string) string {
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		line := text[start : start+end]
		if zhtext.TrimSpace(line) == "" {
			start += end + 1
			continue
		}
		if pre, cut, skip, ok := titleCut(line, simplify); ok {
			head := ""
			if pre > 0 {
				// 精选文档…幼儿园工会计划5篇…计划一:XX年幼儿园工会工作计划 一、…:
				// the site's heading before the title goes on a line of its own
				head = strings.TrimRightFunc(line[:pre], zhtext.IsSpace) + "\n"
			}
			return text[:start] + head + strings.TrimRightFunc(line[pre:cut], zhtext.IsSpace) + "\n" + line[cut+skip:] + text[start+end:]
		}
		return text
	}
	return text
}

// reKindEnd ends a title with its kind: …计划, …工作总结, …要点.
var reKindEnd = tailre.MustCompile(`(计划|总结|要点|安排|规划|打算|方案|思路)$`)

// reOpener starts a plan's first sentence: a year, 本学期, 今年, 一年来,
// 为了…, 根据…, 我校…
var reOpener = lazyre.New(`^((19|20)\d\d\s*年|[一二〇○零]{4}年|本学期|本学年|本年度|新学期|新学年|新的一年|今年|一年来|过去的一年|为了|根据|按照|我校|我园|我厂|我局|我院|我公司|我单位)`)

// titleCut finds the title in a flattened first line: the byte offset
// where it starts (0, or after a site's heading that ends in a colon:
// …工会计划一:XX年幼儿园工会工作计划), the offset of the cut after it and
// how many bytes of white space to drop there.
func titleCut(line string, simplify func(string) string) (pre, cut, skip int, ok bool) {
	if utf8.RuneCountInString(line) < minFlatRunes {
		return 0, 0, 0, false
	}
	simp := func(s string) string {
		sq := zhtext.Squeeze(s)
		if simplify != nil {
			if t := simplify(sq); utf8.RuneCountInString(t) == utf8.RuneCountInString(sq) {
				sq = t
			}
		}
		return sq
	}
	lead := len(line) - len(strings.TrimLeftFunc(line, zhtext.IsSpace))
	n := 0
	for i, r := range line[lead:] {
		at := lead + i
		if n > maxTitleRunes {
			break
		}
		n++
		gap := 0
		glued := false
		switch {
		case zhtext.IsSpace(r):
			rest := line[at:]
			gap = len(rest) - len(strings.TrimLeftFunc(rest, zhtext.IsSpace))
		case strings.HasPrefix(line[at:], "一、") || strings.HasPrefix(line[at:], "一．"):
		case at > lead && reOpener.MatchString(line[at:]) && reKindEnd.MatchString(simp(line[max(lead, at-9):at])):
			// …2022年工作要点2022年柳塘县教育工会…: the text goes on
			// right after the title's kind word
			glued = true
		default:
			continue
		}
		head := zhtext.TrimSpace(line[lead:at])
		if head == "" || utf8.RuneCountInString(line[at+gap:]) < minFlatRunes/2 {
			continue
		}
		if sq := simp(head); isDocTitle(sq, glued) && !endsInDigitRun(sq) {
			return 0, at, gap, true
		}
		if glued {
			continue
		}
		if k := strings.LastIndexAny(head, ":："); k >= 0 {
			_, w := utf8.DecodeRuneInString(head[k:])
			if sq := simp(head[k+w:]); isDocTitle(sq, true) && !endsInDigitRun(sq) {
				return strings.Index(line, head) + k + w, at, gap, true
			}
		}
	}
	return 0, 0, 0, false
}

// endsInDigitRun reports a head that ends inside a number ("工作计划4" of
// "…工作计划4.docx"): not where a title ends.
func endsInDigitRun(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}
