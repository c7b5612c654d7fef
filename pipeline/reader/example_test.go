package reader_test

import (
	"context"
	"fmt"

	"plans/internal/fixture"
	"plans/pipeline/reader"
)

func ExampleRead() {
	// A plan saved by Notepad on a Chinese Windows: GBK with CRLF.
	data := fixture.Encode("一、指导思想\r\n团结广大教职工。\r\n", "gbk")
	res, err := reader.Read(context.Background(), "计划.txt", data, reader.DefaultLimits())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Format, res.Encoding)
	fmt.Println(res.Text)
	// Output:
	// txt gb18030
	// 一、指导思想
	// 团结广大教职工。
}

func ExampleRead_error() {
	_, err := reader.Read(context.Background(), "计划.docx", []byte("not a zip"), reader.DefaultLimits())
	fmt.Println(reader.KindOf(err))
	fmt.Println(err)
	// Output:
	// 文件损坏
	// 文件扩展名是 .docx，但内容不是 Word 文档（不是 zip 格式），文件可能已损坏
}

func ExampleSkipReason() {
	for _, name := range []string{"计划.docx", "照片.jpg", "资料.rar", "~$计划.docx"} {
		fmt.Printf("%s: %v %q\n", name, reader.Supported(name), reader.SkipReason(name))
	}
	// Output:
	// 计划.docx: true ""
	// 照片.jpg: false "图片文件（.jpg）：如需导入，请先做文字识别（OCR）"
	// 资料.rar: false "压缩包（.rar）：请解压后再导入"
	// ~$计划.docx: false "Office 临时锁定文件（打开文档时自动生成）"
}
