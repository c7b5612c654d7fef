package draft

import (
	"fmt"
	"slices"
	"strings"

	"plans/corpus"
)

// finish completes a built draft: the stale-reference flags are those
// whose mark is in the text, the one count of 【待更新】 marks is taken
// from the text, and everything the draft shows is written in its script:
// texts quoted from a document in another script (scriptOf tells a
// document's) are converted.
func finish(d *Draft, opts Options, scriptOf func(docID string) corpus.Script) {
	var body []string
	eachText(d, func(s *string, _ string) { body = append(body, *s) })
	joined := strings.Join(body, "\n")

	// Keep the stale flags whose mark the text carries (a quote rolled for
	// an item that was then left out leaves no mark).
	d.Flags = slices.DeleteFunc(d.Flags, func(f Flag) bool {
		return f.Kind != FlagRolled && !strings.Contains(joined, f.Text+ToUpdatePrefix+f.Reason+"】")
	})
	d.ToUpdate = countMarks(joined)

	converted := 0
	if conv := converter(d.Script, opts); conv != nil {
		eachText(d, func(s *string, docID string) {
			// Texts of documents in the draft's script are converted too
			// (the words the tool adds, 继续 …), but only those quoted from
			// the other script are counted.
			if t := convertOutsideMarks(conv, *s); t != *s {
				*s = t
				if docID == "" || scriptOf(docID) != d.Script {
					converted++
				}
			}
		})
	}
	if converted > 0 {
		name, other := "简体", "繁体"
		if d.Script == corpus.Traditional {
			name, other = other, name
		}
		d.Notes = append(d.Notes, fmt.Sprintf("草稿统一用%s（与底稿一致）：%d 条取自%s或简繁混用文档的文字已转为%s，出处中的引文保留原文。", name, converted, other, name))
	}
	if d.ToUpdate > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("正文中有 %d 处时间性提法需要更新，已标注“%s…】”。", d.ToUpdate, ToUpdatePrefix))
	}
	if conv := converter(d.Script, opts); conv != nil {
		d.Title = convertOutsideMarks(conv, d.Title)
		for i := range d.Notes {
			d.Notes[i] = convertOutsideMarks(conv, d.Notes[i])
		}
		for i := range d.Gaps {
			d.Gaps[i].Name = conv(d.Gaps[i].Name)
		}
		for i := range d.Sections {
			convertHeadings(&d.Sections[i], conv)
		}
	}
}

// countMarks counts the 【待更新：…】 marks in s.
func countMarks(s string) int { return strings.Count(s, ToUpdatePrefix) }

// CountToUpdate counts the 【待更新：…】 marks in the draft's text as it
// stands (sections and calendar): the number Draft.ToUpdate holds.
func (d *Draft) CountToUpdate() int {
	n := 0
	eachText(d, func(s *string, _ string) { n += countMarks(*s) })
	return n
}

// eachText calls fn on every text of the draft's body that comes from a
// source, with the document it is quoted from ("" for none): paragraphs,
// options and items of every section, and calendar activities. Quotes and
// citations are not visited.
func eachText(d *Draft, fn func(text *string, docID string)) {
	first := func(cs []Citation) string {
		if len(cs) == 0 {
			return ""
		}
		return cs[0].DocID
	}
	var walk func(s *Section)
	walk = func(s *Section) {
		for _, list := range [][]Item{s.Paragraphs, s.Options, s.Items} {
			for i := range list {
				fn(&list[i].Text, first(list[i].Citations))
			}
		}
		for i := range s.Sections {
			walk(&s.Sections[i])
		}
	}
	for i := range d.Sections {
		walk(&d.Sections[i])
	}
	for i := range d.Calendar {
		for j := range d.Calendar[i].Activities {
			a := &d.Calendar[i].Activities[j]
			fn(&a.Text, first(a.Citations))
		}
	}
}

func convertHeadings(s *Section, conv func(string) string) {
	s.Heading = conv(s.Heading)
	s.Note = convertOutsideMarks(conv, s.Note)
	for i := range s.Sections {
		convertHeadings(&s.Sections[i], conv)
	}
}

// converter returns the conversion into script, or nil when there is none.
func converter(script corpus.Script, opts Options) func(string) string {
	if script == corpus.Traditional {
		return opts.Traditionalize
	}
	return opts.Simplify
}

// convertOutsideMarks converts s except the markers of the drafting tool
// (【待核实】, 【待补充】, 【待更新：…】), which stay as they are so that tools
// and readers find them.
func convertOutsideMarks(conv func(string) string, s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.Index(s, "【待")
		if i < 0 {
			b.WriteString(conv(s))
			break
		}
		j := strings.Index(s[i:], "】")
		if j < 0 {
			b.WriteString(conv(s))
			break
		}
		j += i + len("】")
		b.WriteString(conv(s[:i]))
		b.WriteString(s[i:j])
		s = s[j:]
	}
	return b.String()
}
