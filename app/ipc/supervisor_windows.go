package ipc

import (
	"errors"
	"fmt"
)

// lockSupervisor creates the named mutex Local\grendel-SID-supervisor
// (after the pipe's name), which only the user's own session sees. The
// mutex exists while a handle to it is open, so a supervisor that died
// leaves nothing behind.
func lockSupervisor(addr string) (func() error, error) {
	if err := checkAddr(addr); err != nil {
		return nil, err
	}
	name := mutexName(addr, "-supervisor")
	unlock, err := lockMutex(name)
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("%w (%s)", ErrSupervisorRunning, name)
	}
	return unlock, err
}

// agentRunning reports whether the agent's mutex exists, without taking
// it.
func agentRunning(addr string) bool {
	return checkAddr(addr) == nil && mutexExists(mutexName(addr, ""))
}
