package oslock

import (
	"testing"

	"grendel/internal/testdir"
)

func TestReadLinuxPicksDesktop(t *testing.T) {
	gs := fakeGsettings(map[string]string{
		"org.gnome.desktop.screensaver lock-enabled": "true",
		"org.gnome.desktop.session idle-delay":       "uint32 300",
	})
	home := testdir.New(t)
	for _, tc := range []struct {
		desktop, want string
		known         bool
	}{
		{"ubuntu:GNOME", "GNOME", true},
		{"KDE", "KDE", true}, // no files: Plasma's defaults
		{"XFCE", "XFCE", false},
		{"", "", false},
	} {
		env := map[string]string{"XDG_CURRENT_DESKTOP": tc.desktop, "XDG_CONFIG_HOME": home, "XDG_CONFIG_DIRS": home + "/none"}
		s := readLinux(func(k string) string { return env[k] }, gs)
		if s.Desktop != tc.want || s.Known != tc.known {
			t.Errorf("readLinux(%q) = %+v, want desktop %q known %v", tc.desktop, s, tc.want, tc.known)
		}
	}
}
