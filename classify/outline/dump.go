package outline

import (
	"fmt"
	"strings"
)

// Heading returns the heading of node i as written (the original script),
// without surrounding space.
func (o *Outline) Heading(i int) string {
	n := o.Nodes[i]
	return o.text.Orig(o.text.TrimSpan(n.HeadStart, n.HeadEnd))
}

// Number returns the numbering token of node i as written (一、, （二）,
// 3.), or "" for an un-numbered heading and for one standing in for a lost
// number.
func (o *Outline) Number(i int) string {
	p := o.Paras[o.Nodes[i].Para]
	if p.Kind != ParaNumbered || p.GapFill {
		return ""
	}
	return strings.TrimSpace(o.text.Orig(p.Marker.Start, p.Marker.End))
}

// String renders the outline for reading and for golden files: the title
// line, the heading tree (one heading a line, indented by depth, with its
// numbering style, the part of a plan it names and whether it holds a
// calendar), the calendar's month blocks under the heading they belong to,
// and where a trailing sign-off starts.
func (o *Outline) String() string {
	var b strings.Builder
	t := o.text
	if o.Title.End > o.Title.Start {
		fmt.Fprintf(&b, "title: %s\n", t.Orig(o.Title.Start, o.Title.End))
	}
	blocks := map[int][]Block{}
	for _, bl := range o.Blocks {
		blocks[bl.Section] = append(blocks[bl.Section], bl)
	}
	writeBlocks := func(indent string, bs []Block) {
		for _, bl := range bs {
			label := t.Orig(bl.Month.Start, bl.Month.End)
			fmt.Fprintf(&b, "%s@%v %s\n", indent, bl.Month.Months, label)
		}
	}
	writeBlocks("", blocks[-1])
	for i, n := range o.Nodes {
		indent := strings.Repeat("  ", n.Depth-1)
		var notes []string
		notes = append(notes, n.Style)
		if n.Role.Tag != "" {
			notes = append(notes, string(n.Role.Tag))
		}
		if n.Inline {
			notes = append(notes, "inline")
		}
		if n.Calendar {
			notes = append(notes, "month blocks")
		}
		fmt.Fprintf(&b, "%s%s  (%s)\n", indent, o.Heading(i), strings.Join(notes, ", "))
		writeBlocks(indent+"  ", blocks[i])
	}
	if o.tail < o.Body.End {
		line := t.Orig(t.TrimSpan(o.tail, o.Body.End))
		if k := strings.IndexByte(line, '\n'); k >= 0 {
			line = line[:k] + " …"
		}
		fmt.Fprintf(&b, "sign-off: %s\n", line)
	}
	return b.String()
}
