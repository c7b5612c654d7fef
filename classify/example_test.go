package classify_test

import (
	"fmt"
	"log"
	"strings"

	"plans/classify"
	"plans/corpus"
)

func Example() {
	clf, err := classify.New(classify.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	text := strings.Join([]string{
		"江城市第三中学",
		"2013年工会工作计划",
		"一、指导思想",
		"以服务教职工为宗旨，团结全校教职工为学校发展贡献力量。",
		"二、主要工作",
		"（一）加强民主管理，推进校务公开。按时召开教代会，提案落实率达到95%以上。",
		"（二）关心教职工生活。做好送温暖工作，慰问困难教职工。",
		"三、行事历",
		"9月：庆祝教师节。",
		"七八月份：组织教职工疗休养。",
	}, "\n")
	// Simplified is the rune-aligned simplified view (the text is already
	// simplified here).
	d := &corpus.Document{ID: "d1", Title: "2013年工会工作计划", Text: text, Simplified: text}
	clf.Classify(d)

	fmt.Println(d.Kind, d.Year, d.Org, d.OrgType)
	for _, s := range d.Sections {
		fmt.Printf("%s%s [%s] %v\n", strings.Repeat("  ", s.Depth-1), s.Heading, s.Tag, s.Topics)
	}
	for _, e := range d.Calendar {
		fmt.Println(e.Months, e.Label, e.Activities)
	}
	for _, t := range d.Targets {
		fmt.Println(t.Metric, t.Op, t.Value, t.Unit)
	}
	// Output:
	// plan 2013 江城市第三中学 middle
	// 一、指导思想 [ideology] []
	// 二、主要工作 [work] []
	//   （一）加强民主管理，推进校务公开。 [work] [democratic-management disclosure]
	//   （二）关心教职工生活。 [work] [hardship-aid]
	// 三、行事历 [calendar] []
	// [9] 9月 [庆祝教师节]
	// [7 8] 七八月份 [组织教职工疗休养]
	// 落实率 >= 95 %
}
