package autostart

import (
	"errors"
	"runtime"
)

// ErrUnsupported is returned by [Switch] where Grendel cannot switch its
// autostart for a user: on macOS (not yet), on Windows when no Run value
// starts Grendel (a scheduled task is the administrator's), and on other
// systems.
var ErrUnsupported = errors.New("switching autostart is not supported on " + runtime.GOOS)
