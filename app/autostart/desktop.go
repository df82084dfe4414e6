package autostart

import (
	"bufio"
	"bytes"
	"strings"
)

// entry is the [Desktop Entry] group of a desktop file: its keys without
// a locale ("Name", not "Name[de]"), values unescaped only as far as
// needed here.
type entry map[string]string

// parseEntry reads the [Desktop Entry] group of a desktop file. Other
// groups, comments, blank lines and localised keys are skipped; a key
// given twice (which the specification forbids) keeps its first value.
func parseEntry(data []byte) entry {
	e := entry{}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			in = line == "[Desktop Entry]"
			continue
		case !in:
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		if strings.Contains(k, "[") {
			continue
		}
		if _, dup := e[k]; !dup {
			e[k] = strings.TrimSpace(v)
		}
	}
	return e
}

// bool reads a boolean key: only "true" is true (the specification's
// values are "true" and "false"; GLib also takes "1").
func (e entry) bool(key string) bool {
	v := e[key]
	return v == "true" || v == "1"
}

// list reads a list key: strings separated by ";", "\;" an escaped ";".
func (e entry) list(key string) []string {
	v, ok := e[key]
	if !ok {
		return nil
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && v[i+1] == ';':
			cur.WriteByte(';')
			i++
		case v[i] == ';':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(v[i])
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// Desktop is what the evaluation of an autostart entry needs from the
// session.
type Desktop struct {
	// Current is $XDG_CURRENT_DESKTOP split at ":" ("ubuntu", "GNOME").
	Current []string
	// Installed reports whether TryExec's program is installed: an
	// absolute path that is an executable file, or a name found in $PATH.
	Installed func(program string) bool
	// SystemdSession is true when a systemd user manager runs the
	// session (its private socket in $XDG_RUNTIME_DIR/systemd exists).
	SystemdSession bool
}

// entryState evaluates the autostart entry e as the XDG Autostart
// specification and the desktops do; user is true for an entry in the
// user's own autostart directory, unitOn when the systemd user unit
// starts Grendel.
func entryState(e entry, user bool, d Desktop, unitOn bool) State {
	off := Off
	if user {
		off = OffByUser
	}
	// "Hidden=true: the .desktop file MUST be ignored", and it hides the
	// entries of the same name in less important directories.
	if e.bool("Hidden") {
		return off
	}
	// GNOME's "Startup Applications" switch, honoured by gnome-session.
	if e["X-GNOME-Autostart-enabled"] == "false" && d.on("GNOME") {
		return off
	}
	if only := e.list("OnlyShowIn"); only != nil && !d.any(only) {
		return OtherDesktop
	}
	if d.any(e.list("NotShowIn")) {
		return OtherDesktop
	}
	if t := e["TryExec"]; t != "" && (d.Installed == nil || !d.Installed(t)) {
		return NoProgram
	}
	// systemd-xdg-autostart-generator skips the entry (X-systemd-skip), and
	// gnome-session under systemd too (X-GNOME-HiddenUnderSystemd): the
	// unit is meant to start Grendel there. When it does not, nothing does.
	if d.SystemdSession && !unitOn && (e.bool("X-systemd-skip") || (e.bool("X-GNOME-HiddenUnderSystemd") && d.on("GNOME"))) {
		return SkippedUnderSystemd
	}
	return On
}

// on reports whether desktop name is one of the current desktops.
func (d Desktop) on(name string) bool {
	for _, c := range d.Current {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}

// any reports whether one of names is a current desktop.
func (d Desktop) any(names []string) bool {
	for _, n := range names {
		if n != "" && d.on(n) {
			return true
		}
	}
	return false
}
