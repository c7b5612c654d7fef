package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/internal/golden"
)

var renderCases = []struct {
	name string
	opts func(*Options)
}{
	{"all", nil},
	{"org", func(o *Options) { o.Org = "城南实验小学"; o.By = ByYear }},
}

func TestGolden(t *testing.T) {
	docs := loadFixtures(t)
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			r := build(t, docs, tc.opts)
			var md, js bytes.Buffer
			if err := WriteMarkdown(&md, r); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&js, r); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+tc.name+".md", md.Bytes())
			golden.Check(t, "testdata/"+tc.name+".json", js.Bytes())
		})
	}
}

// The JSON carries the same data: it decodes back into an equal report.
func TestJSONRoundTrip(t *testing.T) {
	docs := loadFixtures(t)
	r := build(t, docs, func(o *Options) { o.Org = "城南实验小学" })
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &back); diff != "" {
		t.Errorf("JSON round trip (-built +decoded):\n%s", diff)
	}
	// Keys are snake_case.
	for _, k := range regexp.MustCompile(`"([A-Za-z_]+)":`).FindAllStringSubmatch(buf.String(), -1) {
		if k[1] != strings.ToLower(k[1]) {
			t.Errorf("JSON key %q is not snake_case", k[1])
		}
	}
}

func renderHTML(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestHTML(t *testing.T) {
	docs := loadFixtures(t)
	tests := []struct {
		name   string
		opts   func(*Options)
		charts []string
	}{
		{"all", nil, []string{"chart-coverage", "chart-calendar", "chart-targets", "chart-copies"}},
		{"org", func(o *Options) { o.Org = "城南实验小学" }, []string{"chart-coverage", "chart-calendar", "chart-targets", "chart-copies", "chart-changes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := renderHTML(t, build(t, docs, tc.opts))
			var ids []string
			for _, m := range regexp.MustCompile(`<svg class="chart" id="([a-z-]+)"`).FindAllStringSubmatch(out, -1) {
				ids = append(ids, m[1])
			}
			if diff := cmp.Diff(tc.charts, ids); diff != "" {
				t.Errorf("charts (-want +got):\n%s", diff)
			}
			for _, h := range []string{"覆盖矩阵", "行事历热力图", "目标指标", "特色词", "雷同文本", "逐年变化"} {
				if !strings.Contains(out, "<h2>"+h+"</h2>") {
					t.Errorf("no section %s", h)
				}
			}
			checkSelfContained(t, out)
			if !strings.Contains(out, "@media print") {
				t.Errorf("no print style")
			}
		})
	}
}

// checkSelfContained: no script, no external resource, balanced elements.
func checkSelfContained(t *testing.T, out string) {
	t.Helper()
	lower := strings.ToLower(out)
	for _, el := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed"} {
		if strings.Contains(lower, el) {
			t.Errorf("the page holds a %s> element", el)
		}
	}
	tagRe := regexp.MustCompile(`<[a-z][a-z0-9]*(?:\s+[a-z:-]+(?:="[^"]*")?)*\s*/?>`)
	attrRe := regexp.MustCompile(`\s+([a-z:-]+)(?:="[^"]*")?`)
	for _, tag := range tagRe.FindAllString(lower, -1) {
		for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
			if a[1] == "src" || strings.HasPrefix(a[1], "on") {
				t.Errorf("element with a %s attribute: %s", a[1], tag)
			}
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("link out of the page: %s", m[1])
		}
	}
	style := lower[strings.Index(lower, "<style>"):strings.Index(lower, "</style>")]
	if strings.Contains(style, "url(") || strings.Contains(style, "@import") {
		t.Errorf("the style loads a resource")
	}
	for _, el := range []string{"svg", "table", "section", "figure", "ul"} {
		if o, c := strings.Count(lower, "<"+el), strings.Count(lower, "</"+el+">"); o != c {
			t.Errorf("<%s>: %d opened, %d closed", el, o, c)
		}
	}
}

// Documents carry markup from saved web pages; it must come out as text,
// in element content and in attributes (tooltips, SVG titles).
func TestHTMLEscapesDocuments(t *testing.T) {
	docs := loadFixtures(t)
	evil := `"><img src=x onerror=alert(1)><script>alert(2)</script>`
	for i := range docs {
		if strings.HasPrefix(docs[i].Source, "青禾幼儿园") {
			docs[i].Org += evil
			docs[i].Sections[2].Heading += evil // a matrix tooltip
			docs[i].Targets[0].Metric += evil   // an SVG label
		}
	}
	r := build(t, docs, nil)
	out := renderHTML(t, r)
	checkSelfContained(t, out)
	if strings.Contains(out, "<img") {
		t.Errorf("an <img> element got through")
	}
	// The fixture's own title carries <script>alert("x")</script>.
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("escaped text %q not found", want)
		}
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "<script") || strings.Contains(md.String(), "<img") {
		t.Errorf("markup got through into Markdown")
	}
}
