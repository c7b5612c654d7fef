//go:build unix

package index

import "syscall"

// diskFull reports whether the file system holding dir has (nearly) no
// space left for an unprivileged writer.
func diskFull(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 1<<20
}
