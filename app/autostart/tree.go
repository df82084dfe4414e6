package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"grendel/internal/atomicfile"
)

// The names Grendel's Linux packages install (scripts/package).
const (
	// UnitName is the systemd user unit.
	UnitName = "grendel.service"
	// EntryName is the XDG autostart entry.
	EntryName = "grendel.desktop"
	// wantsDir is where the unit's enabling link lives.
	wantsDir = "graphical-session.target.wants"
)

// Systemctl runs `systemctl --user` with args; it is how [Linux] masks
// and unmasks the unit.
type Systemctl func(args ...string) error

// Linux is the autostart of one user on a Linux desktop: the XDG autostart
// directories and the systemd user unit directories, most important
// first. [FromEnv] fills it from the environment; tests point it at a
// temporary tree.
type Linux struct {
	// AutostartDirs are $XDG_CONFIG_HOME/autostart, then each of
	// $XDG_CONFIG_DIRS/autostart (default /etc/xdg/autostart).
	AutostartDirs []string
	// UnitDirs are the systemd user unit search path (systemd.unit(5)):
	// the user's and the runtime directories first, /usr/lib/systemd/user last.
	UnitDirs []string
	// UserUnitDirs are those of UnitDirs that belong to the user: a mask
	// there is the user's.
	UserUnitDirs []string
	// Desktop is the session, for OnlyShowIn, NotShowIn and TryExec.
	Desktop Desktop
	// Systemctl masks and unmasks the unit; nil when systemd is not
	// installed (there is then no unit to mask).
	Systemctl Systemctl
}

// FromEnv returns the autostart of the user whose environment getenv
// reads, with home as the home directory.
func FromEnv(getenv func(string) string, home string) Linux {
	configHome := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(configHome) {
		configHome = filepath.Join(home, ".config")
	}
	dataHome := getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(dataHome) {
		dataHome = filepath.Join(home, ".local", "share")
	}
	configDirs := absList(getenv("XDG_CONFIG_DIRS"), "/etc/xdg")
	dataDirs := absList(getenv("XDG_DATA_DIRS"), "/usr/local/share:/usr/share")
	runtime := getenv("XDG_RUNTIME_DIR")

	l := Linux{AutostartDirs: []string{filepath.Join(configHome, "autostart")}}
	for _, d := range configDirs {
		l.AutostartDirs = append(l.AutostartDirs, filepath.Join(d, "autostart"))
	}
	user := []string{filepath.Join(configHome, "systemd", "user.control")}
	if filepath.IsAbs(runtime) {
		user = append(user, filepath.Join(runtime, "systemd", "user.control"))
	}
	user = append(user, filepath.Join(configHome, "systemd", "user"))
	if filepath.IsAbs(runtime) {
		user = append(user, filepath.Join(runtime, "systemd", "user"))
	}
	l.UserUnitDirs = user
	l.UnitDirs = append(l.UnitDirs, user...)
	for _, d := range configDirs {
		l.UnitDirs = append(l.UnitDirs, filepath.Join(d, "systemd", "user"))
	}
	l.UnitDirs = append(l.UnitDirs, "/etc/systemd/user", "/run/systemd/user", filepath.Join(dataHome, "systemd", "user"))
	for _, d := range dataDirs {
		l.UnitDirs = append(l.UnitDirs, filepath.Join(d, "systemd", "user"))
	}
	l.UnitDirs = append(l.UnitDirs, "/usr/local/lib/systemd/user", "/usr/lib/systemd/user")

	if cur := getenv("XDG_CURRENT_DESKTOP"); cur != "" {
		l.Desktop.Current = strings.Split(cur, ":")
	}
	if filepath.IsAbs(runtime) {
		if fi, err := os.Stat(filepath.Join(runtime, "systemd", "private")); err == nil && fi.Mode()&fs.ModeSocket != 0 {
			l.Desktop.SystemdSession = true
		}
	}
	return l
}

// absList splits a colon-separated list of directories, keeping only
// absolute ones (the base directory specification ignores relative ones);
// empty means def. The lists are Unix paths on every system (the
// specification's), so absolute means starting with a slash: with
// filepath.IsAbs a Windows build found none in def either and recursed
// forever.
func absList(v, def string) []string {
	var out []string
	for _, d := range strings.Split(v, ":") {
		if strings.HasPrefix(d, "/") {
			out = append(out, d)
		}
	}
	if len(out) == 0 && def != "" {
		return absList(def, "")
	}
	return out
}

// unitState finds the unit in the search path: the first directory that
// has a file of its name decides whether it is masked (a link to
// /dev/null, or an empty file); it is on when a directory's
// graphical-session.target.wants holds its link. path is the file that
// decided.
func (l Linux) unitState() (state State, path string, found bool) {
	for _, dir := range l.UnitDirs {
		p := filepath.Join(dir, UnitName)
		fi, err := os.Lstat(p)
		if err != nil {
			continue
		}
		if masked(p, fi) {
			if l.userDir(dir) {
				return OffByUser, p, true
			}
			return Off, p, true
		}
		path, found = p, true
		break
	}
	if !found {
		return "", "", false
	}
	for _, dir := range l.UnitDirs {
		if _, err := os.Lstat(filepath.Join(dir, wantsDir, UnitName)); err == nil {
			return On, path, true
		}
	}
	return Off, path, true
}

// masked reports whether the unit file p is a mask: a link to /dev/null
// or an empty file.
func masked(p string, fi fs.FileInfo) bool {
	if fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := os.Readlink(p); err == nil && t == os.DevNull {
			return true
		}
		fi2, err := os.Stat(p)
		if err != nil {
			return false
		}
		fi = fi2
	}
	return fi.Mode().IsRegular() && fi.Size() == 0
}

func (l Linux) userDir(dir string) bool {
	for _, u := range l.UserUnitDirs {
		if u == dir {
			return true
		}
	}
	return false
}

// entryFile finds the autostart entry: the file in the most important
// directory wins. user is true when that is the user's own directory.
func (l Linux) entryFile() (e entry, path string, user bool, err error) {
	for i, dir := range l.AutostartDirs {
		p := filepath.Join(dir, EntryName)
		data, rerr := os.ReadFile(p)
		if errors.Is(rerr, fs.ErrNotExist) {
			continue
		}
		if rerr != nil {
			return nil, p, i == 0, rerr
		}
		return parseEntry(data), p, i == 0, nil
	}
	return nil, "", false, nil
}

// Read tells whether Grendel starts at this user's login.
func (l Linux) Read() Status {
	var methods []Method
	unit, unitPath, unitFound := l.unitState()
	if unitFound {
		methods = append(methods, Method{Kind: KindSystemd, State: unit, Path: unitPath})
	}
	e, path, user, err := l.entryFile()
	if err != nil {
		st := status(methods)
		st.Error = err.Error()
		return st
	}
	if e != nil {
		methods = append(methods, Method{Kind: KindXDG, State: entryState(e, user, l.Desktop, unit == On), Path: path})
	}
	return status(methods)
}

// userEntry is the path of the user's autostart entry.
func (l Linux) userEntry() string { return filepath.Join(l.AutostartDirs[0], EntryName) }

// hiddenEntry is what [Linux.Off] writes: an entry of the same name that
// hides the system's for this user.
const hiddenEntry = `# Written by "grendel autostart off": it hides the autostart entry of the
# same name in $XDG_CONFIG_DIRS/autostart (/etc/xdg/autostart) for this user.
# "grendel autostart on" removes it again.
[Desktop Entry]
Type=Application
Name=Grendel
Exec=grendel
Hidden=true
`

// Off switches autostart off for this user: a Hidden=true entry in the
// user's autostart directory (written atomically), and the unit masked
// for the user when it is on.
//
// A user's own entry (one not hidden, say with other options) is kept:
// Hidden=true goes into it below [hiddenMark], which [Linux.On] takes out
// again.
func (l Linux) Off() error {
	own, err := os.ReadFile(l.userEntry())
	switch {
	case err == nil && parseEntry(own).bool("Hidden"):
		// Hidden already: by an earlier off, or by the user.
	case err == nil:
		if err := atomicfile.Write(l.userEntry(), hideOwn(own), 0o644); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := atomicfile.Write(l.userEntry(), []byte(hiddenEntry), 0o644); err != nil {
			return err
		}
	default:
		return err
	}
	if unit, _, found := l.unitState(); found && unit == On && l.Systemctl != nil {
		if err := l.Systemctl("mask", UnitName); err != nil {
			return fmt.Errorf("systemctl --user mask %s: %w", UnitName, err)
		}
	}
	return nil
}

// On undoes [Linux.Off]: it removes the user's entry when it hides or
// switches off the system's (a user's own enabled entry stays), and
// unmasks the unit when the mask is the user's.
func (l Linux) On() error {
	p := l.userEntry()
	if data, err := os.ReadFile(p); err == nil {
		e := parseEntry(data)
		if own, ok := unhideOwn(data); ok {
			if err := atomicfile.Write(p, own, 0o644); err != nil {
				return err
			}
		} else if e.bool("Hidden") || e["X-GNOME-Autostart-enabled"] == "false" {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if unit, _, found := l.unitState(); found && unit == OffByUser {
		if l.Systemctl == nil {
			return l.removeUserMasks()
		}
		if err := l.Systemctl("unmask", UnitName); err != nil {
			return fmt.Errorf("systemctl --user unmask %s: %w", UnitName, err)
		}
	}
	return nil
}

// hiddenMark precedes the Hidden=true that [Linux.Off] puts into a user's
// own entry.
const hiddenMark = "# Hidden by \"grendel autostart off\"; \"grendel autostart on\" removes these two lines."

// offPrefix comments out a Hidden key of the user's own entry while
// [Linux.Off] has it hidden.
const offPrefix = "#grendel-off# "

// hideOwn puts Hidden=true, below hiddenMark, at the top of the
// [Desktop Entry] group of a user's own entry, and comments out the
// group's own Hidden keys (Hidden=false) with offPrefix.
func hideOwn(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	header, in := -1, false
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "["):
			in = t == "[Desktop Entry]" && header < 0
			if in {
				header = i
				if !strings.HasSuffix(line, "\n") {
					lines[i] += "\n"
				}
			}
		case in:
			if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == "Hidden" {
				lines[i] = offPrefix + line
			}
		}
	}
	if header < 0 {
		return []byte(hiddenEntry) // no group: not an entry worth keeping
	}
	return []byte(strings.Join(lines[:header+1], "") + hiddenMark + "\nHidden=true\n" + strings.Join(lines[header+1:], ""))
}

// unhideOwn takes out what hideOwn put in; ok is false when data has no
// hiddenMark followed by Hidden=true.
func unhideOwn(data []byte) (own []byte, ok bool) {
	s := string(data)
	added := hiddenMark + "\nHidden=true\n"
	i := strings.Index(s, added)
	if i < 0 {
		return nil, false
	}
	s = s[:i] + s[i+len(added):]
	lines := strings.SplitAfter(s, "\n")
	for j, line := range lines {
		lines[j] = strings.TrimPrefix(line, offPrefix)
	}
	return []byte(strings.Join(lines, "")), true
}

// removeUserMasks removes the user's masks of the unit, where no
// systemctl is there to do it.
func (l Linux) removeUserMasks() error {
	for _, dir := range l.UserUnitDirs {
		p := filepath.Join(dir, UnitName)
		if fi, err := os.Lstat(p); err == nil && masked(p, fi) {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}
