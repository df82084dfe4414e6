//go:build !windows && !(unix && !aix && !solaris)

package filelock

import "time"

// Lock takes no lock: these systems have no flock, and POSIX record
// locks vanish when any descriptor of the file closes. A caller's mutex
// still orders the operations of one process; two processes that share
// files here may lose each other's changes.
func Lock(string) (unlock func(), err error) { return func() {}, nil }

// LockWithin takes no lock either (see [Lock]).
func LockWithin(string, time.Duration) (unlock func(), err error) { return func() {}, nil }
