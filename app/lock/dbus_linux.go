package lock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/godbus/dbus/v5"
)

// screenSaver is a D-Bus screensaver service with the Lock and GetActive
// methods of org.freedesktop.ScreenSaver.
type screenSaver struct {
	label string // method and verifier name
	name  string // bus name, also the interface
	path  dbus.ObjectPath
}

var (
	freedesktopScreenSaver = screenSaver{"freedesktop-screensaver", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"}
	gnomeScreenSaver       = screenSaver{"gnome-screensaver", "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"}
)

// screenSaverLock is a [Method] that calls the service's Lock.
type screenSaverLock struct {
	s   screenSaver
	env Env
	f   facts // for Probe
}

// Name implements [Method].
func (m *screenSaverLock) Name() string { return m.s.label }

// Probe implements [Prober]: the service has an owner on the session bus.
// One the bus can start is [Unknown]: started, it may lock or not.
func (m *screenSaverLock) Probe(ctx context.Context) error {
	return m.f.onBus(ctx, m.s.name)
}

// Lock implements [Method]. A service that is not running but can be
// activated is activated by the call.
func (m *screenSaverLock) Lock(ctx context.Context) error {
	return m.s.call(ctx, m.env, "Lock", true)
}

// screenSaverActive is a [Verifier] that calls the service's GetActive.
type screenSaverActive struct {
	s   screenSaver
	env Env
}

// Name implements [Verifier].
func (v *screenSaverActive) Name() string { return v.s.label }

// Locked implements [Verifier]. A service that is not running is not
// started just to be asked.
func (v *screenSaverActive) Locked(ctx context.Context) (bool, error) {
	var active bool
	err := v.s.call(ctx, v.env, "GetActive", false, &active)
	return active, err
}

// call calls the service's method over a session bus connection of its
// own, and stores the reply in out.
func (s screenSaver) call(ctx context.Context, env Env, method string, activate bool, out ...any) error {
	conn, err := connectBus(ctx, env, false)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := present(ctx, conn, s.name, activate); err != nil {
		return err
	}
	call := conn.Object(s.name, s.path).CallWithContext(ctx, s.name+"."+method, 0)
	if call.Err != nil {
		return fmt.Errorf("%s.%s: %w", s.name, method, call.Err)
	}
	if err := call.Store(out...); err != nil {
		return fmt.Errorf("%s.%s: %w", s.name, method, err)
	}
	return nil
}

// present makes sure name has an owner on the bus, or, with activate, that
// the bus can start one.
func present(ctx context.Context, conn *dbus.Conn, name string, activate bool) error {
	bus := conn.BusObject()
	var owned bool
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned); err != nil {
		return fmt.Errorf("ask the session bus for %s: %w", name, err)
	}
	if owned {
		return nil
	}
	if activate {
		var names []string
		if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&names); err == nil && slices.Contains(names, name) {
			return nil
		}
	}
	return fmt.Errorf("%s is %w", name, ErrNotOnBus)
}

// logindLocked is the "logind" [Verifier]: the LockedHint of our session.
type logindLocked struct {
	env Env
}

// Name implements [Verifier].
func (*logindLocked) Name() string { return "logind" }

// Locked implements [Verifier]. The session is XDG_SESSION_ID's, or else
// the one logind puts our process in.
func (v *logindLocked) Locked(ctx context.Context) (bool, error) {
	conn, err := connectBus(ctx, v.env, true)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	const login1 = "org.freedesktop.login1"
	manager := conn.Object(login1, "/org/freedesktop/login1")
	var session dbus.ObjectPath
	if id := v.env.Get("XDG_SESSION_ID"); id != "" {
		err = manager.CallWithContext(ctx, login1+".Manager.GetSession", 0, id).Store(&session)
	} else {
		err = manager.CallWithContext(ctx, login1+".Manager.GetSessionByPID", 0, uint32(os.Getpid())).Store(&session)
	}
	if err != nil {
		return false, fmt.Errorf("find our session: %w", err)
	}
	var hint dbus.Variant
	err = conn.Object(login1, session).CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, login1+".Session", "LockedHint").Store(&hint)
	if err != nil {
		return false, fmt.Errorf("read LockedHint of %s: %w", session, err)
	}
	locked, ok := hint.Value().(bool)
	if !ok {
		return false, fmt.Errorf("LockedHint of %s is %s, want a boolean", session, hint.Signature())
	}
	return locked, nil
}

// connectBus opens a private connection to the session bus, or the system
// bus, as env names it. It is closed when ctx ends.
func connectBus(ctx context.Context, env Env, system bool) (*dbus.Conn, error) {
	addr, err := busAddress(env, system)
	if err != nil {
		return nil, err
	}
	conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
	if err != nil {
		if system {
			return nil, fmt.Errorf("connect to the system bus: %w", err)
		}
		return nil, fmt.Errorf("connect to the session bus: %w", err)
	}
	return conn, nil
}

// busAddress returns the address of the session or system bus: the one in
// env, else the usual socket ($XDG_RUNTIME_DIR/bus for the session bus).
// It never falls back to dbus-launch's X11 autolaunch.
func busAddress(env Env, system bool) (string, error) {
	if system {
		if a := env.Get("DBUS_SYSTEM_BUS_ADDRESS"); a != "" {
			return a, nil
		}
		return "unix:path=/var/run/dbus/system_bus_socket", nil
	}
	if a := env.Get("DBUS_SESSION_BUS_ADDRESS"); a != "" {
		return a, nil
	}
	if dir := env.Get("XDG_RUNTIME_DIR"); filepath.IsAbs(dir) {
		p := filepath.Join(dir, "bus")
		if fi, err := os.Stat(p); err == nil && fi.Mode().Type() == fs.ModeSocket {
			return "unix:path=" + dbus.EscapeBusAddressValue(p), nil
		}
	}
	return "", errors.New("no session bus (DBUS_SESSION_BUS_ADDRESS is unset)")
}
