package report

import (
	"fmt"
	"math"
	"strings"
)

// svgChart is an inline SVG chart, drawn by the "chart" template. Every
// colour comes from the palette below, every text is escaped by
// html/template.
type svgChart struct {
	ID      string
	Title   string
	Width   float64
	Height  float64
	Rects   []svgRect
	Lines   []svgLine
	Circles []svgCircle
	Texts   []svgText
}

type svgRect struct {
	X, Y, W, H float64
	Fill       string
	Tip        string // <title>, shown on hover
}

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Stroke         string
	Width          float64
}

type svgCircle struct {
	X, Y, R float64
	Fill    string
	Tip     string
}

type svgText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
	Class  string // label, value, axis, title
}

// Palette.
const (
	colBar      = "#3b7dd8"
	colBarLight = "#c9dcf5"
	colAxis     = "#888888"
	colGrid     = "#dddddd"
	colNew      = "#2e9e5b"
	colChanged  = "#e0a526"
	colSame     = "#9bb7d4"
	colDropped  = "#d0533f"
	colMedian   = "#d0533f"
)

// heatColour is a blue of intensity n/max.
func heatColour(n, max int) string {
	if n <= 0 || max <= 0 {
		return "#f4f6f8"
	}
	t := 0.15 + 0.85*float64(n)/float64(max)
	mixc := func(a, b float64) int { return int(math.Round(a + (b-a)*t)) }
	return fmt.Sprintf("#%02x%02x%02x", mixc(0xe8, 0x1f), mixc(0xf0, 0x5f), mixc(0xfa, 0xb4))
}

const (
	chartWidth = 720.0
	labelWidth = 180.0
	rowHeight  = 22.0
	chartTop   = 30.0
)

// coverageChart draws, per topic, the share of documents that cover it.
func coverageChart(r *Report) *svgChart {
	c := r.Coverage
	cols, _ := visibleTopics(c)
	if len(cols) == 0 {
		return nil
	}
	ch := &svgChart{ID: "chart-coverage", Title: "各工作领域的覆盖面", Width: chartWidth}
	barMax := chartWidth - labelWidth - 70
	y := chartTop
	ch.Texts = append(ch.Texts, svgText{X: 8, Y: 18, Text: "涉及该领域的文档比例", Class: "title"})
	for _, i := range cols {
		t := c.Totals[i]
		w := barMax * t.Share
		ch.Rects = append(ch.Rects,
			svgRect{X: labelWidth, Y: y + 3, W: barMax, H: rowHeight - 6, Fill: colBarLight},
			svgRect{X: labelWidth, Y: y + 3, W: w, H: rowHeight - 6, Fill: colBar,
				Tip: fmt.Sprintf("%s：%d/%d 份文档", c.Topics[i].Name, t.Docs, r.Scope.Documents)})
		ch.Texts = append(ch.Texts,
			svgText{X: labelWidth - 8, Y: y + rowHeight/2 + 5, Text: c.Topics[i].Name, Anchor: "end", Class: "label"},
			svgText{X: labelWidth + barMax + 6, Y: y + rowHeight/2 + 5, Text: fmt.Sprintf("%d/%d", t.Docs, r.Scope.Documents), Class: "value"})
		y += rowHeight
	}
	ch.Height = y + 10
	return ch
}

// calendarChart draws the months × topics heatmap.
func calendarChart(r *Report) *svgChart {
	h := r.Calendar
	if h.Plans == 0 || len(h.Rows) == 0 {
		return nil
	}
	const cell = 42.0
	left := 120.0
	ch := &svgChart{ID: "chart-calendar", Title: "行事历热力图：各月各领域的文档数", Width: left + 12*cell + 20}
	top := chartTop + 10
	ch.Texts = append(ch.Texts, svgText{X: 8, Y: 18, Text: fmt.Sprintf("各月安排该领域活动的文档数（共 %d 份行事历）", h.Plans), Class: "title"})
	for m := 1; m <= 12; m++ {
		ch.Texts = append(ch.Texts, svgText{X: left + float64(m-1)*cell + cell/2, Y: top - 6, Text: monthName(m), Anchor: "middle", Class: "axis"})
	}
	y := top
	rows := append([]HeatRow{}, h.Rows...)
	rows = append(rows, HeatRow{Name: "有安排的文档", Counts: h.MonthDocs})
	for ri, row := range rows {
		max := h.Max
		if ri == len(rows)-1 {
			max = h.Plans
		}
		ch.Texts = append(ch.Texts, svgText{X: left - 8, Y: y + rowHeight/2 + 5, Text: row.Name, Anchor: "end", Class: "label"})
		for m, n := range row.Counts {
			x := left + float64(m)*cell
			ch.Rects = append(ch.Rects, svgRect{X: x + 1, Y: y + 1, W: cell - 2, H: rowHeight - 2, Fill: heatColour(n, max),
				Tip: fmt.Sprintf("%s %s：%d 份", monthName(m+1), row.Name, n)})
			if n > 0 {
				cls := "cell"
				if float64(n) > float64(max)*0.55 {
					cls = "cell light"
				}
				ch.Texts = append(ch.Texts, svgText{X: x + cell/2, Y: y + rowHeight/2 + 5, Text: fmt.Sprint(n), Anchor: "middle", Class: cls})
			}
		}
		y += rowHeight
	}
	ch.Height = y + 10
	return ch
}

// targetsChart draws each target group as its range, with the median and
// every value marked.
func targetsChart(r *Report, n *namer) *svgChart {
	if len(r.Targets) == 0 {
		return nil
	}
	ch := &svgChart{ID: "chart-targets", Title: "目标指标的取值范围", Width: chartWidth}
	ch.Texts = append(ch.Texts, svgText{X: 8, Y: 18, Text: "各指标的取值（线段：最低到最高；红点：中位数）", Class: "title"})
	axis := chartWidth - labelWidth - 110
	y := chartTop
	for _, g := range r.Targets {
		hi := g.Max
		if g.Unit == "%" {
			hi = math.Max(hi, 100)
		}
		if hi <= 0 {
			hi = 1
		}
		lo := math.Min(0, g.Min)
		x := func(v float64) float64 { return labelWidth + axis*(v-lo)/(hi-lo) }
		mid := y + rowHeight/2
		ch.Lines = append(ch.Lines,
			svgLine{X1: labelWidth, Y1: mid, X2: labelWidth + axis, Y2: mid, Stroke: colGrid, Width: 1},
			svgLine{X1: x(g.Min), Y1: mid, X2: x(g.Max), Y2: mid, Stroke: colBar, Width: 4})
		for _, v := range g.Values {
			ch.Circles = append(ch.Circles, svgCircle{X: x(v.Value), Y: mid, R: 3.5, Fill: colBar,
				Tip: fmt.Sprintf("%s：%s", n.docRef(v.Doc), valueText(v.Value, g.Unit, v.Op))})
		}
		ch.Circles = append(ch.Circles, svgCircle{X: x(g.Median), Y: mid, R: 5, Fill: colMedian, Tip: "中位数 " + num(g.Median) + g.Unit})
		ch.Texts = append(ch.Texts,
			svgText{X: labelWidth - 8, Y: mid + 5, Text: clip(g.TopicName+" · "+g.Metric, 14), Anchor: "end", Class: "label"},
			svgText{X: labelWidth + axis + 8, Y: mid + 5, Text: fmt.Sprintf("%s–%s%s（%d 项）", num(g.Min), num(g.Max), g.Unit, g.Count), Class: "value"})
		y += rowHeight
	}
	ch.Height = y + 10
	return ch
}

// copiesChart draws the documents with the largest shares of shared text.
func copiesChart(r *Report, n *namer) *svgChart {
	var docs []CopyDoc
	for _, d := range r.Copies.Documents {
		if d.SharedChars > 0 {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	if len(docs) > 30 {
		docs = docs[:30]
	}
	ch := &svgChart{ID: "chart-copies", Title: "各文档与他人雷同的比例", Width: chartWidth}
	ch.Texts = append(ch.Texts, svgText{X: 8, Y: 18, Text: "与其他文档雷同的文字比例", Class: "title"})
	barMax := chartWidth - labelWidth - 70
	y := chartTop
	for _, d := range docs {
		ch.Rects = append(ch.Rects,
			svgRect{X: labelWidth, Y: y + 3, W: barMax, H: rowHeight - 6, Fill: colBarLight},
			svgRect{X: labelWidth, Y: y + 3, W: barMax * d.Share, H: rowHeight - 6, Fill: colDropped,
				Tip: fmt.Sprintf("%s：%d/%d 字", n.docRef(d.Doc), d.SharedChars, d.Chars)})
		ch.Texts = append(ch.Texts,
			svgText{X: labelWidth - 8, Y: y + rowHeight/2 + 5, Text: clip(n.docRef(d.Doc), 12), Anchor: "end", Class: "label"},
			svgText{X: labelWidth + barMax + 6, Y: y + rowHeight/2 + 5, Text: pct(d.Share), Class: "value"})
		y += rowHeight
	}
	ch.Height = y + 10
	return ch
}

// changesChart draws, for each compared pair, its sections by status.
func changesChart(r *Report, n *namer) *svgChart {
	if len(r.Changes) == 0 {
		return nil
	}
	ch := &svgChart{ID: "chart-changes", Title: "逐年变化：章节状态", Width: chartWidth}
	ch.Texts = append(ch.Texts, svgText{X: 8, Y: 18, Text: "章节：未变 / 修改 / 新增 / 删除", Class: "title"})
	// Legend.
	lx := labelWidth
	for _, l := range []struct{ name, col string }{{"未变", colSame}, {"修改", colChanged}, {"新增", colNew}, {"删除", colDropped}} {
		ch.Rects = append(ch.Rects, svgRect{X: lx, Y: 24, W: 12, H: 12, Fill: l.col})
		ch.Texts = append(ch.Texts, svgText{X: lx + 16, Y: 34, Text: l.name, Class: "axis"})
		lx += 70
	}
	maxN := 1
	for _, c := range r.Changes {
		maxN = max(maxN, c.Counts.New+c.Counts.Changed+c.Counts.Unchanged+c.Counts.Dropped)
	}
	barMax := chartWidth - labelWidth - 40
	y := chartTop + 16
	for _, c := range r.Changes {
		label := strings.TrimSpace(n.code(c.From) + "→" + n.code(c.To))
		ch.Texts = append(ch.Texts, svgText{X: labelWidth - 8, Y: y + rowHeight/2 + 5, Text: label, Anchor: "end", Class: "label"})
		x := labelWidth
		for _, part := range []struct {
			n    int
			col  string
			name string
		}{{c.Counts.Unchanged, colSame, "未变"}, {c.Counts.Changed, colChanged, "修改"}, {c.Counts.New, colNew, "新增"}, {c.Counts.Dropped, colDropped, "删除"}} {
			if part.n == 0 {
				continue
			}
			w := barMax * float64(part.n) / float64(maxN)
			ch.Rects = append(ch.Rects, svgRect{X: x, Y: y + 3, W: w, H: rowHeight - 6, Fill: part.col, Tip: fmt.Sprintf("%s %d", part.name, part.n)})
			ch.Texts = append(ch.Texts, svgText{X: x + w/2, Y: y + rowHeight/2 + 5, Text: fmt.Sprint(part.n), Anchor: "middle", Class: "cell"})
			x += w
		}
		y += rowHeight
	}
	ch.Height = y + 10
	return ch
}
