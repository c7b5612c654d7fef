package classify

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"plans/corpus"
	"plans/script"
)

// dump renders what was understood of a document as readable text (for
// golden files and debugging).
func dump(d *corpus.Document) string {
	var b strings.Builder
	year := "null"
	if d.Year != 0 {
		year = strconv.Itoa(d.Year)
	}
	org := "null"
	if d.Org != "" {
		org = d.Org
	}
	fmt.Fprintf(&b, "kind: %s  relevant: %v  year: %s  org: %s  org_type: %s\n", d.Kind, d.Relevant, year, org, d.OrgType)
	fmt.Fprintf(&b, "topics: %s\n", strings.Join(d.Topics, ", "))
	if len(d.Sections) > 0 {
		b.WriteString("sections:\n")
	}
	for _, s := range d.Sections {
		inline := ""
		if s.Inline {
			inline = " (inline)"
		}
		num := s.Number
		if num == "" {
			num = "-"
		}
		fmt.Fprintf(&b, "%s[%s] %s%s | %s | %s\n", strings.Repeat("  ", s.Depth), num, s.Heading, inline, s.Tag, strings.Join(s.Topics, ","))
	}
	if len(d.Calendar) > 0 {
		b.WriteString("calendar:\n")
	}
	for _, e := range d.Calendar {
		sec := ""
		if s, ok := d.Section(e.Section); ok {
			sec = " @" + s.Heading
		}
		fmt.Fprintf(&b, "  %v %s%s | %s | %s\n", e.Months, e.Label, sec, strings.Join(e.Activities, " / "), strings.Join(e.Topics, ","))
	}
	if len(d.Targets) > 0 {
		b.WriteString("targets:\n")
	}
	for _, t := range d.Targets {
		fmt.Fprintf(&b, "  %s %s %g%s | %s | %s\n", t.Metric, t.Op, t.Value, t.Unit, t.Text, strings.Join(t.Topics, ","))
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

var (
	testOnce sync.Once
	testClf  *Classifier
	testConv *script.Converter
	testErr  error
)

// testSetup returns a classifier and a script converter shared by tests.
func testSetup(t testing.TB) (*Classifier, *script.Converter) {
	t.Helper()
	testOnce.Do(func() {
		testClf, testErr = New(DefaultOptions())
		if testErr == nil {
			testConv, testErr = script.Default()
		}
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testClf, testConv
}

// newDoc builds a document the way the pipeline hands it to Classify.
func newDoc(t testing.TB, id, title, text string) *corpus.Document {
	t.Helper()
	_, conv := testSetup(t)
	return &corpus.Document{ID: id, Title: title, Text: text, Simplified: conv.Simplify(text), Script: conv.Detect(text)}
}
