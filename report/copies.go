package report

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Copies is the copied-text part: near-duplicate passages between
// documents, found on the simplified view so that script, punctuation and
// spacing do not matter.
//
// Each document is cut into passages (sentences; long sentences at commas).
// A passage is described by the MinHash of its character shingles; LSH
// banding puts passages that are probably similar into the same bucket, and
// passages of a bucket whose estimated Jaccard similarity reaches
// Threshold join one family. No pair of documents is compared as such, so
// the cost grows with the amount of text, not with the square of the
// number of documents.
type Copies struct {
	Shingle   int     `json:"shingle"`
	Hashes    int     `json:"hashes"`
	Bands     int     `json:"bands"`
	Threshold float64 `json:"threshold"`
	MinChars  int     `json:"min_chars"`
	// WideDocs is the size above which a shared passage counts as widely
	// shared (boilerplate many plans carry): it adds to each document's
	// shared text but not to the pairs.
	WideDocs int `json:"wide_docs"`

	Documents     []CopyDoc  `json:"documents"`
	Pairs         []CopyPair `json:"pairs"`
	TotalPairs    int        `json:"total_pairs"`
	Passages      []Passage  `json:"passages"`
	TotalPassages int        `json:"total_passages"`
}

// CopyDoc says how much of a document it shares with other documents.
// Chars counts letters and digits; Share is SharedChars / Chars.
type CopyDoc struct {
	Doc         string        `json:"doc"`
	Chars       int           `json:"chars"`
	SharedChars int           `json:"shared_chars"`
	Share       float64       `json:"share"`
	WideChars   int           `json:"widely_shared_chars"`
	Partners    []CopyPartner `json:"partners"`
}

// CopyPartner is a document this one shares text with; Chars is the
// length of this document's text found in the partner.
type CopyPartner struct {
	Doc   string  `json:"doc"`
	Chars int     `json:"chars"`
	Share float64 `json:"share"`
}

// CopyPair is two documents that share passages; Sentences counts the
// shared sentences (families of near-duplicate sentences).
type CopyPair struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	CharsA    int     `json:"chars_a"`
	CharsB    int     `json:"chars_b"`
	ShareA    float64 `json:"share_a"`
	ShareB    float64 `json:"share_b"`
	Sentences int     `json:"sentences"`
}

// Passage is a run of text that several documents share. Text is the
// first occurrence, in its original script; Start and End of each
// occurrence are byte offsets into the document's Text.
type Passage struct {
	Chars       int          `json:"chars"`
	DocCount    int          `json:"doc_count"`
	Text        string       `json:"text"`
	Occurrences []Occurrence `json:"occurrences"`
}

// Occurrence is where a passage stands in one document.
type Occurrence struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Copy detection parameters.
const (
	shingleLen     = 4   // characters per shingle
	minHashes      = 32  // MinHash values per passage
	lshBands       = 16  // bands of minHashes/lshBands rows
	copyThreshold  = 0.5 // estimated Jaccard similarity of one family…
	shortThreshold = 0.7 // …or of passages shorter than shortUnitChars
	shortUnitChars = 30
	minUnitChars   = 15  // shorter sentences (headings, stock phrases) are ignored
	maxUnitChars   = 150 // longer sentences are cut at commas…
	softUnitChars  = 60  // …into pieces of about this length
	wideDocs       = 64
	maxPartners    = 5
	maxPassageText = 300
)

// unit is a passage of a document.
type unit struct {
	start, end int // bytes in Text
	chars      int
	norm       string
	uniq       int32 // index of its distinct normalised text
}

// splitUnits cuts a document into passages. simp and text are rune-aligned
// (the same string when the document has no simplified view); the offsets
// are in text, the normalised text comes from simp.
func splitUnits(text, simp string) []unit {
	var units []unit
	var norm []rune
	type cut struct{ end, n int } // soft cut after norm[:n], at text[:end]
	var cuts []cut
	start := -1
	flush := func(end int) {
		if len(norm) >= minUnitChars {
			if len(norm) <= maxUnitChars {
				units = append(units, unit{start: start, end: end, chars: len(norm), norm: string(norm)})
			} else {
				// Cut at commas into pieces of at least softUnitChars.
				s, from := start, 0
				for _, c := range cuts {
					if c.n-from >= softUnitChars && len(norm)-c.n >= minUnitChars {
						units = append(units, unit{start: s, end: c.end, chars: c.n - from, norm: string(norm[from:c.n])})
						s, from = c.end, c.n
					}
				}
				units = append(units, unit{start: s, end: end, chars: len(norm) - from, norm: string(norm[from:])})
			}
		}
		norm, cuts, start = norm[:0], cuts[:0], -1
	}
	i, j := 0, 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		sr := r
		m := n
		if j < len(simp) {
			sr, m = utf8.DecodeRuneInString(simp[j:])
		}
		end := i + n
		nr, ok := normRune(sr)
		hard := !ok && strings.ContainsRune("。！？!?；;\n\r", sr)
		if start < 0 && !hard && !unicode.IsSpace(sr) {
			start = i // a passage starts at its first visible rune: （一）…
		}
		switch {
		case ok:
			norm = append(norm, nr)
		case hard:
			flush(end)
		case strings.ContainsRune("，,：:、", sr) && len(norm) > 0:
			cuts = append(cuts, cut{end, len(norm)})
		}
		i, j = end, j+m
	}
	flush(len(text))
	return units
}

// Hashing: a 64-bit mix, and the coefficients of the MinHash functions.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

var minHashA, minHashB = func() (a, b [minHashes]uint64) {
	s := uint64(0x5eed_c0de_2012)
	for i := range minHashes {
		s += 0x9e3779b97f4a7c15
		a[i] = mix64(s) | 1
		s += 0x9e3779b97f4a7c15
		b[i] = mix64(s)
	}
	return a, b
}()

func stringHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix64(h)
}

// signature is the MinHash of the character shingles of a normalised text.
func signature(norm string) []uint32 {
	rs := []rune(norm)
	sig := make([]uint32, minHashes)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	add := func(h uint64) {
		for i := range sig {
			if v := uint32((h*minHashA[i] + minHashB[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	if len(rs) < shingleLen {
		add(stringHash(norm))
		return sig
	}
	for i := 0; i+shingleLen <= len(rs); i++ {
		h := uint64(14695981039346656037)
		for _, r := range rs[i : i+shingleLen] {
			h ^= uint64(r)
			h *= 1099511628211
		}
		add(mix64(h))
	}
	return sig
}

// similarity estimates the Jaccard similarity of two signatures.
func similarity(a, b []uint32) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// unionFind joins families; the root of a family is its smallest member.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(x int32) int32 {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u[rb] = ra
	} else {
		u[ra] = rb
	}
}

func buildCopies(ctx context.Context, views []*docView, o Options) (Copies, error) {
	cp := Copies{Shingle: shingleLen, Hashes: minHashes, Bands: lshBands, Threshold: copyThreshold,
		MinChars: minUnitChars, WideDocs: wideDocs, Documents: []CopyDoc{}, Pairs: []CopyPair{}, Passages: []Passage{}}
	units, err := documentUnits(ctx, views, o.Workers)
	if err != nil {
		return cp, err
	}
	uniq, uniqChars := distinctUnits(units)
	uf, err := clusterUnits(ctx, uniq, uniqChars, o.Workers)
	if err != nil {
		return cp, err
	}
	fs := familiesOf(units, uf)
	order := map[string]int{}
	for i, v := range views {
		order[v.doc.ID] = i
	}
	cp.Documents, cp.Pairs = copyDocsAndPairs(views, units, fs, order)
	cp.TotalPairs = len(cp.Pairs)
	if len(cp.Pairs) > o.MaxPairs {
		cp.Pairs = cp.Pairs[:o.MaxPairs]
	}
	cp.Passages = sharedPassages(views, units, fs)
	cp.TotalPassages = len(cp.Passages)
	if len(cp.Passages) > o.MaxPassages {
		cp.Passages = cp.Passages[:o.MaxPassages]
	}
	return cp, nil
}

// documentUnits splits every document into passages (units). The title
// line is left out: titles resemble each other without being copied.
func documentUnits(ctx context.Context, views []*docView, workers int) ([][]unit, error) {
	units := make([][]unit, len(views))
	err := parallel(ctx, len(views), workers, func(i int) {
		v := views[i]
		title := normalize(v.conv.apply(v.doc.Title))
		us := splitUnits(v.doc.Text, v.simp)
		kept := us[:0]
		for _, u := range us {
			if u.norm != title {
				kept = append(kept, u)
			}
		}
		units[i] = kept
	})
	return units, err
}

// distinctUnits numbers the distinct normalised texts of units (copies are
// mostly verbatim: each is hashed once), records each unit's number in
// unit.uniq and drops the unit's own copy of the text.
func distinctUnits(units [][]unit) (uniq []string, uniqChars []int) {
	seen := map[uint64]int32{}
	for _, us := range units {
		for k := range us {
			h := stringHash(us[k].norm)
			id, ok := seen[h]
			if !ok {
				id = int32(len(uniq))
				seen[h] = id
				uniq = append(uniq, us[k].norm)
				uniqChars = append(uniqChars, us[k].chars)
			}
			us[k].uniq = id
			us[k].norm = ""
		}
	}
	return uniq, uniqChars
}

// clusterUnits joins distinct texts that are near copies of each other:
// MinHash signatures, LSH buckets, and a similarity check for the pairs
// that share a bucket.
func clusterUnits(ctx context.Context, uniq []string, uniqChars []int, workers int) (unionFind, error) {
	sigs := make([][]uint32, len(uniq))
	if err := parallel(ctx, len(uniq), workers, func(i int) { sigs[i] = signature(uniq[i]) }); err != nil {
		return nil, err
	}
	type entry struct {
		key uint64
		id  int32
	}
	rows := minHashes / lshBands
	entries := make([]entry, 0, len(sigs)*lshBands)
	for id, sig := range sigs {
		for b := range lshBands {
			h := mix64(uint64(b+1) << 40)
			for _, v := range sig[b*rows : (b+1)*rows] {
				h = mix64(h ^ uint64(v))
			}
			entries = append(entries, entry{h, int32(id)})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.id, b.id)) })
	uf := newUnionFind(len(sigs))
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].key == entries[i].key {
			first, other := entries[i].id, entries[j].id
			th := copyThreshold
			if min(uniqChars[first], uniqChars[other]) < shortUnitChars {
				th = shortThreshold
			}
			if uf.find(first) != uf.find(other) && similarity(sigs[first], sigs[other]) >= th {
				uf.union(first, other)
			}
			j++
		}
		i = j
	}
	return uf, nil
}

// family is a set of near-identical units and the documents that hold them.
type family struct {
	docs  []int32 // document indexes, ascending
	chars []int   // chars of the family in each of docs
}

// families maps every unit to its family.
type families struct {
	uf   unionFind
	fams map[int32]*family // by root
}

func familiesOf(units [][]unit, uf unionFind) *families {
	fs := &families{uf: uf, fams: map[int32]*family{}}
	for di, us := range units {
		for _, u := range us {
			root := fs.root(u)
			f := fs.fams[root]
			if f == nil {
				f = &family{}
				fs.fams[root] = f
			}
			if n := len(f.docs); n > 0 && f.docs[n-1] == int32(di) {
				f.chars[n-1] += u.chars
			} else {
				f.docs = append(f.docs, int32(di))
				f.chars = append(f.chars, u.chars)
			}
		}
	}
	return fs
}

// root is the family id of u.
func (fs *families) root(u unit) int32 { return fs.uf.find(u.uniq) }

// shared is u's family when more than one document holds it, else nil.
func (fs *families) shared(u unit) *family {
	if f := fs.fams[fs.root(u)]; len(f.docs) > 1 {
		return f
	}
	return nil
}

// copyDocsAndPairs counts, per document, the characters it shares with
// others and its closest partners, and per pair of documents what they
// share (families held by more than wideDocs documents are boilerplate
// and make no pair).
func copyDocsAndPairs(views []*docView, units [][]unit, fs *families, order map[string]int) ([]CopyDoc, []CopyPair) {
	docs := make([]CopyDoc, len(views))
	for di, v := range views {
		docs[di] = CopyDoc{Doc: v.doc.ID, Chars: v.chars, Partners: []CopyPartner{}}
		for _, u := range units[di] {
			if f := fs.shared(u); f != nil {
				docs[di].SharedChars += u.chars
				if len(f.docs) > wideDocs {
					docs[di].WideChars += u.chars
				}
			}
		}
	}
	type pairKey struct{ a, b int32 }
	type pairAcc struct{ ca, cb, n int }
	pairs := map[pairKey]*pairAcc{}
	roots := make([]int32, 0, len(fs.fams))
	for r := range fs.fams {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	for _, r := range roots {
		f := fs.fams[r]
		if len(f.docs) < 2 || len(f.docs) > wideDocs {
			continue
		}
		for x := range f.docs {
			for y := x + 1; y < len(f.docs); y++ {
				k := pairKey{f.docs[x], f.docs[y]}
				p := pairs[k]
				if p == nil {
					p = &pairAcc{}
					pairs[k] = p
				}
				p.ca += f.chars[x]
				p.cb += f.chars[y]
				p.n++
			}
		}
	}
	share := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return round(min(float64(n)/float64(of), 1), 3)
	}
	out := []CopyPair{}
	partners := make([][]CopyPartner, len(views))
	for k, p := range pairs {
		a, b := views[k.a], views[k.b]
		out = append(out, CopyPair{A: a.doc.ID, B: b.doc.ID, CharsA: p.ca, CharsB: p.cb,
			ShareA: share(p.ca, a.chars), ShareB: share(p.cb, b.chars), Sentences: p.n})
		partners[k.a] = append(partners[k.a], CopyPartner{Doc: b.doc.ID, Chars: p.ca, Share: share(p.ca, a.chars)})
		partners[k.b] = append(partners[k.b], CopyPartner{Doc: a.doc.ID, Chars: p.cb, Share: share(p.cb, b.chars)})
	}
	for di := range docs {
		ps := partners[di]
		slices.SortFunc(ps, func(x, y CopyPartner) int {
			return cmp.Or(cmp.Compare(y.Chars, x.Chars), cmp.Compare(order[x.Doc], order[y.Doc]))
		})
		if len(ps) > maxPartners {
			ps = ps[:maxPartners]
		}
		docs[di].Partners = append(docs[di].Partners, ps...)
		docs[di].Share = share(docs[di].SharedChars, docs[di].Chars)
	}
	slices.SortStableFunc(docs, func(x, y CopyDoc) int {
		return cmp.Or(cmp.Compare(y.Share, x.Share), cmp.Compare(y.SharedChars, x.SharedChars), cmp.Compare(order[x.Doc], order[y.Doc]))
	})
	slices.SortFunc(out, func(x, y CopyPair) int {
		return cmp.Or(cmp.Compare(max(y.ShareA, y.ShareB), max(x.ShareA, x.ShareB)), cmp.Compare(y.CharsA+y.CharsB, x.CharsA+x.CharsB),
			cmp.Compare(order[x.A], order[y.A]), cmp.Compare(order[x.B], order[y.B]))
	})
	return docs, out
}

type famPair struct{ f, g int32 }

// passageRoots joins families that follow each other in every document
// that holds them: they are one passage. It returns the passage root of a
// family.
func passageRoots(units [][]unit, fs *families) func(int32) int32 {
	type adjacency struct{ docs, last int }
	adjacent := map[famPair]*adjacency{}
	same := map[famPair]bool{} // memo: do two families have the same documents?
	for di, us := range units {
		for k := 0; k+1 < len(us); k++ {
			f, g := fs.shared(us[k]), fs.shared(us[k+1])
			fp := famPair{fs.root(us[k]), fs.root(us[k+1])}
			if f == nil || g == nil || fp.f == fp.g {
				continue
			}
			eq, ok := same[fp]
			if !ok {
				eq = slices.Equal(f.docs, g.docs)
				same[fp] = eq
			}
			if !eq {
				continue
			}
			a := adjacent[fp]
			if a == nil {
				a = &adjacency{last: -1}
				adjacent[fp] = a
			}
			if a.last != di {
				a.docs++
				a.last = di
			}
		}
	}
	puf := map[int32]int32{} // family root → passage root
	var pfind func(int32) int32
	pfind = func(x int32) int32 {
		p, ok := puf[x]
		if !ok || p == x {
			return x
		}
		r := pfind(p)
		puf[x] = r
		return r
	}
	pairsAdj := make([]famPair, 0, len(adjacent))
	for fp, a := range adjacent {
		if a.docs == len(fs.fams[fp.f].docs) {
			pairsAdj = append(pairsAdj, fp)
		}
	}
	slices.SortFunc(pairsAdj, func(x, y famPair) int { return cmp.Or(cmp.Compare(x.f, y.f), cmp.Compare(x.g, y.g)) })
	for _, fp := range pairsAdj {
		a, b := pfind(fp.f), pfind(fp.g)
		if a != b {
			puf[max(a, b)] = min(a, b)
		}
	}
	return pfind
}

// sharedPassages lists the passages shared by several documents, longest
// first, each with where it occurs.
func sharedPassages(views []*docView, units [][]unit, fs *families) []Passage {
	pfind := passageRoots(units, fs)
	type span struct {
		start, end, chars int
	}
	type passage struct {
		docs  []int32
		spans map[int32]*span
	}
	ps := map[int32]*passage{}
	var plist []*passage
	for di, us := range units {
		for _, u := range us {
			f := fs.shared(u)
			if f == nil {
				continue
			}
			root := pfind(fs.root(u))
			p := ps[root]
			if p == nil {
				p = &passage{docs: f.docs, spans: map[int32]*span{}}
				ps[root] = p
				plist = append(plist, p)
			}
			s := p.spans[int32(di)]
			if s == nil {
				p.spans[int32(di)] = &span{u.start, u.end, u.chars}
				continue
			}
			s.start, s.end = min(s.start, u.start), max(s.end, u.end)
			s.chars += u.chars
		}
	}
	out := []Passage{}
	for _, p := range plist {
		first := p.docs[0]
		s := p.spans[first]
		pa := Passage{Chars: s.chars, DocCount: len(p.docs), Text: clip(views[first].doc.Text[s.start:s.end], maxPassageText)}
		for _, d := range p.docs {
			if len(pa.Occurrences) == maxListedDocs {
				break
			}
			if s := p.spans[d]; s != nil {
				pa.Occurrences = append(pa.Occurrences, Occurrence{Doc: views[d].doc.ID, Start: s.start, End: s.end})
			}
		}
		out = append(out, pa)
	}
	slices.SortStableFunc(out, func(x, y Passage) int {
		return cmp.Or(cmp.Compare(y.Chars, x.Chars), cmp.Compare(y.DocCount, x.DocCount))
	})
	return out
}
