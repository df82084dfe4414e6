//go:build windows || (unix && !aix && !solaris)

package filelock

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrBusy is the error of [LockWithin] when another process held the lock
// all the time.
var ErrBusy = errors.New("the lock is held by another process")

// LockWithin takes the exclusive lock on the file at path, as [Lock]
// does, but waits for it at most d: a process that holds it for longer
// (hung, or holding it on purpose) makes it fail with [ErrBusy] instead of
// blocking its caller.
func LockWithin(path string, d time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the lock file: %w", err)
	}
	deadline := time.Now().Add(d)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		ok, err := try(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if ok {
			return func() { f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrBusy
		}
		time.Sleep(wait)
	}
}
