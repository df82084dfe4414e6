package sleep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/godbus/dbus/v5"
)

const (
	login1        = "org.freedesktop.login1"
	login1Path    = dbus.ObjectPath("/org/freedesktop/login1")
	login1Manager = login1 + ".Manager"
)

// watch runs the protocol against logind on the system bus.
func (w *Watcher) watch(ctx context.Context, beforeSleep func(context.Context)) error {
	addr := w.getenv("DBUS_SYSTEM_BUS_ADDRESS")
	if addr == "" {
		addr = "unix:path=/var/run/dbus/system_bus_socket"
	}
	// The connection lives as long as ctx: WithContext closes it then.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) {
			return fmt.Errorf("no system bus at %s: %w (%w)", addr, ErrUnsupported, err)
		}
		return fmt.Errorf("connecting to the system bus: %w", err)
	}
	defer conn.Close()
	if !conn.SupportsUnixFDs() {
		return fmt.Errorf("the system bus at %s cannot pass file descriptors: %w", addr, ErrUnsupported)
	}

	// Subscribe before taking the first inhibitor, so that no sleep falls
	// between the two.
	err = conn.AddMatchSignalContext(ctx,
		dbus.WithMatchSender(login1),
		dbus.WithMatchObjectPath(login1Path),
		dbus.WithMatchInterface(login1Manager),
		dbus.WithMatchMember("PrepareForSleep"))
	if err != nil {
		return fmt.Errorf("subscribing to PrepareForSleep: %w", err)
	}
	signals := make(chan *dbus.Signal, 16)
	conn.Signal(signals)
	l := &logind{obj: conn.Object(login1, login1Path), events: make(chan bool)}
	go l.translate(ctx, signals)
	return w.run(ctx, l, beforeSleep)
}

// logind is the [manager] on the system bus.
type logind struct {
	obj    dbus.BusObject
	events chan bool
}

// Inhibit implements [manager].
func (l *logind) Inhibit(ctx context.Context) (io.Closer, error) {
	var fd dbus.UnixFD
	err := l.obj.CallWithContext(ctx, login1Manager+".Inhibit", dbus.FlagNoAutoStart,
		"sleep", "Grendel", "Lock the screen before sleep", "delay").Store(&fd)
	if err != nil {
		var derr dbus.Error
		if errors.As(err, &derr) && (derr.Name == "org.freedesktop.DBus.Error.ServiceUnknown" || derr.Name == "org.freedesktop.DBus.Error.NameHasNoOwner") {
			return nil, fmt.Errorf("%s is not on the system bus: %w", login1, ErrUnsupported)
		}
		return nil, fmt.Errorf("taking a sleep inhibitor from logind: %w", err)
	}
	if fd < 0 {
		return nil, fmt.Errorf("taking a sleep inhibitor from logind: got descriptor %d", fd)
	}
	// The descriptor comes close-on-exec (Go's net package receives with
	// MSG_CMSG_CLOEXEC on Linux): the programs the agent starts (a locker,
	// the UI process) do not inherit it, so they cannot hold a sleep back.
	return os.NewFile(uintptr(fd), "logind sleep inhibitor"), nil
}

// PrepareForSleep implements [manager].
func (l *logind) PrepareForSleep() <-chan bool { return l.events }

// translate passes on the argument of each PrepareForSleep signal, and
// closes the events when the connection ends.
func (l *logind) translate(ctx context.Context, signals <-chan *dbus.Signal) {
	defer close(l.events)
	for s := range signals {
		if s.Path != login1Path || s.Name != login1Manager+".PrepareForSleep" || len(s.Body) != 1 {
			continue
		}
		going, ok := s.Body[0].(bool)
		if !ok {
			continue
		}
		select {
		case l.events <- going:
		case <-ctx.Done():
			return
		}
	}
}

// getenv reads the environment through w.Getenv.
func (w *Watcher) getenv(key string) string {
	if w.Getenv == nil {
		return os.Getenv(key)
	}
	return w.Getenv(key)
}
