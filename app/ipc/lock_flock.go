//go:build unix && !aix && !solaris

package ipc

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// errLocked is returned by lock when another holder has the lock.
var errLocked = errors.New("locked")

// lock takes an exclusive flock on the file at path, creating it with mode
// 0600. It fails with errLocked at once if the lock is held, by another
// process or by another open file of this one. The kernel drops the lock
// when its holder dies. unlock releases it; the file stays, as removing a
// lock file lets two processes lock two different files.
func lock(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		if err == unix.EWOULDBLOCK {
			return nil, errLocked
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return f.Close, nil
}
