package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"plans/corpus"
	"plans/script"
)

// headingRE finds the heading lines of the naive outline used in tests:
// 一、… at depth 1, （一）… or (一)… at depth 2.
var headingRE = regexp.MustCompile(`(?m)^[ \t\x{3000}]*(?:([一二三四五六七八九十]+、)|([（(][一二三四五六七八九十]+[）)]))[^\n]*`)

// topicWords is a naive topic tagger for test documents (simplified view).
var topicWords = map[string][]string{
	"disclosure":            {"校务公开", "厂务公开"},
	"welfare":               {"福利", "体检", "保险", "疗休养"},
	"hardship-aid":          {"送温暖", "慰问", "帮困"},
	"democratic-management": {"教代会", "教职工代表大会", "职代会"},
}

// naiveDoc builds a document the simple way: one section per heading line,
// the text up to the next heading its body.
func naiveDoc(t testing.TB, id, source, text string, year int, org string) corpus.Document {
	t.Helper()
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := corpus.Document{
		ID: id, Source: source, Part: 1, Kind: corpus.KindPlan, Relevant: true,
		Script: conv.Detect(text), Year: year, Org: org, OrgType: corpus.OrgPrimary,
		Text: text, Simplified: conv.Simplify(text),
	}
	if i := strings.IndexByte(strings.TrimSpace(text), '\n'); i > 0 {
		d.Title = strings.TrimSpace(strings.TrimSpace(text)[:i])
	}
	locs := headingRE.FindAllStringSubmatchIndex(text, -1)
	lastTop := ""
	for n, loc := range locs {
		end := len(text)
		if n+1 < len(locs) {
			end = locs[n+1][0]
		}
		s := corpus.Section{
			ID: corpus.SectionID(id, n+1), Depth: 1, Heading: strings.TrimSpace(text[loc[0]:loc[1]]),
			Tag: tagOf(conv.Simplify(text[loc[0]:loc[1]])), Start: loc[0], End: end, Text: strings.TrimSpace(text[loc[1]:end]),
		}
		if loc[4] >= 0 && lastTop != "" {
			s.Depth, s.Parent = 2, lastTop
		} else {
			lastTop = s.ID
		}
		simp := conv.Simplify(text[loc[0]:end])
		for topic, words := range topicWords {
			for _, w := range words {
				if strings.Contains(simp, w) {
					s.Topics = append(s.Topics, topic)
					break
				}
			}
		}
		sortStrings(s.Topics)
		d.Sections = append(d.Sections, s)
		if s.Tag == corpus.TagCalendar {
			d.Calendar = append(d.Calendar, calendarOf(text[loc[1]:end], s.ID)...)
		}
	}
	return d
}

// tagOf gives a heading its role from a few words.
func tagOf(heading string) corpus.Tag {
	for _, r := range []struct {
		word string
		tag  corpus.Tag
	}{{"指导", corpus.TagIdeology}, {"目标", corpus.TagGoals}, {"行事历", corpus.TagCalendar},
		{"成绩", corpus.TagAchievements}, {"问题", corpus.TagProblems}, {"打算", corpus.TagNextSteps}} {
		if strings.Contains(heading, r.word) {
			return r.tag
		}
	}
	return corpus.TagWork
}

var monthRE = regexp.MustCompile(`(?m)^(十二|十一|十|[一二三四五六七八九])月[：:](.*)$`)

// calendarOf makes one calendar entry per "N月：…" line.
func calendarOf(body, section string) []corpus.CalendarEntry {
	months := map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
	var out []corpus.CalendarEntry
	for _, m := range monthRE.FindAllStringSubmatch(body, -1) {
		out = append(out, corpus.CalendarEntry{Months: []int{months[m[1]]}, Label: m[1] + "月",
			Text: strings.TrimSpace(m[2]), Section: section})
	}
	return out
}

// testDocs reads the invented documents of testdata/docs.
func testDocs(t testing.TB) []corpus.Document {
	t.Helper()
	files := []struct {
		name    string
		year    int
		org     string
		kind    corpus.Kind
		orgType corpus.OrgType
	}{
		{"城东小学2019年工会工作计划.txt", 2019, "城东小学", corpus.KindPlan, corpus.OrgPrimary},
		{"溪南幼兒園2010年工會工作計劃.txt", 2010, "溪南幼兒園", corpus.KindPlan, corpus.OrgKindergarten},
		{"桐溪中学2015年工会工作总结.txt", 2015, "桐溪中学", corpus.KindSummary, corpus.OrgMiddle},
	}
	var docs []corpus.Document
	for i, f := range files {
		b, err := os.ReadFile(filepath.Join("testdata", "docs", f.name))
		if err != nil {
			t.Fatal(err)
		}
		d := naiveDoc(t, fmt.Sprintf("t%d-1", i), f.name, string(b), f.year, f.org)
		d.Kind, d.OrgType = f.kind, f.orgType
		docs = append(docs, d)
	}
	return docs
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// memSource is a Source over a map.
type memSource map[string]corpus.Document

func (m memSource) Document(id string) (corpus.Document, error) {
	d, ok := m[id]
	if !ok {
		return corpus.Document{}, fmt.Errorf("no document %s", id)
	}
	return d, nil
}

func (m memSource) add(docs ...corpus.Document) {
	for _, d := range docs {
		m[d.ID] = d
	}
}

// newTestIndex opens a new index in a temporary directory, indexes docs and
// returns it with a source holding them.
func newTestIndex(t testing.TB, docs ...corpus.Document) (*Index, memSource) {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	src := memSource{}
	src.add(docs...)
	if err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return ix, src
}
