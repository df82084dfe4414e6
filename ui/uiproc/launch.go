package uiproc

import (
	"context"
	"os"
	"os/exec"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/ui/statuswin"
)

// startDetached starts argv as a process of its own, which outlives this
// one (and a Ctrl-C in the terminal that started it), and does not wait
// for it; it is reaped when it ends.
func startDetached(argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// statusActions returns what the status window's buttons do: again asks
// for a refresh, close closes the window, and fail shows, from any
// goroutine, what went wrong.
func (p *proc) statusActions(again, close func(), fail func(string)) statuswin.Actions {
	return statuswin.Actions{
		Refresh: again,
		Close:   close,
		Open:    func(w agent.Window) { go p.openElsewhere(w, fail) },
		Start:   func() error { return p.launch(p.opts.AgentCommand()) },
	}
}

// openElsewhere opens window w in a process of its own: the agent starts
// it, as it does for the tray's menu; when no agent answers (or it cannot
// show windows), this process starts it, as `grendel ui WINDOW`.
func (p *proc) openElsewhere(w agent.Window, fail func(string)) {
	resp, err := p.ask(context.Background(), agent.ShowRequest(w))
	if err == nil && resp.OK {
		return
	}
	if err := p.launch(p.opts.UICommand(w)); err != nil {
		fail(lang.X("status.open.failed", "The window could not be opened: {{.Error}}", map[string]string{"Error": err.Error()}))
	}
}
