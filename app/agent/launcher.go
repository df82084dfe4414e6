package agent

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
)

// Launcher starts UI processes, one per window: a second request for a
// window whose process still runs starts nothing.
type Launcher struct {
	// Command returns the program and arguments that show a window, such
	// as ["/usr/bin/grendel", "ui", "status"] ([Options.UICommand]).
	Command func(Window) []string
	// Logf receives one line per process that fails; nil discards.
	Logf func(format string, args ...any)

	mu      sync.Mutex
	closed  bool
	running map[Window]*uiProcess
	stopped map[*exec.Cmd]bool // processes Stop ended: their exit is no failure
	wg      sync.WaitGroup
}

// uiProcess is one running UI process; done is closed once it has ended.
type uiProcess struct {
	cmd  *exec.Cmd
	done chan struct{}
}

// Show starts the UI process for window unless one already runs. It does
// not wait for the window.
func (l *Launcher) Show(window Window) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running == nil {
		l.running = map[Window]*uiProcess{}
		l.stopped = map[*exec.Cmd]bool{}
	}
	if l.closed {
		return ErrLauncherClosed
	}
	if l.running[window] != nil {
		return nil
	}
	argv := l.Command(window)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start UI process: %w", err)
	}
	p := &uiProcess{cmd: cmd, done: make(chan struct{})}
	l.running[window] = p
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		defer close(p.done)
		err := cmd.Wait()
		l.mu.Lock()
		delete(l.running, window)
		stopped := l.stopped[cmd]
		delete(l.stopped, cmd)
		l.mu.Unlock()
		if err != nil && !stopped && l.Logf != nil {
			l.Logf("UI process for %s window ended: %v", window, err)
		}
	}()
	return nil
}

// Stop ends the UI process for each of windows that still runs, and returns
// once they have ended. The agent stops the windows that only make sense
// while it runs, such as the countdown before a lock, when it exits.
func (l *Launcher) Stop(windows ...Window) {
	var ended []chan struct{}
	l.mu.Lock()
	for _, w := range windows {
		if p := l.running[w]; p != nil {
			l.stopped[p.cmd] = true
			_ = p.cmd.Process.Kill()
			ended = append(ended, p.done)
		}
	}
	l.mu.Unlock()
	for _, done := range ended {
		<-done
	}
}

// ErrLauncherClosed is the error of [Launcher.Show] after [Launcher.Close].
var ErrLauncherClosed = errors.New("the agent is stopping: no new windows")

// Close makes every later Show fail with ErrLauncherClosed, then stops the
// UI processes of windows as [Launcher.Stop] does. The agent calls it as
// it exits, so that no countdown starts after it stopped the last one.
func (l *Launcher) Close(windows ...Window) {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.Stop(windows...)
}

// Wait waits until every UI process started so far has ended.
func (l *Launcher) Wait() { l.wg.Wait() }
