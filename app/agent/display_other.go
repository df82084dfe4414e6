//go:build windows || darwin

package agent

// DisplayName names the desktop: Windows and macOS always have one for a
// logged-in user's process.
func DisplayName() string { return "desktop" }
