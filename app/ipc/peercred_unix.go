//go:build linux || darwin

package ipc

import (
	"fmt"
	"net"
	"syscall"
)

// peerUID returns the effective uid of the process at the other end of conn,
// read by the OS when the connection was made (see sockPeerUID). ok is false
// if conn is not a Unix socket.
func peerUID(conn net.Conn) (uid int, ok bool, err error) {
	sc, isSC := conn.(syscall.Conn)
	if !isSC {
		return 0, false, nil
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", err)
	}
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		uid, credErr = sockPeerUID(int(fd))
	}); err != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", err)
	}
	if credErr != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", credErr)
	}
	return uid, true, nil
}
