package sysmem

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAvailable(t *testing.T) {
	defer func(a, b, c string) { cgroupRoot, selfCgroup, meminfo = a, b, c }(cgroupRoot, selfCgroup, meminfo)
	const total = int64(24576000) << 10
	for _, tc := range []struct {
		name   string
		self   string            // /proc/self/cgroup ("" = absent)
		limits map[string]string // cgroup files under the root
		want   int64
	}{
		{name: "no cgroup", want: total},
		{name: "v2 unlimited", self: "0::/user.slice/a\n",
			limits: map[string]string{"user.slice/a/memory.max": "max\n"}, want: total},
		{name: "v2 own limit", self: "0::/user.slice/a\n",
			limits: map[string]string{"user.slice/a/memory.max": "1073741824\n"}, want: 1 << 30},
		{name: "v2 ancestor's limit", self: "0::/user.slice/a\n",
			limits: map[string]string{"user.slice/a/memory.max": "max\n", "user.slice/memory.max": "536870912\n"}, want: 512 << 20},
		{name: "v2 limit above the machine", self: "0::/a\n",
			limits: map[string]string{"a/memory.max": "107374182400\n"}, want: total},
		{name: "v1 limit", self: "5:devices:/\n4:cpu,memory:/process_api/x\n0::/\n",
			limits: map[string]string{"memory/process_api/x/memory.limit_in_bytes": "805306368\n"}, want: 768 << 20},
		{name: "v1 unlimited", self: "4:memory:/process_api/x\n",
			limits: map[string]string{"memory/process_api/x/memory.limit_in_bytes": "9223372036854771712\n"}, want: total},
		{name: "container: own cgroup at the root", self: "0::/\n",
			limits: map[string]string{"memory.max": "2147483648\n"}, want: 2 << 30},
		{name: "no /proc/self/cgroup, container v1 root", limits: map[string]string{"memory/memory.limit_in_bytes": "1073741824\n"}, want: 1 << 30},
		{name: "garbage", self: "0::/a\n", limits: map[string]string{"a/memory.max": "lots\n"}, want: total},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name, text string) string {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			}
			meminfo = write("meminfo", "MemTotal:       24576000 kB\nMemFree:         1000 kB\n")
			cgroupRoot = filepath.Join(dir, "cgroup")
			selfCgroup = filepath.Join(dir, "absent")
			if tc.self != "" {
				selfCgroup = write("self", tc.self)
			}
			for name, text := range tc.limits {
				write("cgroup/"+name, text)
			}
			if got := Available(); got != tc.want {
				t.Errorf("Available() = %d, want %d", got, tc.want)
			}
		})
	}
	// Nothing known: 0.
	dir := t.TempDir()
	cgroupRoot, selfCgroup, meminfo = dir, filepath.Join(dir, "x"), filepath.Join(dir, "y")
	if got := Available(); got != 0 {
		t.Errorf("nothing known: Available() = %d, want 0", got)
	}
}
