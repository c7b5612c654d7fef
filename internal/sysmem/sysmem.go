// Package sysmem tells how much memory this process may use: the memory
// limit of its cgroup, or else the machine's physical memory.
package sysmem

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// Files read on Linux; variables so that tests can point them elsewhere.
var (
	cgroupV2 = "/sys/fs/cgroup/memory.max"
	cgroupV1 = "/sys/fs/cgroup/memory/memory.limit_in_bytes"
	meminfo  = "/proc/meminfo"
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

// cgroupLimit returns the memory limit of the process's cgroup, 0 if none.
func cgroupLimit() int64 {
	for _, p := range []string{cgroupV2, cgroupV1} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(b))
		if s == "max" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 || n >= unlimited {
			return 0
		}
		return n
	}
	return 0
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
