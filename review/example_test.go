package review_test

import (
	"context"
	"fmt"

	"plans/pipeline"
	"plans/review"
)

// ExampleCompare holds a small plan against its summary, both run through
// the import pipeline. Without Options.Words the matching falls back to
// character pairs (plans review uses the gse segmenter, LanguageOptions).
func ExampleCompare() {
	p, err := pipeline.New(pipeline.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	read := func(name, text string) pipeline.Output {
		out, err := p.Process(context.Background(), pipeline.Input{Key: "/example/" + name, Source: name, Data: []byte(text)})
		if err != nil {
			fmt.Println(err)
		}
		return out
	}
	plan := read("plan.txt", "石桥小学2024年工会工作计划\n一、主要工作\n1、召开教职工代表大会，审议学校工作报告。\n2、组织教职工健康体检，体检率达到100%。\n3、举办教职工乒乓球比赛。\n")
	summary := read("summary.txt", "石桥小学2024年工会工作总结\n现将一年来的工作总结如下。\n一、主要工作\n3月召开教职工代表大会，审议通过了学校工作报告。11月组织教职工健康体检，体检率为97%。\n二、存在问题\n活动场地不足。\n")

	r, err := review.Compare(context.Background(), &plan.Docs[0], &summary.Docs[0], review.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range r.Items {
		fmt.Printf("%s：%s\n", it.Heading, review.StatusNames[it.Status])
	}
	for _, t := range r.Targets {
		fmt.Printf("%s：总结报告 %v%s，达到 %v\n", t.Text, t.Reported.Value, t.Reported.Unit, *t.Met)
	}
	fmt.Println("存在问题：", r.Problems)
	// Output:
	// 1、召开教职工代表大会，审议学校工作报告。：已报告完成
	// 2、组织教职工健康体检，体检率达到100%。：已报告完成
	// 3、举办教职工乒乓球比赛。：总结中未提及
	// 体检率达到100%：总结报告 97%，达到 false
	// 存在问题： [活动场地不足。]
}
