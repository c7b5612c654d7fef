package report

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// Terms are the distinctive words of each row group (document,
// organisation or year) against the rest of the report's documents.
type Terms struct {
	By     string      `json:"by"`
	Groups []TermGroup `json:"groups"`
}

// TermGroup lists the words that set one group apart.
type TermGroup struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Tokens int    `json:"tokens"`
	Terms  []Term `json:"terms"`
}

// Term is a word used more in a group than in the rest of the corpus.
// LL is Dunning's log-likelihood (G²) of the difference: above 3.84 it is
// significant at p < 0.05, above 10.83 at p < 0.001.
type Term struct {
	Word     string  `json:"word"`
	Count    int     `json:"count"`
	Rest     int     `json:"rest"`
	Expected float64 `json:"expected"`
	LL       float64 `json:"ll"`
}

// Keyness thresholds: a term must occur minTermCount times in the group
// and reach minLL.
const (
	minTermCount = 2
	minLL        = 3.84
)

// stopWords are function words that say nothing about a plan.
var stopWords = map[string]bool{
	"我们": true, "他们": true, "你们": true, "以及": true, "并且": true, "而且": true, "因此": true,
	"但是": true, "如果": true, "为了": true, "一个": true, "一些": true, "这些": true, "那些": true,
	"其中": true, "进行": true, "通过": true, "以上": true, "以下": true, "等等": true, "同时": true,
	"这个": true, "那个": true, "还要": true, "已经": true, "没有": true, "可以": true,
}

// keepWord tells whether a segmented word counts for keyness: at least two
// runes, with a letter, not a function word.
func keepWord(w string) bool {
	if utf8.RuneCountInString(w) < 2 || stopWords[w] {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func buildTerms(ctx context.Context, views []*docView, groups []*group, o Options) (Terms, []string, error) {
	t := Terms{By: o.By, Groups: []TermGroup{}}
	if o.Words == nil {
		return t, []string{"未提供分词函数，未计算特色词。"}, nil
	}
	if len(groups) < 2 {
		return t, []string{"只有一组文档，无从比较特色词。"}, nil
	}
	counts := make([]map[string]int, len(views))
	err := parallel(ctx, len(views), o.Workers, func(i int) {
		m := map[string]int{}
		for _, w := range o.Words(views[i].simp) {
			w = strings.TrimSpace(w)
			if keepWord(w) {
				m[w]++
			}
		}
		counts[i] = m
	})
	if err != nil {
		return t, nil, err
	}
	index := make(map[*docView]int, len(views))
	for i, v := range views {
		index[v] = i
	}
	total := map[string]int{}
	all := 0
	for _, m := range counts {
		for w, n := range m {
			total[w] += n
			all += n
		}
	}
	for _, g := range groups {
		gc := counts[index[g.docs[0]]]
		if len(g.docs) > 1 {
			gc = map[string]int{}
			for _, v := range g.docs {
				for w, n := range counts[index[v]] {
					gc[w] += n
				}
			}
		}
		c := 0
		for _, n := range gc {
			c += n
		}
		tg := TermGroup{Key: g.key, Label: g.label, Tokens: c, Terms: []Term{}}
		d := all - c
		if c > 0 && d > 0 {
			for w, a := range gc {
				if a < minTermCount {
					continue
				}
				b := total[w] - a
				if float64(a)*float64(d) <= float64(b)*float64(c) {
					continue // not used more than in the rest
				}
				ll, e1 := logLikelihood(a, b, c, d)
				if ll < minLL {
					continue
				}
				tg.Terms = append(tg.Terms, Term{Word: w, Count: a, Rest: b, Expected: round(e1, 2), LL: round(ll, 2)})
			}
			slices.SortFunc(tg.Terms, func(x, y Term) int {
				return cmp.Or(cmp.Compare(y.LL, x.LL), cmp.Compare(y.Count, x.Count), strings.Compare(x.Word, y.Word))
			})
			if len(tg.Terms) > o.TopTerms {
				tg.Terms = tg.Terms[:o.TopTerms]
			}
		}
		t.Groups = append(t.Groups, tg)
	}
	return t, nil, nil
}

// logLikelihood is Dunning's G² for a word seen a times among c tokens of
// the group and b times among d tokens of the rest; e1 is the count
// expected in the group.
func logLikelihood(a, b, c, d int) (ll, e1 float64) {
	n := float64(c + d)
	e1 = float64(c) * float64(a+b) / n
	e2 := float64(d) * float64(a+b) / n
	if a > 0 {
		ll += float64(a) * math.Log(float64(a)/e1)
	}
	if b > 0 {
		ll += float64(b) * math.Log(float64(b)/e2)
	}
	return 2 * ll, e1
}

// parallel runs f(0…n-1) on at most workers goroutines (GOMAXPROCS when
// workers ≤ 0) and stops handing out work when ctx is done.
func parallel(ctx context.Context, n, workers int, f func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var g errgroup.Group
	g.SetLimit(workers)
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error { f(i); return nil })
	}
	g.Wait()
	return ctx.Err()
}
