//go:build windows || darwin

package resident

// displayName names the desktop: Windows and macOS always have one for a
// logged-in user's process.
func displayName() string { return "desktop" }
