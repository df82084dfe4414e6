package lock

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// detached starts a locker in a process group of its own, so that a Ctrl-C
// for the agent's console does not end it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// lookPath finds an executable with os/exec's rules. On Windows it uses the
// process's PATH and PATHEXT, not env's.
func lookPath(file string, _ Env) (string, error) {
	path, err := exec.LookPath(file)
	if err == nil {
		return path, nil
	}
	if errors.Is(err, exec.ErrNotFound) {
		return "", fmt.Errorf("%s: %w", file, ErrNotInstalled)
	}
	return "", fmt.Errorf("%s: %w (%w)", file, ErrNotInstalled, err)
}
