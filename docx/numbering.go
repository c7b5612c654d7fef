package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// level is one w:lvl of an abstract numbering definition.
type level struct {
	start   int
	format  string // w:numFmt
	text    string // w:lvlText, e.g. "%1、"
	restart *int   // w:lvlRestart; nil = restart after any higher level
	legal   bool   // w:isLgl: render every %n as decimal
	style   string // w:pStyle linking a paragraph style to this level
	suffix  string // w:suff: "tab" (default), "space", "nothing"
}

type abstractNum struct {
	levels    map[int]*level
	styleLink string // w:numStyleLink: the definition lives in a numbering style
}

type num struct {
	abstract  string
	overrides map[int]int    // w:lvlOverride/w:startOverride
	lvls      map[int]*level // w:lvlOverride/w:lvl
}

// numbering holds numbering.xml and the list counters while paragraphs are
// read in order. Counters belong to the abstract definition, so two w:num
// instances of one definition continue each other's numbering, as in Word;
// a w:startOverride restarts its level the first time its w:num is used.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*num
	styles    *styles

	counters map[string]map[int]int // abstract id → level → current value
	seen     map[string]bool        // numIds already used (start overrides applied)
}

func newNumbering() *numbering {
	return &numbering{
		abstracts: map[string]*abstractNum{},
		nums:      map[string]*num{},
		counters:  map[string]map[int]int{},
		seen:      map[string]bool{},
	}
}

// parseNumbering reads word/numbering.xml.
func parseNumbering(data []byte, n *numbering) error {
	d := newDecoder(data)
	var (
		curAbs   *abstractNum
		curNum   *num
		curLvl   *level
		ovrLevel = -1
	)
	for {
		tok, err := d.Token()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				curAbs = &abstractNum{levels: map[int]*level{}}
				n.abstracts[attr(t, "abstractNumId")] = curAbs
			case "num":
				curNum = &num{overrides: map[int]int{}, lvls: map[int]*level{}}
				n.nums[attr(t, "numId")] = curNum
			case "abstractNumId":
				if curNum != nil {
					curNum.abstract = attr(t, "val")
				}
			case "lvlOverride":
				ovrLevel = atoi(attr(t, "ilvl"), 0)
			case "startOverride":
				if curNum != nil && ovrLevel >= 0 {
					curNum.overrides[ovrLevel] = atoi(attr(t, "val"), 1)
				}
			case "numStyleLink":
				if curAbs != nil {
					curAbs.styleLink = attr(t, "val")
				}
			case "lvl":
				// Without w:start a level starts at 0, as the standard says
				// and LibreOffice shows.
				curLvl = &level{start: 0, format: "decimal"}
				il := atoi(attr(t, "ilvl"), 0)
				switch {
				case curNum != nil && ovrLevel >= 0:
					curNum.lvls[ovrLevel] = curLvl
				case curAbs != nil:
					curAbs.levels[il] = curLvl
				}
			case "start":
				if curLvl != nil {
					curLvl.start = atoi(attr(t, "val"), 0)
				}
			case "numFmt":
				if curLvl != nil {
					curLvl.format = attr(t, "val")
				}
			case "lvlText":
				if curLvl != nil {
					curLvl.text = attr(t, "val")
				}
			case "lvlRestart":
				if curLvl != nil {
					v := atoi(attr(t, "val"), 0)
					curLvl.restart = &v
				}
			case "isLgl":
				if curLvl != nil {
					curLvl.legal = onOff(t)
				}
			case "pStyle":
				if curLvl != nil {
					curLvl.style = attr(t, "val")
				}
			case "suff":
				if curLvl != nil {
					curLvl.suffix = attr(t, "val")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				curAbs = nil
			case "num":
				curNum = nil
			case "lvlOverride":
				ovrLevel = -1
			case "lvl":
				curLvl = nil
			}
		}
	}
}

// resolve finds the abstract definition of a w:num, following a
// numStyleLink through the numbering style to the definition that has the
// levels.
func (n *numbering) resolve(numID string) (string, *abstractNum) {
	nm := n.nums[numID]
	if nm == nil {
		return "", nil
	}
	id := nm.abstract
	for hops := 0; hops < 4; hops++ {
		a := n.abstracts[id]
		if a == nil {
			return "", nil
		}
		if a.styleLink == "" || len(a.levels) > 0 || n.styles == nil {
			return id, a
		}
		st := n.styles.byID[a.styleLink]
		if st == nil || st.numID == "" {
			return id, a
		}
		linked := n.nums[st.numID]
		if linked == nil {
			return id, a
		}
		id = linked.abstract
	}
	return id, n.abstracts[id]
}

// lvl returns the level definition that applies to numID at ilvl.
func (n *numbering) lvl(numID string, ilvl int) *level {
	if nm := n.nums[numID]; nm != nil {
		if l := nm.lvls[ilvl]; l != nil {
			return l
		}
	}
	_, a := n.resolve(numID)
	if a == nil {
		return nil
	}
	return a.levels[ilvl]
}

// suffix returns what follows the number of numID at ilvl: "tab",
// "space" or "nothing".
func (n *numbering) suffix(numID string, ilvl int) string {
	if l := n.lvl(numID, ilvl); l != nil && l.suffix != "" {
		return l.suffix
	}
	return "tab"
}

// levelForStyle finds the level of numID whose w:pStyle is style, for
// paragraphs whose style carries numbering without an explicit level.
func (n *numbering) levelForStyle(numID, style string) (int, bool) {
	_, a := n.resolve(numID)
	if a == nil || style == "" {
		return 0, false
	}
	for il, l := range a.levels {
		if l.style == style {
			return il, true
		}
	}
	return 0, false
}

// next advances the counter of (numID, ilvl) and returns the number text,
// or ok=false when the paragraph is not really numbered (unknown or
// "none" list). A bullet level gives "" with ok=true.
func (n *numbering) next(numID string, ilvl int) (string, bool) {
	if numID == "" || numID == "0" || ilvl < 0 || ilvl > 8 {
		return "", false
	}
	absID, a := n.resolve(numID)
	if a == nil {
		return "", false
	}
	l := n.lvl(numID, ilvl)
	if l == nil {
		return "", false
	}
	ctr := n.counters[absID]
	if ctr == nil {
		ctr = map[int]int{}
		n.counters[absID] = ctr
	}
	if !n.seen[numID] {
		n.seen[numID] = true
		if nm := n.nums[numID]; nm != nil {
			for il, v := range nm.overrides {
				// The override takes effect at the next use of that level.
				ctr[il] = v - 1
			}
		}
	}
	if v, ok := ctr[ilvl]; ok {
		ctr[ilvl] = v + 1
	} else {
		ctr[ilvl] = l.start
	}
	// Restart the deeper levels.
	for k := ilvl + 1; k <= 8; k++ {
		kl := n.lvl(numID, k)
		restart := kl == nil || kl.restart == nil || (*kl.restart != 0 && ilvl < *kl.restart)
		if restart {
			delete(ctr, k)
		}
	}
	if l.format == "bullet" {
		return "", true
	}
	return n.render(numID, ilvl, l, ctr), true
}

// render expands %1 … %9 in the level text. A skipped higher level shows
// its start value, and Word counts it as used: its next item goes on from
// there.
func (n *numbering) render(numID string, ilvl int, l *level, ctr map[int]int) string {
	text := l.text
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			kl := n.lvl(numID, k)
			v, ok := ctr[k]
			if !ok {
				v = 1
				if kl != nil {
					v = kl.start
				}
				if k < ilvl {
					ctr[k] = v
				}
			}
			format := "decimal"
			if kl != nil {
				format = kl.format
			}
			if l.legal {
				format = "decimal"
			}
			b.WriteString(formatNumber(v, format))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoi(s string, def int) int {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return v
}

// onOff reads a boolean property element: present means true unless its
// w:val says otherwise.
func onOff(e xml.StartElement) bool {
	switch attr(e, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}
