// Package corpus is the domain model of plans: documents, their sections,
// calendar entries, targets and the work-area taxonomy. It imports only the
// standard library; every other package speaks in these types.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Kind is what a document is.
type Kind string

const (
	KindPlan    Kind = "plan"    // 工作计划: plans ahead
	KindSummary Kind = "summary" // 工作总结: reviews what was done
	KindPoints  Kind = "points"  // 工作要点: key points that plan ahead
	KindOther   Kind = "other"   // not a union plan or summary
)

// Where a document's year or organisation was read (Document.YearFrom,
// Document.OrgFrom).
const (
	FromTitle         = "title"          // the document's title
	FromAboveTitle    = "above-title"    // a line above the title (an org line, a subtitle)
	FromFirstSentence = "first-sentence" // the opening of the body
	FromIssuer        = "issuer"         // the issuer signing a 工作要点 or notice
	FromSignOff       = "sign-off"       // a signature line at the end
)

// FromNames are the Chinese display names of the places a year or an
// organisation is read from.
var FromNames = map[string]string{
	FromTitle:         "标题",
	FromAboveTitle:    "标题上方",
	FromFirstSentence: "正文开头",
	FromIssuer:        "发文单位",
	FromSignOff:       "落款",
}

// Script is the writing system of a document.
type Script string

const (
	Simplified  Script = "simplified"
	Traditional Script = "traditional"
	Mixed       Script = "mixed"
)

// OrgType is the kind of organisation a document comes from, for facets.
type OrgType string

const (
	OrgKindergarten   OrgType = "kindergarten"
	OrgPrimary        OrgType = "primary"
	OrgMiddle         OrgType = "middle"
	OrgVocational     OrgType = "vocational"
	OrgUniversity     OrgType = "university"
	OrgEducationUnion OrgType = "education-union"
	OrgEnterprise     OrgType = "enterprise"
	OrgGovernment     OrgType = "government"
	OrgUnknown        OrgType = "unknown"
)

// OrgTypeNames are the Chinese display names of the org types.
var OrgTypeNames = map[OrgType]string{
	OrgKindergarten:   "幼儿园",
	OrgPrimary:        "小学",
	OrgMiddle:         "中学",
	OrgVocational:     "职业学校",
	OrgUniversity:     "高校",
	OrgEducationUnion: "教育工会",
	OrgEnterprise:     "企业",
	OrgGovernment:     "机关事业单位",
	OrgUnknown:        "未知",
}

// Document is one plan, summary or other text found in a file. A file may
// hold several documents (Part 1, 2, …).
//
// Year and Org are zero when the text does not state them; they are written
// as JSON null.
type Document struct {
	ID       string          `json:"id"`
	Source   string          `json:"source"`
	Part     int             `json:"part"`
	Title    string          `json:"title"`
	Kind     Kind            `json:"kind"`
	Relevant bool            `json:"relevant"`
	Script   Script          `json:"script"`
	Year     int             `json:"year"`
	Org      string          `json:"org"`
	OrgType  OrgType         `json:"org_type"`
	Topics   []string        `json:"topics"`
	Text     string          `json:"text"`
	Sections []Section       `json:"sections"`
	Calendar []CalendarEntry `json:"calendar"`
	Targets  []Target        `json:"targets"`
	Warnings []string        `json:"warnings"`

	// Format is the file format the document was read from (txt, docx, html,
	// pdf, doc); Encoding the character encoding of a text file.
	Format   string `json:"format,omitempty"`
	Encoding string `json:"encoding,omitempty"`

	// YearFrom and OrgFrom say where Year and Org were read (one of the
	// From* values); empty when they are unknown.
	YearFrom string `json:"year_from,omitempty"`
	OrgFrom  string `json:"org_from,omitempty"`

	// Simplified is Text converted to simplified characters, rune for rune:
	// it has exactly as many runes as Text, so a rune offset in one is the
	// same place in the other. It is used for analysis and indexing and is
	// not part of the export.
	Simplified string `json:"-"`
}

// Section is a node of a document's heading tree.
//
// Start and End are byte offsets into Document.Text: Start is where the
// heading begins, End where the section's own body ends (before its first
// child or next sibling). Parent is "" for a top-level section (JSON null).
type Section struct {
	ID      string   `json:"id"`
	Parent  string   `json:"parent"`
	Depth   int      `json:"depth"`
	Number  string   `json:"number"`
	Heading string   `json:"heading"`
	Tag     Tag      `json:"tag"`
	Topics  []string `json:"topics"`
	Text    string   `json:"text"`
	Inline  bool     `json:"inline,omitempty"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
}

// Tag is the role of a section in its document.
type Tag string

const (
	TagIdeology     Tag = "ideology"     // 指导思想
	TagGoals        Tag = "goals"        // 工作目标
	TagWork         Tag = "work"         // 主要工作 and work areas
	TagCalendar     Tag = "calendar"     // 行事历
	TagAchievements Tag = "achievements" // 主要成绩 (summaries)
	TagProblems     Tag = "problems"     // 存在问题
	TagNextSteps    Tag = "next-steps"   // 今后打算
	TagOther        Tag = "other"
)

// TagNames are the Chinese display names of the section roles.
var TagNames = map[Tag]string{
	TagIdeology:     "指导思想",
	TagGoals:        "工作目标",
	TagWork:         "主要工作",
	TagCalendar:     "行事历",
	TagAchievements: "主要成绩",
	TagProblems:     "存在问题",
	TagNextSteps:    "今后打算",
	TagOther:        "其他",
}

// KindNames are the Chinese display names of the document kinds.
var KindNames = map[Kind]string{
	KindPlan:    "工作计划",
	KindSummary: "工作总结",
	KindPoints:  "工作要点",
	KindOther:   "其他",
}

// ScriptNames are the Chinese display names of the scripts.
var ScriptNames = map[Script]string{
	Simplified:  "简体",
	Traditional: "繁体",
	Mixed:       "繁简混合",
}

// CalendarEntry is one month block of a calendar (行事历) section.
type CalendarEntry struct {
	Months     []int    `json:"months"`
	Label      string   `json:"label"`
	Text       string   `json:"text"`
	Activities []string `json:"activities"`
	Topics     []string `json:"topics"`
	Section    string   `json:"section,omitempty"`
}

// Target is a quantified commitment such as 满意率达到80%以上.
type Target struct {
	Text    string   `json:"text"`
	Metric  string   `json:"metric"`
	Value   float64  `json:"value"`
	Unit    string   `json:"unit"`
	Op      string   `json:"op"` // ">=", "=", "<="
	Topics  []string `json:"topics"`
	Section string   `json:"section,omitempty"`
}

// DocumentID returns the stable id of part part of the file identified by
// key (the file's absolute path): ten hex digits of its hash, a dash and
// the part number.
func DocumentID(key string, part int) string {
	sum := sha256.Sum256([]byte(key))
	return fmt.Sprintf("%s-%d", hex.EncodeToString(sum[:5]), part)
}

// SectionID returns the id of the n-th section (1-based, document order)
// of the document docID.
func SectionID(docID string, n int) string {
	return fmt.Sprintf("%s/s%d", docID, n)
}

// Section returns the section with the given id.
func (d *Document) Section(id string) (*Section, bool) {
	for i := range d.Sections {
		if d.Sections[i].ID == id {
			return &d.Sections[i], true
		}
	}
	return nil, false
}

// HeadingPath returns the headings from the top-level ancestor down to the
// section with the given id.
func (d *Document) HeadingPath(id string) []string {
	var path []string
	for id != "" {
		s, ok := d.Section(id)
		if !ok {
			break
		}
		path = append(path, s.Heading)
		id = s.Parent
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

// OrgName returns the organisation, or "未注明" when unknown.
func (d *Document) OrgName() string {
	if d.Org == "" {
		return "未注明"
	}
	return d.Org
}

// YearLabel returns "2012年", or "年份未注明" when unknown.
func (d *Document) YearLabel() string {
	if d.Year == 0 {
		return "年份未注明"
	}
	return fmt.Sprintf("%d年", d.Year)
}

// documentJSON is Document with nullable year and org.
type documentJSON struct {
	ID       string          `json:"id"`
	Source   string          `json:"source"`
	Part     int             `json:"part"`
	Title    string          `json:"title"`
	Kind     Kind            `json:"kind"`
	Relevant bool            `json:"relevant"`
	Script   Script          `json:"script"`
	Year     *int            `json:"year"`
	Org      *string         `json:"org"`
	OrgType  OrgType         `json:"org_type"`
	Topics   []string        `json:"topics"`
	Text     string          `json:"text"`
	Sections []Section       `json:"sections"`
	Calendar []CalendarEntry `json:"calendar"`
	Targets  []Target        `json:"targets"`
	Warnings []string        `json:"warnings"`
	Format   string          `json:"format,omitempty"`
	Encoding string          `json:"encoding,omitempty"`
	YearFrom string          `json:"year_from,omitempty"`
	OrgFrom  string          `json:"org_from,omitempty"`
}

// MarshalJSON writes the export contract: year and org null when unknown,
// empty lists as [] rather than null.
func (d Document) MarshalJSON() ([]byte, error) {
	j := documentJSON{
		ID: d.ID, Source: d.Source, Part: d.Part, Title: d.Title, Kind: d.Kind,
		Relevant: d.Relevant, Script: d.Script, OrgType: d.OrgType,
		Topics: nonNil(d.Topics), Text: d.Text, Sections: d.Sections,
		Calendar: d.Calendar, Targets: d.Targets, Warnings: nonNil(d.Warnings),
		Format: d.Format, Encoding: d.Encoding, YearFrom: d.YearFrom, OrgFrom: d.OrgFrom,
	}
	if j.Sections == nil {
		j.Sections = []Section{}
	}
	if j.Calendar == nil {
		j.Calendar = []CalendarEntry{}
	}
	if j.Targets == nil {
		j.Targets = []Target{}
	}
	if d.Year != 0 {
		y := d.Year
		j.Year = &y
	}
	if d.Org != "" {
		o := d.Org
		j.Org = &o
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Document) UnmarshalJSON(b []byte) error {
	var j documentJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = Document{
		ID: j.ID, Source: j.Source, Part: j.Part, Title: j.Title, Kind: j.Kind,
		Relevant: j.Relevant, Script: j.Script, OrgType: j.OrgType,
		Topics: j.Topics, Text: j.Text, Sections: j.Sections, Calendar: j.Calendar,
		Targets: j.Targets, Warnings: j.Warnings, Format: j.Format, Encoding: j.Encoding,
		YearFrom: j.YearFrom, OrgFrom: j.OrgFrom,
	}
	if j.Year != nil {
		d.Year = *j.Year
	}
	if j.Org != nil {
		d.Org = *j.Org
	}
	return nil
}

type sectionJSON struct {
	ID      string   `json:"id"`
	Parent  *string  `json:"parent"`
	Depth   int      `json:"depth"`
	Number  string   `json:"number"`
	Heading string   `json:"heading"`
	Tag     Tag      `json:"tag"`
	Topics  []string `json:"topics"`
	Text    string   `json:"text"`
	Inline  bool     `json:"inline,omitempty"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
}

// MarshalJSON writes parent as null for a top-level section.
func (s Section) MarshalJSON() ([]byte, error) {
	j := sectionJSON{ID: s.ID, Depth: s.Depth, Number: s.Number, Heading: s.Heading,
		Tag: s.Tag, Topics: nonNil(s.Topics), Text: s.Text, Inline: s.Inline, Start: s.Start, End: s.End}
	if s.Parent != "" {
		p := s.Parent
		j.Parent = &p
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Section) UnmarshalJSON(b []byte) error {
	var j sectionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Section{ID: j.ID, Depth: j.Depth, Number: j.Number, Heading: j.Heading,
		Tag: j.Tag, Topics: j.Topics, Text: j.Text, Inline: j.Inline, Start: j.Start, End: j.End}
	if j.Parent != nil {
		s.Parent = *j.Parent
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// NormalizeSpace collapses runs of white space (including full-width
// spaces) to one ASCII space and trims the ends. Tests compare texts with it.
func NormalizeSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), " ")
}
