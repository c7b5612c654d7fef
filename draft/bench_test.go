package draft

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"plans/corpus"
)

// bigCorpus multiplies the test corpus into n copies of each document, as
// if n times as many schools had written the same plans.
func bigCorpus(b *testing.B, n int) []corpus.Document {
	base := loadCorpus(b)
	docs := make([]corpus.Document, 0, n*len(base))
	for i := 0; i < n; i++ {
		for _, d := range base {
			c := d
			if i > 0 {
				c.ID = fmt.Sprintf("%s-c%d", d.ID, i)
				if c.Org != "" {
					c.Org = fmt.Sprintf("%s%d", d.Org, i)
				}
				c.Sections = append([]corpus.Section(nil), d.Sections...)
				for j := range c.Sections {
					c.Sections[j].ID = strings.Replace(c.Sections[j].ID, d.ID, c.ID, 1)
					c.Sections[j].Parent = strings.Replace(c.Sections[j].Parent, d.ID, c.ID, 1)
				}
				c.Calendar = append([]corpus.CalendarEntry(nil), d.Calendar...)
				for j := range c.Calendar {
					c.Calendar[j].Section = strings.Replace(c.Calendar[j].Section, d.ID, c.ID, 1)
				}
				c.Targets = append([]corpus.Target(nil), d.Targets...)
				for j := range c.Targets {
					c.Targets[j].Section = strings.Replace(c.Targets[j].Section, d.ID, c.ID, 1)
				}
			}
			docs = append(docs, c)
		}
	}
	return docs
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1, 100} {
		docs := bigCorpus(b, n)
		b.Run(fmt.Sprintf("docs=%d", len(docs)), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(docs, Options{Org: "星沙实验中学", Year: 2024}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRoller(b *testing.B) {
	var text strings.Builder
	for _, d := range loadCorpus(b) {
		text.WriteString(d.Text)
	}
	s := text.String()
	r := roller{From: 2023, To: 2024}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		r.apply(s, s)
	}
}

func BenchmarkWriteMarkdown(b *testing.B) {
	d, err := Build(loadCorpus(b), Options{Org: "星沙实验中学", Year: 2024})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := WriteMarkdown(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
