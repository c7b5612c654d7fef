package review

import "io"

func WriteHTML(w io.Writer, r *Review) error { return WriteJSON(w, r) }
