// Package corpusfix reads the hand-written corpora of the tests
// (draft/testdata/corpus.txt, report/testdata/corpus.txt): plans and
// summaries written as plain lines with their structure marked, turned into
// the corpus.Document values the import pipeline would have made of them.
// The tests read the text directly; there is no generated copy to keep in
// step.
//
// # The language
//
// Lines before the first document are comments. A document starts with
//
//	=== key
//
// (the key names the document in error messages and must be unique), then
// "field: value" lines, then a line "---" and the document's body, up to
// the next "===" line or the end of the file.
//
// Fields (all optional except source):
//
//	id        the document id; default corpus.DocumentID("fixtures/"+source, part)
//	source    the file the document came from
//	part      the part of the file (default 1)
//	title     the title
//	kind      plan, summary, points or other (default plan)
//	relevant  true or false (default true, false for kind other)
//	script    simplified (default) or traditional: a traditional document
//	          is written in simplified characters here and converted (its
//	          source, title, org, headings, body, calendar lines, target
//	          metrics and texts) with package script
//	year      the year (default none)
//	org       the organisation (default none)
//	org_type  a corpus.OrgType (default unknown)
//	format    the file format (txt, docx, …)
//	encoding  the encoding of a text file (default none)
//	topics    the document's topics; default the union of the topics of its
//	          sections, calendar lines and targets, in corpus.Topics order
//
// In the body every line is one line of the document's text, except target
// lines, which describe the text and are not part of it:
//
//	# heading | tag | topic,topic
//	        a section heading; the number of "#" is its depth (a depth-n
//	        heading needs a heading of depth n-1 above it), tag a corpus.Tag,
//	        the topics corpus.Topics ids (the "| topics" part may be left
//	        out). The section's number is read from the heading: 一、, 1、,
//	        1. or （一）, （1）.
//	@cal months | label：activities | topics
//	        a calendar line of the current section; months is a list such as
//	        3, 7-8 or 7,8; the line's text is split at "：" into the entry's
//	        label and text, whose activities end at "；" or "。" (the
//	        "| topics" part may be left out)
//	@target metric value unit op | topics | text
//	        a target; op is >=, = or <=, topics may be empty; text must be
//	        found in the document's text (its first occurrence counts), and
//	        the target belongs to the section there
//	any other line
//	        a line of text, part of the current section's body
//
// A line starting with "===" always starts a document; a line starting with
// "@" must be one of the two above. Blank lines at the end of a document
// are dropped (they separate documents); other blank lines stay in the text
// but not in a section's body, whose lines are trimmed. A section's Start is where its heading begins, its End where its
// last non-blank line before the next heading ends (as the outline stage
// reports them). Every document also gets its simplified view, as the
// pipeline would fill it in.
package corpusfix

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/zhtext"
	"plans/script"
)

// Error is a malformed line of a fixture file.
type Error struct {
	File string // the name given to Parse
	Line int    // 1-based
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Load reads the fixture file at path, failing the test if it is malformed.
func Load(t testing.TB, path string) []corpus.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Parse(path, string(b))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// Parse reads the fixture text src; name (a file name) is used in errors.
// It returns the first malformed line as an *Error.
func Parse(name, src string) ([]corpus.Document, error) {
	conv, err := script.Default()
	if err != nil {
		return nil, err
	}
	raws, err := split(name, src)
	if err != nil {
		return nil, err
	}
	docs := make([]corpus.Document, 0, len(raws))
	ids := map[string]string{}
	for _, r := range raws {
		d, err := r.build(conv)
		if err != nil {
			return nil, err
		}
		if other, ok := ids[d.ID]; ok {
			return nil, r.errorf(r.line, "document id %s is also the id of %s", d.ID, other)
		}
		ids[d.ID] = r.key
		docs = append(docs, d)
	}
	return docs, nil
}

// line is one line of a fixture file with its number.
type line struct {
	n    int
	text string
}

// rawDoc is a document as written: its fields and body lines.
type rawDoc struct {
	file   string
	key    string
	line   int // of the "===" line
	fields map[string]line
	body   []line
}

func (r *rawDoc) errorf(n int, format string, args ...any) error {
	return &Error{File: r.file, Line: n, Msg: fmt.Sprintf(format, args...)}
}

var fieldNames = []string{"id", "source", "part", "title", "kind", "relevant", "script",
	"year", "org", "org_type", "format", "encoding", "topics"}

// split cuts src into documents and reads their fields.
func split(name, src string) ([]*rawDoc, error) {
	var docs []*rawDoc
	var cur *rawDoc
	inBody := false
	keys := map[string]int{}
	for i, text := range strings.Split(src, "\n") {
		n := i + 1
		text = strings.TrimSuffix(text, "\r")
		if !utf8.ValidString(text) {
			return nil, &Error{File: name, Line: n, Msg: "not UTF-8"}
		}
		if key, ok := strings.CutPrefix(text, "==="); ok {
			key = strings.TrimSpace(key)
			if key == "" {
				return nil, &Error{File: name, Line: n, Msg: `a document starts with "=== key"; the key is missing`}
			}
			if at, dup := keys[key]; dup {
				return nil, &Error{File: name, Line: n, Msg: fmt.Sprintf("document %s was already started on line %d", key, at)}
			}
			keys[key] = n
			cur = &rawDoc{file: name, key: key, line: n, fields: map[string]line{}}
			docs = append(docs, cur)
			inBody = false
			continue
		}
		switch {
		case cur == nil:
			// comments before the first document
		case inBody:
			cur.body = append(cur.body, line{n, text})
		case text == "---":
			inBody = true
			if _, ok := cur.fields["source"]; !ok {
				return nil, cur.errorf(n, "document %s has no source field", cur.key)
			}
		case strings.TrimSpace(text) == "":
			// blank lines between fields
		default:
			k, v, ok := strings.Cut(text, ":")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok {
				return nil, cur.errorf(n, `want "field: value" or "---", got %q`, text)
			}
			if !slices.Contains(fieldNames, k) {
				return nil, cur.errorf(n, "unknown field %q (fields: %s)", k, strings.Join(fieldNames, ", "))
			}
			if prev, dup := cur.fields[k]; dup {
				return nil, cur.errorf(n, "field %s is already set on line %d", k, prev.n)
			}
			cur.fields[k] = line{n, v}
		}
	}
	if cur != nil && !inBody {
		return nil, cur.errorf(cur.line, `document %s has no "---" line before its body`, cur.key)
	}
	return docs, nil
}

// target is a target line waiting for the whole text.
type target struct {
	t corpus.Target
	n int
}

// builder holds a document while its body is read.
type builder struct {
	r    *rawDoc
	d    corpus.Document
	tr   func(string) string
	text strings.Builder
	// per section: its non-blank lines and where its last one ends
	body    [][]string
	lastEnd []int
	targets []target
	lines   int // lines written to text
}

// newLine starts a line of the text.
func (b *builder) newLine() {
	if b.lines > 0 {
		b.text.WriteByte('\n')
	}
	b.lines++
}

func (r *rawDoc) build(conv *script.Converter) (corpus.Document, error) {
	b := &builder{r: r, tr: func(s string) string { return s }}
	f := func(k string) string { return r.fields[k].text }
	d := &b.d
	d.Source, d.Title, d.Org, d.Format, d.Encoding = f("source"), f("title"), f("org"), f("format"), f("encoding")
	d.Part = 1
	if v, ok := r.fields["part"]; ok {
		p, err := strconv.Atoi(v.text)
		if err != nil || p < 1 {
			return *d, r.errorf(v.n, "part %q is not a number from 1", v.text)
		}
		d.Part = p
	}
	if v, ok := r.fields["year"]; ok {
		y, err := strconv.Atoi(v.text)
		if err != nil || y < 1900 || y > 2100 {
			return *d, r.errorf(v.n, "year %q is not a year from 1900 to 2100", v.text)
		}
		d.Year = y
	}
	d.Kind = corpus.KindPlan
	if v, ok := r.fields["kind"]; ok {
		d.Kind = corpus.Kind(v.text)
		if _, known := corpus.KindNames[d.Kind]; !known {
			return *d, r.errorf(v.n, "unknown kind %q", v.text)
		}
	}
	d.Relevant = d.Kind != corpus.KindOther
	if v, ok := r.fields["relevant"]; ok {
		rel, err := strconv.ParseBool(v.text)
		if err != nil {
			return *d, r.errorf(v.n, "relevant %q is neither true nor false", v.text)
		}
		d.Relevant = rel
	}
	d.OrgType = corpus.OrgUnknown
	if v, ok := r.fields["org_type"]; ok {
		d.OrgType = corpus.OrgType(v.text)
		if _, known := corpus.OrgTypeNames[d.OrgType]; !known {
			return *d, r.errorf(v.n, "unknown org_type %q", v.text)
		}
	}
	d.Script = corpus.Simplified
	if v, ok := r.fields["script"]; ok {
		switch corpus.Script(v.text) {
		case corpus.Simplified:
		case corpus.Traditional:
			d.Script = corpus.Traditional
			b.tr = conv.Traditionalize
		default:
			return *d, r.errorf(v.n, "script %q is neither simplified nor traditional", v.text)
		}
	}
	d.ID = corpus.DocumentID("fixtures/"+d.Source, d.Part)
	if v, ok := r.fields["id"]; ok {
		if v.text == "" {
			return *d, r.errorf(v.n, "empty id")
		}
		d.ID = v.text
	}
	d.Source, d.Title, d.Org = b.tr(d.Source), b.tr(d.Title), b.tr(d.Org)
	d.Sections, d.Calendar, d.Targets, d.Warnings = []corpus.Section{}, []corpus.CalendarEntry{}, []corpus.Target{}, []string{}

	body := r.body
	for len(body) > 0 && strings.TrimSpace(body[len(body)-1].text) == "" {
		body = body[:len(body)-1]
	}
	for _, l := range body {
		var err error
		switch {
		case strings.HasPrefix(l.text, "#"):
			err = b.heading(l)
		case strings.HasPrefix(l.text, "@cal "):
			err = b.calendar(l)
		case strings.HasPrefix(l.text, "@target "):
			err = b.target(l)
		case strings.HasPrefix(l.text, "@"):
			err = r.errorf(l.n, `unknown line %q: "@cal" and "@target" lines are the only ones starting with "@"`, l.text)
		default:
			b.add(b.tr(l.text))
		}
		if err != nil {
			return *d, err
		}
	}
	return b.finish(conv)
}

// add appends a line to the text and to the current section's body.
func (b *builder) add(s string) {
	b.newLine()
	b.text.WriteString(s)
	if len(b.body) == 0 || zhtext.TrimSpace(s) == "" {
		return
	}
	i := len(b.body) - 1
	b.body[i] = append(b.body[i], zhtext.TrimSpace(s))
	b.lastEnd[i] = b.text.Len()
}

// fields splits a marked line into its "|" parts, trimmed.
func fields(s string) []string {
	f := strings.Split(s, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// topics reads a list of topic ids.
func (b *builder) topics(n int, s string) ([]string, error) {
	out := []string{}
	for _, t := range strings.Split(s, ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if corpus.TopicOrder(t) == len(corpus.Topics) {
			return nil, b.r.errorf(n, "unknown topic %q", t)
		}
		if slices.Contains(out, t) {
			return nil, b.r.errorf(n, "topic %s given twice", t)
		}
		out = append(out, t)
	}
	return out, nil
}

func (b *builder) heading(l line) error {
	d := &b.d
	depth := len(l.text) - len(strings.TrimLeft(l.text, "#"))
	f := fields(l.text[depth:])
	if len(f) < 2 || len(f) > 3 || f[0] == "" {
		return b.r.errorf(l.n, `want "%s heading | tag | topics", got %q`, strings.Repeat("#", depth), l.text)
	}
	parent := ""
	for i := len(d.Sections) - 1; i >= 0; i-- {
		if d.Sections[i].Depth < depth {
			if d.Sections[i].Depth != depth-1 {
				break
			}
			parent = d.Sections[i].ID
			break
		}
	}
	if depth > 1 && parent == "" {
		return b.r.errorf(l.n, "a heading of depth %d needs a heading of depth %d above it", depth, depth-1)
	}
	tag := corpus.Tag(f[1])
	if _, known := corpus.TagNames[tag]; !known {
		return b.r.errorf(l.n, "unknown tag %q", f[1])
	}
	topics := []string{}
	if len(f) == 3 {
		var err error
		if topics, err = b.topics(l.n, f[2]); err != nil {
			return err
		}
	}
	h := b.tr(f[0])
	b.newLine()
	s := corpus.Section{
		ID: corpus.SectionID(d.ID, len(d.Sections)+1), Parent: parent, Depth: depth,
		Number: number(h), Heading: h, Tag: tag, Topics: topics, Start: b.text.Len(),
	}
	d.Sections = append(d.Sections, s)
	b.text.WriteString(h)
	b.body = append(b.body, nil)
	b.lastEnd = append(b.lastEnd, b.text.Len())
	return nil
}

func (b *builder) calendar(l line) error {
	f := fields(strings.TrimPrefix(l.text, "@cal "))
	if len(f) < 2 || len(f) > 3 {
		return b.r.errorf(l.n, `want "@cal months | label：activities | topics", got %q`, l.text)
	}
	months, err := parseMonths(f[0])
	if err != nil {
		return b.r.errorf(l.n, "%v in %q", err, l.text)
	}
	text := b.tr(f[1])
	label, rest, ok := strings.Cut(text, "：")
	if !ok || label == "" {
		return b.r.errorf(l.n, "calendar line %q has no label before \"：\"", f[1])
	}
	topics := []string{}
	if len(f) == 3 {
		if topics, err = b.topics(l.n, f[2]); err != nil {
			return err
		}
	}
	e := corpus.CalendarEntry{Months: months, Label: label, Text: rest,
		Activities: strings.FieldsFunc(rest, func(r rune) bool { return r == '；' || r == '。' }), Topics: topics}
	if e.Activities == nil {
		e.Activities = []string{}
	}
	if len(b.d.Sections) > 0 {
		e.Section = b.d.Sections[len(b.d.Sections)-1].ID
	}
	b.d.Calendar = append(b.d.Calendar, e)
	b.add(text)
	return nil
}

// parseMonths reads "3", "7-8" or "7,8" (or a mix, "2,7-8").
func parseMonths(s string) ([]int, error) {
	var out []int
	month := func(s string) (int, error) {
		m, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || m < 1 || m > 12 {
			return 0, fmt.Errorf("month %q is not a number from 1 to 12", s)
		}
		return m, nil
	}
	for _, p := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(p, "-")
		a, err := month(from)
		if err != nil {
			return nil, err
		}
		z := a
		if isRange {
			if z, err = month(to); err != nil {
				return nil, err
			}
			if z <= a {
				return nil, fmt.Errorf("months %q do not run forward", p)
			}
		}
		for m := a; m <= z; m++ {
			if slices.Contains(out, m) {
				return nil, fmt.Errorf("month %d given twice", m)
			}
			out = append(out, m)
		}
	}
	return out, nil
}

func (b *builder) target(l line) error {
	f := fields(strings.TrimPrefix(l.text, "@target "))
	var head []string
	if len(f) == 3 {
		head = strings.Fields(f[0])
	}
	if len(head) != 4 || f[2] == "" {
		return b.r.errorf(l.n, `want "@target metric value unit op | topics | text", got %q`, l.text)
	}
	v, err := strconv.ParseFloat(head[1], 64)
	if err != nil {
		return b.r.errorf(l.n, "target value %q is not a number", head[1])
	}
	if op := head[3]; op != ">=" && op != "=" && op != "<=" {
		return b.r.errorf(l.n, "target op %q is not >=, = or <=", op)
	}
	topics, err := b.topics(l.n, f[1])
	if err != nil {
		return err
	}
	b.targets = append(b.targets, target{corpus.Target{
		Text: b.tr(f[2]), Metric: b.tr(head[0]), Value: v, Unit: head[2], Op: head[3], Topics: topics,
	}, l.n})
	return nil
}

// finish sets what needs the whole text: section ends and bodies, the
// targets' sections, the document's topics and its simplified view.
func (b *builder) finish(conv *script.Converter) (corpus.Document, error) {
	d := &b.d
	d.Text = b.text.String()
	for i := range d.Sections {
		s := &d.Sections[i]
		s.Text = strings.Join(b.body[i], "\n")
		s.End = b.lastEnd[i]
	}
	for _, t := range b.targets {
		at := strings.Index(d.Text, t.t.Text)
		if at < 0 {
			return *d, b.r.errorf(t.n, "target text %q is not in the text of %s", t.t.Text, b.r.key)
		}
		for _, s := range d.Sections {
			if s.Start <= at {
				t.t.Section = s.ID
			}
		}
		d.Targets = append(d.Targets, t.t)
	}
	if v, ok := b.r.fields["topics"]; ok {
		ts, err := b.topics(v.n, v.text)
		if err != nil {
			return *d, err
		}
		d.Topics = ts
	} else {
		d.Topics = docTopics(d)
	}
	d.Simplified = conv.Simplify(d.Text)
	return *d, nil
}

// docTopics is the union of the topics of d's sections, calendar entries
// and targets, in corpus.Topics order.
func docTopics(d *corpus.Document) []string {
	ts := []string{}
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

// number returns the numbering at the start of a heading: 一、 1、 1.
// （一） （1）, or "" when it has none.
func number(h string) string {
	if rest, ok := strings.CutPrefix(h, "（"); ok {
		if n, _, ok := strings.Cut(rest, "）"); ok && numeral(n) {
			return "（" + n + "）"
		}
		return ""
	}
	for i, r := range h {
		if r == '、' || r == '.' {
			if i > 0 && numeral(h[:i]) {
				return h[:i+utf8.RuneLen(r)]
			}
			return ""
		}
		if !numeral(string(r)) {
			return ""
		}
	}
	return ""
}

// numeral reports whether s is a number written in Arabic digits or
// Chinese numerals.
func numeral(s string) bool {
	_, ok := zhtext.ParseNumber(s)
	return ok
}
