package idle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/godbus/dbus/v5"
	"golang.org/x/sys/unix"
)

const (
	login1        = "org.freedesktop.login1"
	login1Path    = dbus.ObjectPath("/org/freedesktop/login1")
	login1Manager = login1 + ".Manager"
	login1Session = login1 + ".Session"
)

// logind is the "logind" [Source]: see the package documentation.
type logind struct {
	*bus
	// session is the session's object path once found; it belongs to the
	// goroutine holding the bus's turn.
	session dbus.ObjectPath
}

// newLogind returns the source for the system bus of env.
func newLogind(env Env) *logind {
	return &logind{bus: newBus("logind", env, true)}
}

// Name implements [Source].
func (*logind) Name() string { return "logind" }

// Idle implements [Source].
func (l *logind) Idle(ctx context.Context) (time.Duration, error) {
	return busDo(ctx, l.bus, func(ctx context.Context, conn *dbus.Conn) (time.Duration, error) {
		if l.session == "" {
			s, err := l.findSession(ctx, conn)
			if err != nil {
				return 0, err
			}
			l.session = s
		}
		var props map[string]dbus.Variant
		err := conn.Object(login1, l.session).CallWithContext(ctx, "org.freedesktop.DBus.Properties.GetAll",
			dbus.FlagNoAutoStart, login1Session).Store(&props)
		if err != nil {
			return 0, l.explain(login1, "GetAll of "+string(l.session), err)
		}
		hint, ok := props["IdleHint"].Value().(bool)
		if !ok {
			return 0, fmt.Errorf("logind: IdleHint of %s is %s, want a boolean", l.session, props["IdleHint"].Signature())
		}
		since, ok := props["IdleSinceHintMonotonic"].Value().(uint64)
		if !ok {
			return 0, fmt.Errorf("logind: IdleSinceHintMonotonic of %s is %s, want a uint64", l.session, props["IdleSinceHintMonotonic"].Signature())
		}
		var now unix.Timespec
		if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &now); err != nil {
			return 0, fmt.Errorf("logind: reading the monotonic clock: %w", err)
		}
		return logindIdle(hint, since, uint64(now.Nano())/1000)
	})
}

// findSession returns the object path of our session: $XDG_SESSION_ID,
// else the session of this process, else the user's display session (the
// agent may run as a systemd user service, outside any session).
func (l *logind) findSession(ctx context.Context, conn *dbus.Conn) (dbus.ObjectPath, error) {
	manager := conn.Object(login1, login1Path)
	var path dbus.ObjectPath
	if id := l.env.get("XDG_SESSION_ID"); id != "" {
		err := manager.CallWithContext(ctx, login1Manager+".GetSession", dbus.FlagNoAutoStart, id).Store(&path)
		if err != nil {
			return "", l.explain(login1, "GetSession", err)
		}
		return path, nil
	}
	err := manager.CallWithContext(ctx, login1Manager+".GetSessionByPID", dbus.FlagNoAutoStart, uint32(os.Getpid())).Store(&path)
	if err == nil {
		return path, nil
	}
	var derr dbus.Error
	if !errors.As(err, &derr) || derr.Name != login1+".NoSessionForPID" {
		return "", l.explain(login1, "GetSessionByPID", err)
	}
	var user dbus.ObjectPath
	err = manager.CallWithContext(ctx, login1Manager+".GetUser", dbus.FlagNoAutoStart, uint32(os.Getuid())).Store(&user)
	if err != nil {
		return "", l.explain(login1, "GetUser", err)
	}
	var display dbus.Variant
	err = conn.Object(login1, user).CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get",
		dbus.FlagNoAutoStart, login1+".User", "Display").Store(&display)
	if err != nil {
		return "", l.explain(login1, "Get Display of "+string(user), err)
	}
	// Display is a (so) struct: the session's id and object path.
	var pair struct {
		ID   string
		Path dbus.ObjectPath
	}
	if err := dbus.Store([]any{display.Value()}, &pair); err != nil {
		return "", fmt.Errorf("logind: Display of %s is %s, want (so)", user, display.Signature())
	}
	if pair.Path == "" || pair.Path == "/" {
		return "", fmt.Errorf("logind: XDG_SESSION_ID is not set, process %d is in no session, and user %d has no display session: %w",
			os.Getpid(), os.Getuid(), ErrUnsupported)
	}
	return pair.Path, nil
}

// logindIdle turns a session's idle hint into an idle time: zero while the
// hint is off, else the time since the hint went on. Times are
// microseconds of CLOCK_MONOTONIC, which, unlike IdleSinceHint's wall
// clock, does not jump when the clock is set.
func logindIdle(hint bool, sinceUsec, nowUsec uint64) (time.Duration, error) {
	switch {
	case !hint:
		return 0, nil
	case sinceUsec == 0:
		return 0, errors.New("logind: IdleHint is on but IdleSinceHintMonotonic is 0")
	case sinceUsec >= nowUsec:
		return 0, nil
	}
	d := nowUsec - sinceUsec
	const maxUsec = uint64(1<<63-1) / uint64(time.Microsecond)
	if d > maxUsec {
		return time.Duration(1<<63 - 1), nil
	}
	return time.Duration(d) * time.Microsecond, nil
}
