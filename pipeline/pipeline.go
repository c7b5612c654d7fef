// Package pipeline turns one file into understood documents:
//
//	read (format, encoding) → clean (site noise) → split (one file, several
//	documents) → normalise (script, simplified view) → classify
//
// Each stage lives in its own package; this one composes them in order.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"plans/classify"
	"plans/corpus"
	"plans/pipeline/clean"
	"plans/pipeline/reader"
	"plans/pipeline/split"
	"plans/script"
)

// rulesVersion changes whenever the parsing rules change in a way that
// should re-parse files already in a workspace.
const rulesVersion = "3"

// Options configures a Pipeline.
type Options struct {
	Limits   reader.Limits
	Classify classify.Options
}

// DefaultOptions returns the built-in limits and lexicon.
func DefaultOptions() Options {
	return Options{Limits: reader.DefaultLimits(), Classify: classify.DefaultOptions()}
}

// Pipeline processes files. It is safe for concurrent use.
type Pipeline struct {
	conv    *script.Converter
	cls     *classify.Classifier
	lim     reader.Limits
	version string
}

// New loads what the stages need (conversion tables, lexicon).
func New(opts Options) (*Pipeline, error) {
	conv, err := script.Default()
	if err != nil {
		return nil, err
	}
	cls, err := classify.New(opts.Classify)
	if err != nil {
		return nil, fmt.Errorf("load classifier: %w", err)
	}
	return &Pipeline{conv: conv, cls: cls, lim: opts.Limits, version: Version(opts)}, nil
}

// Version identifies the rules and data a pipeline with these options
// parses with: a file parsed under another version is parsed again.
func Version(opts Options) string {
	lexicon := opts.Classify.Lexicon
	if len(lexicon) == 0 {
		lexicon = classify.DefaultOptions().Lexicon // what classify.New uses then
	}
	h := sha256.New()
	h.Write([]byte(rulesVersion))
	h.Write(lexicon)
	return rulesVersion + "-" + hex.EncodeToString(h.Sum(nil))[:8]
}

// Version returns the pipeline's version (see Version).
func (p *Pipeline) Version() string { return p.version }

// Input is one file to process.
type Input struct {
	Key    string // stable identity of the file (its absolute path)
	Source string // path relative to the imported folder, as shown to users
	Data   []byte
}

// Output is what a file held.
type Output struct {
	Docs     []corpus.Document
	Format   string
	Encoding string
	// Removed are the lines and line fragments cleaning took out as site
	// furniture, as written.
	Removed []string
}

// Process reads, cleans, splits, normalises and classifies one file.
// Errors are *reader.Error values with a reason for users.
func (p *Pipeline) Process(ctx context.Context, in Input) (Output, error) {
	res, err := reader.Read(ctx, in.Source, in.Data, p.lim)
	if err != nil {
		return Output{}, err
	}
	out := Output{Format: res.Format, Encoding: res.Encoding}
	// One memo per file: the lines converted to clean and split the text
	// are not converted again for the documents' simplified views.
	memo := p.conv.NewMemo()
	cleaned := clean.CleanWith(res.Text, memo.Simplify)
	out.Removed = cleaned.Removed
	hint := clean.Title(strings.TrimSpace(res.Title))
	if hint == "" {
		base := filepath.Base(in.Source)
		hint = strings.TrimSuffix(base, filepath.Ext(base))
	}
	// A page flattened into one long line keeps its title in that line.
	text := split.SeparateTitle(cleaned.Text, memo.Simplify)
	parts := split.SplitWith(text, hint, memo.Simplify)
	for i, part := range parts {
		if err := ctx.Err(); err != nil {
			return Output{}, err
		}
		d := corpus.Document{
			ID:       corpus.DocumentID(in.Key, i+1),
			Source:   in.Source,
			Part:     i + 1,
			Title:    part.Title,
			Text:     part.Text,
			Format:   res.Format,
			Encoding: res.Encoding,
		}
		d.Simplified = memo.Simplify(d.Text)
		d.Script = p.conv.Detect(d.Text)
		d.Warnings = append(append([]string(nil), res.Warnings...), clean.Garbled(d.Text)...)
		p.cls.Classify(&d)
		out.Docs = append(out.Docs, d)
	}
	if len(out.Docs) == 0 {
		return Output{}, &reader.Error{Kind: reader.NoText, Reason: "去掉网页杂质后没有正文"}
	}
	return out, nil
}
