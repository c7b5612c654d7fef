package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"plans/corpus"
	"plans/index"
	"plans/script"
)

// store is the smallest Source: documents by id.
type store map[string]corpus.Document

func (s store) Document(id string) (corpus.Document, error) { return s[id], nil }

func Example() {
	conv, err := script.Default()
	if err != nil {
		log.Fatal(err)
	}
	text := "溪南幼兒園工會工作計劃\n一、深化校務公開\n凡涉及教職工切身利益的事項都在公開欄公示。\n"
	doc := corpus.Document{
		ID: "a1-1", Source: "計劃.txt", Title: "溪南幼兒園工會工作計劃", Kind: corpus.KindPlan, Year: 2010,
		Text: text, Simplified: conv.Simplify(text),
		Sections: []corpus.Section{{ID: "a1-1/s1", Depth: 1, Heading: "一、深化校務公開", Tag: corpus.TagWork,
			Topics: []string{"disclosure"}, Start: len("溪南幼兒園工會工作計劃\n"), End: len(text)}},
	}
	dir, err := os.MkdirTemp("", "plans-index-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ix, err := index.Open(filepath.Join(dir, "index"), index.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if err := ix.Update(ctx, []corpus.Document{doc}); err != nil {
		log.Fatal(err)
	}
	// A simplified query finds the traditional text; the highlight is on
	// the words as written.
	res, err := ix.Search(ctx, index.Request{Query: "校务公开"}, store{doc.ID: doc})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.Heading, h.Year, h.Fragments[0].HTML())
	}
	fmt.Println(res.Facets.Topic)
	// Output:
	// 一、深化校務公開 2010 一、深化<mark>校務公開</mark> 凡涉及教職工切身利益的事項都在公開欄公示。
	// map[disclosure:1]
}
