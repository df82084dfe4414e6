package agent

import (
	"os"
	"testing"

	"grendel/internal/testdir"
)

// TestDisplayName: a process that can make a window has the desktop;
// under Wine without an X display (make wine-test) none can.
func TestDisplayName(t *testing.T) {
	want := "desktop"
	if testdir.UnderWine() && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		want = ""
	}
	if got := DisplayName(); got != want {
		t.Errorf("DisplayName() = %q, want %q", got, want)
	}
}
