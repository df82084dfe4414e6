//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package cli

import "golang.org/x/sys/unix"

// The ioctls that read and set a terminal's attributes on macOS and the
// BSDs.
const (
	getTermios = unix.TIOCGETA
	setTermios = unix.TIOCSETA
)
