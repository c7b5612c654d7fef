package seedtest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

const devPage = `红星小学2019年工会工作计划
一、指导思想
九月份：召开教代会。
下载本文档
#### labels
script: simplified
noise: 下载本文档
part: 红星小学2019年工会工作计划
kind: plan
year: 2019
org: 红星小学
topics: democratic-management
h1 ideology: 一、指导思想
h2? work women,welfare: 1、关心女教职工
cal 9,10: 召开教代会
target: 入会率达100%
part: 延伸阅读
kind: other
`

func TestParseDevPage(t *testing.T) {
	p, err := ParseDevPage("x.txt", devPage)
	if err != nil {
		t.Fatal(err)
	}
	want := Labels{File: "x.txt", Script: "simplified", Noise: []string{"下载本文档"}, Parts: []Part{
		{Title: "红星小学2019年工会工作计划", Kind: "plan", Relevant: true, Year: intp(2019), Org: strp("红星小学"),
			Topics: []string{"democratic-management"},
			Sections: []Section{
				{Heading: "一、指导思想", Depth: 1, Tag: "ideology"},
				{Heading: "1、关心女教职工", Depth: 2, Tag: "work", Topics: []string{"women", "welfare"}, Optional: true},
			},
			Calendar: []Calendar{{Months: []int{9, 10}, Starts: "召开教代会"}},
			Targets:  []string{"入会率达100%"}},
		{Title: "延伸阅读", Kind: "other"},
	}}
	if diff := cmp.Diff(want, p.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(p.Text, "红星小学") || strings.Contains(p.Text, "####") {
		t.Errorf("text %q", p.Text)
	}
}

func TestParseDevPageErrors(t *testing.T) {
	tests := map[string]string{
		"no labels":         "text only\n",
		"no part":           "t\n#### labels\nscript: simplified\n",
		"label before part": "t\n#### labels\nkind: plan\npart: x\n",
		"bad kind":          "t\n#### labels\npart: x\nkind: essay\n",
		"bad tag":           "t\n#### labels\npart: x\nkind: plan\nh1 goal: 一、目标\n",
		"bad month":         "t\n#### labels\npart: x\nkind: plan\ncal 13: x\n",
		"no colon":          "t\n#### labels\npart: x\nkind plan\n",
		"no kind":           "t\n#### labels\npart: x\n",
		"unknown label":     "t\n#### labels\npart: x\nkind: plan\ncolour: red\n",
	}
	for name, in := range tests {
		if _, err := ParseDevPage(name, in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestScoreFile(t *testing.T) {
	p, err := ParseDevPage("x.txt", devPage)
	if err != nil {
		t.Fatal(err)
	}
	docs := []corpus.Document{{
		Part: 1, Title: "红星小学2019年工会工作计划", Kind: corpus.KindPlan, Relevant: true, Year: 2019, Org: "红星小学",
		Text:     "一、指导思想\n九月份：召开教代会。\n下载本文档",
		Topics:   []string{"democratic-management"},
		Sections: []corpus.Section{{Heading: "一、指导思想", Tag: corpus.TagIdeology, Depth: 1}, {Heading: "附件：《工作计划》", Tag: corpus.TagWork, Depth: 1}},
		Calendar: []corpus.CalendarEntry{{Months: []int{9}, Text: "召开教代会。"}, {Months: []int{11}, Text: "运动会"}},
	}}
	r := ScoreFile(p.Labels, docs)
	if r.ExtraTop != 1 {
		t.Errorf("top-level headings the labels do not have: %d, want 1", r.ExtraTop)
	}
	if r.SplitRight != 0 || r.Files != 1 {
		t.Errorf("split right %d of %d, want 0 of 1 (two parts, one document)", r.SplitRight, r.Files)
	}
	if r.NoiseLeaks != 1 || r.LeakFiles != 1 {
		t.Errorf("noise leaks %d in %d files, want 1 in 1", r.NoiseLeaks, r.LeakFiles)
	}
	m := r.Metrics()
	// calendar: the one labelled entry has the wrong months; two entries found
	if m.CalendarF1 != 0 {
		t.Errorf("calendar F1 %v, want 0", m.CalendarF1)
	}
	if m.TargetRecall != 0 || m.Year != 0.5 || m.Org != 0.5 || m.Split != 0 || m.HeadingPrecision != 0.5 {
		t.Errorf("metrics %s", m)
	}
	short := m.Short(Goals)
	if len(short) == 0 || !strings.Contains(strings.Join(short, ";"), "noise leaks 1 > 0") {
		t.Errorf("short %q", short)
	}
	docs = append(docs, corpus.Document{Part: 2, Title: "延伸阅读", Kind: corpus.KindOther})
	docs[0].Text = "一、指导思想"
	docs[0].Sections = docs[0].Sections[:1]
	docs[0].Calendar[0].Months = []int{9, 10}
	docs[0].Calendar = docs[0].Calendar[:1]
	docs[0].Targets = []corpus.Target{{Text: "入会率达100%"}}
	r = ScoreFile(p.Labels, docs)
	if m := r.Metrics(); len(m.Short(Goals)) != 0 {
		t.Errorf("a perfect file is short of %q: %s\n%s", m.Short(Goals), m, r.String())
	}
}
