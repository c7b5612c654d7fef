package draft

import (
	"fmt"
	"io"
	"strings"

	"plans/docx"
)

// WriteDOCX writes the draft as a Word document: the title in the Title
// style, section headings in Heading styles (黑体), body text in 仿宋, and
// every citation as a real footnote.
func WriteDOCX(w io.Writer, d *Draft) error {
	dw := docx.NewWriter()
	for _, b := range layout(d) {
		var text strings.Builder
		var notes []string
		text.WriteString(b.label)
		for i, p := range b.parts {
			if i > 0 && b.label != "" {
				text.WriteString("；")
			}
			text.WriteString(p.text)
			for _, c := range p.cites {
				notes = append(notes, footnoteText(c)+" "+c.SectionID)
			}
		}
		switch b.kind {
		case blockTitle:
			dw.Title(text.String())
		case blockHeading:
			dw.Heading(b.level, text.String())
		case blockNote:
			dw.Paragraph("〔说明〕"+text.String(), notes...)
		case blockBullet:
			if b.label != "" {
				dw.Paragraph(text.String(), notes...)
			} else {
				dw.Paragraph("· "+text.String(), notes...)
			}
		default:
			dw.Paragraph(text.String(), notes...)
		}
	}
	if err := dw.Write(w); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}
