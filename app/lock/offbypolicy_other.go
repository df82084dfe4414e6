//go:build !windows

package lock

// OffByPolicy reports false: only Windows has a policy ("Remove Lock
// Computer") that turns the system's lock off.
func OffByPolicy() bool { return false }
