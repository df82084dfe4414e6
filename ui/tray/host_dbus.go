//go:build (linux || freebsd || openbsd || netbsd) && !android

package tray

import (
	"context"
	"fmt"
	"os"

	"github.com/godbus/dbus/v5"
)

// watcherName is the bus name of the tray host that systray registers with.
const watcherName = "org.kde.StatusNotifierWatcher"

// WatchHost tells report whether a tray host can show the icon: nil when
// one is there, an error wrapping [ErrNoHost] when none is. It reports at
// once and again each time a host comes or goes (systray registers with a
// host that comes later by itself), until ctx is done; then it returns nil.
// It fails at once, reporting nothing, when it cannot watch the session
// bus, and returns an error when the bus goes away (the icon is gone with
// it). It uses a connection of its own.
func WatchHost(ctx context.Context, report func(error)) error {
	addr, err := findSessionBus(os.Getenv, busTimeout)
	if err != nil {
		return err
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		return fmt.Errorf("tray: watch for a tray host: %w", err)
	}
	defer conn.Close()
	if err := conn.AddMatchSignal(
		dbus.WithMatchObjectPath("/org/freedesktop/DBus"),
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchSender("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, watcherName),
	); err != nil {
		return fmt.Errorf("tray: watch for a tray host: %w", err)
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)

	// Subscribed first, asked second: a host that comes in between is
	// seen by the signal.
	var owned bool
	if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, watcherName).Store(&owned); err != nil {
		return fmt.Errorf("tray: watch for a tray host: %w", err)
	}
	tell := func(present bool) {
		if present {
			report(nil)
		} else {
			report(fmt.Errorf("tray: %w: nothing owns %s on the session bus", ErrNoHost, watcherName))
		}
	}
	tell(owned)
	for {
		select {
		case <-ctx.Done():
			return nil
		case sig, ok := <-signals:
			if !ok {
				return fmt.Errorf("tray: the session bus closed")
			}
			// Only the bus itself speaks for who owns a name.
			if sig.Sender != "org.freedesktop.DBus" || sig.Name != "org.freedesktop.DBus.NameOwnerChanged" || len(sig.Body) != 3 {
				continue
			}
			if name, _ := sig.Body[0].(string); name != watcherName {
				continue
			}
			newOwner, _ := sig.Body[2].(string)
			if present := newOwner != ""; present != owned {
				owned = present
				tell(owned)
			}
		}
	}
}
