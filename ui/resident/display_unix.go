//go:build !windows && !darwin

package resident

import "os"

// displayName names the graphical session's display, or "" when there is
// none (a console, an SSH session, a CI job).
func displayName() string {
	if d := os.Getenv("WAYLAND_DISPLAY"); d != "" {
		return "wayland:" + d
	}
	return os.Getenv("DISPLAY")
}
