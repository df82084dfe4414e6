package oslock

import "testing"

func TestReadLinuxPicksDesktop(t *testing.T) {
	gs := fakeGsettings(map[string]string{
		"org.gnome.desktop.screensaver lock-enabled":               "true",
		"org.gnome.desktop.session idle-delay":                     "uint32 300",
		"org.cinnamon.desktop.screensaver lock-enabled":            "true",
		"org.cinnamon.desktop.screensaver idle-activation-enabled": "true",
		"org.cinnamon.desktop.session idle-delay":                  "uint32 300",
		"org.mate.screensaver lock-enabled":                        "true",
		"org.mate.screensaver idle-activation-enabled":             "true",
		"org.mate.session idle-delay":                              "5",
	})
	home := t.TempDir()
	for _, tc := range []struct {
		desktop, want string
		known         bool
	}{
		{"ubuntu:GNOME", "GNOME", true},
		{"X-Cinnamon", "Cinnamon", true},
		{"MATE", "MATE", true},
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
