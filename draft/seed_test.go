package draft

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"plans/corpus"
	"plans/internal/seedtest"
	"plans/script"
)

// seedDocuments builds understood documents from the seeds and their gold
// labels, as the pipeline would: each labelled part is cut from its file
// at its title, each labelled heading found in the text, calendar entries
// at their first words. The seed text is read at test time, never copied.
func seedDocuments(t *testing.T, conv *script.Converter) []corpus.Document {
	t.Helper()
	var docs []corpus.Document
	for _, seed := range seedtest.Load(t) {
		text := seed.Text
		// Where each part starts: at its title, searched in order.
		starts := make([]int, len(seed.Labels.Parts))
		at := 0
		for i, p := range seed.Labels.Parts {
			j := strings.Index(text[at:], p.Title)
			if j < 0 {
				t.Fatalf("%s: title %q not found", seed.Name, p.Title)
			}
			if len(seed.Labels.Parts) == 1 {
				j = -at // a one-part file is all of it
			}
			starts[i] = at + j
			at += j + len(p.Title)
		}
		for i, p := range seed.Labels.Parts {
			end := len(text)
			if i+1 < len(starts) {
				end = starts[i+1]
			}
			id := strings.TrimSuffix(seed.Name, ".txt")[:3] + "-" + strconv.Itoa(i+1)
			docs = append(docs, seedDocument(t, id, seed.Name, i+1, p, text[starts[i]:end], conv))
		}
	}
	return docs
}

var seedTargetRE = regexp.MustCompile(`(\p{Han}{1,3}[率面])\D*?([0-9]+)%`)

func seedDocument(t *testing.T, id, source string, part int, p seedtest.Part, text string, conv *script.Converter) corpus.Document {
	d := corpus.Document{ID: id, Source: source, Part: part, Title: p.Title, Kind: corpus.Kind(p.Kind),
		Relevant: p.Relevant, Text: text, Simplified: conv.Simplify(text), Script: conv.Detect(text),
		Topics: p.Topics}
	if p.Year != nil {
		d.Year = *p.Year
	}
	if p.Org != nil {
		d.Org = *p.Org
	}
	simp := conv.Simplify(p.Title + d.Org)
	switch {
	case strings.Contains(simp, "幼儿园"):
		d.OrgType = corpus.OrgKindergarten
	case strings.Contains(simp, "职业"):
		d.OrgType = corpus.OrgVocational
	case strings.Contains(simp, "中学"):
		d.OrgType = corpus.OrgMiddle
	case strings.Contains(simp, "教育工会"):
		d.OrgType = corpus.OrgEducationUnion
	default:
		d.OrgType = corpus.OrgUnknown
	}
	at := 0
	for i, s := range p.Sections {
		j := strings.Index(text[at:], s.Heading)
		if j < 0 {
			t.Fatalf("%s: heading %q not found", id, s.Heading)
		}
		sec := corpus.Section{ID: corpus.SectionID(id, i+1), Depth: s.Depth, Heading: s.Heading,
			Tag: corpus.Tag(s.Tag), Topics: s.Topics, Start: at + j}
		for k := len(d.Sections) - 1; k >= 0; k-- {
			if d.Sections[k].Depth < s.Depth {
				sec.Parent = d.Sections[k].ID
				break
			}
		}
		d.Sections = append(d.Sections, sec)
		at += j + len(s.Heading)
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		s.End = len(text)
		if i+1 < len(d.Sections) {
			s.End = d.Sections[i+1].Start
		}
		s.Text = strings.TrimSpace(text[s.Start+len(s.Heading) : s.End])
	}
	var calendar string
	from := 0
	for _, s := range d.Sections {
		if s.Tag == corpus.TagCalendar {
			calendar, from = s.ID, s.Start
		}
	}
	for _, c := range p.Calendar {
		j := strings.Index(text[from:], c.Starts)
		if j < 0 {
			t.Fatalf("%s: calendar entry %q not found", id, c.Starts)
		}
		j += from
		from = j
		lineStart := strings.LastIndex(text[:j], "\n") + 1
		lineEnd := len(text)
		if k := strings.Index(text[j:], "\n"); k >= 0 {
			lineEnd = j + k
		}
		line := strings.TrimSpace(text[lineStart:lineEnd])
		label := ""
		if k := strings.IndexAny(line, "：:"); k >= 0 && k < j-lineStart+1 {
			label = line[:k]
		}
		d.Calendar = append(d.Calendar, corpus.CalendarEntry{Months: c.Months, Label: label,
			Text: line, Activities: splitActivities(line), Section: calendar})
	}
	for _, tg := range p.Targets {
		m := seedTargetRE.FindStringSubmatch(tg)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		op := "="
		if strings.Contains(tg, "以上") || strings.Contains(tg, "达") {
			op = ">="
		}
		d.Targets = append(d.Targets, corpus.Target{Text: tg, Metric: m[1], Value: v, Unit: "%", Op: op})
	}
	return d
}

// The acceptance run: drafting 长沙市信息职业技术学校's 2013 plan from the
// seeds starts from seed 002, rolls 2012 forward, flags stale references,
// fills all twelve months, cites real sections and lists gaps.
func TestSeeds(t *testing.T) {
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := seedDocuments(t, conv)
	d := build(t, docs, Options{Org: "长沙市信息职业技术学校", Year: 2013, Simplify: conv.Simplify})
	if d.Base == nil || !strings.HasPrefix(d.Base.DocID, "002-") {
		t.Fatalf("base = %+v, want seed 002", d.Base)
	}
	if d.Title != "长沙市信息职业技术学校2013年工会工作计划" {
		t.Errorf("title %q", d.Title)
	}
	checkCitations(t, docs, d)

	// The skeleton follows 002: its ideology, its goal groups, its areas.
	if p := d.Sections[0].Paragraphs; len(p) == 0 || !strings.HasPrefix(p[0].Text, "以邓小平理论") {
		t.Errorf("指导思想 does not start from 002: %+v", p)
	}
	var groups []string
	for _, s := range d.Sections[1].Sections {
		groups = append(groups, s.Heading)
	}
	if len(groups) < 2 || groups[0] != "增强三个意识" || groups[1] != "营造五种氛围" {
		t.Errorf("工作目标 groups %q, want 002's", groups)
	}
	if first := d.Sections[2].Sections[0]; first.Topic != "democratic-management" || first.Items[0].From != FromBase {
		t.Errorf("first work area %s (%s), want 002's 民主管理", first.Topic, first.Items[0].From)
	}

	// Every month is filled, the base's own activities first.
	for _, m := range d.Calendar {
		if len(m.Activities) == 0 || m.Activities[0].From != FromBase {
			t.Errorf("%s: %+v, want the base's activity first", m.Label, m.Activities)
		}
	}

	// Time-bound references of the sources are flagged.
	stale := map[string]int{}
	for _, f := range d.Flags {
		stale[f.Kind]++
	}
	if stale[FlagPastYear]+stale[FlagCongress]+stale[FlagCampaign] == 0 {
		t.Errorf("no stale reference flagged: %v", stale)
	}
	// Peers are of the base's kind (a vocational school) or of the kinds
	// next to it, never enterprises.
	kinds := append([]corpus.OrgType{corpus.OrgVocational}, RelatedTypes(corpus.OrgVocational)...)
	for _, k := range d.PeerTypes {
		if !slices.Contains(kinds, k) {
			t.Errorf("peers taken from %s", k)
		}
	}
	for _, it := range allItems(d) {
		for _, c := range it.Citations {
			if doc := findDoc(docs, c.DocID); doc.Org == "" || !slices.Contains(d.PeerTypes, doc.OrgType) && c.DocID != d.Base.DocID && doc.Org != d.Base.Org {
				t.Errorf("item %q cites %s (%s, %q)", it.Text, c.DocID, doc.OrgType, doc.Org)
			}
		}
	}
	for _, g := range d.Gaps {
		if g.Peers < 2 || float64(g.Peers) < DefaultOptions().GapShare*float64(g.Of) {
			t.Errorf("gap %s covered by only %d/%d peers", g.Name, g.Peers, g.Of)
		}
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d peers (%d documents), %d flags %v, gaps %+v", d.Peers, d.PeerDocs, len(d.Flags), stale, d.Gaps)
	if testing.Verbose() {
		t.Logf("draft:\n%s", md.String())
	}
}
