package cli

import (
	"strconv"
	"strings"

	"plans/corpus"
	"plans/pipeline/script"
)

// yearRange is an inclusive range of years; the zero value matches all.
type yearRange struct{ from, to int }

func (r yearRange) contains(y int) bool {
	if r.from == 0 && r.to == 0 {
		return true
	}
	return y >= r.from && y <= r.to
}

// parseYears reads "2012", "2010-2013" or "2010–2013".
func parseYears(s string) (yearRange, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return yearRange{}, nil
	}
	s = strings.NewReplacer("–", "-", "—", "-", "~", "-", "至", "-", "到", "-").Replace(s)
	a, b, isRange := strings.Cut(s, "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to := from
	var err2 error
	if isRange {
		to, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || from < 1900 || to > 2200 || from > to {
		return yearRange{}, usageError("年份写法不对：%q（应为 2012 或 2010-2013）", s)
	}
	return yearRange{from, to}, nil
}

// orgMatches reports whether the document's org (or title) contains name,
// in either script.
func orgMatches(d *corpus.Document, name string) bool {
	conv, err := script.Default()
	if err != nil {
		return strings.Contains(d.Org, name)
	}
	want := conv.Simplify(strings.TrimSpace(name))
	have := conv.Simplify(d.Org)
	return strings.Contains(have, want) || corpus.SameOrg(have, want)
}
