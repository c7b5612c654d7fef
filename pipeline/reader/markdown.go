package reader

import (
	"strings"

	"plans/internal/lazyre"
)

var (
	mdHeading  = lazyre.New(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdQuote    = lazyre.New(`^\s{0,3}>\s?`)
	mdBullet   = lazyre.New(`^(\s*)[-*+]\s+`)
	mdRule     = lazyre.New(`^\s{0,3}([-*_]\s*){3,}$`)
	mdLink     = lazyre.New(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = lazyre.New(`(\*\*|__)(.+?)(\*\*|__)`)
	mdCode     = lazyre.New("`([^`]*)`")
)

// stripMarkdown removes Markdown marks from a text read from a .md file:
// heading marks (recorded as headings), block quotes, list bullets, rules,
// emphasis, inline code and links (their text is kept). Numbered list items
// ("1. …") keep their number: it is part of the plan's own numbering.
func stripMarkdown(text string) (string, []Heading) {
	lines := strings.Split(text, "\n")
	var headings []Heading
	out := lines[:0]
	fence := false
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence = !fence
			continue
		}
		if fence {
			out = append(out, l)
			continue
		}
		if mdRule.MatchString(l) && strings.TrimSpace(l) != "" {
			continue
		}
		l = mdQuote.ReplaceAllString(l, "")
		if m := mdHeading.FindStringSubmatch(l); m != nil {
			l = m[2]
			headings = append(headings, Heading{Line: len(out), Level: len(m[1])})
		}
		l = mdBullet.ReplaceAllString(l, "$1")
		l = mdLink.ReplaceAllString(l, "$1")
		l = mdEmphasis.ReplaceAllString(l, "$2")
		l = mdCode.ReplaceAllString(l, "$1")
		out = append(out, l)
	}
	return strings.Join(out, "\n"), headings
}
