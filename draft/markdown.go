package draft

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the draft as Markdown: headings for the sections,
// numbered items, and every citation as a footnote ([^n]) listed at the end.
func WriteMarkdown(w io.Writer, d *Draft) error {
	bw := bufio.NewWriter(w)
	fn := newFootnotes()
	for _, b := range layout(d) {
		var line strings.Builder
		switch b.kind {
		case blockTitle:
			line.WriteString("# ")
		case blockHeading:
			line.WriteString(strings.Repeat("#", b.level+1) + " ")
		case blockNote:
			line.WriteString("> ")
		case blockBullet:
			line.WriteString("- ")
		}
		if b.label != "" {
			line.WriteString("**" + escapeMarkdown(b.label) + "**")
		}
		for i, p := range b.parts {
			text := p.text
			if i > 0 && b.label != "" {
				line.WriteString("；")
			}
			if b.kind == blockItem {
				// The number is written as a Markdown list marker.
				num, rest, _ := strings.Cut(text, " ")
				line.WriteString(num + " ")
				text = rest
			}
			line.WriteString(escapeMarkdown(text))
			for _, c := range p.cites {
				fmt.Fprintf(&line, "[^%d]", fn.number(c))
			}
		}
		bw.WriteString(line.String())
		bw.WriteString("\n\n")
	}
	for i, c := range fn.list {
		fmt.Fprintf(bw, "[^%d]: %s `%s`\n", i+1, escapeMarkdown(footnoteText(c)), c.SectionID)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

// markdownSpecial are the characters escaped in Markdown text.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`,
)

// escapeMarkdown escapes s so that Markdown shows it as written.
func escapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
	s = markdownSpecial.Replace(s)
	// A line start that would open a list or a heading.
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = `\` + s
	}
	return s
}
