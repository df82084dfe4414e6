//go:build unix

package ipc

import (
	"errors"
	"fmt"
	"path/filepath"
)

// supervisorLockName is the file name of the supervisor's lock, beside
// agent.lock.
const supervisorLockName = "supervisor.lock"

func lockSupervisor(addr string) (func() error, error) {
	if !filepath.IsAbs(addr) {
		return nil, checkAddr(addr)
	}
	dir := filepath.Dir(addr)
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, supervisorLockName)
	unlock, err := lock(path)
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("%w (%s)", ErrSupervisorRunning, path)
	}
	return unlock, err
}

// agentRunning looks at agent.lock without taking it: a shared lock that
// an agent starting at that moment would find held makes [lock] try again
// for a while rather than fail.
func agentRunning(addr string) bool {
	return filepath.IsAbs(addr) && lockHeld(lockPath(addr))
}
