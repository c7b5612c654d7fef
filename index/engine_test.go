package index

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"plans/corpus"
)

// The engine's matching and counting agree with Bleve's own searchers on
// the same query tree, after updates and deletions.
func TestEngineAgreesWithBleve(t *testing.T) {
	docs := append(seedDocs(t), testDocs(t)...)
	for i := range docs {
		docs[i].Year = 2005 + i
		docs[i].Topics = []string{"welfare"}
	}
	ix, _ := newTestIndex(t, docs...)
	ctx := context.Background()
	// Deletions and replacements leave dead entries in the segments.
	if err := ix.Delete(ctx, []string{docs[1].ID}); err != nil {
		t.Fatal(err)
	}
	docs[3].Text += "\n五、新增\n教职工健康体检和疗休养。"
	docs[3].Simplified += "\n五、新增\n教职工健康体检和疗休养。"
	if err := ix.Update(ctx, docs[3:4]); err != nil {
		t.Fatal(err)
	}
	requests := []Request{
		{Query: "校务公开"}, {Query: "福利"}, {Query: "会"}, {Query: "工会 -教代会"},
		{Query: "加强民主管理"}, {Query: `"困难教职工"`}, {Query: "QQ群"}, {Query: "体检", Exact: true},
		{Topics: []string{"disclosure", "welfare"}}, {Query: "工作", Years: YearRange{2008, 2010}},
		{Query: "教职工", Tags: []string{"work"}, Kinds: []string{"plan"}}, {Query: "没有这个词语"}, {},
	}
	for _, r := range requests {
		t.Run(fmt.Sprintf("%q%v", r.Query, r.Topics), func(t *testing.T) {
			r.defaults()
			p, err := ix.prepare(ctx, &r)
			if err != nil {
				t.Fatal(err)
			}
			defer p.close()
			if p.eng == nil {
				t.Fatal("no engine on a scorch index")
			}
			ev := p.eng.run(p.c.root, nil)
			var got []string
			for _, h := range ev.top(100000, nil) {
				got = append(got, h.ID)
			}
			sort.Strings(got)

			req := bleve.NewSearchRequestOptions(bleveQuery(p.c.root), 100000, 0, false)
			sr, err := ix.bi.SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, h := range sr.Hits {
				want = append(want, h.ID)
			}
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("hits (-bleve +engine):\n%s", diff)
			}
			if ev.total() != sr.Total {
				t.Errorf("total: engine %d, bleve %d", ev.total(), sr.Total)
			}
			// Facets: count the entries of Bleve's hits by hand.
			wantFacets := facetsFrom(nil)
			for _, id := range want {
				docID, k := splitID(id)
				var d *corpus.Document
				for i := range docs {
					if docs[i].ID == docID {
						d = &docs[i]
					}
				}
				e, ok := ix.newDocView(d).entry(k)
				if !ok {
					t.Fatalf("no entry %s", id)
				}
				for _, tp := range uniq(e.Topics) {
					wantFacets.Topic[tp]++
				}
				wantFacets.Year[fmt.Sprint(d.Year)]++
				wantFacets.Tag[string(e.Tag)]++
				wantFacets.Kind[string(d.Kind)]++
				wantFacets.OrgType[string(d.OrgType)]++
			}
			for _, m := range []map[string]int{wantFacets.Kind, wantFacets.OrgType, wantFacets.Tag} {
				delete(m, "")
			}
			// Counted term by term, in one pass with the segments'
			// tables, and term by term with the tables' documents.
			oneTerm, columns := &docTables{}, &docTables{}
			for _, s := range p.eng.segs {
				oneTerm.table(s).columns.Do(func() {}) // never any columns
				columns.table(s)
				if !columns.table(s).ok { // the second use makes them
					t.Fatal("no facet columns on the second use")
				}
			}
			var docs []uint64
			var docFacets []map[string]int
			for _, tables := range []*docTables{nil, columns, oneTerm} {
				counts, nd, termDocs := ev.facetCounts(p.facetTerms(), tables)
				if diff := cmp.Diff(wantFacets, facetsFrom(counts)); diff != "" {
					t.Errorf("facets (-by hand +engine):\n%s", diff)
				}
				docs, docFacets = append(docs, nd), append(docFacets, termDocs)
			}
			hitDocs := map[string]bool{}
			for _, id := range got {
				d, _ := splitID(id)
				hitDocs[d] = true
			}
			if docs[1] != uint64(len(hitDocs)) || docs[2] != docs[1] || docs[0] != 0 || len(docFacets[0]) != 0 || !cmp.Equal(docFacets[1], docFacets[2]) {
				t.Errorf("documents: %d in one pass, %d term by term, among the hits %d (without tables: %d, %v); facets %v, %v",
					docs[1], docs[2], len(hitDocs), docs[0], docFacets[0], docFacets[1], docFacets[2])
			}
		})
	}
}

// Scores rank whole words and repeated matches first.
func TestRanking(t *testing.T) {
	mk := func(id, text string) corpus.Document {
		return naiveDoc(t, id, id+".txt", text, 2020, "")
	}
	docs := []corpus.Document{
		mk("a-1", "标题\n一、工作\n学校工会主席参加会议。"),
		mk("b-1", "标题\n一、工作\n工会组织活动，工会开展慰问，工会建设职工之家。"),
		mk("c-1", "标题\n一、工作\n加强工会建设。"),
	}
	ix, src := newTestIndex(t, docs...)
	res, err := ix.Search(context.Background(), Request{Query: "工会", Limit: 3}, src)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, h := range res.Hits {
		order = append(order, h.DocID)
	}
	// b: three times; c: once, a short section; a: only inside 工会主席.
	if diff := cmp.Diff([]string{"b-1", "c-1", "a-1"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}

	// A section about the word (in its heading) ranks above a calendar
	// line that names it.
	plan := naiveDoc(t, "d-1", "d.txt", "计划\n一、主要工作\n（一）推进校务公开\n"+
		"每学期召开教代会，完善校务公开制度，通过公开栏及时公开教职工关心的事项，接受监督。\n"+
		"二、行事历\n三月：校务公开自查。\n", 2021, "")
	ix2, src2 := newTestIndex(t, plan)
	res, err = ix2.Search(context.Background(), Request{Query: "校务公开", PerDoc: 5}, src2)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 2 || res.Hits[0].Heading != "（一）推进校务公开" {
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Heading)
		}
		t.Errorf("hits in order %q, want the section headed 推进校务公开 first", got)
	}
}
