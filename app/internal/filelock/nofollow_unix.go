//go:build unix

package filelock

import "golang.org/x/sys/unix"

// noFollow keeps a symlink planted in place of the lock file from being
// followed.
const noFollow = unix.O_NOFOLLOW
