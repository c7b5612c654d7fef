package review

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"plans/corpus"
	"plans/internal/lazyre"
	"plans/script"
)

// FindPair picks the plan and the summary to hold against each other:
//
//   - PlanID and SummaryID: those two documents.
//   - PlanID alone: that plan and a summary that closes it; SummaryID
//     alone: that summary and the plan it closes.
//   - Org and Year: the organisation's plan of Year (corpus.SameOrg on
//     the simplified names) and a summary that closes it; when the
//     organisation has no plan of Year but a school-year (学年) summary
//     ending in Year, that summary and the plan of the year before.
//
// A summary closes a plan of its own year; a school-year summary
// (2023—2024学年) also closes the plan of the year its school year starts
// in. Among several candidates the plan (not 要点) with most sections wins.
func FindPair(docs []corpus.Document, opts Options) (plan, summary *corpus.Document, pair Pair, err error) {
	f := finder{docs: docs, simplify: opts.Simplify, keys: map[*corpus.Document]string{}}
	switch {
	case opts.PlanID != "" && opts.SummaryID != "":
		if plan, err = f.byID(opts.PlanID, true); err != nil {
			return nil, nil, pair, err
		}
		if summary, err = f.byID(opts.SummaryID, false); err != nil {
			return nil, nil, pair, err
		}
		return plan, summary, Pair{Rule: PairByHand, Note: fmt.Sprintf("按指定的文档对照：计划 %s，总结 %s。", plan.ID, summary.ID)}, nil
	case opts.PlanID != "":
		if plan, err = f.byID(opts.PlanID, true); err != nil {
			return nil, nil, pair, err
		}
		summary, pair = f.summaryFor(plan)
		if summary == nil {
			return plan, nil, pair, fmt.Errorf("%w：找到了计划《%s》，但没有%s%s的工作总结", ErrNoSummary, plan.Title, quoteOrg(plan.Org), plan.YearLabel())
		}
		return plan, summary, pair, nil
	case opts.SummaryID != "":
		if summary, err = f.byID(opts.SummaryID, false); err != nil {
			return nil, nil, pair, err
		}
		plan, pair = f.planFor(summary)
		if plan == nil {
			return nil, summary, pair, fmt.Errorf("%w：找到了总结《%s》，但没有%s%s的工作计划", ErrNoPlan, summary.Title, quoteOrg(summary.Org), summary.YearLabel())
		}
		return plan, summary, pair, nil
	case opts.Org == "" || opts.Year == 0:
		return nil, nil, pair, ErrNoSelection
	}
	key := f.queryKey(opts.Org)
	if plan = f.best(key, opts.Year, true); plan != nil {
		summary, pair = f.summaryFor(plan)
		if summary == nil {
			return plan, nil, pair, fmt.Errorf("%w：找到了计划《%s》，但没有%s%d年的工作总结", ErrNoSummary, plan.Title, quoteOrg(opts.Org), opts.Year)
		}
		return plan, summary, pair, nil
	}
	// No plan of Year: a school-year summary ending in Year closes the
	// plan of the year before.
	for _, s := range f.candidates(key, false) {
		if first, last, ok := f.schoolYear(s); ok && last == opts.Year && first == opts.Year-1 {
			if p := f.best(key, first, true); p != nil {
				return p, s, Pair{Rule: PairSchoolYear, Note: fmt.Sprintf(
					"没有%d年的计划；《%s》总结的是%d—%d学年，对照的是%d年的计划《%s》。",
					opts.Year, s.Title, first, last, first, p.Title)}, nil
			}
		}
	}
	return nil, nil, pair, fmt.Errorf("%w：没有%s%d年的工作计划（plans list --org %s 可列出该单位已有的文档）", ErrNoPlan, quoteOrg(opts.Org), opts.Year, opts.Org)
}

func quoteOrg(org string) string {
	if org == "" {
		return "（单位未注明）"
	}
	return "“" + org + "”"
}

type finder struct {
	docs     []corpus.Document
	simplify func(string) string
	keys     map[*corpus.Document]string // orgKey, once per document
}

func isPlan(d *corpus.Document) bool {
	return d.Relevant && (d.Kind == corpus.KindPlan || d.Kind == corpus.KindPoints)
}

func isSummary(d *corpus.Document) bool {
	return d.Relevant && d.Kind == corpus.KindSummary
}

// byID finds a document by id or unique id prefix and checks its kind.
func (f *finder) byID(id string, wantPlan bool) (*corpus.Document, error) {
	var found *corpus.Document
	for i := range f.docs {
		d := &f.docs[i]
		if d.ID == id {
			found = d
			break
		}
		if strings.HasPrefix(d.ID, id) {
			if found != nil {
				return nil, fmt.Errorf("%w：编号 %s 不唯一，请写得更长一些", ErrUnknownDoc, id)
			}
			found = d
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%w：%s", ErrUnknownDoc, id)
	}
	if wantPlan && !(found.Kind == corpus.KindPlan || found.Kind == corpus.KindPoints) {
		return nil, fmt.Errorf("%w：%s《%s》是%s", ErrNotPlan, found.ID, found.Title, corpus.KindNames[found.Kind])
	}
	if !wantPlan && found.Kind != corpus.KindSummary {
		return nil, fmt.Errorf("%w：%s《%s》是%s", ErrNotSummary, found.ID, found.Title, corpus.KindNames[found.Kind])
	}
	return found, nil
}

// orgKey is the simplified organisation of d, without spaces.
func (f *finder) orgKey(d *corpus.Document) string {
	if d.Org == "" {
		return ""
	}
	k, ok := f.keys[d]
	if !ok {
		if f.simplify != nil {
			k = squeeze(script.ConvertAligned(f.simplify, d.Org))
		} else {
			k = squeeze(simplifyIn(d, d.Org, 0, nil))
		}
		f.keys[d] = k
	}
	return k
}

// queryKey is the simplified organisation the user typed.
func (f *finder) queryKey(org string) string {
	if f.simplify != nil {
		return squeeze(script.ConvertAligned(f.simplify, org))
	}
	for i := range f.docs {
		d := &f.docs[i]
		if strings.Contains(d.Text, org) && aligned(d) {
			return squeeze(simplifyIn(d, org, 0, nil))
		}
	}
	return squeeze(org)
}

func (f *finder) sameOrg(d *corpus.Document, key string) bool {
	k := f.orgKey(d)
	return k != "" && corpus.SameOrg(k, key)
}

// candidates are the plans (or summaries) of the organisation.
func (f *finder) candidates(key string, plans bool) []*corpus.Document {
	var out []*corpus.Document
	for i := range f.docs {
		d := &f.docs[i]
		if (plans && isPlan(d) || !plans && isSummary(d)) && f.sameOrg(d, key) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, docOrder)
	return out
}

// docOrder: plans before 要点, more sections first, then id.
func docOrder(a, b *corpus.Document) int {
	ap, bp := a.Kind == corpus.KindPlan, b.Kind == corpus.KindPlan
	if ap != bp {
		if ap {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(len(b.Sections), len(a.Sections)), cmp.Compare(a.ID, b.ID))
}

// best is the organisation's best plan (or summary) of year.
func (f *finder) best(key string, year int, plans bool) *corpus.Document {
	for _, d := range f.candidates(key, plans) {
		if d.Year == year {
			return d
		}
	}
	return nil
}

// summaryFor finds a summary that closes plan: of the same year, else a
// school-year summary starting in the plan's year.
func (f *finder) summaryFor(plan *corpus.Document) (*corpus.Document, Pair) {
	key := f.orgKey(plan)
	if key == "" || plan.Year == 0 {
		return nil, Pair{}
	}
	var school *corpus.Document
	for _, s := range f.candidates(key, false) {
		if s.Year == plan.Year {
			note := fmt.Sprintf("%d年的计划《%s》对照同年的总结《%s》。", plan.Year, plan.Title, s.Title)
			if first, last, ok := f.schoolYear(s); ok {
				note = fmt.Sprintf("%d年的计划《%s》对照%d—%d学年的总结《%s》。", plan.Year, plan.Title, first, last, s.Title)
			}
			return s, Pair{Rule: PairSameYear, Note: note}
		}
		if first, _, ok := f.schoolYear(s); ok && first == plan.Year && school == nil {
			school = s
		}
	}
	if school != nil {
		first, last, _ := f.schoolYear(school)
		return school, Pair{Rule: PairSchoolYear, Note: fmt.Sprintf("没有%d年的总结；%d—%d学年的总结《%s》对照%d年的计划《%s》。",
			plan.Year, first, last, school.Title, plan.Year, plan.Title)}
	}
	return nil, Pair{}
}

// planFor finds the plan a summary closes.
func (f *finder) planFor(s *corpus.Document) (*corpus.Document, Pair) {
	key := f.orgKey(s)
	if key == "" || s.Year == 0 {
		return nil, Pair{}
	}
	if p := f.best(key, s.Year, true); p != nil {
		return p, Pair{Rule: PairSameYear, Note: fmt.Sprintf("总结《%s》对照同年的计划《%s》。", s.Title, p.Title)}
	}
	if first, last, ok := f.schoolYear(s); ok && first != s.Year {
		if p := f.best(key, first, true); p != nil {
			return p, Pair{Rule: PairSchoolYear, Note: fmt.Sprintf("%d—%d学年的总结《%s》对照%d年的计划《%s》。", first, last, s.Title, first, p.Title)}
		}
	}
	return nil, Pair{}
}

var (
	schoolSpanRE = lazyre.New(`((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]\s*((?:19|20)?\d\d)\s*(?:年)?\s*学年`)
	schoolOneRE  = lazyre.New(`((?:19|20)\d\d)\s*学年`)
)

// schoolYear reads the school year a document's title names: 2023—2024学年
// → 2023, 2024; 2023学年 → 2023, 2024.
func (f *finder) schoolYear(d *corpus.Document) (first, last int, ok bool) {
	t := simplifyIn(d, d.Title, 0, f.simplify)
	if m := schoolSpanRE.FindStringSubmatch(t); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b < 100 {
			b += a / 100 * 100
		}
		if b == a+1 {
			return a, b, true
		}
	}
	if m := schoolOneRE.FindStringSubmatch(t); m != nil {
		a, _ := strconv.Atoi(m[1])
		return a, a + 1, true
	}
	return 0, 0, false
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
