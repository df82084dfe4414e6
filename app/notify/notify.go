// Package notify sends desktop notifications from the resident agent,
// which has no GUI toolkit: on Linux through the freedesktop.org
// notification service (org.freedesktop.Notifications) on the session bus;
// on Windows as a toast through Windows PowerShell; on macOS through
// osascript's "display notification". Elsewhere [Send] returns
// [ErrUnsupported]; the agent then only logs.
package notify

import (
	"errors"
	"runtime"
	"time"
)

// timeout bounds one notification: a missing or hung notification service
// must never hold the agent.
const timeout = 5 * time.Second

// ErrUnsupported is returned where this package cannot notify.
var ErrUnsupported = errors.New("desktop notifications from the agent are not supported on " + runtime.GOOS)

// AppName is the application name notifications carry.
const AppName = "Grendel"
