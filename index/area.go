package index

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"

	"plans/classify"
	"plans/corpus"
	"plans/segment"
)

// areaWeight is the least lexicon weight of a word that names its work area
// in a query: the words that alone say what a section is about (教代会,
// 送温暖, 劳动竞赛), not those that need company (培训, 活动室).
const areaWeight = 3

// maxAreaRank is the most words of an area that rank the sections found
// through the area alone.
const maxAreaRank = 8

// areas knows which query words name a work area (a topic of the
// classifier): the topic's Chinese name or id, the strong words of the
// topic lexicon the documents were classified with, and — through the
// thesaurus — their synonyms. Sections tagged with the area then match a
// query that names it even without its words.
type areas struct {
	byWord map[string][]string // folded simplified word → topic ids
	words  map[string][]string // topic id → its naming words, strongest first
	names  []string            // every naming word, for suggestions
}

// newAreas reads the naming words from a lexicon in the format of
// classify's data/topics.txt (nil: the classifier's own).
func newAreas(lexicon []byte) *areas {
	if lexicon == nil {
		lexicon = classify.DefaultLexicon()
	}
	a := &areas{byWord: map[string][]string{}, words: map[string][]string{}}
	add := func(word, topic string) {
		w := segment.Normalize(word)
		if w == "" || topic == "" || topic == "other" {
			return
		}
		for _, t := range a.byWord[w] {
			if t == topic {
				return
			}
		}
		if len(a.byWord[w]) == 0 {
			a.names = append(a.names, w)
		}
		a.byWord[w] = append(a.byWord[w], topic)
		a.words[topic] = append(a.words[topic], w)
	}
	for _, t := range corpus.Topics {
		add(t.Name, t.ID)
		add(t.ID, t.ID)
	}
	// The lexicon's format is checked by the classifier (which refuses a
	// bad one before anything is imported); lines that do not fit are
	// passed over here.
	topic := ""
	sc := bufio.NewScanner(bytes.NewReader(lexicon))
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			topic = strings.TrimSpace(line[1 : len(line)-1])
		default:
			f := strings.Fields(line)
			if len(f) == 2 {
				if w, err := strconv.Atoi(f[1]); err == nil && w >= areaWeight {
					add(f[0], topic)
				}
			}
		}
	}
	return a
}

// of returns the topics a query part names: itself, or one of its synonyms.
func (a *areas) of(part string, synonyms []string) []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, w := range append([]string{part}, synonyms...) {
		for _, t := range a.byWord[w] {
			if !containsString(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// rankWords returns the words of a topic that rank its sections (those
// found through the area alone), at most maxAreaRank.
func (a *areas) rankWords(topic string) []string {
	var out []string
	for _, w := range a.words[topic] {
		if w == topic || strings.ContainsAny(w, "-abcdefghijklmnopqrstuvwxyz") {
			continue // the id
		}
		out = append(out, w)
		if len(out) == maxAreaRank {
			break
		}
	}
	return out
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
