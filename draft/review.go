package draft

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"plans/corpus"
	"plans/internal/zhtext"
	"plans/review"
)

// CarriedOver marks an item of last year's plan that last year's summary
// did not report, or reported only in part (see package review: that is
// absence of evidence, which the user must check).
const CarriedOver = "【上年未完成】"

// Item origins added by the review of the year before.
const (
	FromCarryOver From = "carry-over" // last year's plan, not reported in full
	FromNextStep  From = "next-step"  // a next step of last year's summary
)

// ReviewSource tells which review of the year before the draft used
// (plans review of the organisation and year − 1).
type ReviewSource struct {
	Year        int      `json:"year"`
	Plan        Citation `json:"plan"`
	Summary     Citation `json:"summary"`
	Pair        string   `json:"pair"`
	CarriedOver int      `json:"carried_over"`
	NextSteps   int      `json:"next_steps"`
	Targets     int      `json:"targets"`
}

// lastYear reviews the organisation's plan of the year before against
// its summary and feeds the draft: items not found or partly reported are
// carried over into 主要工作 (marked CarriedOver, citing the plan), the
// summary's next steps become suggestions (citing the summary), and last
// year's targets are listed with the values the summary reported. Without
// a summary the draft says so and is otherwise unchanged.
func (b *builder) lastYear(docs []corpus.Document, org string, d *Draft, goals, work *Section) {
	if org == "" || b.year == 0 {
		return
	}
	find := review.Options{Org: org, Year: b.year - 1, Simplify: b.opts.Simplify}
	plan, summary, pair, err := review.FindPair(docs, find)
	switch {
	case errors.Is(err, review.ErrNoSummary):
		d.Notes = append(d.Notes, fmt.Sprintf("没有找到%d年的工作总结，未能对照上年计划的完成情况；草稿按往年计划和同类单位的计划起草。", b.year-1))
		return
	case err != nil:
		return // no plan of last year: nothing to carry over
	}
	var o review.Options
	if b.opts.ReviewLanguage != nil {
		if o, err = b.opts.ReviewLanguage(); err != nil {
			d.Notes = append(d.Notes, fmt.Sprintf("未能对照%d年的计划和总结：%v", b.year-1, err))
			return
		}
	}
	if o.Simplify == nil {
		o.Simplify = b.opts.Simplify
	}
	rv, err := review.Compare(context.Background(), plan, summary, o)
	if err != nil {
		return
	}
	rv.Pair = pair
	pv, sv := newView(plan, b.opts.Simplify), newView(summary, b.opts.Simplify)
	if b.base != nil && b.base.doc.ID == plan.ID {
		pv = b.base
	}
	src := &ReviewSource{Year: rv.Year, Plan: pv.citation(nil), Summary: sv.citation(nil), Pair: rv.Pair.Note}

	carried := Section{Heading: "上年计划中总结未报告完成的事项", Role: corpus.TagWork,
		Note: fmt.Sprintf("%d年的总结没有提到或只部分提到这些事项（“未提及”不等于没有做），请核实后决定是否继续。", rv.Year)}
	for _, it := range rv.Items {
		switch {
		case it.Kind == "calendar":
			for _, p := range it.Parts {
				if p.Status != review.NotFound {
					continue
				}
				q := lead(p.Text, maxLead)
				cite := pv.citation(pv.resolve(it.SectionID))
				text := b.roll(pv, q, "主要工作·上年未完成", cite)
				carried.Items = append(carried.Items, Item{Text: fmt.Sprintf("%s%s：%s（行事历，上年总结未提及）", CarriedOver, it.Heading, text),
					Quote: p.Text, From: FromCarryOver, Citations: []Citation{cite}})
			}
		case it.Status != review.Done:
			q := lead(it.Heading, maxLead)
			if !hasLetters(q, 4) {
				q = lead(it.Text, maxLead)
			}
			if q == "" {
				continue
			}
			cite := pv.citation(pv.resolve(it.SectionID))
			text := b.roll(pv, q, "主要工作·上年未完成", cite)
			carried.Items = append(carried.Items, Item{Text: fmt.Sprintf("%s%s（上年总结%s，得分 %.2f）", CarriedOver, text, statusPhrase(it.Status), it.Score),
				Quote: q, From: FromCarryOver, Citations: []Citation{cite}})
		}
	}
	src.CarriedOver = len(carried.Items)
	if len(carried.Items) > 0 {
		work.Sections = append(work.Sections, carried)
	}

	steps := Section{Heading: "上年总结提出的今后打算（建议纳入）", Role: corpus.TagWork}
	for _, p := range rv.NextStepPassages {
		cite := sv.citation(sv.resolve(p.SectionID))
		q := strings.TrimSpace(p.Text)
		steps.Items = append(steps.Items, Item{Text: b.roll(sv, q, "主要工作·今后打算", cite), Quote: q, From: FromNextStep, Citations: []Citation{cite}})
	}
	src.NextSteps = len(steps.Items)
	if len(steps.Items) > 0 {
		work.Sections = append(work.Sections, steps)
	}

	targets := Section{Heading: "上年指标完成情况（供确定今年指标）", Role: corpus.TagGoals,
		Note: "指标沿用上年计划，括注为上年总结报告的数值；今年的数值请结合实际确定。"}
	for _, t := range rv.Targets {
		cite := pv.citation(pv.targetSection(t))
		q := zhtext.StripNumbering(t.Text)
		text := b.roll(pv, q, "工作目标·上年指标", cite)
		cites := []Citation{cite}
		var outcome string
		switch {
		case t.Met == nil:
			outcome = "上年总结未给出数字，" + ToVerify
		case *t.Met:
			outcome = fmt.Sprintf("上年总结：%s，已达到", t.Reported.Text)
		default:
			outcome = fmt.Sprintf("上年总结：%s，未达到", t.Reported.Text)
			text = CarriedOver + text
		}
		if t.Reported != nil {
			cites = append(cites, sv.citation(sv.resolve(t.Reported.SectionID)))
		}
		targets.Items = append(targets.Items, Item{Text: text + "（" + outcome + "）", Quote: q, From: FromCarryOver, Citations: cites})
	}
	src.Targets = len(targets.Items)
	if len(targets.Items) > 0 {
		// the review's list replaces the base's own targets when the base
		// is last year's plan
		if pv == b.base {
			kept := goals.Sections[:0]
			for _, s := range goals.Sections {
				if s.Heading != baseTargetsHeading {
					kept = append(kept, s)
				}
			}
			goals.Sections = kept
		}
		goals.Sections = append(goals.Sections, targets)
	}
	d.Review = src
	d.Notes = append(d.Notes, fmt.Sprintf("对照了%d年的计划《%s》和总结《%s》：%d 项上年未完成或总结未提及，已标“%s”；总结中的 %d 条今后打算列为建议；%d 项上年指标附上了完成情况。",
		rv.Year, plan.Title, summary.Title, src.CarriedOver, CarriedOver, src.NextSteps, src.Targets))
}

func statusPhrase(s review.Status) string {
	if s == review.Partly {
		return "只部分提及"
	}
	return "未提及"
}

// targetSection finds the section of a reviewed target.
func (v *view) targetSection(t review.TargetCheck) *corpus.Section {
	if s := v.resolve(t.SectionID); s != nil {
		return s
	}
	return v.sectionContaining(t.Text, corpus.TagGoals)
}
