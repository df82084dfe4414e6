//go:build !windows && !darwin

package agent

import "os"

// DisplayName names the graphical session's display, or "" when there is
// none (a console, an SSH session, a CI job): the agent has nothing to
// watch or lock then, and a UI process nothing to show a window on.
func DisplayName() string {
	if d := os.Getenv("WAYLAND_DISPLAY"); d != "" {
		return "wayland:" + d
	}
	return os.Getenv("DISPLAY")
}
