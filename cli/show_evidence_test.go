package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"plans/corpus"
	"plans/importer"
)

// TestShowEvidence: show says where the organisation and the year were
// read, and the export carries the same as year_from / org_from.
func TestShowEvidence(t *testing.T) {
	d := corpus.Document{
		ID: "x-1", Title: "工会工作总结", Kind: corpus.KindSummary, Relevant: true, Script: corpus.Simplified,
		Year: 2020, YearFrom: corpus.FromFirstSentence, Org: "青山镇总工会", OrgFrom: corpus.FromIssuer,
	}
	var b strings.Builder
	writeDocument(&b, &d, false)
	if want := "依据：单位见于发文单位，年份见于正文开头"; !strings.Contains(b.String(), want) {
		t.Errorf("show lacks %q:\n%s", want, b.String())
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"year_from":"first-sentence"`, `"org_from":"issuer"`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("export lacks %s: %s", want, js)
		}
	}
	var back corpus.Document
	if err := json.Unmarshal(js, &back); err != nil || back.OrgFrom != corpus.FromIssuer || back.YearFrom != corpus.FromFirstSentence {
		t.Errorf("read back %+v, %v", back, err)
	}

	// unknown year and org: no evidence line
	d.Year, d.Org = 0, ""
	b.Reset()
	writeDocument(&b, &d, false)
	if strings.Contains(b.String(), "依据") {
		t.Errorf("evidence without year or org:\n%s", b.String())
	}
}

// TestImportSummaryCountsRemoved: the import summary says how much site
// furniture cleaning took out.
func TestImportSummaryCountsRemoved(t *testing.T) {
	var b strings.Builder
	writeSummary(&b, &importer.Summary{Files: 1, OK: 1, Parsed: 1, Removed: 3}, "")
	if want := "清除网页杂质 3 处"; !strings.Contains(b.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, b.String())
	}
	b.Reset()
	writeSummary(&b, &importer.Summary{Files: 1, OK: 1, Parsed: 1}, "")
	if strings.Contains(b.String(), "杂质") {
		t.Errorf("nothing removed, yet:\n%s", b.String())
	}
}
