//go:build unix

package ipc

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// listen prepares addr's directory, takes the single-instance lock, clears a
// stale socket and listens on addr. The returned release func removes the
// socket (if it is still the one listen made) and drops the lock; call it
// after closing the listener. When listen holds the lock but cannot open the
// channel, it returns no listener, the release func and an error wrapping
// [ErrNoChannel], so the caller can keep the lock.
func listen(addr string) (net.Listener, func() error, error) {
	if !filepath.IsAbs(addr) {
		return nil, nil, checkAddr(addr)
	}
	if err := prepareDir(filepath.Dir(addr)); err != nil {
		return nil, nil, err
	}
	unlock, err := lock(lockPath(addr))
	if errors.Is(err, errLocked) {
		return nil, nil, fmt.Errorf("%w at %s", ErrAgentRunning, addr)
	}
	if err != nil {
		return nil, nil, err
	}
	ln, remove, err := listenLocked(addr)
	switch {
	case errors.Is(err, ErrAgentRunning):
		unlock()
		return nil, nil, err
	case err != nil:
		return nil, unlock, fmt.Errorf("%w: %w", ErrNoChannel, err)
	}
	return ln, func() error { return errors.Join(remove(), unlock()) }, nil
}

// listenLocked clears a stale socket at addr and listens there; the lock
// must be held. remove removes the socket if it is still the one made here.
func listenLocked(addr string) (ln net.Listener, remove func() error, err error) {
	if err := checkAddr(addr); err != nil {
		return nil, nil, err
	}
	if err := clearStale(addr); err != nil {
		return nil, nil, err
	}
	ln, err = net.Listen("unix", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	// Close would unlink the path even if it is no longer our socket.
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	// The directory already keeps others out; 0600 also does when it is not
	// enough (say, a later chmod of the directory).
	if err := os.Chmod(addr, 0o600); err != nil {
		ln.Close()
		os.Remove(addr)
		return nil, nil, fmt.Errorf("restricting socket: %w", err)
	}
	mine, err := os.Lstat(addr)
	if err != nil {
		ln.Close()
		os.Remove(addr)
		return nil, nil, fmt.Errorf("checking socket: %w", err)
	}
	remove = func() error {
		if fi, err := os.Lstat(addr); err == nil && os.SameFile(fi, mine) {
			if err := os.Remove(addr); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("removing socket: %w", err)
			}
		}
		return nil
	}
	return ln, remove, nil
}

// lockPath returns the lock file that goes with the socket at addr:
// agent.lock for agent.sock.
func lockPath(addr string) string {
	return strings.TrimSuffix(addr, ".sock") + ".lock"
}

// clearStale removes the socket file at addr if no agent answers on it. It
// must be called with the lock held, so no agent can be starting there.
func clearStale(addr string) error {
	fi, err := os.Lstat(addr)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking socket: %w", err)
	}
	if fi.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("%s exists and is not a socket (%s); remove it", addr, fi.Mode().Type())
	}
	if alive, _ := probe(addr); alive {
		// An agent without the lock: one of another build, or one whose lock
		// file was deleted.
		return fmt.Errorf("%w at %s", ErrAgentRunning, addr)
	}
	if err := os.Remove(addr); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing stale socket: %w", err)
	}
	return nil
}

// dial connects to the agent at addr and checks that the agent runs as the
// current user.
func dial(ctx context.Context, addr string) (net.Conn, error) {
	if err := checkAddr(addr); err != nil {
		return nil, withoutChannel(addr, err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", addr)
	if errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ECONNREFUSED) {
		return nil, withoutChannel(addr, fmt.Errorf("%w: nothing listens at %s", ErrNoAgent, addr))
	}
	if err != nil {
		return nil, fmt.Errorf("connecting to agent: %w", err)
	}
	uid, ok, err := peerUID(conn)
	if err == nil && ok && uid != os.Geteuid() {
		err = fmt.Errorf("socket %s is served by uid %d, not by uid %d (the current user)", addr, uid, os.Geteuid())
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// withoutChannel returns err, why nothing answers at addr, unless an agent
// holds the lock there: then that agent runs without its channel, and the
// error wraps [ErrNoChannel] instead, so no one is told it is not running.
func withoutChannel(addr string, err error) error {
	if !filepath.IsAbs(addr) || !lockHeld(lockPath(addr)) {
		return err
	}
	return fmt.Errorf("%w: an agent holds %s but does not answer at %s; its log says why", ErrNoChannel, lockPath(addr), addr)
}

// probeTimeout bounds the ping with which Listen checks whether an agent is
// alive.
const probeTimeout = 2 * time.Second

// probe pings addr and reports whether an agent answered, even with an
// error or in another protocol version. If none did, err says why.
func probe(addr string) (alive bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	_, err = Call(ctx, addr, Request{Op: OpPing})
	if err == nil || errors.Is(err, ErrRequestFailed) || errors.Is(err, errBadResponse) {
		return true, nil
	}
	return false, err
}
