package docx

import (
	"encoding/xml"
	"strings"
)

// style is one paragraph style of styles.xml, with the properties that
// matter for reading text: its numbering and its outline level.
type style struct {
	id      string
	name    string
	basedOn string
	numID   string // "" = not set; "0" = numbering explicitly off
	ilvl    int    // -1 = not set
	outline int    // w:outlineLvl + 1; 0 = not set; 10 = body text
}

type styles struct {
	byID map[string]*style
}

func parseStyles(data []byte) (*styles, error) {
	s := &styles{byID: map[string]*style{}}
	d := newDecoder(data)
	var cur *style
	inPPr := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if isEOF(err) {
				return s, nil
			}
			return s, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = nil
				if typ := attr(t, "type"); typ == "paragraph" || typ == "numbering" || typ == "" {
					cur = &style{id: attr(t, "styleId"), ilvl: -1}
					s.byID[cur.id] = cur
				}
			case "name":
				if cur != nil && inPPr == 0 {
					cur.name = attr(t, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "pPr":
				inPPr++
			case "numId":
				if cur != nil && inPPr > 0 {
					cur.numID = attr(t, "val")
				}
			case "ilvl":
				if cur != nil && inPPr > 0 {
					cur.ilvl = atoi(attr(t, "val"), 0)
				}
			case "outlineLvl":
				if cur != nil && inPPr > 0 {
					cur.outline = atoi(attr(t, "val"), 9) + 1
				}
			case "rPr", "tblPr", "trPr", "tcPr", "tblStylePr", "pPrChange":
				if err := d.Skip(); err != nil {
					return s, err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "style":
				cur = nil
			case "pPr":
				if inPPr > 0 {
					inPPr--
				}
			}
		}
	}
}

// chain walks a style and the styles it is based on, nearest first.
func (s *styles) chain(id string, fn func(*style) bool) {
	if s == nil {
		return
	}
	for hops := 0; id != "" && hops < 16; hops++ {
		st := s.byID[id]
		if st == nil {
			return
		}
		if !fn(st) {
			return
		}
		id = st.basedOn
	}
}

// numbering returns the numbering a paragraph style gives: numId and ilvl
// (-1 when the style does not say).
func (s *styles) numbering(id string) (numID string, ilvl int) {
	ilvl = -1
	s.chain(id, func(st *style) bool {
		if numID == "" && st.numID != "" {
			numID = st.numID
		}
		if ilvl < 0 && st.ilvl >= 0 {
			ilvl = st.ilvl
		}
		return numID == "" || ilvl < 0
	})
	return numID, ilvl
}

// heading returns the heading level (1–9) a paragraph style gives, from an
// outline level or a built-in "heading N" name, or 0.
func (s *styles) heading(id string) int {
	level := 0
	s.chain(id, func(st *style) bool {
		if st.outline > 0 {
			if st.outline <= 9 {
				level = st.outline
			}
			return false
		}
		if n := builtinHeading(st.name); n > 0 {
			level = n
			return false
		}
		return true
	})
	if level == 0 && s == nil {
		level = builtinHeading(id)
	}
	return level
}

// builtinHeading recognises Word's built-in heading style names and ids
// ("heading 1", "Heading1", "标题 1").
func builtinHeading(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	for _, p := range []string{"heading", "标题"} {
		if strings.HasPrefix(n, p) && len(n) == len(p)+1 {
			if c := n[len(p)]; c >= '1' && c <= '9' {
				return int(c - '0')
			}
		}
	}
	return 0
}
