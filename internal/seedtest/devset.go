package seedtest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"plans/corpus"
)

// A development page is one file holding a page as it would be imported
// and, after a line "#### labels", its labels in a compact form of the
// seeds' schema:
//
//	script: traditional
//	noise: 下载本文档
//	part: 2019年城西小学工会工作计划
//	kind: plan            (plan, summary, points, other; "other" is not relevant)
//	relevant: false       (only needed for a plan/summary that is not relevant)
//	year: 2019            (omitted: the page states none)
//	org: 城西小学          (omitted: the page states none)
//	topics: women welfare
//	h1 ideology: 一、指导思想
//	h2 work women,welfare: （一）关心女教职工
//	h3? work: 1、optional list item
//	cal 9,10: 开学初
//	target: 入会率达100%
//	why: free text
//
// Lines before the first "part:" describe the file; the others the part
// they follow.

// DevPage is one page of the development set.
type DevPage struct {
	Name   string
	Text   string
	Labels Labels
}

const labelsMark = "#### labels"

// ParseDevPage reads one development page.
func ParseDevPage(name, data string) (DevPage, error) {
	text, lab, ok := strings.Cut(data, "\n"+labelsMark+"\n")
	if !ok {
		return DevPage{}, fmt.Errorf("%s: no %q line", name, labelsMark)
	}
	p := DevPage{Name: name, Text: text, Labels: Labels{File: name, Script: "simplified"}}
	var part *Part
	for n, ln := range strings.Split(lab, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" || strings.HasPrefix(ln, "//") {
			continue
		}
		key, val, ok := strings.Cut(ln, ":")
		if !ok {
			return DevPage{}, fmt.Errorf("%s: label line %d has no colon: %q", name, n+1, ln)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if err := p.setLabel(&part, key, val); err != nil {
			return DevPage{}, fmt.Errorf("%s: label line %d %q: %w", name, n+1, ln, err)
		}
	}
	if len(p.Labels.Parts) == 0 {
		return DevPage{}, fmt.Errorf("%s: no part", name)
	}
	for _, pt := range p.Labels.Parts {
		if pt.Kind == "" {
			return DevPage{}, fmt.Errorf("%s: part %q has no kind", name, pt.Title)
		}
	}
	return p, nil
}

var validTags = map[string]bool{"ideology": true, "goals": true, "work": true, "calendar": true, "achievements": true, "problems": true, "next-steps": true, "other": true}

var validKinds = map[string]bool{"plan": true, "summary": true, "points": true, "other": true}

func (p *DevPage) setLabel(part **Part, key, val string) error {
	switch key {
	case "script":
		p.Labels.Script = val
		return nil
	case "noise":
		p.Labels.Noise = append(p.Labels.Noise, val)
		return nil
	case "notes":
		p.Labels.Notes = val
		return nil
	case "part":
		p.Labels.Parts = append(p.Labels.Parts, Part{Title: val})
		*part = &p.Labels.Parts[len(p.Labels.Parts)-1]
		return nil
	}
	pt := *part
	if pt == nil {
		return fmt.Errorf("%s before the first part", key)
	}
	switch {
	case key == "kind":
		if !validKinds[val] {
			return fmt.Errorf("unknown kind %q", val)
		}
		pt.Kind = val
		pt.Relevant = val != "other"
	case key == "relevant":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return err
		}
		pt.Relevant = b
	case key == "year":
		y, err := strconv.Atoi(val)
		if err != nil {
			return err
		}
		pt.Year = &y
	case key == "org":
		pt.Org = &val
	case key == "topics":
		pt.Topics = strings.Fields(val)
	case key == "target":
		pt.Targets = append(pt.Targets, val)
	case key == "why":
		pt.Why = val
	case strings.HasPrefix(key, "cal "):
		var months []int
		for _, f := range strings.Split(strings.TrimPrefix(key, "cal "), ",") {
			m, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || m < 1 || m > 12 {
				return fmt.Errorf("bad month %q", f)
			}
			months = append(months, m)
		}
		pt.Calendar = append(pt.Calendar, Calendar{Months: months, Starts: val})
	case strings.HasPrefix(key, "h"):
		f := strings.Fields(key)
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("a heading is written h<depth>[?] <tag> [topic,topic]")
		}
		d := strings.TrimPrefix(f[0], "h")
		s := Section{Heading: val}
		if strings.HasSuffix(d, "?") {
			s.Optional = true
			d = strings.TrimSuffix(d, "?")
		}
		depth, err := strconv.Atoi(d)
		if err != nil || depth < 1 {
			return fmt.Errorf("bad depth %q", f[0])
		}
		s.Depth = depth
		if !validTags[f[1]] {
			return fmt.Errorf("unknown tag %q", f[1])
		}
		s.Tag = f[1]
		if len(f) == 3 {
			s.Topics = strings.Split(f[2], ",")
		}
		pt.Sections = append(pt.Sections, s)
	default:
		return fmt.Errorf("unknown label %q", key)
	}
	return nil
}

// LoadDevSet reads every *.txt page of dir, sorted by name.
func LoadDevSet(t testing.TB, dir string) []DevPage {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var pages []DevPage
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseDevPage(filepath.Base(n), string(b))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		t.Fatalf("no development pages in %s", dir)
	}
	return pages
}

// FileReport scores what a whole file splits into and how clean it is, on
// top of Score: the split is right when the file gives as many documents as
// it has labelled parts (each part is matched to a document by Score); a
// noise leak is a labelled
// noise string still in a document's title or text.
type FileReport struct {
	Report
	Files, SplitRight int
	NoiseLeaks        int
	LeakFiles         int
	CalendarGot       int // calendar entries of all documents
}

// Add merges another file report into r.
func (r *FileReport) Add(o FileReport) {
	r.Report.Add(o.Report)
	r.Files += o.Files
	r.SplitRight += o.SplitRight
	r.NoiseLeaks += o.NoiseLeaks
	r.LeakFiles += o.LeakFiles
	r.CalendarGot += o.CalendarGot
}

// ScoreFile is Score plus the split and the noise of one file.
func ScoreFile(labels Labels, docs []corpus.Document) FileReport {
	r := FileReport{Report: Score(labels, docs), Files: 1}
	for _, d := range docs {
		r.CalendarGot += len(d.Calendar)
	}
	if len(docs) == len(labels.Parts) {
		r.SplitRight++
	} else {
		var got []string
		for _, d := range docs {
			got = append(got, d.Title)
		}
		r.Misses = append(r.Misses, fmt.Sprintf("%s: split into %q", labels.File, got))
	}
	leaks := 0
	for _, n := range labels.Noise {
		for _, d := range docs {
			if strings.Contains(d.Title, n) || strings.Contains(d.Text, n) {
				leaks++
				r.Misses = append(r.Misses, fmt.Sprintf("%s: noise left in part %d: %q", labels.File, d.Part, n))
				break
			}
		}
	}
	r.NoiseLeaks = leaks
	if leaks > 0 {
		r.LeakFiles = 1
	}
	return r
}

// Metrics are the measures of the understanding issue's table.
type Metrics struct {
	HeadingRecall, TagAccuracy, SectionTopicF1, DocTopicF1 float64
	HeadingPrecision                                       float64 // top-level headings found that the labels have
	CalendarF1, TargetRecall                               float64
	Kind, Year, Org, Split                                 float64
	NoiseLeaks                                             int
}

// Metrics computes the table's measures. Calendar F1 counts a labelled
// entry found with its months as a true positive and every other entry
// found as a false positive.
func (r FileReport) Metrics() Metrics {
	fp := r.CalendarGot - r.CalendarFound
	if fp < 0 {
		fp = 0
	}
	return Metrics{
		HeadingRecall:    ratio(r.HeadingsFound, r.Headings),
		HeadingPrecision: ratio(r.HeadingsFound, r.HeadingsFound+r.ExtraTop),
		TagAccuracy:      r.TagAccuracy(),
		SectionTopicF1:   r.SectionTopicF1(),
		DocTopicF1:       r.DocTopicF1(),
		CalendarF1:       f1(r.CalendarFound, fp, r.Calendar-r.CalendarFound),
		TargetRecall:     ratio(r.TargetsFound, r.Targets),
		Kind:             ratio(r.KindsRight, r.Kinds),
		Year:             ratio(r.YearsRight, r.Years),
		Org:              ratio(r.OrgsRight, r.Orgs),
		Split:            ratio(r.SplitRight, r.Files),
		NoiseLeaks:       r.NoiseLeaks,
	}
}

// Goals are the goal column of the understanding issue.
var Goals = Metrics{
	HeadingRecall: 0.95, HeadingPrecision: 0.98, TagAccuracy: 0.95, SectionTopicF1: 0.85, DocTopicF1: 0.90,
	CalendarF1: 0.97, TargetRecall: 0.90, Kind: 0.95, Year: 0.95, Org: 0.85, Split: 0.95,
	NoiseLeaks: 0,
}

// Short lists the measures of m below those of want.
func (m Metrics) Short(want Metrics) []string {
	var out []string
	check := func(name string, got, goal float64) {
		if got < goal {
			out = append(out, fmt.Sprintf("%s %.3f < %.3f", name, got, goal))
		}
	}
	check("heading recall", m.HeadingRecall, want.HeadingRecall)
	check("heading precision", m.HeadingPrecision, want.HeadingPrecision)
	check("tag accuracy", m.TagAccuracy, want.TagAccuracy)
	check("section topic F1", m.SectionTopicF1, want.SectionTopicF1)
	check("doc topic F1", m.DocTopicF1, want.DocTopicF1)
	check("calendar F1", m.CalendarF1, want.CalendarF1)
	check("target recall", m.TargetRecall, want.TargetRecall)
	check("kind", m.Kind, want.Kind)
	check("year", m.Year, want.Year)
	check("org", m.Org, want.Org)
	check("split", m.Split, want.Split)
	if m.NoiseLeaks > want.NoiseLeaks {
		out = append(out, fmt.Sprintf("noise leaks %d > %d", m.NoiseLeaks, want.NoiseLeaks))
	}
	return out
}

// String prints the measures as a table row.
func (m Metrics) String() string {
	return fmt.Sprintf("heading recall %.3f | precision %.3f | tags %.3f | section topics F1 %.3f | doc topics F1 %.3f | calendar F1 %.3f | targets %.3f | kind %.3f | year %.3f | org %.3f | split %.3f | noise leaks %d",
		m.HeadingRecall, m.HeadingPrecision, m.TagAccuracy, m.SectionTopicF1, m.DocTopicF1, m.CalendarF1, m.TargetRecall, m.Kind, m.Year, m.Org, m.Split, m.NoiseLeaks)
}
