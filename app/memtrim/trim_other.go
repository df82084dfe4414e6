//go:build !linux

package memtrim

// AfterStart does nothing here: the trim is Linux's (trim_linux.go).
func AfterStart() {}
