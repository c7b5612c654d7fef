//go:build !unix

package index

func diskFull(dir string) bool { return false }
