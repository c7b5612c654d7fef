package report_test

import (
	"fmt"
	"strings"

	"plans/corpus"
	"plans/report"
)

func ExampleBuild() {
	fanwen := "一、校务公开\n进一步完善校务公开制度，凡是涉及教职工切身利益的重大事项，都要通过公开栏向全体教职工公开。\n三月：庆祝“三八”妇女节。"
	school := "一、园务公开\n进一步完善校务公开制度，凡是涉及教职工切身利益的重大事项，都要通过公开栏向全体教职工公开。\n三月：三八节茶话会。"
	doc := func(id, org, text string) corpus.Document {
		return corpus.Document{ID: id, Source: id + ".txt", Part: 1, Title: org + "工会工作计划", Kind: corpus.KindPlan,
			Relevant: true, Org: org, Topics: []string{"disclosure", "women"}, Text: text,
			Sections: []corpus.Section{{ID: id + "/s1", Depth: 1, Heading: strings.SplitN(text, "\n", 2)[0],
				Tag: corpus.TagWork, Topics: []string{"disclosure"}, Text: strings.Split(text, "\n")[1]}},
			Calendar: []corpus.CalendarEntry{{Months: []int{3}, Text: strings.Split(text, "\n")[2], Topics: []string{"women"}}},
			Targets:  []corpus.Target{{Text: "满意率达到90%", Metric: "满意率", Value: 90, Unit: "%", Op: ">="}},
		}
	}
	docs := []corpus.Document{doc("a", "某某中学", fanwen), doc("b", "青禾幼儿园", school)}

	r, err := report.Build(docs, report.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, t := range r.Coverage.Totals {
		if t.Docs > 0 {
			fmt.Printf("%s：%d/%d\n", r.Coverage.Topics[i].Name, t.Docs, len(r.Documents))
		}
	}
	for _, m := range r.Calendar.Months {
		for _, a := range m.Top {
			fmt.Printf("%d月：%s — %d 份中有 %d 份\n", m.Month, a.Label, r.Calendar.Plans, a.Count)
		}
	}
	for _, g := range r.Targets {
		fmt.Printf("%s：%v–%v%s\n", g.Metric, g.Min, g.Max, g.Unit)
	}
	for _, p := range r.Copies.Pairs {
		fmt.Printf("雷同：%s ↔ %s，%d 字\n", p.A, p.B, p.CharsA)
	}
	// Output:
	// 校务公开：2/2
	// 女工工作：2/2
	// 3月：三八活动 — 2 份中有 2 份
	// 3月：联欢活动 — 2 份中有 1 份
	// 满意率：90–90%
	// 雷同：a ↔ b，42 字
}
