package pipeline

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"plans/classify"
)

// The version names the rules and the lexicon a file was parsed with: the
// built-in lexicon, given or implied, is one version; another lexicon is
// another.
func TestVersion(t *testing.T) {
	def := Version(DefaultOptions())
	if got := Version(Options{}); got != def {
		t.Errorf("zero options: version %s, default options %s", got, def)
	}
	other := DefaultOptions()
	other.Classify = classify.Options{Lexicon: append(classify.DefaultLexicon(), []byte("\n# 自定义\n")...)}
	if Version(other) == def {
		t.Errorf("a changed lexicon keeps version %s", def)
	}
}

// TestProcessReportsRemoved: what cleaning took out is reported with the
// file's documents, so an import can count it.
func TestProcessReportsRemoved(t *testing.T) {
	p := newTestPipeline(t)
	text := "当前位置：首页 > 工作计划\n2019年红星小学工会工作计划\n一、指导思想\n以服务教职工为宗旨，团结全体教职工。\n二、主要工作\n组织教职工体检。\n下载本文档\n"
	out, err := p.Process(context.Background(), Input{Key: "/x/a.txt", Source: "a.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"当前位置：首页 > 工作计划", "下载本文档"}, out.Removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
}
