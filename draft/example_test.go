package draft_test

import (
	"fmt"
	"os"

	"plans/corpus"
	"plans/draft"
)

// A school's 2023 plan and one peer's: the 2024 draft carries the school's
// items over, suggests the peer's, and flags what went stale.
func ExampleBuild() {
	own := "星沙实验中学2023年工会工作计划\n一、指导思想\n2023年，巩固党史学习教育成果。\n二、主要工作\n1、开好教代会。"
	peer := "麓山中学2023年工会工作计划\n一、主要工作\n1、开展庆“三八”系列活动。"
	docs := []corpus.Document{
		{ID: "xs-1", Title: "星沙实验中学2023年工会工作计划", Kind: corpus.KindPlan, Relevant: true, Year: 2023,
			Org: "星沙实验中学", OrgType: corpus.OrgMiddle, Text: own,
			Sections: []corpus.Section{
				{ID: "xs-1/s1", Depth: 1, Heading: "一、指导思想", Tag: corpus.TagIdeology, Text: "2023年，巩固党史学习教育成果。"},
				{ID: "xs-1/s2", Depth: 1, Heading: "二、主要工作", Tag: corpus.TagWork},
				{ID: "xs-1/s3", Parent: "xs-1/s2", Depth: 2, Heading: "1、开好教代会。", Tag: corpus.TagWork, Topics: []string{"democratic-management"}},
			}},
		{ID: "ls-1", Title: "麓山中学2023年工会工作计划", Kind: corpus.KindPlan, Relevant: true, Year: 2023,
			Org: "麓山中学", OrgType: corpus.OrgMiddle, Text: peer,
			Sections: []corpus.Section{
				{ID: "ls-1/s1", Depth: 1, Heading: "一、主要工作", Tag: corpus.TagWork},
				{ID: "ls-1/s2", Parent: "ls-1/s1", Depth: 2, Heading: "1、开展庆“三八”系列活动。", Tag: corpus.TagWork, Topics: []string{"women"}},
			}},
	}
	d, err := draft.Build(docs, draft.Options{Org: "星沙实验中学", Year: 2024})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(d.Title)
	fmt.Println(d.Sections[0].Paragraphs[0].Text)
	for _, area := range d.Sections[2].Sections {
		for _, it := range area.Items {
			fmt.Printf("%s%s %s %s〔%s〕\n", area.Number, area.Heading, it.Number, it.Text, it.Citations[0].Title)
		}
	}
	for _, g := range d.Gaps {
		fmt.Printf("建议补充：%s %d/%d\n", g.Name, g.Peers, g.Of)
	}
	// Output:
	// 星沙实验中学2024年工会工作计划
	// 2024年，巩固党史学习教育【待更新：“党史学习教育”为2021—2022年的专题提法，请核实是否仍适用】成果。
	// （一）民主管理 1. 继续开好教代会〔星沙实验中学2023年工会工作计划〕
	// （二）女工工作 1. 开展庆“三八”系列活动〔麓山中学2023年工会工作计划〕
	// 建议补充：女工工作 1/1
}
