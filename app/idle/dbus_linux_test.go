package idle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"golang.org/x/sys/unix"

	"grendel/app/internal/dbustest"
	"grendel/internal/testdir"
)

// fakeMutter is org.gnome.Mutter.IdleMonitor.
type fakeMutter struct{ ms uint64 }

func (f fakeMutter) GetIdletime() (uint64, *dbus.Error) { return f.ms, nil }

// fakeScreenSaver is org.freedesktop.ScreenSaver; with err set it answers
// that error, as Plasma on Wayland does.
type fakeScreenSaver struct {
	ms  uint32
	err *dbus.Error
}

func (f fakeScreenSaver) GetSessionIdleTime() (uint32, *dbus.Error) { return f.ms, f.err }

// envOf returns an Env with the variables in vars and nothing else.
func envOf(vars map[string]string) Env {
	return Env{Getenv: func(k string) string { return vars[k] }}
}

// TestSessionBusSources runs the mutter and kde sources against fake
// services on a bus of the test's own.
func TestSessionBusSources(t *testing.T) {
	addr := dbustest.Bus(t, "session")
	env := envOf(map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr})
	m := mutter{newBus("mutter", env, false)}
	k := kde{newBus("kde", env, false)}
	t.Cleanup(func() { _ = m.Close(); _ = k.Close() })

	// Not there yet: each says so.
	for _, tt := range []struct {
		s    Source
		want string
	}{
		{m, "mutter: org.gnome.Mutter.IdleMonitor is not on the session bus: idle source not supported here"},
		{k, "kde: org.freedesktop.ScreenSaver is not on the session bus: idle source not supported here"},
	} {
		_, err := tt.s.Idle(context.Background())
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: Idle() = %v, want %q wrapping ErrUnsupported", tt.s.Name(), err, tt.want)
		}
	}

	dbustest.Serve(t, addr, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
		"org.gnome.Mutter.IdleMonitor", fakeMutter{ms: 61500})
	ss := dbustest.Serve(t, addr, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
		"org.freedesktop.ScreenSaver", fakeScreenSaver{ms: 2500})
	for _, tt := range []struct {
		s    Source
		want time.Duration
	}{
		{m, 61500 * time.Millisecond},
		{k, 2500 * time.Millisecond},
	} {
		// The connection opened for the first call is kept and used again.
		got, err := tt.s.Idle(context.Background())
		if err != nil || got != tt.want {
			t.Errorf("%s: Idle() = %v, %v, want %v", tt.s.Name(), got, err, tt.want)
		}
	}
	conn := m.conn
	if _, err := m.Idle(context.Background()); err != nil || m.conn != conn {
		t.Errorf("mutter: a second Idle() = %v, and opened a new connection: %v", err, m.conn != conn)
	}

	// Plasma on Wayland answers NotSupported.
	notSupported := dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"GetSessionIdleTime is not supported on this platform"})
	if err := ss.Export(fakeScreenSaver{err: notSupported}, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"); err != nil {
		t.Fatal(err)
	}
	_, err := k.Idle(context.Background())
	want := "kde: org.freedesktop.ScreenSaver does not answer org.freedesktop.ScreenSaver.GetSessionIdleTime (GetSessionIdleTime is not supported on this platform): idle source not supported here"
	if err == nil || err.Error() != want || !errors.Is(err, ErrUnsupported) {
		t.Errorf("kde: Idle() = %v, want %q", err, want)
	}
}

// TestBusReconnects closes the source's connection under it; the next call
// opens a new one.
func TestBusReconnects(t *testing.T) {
	addr := dbustest.Bus(t, "session")
	env := envOf(map[string]string{"DBUS_SESSION_BUS_ADDRESS": addr})
	dbustest.Serve(t, addr, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
		"org.gnome.Mutter.IdleMonitor", fakeMutter{ms: 5})
	m := mutter{newBus("mutter", env, false)}
	t.Cleanup(func() { _ = m.Close() })
	if _, err := m.Idle(context.Background()); err != nil {
		t.Fatalf("Idle() = %v", err)
	}
	old := m.conn
	_ = old.Close()
	if got, err := m.Idle(context.Background()); err != nil || got != 5*time.Millisecond {
		t.Errorf("Idle() after the connection closed = %v, %v, want 5ms", got, err)
	}
	if m.conn == old {
		t.Error("Idle() kept the closed connection")
	}
}

func TestNoSessionBus(t *testing.T) {
	m := mutter{newBus("mutter", envOf(nil), false)}
	_, err := m.Idle(context.Background())
	want := "mutter: no session bus (DBUS_SESSION_BUS_ADDRESS is not set): idle source not supported here"
	if err == nil || err.Error() != want || !errors.Is(err, ErrUnsupported) {
		t.Errorf("Idle() = %v, want %q", err, want)
	}
	l := newLogind(envOf(map[string]string{"DBUS_SYSTEM_BUS_ADDRESS": "unix:path=" + filepath.Join(testdir.New(t), "none")}))
	_, err = l.Idle(context.Background())
	if err == nil || !errors.Is(err, ErrUnsupported) || !strings.HasPrefix(err.Error(), "logind: no system bus at unix:path=") {
		t.Errorf("logind: Idle() = %v, want no system bus, wrapping ErrUnsupported", err)
	}
}

// fakeLogin1 stands in for systemd-logind's manager, user and session
// objects.
type fakeLogin1 struct {
	sessionByPID bool // whether our pid is in a session
	display      dbus.ObjectPath
	hint         bool
	sinceMono    uint64
}

type fakeManager struct{ f *fakeLogin1 }

func (m fakeManager) GetSession(id string) (dbus.ObjectPath, *dbus.Error) {
	if id != "7" {
		return "", dbus.NewError("org.freedesktop.login1.NoSuchSession", []any{"No session '" + id + "' known"})
	}
	return "/org/freedesktop/login1/session/_37", nil
}

func (m fakeManager) GetSessionByPID(pid uint32) (dbus.ObjectPath, *dbus.Error) {
	if !m.f.sessionByPID {
		return "", dbus.NewError("org.freedesktop.login1.NoSessionForPID", []any{"PID does not belong to any known session"})
	}
	return "/org/freedesktop/login1/session/_38", nil
}

func (m fakeManager) GetUser(uid uint32) (dbus.ObjectPath, *dbus.Error) {
	return "/org/freedesktop/login1/user/_1000", nil
}

// fakeProps is org.freedesktop.DBus.Properties of one object.
type fakeProps struct {
	get func() map[string]dbus.Variant
}

func (p fakeProps) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	v, ok := p.get()[name]
	if !ok {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.DBus.Error.UnknownProperty", []any{name})
	}
	return v, nil
}

func (p fakeProps) GetAll(iface string) (map[string]dbus.Variant, *dbus.Error) {
	return p.get(), nil
}

// TestLogind runs the logind source against a fake logind on a bus of the
// test's own, for each way of finding the session.
func TestLogind(t *testing.T) {
	var now unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &now); err != nil {
		t.Fatal(err)
	}
	nowUsec := uint64(now.Nano()) / 1000
	tests := []struct {
		name    string
		env     map[string]string
		fake    fakeLogin1
		atLeast time.Duration
		most    time.Duration
		wantErr string
	}{
		{name: "XDG_SESSION_ID, idle for a minute", env: map[string]string{"XDG_SESSION_ID": "7"},
			fake: fakeLogin1{hint: true, sinceMono: nowUsec - 60e6}, atLeast: time.Minute, most: 2 * time.Minute},
		{name: "session of the pid, not idle", fake: fakeLogin1{sessionByPID: true, sinceMono: nowUsec - 60e6}},
		{name: "the user's display session", fake: fakeLogin1{display: "/org/freedesktop/login1/session/_32", hint: true, sinceMono: nowUsec - 5e6},
			atLeast: 5 * time.Second, most: time.Minute},
		{name: "no session at all", fake: fakeLogin1{display: "/"}, wantErr: "is in no session, and user"},
		{name: "unknown XDG_SESSION_ID", env: map[string]string{"XDG_SESSION_ID": "8"}, wantErr: "logind: calling GetSession: org.freedesktop.login1.NoSuchSession: No session '8' known"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := dbustest.Bus(t, "session")
			f := tt.fake
			conn := dbustest.Serve(t, addr, login1, login1Path, login1Manager, fakeManager{&f})
			if err := conn.Export(fakeProps{func() map[string]dbus.Variant {
				return map[string]dbus.Variant{"Display": dbus.MakeVariant(struct {
					ID   string
					Path dbus.ObjectPath
				}{"32", f.display}), "Name": dbus.MakeVariant("alice")}
			}}, "/org/freedesktop/login1/user/_1000", "org.freedesktop.DBus.Properties"); err != nil {
				t.Fatal(err)
			}
			for _, s := range []dbus.ObjectPath{"/org/freedesktop/login1/session/_37", "/org/freedesktop/login1/session/_38", "/org/freedesktop/login1/session/_32"} {
				if err := conn.Export(fakeProps{func() map[string]dbus.Variant {
					return map[string]dbus.Variant{
						"IdleHint":               dbus.MakeVariant(f.hint),
						"IdleSinceHint":          dbus.MakeVariant(uint64(0)),
						"IdleSinceHintMonotonic": dbus.MakeVariant(f.sinceMono),
						"Active":                 dbus.MakeVariant(true),
					}
				}}, s, "org.freedesktop.DBus.Properties"); err != nil {
					t.Fatal(err)
				}
			}
			vars := map[string]string{"DBUS_SYSTEM_BUS_ADDRESS": addr}
			for k, v := range tt.env {
				vars[k] = v
			}
			l := newLogind(envOf(vars))
			t.Cleanup(func() { _ = l.Close() })
			got, err := l.Idle(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Idle() = %v, %v, want an error with %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got < tt.atLeast || got > tt.most {
				t.Errorf("Idle() = %v, %v, want between %v and %v", got, err, tt.atLeast, tt.most)
			}
		})
	}
}

func TestLogindIdle(t *testing.T) {
	tests := []struct {
		name       string
		hint       bool
		since, now uint64
		want       time.Duration
		wantErr    bool
	}{
		{name: "not idle", hint: false, since: 5, now: 10},
		{name: "idle", hint: true, since: 1_000_000, now: 3_500_000, want: 2500 * time.Millisecond},
		{name: "idle since now", hint: true, since: 10, now: 10},
		{name: "since after now", hint: true, since: 20, now: 10},
		{name: "hint without a time", hint: true, since: 0, now: 10, wantErr: true},
		{name: "saturates", hint: true, since: 1, now: 1<<64 - 1, want: 1<<63 - 1},
	}
	for _, tt := range tests {
		got, err := logindIdle(tt.hint, tt.since, tt.now)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: logindIdle(%v, %d, %d) = %v, %v, want %v (error %v)", tt.name, tt.hint, tt.since, tt.now, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestMillis(t *testing.T) {
	tests := []struct {
		ms   uint64
		want time.Duration
	}{
		{0, 0},
		{1500, 1500 * time.Millisecond},
		{1<<64 - 1, 1<<63 - 1},
	}
	for _, tt := range tests {
		if got := millis(tt.ms); got != tt.want {
			t.Errorf("millis(%d) = %v, want %v", tt.ms, got, tt.want)
		}
	}
}

// TestDetectSession runs Platform and Detect in the session the tests run
// in (scripts/with-session.sh: Xvfb and a bare session bus): x11 wins, and
// the D-Bus sources, asked in turn, say clearly that their service is not
// there.
func TestDetectSession(t *testing.T) {
	needSession(t)
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		t.Skip("a Wayland session: x11 is not expected to win")
	}
	ctx := context.Background()
	sources := Platform(Env{})
	t.Cleanup(func() {
		for _, s := range sources {
			_ = s.Close()
		}
	})
	var names []string
	for _, s := range sources {
		names = append(names, s.Name())
	}
	if got, want := strings.Join(names, ","), "x11,mutter,kde,logind"; got != want {
		t.Errorf("Platform() = %s, want %s", got, want)
	}
	got, attempts := Detect(ctx, sources)
	if got == nil || got.Name() != "x11" {
		t.Fatalf("Detect(Platform()) = %v, attempts %v, want x11", got, attempts)
	}
	if len(attempts) != 1 || attempts[0].Err != nil {
		t.Errorf("Detect(Platform()) attempts = %v, want x11 alone, without an error", attempts)
	}

	// The same sources with x11 last: every other one is tried first.
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no session bus")
	}
	got, attempts = Detect(ctx, []Source{sources[1], sources[2], sources[3], sources[0]})
	if got == nil || got.Name() != "x11" {
		t.Fatalf("Detect(x11 last) = %v, attempts %v, want x11", got, attempts)
	}
	want := map[string]string{
		"mutter": "mutter: org.gnome.Mutter.IdleMonitor is not on the session bus: idle source not supported here",
		"kde":    "kde: org.freedesktop.ScreenSaver is not on the session bus: idle source not supported here",
	}
	for _, a := range attempts {
		t.Logf("%s: %v", a.Name, a.Err)
		switch {
		case a.Name == "x11":
			if a.Err != nil {
				t.Errorf("x11: %v", a.Err)
			}
		case want[a.Name] != "":
			if a.Err == nil || a.Err.Error() != want[a.Name] || !errors.Is(a.Err, ErrUnsupported) {
				t.Errorf("%s: %v, want %q", a.Name, a.Err, want[a.Name])
			}
		case a.Err == nil:
			t.Errorf("%s answered in a session without it", a.Name)
		}
	}
}
