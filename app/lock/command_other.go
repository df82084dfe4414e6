//go:build !unix && !windows

package lock

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// detached has nothing to add on this OS.
func detached() *syscall.SysProcAttr { return nil }

// group is a started program; on this OS nothing groups what it starts.
type group struct{ p *os.Process }

func newGroup(p *os.Process) *group { return &group{p: p} }

// exited has nothing to release on this OS.
func (g *group) exited() {}

// end kills the program itself; what it started is out of reach.
func (g *group) end() { _ = g.p.Kill() }

// lookPath finds an executable with os/exec's rules, in the process's PATH.
func lookPath(file string, _ Env) (string, error) {
	path, err := exec.LookPath(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w (%w)", file, ErrNotInstalled, err)
	}
	return path, nil
}
