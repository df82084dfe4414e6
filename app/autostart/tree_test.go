//go:build unix

// The XDG autostart and systemd user-unit tree is what Linux desktops
// read; these tests build such trees (slash paths, units masked by a link
// to /dev/null), which mean nothing on Windows, whose autostart is the
// Run key (autostart_windows.go).

package autostart

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"grendel/internal/testdir"
)

// tree is a temporary XDG and systemd tree: home, /etc/xdg and
// /usr/lib/systemd/user below one directory.
type tree struct {
	root  string
	l     Linux
	calls []string
}

func newTree(t *testing.T) *tree {
	t.Helper()
	root := testdir.New(t)
	env := map[string]string{
		"XDG_CONFIG_HOME": filepath.Join(root, "home/.config"),
		"XDG_DATA_HOME":   filepath.Join(root, "home/.local/share"),
		"XDG_CONFIG_DIRS": filepath.Join(root, "etc/xdg"),
		"XDG_DATA_DIRS":   filepath.Join(root, "usr/share"),
		"XDG_RUNTIME_DIR": filepath.Join(root, "run/user/1000"),
	}
	tr := &tree{root: root}
	tr.l = FromEnv(func(k string) string { return env[k] }, filepath.Join(root, "home"))
	// Keep the system's fixed directories inside the tree.
	for i, d := range tr.l.UnitDirs {
		if !strings.HasPrefix(d, root) {
			tr.l.UnitDirs[i] = filepath.Join(root, d)
		}
	}
	tr.l.Desktop.Installed = func(p string) bool { return p == "/usr/bin/grendel" || p == "grendel" }
	tr.l.Systemctl = tr.systemctl
	return tr
}

// systemctl does what `systemctl --user mask|unmask` does to the files.
func (tr *tree) systemctl(args ...string) error {
	tr.calls = append(tr.calls, strings.Join(args, " "))
	p := filepath.Join(tr.root, "home/.config/systemd/user", args[1])
	switch args[0] {
	case "mask":
		os.MkdirAll(filepath.Dir(p), 0o755)
		return os.Symlink(os.DevNull, p)
	case "unmask":
		return os.Remove(p)
	}
	return nil
}

func (tr *tree) write(t *testing.T, rel, data string) {
	t.Helper()
	p := filepath.Join(tr.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (tr *tree) link(t *testing.T, target, rel string) {
	t.Helper()
	p := filepath.Join(tr.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// installPackage puts what the .deb installs into the tree.
func (tr *tree) installPackage(t *testing.T) {
	tr.write(t, "usr/lib/systemd/user/grendel.service", "[Service]\nExecStart=/usr/bin/grendel\n[Install]\nWantedBy=graphical-session.target\n")
	tr.link(t, "../grendel.service", "usr/lib/systemd/user/graphical-session.target.wants/grendel.service")
	tr.write(t, "etc/xdg/autostart/grendel.desktop", systemEntry)
}

func pkgOnly(t *testing.T, tr *tree) { tr.installPackage(t) }

func states(st Status) string {
	var s []string
	for _, m := range st.Methods {
		s = append(s, string(m.Kind)+"="+string(m.State))
	}
	return strings.Join(s, " ")
}

func TestRead(t *testing.T) {
	const pkg = "systemd=on xdg=on"
	for _, tc := range []struct {
		name    string
		setup   func(*testing.T, *tree)
		desktop []string
		systemd bool
		want    string
		inPlace bool
	}{
		{"nothing installed", func(*testing.T, *tree) {}, nil, false, "", false},
		{"package", pkgOnly, []string{"GNOME"}, false, pkg, true},
		{"package under systemd", pkgOnly, []string{"GNOME"}, true, pkg, true},
		{"user hides the entry", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nHidden=true\n")
		}, nil, false, "systemd=on xdg=off-by-user", true},
		{"user copy without Hidden replaces the system entry", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nHidden=true\n")
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\n")
		}, nil, false, "xdg=on", true},
		{"Hidden in another group counts not", func(t *testing.T, tr *tree) {
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\n[Desktop Action x]\nHidden=true\n")
		}, nil, false, "xdg=on", true},
		{"system entry hidden", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nHidden=true\n")
		}, nil, false, "xdg=off", false},
		{"GNOME's switch on GNOME", func(t *testing.T, tr *tree) {
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nX-GNOME-Autostart-enabled=false\n")
		}, []string{"ubuntu", "GNOME"}, false, "xdg=off-by-user", false},
		{"GNOME's switch elsewhere", func(t *testing.T, tr *tree) {
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nX-GNOME-Autostart-enabled=false\n")
		}, []string{"XFCE"}, false, "xdg=on", true},
		{"OnlyShowIn another desktop", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nOnlyShowIn=KDE;LXQt;\n")
		}, []string{"XFCE"}, false, "xdg=other-desktop", false},
		{"OnlyShowIn this desktop", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nOnlyShowIn=KDE;XFCE;\n")
		}, []string{"XFCE"}, false, "xdg=on", true},
		{"OnlyShowIn without a desktop", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nOnlyShowIn=KDE;\n")
		}, nil, false, "xdg=other-desktop", false},
		{"NotShowIn this desktop", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nNotShowIn=GNOME;\n")
		}, []string{"ubuntu", "GNOME"}, false, "xdg=other-desktop", false},
		{"TryExec missing", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=/opt/grendel/grendel\nTryExec=/opt/grendel/grendel\n")
		}, nil, false, "xdg=no-program", false},
		{"TryExec in PATH", func(t *testing.T, tr *tree) {
			tr.write(t, "etc/xdg/autostart/grendel.desktop", "[Desktop Entry]\nExec=grendel\nTryExec=grendel\n")
		}, nil, false, "xdg=on", true},
		{"a TryExec that fails in the user's copy hides the system entry", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.write(t, "home/.config/autostart/grendel.desktop", "[Desktop Entry]\nExec=x\nTryExec=/nowhere/x\n")
		}, nil, false, "systemd=on xdg=no-program", true},
		{"user masks the unit", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.link(t, "/dev/null", "home/.config/systemd/user/grendel.service")
		}, []string{"GNOME"}, false, "systemd=off-by-user xdg=on", true},
		{"masked unit, entry skipped under systemd", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.link(t, "/dev/null", "home/.config/systemd/user/grendel.service")
		}, []string{"GNOME"}, true, "systemd=off-by-user xdg=skipped-under-systemd", false},
		{"administrator masks the unit", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.link(t, "/dev/null", "etc/systemd/user/grendel.service")
		}, nil, false, "systemd=off xdg=on", true},
		{"an empty unit file is a mask", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.write(t, "home/.config/systemd/user/grendel.service", "")
		}, nil, false, "systemd=off-by-user xdg=on", true},
		{"runtime mask", func(t *testing.T, tr *tree) {
			tr.installPackage(t)
			tr.link(t, "/dev/null", "run/user/1000/systemd/user/grendel.service")
		}, nil, false, "systemd=off-by-user xdg=on", true},
		{"unit without the wants link", func(t *testing.T, tr *tree) {
			tr.write(t, "usr/lib/systemd/user/grendel.service", "[Service]\n")
		}, nil, true, "systemd=off", false},
		{"unit enabled by the user", func(t *testing.T, tr *tree) {
			tr.write(t, "usr/lib/systemd/user/grendel.service", "[Service]\n")
			tr.link(t, "/usr/lib/systemd/user/grendel.service", "home/.config/systemd/user/graphical-session.target.wants/grendel.service")
		}, nil, true, "systemd=on", true},
		{"unit enabled globally in /etc", func(t *testing.T, tr *tree) {
			tr.write(t, "usr/lib/systemd/user/grendel.service", "[Service]\n")
			tr.link(t, "/usr/lib/systemd/user/grendel.service", "etc/systemd/user/graphical-session.target.wants/grendel.service")
		}, nil, true, "systemd=on", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTree(t)
			tc.setup(t, tr)
			tr.l.Desktop.Current = tc.desktop
			tr.l.Desktop.SystemdSession = tc.systemd
			st := tr.l.Read()
			if got := states(st); got != tc.want || st.InPlace != tc.inPlace || st.Error != "" {
				t.Errorf("Read() = %q, in place %v (%s), want %q, %v", got, st.InPlace, st.Error, tc.want, tc.inPlace)
			}
		})
	}
}

func TestOffOn(t *testing.T) {
	tr := newTree(t)
	tr.installPackage(t)
	tr.l.Desktop.Current = []string{"GNOME"}
	tr.l.Desktop.SystemdSession = true
	if err := tr.l.Off(); err != nil {
		t.Fatal(err)
	}
	st := tr.l.Read()
	if got, want := states(st), "systemd=off-by-user xdg=off-by-user"; got != want || st.InPlace || !st.OffByUser() {
		t.Errorf("after Off: %q (in place %v), want %q", got, st.InPlace, want)
	}
	user := filepath.Join(tr.root, "home/.config/autostart/grendel.desktop")
	data, err := os.ReadFile(user)
	if err != nil || !parseEntry(data).bool("Hidden") {
		t.Errorf("user entry %s: %q, %v; want Hidden=true", user, data, err)
	}
	if fi, err := os.Stat(user); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("user entry mode: %v, %v", fi, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(user), ".grendel-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// Off again is no error, and does not mask twice.
	if err := tr.l.Off(); err != nil {
		t.Fatal(err)
	}
	if err := tr.l.On(); err != nil {
		t.Fatal(err)
	}
	if got := states(tr.l.Read()); got != "systemd=on xdg=on" {
		t.Errorf("after On: %q, want systemd=on xdg=on", got)
	}
	if want := []string{"mask grendel.service", "unmask grendel.service"}; !slices.Equal(tr.calls, want) {
		t.Errorf("systemctl calls %q, want %q", tr.calls, want)
	}
	if _, err := os.Lstat(user); !os.IsNotExist(err) {
		t.Errorf("user entry still there after On: %v", err)
	}
	// On when nothing is off changes nothing.
	if err := tr.l.On(); err != nil || len(tr.calls) != 2 {
		t.Errorf("On again: %v, calls %q", err, tr.calls)
	}
}

func TestOnKeepsUsersOwnEntry(t *testing.T) {
	tr := newTree(t)
	own := "[Desktop Entry]\nExec=grendel --policy /home/me/strict.json\n"
	tr.write(t, "home/.config/autostart/grendel.desktop", own)
	if err := tr.l.On(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(tr.root, "home/.config/autostart/grendel.desktop")); string(data) != own {
		t.Errorf("On changed the user's own entry to %q", data)
	}
}

func TestOnWithoutSystemctl(t *testing.T) {
	tr := newTree(t)
	tr.installPackage(t)
	tr.link(t, "/dev/null", "home/.config/systemd/user/grendel.service")
	tr.l.Systemctl = nil
	if err := tr.l.On(); err != nil {
		t.Fatal(err)
	}
	if got := states(tr.l.Read()); got != "systemd=on xdg=on" {
		t.Errorf("after On: %q", got)
	}
}

func TestOffWithoutUnit(t *testing.T) {
	tr := newTree(t)
	tr.write(t, "etc/xdg/autostart/grendel.desktop", systemEntry)
	if err := tr.l.Off(); err != nil {
		t.Fatal(err)
	}
	if len(tr.calls) != 0 {
		t.Errorf("systemctl called without a unit: %q", tr.calls)
	}
	if got := states(tr.l.Read()); got != "xdg=off-by-user" {
		t.Errorf("after Off: %q", got)
	}
}

func TestFromEnvDefaults(t *testing.T) {
	l := FromEnv(func(string) string { return "" }, "/home/anna")
	if want := []string{"/home/anna/.config/autostart", "/etc/xdg/autostart"}; !slices.Equal(l.AutostartDirs, want) {
		t.Errorf("AutostartDirs = %q, want %q", l.AutostartDirs, want)
	}
	if l.UnitDirs[len(l.UnitDirs)-1] != "/usr/lib/systemd/user" || !slices.Contains(l.UnitDirs, "/etc/systemd/user") || !slices.Contains(l.UnitDirs, "/home/anna/.config/systemd/user") {
		t.Errorf("UnitDirs = %q", l.UnitDirs)
	}
	// Relative directories are ignored, as the base directory specification says.
	env := map[string]string{"XDG_CONFIG_HOME": "rel", "XDG_CONFIG_DIRS": "rel:/opt/xdg"}
	l = FromEnv(func(k string) string { return env[k] }, "/home/anna")
	if want := []string{"/home/anna/.config/autostart", "/opt/xdg/autostart"}; !slices.Equal(l.AutostartDirs, want) {
		t.Errorf("AutostartDirs = %q, want %q", l.AutostartDirs, want)
	}
}

func TestParseEntryList(t *testing.T) {
	e := parseEntry([]byte("[Desktop Entry]\nOnlyShowIn=A;B\\;C;;\nOnlyShowIn=X;\n  Hidden = true \n"))
	if got := e.list("OnlyShowIn"); !slices.Equal(got, []string{"A", "B;C", ""}) {
		t.Errorf("list = %q", got)
	}
	if !e.bool("Hidden") {
		t.Error("Hidden with spaces around = not read")
	}
}

func TestWindowsStatus(t *testing.T) {
	for _, tc := range []struct {
		values []RunValue
		task   string
		want   string
		in     bool
	}{
		{nil, "", "", false},
		{[]RunValue{{Key: "HKLM", Name: "Grendel"}}, "", "run-key=on", true},
		{[]RunValue{{Key: "HKLM", Name: "Grendel", Approved: []byte{2, 0, 0}}}, "", "run-key=on", true},
		{[]RunValue{{Key: "HKLM", Name: "Grendel", Approved: []byte{3, 0, 0}, ApprovedByUser: true}}, "", "run-key=off-by-user", false},
		{[]RunValue{{Key: "HKLM", Name: "Grendel", Approved: []byte{7}}}, `\Grendel`, "run-key=off task=on", true},
	} {
		st := windowsStatus(tc.values, tc.task)
		if got := states(st); got != tc.want || st.InPlace != tc.in {
			t.Errorf("windowsStatus(%v, %q) = %q %v, want %q %v", tc.values, tc.task, got, st.InPlace, tc.want, tc.in)
		}
	}
	if !startsGrendel(`"C:\Program Files\Grendel\grendelw.exe"`) || startsGrendel(`C:\x\other.exe`) {
		t.Error("startsGrendel")
	}
}

// TestOffKeepsUsersOwnEntry: off hides a user's own entry without losing
// it (its Hidden=false commented out), and on gives it back byte for byte.
func TestOffKeepsUsersOwnEntry(t *testing.T) {
	for _, own := range []string{
		"# mine\n[Desktop Entry]\nExec=grendel --policy /home/me/strict.json\nHidden=false\n[Desktop Action x]\nHidden=false\n",
		"[Desktop Entry]\nExec=grendel",
	} {
		tr := newTree(t)
		tr.write(t, "etc/xdg/autostart/grendel.desktop", systemEntry)
		tr.write(t, "home/.config/autostart/grendel.desktop", own)
		if err := tr.l.Off(); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tr.root, "home/.config/autostart/grendel.desktop")
		hidden, _ := os.ReadFile(p)
		if got := states(tr.l.Read()); got != "xdg=off-by-user" {
			t.Errorf("after Off: %q; the entry is\n%s", got, hidden)
		}
		ownHidden := strings.Contains(own, "\nHidden=false\n[") // the group's own key, commented out
		if !strings.Contains(string(hidden), "Exec=grendel") || !parseEntry(hidden).bool("Hidden") || ownHidden != strings.Contains(string(hidden), offPrefix+"Hidden=false\n[") {
			t.Errorf("hidden own entry:\n%s", hidden)
		}
		// Off twice changes nothing more.
		if err := tr.l.Off(); err != nil {
			t.Fatal(err)
		}
		if again, _ := os.ReadFile(p); string(again) != string(hidden) {
			t.Errorf("Off again changed the entry to\n%s", again)
		}
		if err := tr.l.On(); err != nil {
			t.Fatal(err)
		}
		back, _ := os.ReadFile(p)
		if string(back) != own {
			t.Errorf("after On the entry is %q, want %q", back, own)
		}
	}
}
