package clean

import (
	"strings"
	"testing"

	"plans/internal/seedtest"
	"plans/internal/zhtext"
	"plans/script"
)

// TestCleanSeeds cleans every seed: its noise strings must be gone, its
// documents' titles and labelled headings must survive, and a second
// cleaning must change nothing.
func TestCleanSeeds(t *testing.T) {
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range seedtest.Load(t) {
		t.Run(s.Name, func(t *testing.T) {
			got := Clean(s.Text)
			for _, n := range s.Labels.Noise {
				if strings.Contains(got.Text, n) {
					t.Errorf("noise %q survived", n)
				}
			}
			simp := zhtext.Squeeze(conv.Simplify(got.Text))
			for _, p := range s.Labels.Parts {
				if !strings.Contains(simp, zhtext.Squeeze(conv.Simplify(p.Title))) {
					t.Errorf("title %q was removed", p.Title)
				}
				for _, sec := range p.Sections {
					h := []rune(zhtext.Squeeze(conv.Simplify(sec.Heading)))
					if len(h) > 6 {
						h = h[:6]
					}
					if !strings.Contains(simp, string(h)) {
						t.Errorf("heading %q was removed", sec.Heading)
					}
				}
			}
			if again := Clean(got.Text); again.Text != got.Text {
				t.Errorf("not idempotent: second pass removed %q", again.Removed)
			}
		})
	}
}

// TestGarbledSeeds: the garbled seed gets warnings on its garbled lines,
// and the clean seeds get none.
func TestGarbledSeeds(t *testing.T) {
	for _, s := range seedtest.Load(t) {
		t.Run(s.Name, func(t *testing.T) {
			got := Garbled(s.Text)
			garbled := strings.Contains(s.Labels.Notes, "garbl")
			if !garbled {
				if len(got) != 0 {
					t.Errorf("warnings on a clean seed: %q", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatal("no warning on a seed labelled as garbled")
			}
			for _, w := range got {
				if !strings.HasPrefix(w, "第") || !strings.Contains(w, "行") {
					t.Errorf("warning %q does not say where", w)
				}
			}
			if !strings.Contains(strings.Join(got, "\n"), "??傮w") {
				t.Errorf("the labelled garbling ??傮w is not reported: %q", got)
			}
		})
	}
}
