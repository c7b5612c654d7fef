package htmltest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindAndRead(t *testing.T) {
	doc := Parse(t, `<ul><li class="hit top">校务<b>公开</b></li><li class="hit"> 福利 </li><li>其他</li></ul><a href="/d/1">x</a>`)
	if diff := cmp.Diff([]string{"校务公开", "福利"}, Texts(FindAll(doc, Class("hit")))); diff != "" {
		t.Errorf("class hit (-want +got):\n%s", diff)
	}
	if n := len(FindAll(doc, Element("li"))); n != 3 {
		t.Errorf("%d li elements, want 3", n)
	}
	links := FindAll(doc, Element("a"))
	if len(links) != 1 || Attr(links[0], "href") != "/d/1" || Attr(links[0], "title") != "" {
		t.Errorf("links: %v", links)
	}
}
