//go:build unix

package lock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// termGrace is how long a program given up on, and everything it started,
// may take to end on SIGTERM before SIGKILL ends them. Windows has no
// SIGTERM: there end terminates the job at once.
const termGrace = time.Second

// detached puts a started locker in a process group of its own, so that a
// signal for the agent's group (Ctrl-C in its terminal) does not end it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

// group is the process group that detached gave a started program: its
// id is the program's pid, and the kernel does not hand that id out again
// while any member of the group is left, even a zombie.
type group struct{ pgid int }

func newGroup(p *os.Process) *group { return &group{pgid: p.Pid} }

// exited has nothing to release on Unix.
func (g *group) exited() {}

// end ends every process in the group and returns at once: SIGTERM (and
// SIGCONT, for a stopped one), then SIGKILL for whatever is left after
// termGrace. A process that left the group (setsid, setpgid) is out of
// reach.
func (g *group) end() {
	if syscall.Kill(-g.pgid, syscall.SIGTERM) != nil {
		return // nobody left
	}
	_ = syscall.Kill(-g.pgid, syscall.SIGCONT)
	go func() {
		for deadline := time.Now().Add(termGrace); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if syscall.Kill(-g.pgid, 0) != nil {
				return
			}
		}
		_ = syscall.Kill(-g.pgid, syscall.SIGKILL)
	}()
}

// lookPath finds an executable file in the PATH of env. A name with a
// slash is taken as is. Empty and relative PATH entries are skipped: the
// lock must not run whatever sits in the current directory.
func lookPath(file string, env Env) (string, error) {
	if strings.Contains(file, "/") {
		if err := executable(file); err != nil {
			return "", notInstalled(file, err)
		}
		return file, nil
	}
	for _, dir := range filepath.SplitList(env.Get("PATH")) {
		if !filepath.IsAbs(dir) {
			continue
		}
		path := filepath.Join(dir, file)
		if executable(path) == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s: %w", file, ErrNotInstalled)
}

// executable reports why path is not an executable regular file, if so.
func executable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return fs.ErrPermission
	}
	return nil
}

func notInstalled(file string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", file, ErrNotInstalled)
	}
	return fmt.Errorf("%s: %w (%w)", file, ErrNotInstalled, err)
}
