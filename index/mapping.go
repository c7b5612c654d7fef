package index

import (
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Fields of a Bleve document. Nothing is stored: texts and display data come
// from the workspace store at search time.
const (
	fieldWords = "zh" // gse words of the simplified text: ranking
	// fieldGrams holds the character pairs (segment.Grams) that are not a
	// two-character gse word at the same place (those are in fieldWords
	// only): with fieldWords, matching any substring.
	fieldGrams = "gram"
	fieldHead  = "head" // character pairs of the heading (label, title): ranking only
	// fieldKeys holds the entry's keywords as "name=value" terms (the names
	// below): filters, facets and bookkeeping. One field with many terms
	// costs far less to index than a field per name.
	fieldKeys = "key"
)

// Names of the keywords in fieldKeys.
const (
	keyDoc      = "doc"      // document id
	keyFP       = "fp"       // "docid@fingerprint", on the document's first entry
	keyTag      = "tag"      // section role
	keyTopic    = "topic"    // work areas (several)
	keyKind     = "kind"     // document kind
	keyOrg      = "org"      // organisation, folded simplified, no spaces
	keyOrgType  = "org_type" // organisation type
	keyYear     = "year"     // "2012"; absent when unknown
	keyScript   = "script"   // simplified | traditional | mixed
	keySource   = "source"   // file path relative to the imported folder
	keyRelevant = "relevant" // "true" | "false"
	keyMonth    = "month"    // calendar months "1".."12"
	keyDocBit   = "db"       // the bits of the document's number (doccount.go)
)

// key returns the term of a keyword.
func key(name, value string) string { return name + "=" + value }

// keySep separates the keywords in the value given to the keys analyzer.
const keySep = "\x1f"

// schemaVersion changes whenever fields or their options change, or the
// ids of entries (8: a section entry's key without its document's id).
const schemaVersion = 8

const (
	optWords = bindex.IndexField
	optGrams = bindex.IndexField // no positions: see segment.Grams
	optKeys  = bindex.IndexField | bindex.SkipFreqNorm
)

// facetNames are the keywords counted in results.
var facetNames = []string{keyTopic, keyYear, keyTag, keyKind, keyOrgType}

// newMapping describes the fields for Bleve (documents are built directly
// with IndexAdvanced, but the mapping is what tools and queries consult).
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerWords
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	keys := text(analyzerKeys, false)
	keys.SkipFreqNorm = true
	dm.AddFieldMappingsAt(fieldWords, text(analyzerWords, false))
	dm.AddFieldMappingsAt(fieldGrams, text(analyzerPairs, false))
	dm.AddFieldMappingsAt(fieldHead, text(analyzerGrams, false))
	dm.AddFieldMappingsAt(fieldKeys, keys)
	im.DefaultMapping = dm
	return im, nil
}
