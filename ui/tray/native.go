//go:build windows || (darwin && !ios && cgo)

package tray

import "context"

// setBeforeRun tells [Run] not to touch systray before it started: on
// Windows the icon needs the tray's window, on macOS the running Cocoa app.
const setBeforeRun = false

// Available reports whether a tray icon can be shown. Windows and macOS
// always have a notification area or menu bar, so it returns nil.
func Available() error {
	return nil
}

// prepare has nothing to check before [Run] on Windows and macOS.
func prepare() error {
	return nil
}

// WatchHost reports nil once: the notification area of Windows and the
// menu bar of macOS are always there. It returns when ctx is done.
func WatchHost(ctx context.Context, report func(error)) error {
	report(nil)
	<-ctx.Done()
	return nil
}
