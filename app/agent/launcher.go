package agent

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
)

// Launcher starts UI processes, one per window: a second request for a
// window whose process still runs starts nothing.
type Launcher struct {
	// Command returns the program and arguments that show window, such as
	// ["/usr/bin/grendel", "ui", "status"].
	Command func(window string) []string
	// Logf receives one line per process that fails; nil discards.
	Logf func(format string, args ...any)

	mu      sync.Mutex
	running map[string]*exec.Cmd
	wg      sync.WaitGroup
}

// Show starts the UI process for window unless one already runs. It does
// not wait for the window.
func (l *Launcher) Show(window string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running == nil {
		l.running = map[string]*exec.Cmd{}
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
	l.running[window] = cmd
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		err := cmd.Wait()
		if err != nil && l.Logf != nil {
			l.Logf("UI process for %s window ended: %v", window, err)
		}
		l.mu.Lock()
		delete(l.running, window)
		l.mu.Unlock()
	}()
	return nil
}

// Wait waits until every UI process started so far has ended.
func (l *Launcher) Wait() { l.wg.Wait() }
