package ipc

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows"
)

// lockSupervisor creates the named mutex Local\grendel-SID-supervisor
// (after the pipe's name), which only the user's own session sees. The
// mutex exists while a handle to it is open, so a supervisor that died
// leaves nothing behind.
func lockSupervisor(addr string) (func() error, error) {
	if err := checkAddr(addr); err != nil {
		return nil, err
	}
	name := `Local\` + addr[strings.LastIndex(addr, `\`)+1:] + "-supervisor"
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateMutex(nil, false, p)
	if errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		windows.CloseHandle(h)
		return nil, fmt.Errorf("%w (%s)", ErrSupervisorRunning, name)
	}
	if err != nil {
		return nil, fmt.Errorf("creating mutex %s: %w", name, err)
	}
	return func() error { return windows.CloseHandle(h) }, nil
}

// agentRunning asks the pipe: on Windows the pipe is the single instance.
func agentRunning(addr string) bool {
	alive, _ := probe(addr)
	return alive
}
