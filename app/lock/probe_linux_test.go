package lock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"grendel/internal/testdir"
)

// fakeFacts is a session of the test's own: programs in PATH, names on
// the session bus, running processes.
type fakeFacts struct {
	installed   []string
	owned       []string // names with an owner on the session bus
	activatable []string // names the bus can start
	running     []process
	procErr     error
}

func (f fakeFacts) lookPath(file string) (string, error) {
	if slices.Contains(f.installed, filepath.Base(file)) {
		return "/usr/bin/" + filepath.Base(file), nil
	}
	return "", fmt.Errorf("%s: %w", file, ErrNotInstalled)
}

func (f fakeFacts) onBus(_ context.Context, name string) error {
	switch {
	case slices.Contains(f.owned, name):
		return nil
	case slices.Contains(f.activatable, name):
		return fmt.Errorf("%s can be started: %w", name, ErrCannotTell)
	}
	return fmt.Errorf("%s is %w", name, ErrNotOnBus)
}

func (f fakeFacts) processes(names ...string) ([]process, error) {
	var out []process
	for _, p := range f.running {
		if slices.Contains(names, p.name) {
			out = append(out, p)
		}
	}
	return out, f.procErr
}

// run is a running process named name, in a session of its own when
// leader is set.
func run(name string, leader bool) process {
	p := process{pid: 100 + len(name), sid: 1, name: name}
	if leader {
		p.sid = p.pid
	}
	return p
}

var desktopMethods = []string{"freedesktop-screensaver", "gnome-screensaver", "loginctl", "xdg-screensaver", "xscreensaver-command"}

func x11Env() Env { return Env{Vars: []string{"DISPLAY=:0", "PATH=/usr/bin"}} }
func waylandEnv() Env {
	return Env{Vars: []string{"DISPLAY=:0", "WAYLAND_DISPLAY=wayland-0", "PATH=/usr/bin"}}
}

// TestPlatformProbe: which methods the Linux chain has in a session, and
// what its probe says of each, without locking.
func TestPlatformProbe(t *testing.T) {
	type want struct {
		method string
		avail  Availability
		is     error // what Err wraps, for a method that is not ready
	}
	m := func(method string, avail Availability, is error) want { return want{method, avail, is} }
	missingDesktop := []want{
		m("freedesktop-screensaver", Missing, ErrNotOnBus),
		m("gnome-screensaver", Missing, ErrNotOnBus),
		m("loginctl", Missing, ErrNotInstalled),
		m("xdg-screensaver", Missing, ErrNotInstalled),
		m("xscreensaver-command", Missing, ErrNotInstalled),
	}
	tests := []struct {
		name      string
		command   []string
		env       Env
		facts     fakeFacts
		want      []want
		verifiers []string // beyond the five of every chain
	}{
		{
			name: "nothing can lock",
			env:  x11Env(),
			want: missingDesktop,
		},
		{
			name: "GNOME",
			env:  waylandEnv(),
			facts: fakeFacts{installed: []string{"loginctl"}, owned: []string{"org.gnome.ScreenSaver"},
				running: []process{run("gnome-shell", false)}},
			want: []want{
				m("freedesktop-screensaver", Missing, ErrNotOnBus),
				m("gnome-screensaver", Ready, nil),
				m("loginctl", Ready, nil),
				m("xdg-screensaver", Missing, ErrNotInstalled),
				m("xscreensaver-command", Missing, ErrNotInstalled),
			},
		},
		{
			name:  "a screensaver the bus can start",
			env:   x11Env(),
			facts: fakeFacts{activatable: []string{"org.freedesktop.ScreenSaver"}},
			want:  append([]want{m("freedesktop-screensaver", Unknown, ErrCannotTell)}, missingDesktop[1:]...),
		},
		{
			name:  "loginctl with nobody to answer it",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"loginctl"}},
			want:  []want{missingDesktop[0], missingDesktop[1], m("loginctl", Missing, ErrNotRunning), missingDesktop[3], missingDesktop[4]},
		},
		{
			name:  "loginctl and xss-lock",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"loginctl"}, running: []process{run("xss-lock", false)}},
			want:  []want{missingDesktop[0], missingDesktop[1], m("loginctl", Ready, nil), missingDesktop[3], missingDesktop[4]},
		},
		{
			name:  "xdg-screensaver on an unknown desktop only blanks",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"xdg-screensaver"}},
			want:  []want{missingDesktop[0], missingDesktop[1], missingDesktop[2], m("xdg-screensaver", Missing, ErrNotRunning), missingDesktop[4]},
		},
		{
			name:  "xdg-screensaver on MATE",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"xdg-screensaver"}, owned: []string{"org.mate.ScreenSaver"}},
			want:  []want{missingDesktop[0], missingDesktop[1], missingDesktop[2], m("xdg-screensaver", Ready, nil), missingDesktop[4]},
		},
		{
			name:  "xscreensaver installed, its daemon not running",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"xscreensaver-command", "xdg-screensaver"}},
			want: []want{missingDesktop[0], missingDesktop[1], missingDesktop[2],
				m("xdg-screensaver", Missing, ErrNotRunning), m("xscreensaver-command", Missing, ErrNotRunning)},
		},
		{
			name:  "xscreensaver's daemon runs",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"xscreensaver-command", "xdg-screensaver"}, running: []process{run("xscreensaver", false)}},
			want: []want{missingDesktop[0], missingDesktop[1], missingDesktop[2],
				m("xdg-screensaver", Ready, nil), m("xscreensaver-command", Ready, nil)},
		},
		{
			name:  "processes cannot be listed",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"xscreensaver-command"}, procErr: errors.New("list processes: permission denied")},
			want:  append(slices.Clone(missingDesktop[:4]), m("xscreensaver-command", Missing, nil)),
		},
		{
			name:  "standalone lockers on X11, in order",
			env:   x11Env(),
			facts: fakeFacts{installed: []string{"slock", "swaylock", "xsecurelock", "i3lock"}},
			want:  append(slices.Clone(missingDesktop), m("i3lock", Ready, nil), m("xsecurelock", Ready, nil), m("slock", Ready, nil)),
		},
		{
			name:      "swaylock, and no X11 locker, on Wayland",
			env:       waylandEnv(),
			facts:     fakeFacts{installed: []string{"i3lock", "swaylock"}},
			want:      append(slices.Clone(missingDesktop), m("swaylock", Ready, nil)),
			verifiers: []string{"swaylock"},
		},
		{
			name:  "a Wayland session named by XDG_SESSION_TYPE",
			env:   Env{Vars: []string{"DISPLAY=:0", "XDG_SESSION_TYPE=wayland"}},
			facts: fakeFacts{installed: []string{"i3lock"}},
			want:  missingDesktop,
		},
		{
			name:  "no display, no standalone locker",
			env:   Env{Vars: []string{"PATH=/usr/bin"}},
			facts: fakeFacts{installed: []string{"i3lock", "swaylock"}},
			want:  missingDesktop,
		},
		{
			name:    "IT's lock.command first, not twice",
			command: []string{"/usr/bin/i3lock", "-n", "-c", "000000"},
			env:     x11Env(),
			facts:   fakeFacts{installed: []string{"i3lock", "slock"}},
			want:    append(append([]want{m("lock.command:i3lock", Ready, nil)}, missingDesktop...), m("slock", Ready, nil)),
		},
		{
			name:    "IT's lock.command not installed",
			command: []string{"xlock"},
			env:     x11Env(),
			want:    append([]want{m("lock.command:xlock", Missing, ErrNotInstalled)}, missingDesktop...),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := platform(tc.command, tc.env, tc.facts)
			var names []string
			for _, w := range tc.want {
				names = append(names, w.method)
			}
			if got := c.MethodNames(); !slices.Equal(got, names) {
				t.Fatalf("MethodNames() = %q, want %q", got, names)
			}
			wantV := append([]string{"freedesktop-screensaver", "gnome-screensaver", "logind", "xscreensaver", "x11-grab"}, tc.verifiers...)
			if got := c.VerifierNames(); !slices.Equal(got, wantV) {
				t.Errorf("VerifierNames() = %q, want %q", got, wantV)
			}
			for i, r := range c.Probe(t.Context()) {
				w := tc.want[i]
				if r.Availability != w.avail || (w.avail == Ready) != (r.Err == nil) || (w.is != nil && !errors.Is(r.Err, w.is)) {
					t.Errorf("%s: %s (%v), want %s wrapping %v", r.Method, r.Availability, r.Err, w.avail, w.is)
				}
			}
		})
	}
}

// TestStandaloneInvocation: each standalone locker runs as its manual
// says it stays in the foreground (or, for swaylock, detaches once
// locked), and xsecurelock without the Composite overlay window.
func TestStandaloneInvocation(t *testing.T) {
	f := fakeFacts{installed: []string{"i3lock", "xsecurelock", "slock", "swaylock"}}
	got := map[string][]string{}
	extra := map[string][]string{}
	for _, env := range []Env{x11Env(), waylandEnv()} {
		for _, m := range platform(nil, env, f).Methods {
			if c, ok := m.(*command); ok && !slices.Contains(desktopMethods, c.name) {
				got[c.name], extra[c.name] = c.argv, c.extra
			}
		}
	}
	want := map[string][]string{"i3lock": {"i3lock", "-n"}, "xsecurelock": {"xsecurelock"}, "slock": {"slock"}, "swaylock": {"swaylock", "-f"}}
	for name, argv := range want {
		if !slices.Equal(got[name], argv) {
			t.Errorf("%s runs as %q, want %q", name, got[name], argv)
		}
	}
	if !slices.Equal(extra["xsecurelock"], []string{"XSECURELOCK_NO_COMPOSITE=1"}) || len(extra["i3lock"]) != 0 {
		t.Errorf("extra settings: %q", extra)
	}
}

// TestSwaylockVerifier: swaylock counts as locked once it has detached
// (swaylock -f does so after asking for the lock), not while it starts.
func TestSwaylockVerifier(t *testing.T) {
	for _, tc := range []struct {
		name    string
		running []process
		want    bool
	}{
		{"none", nil, false},
		{"starting", []process{run("swaylock", false)}, false},
		{"detached", []process{run("swaylock", false), run("swaylock", true)}, true},
		{"another program", []process{run("swayidle", true)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &swaylockDaemon{fakeFacts{running: tc.running}}
			if got, err := v.Locked(t.Context()); got != tc.want || err != nil {
				t.Errorf("Locked() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestProcProcesses reads a procfs of the test's own: processes are
// found by argv[0] or by kernel name, only the given user's.
func TestProcProcesses(t *testing.T) {
	root := testdir.New(t)
	add := func(pid int, comm, stateRest, cmdline string, uid int) {
		dir := filepath.Join(root, strconv.Itoa(pid))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{
			"stat":    fmt.Sprintf("%d (%s) %s", pid, comm, stateRest),
			"cmdline": cmdline,
			"status":  fmt.Sprintf("Name:\t%s\nUid:\t%d\t%d\t%d\t%d\n", comm, uid, uid, uid, uid),
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(10, "xss-lock", "S 1 10 10 0 -1", "/usr/bin/xss-lock\x00--transfer-sleep-lock\x00--\x00i3lock\x00-n\x00", 1000)
	add(11, "swaylock", "S 1 11 11 0", "swaylock\x00-f\x00", 1000)
	add(12, "xscreensaver-sy", "S 1 12 5 0", "", 1000)              // no cmdline: its kernel name, cut to 15 bytes
	add(13, "xss-lock", "S 1 13 13 0", "/usr/bin/xss-lock\x00", 0)  // another user's
	add(14, "a) (b", "S 1 14 7 0", "/opt/odd name/a) (b\x00", 1000) // parentheses in its name
	if err := os.Mkdir(filepath.Join(root, "self"), 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := procProcesses(root, 1000, []string{"xss-lock", "swaylock", "xscreensaver-systemd", "a) (b"})
	if err != nil {
		t.Fatal(err)
	}
	want := []process{{10, 10, "xss-lock"}, {11, 11, "swaylock"}, {12, 5, "xscreensaver-sy"}, {14, 7, "a) (b"}}
	if !slices.Equal(got, want) {
		t.Errorf("procProcesses = %+v, want %+v", got, want)
	}
	if _, err := procProcesses(filepath.Join(root, "nope"), 1000, nil); err == nil {
		t.Error("procProcesses of a missing procfs succeeded")
	}
}

// TestProcProcessesReal finds the test's own process by its argv[0].
func TestProcProcessesReal(t *testing.T) {
	name := filepath.Base(os.Args[0])
	ps, err := osFacts{}.processes(name)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ps, func(p process) bool { return p.pid == os.Getpid() }) {
		t.Errorf("processes(%q) = %+v, want this process (%d) among them", name, ps, os.Getpid())
	}
}

// pathWith returns a PATH directory that holds only links to the named
// installed programs.
func pathWith(t *testing.T, progs ...string) string {
	t.Helper()
	dir := testdir.New(t)
	for _, p := range progs {
		target, err := exec.LookPath(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// standaloneEnv is an X11 environment whose PATH holds only progs, with
// no session or system bus.
func standaloneEnv(t *testing.T, display string, progs ...string) Env {
	dir := testdir.New(t)
	return Env{Vars: []string{
		"PATH=" + pathWith(t, progs...),
		"HOME=" + dir,
		"DISPLAY=" + display,
		"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus"),
		"DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-system-bus"),
	}}
}

// TestStandaloneLockers: with no lock.command and nothing of the
// desktop's, a real standalone locker that is installed is in the chain,
// ready to the probe, and its lock is verified by the keyboard grab.
func TestStandaloneLockers(t *testing.T) {
	display := requireX(t)
	for _, prog := range []string{"i3lock", "xsecurelock"} {
		t.Run(prog, func(t *testing.T) {
			requireProgram(t, prog)
			waitUncovered(t, display)
			env := standaloneEnv(t, display, prog)
			c := Platform(nil, env)
			if got, want := c.MethodNames(), append(slices.Clone(desktopMethods), prog); !slices.Equal(got, want) {
				t.Fatalf("MethodNames() = %q, want %q", got, want)
			}
			probes := c.Probe(t.Context())
			if last := probes[len(probes)-1]; last.Availability != Ready {
				t.Errorf("Probe says %s is %s (%v), want ready", prog, last.Availability, last.Err)
			}
			for _, p := range probes[:len(probes)-1] {
				if p.Availability != Missing {
					t.Errorf("Probe says %s is %s (%v), want missing", p.Method, p.Availability, p.Err)
				}
			}
			t.Cleanup(func() { stopGroups(t, prog) })

			r := c.Lock(t.Context())
			if !r.Verified || r.Method != prog || r.VerifiedBy != "x11-grab" {
				t.Fatalf("Lock() = %+v; want %s verified by x11-grab", r, prog)
			}
			if s := grabStatus(t, display); s != xproto.GrabStatusAlreadyGrabbed {
				t.Errorf("GrabKeyboard from a second client = status %d, want AlreadyGrabbed", s)
			}
			t.Logf("%s verified after %v", prog, r.Took.Round(time.Millisecond))
		})
	}
}

// stopGroups ends the process groups of our children named comm (a
// locker and what it started, such as xsecurelock's saver) and waits for
// the lockers to be reaped.
func stopGroups(tb testing.TB, comm string) {
	tb.Helper()
	for _, pid := range children(comm) {
		_ = syscall.Kill(-pid, syscall.SIGTERM)
	}
	waitFor(tb, 5*time.Second, comm+" to exit", func() bool { return len(children(comm)) == 0 })
}
