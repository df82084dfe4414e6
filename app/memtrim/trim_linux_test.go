package memtrim

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// rssFileKB returns RssFile of this process, in kB.
func rssFileKB(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "RssFile:"); ok {
			n, err := strconv.Atoi(strings.Fields(rest)[0])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no RssFile in /proc/self/status")
	return 0
}

// The trim lets go of the executable's pages that are mapped, and the
// process goes on as before (its code and read-only data come back on use).
func TestAfterStart(t *testing.T) {
	before := rssFileKB(t)
	AfterStart()
	after := rssFileKB(t)
	t.Logf("RssFile %d kB -> %d kB", before, after)
	if after >= before {
		t.Errorf("RssFile %d kB after the trim, want less than the %d kB before", after, before)
	}
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Errorf("after the trim: %q", got)
	}
}
