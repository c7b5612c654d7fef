// Command gen turns testdata/fixtures.txt into testdata/docs.jsonl, the
// export-format fixture of the report tests. Run it from the module root:
//
//	go run ./report/testdata/gen
//
// It lives under testdata so that `go build ./...` and `go vet ./...`
// leave it alone.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"plans/corpus"
	"plans/pipeline/script"
)

func main() {
	if err := run("report/testdata/fixtures.txt", "report/testdata/docs.jsonl"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type rawDoc struct {
	key    string
	fields map[string]string
	body   []string
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var docs []*rawDoc
	var cur *rawDoc
	inBody := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = &rawDoc{key: strings.TrimPrefix(line, "=== "), fields: map[string]string{}}
			docs = append(docs, cur)
			inBody = false
		case cur == nil:
			// header comments
		case !inBody && line == "---":
			inBody = true
		case !inBody:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				return fmt.Errorf("%s: bad field line %q", cur.key, line)
			}
			cur.fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
		default:
			cur.body = append(cur.body, line)
		}
	}
	conv, err := script.Default()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, r := range docs {
		d, err := build(r, conv)
		if err != nil {
			return fmt.Errorf("%s: %w", r.key, err)
		}
		j, err := json.Marshal(d)
		if err != nil {
			return err
		}
		buf.Write(j)
		buf.WriteByte('\n')
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func build(r *rawDoc, conv *script.Converter) (corpus.Document, error) {
	trad := r.fields["script"] == "traditional"
	tr := func(s string) string {
		if trad {
			return conv.Traditionalize(s)
		}
		return s
	}
	part, _ := strconv.Atoi(r.fields["part"])
	year, _ := strconv.Atoi(r.fields["year"])
	d := corpus.Document{
		Source: tr(r.fields["source"]), Part: part, Title: tr(r.fields["title"]), Kind: corpus.Kind(r.fields["kind"]),
		Relevant: r.fields["relevant"] == "true", Script: corpus.Script(r.fields["script"]), Year: year,
		Org: tr(r.fields["org"]), OrgType: corpus.OrgType(r.fields["org_type"]), Format: r.fields["format"],
	}
	if d.OrgType == "" {
		d.OrgType = corpus.OrgUnknown
	}
	if d.Format == "txt" {
		d.Encoding = "utf-8"
	}
	d.ID = corpus.DocumentID("fixtures/"+r.fields["source"], part)

	var text strings.Builder
	type target struct {
		t    corpus.Target
		text string
	}
	var targets []target
	var stack []int // section index per depth
	body := make([][]string, 0)
	for _, line := range r.body {
		switch {
		case strings.HasPrefix(line, "#"):
			depth := len(line) - len(strings.TrimLeft(line, "#"))
			parts := strings.Split(strings.TrimSpace(line[depth:]), "|")
			if len(parts) != 3 {
				return d, fmt.Errorf("bad heading %q", line)
			}
			h := tr(strings.TrimSpace(parts[0]))
			n := len(d.Sections) + 1
			s := corpus.Section{ID: corpus.SectionID(d.ID, n), Depth: depth, Heading: h,
				Tag: corpus.Tag(strings.TrimSpace(parts[1])), Topics: splitList(parts[2]), Start: text.Len()}
			if depth > 1 {
				if len(stack) < depth-1 {
					return d, fmt.Errorf("heading %q has no parent", line)
				}
				s.Parent = d.Sections[stack[depth-2]].ID
			}
			stack = append(stack[:depth-1], len(d.Sections))
			if num, _, ok := strings.Cut(h, "、"); ok && len([]rune(num)) <= 2 {
				s.Number = num + "、"
			} else if strings.HasPrefix(h, "（") {
				s.Number = h[:strings.Index(h, "）")+len("）")]
			}
			d.Sections = append(d.Sections, s)
			body = append(body, nil)
			text.WriteString(h + "\n")
		case strings.HasPrefix(line, "@cal "):
			parts := strings.Split(strings.TrimPrefix(line, "@cal "), "|")
			if len(parts) != 3 {
				return d, fmt.Errorf("bad calendar line %q", line)
			}
			var months []int
			ms := strings.TrimSpace(parts[0])
			if a, b, ok := strings.Cut(ms, "-"); ok {
				x, _ := strconv.Atoi(a)
				y, _ := strconv.Atoi(b)
				for m := x; m <= y; m++ {
					months = append(months, m)
				}
			} else {
				m, _ := strconv.Atoi(ms)
				months = []int{m}
			}
			l := tr(strings.TrimSpace(parts[1]))
			label, rest, _ := strings.Cut(l, "：")
			e := corpus.CalendarEntry{Months: months, Label: label, Text: rest, Topics: splitList(parts[2])}
			for _, a := range strings.FieldsFunc(rest, func(r rune) bool { return r == '；' || r == '。' }) {
				e.Activities = append(e.Activities, a)
			}
			if len(d.Sections) > 0 {
				e.Section = d.Sections[len(d.Sections)-1].ID
				body[len(body)-1] = append(body[len(body)-1], l)
			}
			d.Calendar = append(d.Calendar, e)
			text.WriteString(l + "\n")
		case strings.HasPrefix(line, "@target "):
			parts := strings.Split(strings.TrimPrefix(line, "@target "), "|")
			if len(parts) != 3 {
				return d, fmt.Errorf("bad target line %q", line)
			}
			f := strings.Fields(parts[0])
			if len(f) != 4 {
				return d, fmt.Errorf("bad target %q", line)
			}
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return d, err
			}
			targets = append(targets, target{corpus.Target{Metric: tr(f[0]), Value: v, Unit: f[2], Op: f[3],
				Topics: splitList(parts[1])}, tr(strings.TrimSpace(parts[2]))})
		default:
			l := tr(line)
			if len(d.Sections) > 0 && strings.TrimSpace(l) != "" {
				body[len(body)-1] = append(body[len(body)-1], l)
			}
			text.WriteString(l + "\n")
		}
	}
	d.Text = strings.TrimRight(text.String(), "\n")
	for i := range d.Sections {
		d.Sections[i].Text = strings.Join(body[i], "\n")
		if i+1 < len(d.Sections) {
			d.Sections[i].End = d.Sections[i+1].Start
		} else {
			d.Sections[i].End = len(d.Text)
		}
	}
	for _, t := range targets {
		at := strings.Index(d.Text, t.text)
		if at < 0 {
			return d, fmt.Errorf("target text %q not in the document", t.text)
		}
		t.t.Text = t.text
		for _, s := range d.Sections {
			if s.Start <= at && at < s.End {
				t.t.Section = s.ID
			}
		}
		d.Targets = append(d.Targets, t.t)
	}
	if tl := r.fields["topics"]; tl != "" {
		d.Topics = splitList(tl)
	} else {
		d.Topics = docTopics(d)
	}
	return d, nil
}

// docTopics is the union of the topics of d's sections, calendar entries
// and targets, in the topics' order.
func docTopics(d corpus.Document) []string {
	var ts []string
	add := func(l []string) {
		for _, t := range l {
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	for _, s := range d.Sections {
		add(s.Topics)
	}
	for _, e := range d.Calendar {
		add(e.Topics)
	}
	for _, t := range d.Targets {
		add(t.Topics)
	}
	slices.SortFunc(ts, func(a, b string) int { return corpus.TopicOrder(a) - corpus.TopicOrder(b) })
	return ts
}
