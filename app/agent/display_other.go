//go:build darwin

package agent

// DisplayName names the desktop: macOS always has one for a logged-in
// user's process.
func DisplayName() string { return "desktop" }
