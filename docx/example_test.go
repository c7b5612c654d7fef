package docx_test

import (
	"bytes"
	"fmt"

	"plans/docx"
)

func Example() {
	w := docx.NewWriter()
	w.Title("某校2024年工会工作计划")
	w.ListItem(0, "指导思想")
	w.Paragraph("以服务教职工为宗旨。")
	w.ListItem(0, "主要工作")
	w.ListItem(1, "加强民主管理")
	w.Table([][]string{{"九月", "庆祝教师节"}})
	data, err := w.Bytes()
	if err != nil {
		panic(err)
	}
	d, err := docx.Read(bytes.NewReader(data), int64(len(data)), 0)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Text())
	// Output:
	// 某校2024年工会工作计划
	// 一、指导思想
	// 以服务教职工为宗旨。
	// 二、主要工作
	// （一）加强民主管理
	// 九月	庆祝教师节
}
