//go:build !linux && !windows

package oslock

import "runtime"

// Read returns an unknown setting. On macOS the lock is the screensaver's
// or the display sleep's with "Require password … after" (per user,
// com.apple.screensaver and pmset), which Grendel does not read yet.
func Read() Setting { return Setting{Desktop: runtime.GOOS} }
