//go:build !linux

package resident

// trimAfterStart does nothing here: the trim is Linux's (trim_linux.go).
func trimAfterStart() {}
