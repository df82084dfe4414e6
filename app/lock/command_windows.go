package lock

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"

	"golang.org/x/sys/windows"
)

// detached starts a locker in a process group of its own, so that a Ctrl-C
// for the agent's console does not end it.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// group is a job object holding a started program and every process it
// starts, so that end reaches them all. The job has no
// JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: a verified locker must outlive the
// agent. The handle is closed when the program exits, so a job that its
// program left behind (a locker that hands over and exits) can no longer
// be ended. The program runs for a moment before it is in the job; a
// child it starts in that moment is out of reach. When the job cannot be
// made, end kills the program alone.
type group struct {
	p   *os.Process
	mu  sync.Mutex
	job windows.Handle // 0: none, or closed
}

func newGroup(p *os.Process) *group {
	g := &group{p: p}
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return g
	}
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(p.Pid))
	if err != nil {
		_ = windows.CloseHandle(job)
		return g
	}
	defer windows.CloseHandle(h)
	if err := windows.AssignProcessToJobObject(job, h); err != nil {
		_ = windows.CloseHandle(job)
		return g
	}
	g.job = job
	return g
}

// exited closes the job's handle once the program has ended.
func (g *group) exited() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job != 0 {
		_ = windows.CloseHandle(g.job)
		g.job = 0
	}
}

// end terminates every process in the job (no taskkill), or the program
// alone when there is no job.
func (g *group) end() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job == 0 {
		_ = g.p.Kill()
		return
	}
	_ = windows.TerminateJobObject(g.job, 1)
	_ = windows.CloseHandle(g.job)
	g.job = 0
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
