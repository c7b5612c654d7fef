package reader

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStripMarkdown(t *testing.T) {
	in := "# 启明星公司工会2025年工作计划\n\n## 工作目标\n1. 入会率达到**98%**以上\n- 职代会提案\n> 引文\n---\n### 加强`安全`生产\n[链接](http://a.b)\n```\n# 代码\n```"
	got, heads := stripMarkdown(in)
	want := "启明星公司工会2025年工作计划\n\n工作目标\n1. 入会率达到98%以上\n职代会提案\n引文\n加强安全生产\n链接\n# 代码"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Heading{{0, 1}, {2, 2}, {6, 3}}, heads); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
}
