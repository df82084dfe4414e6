package autostart

import (
	"os"
	"path/filepath"
)

// launchAgent is the property list's name: the app id (scripts/package).
const launchAgent = "nl.grendel.app.plist"

// Read tells whether a LaunchAgent for Grendel is installed, for the user
// (~/Library/LaunchAgents) or for everyone (/Library/LaunchAgents). Whether
// launchd has it disabled (launchctl disable) is not read.
func Read() Status {
	home, _ := os.UserHomeDir()
	var methods []Method
	for _, dir := range []string{filepath.Join(home, "Library", "LaunchAgents"), "/Library/LaunchAgents"} {
		p := filepath.Join(dir, launchAgent)
		if _, err := os.Stat(p); err == nil {
			methods = append(methods, Method{Kind: KindLaunchAgent, State: On, Path: p})
		}
	}
	return status(methods)
}

// Switch returns [ErrUnsupported].
func Switch(bool) error { return ErrUnsupported }
