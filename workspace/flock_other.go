//go:build !unix

package workspace

import "os"

// On systems without flock the store's own file lock (bbolt) is the guard.
func flock(f *os.File, exclusive bool) error { return nil }

func funlock(f *os.File) {}
