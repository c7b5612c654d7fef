// Package review holds a year's union work plan (工作计划) against the same
// organisation's summary (工作总结) of that year — the 对照检查 a union
// secretary does before writing the next plan.
//
// Every plan item (work items, goals, calendar entries) gets a status —
// done, partly or not-found — from the summary passages that are its
// evidence; every quantified target is held against the figure the summary
// reports for the same metric; summary passages the plan did not foresee
// are listed as unplanned, and the summary's problems and next steps are
// collected for the next plan.
//
// Matching is by meaning as far as the corpus allows: key words after
// segmentation (Options.Words, the gse segmenter in practice) weighted by
// how rare they are in the two documents, synonyms from the search
// thesaurus (Options.Synonyms), the same work area, and the same months.
// Every decision carries its score; the thresholds are the constants below.
// not-found means the summary does not mention an item — absence of
// evidence, never that the work was not done.
package review

import (
	"errors"

	"plans/corpus"
)

// Thresholds and weights of the matching. Scores run from 0 to 1: the
// share of an item's key-word weight that its evidence covers, plus the
// bonuses.
const (
	// DoneScore is the score from which an item counts as done (报告了).
	DoneScore = 0.5
	// PartlyScore is the score from which an item with evidence counts as
	// partly reported; below it the item is not-found.
	PartlyScore = 0.25
	// EvidenceScore is the least score of a summary passage (alone) to be
	// shown as evidence for an item.
	EvidenceScore = 0.2
	// MaxEvidence is the most passages shown as evidence of one item.
	MaxEvidence = 3
	// SynonymCredit is what a key word found only through a thesaurus
	// synonym counts for (a word found as written counts 1).
	SynonymCredit = 0.8
	// PartCredit is what a two-rune key word counts for when it is only
	// part of a longer word of the passage (生日 in 生日会).
	PartCredit = 0.5
	// HeadingWeight multiplies the weight of key words of an item's lead
	// sentence (its heading): what was planned, before how.
	HeadingWeight = 2.0
	// TopicBonus is added to a passage's score when its section is in a
	// work area of the item; MonthBonus when it names a month of the item.
	// Neither is given to a passage that shares no key word.
	TopicBonus = 0.1
	MonthBonus = 0.1
	// TargetScore is the least metric similarity for a reported figure to
	// answer a target.
	TargetScore = 0.5
	// HeadScore is the metric similarity of two metrics that end in the
	// same word (教职工培训, 园本培训).
	HeadScore = 0.8
	// UnplannedScore: a summary passage whose key words are covered less
	// than this by every plan item, and that is evidence for none, is
	// listed as unplanned.
	UnplannedScore = 0.25
	// MinKeyWords is the least number of key words a summary passage needs
	// to be listed as unplanned (short lines say nothing by themselves).
	MinKeyWords = 3
	// MinContentWords is the least number of content words of at least
	// UnplannedSpecificity (a dictionary frequency under about 400) a
	// summary passage needs to be listed as unplanned: 全体教职工团结协作，
	// 各项工作有条不紊 says nothing that was done.
	MinContentWords      = 2
	UnplannedSpecificity = 0.55
	// CommonFrequency is the dictionary frequency at which a word's weight
	// is divided by about 1.3 (at 100 times it, by about 3).
	CommonFrequency = 100
	// ContentSpecificity and ContentShare define a content word: its
	// specificity (see CommonFrequency) at least 0.45 — a dictionary
	// frequency under about 1,000 —, and found in at most 15% of the
	// review's items and sentences (or two of them). Evidence must share
	// one with the item when the item has any.
	ContentSpecificity = 0.45
	ContentShare       = 0.15
)

// Status is what the summary says of a plan item.
type Status string

const (
	Done     Status = "done"      // the summary reports it
	Partly   Status = "partly"    // reported in part
	NotFound Status = "not-found" // the summary does not mention it
)

// StatusNames are the Chinese names of the statuses. not-found is worded
// as what it is: the summary does not mention the item.
var StatusNames = map[Status]string{
	Done:     "已报告完成",
	Partly:   "部分提及",
	NotFound: "总结中未提及",
}

// Errors returned by Build. Their messages are meant for users; details
// (the organisation, the year, the id) follow them.
var (
	ErrNoPlan      = errors.New("找不到工作计划")
	ErrNoSummary   = errors.New("找不到工作总结")
	ErrUnknownDoc  = errors.New("找不到指定的文档")
	ErrNotPlan     = errors.New("指定的文档不是工作计划")
	ErrNotSummary  = errors.New("指定的文档不是工作总结")
	ErrNoSelection = errors.New("请指定单位和年份，或指定计划和总结的文档编号")
)

// Options control Build.
type Options struct {
	// Org and Year pick the organisation's plan of Year and its summary
	// (see FindPair). Org is matched with corpus.SameOrg on the
	// simplified view, so either script finds it.
	Org  string
	Year int
	// PlanID and SummaryID pick the two documents by hand; either may be
	// given alone, the other is then found from it.
	PlanID, SummaryID string
	// Words cuts simplified text into words (segment.Segmenter.Words).
	// Nil falls back to overlapping character pairs.
	Words func(string) []string
	// Frequency returns a word's frequency in a general dictionary of the
	// language, 0 for words it does not know and for union terms
	// (SegmenterLanguage builds it from the segmenter's dictionaries).
	// Common words weigh less. Nil weighs every word by the two documents
	// alone.
	Frequency func(string) float64
	// Synonyms returns the synonyms of a simplified word
	// (index.Thesaurus.Expand). Nil means none.
	Synonyms func(string) []string
	// Simplify converts text to simplified characters rune for rune; it is
	// used when a document has no simplified view. Nil keeps text as is.
	Simplify func(string) string
}

// Review is a plan held against its summary. Its JSON form is the
// contract of plans review --format json.
type Review struct {
	Org     string `json:"org"`
	Year    int    `json:"year"`
	Plan    DocRef `json:"plan"`
	Summary DocRef `json:"summary"`
	// Pair says how the two documents were chosen.
	Pair      Pair          `json:"pair"`
	Items     []Item        `json:"items"`
	Targets   []TargetCheck `json:"targets"`
	Unplanned []Passage     `json:"unplanned"`
	Problems  []string      `json:"problems"`
	NextSteps []string      `json:"next_steps"`
	// ProblemPassages and NextStepPassages are Problems and NextSteps with
	// the sections they come from (for citations).
	ProblemPassages  []Passage `json:"problem_passages"`
	NextStepPassages []Passage `json:"next_step_passages"`
	Counts           Counts    `json:"counts"`
	Thresholds       Limits    `json:"thresholds"`
}

// DocRef names a document.
type DocRef struct {
	DocID  string      `json:"doc_id"`
	Title  string      `json:"title"`
	Org    string      `json:"org"`
	Year   int         `json:"year"`
	Kind   corpus.Kind `json:"kind"`
	Source string      `json:"source"`
}

// Pair rules.
const (
	PairSameYear   = "same-year"   // plan and summary of the same year
	PairSchoolYear = "school-year" // a 学年 summary closing the plan of the year before
	PairByHand     = "by-hand"     // --plan / --summary
)

// Pair tells how plan and summary were paired.
type Pair struct {
	Rule string `json:"rule"`
	Note string `json:"note"` // in Chinese
}

// Item is one plan item with what the summary says of it.
type Item struct {
	SectionID string   `json:"section_id"`
	Heading   string   `json:"heading"`
	Text      string   `json:"text"`
	Topics    []string `json:"topics"`
	// Kind is work (主要工作), goal (工作目标) or calendar (行事历).
	Kind   string `json:"kind"`
	Months []int  `json:"months,omitempty"`
	// Path is the headings above the item.
	Path     []string   `json:"path,omitempty"`
	Status   Status     `json:"status"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
	// Found and Missing are the item's key words the evidence has (or a
	// synonym of them) and has not, weightiest first.
	Found   []string `json:"found"`
	Missing []string `json:"missing"`
	// Parts are the activities of a calendar entry, each matched alone.
	Parts []Part `json:"parts,omitempty"`
}

// Part is an activity of a calendar entry.
type Part struct {
	Text   string  `json:"text"`
	Status Status  `json:"status"`
	Score  float64 `json:"score"`
}

// Evidence is a summary passage that reports (part of) an item.
type Evidence struct {
	DocID     string  `json:"doc_id"`
	SectionID string  `json:"section_id"`
	Heading   string  `json:"heading,omitempty"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
}

// TargetCheck is a plan target against the figure the summary reports.
type TargetCheck struct {
	Text      string    `json:"text"`
	Metric    string    `json:"metric"`
	SectionID string    `json:"section_id,omitempty"`
	Topics    []string  `json:"topics"`
	Planned   Planned   `json:"planned"`
	Reported  *Reported `json:"reported"`
	// Met is nil (JSON null) when the summary gives no figure for the
	// metric; else whether the reported value meets Planned (Planned.Op).
	Met *bool `json:"met"`
}

// Planned is a target's planned value. Op is the comparison the check
// applies: ">=" or "<="; a value stated as reached (达到100%, "=" in the
// export, StatedOp) is checked as ">=".
type Planned struct {
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Op       string  `json:"op"`
	StatedOp string  `json:"stated_op"`
}

// Reported is the figure a summary reports for a target's metric.
type Reported struct {
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Text      string  `json:"text"`
	Metric    string  `json:"metric"`
	SectionID string  `json:"section_id,omitempty"`
	Passage   string  `json:"passage,omitempty"`
	Score     float64 `json:"score"`
}

// Passage is a passage of the summary.
type Passage struct {
	SectionID string   `json:"section_id"`
	Heading   string   `json:"heading,omitempty"`
	Text      string   `json:"text"`
	Topics    []string `json:"topics"`
	// Score is, for an unplanned passage, how much of it the closest plan
	// item covers.
	Score float64 `json:"score"`
}

// Counts sums up a review.
type Counts struct {
	Items      int `json:"items"`
	Done       int `json:"done"`
	Partly     int `json:"partly"`
	NotFound   int `json:"not_found"`
	Targets    int `json:"targets"`
	Met        int `json:"met"`
	NotMet     int `json:"not_met"`
	NoFigure   int `json:"no_figure"`
	Unplanned  int `json:"unplanned"`
	Problems   int `json:"problems"`
	NextSteps  int `json:"next_steps"`
	Calendared int `json:"calendar_entries"`
}

// Limits are the thresholds a review was made with.
type Limits struct {
	Done      float64 `json:"done"`
	Partly    float64 `json:"partly"`
	Evidence  float64 `json:"evidence"`
	Target    float64 `json:"target"`
	Unplanned float64 `json:"unplanned"`
}
