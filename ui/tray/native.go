//go:build windows || (darwin && !ios && cgo)

package tray

import "context"

// setBeforeRun tells [Run] not to touch systray before it started: on
// Windows the icon needs the tray's window, on macOS the running Cocoa app.
const setBeforeRun = false

// Available reports whether a tray icon can be shown: on Windows, whether
// the taskbar's notification area is there (see [ErrNoNotificationArea]);
// macOS always has its menu bar.
func Available() error {
	return notificationArea()
}

// prepare checks, before [Run], what [Available] checks.
func prepare() error {
	return notificationArea()
}

// WatchHost reports nil once: the notification area of Windows and the
// menu bar of macOS are always there. It returns when ctx is done.
func WatchHost(ctx context.Context, report func(error)) error {
	report(nil)
	<-ctx.Done()
	return nil
}
