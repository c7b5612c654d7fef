// Package outline finds the structure of one plan or summary: the title
// line, the heading tree (一、 → （一） → 1、 → (1), 第一章, markdown and bold
// headings, un-numbered headings naming a part of a plan such as 工作目标 or
// 行事历, headings cut from the middle of a flattened line), the month blocks
// of its calendars (9月：, 七八月份, 第三季度), and where a trailing
// sign-off starts. It knows nothing of topics, targets or kinds: classify
// builds those on the tree.
//
// Parse reads a Text, which holds the document in its original script and
// in its simplified view, rune-aligned: every rule reads the simplified view
// and every offset is a rune offset valid in both, so headings come back in
// the script they were written in.
//
//	o := outline.Parse(outline.NewText(text, simplified), title)
//	for i, n := range o.Nodes {
//		fmt.Println(n.Depth, o.Number(i), o.Heading(i))
//	}
//
// The numbering tokens (ParseMarker, ParseCN, WeakStyle), bullets
// (IsBullet) and headings that only name a part of a plan (Structural) are
// exported for classify, which reads calendars and targets with the same
// rules.
package outline
