// Package notify sends desktop notifications from the resident agent,
// which has no GUI toolkit: on Linux through the freedesktop.org
// notification service (org.freedesktop.Notifications) on the session bus.
// Elsewhere [Send] returns [ErrUnsupported]; the agent then only logs.
package notify

import (
	"errors"
	"runtime"
)

// ErrUnsupported is returned where this package cannot notify.
var ErrUnsupported = errors.New("desktop notifications from the agent are not supported on " + runtime.GOOS)

// AppName is the application name notifications carry.
const AppName = "Grendel"
