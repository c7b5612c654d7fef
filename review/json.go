package review

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the review as indented JSON (the contract of plans
// review --format json).
func WriteJSON(w io.Writer, r *Review) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
