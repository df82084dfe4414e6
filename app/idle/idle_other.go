//go:build !linux && !windows && !darwin

package idle

// Platform returns the one source of an OS Grendel cannot read the idle
// time of: "none", whose error names the OS.
func Platform(Env) []Source {
	return []Source{unsupported{}}
}
