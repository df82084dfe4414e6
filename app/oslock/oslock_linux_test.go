package oslock

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"grendel/internal/testdir"
)

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
	home := testdir.New(t)
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

// TestGsettingsReal reads each desktop's lock through the real gsettings,
// from schemas compiled with glib-compile-schemas (the keys' names and
// types as the desktops' own schemas have them) and values set with
// `gsettings set` in a keyfile backend: gsettings' own output ("uint32
// 600", MATE's int32 "10") is what the readers parse.
func TestGsettingsReal(t *testing.T) {
	for _, tool := range []string{"gsettings", "glib-compile-schemas"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian libglib2.0-bin)", tool)
		}
	}
	dir := testdir.New(t)
	schemas := `<schemalist>
  <schema id="org.gnome.desktop.screensaver" path="/org/gnome/desktop/screensaver/">
    <key name="lock-enabled" type="b"><default>true</default></key>
    <key name="lock-delay" type="u"><default>0</default></key>
  </schema>
  <schema id="org.gnome.desktop.session" path="/org/gnome/desktop/session/">
    <key name="idle-delay" type="u"><default>300</default></key>
  </schema>
  <schema id="org.cinnamon.desktop.screensaver" path="/org/cinnamon/desktop/screensaver/">
    <key name="idle-activation-enabled" type="b"><default>true</default></key>
    <key name="lock-enabled" type="b"><default>true</default></key>
    <key name="lock-delay" type="u"><default>0</default></key>
  </schema>
  <schema id="org.cinnamon.desktop.session" path="/org/cinnamon/desktop/session/">
    <key name="idle-delay" type="u"><default>300</default></key>
  </schema>
  <schema id="org.mate.screensaver" path="/org/mate/screensaver/">
    <key name="idle-activation-enabled" type="b"><default>true</default></key>
    <key name="lock-enabled" type="b"><default>true</default></key>
    <key name="lock-delay" type="i"><default>0</default></key>
  </schema>
  <schema id="org.mate.session" path="/org/mate/session/">
    <key name="idle-delay" type="i"><default>5</default></key>
  </schema>
</schemalist>
`
	if err := os.WriteFile(filepath.Join(dir, "grendel-test.gschema.xml"), []byte(schemas), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("glib-compile-schemas", dir).CombinedOutput(); err != nil {
		t.Fatalf("glib-compile-schemas: %v\n%s", err, out)
	}
	t.Setenv("GSETTINGS_SCHEMA_DIR", dir)
	t.Setenv("GSETTINGS_BACKEND", "keyfile")
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	set := func(schema, key, value string) {
		t.Helper()
		if out, err := exec.Command("gsettings", "set", schema, key, value).CombinedOutput(); err != nil {
			t.Fatalf("gsettings set %s %s %s: %v\n%s", schema, key, value, err, out)
		}
	}
	set("org.gnome.desktop.session", "idle-delay", "600")
	set("org.gnome.desktop.screensaver", "lock-delay", "30")
	set("org.cinnamon.desktop.screensaver", "idle-activation-enabled", "false")
	set("org.mate.session", "idle-delay", "10")
	set("org.mate.screensaver", "lock-delay", "1")
	for _, tc := range []struct {
		desktop string
		enabled bool
		after   time.Duration
	}{
		{"GNOME", true, 10*time.Minute + 30*time.Second},
		{"X-Cinnamon", false, 0},
		{"MATE", true, 11 * time.Minute},
	} {
		s := readLinux(func(k string) string {
			if k == "XDG_CURRENT_DESKTOP" {
				return tc.desktop
			}
			return os.Getenv(k)
		}, runGsettings)
		if !s.Known || s.Enabled != tc.enabled || s.After != tc.after {
			t.Errorf("%s: %+v, want enabled %v after %v", tc.desktop, s, tc.enabled, tc.after)
		}
	}
}
