package ipc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// pipeBufferSize is the input and output buffer of each pipe instance.
const pipeBufferSize = 64 << 10

// mutexName is the name of the named mutex that goes with the pipe addr:
// Local\ (the user's session) and the pipe's own name, plus suffix.
func mutexName(addr, suffix string) string {
	return `Local\` + addr[strings.LastIndex(addr, `\`)+1:] + suffix
}

// listen takes the agent's single-instance lock, the named mutex
// Local\grendel-SID, and then creates the pipe addr, owned by the current
// user and open to that user alone.
//
// The mutex, not the pipe, keeps a second agent out: it exists while a
// handle to it is open, so a crashed agent leaves nothing stale behind.
// The pipe's first instance is created with FILE_FLAG_FIRST_PIPE_INSTANCE
// as well, which real Windows refuses while any process holds a pipe of
// that name (a squatter); Wine 8.0 ignores the flag, which is why the
// mutex decides. When the mutex is taken but the pipe cannot be made,
// listen returns no listener, the release func and an error wrapping
// [ErrNoChannel].
func listen(addr string) (net.Listener, func() error, error) {
	if err := checkAddr(addr); err != nil {
		return nil, nil, err
	}
	unlock, err := lockMutex(mutexName(addr, ""))
	if errors.Is(err, errLocked) {
		return nil, nil, fmt.Errorf("%w at %s", ErrAgentRunning, addr)
	}
	if err != nil {
		return nil, nil, err
	}
	ln, err := listenPipe(addr)
	if err != nil {
		return nil, unlock, fmt.Errorf("%w: %w", ErrNoChannel, err)
	}
	return ln, unlock, nil
}

// errLocked is returned by lockMutex when the mutex exists already.
var errLocked = errors.New("locked")

// lockMutex creates the named mutex name and keeps a handle to it until
// unlock; it fails with errLocked when the mutex exists already.
func lockMutex(name string) (unlock func() error, err error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateMutex(nil, false, p)
	if errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		windows.CloseHandle(h)
		return nil, fmt.Errorf("%w: mutex %s exists", errLocked, name)
	}
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		// The name exists and is someone else's.
		return nil, fmt.Errorf("%w: mutex %s exists (access denied)", errLocked, name)
	}
	if err != nil {
		return nil, fmt.Errorf("creating mutex %s: %w", name, err)
	}
	var once sync.Once
	return func() error {
		err := error(nil)
		once.Do(func() { err = windows.CloseHandle(h) })
		return err
	}, nil
}

// mutexExists reports whether the named mutex name exists, without
// creating it.
func mutexExists(name string) bool {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return false
	}
	h, err := windows.OpenMutex(windows.SYNCHRONIZE, false, p)
	if err == nil {
		windows.CloseHandle(h)
		return true
	}
	return errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

// pipeListener serves a named pipe with one waiting instance at a time,
// made with x/sys/windows. go-winio's listener is not used on the server
// side: it creates a first instance that it never serves, to which Wine
// connects clients (so the first call after the agent starts timed out),
// and under Wine its Close waits for a cancelled ConnectNamedPipe that
// never completes. Here the first instance is the one served, and Close
// does not rely on cancellation: it connects to the waiting instance
// itself.
type pipeListener struct {
	addr string
	sa   *windows.SecurityAttributes

	mu      sync.Mutex
	next    windows.Handle // the instance that waits for the next client
	closed  bool
	accepts sync.Mutex // one Accept at a time
}

// listenPipe creates the first instance of the pipe addr.
func listenPipe(addr string) (*pipeListener, error) {
	user, err := currentUser()
	if err != nil {
		return nil, err
	}
	sid := user.String()
	// Owner: the user, even in an elevated process whose default owner is
	// Administrators, so clients can check it. DACL, protected from
	// inheritance: full access for the user, nobody else.
	sd, err := windows.SecurityDescriptorFromString("O:" + sid + "D:P(A;;GA;;;" + sid + ")")
	if err != nil {
		return nil, fmt.Errorf("pipe %s: security descriptor: %w", addr, err)
	}
	l := &pipeListener{addr: addr, sa: &windows.SecurityAttributes{
		Length:             uint32(unsafe.Sizeof(windows.SecurityAttributes{})),
		SecurityDescriptor: sd,
	}}
	if l.next, err = l.instance(true); err != nil {
		return nil, err
	}
	return l, nil
}

// instance creates a pipe instance: overlapped (so that the os.File made
// of it takes deadlines), local clients only, of message type read as
// bytes. Message type because there a zero-byte write reaches the reader,
// as the end of the request: that is how go-winio's client half-closes
// (CloseWrite), which a byte-type pipe cannot do.
func (l *pipeListener) instance(first bool) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(l.addr)
	if err != nil {
		return 0, err
	}
	mode := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		mode |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	h, err := windows.CreateNamedPipe(name, mode,
		windows.PIPE_TYPE_MESSAGE|windows.PIPE_READMODE_BYTE|windows.PIPE_WAIT|windows.PIPE_REJECT_REMOTE_CLIENTS,
		windows.PIPE_UNLIMITED_INSTANCES, pipeBufferSize, pipeBufferSize, 0, l.sa)
	if err != nil {
		return 0, fmt.Errorf("creating pipe %s: %w", l.addr, err)
	}
	return h, nil
}

// Accept waits for a client on the waiting instance, makes the next
// instance, and returns the connection.
func (l *pipeListener) Accept() (net.Conn, error) {
	l.accepts.Lock()
	defer l.accepts.Unlock()
	for {
		l.mu.Lock()
		h, closed := l.next, l.closed
		l.mu.Unlock()
		if closed {
			return nil, net.ErrClosed
		}
		err := connect(h)
		l.mu.Lock()
		if l.closed {
			// Close connected to h itself to wake this Accept.
			l.mu.Unlock()
			return nil, net.ErrClosed
		}
		next, nerr := l.instance(false)
		if nerr != nil {
			l.mu.Unlock()
			if err == nil {
				windows.DisconnectNamedPipe(h)
			}
			return nil, nerr
		}
		l.next = next
		l.mu.Unlock()
		if errors.Is(err, windows.ERROR_NO_DATA) {
			// The client came and went already.
			windows.CloseHandle(h)
			continue
		}
		if err != nil {
			windows.CloseHandle(h)
			return nil, fmt.Errorf("accepting on pipe %s: %w", l.addr, err)
		}
		f := os.NewFile(uintptr(h), l.addr)
		if f == nil {
			return nil, fmt.Errorf("accepting on pipe %s: invalid handle", l.addr)
		}
		return &pipeConn{File: f, addr: pipeAddr(l.addr)}, nil
	}
}

// connect waits until a client connects to the instance h.
func connect(h windows.Handle) error {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	o := &windows.Overlapped{HEvent: ev}
	err = windows.ConnectNamedPipe(h, o)
	switch {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return err
	}
	var n uint32
	return windows.GetOverlappedResult(h, o, &n, true)
}

// Close stops the listener: it marks it closed and, since a pending
// ConnectNamedPipe is woken most reliably by a client (Wine does not
// complete a cancelled one), connects to the waiting instance itself.
func (l *pipeListener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	h := l.next
	l.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c, err := winio.DialPipeContext(ctx, l.addr); err == nil {
		c.Close()
	} else {
		// Real Windows completes a cancelled ConnectNamedPipe.
		windows.CancelIoEx(h, nil)
	}
	// Accept, if it waited, has returned now; it no longer touches h.
	l.accepts.Lock()
	defer l.accepts.Unlock()
	return windows.CloseHandle(h)
}

// Addr returns the pipe's name.
func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.addr) }

// pipeAddr is the net.Addr of a named pipe.
type pipeAddr string

// Network returns "pipe".
func (pipeAddr) Network() string { return "pipe" }

func (a pipeAddr) String() string { return string(a) }

// pipeConn is the server's end of one connection: an os.File, which takes
// deadlines because the handle is overlapped (Go ≥ 1.25).
type pipeConn struct {
	*os.File
	addr pipeAddr
}

// LocalAddr returns the pipe's name.
func (c *pipeConn) LocalAddr() net.Addr { return c.addr }

// RemoteAddr returns the pipe's name.
func (c *pipeConn) RemoteAddr() net.Addr { return c.addr }

// dial connects to the agent at addr and checks that the pipe belongs to the
// current user, so a pipe another user created first is not trusted.
func dial(ctx context.Context, addr string) (net.Conn, error) {
	if err := checkAddr(addr); err != nil {
		return nil, err
	}
	conn, err := winio.DialPipeContext(ctx, addr)
	if errors.Is(err, windows.ERROR_FILE_NOT_FOUND) || errors.Is(err, windows.ERROR_PATH_NOT_FOUND) {
		return nil, fmt.Errorf("%w: nothing listens at %s", ErrNoAgent, addr)
	}
	if err != nil {
		return nil, fmt.Errorf("connecting to agent: %w", err)
	}
	if err := checkPipeOwner(conn, addr); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// checkPipeOwner fails unless the pipe behind conn is owned by the current
// user.
func checkPipeOwner(conn net.Conn, addr string) error {
	f, ok := conn.(interface{ Fd() uintptr })
	if !ok {
		return fmt.Errorf("checking owner of pipe %s: no handle", addr)
	}
	sd, err := windows.GetSecurityInfo(windows.Handle(f.Fd()), windows.SE_KERNEL_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("checking owner of pipe %s: %w", addr, err)
	}
	owner, _, err := sd.Owner()
	if err != nil {
		return fmt.Errorf("checking owner of pipe %s: %w", addr, err)
	}
	user, err := currentUser()
	if err != nil {
		return err
	}
	if !owner.Equals(user) {
		return fmt.Errorf("pipe %s is owned by %s, not by %s (the current user)", addr, owner, user)
	}
	return nil
}
