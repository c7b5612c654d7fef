package draft

import (
	"fmt"
	"unicode/utf8"

	"plans/internal/zhtext"
)

// The renderers share one layout: a list of blocks, each a run of text
// parts with their citations. Markdown, HTML and DOCX differ only in how
// they write a block and a citation.

type blockKind int

const (
	blockTitle   blockKind = iota
	blockHeading           // level 1–3
	blockPara
	blockNote   // a remark of the drafting tool, not plan text
	blockItem   // a numbered item (the number is in the first part)
	blockBullet // an unnumbered list entry
)

type block struct {
	kind  blockKind
	level int
	label string // bold lead (the month of a calendar line)
	parts []part
}

// part is text followed by its citation marks.
type part struct {
	text  string
	cites []Citation
}

// layout lays a draft out as blocks.
func layout(d *Draft) []block {
	var bs []block
	bs = append(bs, block{kind: blockTitle, parts: []part{{text: d.Title}}})
	for _, s := range d.Sections {
		bs = append(bs, block{kind: blockHeading, level: 1, parts: []part{{text: s.Number + s.Heading}}})
		if s.Role == "calendar" {
			bs = append(bs, calendarBlocks(d, s)...)
			continue
		}
		bs = append(bs, sectionBody(d, s, 1)...)
	}
	bs = append(bs, appendixBlocks(d)...)
	return bs
}

func sectionBody(d *Draft, s Section, level int) []block {
	var bs []block
	if s.Note != "" {
		bs = append(bs, block{kind: blockNote, parts: []part{{text: s.Note}}})
	}
	for _, p := range s.Paragraphs {
		bs = append(bs, block{kind: blockPara, parts: []part{{text: p.Text, cites: p.Citations}}})
	}
	if len(s.Options) > 0 {
		bs = append(bs, block{kind: blockNote, parts: []part{{text: d.tool("可选表述（同类单位，供参考，请勿照搬）：")}}})
		for _, o := range s.Options {
			bs = append(bs, block{kind: blockBullet, parts: []part{{text: o.Text, cites: o.Citations}}})
		}
	}
	for _, it := range s.Items {
		bs = append(bs, block{kind: blockItem, parts: []part{{text: it.Number + " " + it.Text + d.tool(itemAnnotation(it)), cites: it.Citations}}})
	}
	for _, sub := range s.Sections {
		bs = append(bs, block{kind: blockHeading, level: level + 1, parts: []part{{text: sub.Number + sub.Heading}}})
		bs = append(bs, sectionBody(d, sub, level+1)...)
	}
	return bs
}

// itemAnnotation tells how many peers back an item (peer targets carry
// their own annotation in the text).
func itemAnnotation(it Item) string {
	switch {
	case it.Target != nil || it.Text == ToFill:
		return ""
	case it.From == FromPeer:
		return fmt.Sprintf("（%d 家同类单位）", it.Peers)
	case it.Peers > 0:
		return fmt.Sprintf("（另有 %d 家同类单位有类似安排）", it.Peers)
	}
	return ""
}

func calendarBlocks(d *Draft, s Section) []block {
	var bs []block
	if s.Note != "" {
		bs = append(bs, block{kind: blockNote, parts: []part{{text: s.Note}}})
	}
	bs = append(bs, block{kind: blockNote, parts: []part{{text: d.tool("括注为同月安排此项的计划份数；未注明“同类单位”的为本单位往年安排。")}}})
	for _, m := range d.Calendar {
		b := block{kind: blockBullet, label: m.Label + "："}
		for _, a := range m.Activities {
			text := a.Text
			switch {
			case a.From == FromPeer:
				text += d.tool(fmt.Sprintf("（同类单位 %d 家）", a.Plans))
			case a.Plans > 1:
				text += d.tool(fmt.Sprintf("（%d 份计划同月安排）", a.Plans))
			}
			b.parts = append(b.parts, part{text: text, cites: a.Citations})
		}
		if len(b.parts) == 0 {
			b.parts = []part{{text: ToFill}}
		}
		bs = append(bs, b)
	}
	return bs
}

func appendixBlocks(d *Draft) []block {
	bs := []block{{kind: blockHeading, level: 1, parts: []part{{text: d.tool("附：起草说明")}}}}
	for _, n := range d.Notes {
		bs = append(bs, block{kind: blockBullet, parts: []part{{text: n}}})
	}
	if len(d.Gaps) > 0 {
		bs = append(bs, block{kind: blockHeading, level: 2, parts: []part{{text: d.tool("建议补充的工作领域")}}})
		for _, g := range d.Gaps {
			bs = append(bs, block{kind: blockBullet, parts: []part{{text: g.Name + d.tool(fmt.Sprintf("：%d/%d 同类单位", g.Peers, g.Of))}}})
		}
	}
	var stale []Flag
	for _, f := range d.Flags {
		if f.Kind != FlagRolled {
			stale = append(stale, f)
		}
	}
	if len(stale) > 0 {
		bs = append(bs, block{kind: blockHeading, level: 2, parts: []part{{text: d.tool("需要更新的时间性提法")}}})
		for _, f := range stale {
			bs = append(bs, block{kind: blockBullet, parts: []part{{
				text: fmt.Sprintf("“%s”（%s）%s%s】", f.Text, f.Where, ToUpdatePrefix, f.Reason), cites: []Citation{f.Citation}}}})
		}
	}
	return bs
}

// footnoteText describes a citation: 《title》（org，year）“heading”.
func footnoteText(c Citation) string {
	org := c.Org
	if org == "" {
		org = "单位未注明"
	}
	year := "年份未注明"
	if c.Year != 0 {
		year = fmt.Sprintf("%d年", c.Year)
	}
	s := fmt.Sprintf("《%s》（%s，%s）", c.Title, org, year)
	if c.Heading != "" {
		s += "“" + shorten(zhtext.TrimSpace(c.Heading), 40) + "”"
	}
	return s
}

// shorten cuts s to max runes, adding … when it cut.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// footnotes numbers citations in order of first use.
type footnotes struct {
	index map[string]int
	list  []Citation
}

func newFootnotes() *footnotes { return &footnotes{index: map[string]int{}} }

// number returns the citation's number, adding it if new.
func (f *footnotes) number(c Citation) int {
	if n, ok := f.index[c.Key()]; ok {
		return n
	}
	f.list = append(f.list, c)
	f.index[c.Key()] = len(f.list)
	return len(f.list)
}
