//go:build aix || solaris

package ipc

import (
	"errors"
	"fmt"
	"runtime"
)

// errLocked is returned by lock when another holder has the lock.
var errLocked = errors.New("locked")

// lock fails: these systems have no flock, and POSIX record locks belong to
// the process and vanish when any of its descriptors of the file is closed,
// which is too weak to keep two agents apart.
func lock(path string) (unlock func() error, err error) {
	return nil, fmt.Errorf("locking %s: single-instance lock not supported on %s", path, runtime.GOOS)
}

// lockHeld reports false: there is no lock to hold.
func lockHeld(path string) bool { return false }
