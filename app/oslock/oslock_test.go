package oslock

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"grendel/internal/testdir"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		s    Setting
		idle time.Duration
		want Verdict
	}{
		{Setting{}, 5 * time.Minute, Unknown},
		{Setting{Known: true}, 5 * time.Minute, NoBackstop},
		{Setting{Known: true, Enabled: true, After: 10 * time.Minute}, 5 * time.Minute, Backstop},
		{Setting{Known: true, Enabled: true, After: 10*time.Minute + time.Second}, 5 * time.Minute, TooLate},
		{Setting{Known: true, Enabled: true, After: time.Minute}, 5 * time.Minute, Backstop},
	} {
		if got := Check(tc.s, tc.idle); got.Verdict != tc.want || got.Limit != tc.idle+Margin {
			t.Errorf("Check(%+v, %v) = %q, limit %v; want %q", tc.s, tc.idle, got.Verdict, got.Limit, tc.want)
		}
	}
}

// fakeGsettings answers from a map; a missing key is gsettings' error.
func fakeGsettings(m map[string]string) Gsettings {
	return func(schema, key string) (string, error) {
		v, ok := m[schema+" "+key]
		if !ok {
			return "", errors.New("No such schema “" + schema + "”")
		}
		return v, nil
	}
}

func TestGNOME(t *testing.T) {
	const (
		enabled = "org.gnome.desktop.screensaver lock-enabled"
		delay   = "org.gnome.desktop.screensaver lock-delay"
		idle    = "org.gnome.desktop.session idle-delay"
	)
	for _, tc := range []struct {
		name    string
		m       map[string]string
		known   bool
		enabled bool
		after   time.Duration
	}{
		{"GNOME's defaults", map[string]string{enabled: "true", delay: "uint32 0", idle: "uint32 300"}, true, true, 5 * time.Minute},
		{"lock delay adds", map[string]string{enabled: "true", delay: "uint32 30", idle: "uint32 600"}, true, true, 10*time.Minute + 30*time.Second},
		{"lock off", map[string]string{enabled: "false", delay: "uint32 0", idle: "uint32 300"}, true, false, 0},
		{"never blanks", map[string]string{enabled: "true", delay: "uint32 0", idle: "uint32 0"}, true, false, 0},
		{"no lock-delay key", map[string]string{enabled: "true", idle: "300"}, true, true, 5 * time.Minute},
		{"no schema", map[string]string{}, false, false, 0},
		{"no session schema", map[string]string{enabled: "true"}, false, false, 0},
		{"garbage", map[string]string{enabled: "true", idle: "uint32 x"}, false, false, 0},
		{"odd boolean", map[string]string{enabled: "yes", idle: "uint32 300"}, false, false, 0},
	} {
		s := GNOME(fakeGsettings(tc.m))
		if s.Known != tc.known || s.Enabled != tc.enabled || s.After != tc.after || s.Desktop != "GNOME" || (s.Known == (s.Error != "")) {
			t.Errorf("%s: GNOME() = %+v, want known %v enabled %v after %v", tc.name, s, tc.known, tc.enabled, tc.after)
		}
	}
}

func TestKDE(t *testing.T) {
	for _, tc := range []struct {
		name         string
		system, user string // "" for no file
		known, on    bool
		after        time.Duration
	}{
		{"no files: Plasma's defaults", "", "", true, true, 5*time.Minute + 5*time.Second},
		{"user's timeout", "", "[Daemon]\nTimeout=15\nLockGrace=0\n", true, true, 15 * time.Minute},
		{"user switched autolock off", "", "[Daemon]\nAutolock=false\n", true, false, 0},
		{"timeout 0", "", "[Daemon]\nTimeout=0\n", true, false, 0},
		{"other groups ignored", "", "[Greeter]\nTimeout=30\n[Daemon]\nLockGrace=10\n", true, true, 5*time.Minute + 10*time.Second},
		{"user overrides system", "[Daemon]\nTimeout=3\n", "[Daemon]\nTimeout=20\n", true, true, 20*time.Minute + 5*time.Second},
		{"immutable key", "[Daemon]\nTimeout[$i]=3\nLockGrace=0\n", "[Daemon]\nTimeout=20\nLockGrace=60\n", true, true, 3*time.Minute + time.Minute},
		{"immutable group", "[Daemon][$i]\nAutolock=true\nTimeout=3\n", "[Daemon]\nAutolock=false\nTimeout=20\nLockGrace=60\n", true, true, 3*time.Minute + 5*time.Second},
		{"immutable file", "[$i]\n[Daemon]\nTimeout=4\nLockGrace=0\n", "[Daemon]\nAutolock=false\n", true, true, 4 * time.Minute},
		{"another group immutable", "[Greeter][$i]\nx=1\n", "[Daemon]\nTimeout=20\n", true, true, 20*time.Minute + 5*time.Second},
		{"bad timeout", "", "[Daemon]\nTimeout=soon\n", false, false, 0},
	} {
		dir := testdir.New(t)
		sys, user := filepath.Join(dir, "etc/xdg/kscreenlockerrc"), filepath.Join(dir, "home/.config/kscreenlockerrc")
		for p, data := range map[string]string{sys: tc.system, user: tc.user} {
			if data != "" {
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		s := KDE([]string{sys, user})
		if s.Known != tc.known || s.Enabled != tc.on || s.After != tc.after {
			t.Errorf("%s: KDE() = %+v, want known %v on %v after %v", tc.name, s, tc.known, tc.on, tc.after)
		}
	}
}

func TestWindows(t *testing.T) {
	secure := map[string]string{"ScreenSaveActive": "1", "ScreenSaverIsSecure": "1", "ScreenSaveTimeOut": "600"}
	for _, tc := range []struct {
		name  string
		v     WindowsValues
		on    bool
		after time.Duration
	}{
		{"nothing set", WindowsValues{}, false, 0},
		{"machine inactivity limit", WindowsValues{InactivityTimeoutSecs: 900}, true, 15 * time.Minute},
		{"user's secure screensaver", WindowsValues{User: secure}, true, 10 * time.Minute},
		{"screensaver not secure", WindowsValues{User: map[string]string{"ScreenSaveActive": "1", "ScreenSaverIsSecure": "0", "ScreenSaveTimeOut": "600"}}, false, 0},
		{"policy makes it secure", WindowsValues{Policy: map[string]string{"ScreenSaverIsSecure": "1", "ScreenSaveTimeOut": "300"}, User: map[string]string{"ScreenSaveActive": "1", "ScreenSaverIsSecure": "0", "ScreenSaveTimeOut": "1200"}}, true, 5 * time.Minute},
		{"policy switches it off", WindowsValues{Policy: map[string]string{"ScreenSaveActive": "0"}, User: secure}, false, 0},
		{"the shorter counts", WindowsValues{InactivityTimeoutSecs: 1800, User: secure}, true, 10 * time.Minute},
	} {
		s := Windows(tc.v)
		if !s.Known || s.Enabled != tc.on || s.After != tc.after {
			t.Errorf("%s: Windows() = %+v, want on %v after %v", tc.name, s, tc.on, tc.after)
		}
	}
}

// TestCinnamonAndMATE: the same reading as GNOME's in their own schemas,
// with idle-activation-enabled, and MATE's minutes.
func TestCinnamonAndMATE(t *testing.T) {
	for _, tc := range []struct {
		name    string
		read    func(Gsettings) Setting
		m       map[string]string
		known   bool
		enabled bool
		after   time.Duration
	}{
		{"Cinnamon's defaults", Cinnamon, map[string]string{
			"org.cinnamon.desktop.screensaver lock-enabled": "true", "org.cinnamon.desktop.screensaver idle-activation-enabled": "true",
			"org.cinnamon.desktop.screensaver lock-delay": "uint32 0", "org.cinnamon.desktop.session idle-delay": "uint32 300"}, true, true, 5 * time.Minute},
		{"Cinnamon, lock delay", Cinnamon, map[string]string{
			"org.cinnamon.desktop.screensaver lock-enabled": "true", "org.cinnamon.desktop.screensaver idle-activation-enabled": "true",
			"org.cinnamon.desktop.screensaver lock-delay": "uint32 60", "org.cinnamon.desktop.session idle-delay": "uint32 600"}, true, true, 11 * time.Minute},
		{"Cinnamon, screen saver not started when idle", Cinnamon, map[string]string{
			"org.cinnamon.desktop.screensaver lock-enabled": "true", "org.cinnamon.desktop.screensaver idle-activation-enabled": "false",
			"org.cinnamon.desktop.session idle-delay": "uint32 300"}, true, false, 0},
		{"Cinnamon not installed", Cinnamon, map[string]string{}, false, false, 0},
		{"MATE in minutes", MATE, map[string]string{
			"org.mate.screensaver lock-enabled": "true", "org.mate.screensaver idle-activation-enabled": "true",
			"org.mate.screensaver lock-delay": "2", "org.mate.session idle-delay": "10"}, true, true, 12 * time.Minute},
		{"MATE, lock off", MATE, map[string]string{
			"org.mate.screensaver lock-enabled": "false", "org.mate.screensaver idle-activation-enabled": "true",
			"org.mate.session idle-delay": "5"}, true, false, 0},
		{"MATE, odd activation", MATE, map[string]string{
			"org.mate.screensaver lock-enabled": "true", "org.mate.screensaver idle-activation-enabled": "maybe",
			"org.mate.session idle-delay": "5"}, false, false, 0},
		{"MATE, negative idle", MATE, map[string]string{
			"org.mate.screensaver lock-enabled": "true", "org.mate.screensaver idle-activation-enabled": "true",
			"org.mate.session idle-delay": "-1"}, false, false, 0},
	} {
		s := tc.read(fakeGsettings(tc.m))
		if s.Known != tc.known || s.Enabled != tc.enabled || s.After != tc.after || (s.Known == (s.Error != "")) {
			t.Errorf("%s: %+v, want known %v enabled %v after %v", tc.name, s, tc.known, tc.enabled, tc.after)
		}
	}
}
