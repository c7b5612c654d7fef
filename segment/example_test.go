package segment_test

import (
	"fmt"

	"plans/segment"
)

func ExampleGrams() {
	for _, t := range segment.Grams("推进校务公开，QQ群") {
		fmt.Print(t.Text, " ")
	}
	fmt.Println()
	// Output: 推进 进校 校务 务公 公开 开 qq qq群 群
}

func ExampleQueryGrams() {
	terms, prefixes := segment.QueryGrams("校務公開")
	fmt.Println(terms, prefixes)
	terms, prefixes = segment.QueryGrams("会")
	fmt.Println(terms, prefixes)
	// Output:
	// [校務 務公 公開] []
	// [] [会]
}

func ExampleCutVocab() {
	vocab := map[string]int{"加强": 30, "校务": 2, "公开": 40, "校务公开": 25, "工作": 90}
	for _, t := range segment.CutVocab("加强校务公开工作", func(w string) int { return vocab[w] }, 100) {
		fmt.Print(t.Text, " ")
	}
	fmt.Println()
	// Output: 加强 校务公开 工作
}
