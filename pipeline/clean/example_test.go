package clean_test

import (
	"fmt"

	"plans/pipeline/clean"
)

func ExampleClean() {
	page := "九九范文帮\n时间:2012-05-09 08:50:10\n2013年红星小学工会工作计划\n一、指导思想\n以服务教职工为宗旨，推进校务公开。\n手机扫码分享"
	r := clean.Clean(page)
	fmt.Println(r.Text)
	fmt.Printf("%q\n", r.Removed)
	// Output:
	// 2013年红星小学工会工作计划
	// 一、指导思想
	// 以服务教职工为宗旨，推进校务公开。
	// ["九九范文帮" "时间:2012-05-09 08:50:10" "手机扫码分享"]
}

func ExampleGarbled() {
	fmt.Println(clean.Garbled("一、指导思想\n群众安居乐业的新局面??傮w来看"))
	// Output:
	// [第2行有乱码：新局面??傮w来看]
}
