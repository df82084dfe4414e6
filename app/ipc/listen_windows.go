package ipc

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// pipeBufferSize is the input and output buffer of each pipe instance.
const pipeBufferSize = 64 << 10

// listen creates the first instance of the pipe addr, owned by the current
// user and open to that user alone. ListenPipe creates it with FILE_CREATE,
// so it fails (access denied) while any process holds a pipe of that name;
// the name is freed when its last handle closes, so a crashed agent leaves
// nothing stale behind. The returned release func has nothing to remove.
func listen(addr string) (net.Listener, func() error, error) {
	if err := checkAddr(addr); err != nil {
		return nil, nil, err
	}
	user, err := currentUser()
	if err != nil {
		return nil, nil, err
	}
	sid := user.String()
	ln, err := winio.ListenPipe(addr, &winio.PipeConfig{
		// Owner: the user, even in an elevated process whose default owner
		// is Administrators, so clients can check it. DACL, protected from
		// inheritance: full access for the user, nobody else.
		SecurityDescriptor: "O:" + sid + "D:P(A;;GA;;;" + sid + ")",
		InputBufferSize:    pipeBufferSize,
		OutputBufferSize:   pipeBufferSize,
	})
	if err == nil {
		return ln, func() error { return nil }, nil
	}
	alive, perr := probe(addr)
	switch {
	case alive:
		return nil, nil, fmt.Errorf("%w at %s", ErrAgentRunning, addr)
	case errors.Is(perr, context.DeadlineExceeded) || errors.Is(perr, winio.ErrTimeout):
		// Every instance is busy, or the owner has not started serving yet:
		// another agent is starting at the same moment.
		return nil, nil, fmt.Errorf("%w at %s (not answering yet)", ErrAgentRunning, addr)
	case perr != nil && !errors.Is(perr, ErrNoAgent):
		return nil, nil, fmt.Errorf("creating pipe %s: %w (the existing pipe: %v)", addr, err, perr)
	}
	return nil, nil, fmt.Errorf("creating pipe %s: %w", addr, err)
}

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
