package ipc

import (
	"fmt"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// peerUID returns the effective uid of the process at the other end of conn,
// read with LOCAL_PEERCRED when the connection was made. ok is false if conn
// is not a Unix socket.
func peerUID(conn net.Conn) (uid int, ok bool, err error) {
	sc, isSC := conn.(syscall.Conn)
	if !isSC {
		return 0, false, nil
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", err)
	}
	var cred *unix.Xucred
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		cred, credErr = unix.GetsockoptXucred(int(fd), unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
	}); err != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", err)
	}
	if credErr != nil {
		return 0, false, fmt.Errorf("reading peer credentials: %w", credErr)
	}
	return int(cred.Uid), true, nil
}
