package lock

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// facts is what the Linux chain reads of the session to build itself and
// to probe its methods: programs in PATH, names on the session bus, our
// running processes. [Platform] reads the real ones; tests give fakes.
type facts interface {
	// lookPath finds an installed program, as lookPath does.
	lookPath(file string) (string, error)
	// onBus returns nil when name has an owner on the session bus, an
	// error wrapping [ErrCannotTell] when the bus can only start one, and
	// one wrapping [ErrNotOnBus] when neither.
	onBus(ctx context.Context, name string) error
	// processes returns our user's running processes named one of names.
	processes(names ...string) ([]process, error)
}

// process is one running program.
type process struct {
	pid, sid int
	// name is the base name of its argv[0].
	name string
}

// osFacts are the facts of the session env describes.
type osFacts struct{ env Env }

func (f osFacts) lookPath(file string) (string, error) { return lookPath(file, f.env) }

func (f osFacts) onBus(ctx context.Context, name string) error {
	conn, err := connectBus(ctx, f.env, false)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := present(ctx, conn, name, false); !errors.Is(err, ErrNotOnBus) {
		return err
	}
	if present(ctx, conn, name, true) == nil {
		return fmt.Errorf("%s is not running, but the session bus can start it: %w", name, ErrCannotTell)
	}
	return fmt.Errorf("%s is %w", name, ErrNotOnBus)
}

func (osFacts) processes(names ...string) ([]process, error) {
	return procProcesses("/proc", os.Getuid(), names)
}

// procProcesses lists the processes under root (a procfs) of user uid
// whose argv[0], or else whose kernel name, is one of names. Processes
// that end while it reads are left out.
func procProcesses(root string, uid int, names []string) ([]process, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	var out []process
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		dir := filepath.Join(root, e.Name())
		stat, err := os.ReadFile(filepath.Join(dir, "stat"))
		if err != nil {
			continue
		}
		comm, sid, ok := parseStat(stat)
		if !ok {
			continue
		}
		name := comm
		if cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline")); err == nil && len(cmdline) > 0 {
			arg0, _, _ := bytes.Cut(cmdline, []byte{0})
			name = filepath.Base(string(arg0))
		}
		if !matches(name, comm, names) || procUID(dir) != uid {
			continue
		}
		out = append(out, process{pid: pid, sid: sid, name: name})
	}
	return out, nil
}

// matches reports whether a process with argv[0] name and kernel name
// comm (cut to 15 bytes) is one of names.
func matches(name, comm string, names []string) bool {
	for _, n := range names {
		if name == n || comm == n[:min(len(n), 15)] {
			return true
		}
	}
	return false
}

// parseStat reads the kernel name and the session id from a
// /proc/PID/stat line: "pid (comm) state ppid pgrp session …", where comm
// may hold spaces and parentheses.
func parseStat(stat []byte) (comm string, sid int, ok bool) {
	open, end := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
	if open < 0 || end < open {
		return "", 0, false
	}
	f := strings.Fields(string(stat[end+1:]))
	if len(f) < 4 {
		return "", 0, false
	}
	sid, err := strconv.Atoi(f[3])
	return string(stat[open+1 : end]), sid, err == nil
}

// procUID returns the real user id of the process in dir, -1 if unknown.
func procUID(dir string) int {
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return -1
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				if uid, err := strconv.Atoi(f[0]); err == nil {
					return uid
				}
			}
		}
	}
	return -1
}

// runningOne returns the first process named one of names, or an error
// wrapping [ErrNotRunning].
func runningOne(f facts, names ...string) (process, error) {
	ps, err := f.processes(names...)
	if err != nil {
		return process{}, err
	}
	for _, n := range names {
		for _, p := range ps {
			if p.name == n {
				return p, nil
			}
		}
	}
	if len(ps) > 0 {
		return ps[0], nil // matched by its kernel name
	}
	return process{}, ErrNotRunning
}

// session names the kind of graphical session env is in: "wayland",
// "x11", or "" for none.
func session(env Env) string {
	switch {
	case env.Get("WAYLAND_DISPLAY") != "" || env.Get("XDG_SESSION_TYPE") == "wayland":
		return "wayland"
	case env.Get("DISPLAY") != "":
		return "x11"
	}
	return ""
}

// standalone lists the screen lockers that the chain starts by itself
// when they are installed, after the desktop's own ways to lock, each in
// the session it locks. Each stays in the foreground until the unlock,
// except swaylock, which (with -f) detaches once the compositor took the
// lock.
var standalone = []struct {
	session string
	argv    []string
	// extra settings for the program alone.
	extra []string
}{
	// -n (--nofork): i3lock stays our child until the unlock.
	{"x11", []string{"i3lock", "-n"}, nil},
	// xsecurelock draws into the Composite overlay window when the X
	// server has the extension, where the x11-grab probe cannot see it,
	// and it would be given up on (and killed) as never verified. Without
	// it, it maps an override-redirect window over the screen, as i3lock
	// does. Its README warns that notifications may then show above it.
	{"x11", []string{"xsecurelock"}, []string{"XSECURELOCK_NO_COMPOSITE=1"}},
	{"x11", []string{"slock"}, nil},
	// -f (--daemonize): it detaches once it has asked the compositor
	// for the lock; the "swaylock" verifier looks for that daemon.
	{"wayland", []string{"swaylock", "-f"}, nil},
}

// logindListeners are programs that lock the session when logind asks
// (`loginctl lock-session` makes logind send its Lock signal): with none
// of them running, loginctl locks nothing.
var logindListeners = []string{
	"xss-lock", "light-locker", "xfce4-screensaver", "mate-screensaver", "cinnamon-screensaver",
	"gnome-shell", "ksmserver", "xscreensaver-systemd", "swayidle", "hypridle",
}

// xdgBackends are the services that `xdg-screensaver lock` hands the lock
// to, by desktop, on the session bus; it also calls xscreensaver and
// xautolock (xdgDaemons). On a desktop it does not know it only blanks
// the screen (xset s activate), which is no lock.
var (
	xdgBackends = []string{freedesktopScreenSaver.name, gnomeScreenSaver.name, "org.mate.ScreenSaver", "org.cinnamon.ScreenSaver"}
	xdgDaemons  = []string{"xscreensaver", "xautolock"}
)

// installed returns nil when prog is installed.
func installed(f facts, prog string) error {
	_, err := f.lookPath(prog)
	return err
}

// needsDaemon is the probe of a program that hands the lock to one of
// daemons: ready when prog is installed and one of them runs.
func needsDaemon(f facts, prog string, daemons ...string) func(context.Context) error {
	return func(context.Context) error {
		if err := installed(f, prog); err != nil {
			return err
		}
		if _, err := runningOne(f, daemons...); err != nil {
			return fmt.Errorf("%s: %s: %w", prog, strings.Join(daemons, ", "), err)
		}
		return nil
	}
}

// xdgProbe is the probe of `xdg-screensaver lock`: ready when it is
// installed and one of the screensavers it hands the lock to runs.
func xdgProbe(f facts) func(context.Context) error {
	return func(ctx context.Context) error {
		if err := installed(f, "xdg-screensaver"); err != nil {
			return err
		}
		for _, name := range xdgBackends {
			if f.onBus(ctx, name) == nil {
				return nil
			}
		}
		if _, err := runningOne(f, xdgDaemons...); err != nil {
			return fmt.Errorf("xdg-screensaver: no screensaver it can hand the lock to (%s, %s): %w",
				strings.Join(xdgBackends, ", "), strings.Join(xdgDaemons, ", "), err)
		}
		return nil
	}
}

// swaylockDaemon is the "swaylock" [Verifier]: a swaylock of our user
// that has detached into a session of its own, as `swaylock -f` does
// once it has asked the compositor for the lock (a refused lock ends it
// before then). It is swaylock's own word, not a look at the screen: no
// Wayland compositor tells other clients whether the session is locked.
type swaylockDaemon struct{ f facts }

// Name implements [Verifier].
func (*swaylockDaemon) Name() string { return "swaylock" }

// Locked implements [Verifier].
func (v *swaylockDaemon) Locked(context.Context) (bool, error) {
	ps, err := v.f.processes("swaylock")
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(ps, func(p process) bool { return p.pid == p.sid }), nil
}
