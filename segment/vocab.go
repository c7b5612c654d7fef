package segment

import "math"

// MaxWordRunes is the longest word CutVocab considers, in characters.
const MaxWordRunes = 8

// CutVocab cuts text into words known to a vocabulary — at query time the
// term dictionary of the index, which holds every word Cut produced for the
// corpus — by the shortest path that gse uses: each word costs
// 1 + ln((total+1)/freq(word)), an unknown character much more, and the cut
// with the lowest total cost wins. freq returns how many documents hold the
// (folded) word, 0 if none; total is the number of documents.
//
// Characters no word covers join their unknown neighbours (an unknown
// name stays one token). Runs of letters or digits are one token each,
// punctuation and space are dropped; tokens are folded and carry byte
// offsets into text, like Cut.
func CutVocab(text string, freq func(word string) int, total int) []Token {
	f := fold(text)
	s := f.text
	var toks []Token
	var run []int // byte offsets of the runes of the current Chinese run
	wordStart := -1
	flushWord := func(end int) {
		if wordStart >= 0 {
			toks = append(toks, Token{Text: s[wordStart:end], Start: f.offset(wordStart), End: f.offset(end)})
			wordStart = -1
		}
	}
	flushRun := func(end int) {
		if len(run) == 0 {
			return
		}
		for _, t := range cutRun(s, append(run, end), freq, total) {
			toks = append(toks, Token{Text: s[t[0]:t[1]], Start: f.offset(t[0]), End: f.offset(t[1])})
		}
		run = run[:0]
	}
	for i, r := range s {
		switch classOf(r) {
		case han:
			flushWord(i)
			run = append(run, i)
		case word:
			flushRun(i)
			if wordStart < 0 {
				wordStart = i
			}
		default:
			flushRun(i)
			flushWord(i)
		}
	}
	flushRun(len(s))
	flushWord(len(s))
	return toks
}

// cutRun cuts one run of Chinese characters; at holds the byte offset of
// every rune and, last, the end of the run. It returns [start, end) pairs.
func cutRun(s string, at []int, freq func(string) int, total int) [][2]int {
	n := len(at) - 1
	logTotal := math.Log(float64(total) + 1)
	lastUnknown := false
	cost := make([]float64, n+1)
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = math.Inf(1)
	}
	for i := 0; i < n; i++ {
		if math.IsInf(cost[i], 1) {
			continue
		}
		for l := 1; l <= MaxWordRunes && i+l <= n; l++ {
			w := s[at[i]:at[i+l]]
			var c float64
			switch fr := freq(w); {
			case fr > 0:
				c = 1 + logTotal - math.Log(float64(fr))
			case l > 1:
				continue
			default:
				// An unknown single character: possible, but only where no
				// known word covers it.
				c = 1 + logTotal + 20
			}
			if cost[i]+c < cost[i+l] {
				cost[i+l] = cost[i] + c
				from[i+l] = i
			}
		}
	}
	var out [][2]int
	for j := n; j > 0; j = from[j] {
		out = append(out, [2]int{at[from[j]], at[j]})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	// Join neighbouring unknown characters.
	joined := out[:0]
	for _, w := range out {
		unknown := freq(s[w[0]:w[1]]) == 0
		if k := len(joined) - 1; k >= 0 && unknown && lastUnknown {
			joined[k][1] = w[1]
			continue
		}
		lastUnknown = unknown
		joined = append(joined, w)
	}
	return joined
}
