// Package docx reads and writes Word .docx files with the standard library
// only (archive/zip and encoding/xml).
//
// Read returns the body's paragraphs in order with Word's automatic list
// numbering materialised as text ("一、", "（一）", "1、" from numbering.xml,
// with counters per list definition, level restarts and start overrides),
// table rows as "\t"-joined cells, and headers, footers, footnotes,
// comments, deleted revisions and hidden text left out. It bounds the
// bytes it decompresses, whatever the zip headers claim.
//
// Writer builds documents Word, WPS and LibreOffice open: Title and
// Heading1–3 styles in 黑体, body text in 仿宋, real list numbering and
// footnotes.
package docx
