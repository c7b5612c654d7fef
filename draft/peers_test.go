package draft

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/corpus"
	"plans/script"
)

// Peers are organisations of the draft's own kind, widened to related
// kinds only when too few; the user may choose the kinds; plans that
// name no organisation are not units.
func TestPeerKinds(t *testing.T) {
	docs := loadCorpus(t)
	tests := []struct {
		name      string
		opts      Options
		wantTypes []corpus.OrgType
		widened   bool
		chosen    bool
		wantPeers int
		note      string
	}{
		{"own kind suffices", Options{Org: "星沙实验中学", Year: 2024},
			[]corpus.OrgType{corpus.OrgMiddle}, false, false, 3, "参考了 3 家同类单位（中学）的 3 份计划"},
		{"widened to the nearest related kind", Options{Org: "星沙实验中学", Year: 2024, MinPeers: 4},
			[]corpus.OrgType{corpus.OrgMiddle, corpus.OrgPrimary}, true, false, 4, "中学不足 4 家，另参考了相近的小学"},
		{"widened as far as the related kinds go", Options{Org: "星沙实验中学", Year: 2024, MinPeers: 9},
			[]corpus.OrgType{corpus.OrgMiddle, corpus.OrgPrimary, corpus.OrgEducationUnion}, true, false, 5, "另参考了相近的小学、教育工会"},
		{"chosen by the user", Options{Org: "星沙实验中学", Year: 2024, PeerTypes: []corpus.OrgType{corpus.OrgKindergarten}},
			[]corpus.OrgType{corpus.OrgKindergarten}, false, true, 1, "单位类型按您的选择：幼儿园。另有 1 份同类计划未写明单位"},
		{"a kindergarten widens to primary schools, not to enterprises", Options{BaseID: "xx2022-1"},
			[]corpus.OrgType{corpus.OrgPrimary, corpus.OrgEducationUnion}, true, false, 2, "工作区里没有其他幼儿园的计划"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			if diff := cmp.Diff(tc.wantTypes, d.PeerTypes); diff != "" {
				t.Errorf("peer types (-want +got):\n%s", diff)
			}
			if d.PeerTypesWidened != tc.widened || d.PeerTypesChosen != tc.chosen || d.Peers != tc.wantPeers {
				t.Errorf("widened %v chosen %v, %d peers; want %v %v %d", d.PeerTypesWidened, d.PeerTypesChosen, d.Peers, tc.widened, tc.chosen, tc.wantPeers)
			}
			if !slices.ContainsFunc(d.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
				t.Errorf("notes %q lack %q", d.Notes, tc.note)
			}
			// Every peer citation is of a named organisation of a kind used.
			for _, it := range allItems(d) {
				if it.From != FromPeer {
					continue
				}
				for _, c := range it.Citations {
					doc := findDoc(docs, c.DocID)
					if doc.Org == "" || !slices.Contains(d.PeerTypes, doc.OrgType) {
						t.Errorf("item %q cites %s (%s, org %q)", it.Text, c.DocID, doc.OrgType, doc.Org)
					}
				}
			}
		})
	}
}

func TestParseOrgType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want corpus.OrgType
		ok   bool
	}{{"primary", corpus.OrgPrimary, true}, {"小学", corpus.OrgPrimary, true}, {" 教育工会 ", corpus.OrgEducationUnion, true}, {"学校", "", false}} {
		got, ok := ParseOrgType(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseOrgType(%q) = %q, %v", tc.in, got, ok)
		}
	}
}

// scriptCorpus is a base in one script and three peers in the other.
func scriptCorpus(baseScript corpus.Script, conv *script.Converter) []corpus.Document {
	to := func(s string) string { return s }
	if baseScript == corpus.Simplified {
		to = conv.Traditionalize // the peers are traditional
	}
	mk := func(id, org string, sc corpus.Script, headings ...string) corpus.Document {
		title := org + "工会工作计划"
		if sc == corpus.Traditional {
			title = conv.Traditionalize(title)
		}
		text := title + "\n"
		d := corpus.Document{ID: id, Title: title, Kind: corpus.KindPlan, Relevant: true, Year: 2023, Org: org,
			OrgType: corpus.OrgPrimary, Script: sc}
		for i, h := range headings {
			start := len(text)
			text += h + "\n"
			d.Sections = append(d.Sections, corpus.Section{ID: id + "/s" + string(rune('1'+i)), Depth: 1, Heading: h,
				Tag: corpus.TagWork, Topics: []string{"culture-sports"}, Start: start, End: len(text)})
		}
		d.Text = text
		d.Simplified = conv.Simplify(text)
		return d
	}
	peerScript := corpus.Simplified
	if baseScript == corpus.Simplified {
		peerScript = corpus.Traditional
	}
	baseOrg := "城南实验小学"
	baseHeading := "一、组织教职工气排球比赛"
	if baseScript == corpus.Traditional {
		baseOrg, baseHeading = conv.Traditionalize(baseOrg), conv.Traditionalize(baseHeading)
	}
	return []corpus.Document{
		mk("base-1", baseOrg, baseScript, baseHeading),
		mk("p1-1", "东湖小学", peerScript, to("一、举办教职工书法绘画摄影作品展览")),
		mk("p2-1", "西湖小学", peerScript, to("一、举办教职工书法绘画摄影作品展览活动")),
		mk("p3-1", "南湖小学", peerScript, to("一、组织教职工参观革命传统教育基地")),
	}
}

// A draft is written in its base's script: suggestions from plans in the
// other script are converted, their quotes keep the original wording.
func TestDraftScript(t *testing.T) {
	conv, err := script.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []corpus.Script{corpus.Traditional, corpus.Simplified} {
		t.Run(string(sc), func(t *testing.T) {
			docs := scriptCorpus(sc, conv)
			d := build(t, docs, Options{BaseID: "base-1", Simplify: conv.Simplify, Traditionalize: conv.Traditionalize})
			if d.Script != sc {
				t.Fatalf("draft script %s, want the base's %s", d.Script, sc)
			}
			inScript := func(s string) bool {
				if sc == corpus.Traditional {
					return conv.Traditionalize(s) == s
				}
				return conv.Simplify(s) == s
			}
			peerItems := 0
			for _, it := range allItems(d) {
				if it.Text == ToFill {
					continue
				}
				if !inScript(stripMarkers(it.Text)) {
					t.Errorf("item %q is not in %s", it.Text, sc)
				}
				if it.From == FromPeer {
					peerItems++
					doc := findDoc(docs, it.Citations[0].DocID)
					if !strings.Contains(doc.Text, it.Quote) {
						t.Errorf("quote %q is not the source's wording", it.Quote)
					}
					if it.Quote == stripMarkers(it.Text) {
						t.Errorf("peer item %q was not converted", it.Text)
					}
				}
			}
			if peerItems == 0 {
				t.Fatal("no peer item to check")
			}
			if !inScript(d.Title) {
				t.Errorf("title %q not in %s", d.Title, sc)
			}
			if !slices.ContainsFunc(d.Notes, func(n string) bool { return strings.Contains(n, "引文保留原文") }) {
				t.Errorf("notes do not say the suggestions were converted: %q", d.Notes)
			}
			// The markers stay as they are for tools.
			var md bytes.Buffer
			if err := WriteMarkdown(&md, d); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(md.String(), "【待核實】") {
				t.Errorf("a marker was converted")
			}
			// The renderers' own words follow the draft's script too.
			appendix := map[corpus.Script]string{corpus.Traditional: "附：起草說明", corpus.Simplified: "附：起草说明"}[sc]
			if !strings.Contains(md.String(), appendix) {
				t.Errorf("the markdown lacks %q", appendix)
			}
		})
	}
}

func TestConvertOutsideMarks(t *testing.T) {
	up := strings.NewReplacer("a", "A", "b", "B")
	conv := func(s string) string { return up.Replace(s) }
	for _, tc := range []struct{ in, want string }{
		{"ab", "AB"},
		{"a【待核实】b", "A【待核实】B"},
		{"a" + ToUpdatePrefix + "ab】b", "A" + ToUpdatePrefix + "ab】B"},
		{"a【待", "A【待"},
		{"【其他】a", "【其他】A"},
	} {
		if got := convertOutsideMarks(conv, tc.in); got != tc.want {
			t.Errorf("convertOutsideMarks(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// One count of places to update: the marks in the text. The notes say it,
// and every listed stale reference is marked in the text.
func TestToUpdateCount(t *testing.T) {
	docs := loadCorpus(t)
	for _, tc := range buildCases {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, docs, tc.opts)
			var md bytes.Buffer
			if err := WriteMarkdown(&md, d); err != nil {
				t.Fatal(err)
			}
			body, _, _ := strings.Cut(md.String(), "附：起草说明")
			if got := strings.Count(body, ToUpdatePrefix); got != d.ToUpdate || d.CountToUpdate() != d.ToUpdate {
				t.Errorf("ToUpdate %d, CountToUpdate %d, marks in the text %d", d.ToUpdate, d.CountToUpdate(), got)
			}
			note := slices.IndexFunc(d.Notes, func(n string) bool { return strings.Contains(n, "处时间性提法需要更新") })
			switch {
			case d.ToUpdate > 0 && (note < 0 || !strings.Contains(d.Notes[note], "正文中有 "+strconv.Itoa(d.ToUpdate)+" 处")):
				t.Errorf("notes %q do not give %d", d.Notes, d.ToUpdate)
			case d.ToUpdate == 0 && note >= 0:
				t.Errorf("notes %q give a count of nothing", d.Notes)
			}
			for _, f := range d.Flags {
				if f.Kind != FlagRolled && !strings.Contains(body, f.Text+ToUpdatePrefix+f.Reason+"】") {
					t.Errorf("flag %q (%s) is not marked in the text", f.Text, f.Where)
				}
			}
		})
	}
	if !errors.Is(&OrgNotFoundError{Org: "x"}, ErrOrgNotFound) {
		t.Error("OrgNotFoundError is not ErrOrgNotFound")
	}
}
