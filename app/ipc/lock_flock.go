//go:build unix && !aix && !solaris

package ipc

import (
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// errLocked is returned by lock when another holder has the lock.
var errLocked = errors.New("locked")

// lock takes an exclusive flock on the file at path, creating it with mode
// 0600. It fails with errLocked if the lock is held, by another process or
// by another open file of this one, and stays held for lockTries*lockRetry. The kernel drops the lock
// when its holder dies. unlock releases it; the file stays, as removing a
// lock file lets two processes lock two different files.
func lock(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	// lockHeld takes a shared lock for a moment: try again for a while
	// rather than mistake a client's look for another agent.
	for range lockTries {
		if err = flock(f, unix.LOCK_EX|unix.LOCK_NB); err != unix.EWOULDBLOCK {
			break
		}
		time.Sleep(lockRetry)
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

// lockTries and lockRetry bound how long lock retries a lock that is held.
const (
	lockTries = 20
	lockRetry = 5 * time.Millisecond
)

// lockHeld reports whether someone holds the lock on the file at path. It
// takes and drops a shared lock to find out, so it never blocks.
func lockHeld(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	return flock(f, unix.LOCK_SH|unix.LOCK_NB) == unix.EWOULDBLOCK
}

// flock is [unix.Flock] on f, retried when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}
