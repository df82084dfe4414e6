package lock

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"grendel/internal/testdir"
)

// These tests meet the real thing: Xvfb, i3lock, xscreensaver and a D-Bus
// session bus, as scripts/with-session.sh provides them. Without them they
// skip, except under CI, where a missing piece is a failure.

// need skips the test, or fails it under CI, when ok is false.
func need(tb testing.TB, ok bool, what string) {
	tb.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("CI is set, but %s; run the tests in scripts/with-session.sh", what)
	}
	tb.Skipf("%s; run the tests in scripts/with-session.sh", what)
}

func requireX(tb testing.TB) string {
	tb.Helper()
	d := os.Getenv("DISPLAY")
	need(tb, d != "", "DISPLAY is unset")
	return d
}

func requireProgram(tb testing.TB, name string) {
	tb.Helper()
	_, err := exec.LookPath(name)
	need(tb, err == nil, name+" is not installed")
}

func requireSessionBus(tb testing.TB) string {
	tb.Helper()
	a := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	need(tb, a != "", "DBUS_SESSION_BUS_ADDRESS is unset")
	return a
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(tb testing.TB, timeout time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within %v", what, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// xconn opens a second X client of the test's own.
func xconn(tb testing.TB, display string) (*xgb.Conn, *xproto.ScreenInfo) {
	tb.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		tb.Fatalf("connect to X display %s: %v", display, err)
	}
	tb.Cleanup(c.Close)
	return c, xproto.Setup(c).DefaultScreen(c)
}

// waitUncovered waits until no locker's window covers the screen: a locker
// that was just stopped may take a moment to unmap it, and a later test
// that grabs the keyboard itself would take the leftover for a lock.
func waitUncovered(tb testing.TB, display string) {
	tb.Helper()
	c, screen := xconn(tb, display)
	waitFor(tb, 5*time.Second, "no locker window over the screen", func() bool {
		covered, err := lockerOnTop(c, screen)
		return err == nil && !covered
	})
}

// grabStatus asks for the keyboard from a client of the test's own and
// gives it back: an independent check of what the x11-grab verifier says.
func grabStatus(tb testing.TB, display string) byte {
	tb.Helper()
	c, screen := xconn(tb, display)
	r, err := xproto.GrabKeyboard(c, false, screen.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil {
		tb.Fatalf("GrabKeyboard: %v", err)
	}
	if err := xproto.UngrabKeyboardChecked(c, xproto.TimeCurrentTime).Check(); err != nil {
		tb.Fatalf("UngrabKeyboard: %v", err)
	}
	return r.Status
}

// children returns the PIDs of our child processes named comm.
func children(comm string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		open, close := strings.IndexByte(string(stat), '('), strings.LastIndexByte(string(stat), ')')
		if open < 0 || close < open {
			continue
		}
		f := strings.Fields(string(stat[close+1:]))
		if len(f) < 2 || string(stat[open+1:close]) != comm || f[0] == "Z" {
			continue
		}
		if ppid, _ := strconv.Atoi(f[1]); ppid == os.Getpid() {
			pids = append(pids, pid)
		}
	}
	return pids
}

// stopChildren ends our children named comm, by PID, and waits for them to
// be reaped (by the lock method's goroutine).
func stopChildren(tb testing.TB, comm string) {
	tb.Helper()
	for _, pid := range children(comm) {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
	waitFor(tb, 5*time.Second, comm+" to exit", func() bool { return len(children(comm)) == 0 })
}

func TestPlatformMethods(t *testing.T) {
	base := []string{"freedesktop-screensaver", "gnome-screensaver", "loginctl", "xdg-screensaver", "xscreensaver-command"}
	tests := []struct {
		name    string
		command []string
		want    []string
	}{
		{"no lock.command", nil, base},
		{"lock.command first", []string{"/usr/bin/i3lock", "-n"}, append([]string{"lock.command:i3lock"}, base...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// No display: no standalone locker (see TestPlatformProbe).
			c := Platform(tc.command, Env{Vars: []string{"PATH=" + testdir.New(t)}})
			if got := c.MethodNames(); !slices.Equal(got, tc.want) {
				t.Errorf("MethodNames() = %q, want %q", got, tc.want)
			}
			wantV := []string{"freedesktop-screensaver", "gnome-screensaver", "logind", "xscreensaver", "x11-grab"}
			if got := c.VerifierNames(); !slices.Equal(got, wantV) {
				t.Errorf("VerifierNames() = %q, want %q", got, wantV)
			}
		})
	}
}

// bareEnv is an environment with no lockers in PATH, no system bus, and
// the session bus and display given.
func bareEnv(t *testing.T, display, sessionBus string) Env {
	dir := testdir.New(t)
	vars := []string{
		"PATH=" + dir,
		"HOME=" + dir,
		"DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-system-bus"),
	}
	if display != "" {
		vars = append(vars, "DISPLAY="+display)
	}
	if sessionBus != "" {
		vars = append(vars, "DBUS_SESSION_BUS_ADDRESS="+sessionBus)
	}
	return Env{Vars: vars}
}

// With no locker at all, every method fails at once, each saying why.
func TestNoLockerAvailable(t *testing.T) {
	bus := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	env := bareEnv(t, os.Getenv("DISPLAY"), bus)
	notOnBus := func(name string) (string, error) {
		if bus == "" {
			return "no session bus (DBUS_SESSION_BUS_ADDRESS is unset)", nil
		}
		return name + " is not on the session bus", ErrNotOnBus
	}
	fdoText, fdoIs := notOnBus("org.freedesktop.ScreenSaver")
	gnomeText, gnomeIs := notOnBus("org.gnome.ScreenSaver")
	want := []struct {
		method, text string
		is           error
	}{
		{"freedesktop-screensaver", fdoText, fdoIs},
		{"gnome-screensaver", gnomeText, gnomeIs},
		{"loginctl", "loginctl: not installed", ErrNotInstalled},
		{"xdg-screensaver", "xdg-screensaver: not installed", ErrNotInstalled},
		{"xscreensaver-command", "xscreensaver-command: not installed", ErrNotInstalled},
	}

	c := Platform(nil, env)
	start := time.Now()
	r := c.Lock(t.Context())
	took := time.Since(start)
	if r.Verified || r.Method != "" || r.Err != nil {
		t.Errorf("Lock() = Verified %v, Method %q, Err %v; want unverified, no method, no chain error", r.Verified, r.Method, r.Err)
	}
	if len(r.Attempts) != len(want) {
		t.Fatalf("Lock() made %d attempts, want %d: %+v", len(r.Attempts), len(want), r.Attempts)
	}
	for i, w := range want {
		a := r.Attempts[i]
		if a.Method != w.method || a.Verified || a.Err == nil || a.Err.Error() != w.text {
			t.Errorf("attempt %d = %q, Verified %v, Err %v; want %q failing with %q", i, a.Method, a.Verified, a.Err, w.method, w.text)
		}
		if w.is != nil && !errors.Is(a.Err, w.is) {
			t.Errorf("attempt %d (%s): Err %v does not wrap %v", i, a.Method, a.Err, w.is)
		}
	}
	t.Logf("all %d methods failed in %v", len(r.Attempts), took)
	if took > 2*time.Second {
		t.Errorf("Lock() took %v with nothing to try, want the methods to fail at once", took)
	}
	if locked, by := c.Locked(t.Context()); locked {
		t.Errorf("Locked() = true (by %s) with no locker", by)
	}
}

// fakeSaver is a screensaver service on the real session bus: Lock makes
// it active, unless it is told to fail or to ignore the request.
type fakeSaver struct {
	mu      sync.Mutex
	active  bool
	lockErr *dbus.Error
	ignore  bool
	calls   int
}

func (f *fakeSaver) Lock() *dbus.Error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.lockErr != nil {
		return f.lockErr
	}
	if !f.ignore {
		f.active = true
	}
	return nil
}

func (f *fakeSaver) GetActive() (bool, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.active, nil
}

// own exports v at path under iface and takes name on the bus at addr,
// until the test ends.
func own(t *testing.T, addr, name string, path dbus.ObjectPath, iface string, v any) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connect to %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	if v != nil {
		if err := conn.Export(v, path, iface); err != nil {
			t.Fatalf("export %s: %v", iface, err)
		}
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName(%s) = %v, %v; want the primary owner", name, reply, err)
	}
	return conn
}

// The D-Bus methods and verifiers against services on the real session
// bus (fakes of the screensavers, which this machine does not have).
func TestScreenSaverDBus(t *testing.T) {
	bus := requireSessionBus(t)
	notSupported := dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"locking is disabled"})
	tests := []struct {
		name        string
		fdo, gnome  *fakeSaver // nil: not on the bus
		wantMethod  string
		wantBy      string
		wantErrText []string // of the failed attempts, in order
	}{
		{"freedesktop locks", &fakeSaver{}, nil, "freedesktop-screensaver", "freedesktop-screensaver", nil},
		{"gnome locks when freedesktop is absent", nil, &fakeSaver{}, "gnome-screensaver", "gnome-screensaver",
			[]string{"org.freedesktop.ScreenSaver is not on the session bus"}},
		{"freedesktop refuses", &fakeSaver{lockErr: notSupported}, &fakeSaver{}, "gnome-screensaver", "gnome-screensaver",
			[]string{"org.freedesktop.ScreenSaver.Lock: locking is disabled"}},
		{"freedesktop says yes but never locks", &fakeSaver{ignore: true}, &fakeSaver{}, "gnome-screensaver", "gnome-screensaver",
			[]string{"not verified within 300ms"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fdo != nil {
				own(t, bus, freedesktopScreenSaver.name, freedesktopScreenSaver.path, freedesktopScreenSaver.name, tc.fdo)
			}
			if tc.gnome != nil {
				own(t, bus, gnomeScreenSaver.name, gnomeScreenSaver.path, gnomeScreenSaver.name, tc.gnome)
			}
			c := Platform(nil, bareEnv(t, "", bus))
			c.Timeout = 300 * time.Millisecond
			r := c.Lock(t.Context())
			if !r.Verified || r.Method != tc.wantMethod || r.VerifiedBy != tc.wantBy {
				t.Fatalf("Lock() = Verified %v, Method %q, VerifiedBy %q, attempts %+v; want %q verified by %q",
					r.Verified, r.Method, r.VerifiedBy, r.Attempts, tc.wantMethod, tc.wantBy)
			}
			if len(r.Attempts) != len(tc.wantErrText)+1 {
				t.Fatalf("Lock() made %d attempts, want %d: %+v", len(r.Attempts), len(tc.wantErrText)+1, r.Attempts)
			}
			for i, text := range tc.wantErrText {
				if err := r.Attempts[i].Err; err == nil || !strings.Contains(err.Error(), text) {
					t.Errorf("attempt %d (%s): Err = %v, want %q", i, r.Attempts[i].Method, err, text)
				}
			}
			if locked, by := c.Locked(t.Context()); !locked || by != tc.wantBy {
				t.Errorf("Locked() = %v, %q; want true, %q", locked, by, tc.wantBy)
			}
		})
	}
}

// fakeLogind is org.freedesktop.login1's Manager: sessions by id, and
// ours, the one of this process.
type fakeLogind struct {
	sessions map[string]dbus.ObjectPath
	ours     string
}

func (m *fakeLogind) GetSession(id string) (dbus.ObjectPath, *dbus.Error) {
	path, ok := m.sessions[id]
	if !ok {
		return "", dbus.NewError("org.freedesktop.login1.NoSuchSession", []any{"No session '" + id + "' known"})
	}
	return path, nil
}

func (m *fakeLogind) GetSessionByPID(pid uint32) (dbus.ObjectPath, *dbus.Error) {
	if pid != uint32(os.Getpid()) {
		return "", dbus.NewError("org.freedesktop.login1.NoSessionForPID", []any{"PID does not belong to any known session"})
	}
	return m.sessions[m.ours], nil
}

// The logind verifier against a fake login1 on a real bus, which stands
// in for the system bus.
func TestLogindDBus(t *testing.T) {
	bus := requireSessionBus(t)
	const c1, odd = dbus.ObjectPath("/org/freedesktop/login1/session/c1"), dbus.ObjectPath("/org/freedesktop/login1/session/odd")
	conn := own(t, bus, "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
		&fakeLogind{sessions: map[string]dbus.ObjectPath{"c1": c1, "odd": odd}, ours: "c1"})
	props, err := prop.Export(conn, c1, prop.Map{"org.freedesktop.login1.Session": {
		"LockedHint": {Value: false, Emit: prop.EmitFalse},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// A session whose LockedHint has the wrong type.
	if _, err := prop.Export(conn, odd, prop.Map{"org.freedesktop.login1.Session": {
		"LockedHint": {Value: "yes", Emit: prop.EmitFalse},
	}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		sessionID string
		hint      bool
		want      bool
		wantErr   string
	}{
		{"XDG_SESSION_ID, unlocked", "c1", false, false, ""},
		{"XDG_SESSION_ID, locked", "c1", true, true, ""},
		{"by PID, locked", "", true, true, ""},
		{"by PID, unlocked", "", false, false, ""},
		{"unknown session", "c9", true, false, "find our session: No session 'c9' known"},
		{"not a boolean", "odd", true, false, "LockedHint of /org/freedesktop/login1/session/odd is s, want a boolean"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			props.SetMust("org.freedesktop.login1.Session", "LockedHint", tc.hint)
			vars := []string{"DBUS_SYSTEM_BUS_ADDRESS=" + bus}
			if tc.sessionID != "" {
				vars = append(vars, "XDG_SESSION_ID="+tc.sessionID)
			}
			got, err := (&logindLocked{Env{Vars: vars}}).Locked(t.Context())
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("Locked() = %v, %v; want error %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Locked() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	t.Run("no system bus", func(t *testing.T) {
		env := Env{Vars: []string{"DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + filepath.Join(testdir.New(t), "none")}}
		got, err := (&logindLocked{env}).Locked(t.Context())
		if err == nil || !strings.HasPrefix(err.Error(), "connect to the system bus: ") {
			t.Errorf("Locked() = %v, %v; want a connect error", got, err)
		}
	})
}

// x11Window is a window for TestX11GrabProbe: position, size, and whether
// it is override-redirect (as lockers' and menus' windows are).
type x11Window struct {
	x, y     int16
	w, h     uint16
	override bool
	// marked sets lock.CoverMarker, as Grendel's privacy screen does.
	marked bool
}

// The x11-grab probe on a real X server, against windows and grabs made
// by a client of the test's own: only a covering override-redirect window
// together with a keyboard grab counts as a lock.
func TestX11GrabProbe(t *testing.T) {
	display := requireX(t)
	c, screen := xconn(t, display)
	sw, sh := screen.WidthInPixels, screen.HeightInPixels
	full := x11Window{0, 0, sw, sh, true, false}
	tests := []struct {
		name    string
		windows []x11Window // bottom to top
		grab    bool
		want    bool
		wantErr error
	}{
		{"nothing", nil, false, false, nil},
		{"a keyboard grab alone (an open menu elsewhere)", nil, true, false, nil},
		{"a menu: small override-redirect window and a grab", []x11Window{{100, 100, 200, 300, true, false}}, true, false, nil},
		{"a fullscreen override-redirect window, no grab", []x11Window{full}, false, false, nil},
		{"a locker: fullscreen override-redirect window and a grab", []x11Window{full}, true, true, nil},
		{"a locker in two halves", []x11Window{{0, 0, sw / 2, sh, true, false}, {int16(sw / 2), 0, sw - sw/2, sh, true, false}}, true, true, nil},
		{"a locker with a dialog on top", []x11Window{full, {400, 300, 300, 100, true, false}}, true, true, nil},
		{"a locker under a normal window", []x11Window{full, {0, 0, 200, 200, false, false}}, true, false, nil},
		{"a locker one pixel short", []x11Window{{0, 0, sw, sh - 1, true, false}}, true, false, nil},
		{"a normal fullscreen window and a grab", []x11Window{{0, 0, sw, sh, false, false}}, true, false, nil},
		{"Grendel's privacy screen: a marked cover and its grab", []x11Window{{0, 0, sw, sh, true, true}}, true, false, ErrCovered},
		{"the privacy screen in two halves, one marked", []x11Window{{0, 0, sw / 2, sh, true, false}, {int16(sw / 2), 0, sw - sw/2, sh, true, true}}, true, false, ErrCovered},
		{"a marked cover under a normal window", []x11Window{{0, 0, sw, sh, true, true}, {0, 0, 200, 200, false, false}}, true, false, nil},
	}
	v := &x11Grab{env: OSEnv()}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var wins []xproto.Window
			defer func() {
				for _, w := range wins {
					xproto.DestroyWindow(c, w)
				}
				xproto.UngrabKeyboard(c, xproto.TimeCurrentTime)
				c.Sync()
			}()
			for _, w := range tc.windows {
				id, err := xproto.NewWindowId(c)
				if err != nil {
					t.Fatal(err)
				}
				or := uint32(0)
				if w.override {
					or = 1
				}
				if err := xproto.CreateWindowChecked(c, screen.RootDepth, id, screen.Root, w.x, w.y, w.w, w.h, 0,
					xproto.WindowClassInputOutput, screen.RootVisual, xproto.CwOverrideRedirect, []uint32{or}).Check(); err != nil {
					t.Fatalf("CreateWindow: %v", err)
				}
				wins = append(wins, id)
				if w.marked {
					markCover(t, c, id)
				}
				if err := xproto.MapWindowChecked(c, id).Check(); err != nil {
					t.Fatalf("MapWindow: %v", err)
				}
			}
			if tc.grab {
				r, err := xproto.GrabKeyboard(c, false, screen.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
				if err != nil || r.Status != xproto.GrabStatusSuccess {
					t.Fatalf("the test's GrabKeyboard = %v, %v; want success", r, err)
				}
			}
			got, err := v.Locked(t.Context())
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) || got != tc.want {
				t.Errorf("x11-grab Locked() = %v, %v; want %v, %v", got, err, tc.want, tc.wantErr)
			}
			if !tc.grab {
				// The probe must have given back any grab it took.
				if s := grabStatus(t, display); s != xproto.GrabStatusSuccess {
					t.Errorf("after the probe, GrabKeyboard from another client = status %d, want success", s)
				}
			}
		})
	}
	t.Run("no display", func(t *testing.T) {
		got, err := (&x11Grab{env: Env{Vars: []string{}}}).Locked(t.Context())
		if err == nil || err.Error() != "no X display (DISPLAY is unset)" {
			t.Errorf("Locked() = %v, %v; want the DISPLAY error", got, err)
		}
	})
	t.Run("display not running", func(t *testing.T) {
		got, err := (&x11Grab{env: Env{Vars: []string{"DISPLAY=:4242"}}}).Locked(t.Context())
		if err == nil || got {
			t.Errorf("Locked() = %v, %v; want an error", got, err)
		}
	})
}

// markCover sets lock.CoverMarker on window id, as the privacy screen does.
func markCover(tb testing.TB, c *xgb.Conn, id xproto.Window) {
	tb.Helper()
	a, err := xproto.InternAtom(c, false, uint16(len(CoverMarker)), CoverMarker).Reply()
	if err != nil {
		tb.Fatalf("InternAtom: %v", err)
	}
	pid := make([]byte, 4)
	xgb.Put32(pid, uint32(os.Getpid()))
	if err := xproto.ChangePropertyChecked(c, xproto.PropModeReplace, id, a.Atom, xproto.AtomCardinal, 32, 1, pid).Check(); err != nil {
		tb.Fatalf("ChangeProperty: %v", err)
	}
}

// A keyboard grab that predates the lock (an open menu) makes a covering
// window prove nothing, until the keyboard is seen free.
func TestX11GrabProbeMenuBeforeLock(t *testing.T) {
	display := requireX(t)
	c, screen := xconn(t, display)
	grab := func() {
		t.Helper()
		r, err := xproto.GrabKeyboard(c, false, screen.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
		if err != nil || r.Status != xproto.GrabStatusSuccess {
			t.Fatalf("the test's GrabKeyboard = %v, %v; want success", r, err)
		}
	}
	ungrab := func() {
		xproto.UngrabKeyboard(c, xproto.TimeCurrentTime)
		c.Sync()
	}
	defer ungrab()
	grab() // the menu

	v := &x11Grab{env: OSEnv()}
	if got, err := v.baseline(t.Context()); got || err != nil {
		t.Fatalf("baseline() with a menu's grab = %v, %v; want false, nil", got, err)
	}

	// The locker's window comes up; the menu still has the keyboard.
	id, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(c, screen.RootDepth, id, screen.Root, 0, 0, screen.WidthInPixels, screen.HeightInPixels, 0,
		xproto.WindowClassInputOutput, screen.RootVisual, xproto.CwOverrideRedirect, []uint32{1}).Check(); err != nil {
		t.Fatalf("CreateWindow: %v", err)
	}
	defer func() { xproto.DestroyWindow(c, id); c.Sync() }()
	if err := xproto.MapWindowChecked(c, id).Check(); err != nil {
		t.Fatalf("MapWindow: %v", err)
	}
	if got, err := v.Locked(t.Context()); got || !errors.Is(err, errHeldBefore) {
		t.Errorf("Locked() with the menu's grab and a covering window = %v, %v; want errHeldBefore", got, err)
	}

	// The menu lets go: the keyboard is seen free, so the next grab counts.
	ungrab()
	if got, err := v.Locked(t.Context()); got || err != nil {
		t.Errorf("Locked() with a covering window and a free keyboard = %v, %v; want false, nil", got, err)
	}
	grab() // now the locker's
	if got, err := v.Locked(t.Context()); !got || err != nil {
		t.Errorf("Locked() with a covering window and a new grab = %v, %v; want true", got, err)
	}

	// A fresh verifier whose first look is already covered and held trusts it.
	if got, err := (&x11Grab{env: OSEnv()}).baseline(t.Context()); !got || err != nil {
		t.Errorf("baseline() of a locked screen = %v, %v; want true", got, err)
	}
}

// The policy's lock.command set to the real i3lock: locked, verified by
// the grab probe, and unlocked again when i3lock goes.
func TestI3lock(t *testing.T) {
	display := requireX(t)
	requireProgram(t, "i3lock")
	c := Platform([]string{"i3lock", "-n"}, OSEnv())
	if locked, by := c.Locked(t.Context()); locked {
		t.Fatalf("the session is already locked (by %s) before the test", by)
	}
	t.Cleanup(func() { stopChildren(t, "i3lock") })

	start := time.Now()
	r := c.Lock(t.Context())
	took := time.Since(start)
	if !r.Verified || r.Method != "lock.command:i3lock" || r.VerifiedBy != "x11-grab" || len(r.Attempts) != 1 {
		t.Fatalf("Lock() = %+v; want lock.command:i3lock verified by x11-grab at the first attempt", r)
	}
	t.Logf("Lock() call to verified: %v (Result.Took %v)", took.Round(time.Millisecond), r.Took.Round(time.Millisecond))
	// The speed is BenchmarkI3lock's to measure; here only the chain's
	// own verification budget is a behaviour to check.
	if took > DefaultTimeout {
		t.Errorf("Lock() took %v to verify i3lock, beyond the %v verification budget", took, DefaultTimeout)
	}
	if n := len(children("i3lock")); n != 1 {
		t.Errorf("%d i3lock processes are running, want 1", n)
	}
	if s := grabStatus(t, display); s != xproto.GrabStatusAlreadyGrabbed {
		t.Errorf("GrabKeyboard from a second client = status %d, want AlreadyGrabbed (%d)", s, xproto.GrabStatusAlreadyGrabbed)
	}
	if locked, by := c.Locked(t.Context()); !locked || by != "x11-grab" {
		t.Errorf("Locked() = %v, %q; want true, x11-grab", locked, by)
	}
	// Locking again finds it locked and starts no second i3lock.
	if r := c.Lock(t.Context()); !r.Verified || r.Method != AlreadyLocked {
		t.Errorf("Lock() again = %+v, want already-locked", r)
	}

	stopChildren(t, "i3lock")
	waitFor(t, 3*time.Second, "Locked() to say false after i3lock exits", func() bool {
		locked, _ := c.Locked(t.Context())
		return !locked
	})
	if s := grabStatus(t, display); s != xproto.GrabStatusSuccess {
		t.Errorf("GrabKeyboard after i3lock exits = status %d, want success", s)
	}
}

// helperEnv marks the test binary run as TestXScreenSaver's helper.
const helperEnv = "GRENDEL_LOCK_TEST_HELPER"

// helperReport is what the helper prints, after helperPrefix, as JSON.
type helperReport struct {
	UID        int
	Verified   bool
	Method     string
	VerifiedBy string
	Attempts   []string
	TookMS     float64
	// Checks is each Linux verifier's answer once the lock is verified.
	Checks map[string]string
}

const helperPrefix = "HELPER-REPORT "

// TestHelperXScreenSaver is not a test: TestXScreenSaver runs the test
// binary as an unprivileged user with this one selected, so that the chain
// runs as xscreensaver's own user, with auto-detection.
func TestHelperXScreenSaver(t *testing.T) {
	if os.Getenv(helperEnv) != "xscreensaver" {
		t.Skip("run by TestXScreenSaver")
	}
	c := Platform(nil, OSEnv())
	start := time.Now()
	r := c.Lock(t.Context())
	rep := helperReport{UID: os.Getuid(), Verified: r.Verified, Method: r.Method, VerifiedBy: r.VerifiedBy,
		TookMS: float64(r.Took.Microseconds()) / 1000, Checks: map[string]string{}}
	for _, a := range r.Attempts {
		rep.Attempts = append(rep.Attempts, fmt.Sprintf("%s: verified=%v by %q, err=%v, took %v", a.Method, a.Verified, a.VerifiedBy, a.Err, a.Took.Round(time.Millisecond)))
	}
	// Each verifier's answer: at once for those that cannot see the lock,
	// and for the others how long after the Lock call they first did
	// (xscreensaver grabs the keyboard and says "locked" at once, but maps
	// its covering window only once its fade is done).
	for _, v := range c.Verifiers {
		locked, err := v.Locked(t.Context())
		for deadline := time.Now().Add(10 * time.Second); !locked && err == nil && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
			locked, err = v.Locked(t.Context())
		}
		rep.Checks[v.Name()] = fmt.Sprintf("locked=%v err=%v", locked, err)
		if locked {
			rep.Checks[v.Name()+" after"] = time.Since(start).Round(time.Millisecond).String()
		}
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s%s\n", helperPrefix, b)
}

// unprivileged returns the credential to run xscreensaver with: nobody's
// when we are root (xscreensaver will not lock for root), else nil (our
// own).
func unprivileged(t *testing.T) (*syscall.Credential, int) {
	if os.Geteuid() != 0 {
		return nil, os.Getuid()
	}
	u, err := user.Lookup("nobody")
	need(t, err == nil, "there is no user nobody to run xscreensaver as")
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, uid
}

// The real xscreensaver, daemon and chain both run as an unprivileged
// user: auto-detection locks with xscreensaver-command -lock, and both
// `xscreensaver-command -time` and the grab probe confirm it.
func TestXScreenSaver(t *testing.T) {
	display := requireX(t)
	requireProgram(t, "xscreensaver")
	requireProgram(t, "xscreensaver-command")
	cred, uid := unprivileged(t)
	if locked, by := Platform(nil, OSEnv()).Locked(t.Context()); locked {
		t.Fatalf("the session is already locked (by %s) before the test", by)
	}

	// A directory the user can reach: HOME, the log and a copy of the test
	// binary (go test builds it in a directory only we may enter).
	dir, err := os.MkdirTemp("", "grendel-lock-xss-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	home := filepath.Join(dir, "home")
	if err := errors.Join(os.Chmod(dir, 0o755), os.Mkdir(home, 0o700)); err != nil {
		t.Fatal(err)
	}
	if cred != nil {
		if err := os.Chown(home, int(cred.Uid), int(cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "lock.test")
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"DISPLAY=" + display, "HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C",
		"DBUS_SESSION_BUS_ADDRESS=" + os.Getenv("DBUS_SESSION_BUS_ADDRESS"),
	}

	// The daemon, in a process group of its own (it starts helpers).
	logf, err := os.Create(filepath.Join(dir, "xscreensaver.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	daemon := exec.Command("xscreensaver", "-no-splash", "-verbose")
	daemon.Env, daemon.Stdout, daemon.Stderr = env, logf, logf
	daemon.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: cred}
	if err := daemon.Start(); err != nil {
		t.Fatalf("start xscreensaver: %v", err)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		_ = syscall.Kill(-daemon.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = daemon.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-daemon.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	t.Cleanup(stop)
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("xscreensaver's log:\n%s", tail(string(b), 40))
		}
	})

	rootEnv := Env{Vars: env}
	waitFor(t, 10*time.Second, "xscreensaver to answer -time", func() bool {
		out, err := output(t.Context(), rootEnv, "xscreensaver-command", "-time")
		s, _ := parseSaverTime(string(out))
		return err == nil && s == saverNonBlanked
	})

	// The chain, as the same user.
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	helper := exec.CommandContext(ctx, bin, "-test.run=^TestHelperXScreenSaver$", "-test.v", "-test.count=1")
	helper.Env = append(env, helperEnv+"=xscreensaver")
	helper.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	out, err := helper.CombinedOutput()
	if err != nil {
		t.Fatalf("the helper failed: %v\n%s", err, out)
	}
	var rep helperReport
	found := false
	for line := range strings.Lines(string(out)) {
		if j, ok := strings.CutPrefix(strings.TrimSpace(line), helperPrefix); ok {
			if err := json.Unmarshal([]byte(j), &rep); err != nil {
				t.Fatalf("the helper's report: %v", err)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("the helper printed no report:\n%s", out)
	}
	t.Logf("helper (uid %d): %s verified by %s in %.0fms", rep.UID, rep.Method, rep.VerifiedBy, rep.TookMS)
	for _, a := range rep.Attempts {
		t.Logf("  attempt %s", a)
	}
	for _, name := range []string{"freedesktop-screensaver", "gnome-screensaver", "logind", "xscreensaver", "x11-grab"} {
		t.Logf("  check %s: %s (after %s)", name, rep.Checks[name], rep.Checks[name+" after"])
	}
	if rep.UID != uid {
		t.Errorf("the helper ran as uid %d, want %d", rep.UID, uid)
	}
	if !rep.Verified || rep.Method != "xscreensaver-command" || rep.VerifiedBy != "xscreensaver" {
		t.Errorf("helper's Lock() = Verified %v, Method %q, VerifiedBy %q; want xscreensaver-command verified by xscreensaver",
			rep.Verified, rep.Method, rep.VerifiedBy)
	}
	for _, name := range []string{"xscreensaver", "x11-grab"} {
		if got := rep.Checks[name]; got != "locked=true err=<nil>" {
			t.Errorf("helper's %s check = %s, want locked", name, got)
		}
	}

	// Independently, from here.
	out, err = output(t.Context(), rootEnv, "xscreensaver-command", "-time")
	if s, perr := parseSaverTime(string(out)); err != nil || s != saverLocked {
		t.Errorf("xscreensaver-command -time = %q, %v, %v; want locked", out, err, perr)
	}
	if s := grabStatus(t, display); s != xproto.GrabStatusAlreadyGrabbed {
		t.Errorf("GrabKeyboard from a second client = status %d, want AlreadyGrabbed (%d)", s, xproto.GrabStatusAlreadyGrabbed)
	}

	stop()
	waitFor(t, 5*time.Second, "Locked() to say false after xscreensaver exits", func() bool {
		locked, _ := Platform(nil, OSEnv()).Locked(t.Context())
		return !locked
	})
	waitUncovered(t, display)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// BenchmarkI3lock measures Chain.Lock with the real i3lock, from the call
// to the verification (i3lock has no fade); ms/verified is Result.Took.
func BenchmarkI3lock(b *testing.B) {
	requireX(b)
	requireProgram(b, "i3lock")
	c := Platform([]string{"i3lock", "-n"}, OSEnv())
	var total time.Duration
	n := 0
	for b.Loop() {
		r := c.Lock(b.Context())
		b.StopTimer()
		if !r.Verified || r.Method != "lock.command:i3lock" {
			b.Fatalf("Lock() = %+v, want i3lock verified", r)
		}
		total += r.Took
		n++
		stopChildren(b, "i3lock")
		waitFor(b, 3*time.Second, "unlock", func() bool { l, _ := c.Locked(b.Context()); return !l })
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(n), "ms/verified")
}

// BenchmarkX11GrabProbe measures one x11-grab check, on an unlocked
// screen (the window check alone) and under i3lock (window check and
// grab).
func BenchmarkX11GrabProbe(b *testing.B) {
	requireX(b)
	v := &x11Grab{env: OSEnv()}
	probe := func(b *testing.B, want bool) {
		for b.Loop() {
			if got, err := v.Locked(b.Context()); got != want || err != nil {
				b.Fatalf("Locked() = %v, %v; want %v", got, err, want)
			}
		}
	}
	b.Run("unlocked", func(b *testing.B) { probe(b, false) })
	b.Run("i3lock", func(b *testing.B) {
		requireProgram(b, "i3lock")
		if r := Platform([]string{"i3lock", "-n"}, OSEnv()).Lock(b.Context()); !r.Verified {
			b.Fatalf("Lock() = %+v, want i3lock verified", r)
		}
		defer stopChildren(b, "i3lock")
		b.ResetTimer()
		probe(b, true)
	})
}

// BenchmarkLocked measures one round of every Linux verifier, what the
// chain does every poll.
func BenchmarkLocked(b *testing.B) {
	c := Platform(nil, OSEnv())
	for b.Loop() {
		c.Locked(b.Context())
	}
}

// The real i3lock cannot lock while another client holds the keyboard (an
// open menu): it gives up and exits non-zero, and the attempt fails with
// its message before the Timeout.
func TestI3lockCannotGrab(t *testing.T) {
	display := requireX(t)
	requireProgram(t, "i3lock")
	waitUncovered(t, display)
	c, screen := xconn(t, display)
	r, err := xproto.GrabKeyboard(c, false, screen.Root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil || r.Status != xproto.GrabStatusSuccess {
		t.Fatalf("the test's GrabKeyboard = %v, %v; want success", r, err)
	}
	defer func() {
		xproto.UngrabKeyboard(c, xproto.TimeCurrentTime)
		c.Sync()
	}()
	t.Cleanup(func() { stopChildren(t, "i3lock") })

	env := OSEnv()
	chain := &Chain{Methods: []Method{policyCommand([]string{"i3lock", "-n"}, env)}, Verifiers: []Verifier{&x11Grab{env: env}}, Timeout: 10 * time.Second}
	res := chain.Lock(t.Context())
	if res.Verified || len(res.Attempts) != 1 {
		t.Fatalf("Lock() = %+v, want one failed attempt", res)
	}
	a := res.Attempts[0]
	t.Logf("attempt: %v after %v", a.Err, a.Took.Round(time.Millisecond))
	if a.Err == nil || !strings.HasPrefix(a.Err.Error(), "i3lock failed (exit status 1): ") || errors.Is(a.Err, ErrNotVerified) {
		t.Errorf("attempt error = %v, want i3lock's own failure", a.Err)
	}
	if a.Took >= chain.Timeout {
		t.Errorf("attempt took %v, want less than the Timeout", a.Took)
	}
}
