//go:build (linux || freebsd || openbsd || netbsd) && !android

package tray

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/godbus/dbus/v5"
)

// setBeforeRun tells [Run] to set icon, title and tooltip before systray
// starts, which the D-Bus backend needs (see run).
const setBeforeRun = true

// busEnv is the variable that names the session bus.
const busEnv = "DBUS_SESSION_BUS_ADDRESS"

// busTimeout bounds the test connection to the session bus.
const busTimeout = 2 * time.Second

// Available reports whether a tray icon can be shown: nil, or an error that
// wraps [ErrNoSessionBus] and says why not. It finds the session bus the
// way systray's D-Bus library does (DBUS_SESSION_BUS_ADDRESS, else the
// socket $XDG_RUNTIME_DIR/bus), but never launches one, and really connects
// to it, with a short timeout, then closes that connection.
//
// A bus without a tray host (StatusNotifierWatcher) still counts as
// available: the host may start later, and systray registers with it then.
func Available() error {
	_, err := findSessionBus(os.Getenv, busTimeout)
	return err
}

// prepare checks the session bus for [Run] and points
// DBUS_SESSION_BUS_ADDRESS at it, so that systray does not launch a new bus
// (godbus runs dbus-launch when it finds no address).
func prepare() error {
	addr, err := findSessionBus(os.Getenv, busTimeout)
	if err != nil {
		return err
	}
	if a := os.Getenv(busEnv); a == "" || a == "autolaunch:" {
		if err := os.Setenv(busEnv, addr); err != nil {
			return fmt.Errorf("tray: set %s: %w", busEnv, err)
		}
	}
	return nil
}

// findSessionBus returns the address of a session bus that answered within
// timeout.
func findSessionBus(getenv func(string) string, timeout time.Duration) (string, error) {
	addr, from, err := sessionBusAddress(getenv)
	if err != nil {
		return "", err
	}
	if err := dialBus(addr, timeout); err != nil {
		return "", fmt.Errorf("tray: %w: cannot connect to %q (from %s): %w", ErrNoSessionBus, addr, from, err)
	}
	return addr, nil
}

// sessionBusAddress returns the session bus address and where it came from,
// without connecting.
func sessionBusAddress(getenv func(string) string) (addr, from string, err error) {
	if a := getenv(busEnv); a != "" && a != "autolaunch:" {
		return a, busEnv, nil
	}
	dir := getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = "/run/user/" + strconv.Itoa(os.Getuid())
	}
	sock := filepath.Join(dir, "bus")
	if fi, err := os.Stat(sock); err != nil || fi.Mode().Type() != fs.ModeSocket {
		return "", "", fmt.Errorf("tray: %w: %s is not set and there is no bus socket at %s", ErrNoSessionBus, busEnv, sock)
	}
	return "unix:path=" + dbus.EscapeBusAddressValue(sock), sock, nil
}

// errNoAnswer reports a bus that did not finish the handshake in time.
type errNoAnswer time.Duration

func (e errNoAnswer) Error() string {
	return "no answer within " + time.Duration(e).String()
}

// dialBus connects to the bus at addr, says hello and disconnects.
func dialBus(addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		// The context also closes the connection when it expires, which
		// ends a handshake that hangs.
		conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
		if err == nil {
			err = conn.Close()
		}
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return errNoAnswer(timeout)
	}
}
