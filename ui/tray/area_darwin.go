//go:build !ios && cgo

package tray

// notificationArea returns nil: macOS always has its menu bar.
func notificationArea() error { return nil }
