package txtar

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	a := Parse("说明\n-- input --\n一、指导思想\n正文\n-- want --\n1\n")
	want := Archive{Comment: "说明", Files: map[string]string{"input": "一、指导思想\n正文", "want": "1"}}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Error(diff)
	}
}
