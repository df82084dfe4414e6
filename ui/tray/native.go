//go:build windows || (darwin && !ios && cgo)

package tray

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
