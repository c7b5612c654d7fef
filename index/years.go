package index

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// YearRange is an inclusive range of years; 0 leaves a side open.
type YearRange struct {
	From, To int
}

// IsZero tells whether the range is unset (any year, also unknown ones).
func (y YearRange) IsZero() bool { return y.From == 0 && y.To == 0 }

// ParseYears reads "2012", "2018-2022", "2018-" or "-2012" (also with
// "~", "–", "—" or "至" between the years, and in full-width digits:
// ２０１８－２０２２).
func ParseYears(s string) (YearRange, error) {
	s = strings.TrimSpace(width.Narrow.String(s))
	if s == "" {
		return YearRange{}, nil
	}
	num := func(v string) (int, error) {
		v = strings.TrimSuffix(strings.TrimSpace(v), "年")
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n > 9999 {
			return 0, fmt.Errorf("年份“%s”无效：应为四位数字，例如 2012 或 2018-2022", s)
		}
		return n, nil
	}
	for _, sep := range []string{"-", "~", "–", "—", "至", "到"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			from, err := num(a)
			if err != nil {
				return YearRange{}, err
			}
			to, err := num(b)
			if err != nil {
				return YearRange{}, err
			}
			if from == 0 && to == 0 || from != 0 && to != 0 && from > to {
				return YearRange{}, fmt.Errorf("年份范围“%s”无效", s)
			}
			return YearRange{From: from, To: to}, nil
		}
	}
	n, err := num(s)
	if err != nil {
		return YearRange{}, err
	}
	if n == 0 {
		return YearRange{}, fmt.Errorf("年份“%s”无效", s)
	}
	return YearRange{From: n, To: n}, nil
}
