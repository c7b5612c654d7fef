package docx

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A level skipped by the list shows its start value in the deeper label
// and counts as used, as Word shows it: 1. / 1.a.i. / 1.b.
func TestNumberingSkippedLevel(t *testing.T) {
	nb := newNumbering()
	xml := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2."/><w:suff w:val="space"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2.%3."/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	if err := parseNumbering([]byte(xml), nb); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ilvl := range []int{0, 2, 1, 0, 1} {
		s, ok := nb.next("1", ilvl)
		if !ok {
			t.Fatalf("level %d not numbered", ilvl)
		}
		got = append(got, s)
	}
	if diff := cmp.Diff([]string{"1.", "1.a.i.", "1.b.", "2.", "2.a."}, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if s := nb.suffix("1", 1); s != "space" {
		t.Errorf("suffix %q, want space", s)
	}
	if s := nb.suffix("1", 0); s != "tab" {
		t.Errorf("suffix %q, want the default tab", s)
	}
}

// A list told to start at 0 shows 0 first, as Word does; so does a level
// without w:start, as the standard says and LibreOffice shows.
func TestNumberingStartsAtZero(t *testing.T) {
	nb := newNumbering()
	xml := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="0"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	if err := parseNumbering([]byte(xml), nb); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ilvl := range []int{0, 1, 1, 0, 2, 2} {
		s, _ := nb.next("1", ilvl)
		got = append(got, s)
	}
	if diff := cmp.Diff([]string{"0.", "（〇）", "（一）", "1.", "0)", "a)"}, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}
