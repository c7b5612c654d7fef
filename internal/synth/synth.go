// Package synth makes a large, deterministic corpus of union work plans for
// benchmarks by recombining the headings, sentences, targets and calendar
// items of a few real-looking plans (the bundled examples folder).
//
// The result reads like plans (title, 指导思想, 工作目标, 主要工作 with
// numbered areas, often a 行事历) but its vocabulary is that of the pool:
// a real corpus of the same size has a larger term dictionary.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"plans/internal/lazyre"
)

// Pool is the material documents are made of.
type Pool struct {
	Headings  []string // section headings without their numbers
	Sentences []string // sentences of body text, with their final punctuation
	Targets   []string // quantified goals (满意率达到90%以上…)
	Calendar  []string // calendar activities without their month
}

var (
	numberRE   = lazyre.New(`^[\s\x{3000}]*(?:第[一二三四五六七八九十]+部分[、：:\s]*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]、?|\d+[、.．]|[①②③④⑤⑥⑦⑧⑨⑩]|#+\s*|[-*]\s+)`)
	monthRE    = lazyre.New(`^[\s\x{3000}]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[、—\-~至](?:\d{1,2}|[一二三四五六七八九十]{1,3}))*月份?[：:\s]*`)
	sentenceRE = lazyre.New(`[^。！？；!?;]+[。！？；!?;]?`)
)

// NewPool takes plan texts apart. Lines that look like numbered headings
// become headings, month lines calendar items, short lines with a number and
// 率/不少于/以上 targets, and the rest sentences.
func NewPool(texts ...string) *Pool {
	p := &Pool{}
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		*list = append(*list, s)
	}
	for _, text := range texts {
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			line = strings.TrimSpace(strings.Trim(line, "\u3000"))
			n := utf8.RuneCountInString(line)
			if n < 4 {
				continue
			}
			if m := monthRE.FindString(line); m != "" && strings.ContainsAny(line, "月") && n-utf8.RuneCountInString(m) >= 4 {
				for _, it := range strings.FieldsFunc(line[len(m):], func(r rune) bool { return strings.ContainsRune("；;。", r) }) {
					if utf8.RuneCountInString(strings.TrimSpace(it)) >= 4 {
						add(&p.Calendar, numberRE.ReplaceAllString(strings.TrimSpace(it), ""))
					}
				}
				continue
			}
			if loc := numberRE.FindStringIndex(line); loc != nil {
				rest := strings.TrimSpace(line[loc[1]:])
				rn := utf8.RuneCountInString(rest)
				if rn >= 4 && rn <= 30 && !strings.ContainsAny(rest, "。；") {
					if isTarget(rest) {
						add(&p.Targets, rest)
					} else {
						add(&p.Headings, strings.TrimRight(rest, "：:，,"))
					}
					continue
				}
				line = rest
			}
			if n <= 80 && isTarget(line) {
				for _, t := range strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune("；;。", r) }) {
					if utf8.RuneCountInString(t) >= 4 {
						add(&p.Targets, t)
					}
				}
				continue
			}
			if n < 20 {
				continue
			}
			for _, s := range sentenceRE.FindAllString(line, -1) {
				if utf8.RuneCountInString(s) >= 8 {
					add(&p.Sentences, s)
				}
			}
		}
	}
	return p
}

func isTarget(s string) bool {
	return strings.ContainsAny(s, "%％") || strings.Contains(s, "不少于") ||
		strings.Contains(s, "率达到") || strings.Contains(s, "以上") && strings.ContainsAny(s, "0123456789")
}

// Options configure Generate.
type Options struct {
	Docs int    // number of documents
	Seed uint64 // same seed, same corpus
	// Traditional converts a text to traditional characters; documents
	// picked with probability TraditionalShare are converted. Nil: none.
	Traditional      func(string) string
	TraditionalShare float64
}

// File is one generated document.
type File struct {
	Name string // file name, unique, ending in .txt
	Text string
	Org  string
	Year int
	Kind string // plan | summary | points
}

var (
	places = []string{"城东", "城西", "城南", "城北", "溪北", "溪南", "桐溪", "青石", "东岭", "南湖", "北关", "新华",
		"红星", "育才", "明德", "启智", "长青", "望江", "临河", "松山", "柳塘", "金桥", "白云", "清泉"}
	units = []string{"第一小学", "实验小学", "中心小学", "第二中学", "初级中学", "高级中学", "职业技术学校",
		"中心幼儿园", "机关幼儿园", "教育工会", "科技有限公司工会", "卫生院工会"}
	l1 = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
)

// Generate makes opts.Docs documents and passes each to fn, in order.
func (p *Pool) Generate(opts Options, fn func(File) error) error {
	if len(p.Headings) == 0 || len(p.Sentences) == 0 {
		return fmt.Errorf("synth: the pool has no headings or sentences")
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	for i := 0; i < opts.Docs; i++ {
		f := p.doc(rng, i)
		if opts.Traditional != nil && rng.Float64() < opts.TraditionalShare {
			f.Text = opts.Traditional(f.Text)
			f.Name = strings.TrimSuffix(f.Name, ".txt") + "_繁.txt"
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

func (p *Pool) doc(rng *rand.Rand, i int) File {
	org := pick(rng, places) + pick(rng, units)
	year := 2006 + rng.IntN(20)
	kind, word := "plan", "工作计划"
	switch r := rng.IntN(10); {
	case r == 0:
		kind, word = "summary", "工作总结"
	case r == 1:
		kind, word = "points", "工作要点"
	}
	var b strings.Builder
	title := fmt.Sprintf("%s%d年工会%s", org, year, word)
	b.WriteString(title + "\n\n")
	para := func(min, max int) {
		n := min + rng.IntN(max-min+1)
		b.WriteString("\u3000\u3000")
		for k := 0; k < n; k++ {
			b.WriteString(pick(rng, p.Sentences))
		}
		b.WriteString("\n")
	}
	sec := 0
	heading := func(h string) {
		fmt.Fprintf(&b, "%s、%s\n", l1[sec%len(l1)], h)
		sec++
	}
	heading("指导思想")
	para(3, 5)
	if len(p.Targets) > 0 {
		heading("工作目标")
		for k := 0; k < 3+rng.IntN(3); k++ {
			fmt.Fprintf(&b, "%d、%s。\n", k+1, pick(rng, p.Targets))
		}
	}
	heading("主要工作")
	for k := 0; k < 4+rng.IntN(4); k++ {
		fmt.Fprintf(&b, "（%s）%s\n", l1[k%len(l1)], pick(rng, p.Headings))
		for m := 0; m < 1+rng.IntN(3); m++ {
			para(2, 5)
		}
	}
	if len(p.Calendar) > 0 && rng.IntN(10) < 6 {
		heading("行事历")
		months := []int{9, 10, 11, 12, 1}
		if rng.IntN(2) == 0 {
			months = []int{2, 3, 4, 5, 6, 7}
		}
		for _, m := range months {
			fmt.Fprintf(&b, "%d月：", m)
			for k := 0; k < 1+rng.IntN(3); k++ {
				if k > 0 {
					b.WriteString("；")
				}
				b.WriteString(strings.TrimRight(pick(rng, p.Calendar), "。；"))
			}
			b.WriteString("。\n")
		}
	}
	b.WriteString(fmt.Sprintf("\n%s工会\n%d年%d月\n", strings.TrimSuffix(org, "工会"), year, 1+rng.IntN(12)))
	return File{Name: fmt.Sprintf("%05d_%s.txt", i, title), Text: b.String(), Org: org, Year: year, Kind: kind}
}
