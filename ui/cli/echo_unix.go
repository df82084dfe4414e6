//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cli

import "golang.org/x/sys/unix"

// hideInput turns off the echo of the terminal on fd, keeping its line
// editing and the echo of the newline, and returns the function that
// restores it. echoesNewline is true: the terminal shows Enter by itself.
func hideInput(fd int) (restore func(), echoesNewline bool, err error) {
	old, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		return nil, false, err
	}
	hidden := *old
	hidden.Lflag &^= unix.ECHO
	hidden.Lflag |= unix.ICANON | unix.ECHONL
	if err := unix.IoctlSetTermios(fd, setTermios, &hidden); err != nil {
		return nil, false, err
	}
	return func() { _ = unix.IoctlSetTermios(fd, setTermios, old) }, true, nil
}
