//go:build unix

package audit

import "golang.org/x/sys/unix"

// noFollow keeps a symlink planted in the state directory from being
// followed.
const noFollow = unix.O_NOFOLLOW
