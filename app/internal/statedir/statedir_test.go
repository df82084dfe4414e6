package statedir

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"
)

// TestDirFor: each system's rule, read from a fake environment. A case
// that expects a path runs only where filepath agrees with its system on
// what an absolute path is (Windows or not).
func TestDirFor(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	home := func() (string, error) { return "/home/ann", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	emptyHome := func() (string, error) { return "", nil }
	for _, c := range []struct {
		goos string
		env  map[string]string
		home func() (string, error)
		want string
	}{
		{"linux", nil, home, filepath.Join("/home/ann", ".local", "state", "grendel")},
		{"linux", map[string]string{"XDG_STATE_HOME": "/var/state/ann"}, home, filepath.Join("/var/state/ann", "grendel")},
		{"linux", map[string]string{"XDG_STATE_HOME": "relative"}, home, filepath.Join("/home/ann", ".local", "state", "grendel")},
		{"linux", map[string]string{"LOCALAPPDATA": "/x"}, home, filepath.Join("/home/ann", ".local", "state", "grendel")},
		{"freebsd", nil, home, filepath.Join("/home/ann", ".local", "state", "grendel")},
		{"darwin", map[string]string{"XDG_STATE_HOME": "/x"}, home, filepath.Join("/home/ann", "Library", "Application Support", "Grendel")},
		{"ios", nil, home, filepath.Join("/home/ann", "Library", "Application Support", "Grendel")},
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\ann\AppData\Local`}, home, filepath.Join(`C:\Users\ann\AppData\Local`, "Grendel")},
		{"windows", map[string]string{"XDG_STATE_HOME": "/x"}, home, ""},
		{"windows", map[string]string{"LOCALAPPDATA": `AppData\Local`}, home, ""},
		{"linux", nil, noHome, ""},
		{"linux", nil, emptyHome, ""},
		{"darwin", nil, noHome, ""},
	} {
		if c.want != "" && (c.goos == "windows") != (runtime.GOOS == "windows") {
			continue // filepath's idea of an absolute path is this system's
		}
		got, err := dirFor(c.goos, env(c.env), c.home)
		if got != c.want || (c.want == "") != errors.Is(err, ErrNone) {
			t.Errorf("%s %v: dirFor = %q, %v; want %q", c.goos, c.env, got, err, c.want)
		}
	}
}
