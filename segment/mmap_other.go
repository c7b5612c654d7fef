//go:build !unix

package segment

import "os"

// mapFile reads a file into memory (no mapping on this system). The slice
// of a fresh read is aligned to 8 bytes, as decodeTrie needs.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }

func unmapFile([]byte) {}
