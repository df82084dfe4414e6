// Package uiproc is the UI process: `grendel ui WINDOW` starts Fyne's
// driver, shows one window and exits when it closes. The resident agent
// starts it on demand, so the agent itself never pays for a GL driver.
package uiproc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/harden"
	"grendel/app/ipc"
	"grendel/assets"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/filewin"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/privacy"
	"grendel/ui/quitwin"
	"grendel/ui/settingswin"
	"grendel/ui/statuswin"
	"grendel/ui/warnwin"
)

// AppID is the application's unique ID, as in FyneApp.toml; on X11 it is
// also every window's WM_CLASS (a desktop file says StartupWMClass=AppID).
const AppID = "nl.grendel.app"

// refreshEvery is how often an open status window asks the agent again, so
// that a policy change shows without a click.
const refreshEvery = 2 * time.Second

// Run shows window until the user closes it, and returns the exit code.
func Run(window agent.Window, opts agent.Options) int {
	// Every window may come to hold a password, or a picture of one.
	if err := harden.Process(); err != nil {
		fmt.Fprintf(os.Stderr, "grendel: %s\n", i18n.HardenFailed(err))
	}
	// A window outlives a closed terminal: its log lines are lost, the
	// window (the countdown, the privacy screen) stays.
	signal.Ignore(syscall.SIGPIPE)
	if agent.DisplayName() == "" {
		fmt.Fprintf(os.Stderr, "grendel: %s\n", lang.X("ui.no_display", "no display: windows cannot be shown here"))
		return exit.Failure
	}
	a := app.NewWithID(AppID)
	setWindowClass(AppID)
	a.SetIcon(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	p := &proc{app: a, opts: opts, ask: agent.Ask, fetch: agent.FetchStatus, launch: startDetached, every: refreshEvery, stderr: os.Stderr}
	if code := p.open(window); code != exit.OK {
		return code
	}
	a.Run()
	return exit.OK
}

// proc is one UI process: its app, its options, its line to the agent and
// how it starts other processes (fakes in tests).
type proc struct {
	app    fyne.App
	opts   agent.Options
	ask    func(context.Context, ipc.Request) (ipc.Response, error)
	fetch  func(context.Context) (agent.Status, error)
	every  time.Duration // between two questions of the status window
	stderr io.Writer
	// launch starts a command line as a process of its own (the agent, a
	// window the agent cannot show) and does not wait for it.
	launch func(argv []string) error
}

// open opens window in p's app and returns [exit.OK], or the exit code of
// a window that cannot be opened.
func (p *proc) open(window agent.Window) int {
	switch window {
	case agent.WindowStatus:
		p.showStatus()
	case agent.WindowWarning:
		p.showWarning()
	case agent.WindowSettings:
		p.showSettings()
	case agent.WindowPrivacy:
		p.showPrivacy()
	case agent.WindowCheck:
		newPasswordWindows(p.app, p.opts).showCheck()
	case agent.WindowGenerate:
		newPasswordWindows(p.app, p.opts).showGenerate()
	case agent.WindowShares:
		newPasswordWindows(p.app, p.opts).showShares(p.opts)
	case agent.WindowFile:
		p.showFile()
	case agent.WindowSend:
		newPasswordWindows(p.app, p.opts).showSend(p.opts)
	case agent.WindowClipboard:
		if !serveClipboard(p.app, p.opts) {
			return exit.Usage
		}
	case agent.WindowQuit:
		p.showQuit()
	default:
		fmt.Fprintf(p.stderr, "grendel: %s\n", lang.X("cli.error.unknown_window", "unknown window {{.Window}}; use one of {{.Windows}}",
			map[string]string{"Window": string(window), "Windows": strings.Join(agent.WindowNames(), ", ")}))
		return exit.Usage
	}
	return exit.OK
}

// showStatus shows the status window at once and fills it in as the agent
// answers (see [proc.follow]).
func (p *proc) showStatus() {
	w := p.app.NewWindow(lang.X("status.title", "Grendel — status"))
	ctx, cancel := context.WithCancel(context.Background())
	again := make(chan struct{}, 1)
	refresh := func() {
		select {
		case again <- struct{}{}:
		default: // a refresh is due already
		}
	}
	var v *statuswin.View
	fail := func(text string) { fyne.Do(func() { v.Fail(text) }) }
	v = statuswin.New(p.statusActions(refresh, w.Close, fail))
	w.SetContent(v.Content())
	escape.Closes(w, w.Close)
	w.Resize(fyne.NewSize(880, 640))
	w.SetOnClosed(cancel)
	w.CenterOnScreen()
	w.Show()
	go p.follow(ctx, again, func(s statuswin.State) { fyne.Do(func() { v.Update(s) }) })
}

// follow asks for the state at once, then every p.every and whenever again
// says so, until ctx is done; it hands each answer to show. It asks one
// question at a time, off the UI goroutine: an agent slow to answer delays
// the next question, and never piles them up.
func (p *proc) follow(ctx context.Context, again <-chan struct{}, show func(statuswin.State)) {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		s := p.state(ctx)
		if ctx.Err() != nil {
			return
		}
		show(s)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-again:
		}
	}
}

// state asks the agent for its status, or reads the policy locally when no
// agent answers.
func (p *proc) state(ctx context.Context) statuswin.State {
	st, err := p.fetch(ctx)
	if err == nil {
		return statuswin.State{Status: st, Running: true}
	}
	local := agent.Status{Version: p.opts.Version, Policy: policy.Load(p.opts.Paths()).Report()}
	if !errors.Is(err, ipc.ErrNoAgent) {
		local.TrayProblem = err.Error()
	}
	return statuswin.State{Status: local}
}

// warningWait is how long a warning process waits for the countdown it was
// started for; the agent starts it a little before the warning.
const warningWait = 10 * time.Second

// showWarning follows the agent's countdown: it shows the window when the
// warning begins, updates it five times a second, and quits when the
// warning ends (input, lock), never comes, or the agent is gone. The lock
// never waits for it.
func (p *proc) showWarning() {
	a := p.app
	w := a.NewWindow(lang.X("warning.title", "Grendel — locking soon"))
	v := warnwin.New(func() { go p.ask(context.Background(), ipc.Request{Op: ipc.OpLock}) })
	w.SetContent(v.Content())
	// Escape is a key press: it is input, which ends the warning as
	// moving the mouse does; the window goes with it.
	escape.Closes(w, w.Close)
	w.Resize(fyne.NewSize(480, 300))
	w.CenterOnScreen()
	go func() {
		start, shown := time.Now(), false
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for range t.C {
			st, err := p.fetch(context.Background())
			warning := err == nil && st.Lock != nil && st.Lock.State == agent.StateWarning
			switch {
			case warning && !shown:
				shown = true
				lockAt := st.Lock.LockAt
				fyne.Do(func() {
					v.Update(lockAt, time.Now())
					w.Show()
					w.RequestFocus()
					a.SendNotification(fyne.NewNotification(lang.X("warning.title", "Grendel — locking soon"),
						lang.X("warning.hint", "Move the mouse or press a key to keep working.")))
				})
			case warning:
				lockAt := st.Lock.LockAt
				fyne.Do(func() { v.Update(lockAt, time.Now()) })
			// The agent that started this process has gone: no lock will
			// come, and a countdown would only mislead.
			case shown || time.Since(start) > warningWait || errors.Is(err, ipc.ErrNoAgent):
				fyne.Do(a.Quit)
				return
			}
		}
	}()
}

// showSettings shows the user's own settings, bounded by policy; saving asks
// the agent to reload (the watcher would notice within two seconds anyway).
func (p *proc) showSettings() {
	w := p.app.NewWindow(lang.X("settings.title", "Grendel — settings"))
	v := settingswin.New(settingswin.Load(p.opts.Paths()), w, func() {
		go p.ask(context.Background(), ipc.Request{Op: ipc.OpReload})
		w.Close()
	}, w.Close)
	w.SetContent(v.Content())
	escape.Closes(w, w.Close)
	w.Resize(fyne.NewSize(640, 700))
	w.CenterOnScreen()
	w.Show()
}

// showFile opens "Check a file": a CSV or XLSX file's personal data, and
// its compact export.
func (p *proc) showFile() {
	w := p.app.NewWindow(lang.X("filewin.title", "Grendel — check a file"))
	v := filewin.New(filewin.Config{}, w, w.Close)
	w.SetOnClosed(v.Close)
	w.SetContent(v.Content())
	escape.Closes(w, w.Close)
	w.Resize(fyne.NewSize(900, 640))
	w.CenterOnScreen()
	w.Show()
}

// showQuit asks whether to quit Grendel, and says that automatic locking
// stops; the agent quits only when the user confirms (a quit request).
func (p *proc) showQuit() {
	w := p.app.NewWindow(lang.X("quit.title", "Grendel — quit"))
	v := quitwin.New(func() error {
		resp, err := p.ask(context.Background(), ipc.Request{Op: ipc.OpQuit})
		if err == nil && !resp.OK {
			err = errors.New(resp.Error)
		}
		return err
	}, w.Close)
	w.SetContent(v.Content())
	escape.Closes(w, w.Close)
	w.Resize(fyne.NewSize(520, 200))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.Show()
	w.RequestFocus()
}

// showPrivacy covers every display with the fallback privacy screen until
// real input; the app quits when its last window closes. What the platform
// could not do (place or grab) goes to standard error for the agent's log.
func (p *proc) showPrivacy() {
	privacy.Show(p.app, privacy.Options{
		Logf: func(format string, args ...any) { fmt.Fprintf(p.stderr, "grendel: "+format+"\n", args...) },
	})
}
