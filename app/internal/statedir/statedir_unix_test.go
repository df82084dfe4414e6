//go:build unix && !darwin && !ios

package statedir

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestDir: Dir reads the real environment: XDG_STATE_HOME when it is
// absolute, else ~/.local/state, as the XDG Base Directory specification
// says.
func TestDir(t *testing.T) {
	tests := []struct{ state, home, want string }{
		{"/var/state", "/home/a", "/var/state/grendel"},
		{"", "/home/a", "/home/a/.local/state/grendel"},
		{"relative/state", "/home/a", "/home/a/.local/state/grendel"},
	}
	for _, tt := range tests {
		t.Setenv("XDG_STATE_HOME", tt.state)
		t.Setenv("HOME", tt.home)
		if got, err := Dir(); err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("Dir() with XDG_STATE_HOME=%q HOME=%q = %q, %v; want %q", tt.state, tt.home, got, err, tt.want)
		}
	}
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "")
	if got, err := Dir(); !errors.Is(err, ErrNone) {
		t.Errorf("Dir() without a home = %q, %v; want ErrNone", got, err)
	}
}
