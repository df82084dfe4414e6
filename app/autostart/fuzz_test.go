package autostart

import "testing"

// systemEntry is the entry the package installs (scripts/package).
const systemEntry = `# comment
[Desktop Entry]
Type=Application
Name=Grendel
Name[de]=Grendel
Exec=/usr/bin/grendel
TryExec=/usr/bin/grendel
X-GNOME-Autostart-enabled=true
X-GNOME-HiddenUnderSystemd=true
X-systemd-skip=true
`

// FuzzParseEntry: any bytes parse without a panic, and an entry that says
// Hidden=true is never on.
func FuzzParseEntry(f *testing.F) {
	for _, s := range []string{systemEntry, hiddenEntry, "[Desktop Entry]\nOnlyShowIn=A;B\\;C;;\n", "[Desktop Entry", "=\n[Desktop Entry]\n=x\nHidden", "[Desktop Entry]\nName[de]=x\nHidden=1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e := parseEntry(data)
		_ = e.list("OnlyShowIn")
		st := entryState(e, true, Desktop{Current: []string{"GNOME"}, Installed: func(string) bool { return true }}, false)
		if e.bool("Hidden") && st == On {
			t.Errorf("Hidden entry %q is on", data)
		}
	})
}
