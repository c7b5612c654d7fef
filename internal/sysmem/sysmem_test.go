package sysmem

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAvailable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	defer func(a, b, c string) { cgroupV2, cgroupV1, meminfo = a, b, c }(cgroupV2, cgroupV1, meminfo)
	meminfo = write("meminfo", "MemTotal:       24576000 kB\nMemFree:         1000 kB\n")
	const total = int64(24576000) << 10
	for _, tc := range []struct {
		name   string
		v2, v1 string // "" = file absent
		want   int64
	}{
		{"no cgroup", "", "", total},
		{"v2 unlimited", "max\n", "", total},
		{"v2 limit", "1073741824\n", "", 1 << 30},
		{"v2 limit above the machine", "107374182400\n", "", total},
		{"v1 limit", "", "536870912\n", 512 << 20},
		{"v1 unlimited", "", "9223372036854771712\n", total},
		{"garbage", "lots\n", "", total},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cgroupV2, cgroupV1 = filepath.Join(dir, "absent2"), filepath.Join(dir, "absent1")
			if tc.v2 != "" {
				cgroupV2 = write("v2", tc.v2)
			}
			if tc.v1 != "" {
				cgroupV1 = write("v1", tc.v1)
			}
			if got := Available(); got != tc.want {
				t.Errorf("Available() = %d, want %d", got, tc.want)
			}
		})
	}
	meminfo = filepath.Join(dir, "absent")
	cgroupV2 = write("v2", "max\n")
	if got := Available(); got != 0 {
		t.Errorf("nothing known: Available() = %d, want 0", got)
	}
}
