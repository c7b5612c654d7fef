package split

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/internal/seedtest"
	"plans/internal/zhtext"
	"plans/pipeline/clean"
)

// TestSplitSeeds is the done-when of clean + split: every seed splits into
// exactly its labelled parts, with the labelled titles (spaces ignored),
// and no noise string is left in any part.
func TestSplitSeeds(t *testing.T) {
	for _, s := range seedtest.Load(t) {
		t.Run(s.Name, func(t *testing.T) {
			parts := Split(clean.Clean(s.Text).Text, strings.TrimSuffix(s.Name, ".txt"))
			var want, got []string
			for _, p := range s.Labels.Parts {
				want = append(want, zhtext.Squeeze(p.Title))
			}
			for _, p := range parts {
				got = append(got, zhtext.Squeeze(p.Title))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("titles (-want +got):\n%s", diff)
			}
			for i, p := range parts {
				for _, n := range s.Labels.Noise {
					if strings.Contains(p.Title, n) || strings.Contains(p.Text, n) {
						t.Errorf("part %d holds noise %q", i+1, n)
					}
				}
				if first, _, _ := strings.Cut(p.Text, "\n"); i > 0 || len(parts) > 1 {
					// A compilation's part starts with its own title line.
					if !strings.Contains(zhtext.Squeeze(first), zhtext.Squeeze(p.Title)) {
						t.Errorf("part %d starts with %q, not its title %q", i+1, first, p.Title)
					}
				}
			}
		})
	}
}

// TestSplitSeedsKeepText checks that splitting loses no line of a plan:
// every labelled heading of a part is found in that part's text.
func TestSplitSeedsKeepText(t *testing.T) {
	for _, s := range seedtest.Load(t) {
		t.Run(s.Name, func(t *testing.T) {
			parts := Split(clean.Clean(s.Text).Text, "")
			if len(parts) != len(s.Labels.Parts) {
				t.Skipf("%d parts, labels have %d (TestSplitSeeds reports it)", len(parts), len(s.Labels.Parts))
			}
			for i, lp := range s.Labels.Parts {
				text := zhtext.Squeeze(parts[i].Text)
				for _, sec := range lp.Sections {
					h := []rune(zhtext.Squeeze(sec.Heading))
					if len(h) > 6 {
						h = h[:6]
					}
					if !strings.Contains(text, string(h)) {
						t.Errorf("part %d (%s) lost heading %q", i+1, lp.Title, sec.Heading)
					}
				}
			}
		})
	}
}
