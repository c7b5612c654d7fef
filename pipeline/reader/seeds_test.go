package reader

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/internal/fixture"
	"plans/internal/seedtest"
)

// normalized is what Read makes of a UTF-8 text file.
func normalized(s string) string {
	return strings.TrimRight(normalizeText(s), "\n")
}

// TestSeedsReencoded: every seed, re-encoded or wrapped the ways users'
// files come, reads back as the UTF-8 original.
func TestSeedsReencoded(t *testing.T) {
	for _, seed := range seedtest.Load(t) {
		want := normalized(seed.Text)
		lines := strings.Split(want, "\n")
		t.Run(seed.Name, func(t *testing.T) {
			for _, enc := range []string{"utf-8", "utf-8-bom", "gbk", "gb18030", "big5", "utf-16le", "utf-16le-bom", "utf-16be-bom"} {
				res, err := Read(context.Background(), "seed.txt", fixture.Encode(seed.Text, enc), DefaultLimits())
				if err != nil {
					t.Errorf("%s: %v", enc, err)
					continue
				}
				if diff := cmp.Diff(normalized(fixture.Encodable(seed.Text, enc)), res.Text); diff != "" {
					t.Errorf("%s (-want +got):\n%s", enc, diff)
				}
			}
			for name, data := range map[string][]byte{
				"docx":          fixture.DOCX("", lines),
				"docx numbered": fixture.DOCXNumbered("", lines),
			} {
				res, err := Read(context.Background(), "seed.docx", data, DefaultLimits())
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if diff := cmp.Diff(want, res.Text); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// TestSeedsAsWebPages: a seed saved from a 范文 site keeps every line that
// is not itself labelled as site noise, in order, and loses the page's own
// furniture.
func TestSeedsAsWebPages(t *testing.T) {
	for _, seed := range seedtest.Load(t) {
		lines := strings.Split(normalized(seed.Text), "\n")
		title := strings.TrimSpace(lines[0])
		t.Run(seed.Name, func(t *testing.T) {
			for _, charset := range []string{"utf-8", "gb2312"} {
				page := fixture.NoisyHTML(title, lines, charset)
				res, err := Read(context.Background(), "seed.html", page, DefaultLimits())
				if err != nil {
					t.Fatalf("%s: %v", charset, err)
				}
				src := lines
				if charset == "gb2312" {
					src = strings.Split(fixture.Encodable(strings.Join(lines, "\n"), "gbk"), "\n")
				}
				rest := res.Text
				for _, l := range src {
					l = strings.Join(strings.Fields(l), " ")
					if l == "" || isLabelledNoise(l, seed.Labels.Noise) {
						continue
					}
					i := strings.Index(rest, l)
					if i < 0 {
						t.Errorf("%s: line lost or out of order: %q", charset, l)
						continue
					}
					rest = rest[i+len(l):]
				}
				for _, n := range []string{"设为首页", "相关文章", "ICP备12345678号", "手机扫码分享", "热门推荐"} {
					if strings.Contains(res.Text, n) && !strings.Contains(seed.Text, n) {
						t.Errorf("%s: page furniture %q survived", charset, n)
					}
				}
			}
		})
	}
}

func isLabelledNoise(line string, noise []string) bool {
	for _, n := range noise {
		if n != "" && (strings.Contains(line, n) || strings.Contains(n, line)) {
			return true
		}
	}
	return false
}
