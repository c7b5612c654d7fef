package review

import (
	"bytes"
	"strings"
	"testing"

	"plans/internal/htmltest"
)

// TestWriteHTML: the page shows every item with its status, the targets
// with their verdicts, and escapes what comes from the documents.
func TestWriteHTML(t *testing.T) {
	r := build(t, fixtureCorpus(t), "青松路小学", 2024)
	const attack = `<script>alert(1)</script>`
	r.Items[0].Text += attack
	r.Items[0].Heading += attack
	r.Unplanned[0].Text += attack
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, attack) {
		t.Fatal("document text is not escaped")
	}
	doc := htmltest.Parse(t, page)
	if n := len(htmltest.FindAll(doc, htmltest.Element("script"))); n != 0 {
		t.Errorf("%d <script> elements", n)
	}
	rows := htmltest.FindAll(doc, htmltest.Class("item"))
	if len(rows) != len(r.Items) {
		t.Errorf("%d item rows for %d items", len(rows), len(r.Items))
	}
	for i, row := range rows {
		want := StatusNames[r.Items[i].Status]
		if !strings.Contains(htmltest.Text(row), want) {
			t.Errorf("row %d %q lacks its status %s", i, htmltest.Text(row), want)
		}
	}
	missed := htmltest.FindAll(doc, htmltest.Class("missed"))
	var missedRows []string
	for _, n := range missed {
		if n.Data == "tr" {
			missedRows = append(missedRows, htmltest.Text(n))
		}
	}
	if len(missedRows) != 1 || !strings.Contains(missedRows[0], "体检率达到100%") || !strings.Contains(missedRows[0], "未达到") {
		t.Errorf("missed targets %q", missedRows)
	}
	text := htmltest.Text(doc)
	for _, want := range []string{NotFoundNote, "计划外的工作", "邀请医生为教职工开设健康讲座。", "部分青年教师参与工会活动的积极性不高。", attack} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
}
