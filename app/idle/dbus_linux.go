package idle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"
)

// bus is a private connection to the session or the system bus, opened on
// first use and reopened when it has closed.
type bus struct {
	// source names the source, for errors.
	source string
	system bool
	env    Env
	turn   serial

	// conn belongs to the goroutine holding turn.
	conn *dbus.Conn
}

// newBus returns the session bus (or the system bus) of env for source.
func newBus(source string, env Env, system bool) *bus {
	return &bus{source: source, system: system, env: env, turn: newSerial()}
}

// kind names the bus.
func (b *bus) kind() string {
	if b.system {
		return "system bus"
	}
	return "session bus"
}

// do runs work with the connection, opening it first if need be, in the
// bus's turn. Work must honour ctx itself.
func busDo[T any](ctx context.Context, b *bus, work func(ctx context.Context, conn *dbus.Conn) (T, error)) (T, error) {
	return do(ctx, b.turn, b.source+": waiting for the "+b.kind(), func() (T, error) {
		if b.conn != nil && !b.conn.Connected() {
			_ = b.conn.Close()
			b.conn = nil
		}
		if b.conn == nil {
			conn, err := b.connect()
			if err != nil {
				var zero T
				return zero, err
			}
			b.conn = conn
		}
		return work(ctx, b.conn)
	})
}

// connect opens a private connection; dbus.Connect has no timeout of its
// own, which is why it runs inside do.
func (b *bus) connect() (*dbus.Conn, error) {
	addr, err := b.address()
	if err != nil {
		return nil, err
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) {
			return nil, fmt.Errorf("%s: no %s at %s: %w (%w)", b.source, b.kind(), addr, ErrUnsupported, err)
		}
		return nil, fmt.Errorf("%s: connecting to the %s: %w", b.source, b.kind(), err)
	}
	return conn, nil
}

// address returns the bus's address: the one in the environment, else the
// usual socket. It never falls back to dbus-launch's X11 autolaunch.
func (b *bus) address() (string, error) {
	if b.system {
		if a := b.env.get("DBUS_SYSTEM_BUS_ADDRESS"); a != "" {
			return a, nil
		}
		return "unix:path=/var/run/dbus/system_bus_socket", nil
	}
	if a := b.env.get("DBUS_SESSION_BUS_ADDRESS"); a != "" {
		return a, nil
	}
	if dir := b.env.get("XDG_RUNTIME_DIR"); filepath.IsAbs(dir) {
		p := filepath.Join(dir, "bus")
		if fi, err := os.Stat(p); err == nil && fi.Mode().Type() == fs.ModeSocket {
			return "unix:path=" + dbus.EscapeBusAddressValue(p), nil
		}
	}
	return "", fmt.Errorf("%s: no session bus (DBUS_SESSION_BUS_ADDRESS is not set): %w", b.source, ErrUnsupported)
}

// call calls method on the object at path of the service dest, without
// starting the service, and stores the reply in ret.
func (b *bus) call(ctx context.Context, dest string, path dbus.ObjectPath, method string, ret []any, args ...any) error {
	_, err := busDo(ctx, b, func(ctx context.Context, conn *dbus.Conn) (struct{}, error) {
		err := conn.Object(dest, path).CallWithContext(ctx, method, dbus.FlagNoAutoStart, args...).Store(ret...)
		return struct{}{}, b.explain(dest, method, err)
	})
	return err
}

// explain wraps err, from calling method of dest, with the source's name,
// and with [ErrUnsupported] when the answer means that the service or the
// method is not there.
func (b *bus) explain(dest, method string, err error) error {
	var derr dbus.Error
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &derr):
		return fmt.Errorf("%s: calling %s: %w", b.source, method, err)
	}
	switch derr.Name {
	case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner":
		return fmt.Errorf("%s: %s is not on the %s: %w", b.source, dest, b.kind(), ErrUnsupported)
	case "org.freedesktop.DBus.Error.UnknownMethod", "org.freedesktop.DBus.Error.UnknownObject",
		"org.freedesktop.DBus.Error.UnknownInterface", "org.freedesktop.DBus.Error.NotSupported":
		return fmt.Errorf("%s: %s does not answer %s (%s): %w", b.source, dest, method, derr.Error(), ErrUnsupported)
	}
	return fmt.Errorf("%s: calling %s: %s: %w", b.source, method, derr.Name, err)
}

// Close drops the connection, waiting up to [DetectTimeout] for a call in
// progress.
func (b *bus) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), DetectTimeout)
	defer cancel()
	_, err := do(ctx, b.turn, b.source+": closing the "+b.kind(), func() (struct{}, error) {
		var err error
		if b.conn != nil {
			err = b.conn.Close()
			b.conn = nil
		}
		return struct{}{}, err
	})
	return err
}

// mutter is the "mutter" [Source]: see the package documentation.
type mutter struct{ *bus }

// Name implements [Source].
func (mutter) Name() string { return "mutter" }

// Idle implements [Source].
func (m mutter) Idle(ctx context.Context) (time.Duration, error) {
	var ms uint64
	err := m.call(ctx, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
		"org.gnome.Mutter.IdleMonitor.GetIdletime", []any{&ms})
	if err != nil {
		return 0, err
	}
	return millis(ms), nil
}

// kde is the "kde" [Source]: see the package documentation.
type kde struct{ *bus }

// Name implements [Source].
func (kde) Name() string { return "kde" }

// Idle implements [Source].
func (k kde) Idle(ctx context.Context) (time.Duration, error) {
	var ms uint32
	err := k.call(ctx, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
		"org.freedesktop.ScreenSaver.GetSessionIdleTime", []any{&ms})
	if err != nil {
		return 0, err
	}
	return millis(uint64(ms)), nil
}

// millis converts a count of milliseconds to a Duration, saturating rather
// than overflowing.
func millis(ms uint64) time.Duration {
	const maxMs = uint64(1<<63-1) / uint64(time.Millisecond)
	if ms > maxMs {
		return time.Duration(1<<63 - 1)
	}
	return time.Duration(ms) * time.Millisecond
}
