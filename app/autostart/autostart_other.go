//go:build !linux && !windows && !darwin

package autostart

// Read reports nothing: Grendel knows no autostart on this system.
func Read() Status { return Status{} }

// Switch returns [ErrUnsupported].
func Switch(bool) error { return ErrUnsupported }
