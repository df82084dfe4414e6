package autostart

import (
	"errors"
	"runtime"
)

// ErrUnsupported is returned by [Switch] where Grendel cannot switch its
// autostart for a user (yet): every system but Linux.
var ErrUnsupported = errors.New("switching autostart is not supported on " + runtime.GOOS)
