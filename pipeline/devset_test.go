package pipeline

import (
	"strings"
	"testing"

	"plans/internal/seedtest"
)

// devFloor is the lowest the development set may score: the goal column of
// the understanding issue.
var devFloor = seedtest.Goals

// devMinPages is the size the development set must keep.
const devMinPages = 80

// TestDevSetScore runs the development set (pages written for the project
// in the shapes of real pages, labelled in the seeds' schema) through the
// whole pipeline and scores it with the seeds' rules.
func TestDevSetScore(t *testing.T) {
	p := newTestPipeline(t)
	pages := seedtest.LoadDevSet(t, "testdata/devset")
	if len(pages) < devMinPages {
		t.Errorf("the development set has %d pages, want at least %d", len(pages), devMinPages)
	}
	var total seedtest.FileReport
	for _, pg := range pages {
		docs := process(t, p, pg.Name, []byte(pg.Text))
		total.Add(seedtest.ScoreFile(pg.Labels, docs))
	}
	m := total.Metrics()
	t.Logf("%d pages: %s", len(pages), m)
	if short := m.Short(devFloor); len(short) > 0 {
		t.Errorf("below the floor: %s\n%s", strings.Join(short, "; "), total.String())
	} else if testing.Verbose() {
		t.Log(total.String())
	}
}
