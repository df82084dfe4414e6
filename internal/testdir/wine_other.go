//go:build !windows

package testdir

// UnderWine reports false: Wine runs Windows programs only.
func UnderWine() bool { return false }
