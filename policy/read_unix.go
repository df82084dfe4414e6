//go:build !windows

package policy

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting: a FIFO opens at once
// (and is then refused as no regular file) instead of blocking until some
// process opens it for writing. O_NONBLOCK changes nothing for the read of a
// regular file.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
}
