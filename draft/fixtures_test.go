package draft

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"plans/corpus"
	"plans/internal/golden"
)

// The test corpus is written by hand in testdata/corpus.txt (readable) and
// kept as testdata/corpus.jsonl (the export format the tests load).
// TestFixtures checks that the two agree; -update rewrites the JSONL.

// parseFixtures reads the fixture format described in testdata/corpus.txt.
func parseFixtures(t testing.TB, text string) []corpus.Document {
	t.Helper()
	var docs []corpus.Document
	var cur *corpus.Document
	var lines []string
	inBody := false
	var sec *corpus.Section
	var body []string

	flushSection := func() {
		if sec != nil {
			sec.Text = strings.Join(body, "\n")
			cur.Sections = append(cur.Sections, *sec)
		}
		sec, body = nil, nil
	}
	offset := func() int {
		n := 0
		for _, l := range lines {
			n += len(l) + 1
		}
		return n
	}
	finish := func() {
		if cur == nil {
			return
		}
		flushSection()
		cur.Text = strings.Join(lines, "\n")
		for i := range cur.Sections {
			if i+1 < len(cur.Sections) {
				cur.Sections[i].End = cur.Sections[i+1].Start - 1
			} else {
				cur.Sections[i].End = len(cur.Text)
			}
		}
		topics := []string{}
		for _, s := range cur.Sections {
			for _, tp := range s.Topics {
				if !slices.Contains(topics, tp) {
					topics = append(topics, tp)
				}
			}
		}
		cur.Topics = topics
		for _, tg := range cur.Targets {
			if !strings.Contains(cur.Text, tg.Text) {
				t.Fatalf("fixture %s: target %q is not in the text", cur.ID, tg.Text)
			}
		}
		docs = append(docs, *cur)
		cur, lines, inBody = nil, nil, false
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "-- doc "):
			finish()
			cur = &corpus.Document{Part: 1, Relevant: true, Script: corpus.Simplified}
			continue
		case cur == nil:
			continue // the file's own comments
		case !inBody:
			if line == "===" {
				inBody = true
				if cur.Kind == corpus.KindOther {
					cur.Relevant = false
				}
				continue
			}
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "id":
				cur.ID = v
			case "source":
				cur.Source = v
			case "title":
				cur.Title = v
			case "kind":
				cur.Kind = corpus.Kind(v)
			case "relevant":
				cur.Relevant = v == "true"
			case "year":
				cur.Year, _ = strconv.Atoi(v)
			case "org":
				cur.Org = v
			case "org_type":
				cur.OrgType = corpus.OrgType(v)
			case "format":
				cur.Format = v
			case "encoding":
				cur.Encoding = v
			default:
				t.Fatalf("fixture header %q", line)
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "#"):
			flushSection()
			depth := len(line) - len(strings.TrimLeft(line, "#"))
			f := strings.Split(line[depth:], "|")
			if len(f) != 3 {
				t.Fatalf("fixture heading %q", line)
			}
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
			}
			heading := f[0]
			s := &corpus.Section{
				ID: corpus.SectionID(cur.ID, len(cur.Sections)+1), Depth: depth,
				Heading: heading, Tag: corpus.Tag(f[1]), Topics: []string{},
				Start: offset(),
			}
			if loc := numberingRE.FindStringIndex(heading); loc != nil {
				s.Number = strings.TrimSpace(heading[:loc[1]])
			}
			if f[2] != "" {
				s.Topics = strings.Split(f[2], ",")
			}
			for i := len(cur.Sections) - 1; i >= 0; i-- {
				if cur.Sections[i].Depth < depth {
					s.Parent = cur.Sections[i].ID
					break
				}
			}
			sec = s
			lines = append(lines, heading)
		case strings.HasPrefix(line, "@ "):
			f := strings.SplitN(line[2:], " | ", 2)
			var months []int
			for _, m := range strings.Split(f[0], ",") {
				n, err := strconv.Atoi(m)
				if err != nil {
					t.Fatalf("fixture calendar %q", line)
				}
				months = append(months, n)
			}
			label, rest, _ := strings.Cut(f[1], "：")
			acts := strings.FieldsFunc(rest, func(r rune) bool { return r == '；' || r == '。' })
			cur.Calendar = append(cur.Calendar, corpus.CalendarEntry{
				Months: months, Label: label, Text: f[1], Activities: acts, Topics: []string{}, Section: sec.ID,
			})
			body = append(body, f[1])
			lines = append(lines, f[1])
		case strings.HasPrefix(line, "! "):
			f := strings.Split(line[2:], " | ")
			if len(f) != 6 {
				t.Fatalf("fixture target %q", line)
			}
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				t.Fatalf("fixture target %q: %v", line, err)
			}
			cur.Targets = append(cur.Targets, corpus.Target{
				Text: f[5], Metric: f[0], Value: v, Unit: f[2], Op: f[3],
				Topics: strings.Split(f[4], ","), Section: sec.ID,
			})
		default:
			if sec != nil {
				body = append(body, line)
			}
			lines = append(lines, line)
		}
	}
	finish()
	return docs
}

func TestFixtures(t *testing.T) {
	src, err := os.ReadFile("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := parseFixtures(t, string(src))
	var buf bytes.Buffer
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	golden.Check(t, "testdata/corpus.jsonl", buf.Bytes())
}

// loadCorpus reads testdata/corpus.jsonl.
func loadCorpus(t testing.TB) []corpus.Document {
	t.Helper()
	f, err := os.Open("testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []corpus.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var d corpus.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("corpus.jsonl: %v", err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}
