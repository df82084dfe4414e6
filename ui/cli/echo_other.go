//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package cli

import "errors"

// hideInput cannot hide a terminal's input on this system.
func hideInput(int) (func(), bool, error) {
	return nil, false, errors.ErrUnsupported
}
