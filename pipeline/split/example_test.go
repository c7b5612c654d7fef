package split_test

import (
	"fmt"
	"strings"

	"plans/pipeline/split"
)

func ExampleSplit() {
	page := `学校工会工作计划(精选2篇)
学校工会工作计划 篇一
一、指导思想
以党的教育方针为指导，团结全体教职工。
学校工会工作计划 篇二
本学期，学校工会将围绕学校中心工作开展活动。`
	for _, p := range split.Split(page, "学校工会工作计划") {
		fmt.Printf("%s（%d行）\n", p.Title, strings.Count(p.Text, "\n")+1)
	}
	// Output:
	// 学校工会工作计划 篇一（3行）
	// 学校工会工作计划 篇二（2行）
}
