package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/corpusfix"
)

// loadFixtures reads the test corpus, testdata/corpus.txt, written by hand
// in the fixture language of package corpusfix.
func loadFixtures(t testing.TB) []corpus.Document {
	t.Helper()
	return corpusfix.Load(t, "testdata/corpus.txt")
}

// fixtureID returns the id of the fixture whose source starts with prefix.
func fixtureID(t testing.TB, docs []corpus.Document, prefix string) string {
	t.Helper()
	for _, d := range docs {
		if strings.HasPrefix(d.Source, prefix) {
			return d.ID
		}
	}
	t.Fatalf("no fixture with source %q", prefix)
	return ""
}

// standInWords is a stand-in for the index's gse segmentation: forward
// maximum matching over a small dictionary of union-work words, every
// other rune a word of its own. The owner injects the real segmenter of
// package segment.
func standInWords(s string) []string {
	const maxLen = 6
	var off []int // byte offset of each rune, and len(s)
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	out := make([]string, 0, len(off))
	for i := 0; i+1 < len(off); {
		n := 1
		for l := min(maxLen, len(off)-1-i); l > 1; l-- {
			if standInDict[s[off[i]:off[i+l]]] {
				n = l
				break
			}
		}
		out = append(out, s[off[i]:off[i+n]])
		i += n
	}
	return out
}

var standInDict = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
工会 教职工 职工 教师 学校 幼儿园 保育员 工作 计划 总结 指导思想 主要工作 工作目标 行事历
民主管理 校务公开 园务公开 公开栏 教代会 教职工代表大会 提案 监督 知情权 网页
师德 师德标兵 职业道德 为人师表 敬业爱生 教工之家 模范 活动室 健身器材 图书
文体活动 运动会 羽毛球 乒乓球 篮球 比赛 登山 拔河 联欢会 读书 书香校园 兴趣小组 书法 摄影
女教职工 三八 妇女节 妇科检查 孕期 茶话会 六一 儿童节 亲子活动 家长 开放日
体检 生日 蛋糕 祝福 健康档案 送温暖 慰问 困难教职工 档案 生病住院 帮扶 温暖
技能 技能比赛 师徒结对 持证上岗 业务水平 劳动竞赛 岗位练兵 技能培训 覆盖面
安全生产 安康杯 隐患 安全员 零事故 车间 班组 集体合同 工资 社会保险 权益
计划生育 宣传 统计 报表 退休教师 重阳节 教师节 表彰 班主任
满意率 参与率 体检率 科学发展观 贯彻落实 中心工作 和谐校园 桥梁 纽带
经济工作 招商引资 项目建设 全镇 同志们 会议`) {
		m[w] = true
	}
	return m
}()

// checkOffsets verifies that every occurrence of a passage points into its
// document's text at rune boundaries.
func checkOffsets(t *testing.T, docs []corpus.Document, r *Report) {
	t.Helper()
	byID := map[string]*corpus.Document{}
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	for _, p := range r.Copies.Passages {
		for _, o := range p.Occurrences {
			d := byID[o.Doc]
			if d == nil {
				t.Fatalf("passage occurrence in unknown document %s", o.Doc)
			}
			if o.Start < 0 || o.End > len(d.Text) || o.Start >= o.End {
				t.Fatalf("occurrence %+v out of bounds (text %d bytes)", o, len(d.Text))
			}
			if utf8.ValidString(d.Text) && !utf8.ValidString(d.Text[o.Start:o.End]) {
				t.Fatalf("occurrence %+v does not fall on rune boundaries", o)
			}
		}
	}
}
