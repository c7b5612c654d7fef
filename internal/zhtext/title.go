package zhtext

import "plans/internal/lazyre"

// reTitleGoesOn is the second line of a title broken in two: a
// conjunction, then the other document's name.
var reTitleGoesOn = lazyre.New(`^(及|暨|和|与|以及|并|兼)[^。；;！!？?，,:：]{0,28}(计划|总结|要点|规划|安排|打算|设想|思路)[)）]?$`)

// ContinuesTitle reports a line (simplified, trimmed) that continues a
// title broken over two lines: …2006年工作总结 / 及2007年工作计划.
func ContinuesTitle(s string) bool { return reTitleGoesOn.MatchString(s) }
