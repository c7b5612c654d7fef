package reader

import (
	"context"
	"strings"
	"testing"

	"plans/internal/fixture"
)

func benchRead(b *testing.B, name string, data []byte) {
	b.Helper()
	ctx := context.Background()
	lim := DefaultLimits()
	if _, err := Read(ctx, name, data, lim); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(ctx, name, data, lim); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadTextGBK(b *testing.B) {
	text := strings.Repeat(planText(b)+"\n", 20)
	benchRead(b, "plan.txt", fixture.Encode(text, "gbk"))
}

func BenchmarkReadTextUTF8(b *testing.B) {
	benchRead(b, "plan.txt", []byte(strings.Repeat(planText(b)+"\n", 20)))
}

func BenchmarkReadHTML(b *testing.B) {
	lines := strings.Split(planText(b), "\n")
	var body []string
	for i := 0; i < 5; i++ {
		body = append(body, lines[1:]...)
	}
	benchRead(b, "page.html", fixture.NoisyHTML(lines[0], body, "gb2312"))
}

func BenchmarkReadDOCX(b *testing.B) {
	lines := strings.Split(planText(b), "\n")
	benchRead(b, "plan.docx", fixture.DOCXNumbered("", lines))
}

func BenchmarkReadDOC(b *testing.B) {
	benchRead(b, "plan.doc", readTestdata(b, "plan_numbered.doc"))
}

func BenchmarkReadPDF(b *testing.B) {
	benchRead(b, "plan.pdf", readTestdata(b, "plan.pdf"))
}

func BenchmarkReadRTF(b *testing.B) {
	benchRead(b, "plan.rtf", readTestdata(b, "plan_numbered.rtf"))
}
