// Package draft drafts next year's union work plan (工会工作计划) for one
// organisation from its latest plan (the base) and the plans of its peers.
//
// A draft is plain data: a title, the customary sections in order
// (一、指导思想, 二、工作目标, 三、主要工作 by work area, 四、行事历), the
// stale references found in the base, the work areas peers cover and the
// base lacks, and a month-by-month calendar. Every suggested item is a lead
// sentence quoted from a source and carries citations to the document and
// section it came from; nothing is invented: values taken from peers are
// marked 【待核实】 and time-bound references 【待更新：…】.
//
// Renderers write a draft as Markdown (WriteMarkdown), self-contained HTML
// (WriteHTML) and a Word document (WriteDOCX).
package draft

import (
	"errors"

	"plans/corpus"
	"plans/review"
	"plans/script"
)

// Markers written into draft text. They are user-facing and stable: tools
// and tests look for them.
const (
	// ToVerify marks a value the user must confirm (a peer's number, an
	// unknown name or date).
	ToVerify = "【待核实】"
	// ToUpdatePrefix opens the marker after a time-bound reference that must
	// be updated for the new year; the reason follows and "】" closes it.
	ToUpdatePrefix = "【待更新："
	// ToFill marks a place the sources leave empty.
	ToFill = "【待补充】"
)

// Errors returned by Build. Their messages are meant for users.
var (
	// ErrNoYear: no target year was given and the base states none.
	ErrNoYear = errors.New("未指定计划年份")
	// ErrBaseNotFound: the document named by Options.BaseID is not in the corpus.
	ErrBaseNotFound = errors.New("找不到指定的底稿文档")
	// ErrNoSources: neither a base nor any peer plan is available.
	ErrNoSources = errors.New("没有可供参考的工会工作计划")
)

// Build also returns an *OrgNotFoundError (errors.Is ErrOrgNotFound) for
// an organisation name that matches no document.

// Options control Build.
type Options struct {
	// Org is the organisation the plan is for. It is matched against the
	// documents' Org exactly, or after normalisation (simplified view,
	// spaces removed), so either script finds the same organisation.
	Org string
	// OrgType is the kind of organisation the plan is for when no document
	// of the organisation tells it (with a base, the base's OrgType is
	// used).
	OrgType corpus.OrgType
	// PeerTypes, when not empty, are the kinds of organisation peers are
	// taken from, as the user chose them. Empty means the draft's own kind,
	// widened to related kinds (RelatedTypes) while fewer than MinPeers
	// organisations are found; every kind when the draft's kind is unknown.
	PeerTypes []corpus.OrgType
	// MinPeers is how many peer organisations of the draft's own kind are
	// enough before related kinds are added (default 3).
	MinPeers int
	// NoBase drafts from peers alone. Without it, an organisation name that
	// matches no document is refused with the nearest names
	// (*OrgNotFoundError) rather than drafted without a base.
	NoBase bool
	// Year is the year the new plan is for. Zero means the year after the
	// base's.
	Year int
	// BaseID picks the base document; empty means the organisation's latest
	// plan.
	BaseID string
	// MaxItems is the most candidate items per work area (default 4).
	MaxItems int
	// MaxOptions is the most peer wordings offered for 指导思想 (default 3).
	MaxOptions int
	// MaxActivities is the most peer activities per calendar month
	// (default 3).
	MaxActivities int
	// MinTargetPeers is how many peers must set a comparable target before
	// it is suggested (default 2).
	MinTargetPeers int
	// GapShare is the share of peers that must cover a work area the base
	// lacks for it to be suggested as a gap (and, without a base, for it
	// to get a sub-section); at least two peers are needed when there are
	// two or more (default 1/3).
	GapShare float64
	// Similarity is the character-bigram Jaccard similarity (simplified
	// view) from which two items count as the same (default 0.5). A short
	// item whose bigrams are three quarters contained in a longer one
	// (召开教代会, 召开第七届二次教代会) counts as the same too.
	Similarity float64
	// Simplify converts text to simplified characters rune for rune (for
	// example script.Converter.Simplify). It is used to match organisations
	// and items across scripts when a document's Simplified view is not
	// filled in. Nil means documents are compared as written.
	Simplify func(string) string
	// Traditionalize converts text to traditional characters (for example
	// script.Converter.Traditionalize). A draft whose base is written in
	// traditional characters is written in them: suggestions taken from
	// simplified plans are converted with it. Nil leaves them as written.
	Traditionalize func(string) string
	// ReviewLanguage returns what the review of the year before knows of
	// the language (review.LanguageOptions); it is called only when the
	// organisation has a plan and a summary of that year, so that a draft
	// without them does not load a segmenter. Nil reviews by character
	// pairs.
	ReviewLanguage func() (review.Options, error)
}

// DefaultOptions returns the options Build uses for zero fields.
func DefaultOptions() Options {
	return Options{MaxItems: 4, MaxOptions: 3, MaxActivities: 3, MinTargetPeers: 2, GapShare: 1.0 / 3, Similarity: 0.5, MinPeers: 3}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxItems <= 0 {
		o.MaxItems = d.MaxItems
	}
	if o.MaxOptions <= 0 {
		o.MaxOptions = d.MaxOptions
	}
	if o.MaxActivities <= 0 {
		o.MaxActivities = d.MaxActivities
	}
	if o.MinTargetPeers <= 0 {
		o.MinTargetPeers = d.MinTargetPeers
	}
	if o.GapShare <= 0 || o.GapShare > 1 {
		o.GapShare = d.GapShare
	}
	if o.MinPeers <= 0 {
		o.MinPeers = d.MinPeers
	}
	if o.Similarity <= 0 || o.Similarity > 1 {
		o.Similarity = d.Similarity
	}
	return o
}

// Draft is a drafted plan outline.
type Draft struct {
	Title   string         `json:"title"`
	Org     string         `json:"org"`
	OrgType corpus.OrgType `json:"org_type"`
	Year    int            `json:"year"`
	// Base is the plan the draft starts from; nil when drafted from peers
	// alone.
	Base *Citation `json:"base"`
	// Peers is how many peer organisations (同类单位) were consulted;
	// PeerDocs how many documents they wrote.
	Peers    int `json:"peers"`
	PeerDocs int `json:"peer_docs"`
	// PeerTypes are the kinds of organisation the peers came from, in the
	// order they were added; PeerTypesChosen is true when the user chose
	// them, PeerTypesWidened when related kinds were added because the
	// draft's own kind gave fewer than Options.MinPeers organisations.
	PeerTypes        []corpus.OrgType `json:"peer_types"`
	PeerTypesChosen  bool             `json:"peer_types_chosen,omitempty"`
	PeerTypesWidened bool             `json:"peer_types_widened,omitempty"`
	// Script is the script the draft is written in: the base's
	// (traditional stays traditional, anything else is simplified).
	// Suggestions quoted from plans in the other script are converted;
	// their Quote and citations keep the original wording.
	Script corpus.Script `json:"script"`
	// ToUpdate is how many 【待更新：…】 marks the draft's text carries
	// (sections and calendar): the one count shown in headers and notes.
	ToUpdate int `json:"to_update"`
	// Sections are 一、指导思想, 二、工作目标, 三、主要工作, 四、行事历 in order.
	Sections []Section `json:"sections"`
	// Calendar holds months 1 to 12 (the body of 四、行事历).
	Calendar []Month `json:"calendar"`
	// Gaps are work areas common among peers (Options.GapShare) that the
	// base has no section for, the most common first.
	Gaps []Gap `json:"gaps"`
	// Flags are the time-bound references found in the text taken over,
	// with the reason each must be updated, and the year references that
	// were rolled forward.
	Flags []Flag `json:"flags"`
	// Notes explain how the draft was made (in Chinese).
	Notes []string `json:"notes"`
	// Review is the review of the year before the draft used (nil when
	// there was none): see CarriedOver.
	Review *ReviewSource `json:"review,omitempty"`
}

// tool returns a phrase the renderers add (headings of the appendix,
// counts of peers) in the draft's script.
func (d *Draft) tool(s string) string {
	if d.Script != corpus.Traditional || s == "" {
		return s
	}
	c, err := script.Default()
	if err != nil {
		return s // the embedded tables always load; simplified is still readable
	}
	return c.Traditionalize(s)
}

// Section is a numbered part of the draft.
type Section struct {
	Number  string     `json:"number"` // 一、 / （一）
	Heading string     `json:"heading"`
	Role    corpus.Tag `json:"role"` // ideology, goals, work, calendar
	// Topic is the work area of a 主要工作 sub-section.
	Topic string `json:"topic,omitempty"`
	// Coverage is how many peers cover Topic (of Draft.Peers); Suggested is
	// true for an area the base lacks.
	Coverage  int  `json:"coverage,omitempty"`
	Suggested bool `json:"suggested,omitempty"`
	// Note is a short remark shown under the heading (in Chinese).
	Note string `json:"note,omitempty"`
	// Paragraphs are running text (指导思想 taken from the base).
	Paragraphs []Item `json:"paragraphs,omitempty"`
	// Options are alternative wordings from peers, never swapped in.
	Options []Item `json:"options,omitempty"`
	// Items are numbered candidate items.
	Items    []Item    `json:"items,omitempty"`
	Sections []Section `json:"sections,omitempty"`
}

// From tells where an item comes from.
type From string

const (
	FromBase From = "base" // the organisation's own plan
	FromPeer From = "peer" // another organisation's plan
)

// Item is a paragraph or candidate item of the draft.
type Item struct {
	Number string `json:"number,omitempty"` // 1．
	// Text is what the draft shows: Quote with the plan year rolled forward,
	// time-bound references marked 【待更新：…】 and, for base items, a
	// leading 继续.
	Text string `json:"text"`
	// Quote is the source text exactly as written in the first citation's
	// section (heading or body).
	Quote string `json:"quote"`
	From  From   `json:"from"`
	// Peers is how many peer organisations have something similar.
	Peers int `json:"peers"`
	// Target holds the statistics of a target suggested from peers.
	Target *TargetStat `json:"target,omitempty"`
	// Citations name the sources; the first is where Quote comes from.
	Citations []Citation `json:"citations"`
}

// TargetStat describes a quantified target several peers set.
type TargetStat struct {
	Topic  string    `json:"topic"`
	Metric string    `json:"metric"`
	Unit   string    `json:"unit"`
	Op     string    `json:"op"`
	Median float64   `json:"median"` // the lower median: a value some peer wrote
	Values []float64 `json:"values"`
	Peers  int       `json:"peers"`
}

// Citation points to a section of a source document.
type Citation struct {
	DocID     string `json:"doc_id"`
	SectionID string `json:"section_id"`
	Title     string `json:"title"`
	Org       string `json:"org"`
	Year      int    `json:"year"`
	Heading   string `json:"heading"`
	Source    string `json:"source,omitempty"`
}

// Key identifies the cited place (document and section).
func (c Citation) Key() string { return c.DocID + "#" + c.SectionID }

// Month is one month of the calendar.
type Month struct {
	Month      int        `json:"month"` // 1–12
	Label      string     `json:"label"` // 1月
	Activities []Activity `json:"activities"`
}

// Activity is a calendar activity with how many plans put it in the month.
type Activity struct {
	Text  string `json:"text"`
	Quote string `json:"quote"`
	From  From   `json:"from"`
	// Plans is how many plans (the base included) put a similar activity in
	// this month.
	Plans     int        `json:"plans"`
	Citations []Citation `json:"citations"`
}

// Gap is a work area common among peers that the base lacks.
type Gap struct {
	Topic string `json:"topic"`
	Name  string `json:"name"`
	Peers int    `json:"peers"` // peers covering it
	Of    int    `json:"of"`    // peers consulted
}

// Flag kinds.
const (
	FlagRolled       = "rolled"         // the plan year, rolled forward
	FlagPastYear     = "past-year"      // another year, before the new plan year
	FlagOtherYear    = "other-year"     // a peer's year after the new plan year
	FlagDate         = "date"           // a dated day or month of an old year
	FlagSchoolYear   = "school-year"    // 学年度, 本学期 …
	FlagFiveYearPlan = "five-year-plan" // 十二五 …
	FlagCongress     = "congress"       // 党的十七大 …
	FlagCampaign     = "campaign"       // a dated campaign or slogan
	FlagAnniversary  = "anniversary"    // 建党90周年 …
	FlagRelative     = "relative-time"  // 去年 …
	FlagOrdinal      = "ordinal"        // 第五届 …
)

// Flag is a time-bound reference in text taken over from a source.
type Flag struct {
	Kind string `json:"kind"`
	// Text is the reference as written in the source.
	Text string `json:"text"`
	// Replacement is what Text became (rolled years only).
	Replacement string `json:"replacement,omitempty"`
	Reason      string `json:"reason"`
	// Where names the draft section (指导思想, 主要工作·民主管理 …).
	Where    string   `json:"where"`
	Citation Citation `json:"citation"`
}
