package workspace

import "testing"

// The cost of a document record: go test -bench Record ./workspace.
func BenchmarkRecordEncode(b *testing.B) {
	d := noisyDoc("bench-1")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeDoc(&d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecordDecode(b *testing.B) {
	d := noisyDoc("bench-1")
	rec, err := encodeDoc(&d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(rec)))
	for b.Loop() {
		if _, err := decodeDoc(rec); err != nil {
			b.Fatal(err)
		}
	}
}
