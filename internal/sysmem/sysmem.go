// Package sysmem tells how much memory this process may use: the memory
// limit of its cgroup, or else the machine's physical memory.
package sysmem

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Files read on Linux; variables so that tests can point them elsewhere.
var (
	cgroupRoot = "/sys/fs/cgroup"
	selfCgroup = "/proc/self/cgroup"
	meminfo    = "/proc/meminfo"
)

// unlimited: cgroup v1 reports "no limit" as a huge number.
const unlimited = int64(1) << 60

// Available returns the memory in bytes the process may use: the smaller of
// its cgroup's limit and the machine's memory; 0 when neither is known
// (other systems than Linux).
func Available() int64 {
	total := physical()
	if lim := cgroupLimit(); lim > 0 && (total == 0 || lim < total) {
		return lim
	}
	return total
}

// cgroupLimit returns the memory limit of the process's cgroup (the least
// of its own and its ancestors', in cgroup v2 or v1), 0 if none.
func cgroupLimit() int64 {
	var files []string
	if b, err := os.ReadFile(selfCgroup); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			// "0::/path" (v2) or "4:memory:/path" (v1)
			f := strings.SplitN(line, ":", 3)
			if len(f) != 3 {
				continue
			}
			switch {
			case f[0] == "0" && f[1] == "":
				files = append(files, ancestors(cgroupRoot, f[2], "memory.max")...)
			case hasController(f[1], "memory"):
				files = append(files, ancestors(filepath.Join(cgroupRoot, "memory"), f[2], "memory.limit_in_bytes")...)
			}
		}
	}
	// Inside a container the process's own cgroup is mounted at the root.
	files = append(files, filepath.Join(cgroupRoot, "memory.max"),
		filepath.Join(cgroupRoot, "memory", "memory.limit_in_bytes"))
	var least int64
	for _, p := range files {
		if n := readLimit(p); n > 0 && (least == 0 || n < least) {
			least = n
		}
	}
	return least
}

// ancestors returns the file name in the cgroup at p under root and in
// each of its ancestors.
func ancestors(root, p, name string) []string {
	var out []string
	for p = path.Clean("/" + p); ; p = path.Dir(p) {
		out = append(out, filepath.Join(root, filepath.FromSlash(p), name))
		if p == "/" {
			return out
		}
	}
}

func hasController(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// readLimit reads a cgroup memory limit file: 0 when absent, "max" or
// unlimited.
func readLimit(p string) int64 {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n <= 0 || n >= unlimited {
		return 0
	}
	return n
}

// physical returns MemTotal from /proc/meminfo, 0 if unknown.
func physical() int64 {
	b, err := os.ReadFile(meminfo)
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
