package draft

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"plans/corpus"
)

// relatedTypes are, for each kind of organisation, the kinds whose plans
// are nearest to its own, nearest first. Peers are widened to them, in
// this order, when too few organisations of the same kind are found.
var relatedTypes = map[corpus.OrgType][]corpus.OrgType{
	corpus.OrgPrimary:        {corpus.OrgMiddle, corpus.OrgKindergarten, corpus.OrgEducationUnion},
	corpus.OrgMiddle:         {corpus.OrgPrimary, corpus.OrgVocational, corpus.OrgEducationUnion},
	corpus.OrgKindergarten:   {corpus.OrgPrimary, corpus.OrgEducationUnion},
	corpus.OrgVocational:     {corpus.OrgMiddle, corpus.OrgUniversity, corpus.OrgEducationUnion},
	corpus.OrgUniversity:     {corpus.OrgVocational, corpus.OrgEducationUnion},
	corpus.OrgEducationUnion: {corpus.OrgPrimary, corpus.OrgMiddle, corpus.OrgKindergarten, corpus.OrgVocational, corpus.OrgUniversity},
	corpus.OrgEnterprise:     {corpus.OrgGovernment},
	corpus.OrgGovernment:     {corpus.OrgEnterprise, corpus.OrgEducationUnion},
}

// RelatedTypes returns the kinds of organisation related to t, nearest
// first (nil for an unknown kind).
func RelatedTypes(t corpus.OrgType) []corpus.OrgType { return slices.Clone(relatedTypes[t]) }

// PeerTypeOrder is the order in which kinds of organisation are listed.
var PeerTypeOrder = []corpus.OrgType{
	corpus.OrgKindergarten, corpus.OrgPrimary, corpus.OrgMiddle, corpus.OrgVocational, corpus.OrgUniversity,
	corpus.OrgEducationUnion, corpus.OrgGovernment, corpus.OrgEnterprise, corpus.OrgUnknown,
}

// ParseOrgType reads a kind of organisation by its id (primary) or its
// Chinese name (小学).
func ParseOrgType(s string) (corpus.OrgType, bool) {
	s = strings.TrimSpace(s)
	for _, t := range PeerTypeOrder {
		if s == string(t) || s == corpus.OrgTypeNames[t] {
			return t, true
		}
	}
	return "", false
}

// typeNames writes kinds of organisation as 小学、中学.
func typeNames(ts []corpus.OrgType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = corpus.OrgTypeNames[t]
	}
	return strings.Join(names, "、")
}

// peerSet is the outcome of choosing peers.
type peerSet struct {
	views   []*view
	types   []corpus.OrgType // kinds the peers were taken from, in widening order
	chosen  bool             // the user chose the kinds
	widened bool             // related kinds were added for want of peers
	all     bool             // the draft's kind is unknown: every kind was used
	noOrg   int              // plans of the kinds that name no organisation (left out)
}

// choosePeers picks the peer plans: plans of other named organisations of
// the kinds the user chose, or else of the draft's own kind, widened to
// related kinds (relatedTypes) while fewer than minPeers organisations are
// found. A plan that names no organisation is not a peer: it cannot be
// counted as a unit.
func (cv *corpusViews) choosePeers(base *view, org, key string, typ corpus.OrgType, chosen []corpus.OrgType, minPeers int) peerSet {
	candidates := cv.peers(base, org, key)
	units := func(vs []*view) int {
		seen := map[string]bool{}
		for _, v := range vs {
			seen[v.unit] = true
		}
		return len(seen)
	}
	var ps peerSet
	var order []corpus.OrgType
	switch {
	case len(chosen) > 0:
		ps.chosen = true
		order = chosen
	case typ == "" || typ == corpus.OrgUnknown:
		ps.all = true
		order = PeerTypeOrder
	default:
		order = append([]corpus.OrgType{typ}, relatedTypes[typ]...)
	}
	rank := map[corpus.OrgType]int{}
	for i, t := range order {
		rank[t] = i
	}
	var picked []*view
	for i, t := range order {
		if !ps.chosen && !ps.all && i > 0 && units(picked) >= minPeers {
			break
		}
		var of []*view
		for _, v := range candidates {
			vt := v.doc.OrgType
			if vt == "" {
				vt = corpus.OrgUnknown
			}
			if vt != t {
				continue
			}
			if v.doc.Org == "" {
				ps.noOrg++
				continue
			}
			of = append(of, v)
		}
		if len(of) == 0 {
			continue
		}
		if i > 0 && !ps.chosen && !ps.all {
			ps.widened = true
		}
		ps.types = append(ps.types, t)
		picked = append(picked, of...)
	}
	for _, v := range picked {
		v.typeRank = rank[v.doc.OrgType]
	}
	slices.SortStableFunc(picked, peerOrder)
	ps.views = picked
	return ps
}

// peerNote says which kinds of organisation the peers came from.
func peerNote(ps peerSet, typ corpus.OrgType, units, docs, minPeers int) string {
	var b strings.Builder
	switch {
	case ps.chosen:
		fmt.Fprintf(&b, "参考了 %d 家单位的 %d 份计划，单位类型按您的选择：%s。", units, docs, typeNames(ps.types))
	case ps.all:
		fmt.Fprintf(&b, "本单位的类型无法判断，参考了各类单位（%s）共 %d 家的 %d 份计划；可在“参考单位类型”中选定。", typeNames(ps.types), units, docs)
	case ps.widened:
		fmt.Fprintf(&b, "参考了 %d 家单位的 %d 份计划：%s不足 %d 家，另参考了相近的%s。", units, docs,
			corpus.OrgTypeNames[typ], minPeers, typeNames(ps.types[1:]))
		if !slices.Contains(ps.types, typ) {
			b.Reset()
			fmt.Fprintf(&b, "工作区里没有其他%s的计划，参考了相近的%s共 %d 家的 %d 份计划。", corpus.OrgTypeNames[typ], typeNames(ps.types), units, docs)
		}
	default:
		fmt.Fprintf(&b, "参考了 %d 家同类单位（%s）的 %d 份计划。", units, corpus.OrgTypeNames[typ], docs)
	}
	if ps.noOrg > 0 {
		fmt.Fprintf(&b, "另有 %d 份同类计划未写明单位，不作为参考单位。", ps.noOrg)
	}
	return b.String()
}

// ErrOrgNotFound: no document belongs to the organisation named by
// Options.Org (and no base was chosen). The error is an *OrgNotFoundError
// naming the nearest organisations.
var ErrOrgNotFound = errors.New("工作区里没有这个单位的文档")

// OrgNotFoundError is returned by Build when Options.Org matches no
// document's organisation. Suggestions are the nearest organisation names
// in the corpus, the nearest first.
type OrgNotFoundError struct {
	Org         string
	Suggestions []string
}

func (e *OrgNotFoundError) Error() string {
	msg := fmt.Sprintf("工作区里没有“%s”的文档", e.Org)
	if len(e.Suggestions) > 0 {
		return msg + "。您要找的是不是：" + strings.Join(e.Suggestions, "、") + "？"
	}
	return msg + "，请检查单位名称；本单位没有往年计划时，可选择“不用底稿”，只参考同类单位起草。"
}

func (e *OrgNotFoundError) Is(target error) bool { return target == ErrOrgNotFound }

// orgKnown reports whether some document belongs to org.
func (cv *corpusViews) orgKnown(org, key string) bool {
	for _, v := range cv.views {
		if cv.matchesOrg(v, org, key) {
			return true
		}
	}
	return false
}

// nearestOrgs returns up to n organisation names of the corpus nearest to
// key (a normalised simplified name): those sharing most of their
// characters in order (the longest common subsequence), the nearest first.
func (cv *corpusViews) nearestOrgs(key string, n int) []string {
	type cand struct {
		name  string
		score float64
	}
	seen := map[string]bool{}
	var cs []cand
	q := []rune(key)
	for _, v := range cv.views {
		if v.doc.Org == "" || seen[v.doc.Org] {
			continue
		}
		seen[v.doc.Org] = true
		k := []rune(cv.orgKey(v))
		l := lcs(q, k)
		// Share of both names covered by what they have in common.
		score := 2 * float64(l) / float64(len(q)+len(k))
		if score >= 0.5 {
			cs = append(cs, cand{v.doc.Org, score})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(utf8.RuneCountInString(a.name), utf8.RuneCountInString(b.name)); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
