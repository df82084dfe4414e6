//go:build !unix && !windows

package lock

import (
	"fmt"
	"os/exec"
	"syscall"
)

// detached has nothing to add on this OS.
func detached() *syscall.SysProcAttr { return nil }

// lookPath finds an executable with os/exec's rules, in the process's PATH.
func lookPath(file string, _ Env) (string, error) {
	path, err := exec.LookPath(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w (%w)", file, ErrNotInstalled, err)
	}
	return path, nil
}
