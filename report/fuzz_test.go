package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"plans/corpus"
)

// fuzzSeeds are texts from the fixtures: whole documents, headings and
// calendar lines.
func fuzzSeeds(f *testing.F) []string {
	var out []string
	for _, d := range loadFixtures(f) {
		out = append(out, d.Text)
		for _, s := range d.Sections {
			out = append(out, s.Heading)
		}
		for _, e := range d.Calendar {
			out = append(out, e.Text)
		}
	}
	return append(out, "", "（", "一、", "①②③", "第", "\xff\xfe", strings.Repeat("，", 200), "(1)(2)(3)四、五是")
}

func FuzzSplitUnits(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// A rune-aligned second view, as Simplified is.
		view := strings.Map(unicode.ToUpper, text)
		if utf8.RuneCountInString(view) != utf8.RuneCountInString(text) {
			view = text
		}
		for _, simp := range []string{text, view} {
			prev := 0
			for _, u := range splitUnits(text, simp) {
				if u.start < prev || u.start >= u.end || u.end > len(text) {
					t.Fatalf("unit [%d,%d) after %d in a text of %d bytes", u.start, u.end, prev, len(text))
				}
				if utf8.ValidString(text) && (!utf8.RuneStart(text[u.start]) || (u.end < len(text) && !utf8.RuneStart(text[u.end]))) {
					t.Fatalf("unit [%d,%d) cuts a rune", u.start, u.end)
				}
				if u.chars < minUnitChars || u.chars != utf8.RuneCountInString(u.norm) || !utf8.ValidString(u.norm) {
					t.Fatalf("unit of %d chars, norm %q", u.chars, u.norm)
				}
				prev = u.end
			}
		}
	})
}

func FuzzStripNumber(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := stripNumber(s)
		if !strings.HasSuffix(s, got) {
			t.Fatalf("stripNumber(%q) = %q, not a suffix", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("stripNumber(%q) = %q, invalid UTF-8", s, got)
		}
		if again := stripNumber(got); again != got {
			t.Fatalf("stripNumber is not idempotent: %q → %q → %q", s, got, again)
		}
	})
}

func FuzzActivityLabels(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range entryActivities(corpus.CalendarEntry{Text: s}) {
			for _, k := range activityLabels(a) {
				n := utf8.RuneCountInString(k.label)
				if n < 2 || (k.topic == "" && n > 16) {
					t.Fatalf("label %q of %q", k.label, a)
				}
				if utf8.ValidString(s) && !utf8.ValidString(k.label) {
					t.Fatalf("label %q is not valid UTF-8", k.label)
				}
			}
		}
	})
}

// FuzzBuild runs the whole report on two documents made from the input:
// no panic, occurrences in bounds, valid JSON.
func FuzzBuild(f *testing.F) {
	seeds := fuzzSeeds(f)
	for i := range seeds {
		f.Add(seeds[i], seeds[(i+1)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		mk := func(id, text string, year int) corpus.Document {
			return corpus.Document{ID: id, Source: id, Part: 1, Title: text[:min(len(text), 20)], Kind: corpus.KindPlan,
				Relevant: true, Org: "某校", Year: year, Topics: []string{"welfare"}, Text: text, Simplified: text,
				Sections: []corpus.Section{{ID: id + "/s1", Depth: 1, Heading: text[:min(len(text), 12)], Tag: corpus.TagWork,
					Topics: []string{"welfare"}, Text: text}},
				Calendar: []corpus.CalendarEntry{{Months: []int{3, 13, 0}, Text: text}},
				Targets:  []corpus.Target{{Text: text, Metric: text[:min(len(text), 6)], Value: float64(len(text)), Unit: "%"}}}
		}
		docs := []corpus.Document{mk("a-1", a, 2011), mk("b-1", b, 2012), mk("c-1", a+"\n"+b, 2013)}
		o := DefaultOptions()
		o.Words = standInWords
		o.Org = "某校"
		r, err := Build(docs, o)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, docs, r)
		var buf bytes.Buffer
		if err := WriteJSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatalf("invalid JSON")
		}
		if err := WriteMarkdown(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&buf, r); err != nil {
			t.Fatal(err)
		}
	})
}
