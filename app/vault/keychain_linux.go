package vault

import (
	"errors"
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
	case name == "org.freedesktop.Secret.Error.IsLocked",
		strings.HasPrefix(err.Error(), "failed to unlock correct collection"):
		return ErrKeychainLocked
	}
	return nil
}
