package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/godbus/dbus/v5"
)

// classifyPlatform returns the sentinel for a Secret Service error, or nil
// to leave it to the caller. A locked collection shows as the Secret
// Service's IsLocked error, or as go-keyring's "failed to unlock" when the
// user dismissed the unlock prompt.
func classifyPlatform(err error) error {
	var name string
	var de dbus.Error
	var dep *dbus.Error
	switch {
	case errors.As(err, &de):
		name = de.Name
	case errors.As(err, &dep) && dep != nil:
		name = dep.Name
	}
	switch {
	case name == secretIsLocked,
		strings.HasPrefix(err.Error(), "failed to unlock correct collection"):
		return ErrKeychainLocked
	}
	return nil
}

// platformReady fails at once when there is no D-Bus session bus to reach
// a Secret Service on: no DBUS_SESSION_BUS_ADDRESS and no systemd user bus
// in XDG_RUNTIME_DIR. Without this check the D-Bus library would try to
// autolaunch a bus of its own (dbus-launch, with DISPLAY set), which
// leaves a stray daemon behind and can hang until the call's timeout.
func platformReady() error {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return nil
	}
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "bus")); err == nil {
			return nil
		}
	}
	return errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no user bus in XDG_RUNTIME_DIR)")
}
