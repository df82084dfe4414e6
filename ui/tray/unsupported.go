//go:build !(((linux || freebsd || openbsd || netbsd) && !android) || windows || (darwin && !ios && cgo))

package tray

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// errUnsupported says that systray has no backend for this build: another
// GOOS, or macOS built without cgo, which systray needs for Cocoa.
var errUnsupported = unsupported(runtime.GOOS)

// unsupported returns the error for a build for goos without a tray.
func unsupported(goos string) error {
	if goos == "darwin" {
		return fmt.Errorf("tray: the macOS menu bar needs cgo, and this program was built without it: %w", errors.ErrUnsupported)
	}
	return fmt.Errorf("tray: no system tray on %s: %w", goos, errors.ErrUnsupported)
}

// Available reports whether a tray icon can be shown. In this build it
// cannot: the error wraps [errors.ErrUnsupported] and names runtime.GOOS.
func Available() error {
	return errUnsupported
}

// Run returns the error of [Available] at once: this build has no tray.
func Run(ctx context.Context, m Menu, ready func(*Tray)) error {
	return errUnsupported
}

// WatchHost returns the error of [Available] at once: this build has no
// tray, and so no host to watch for.
func WatchHost(ctx context.Context, report func(error)) error {
	return errUnsupported
}
