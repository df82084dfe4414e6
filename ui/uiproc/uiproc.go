// Package uiproc is the UI process: `grendel ui WINDOW` starts Fyne's
// driver, shows one window and exits when it closes. The resident agent
// starts it on demand, so the agent itself never pays for a GL driver.
package uiproc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/ipc"
	"grendel/assets"
	"grendel/policy"
	"grendel/ui/cli"
	"grendel/ui/privacy"
	"grendel/ui/settingswin"
	"grendel/ui/statuswin"
	"grendel/ui/warnwin"
)

// AppID is the application's unique ID, as in FyneApp.toml.
const AppID = "nl.grendel.app"

// refreshEvery is how often an open status window asks the agent again, so
// that a policy change shows without a click.
const refreshEvery = 2 * time.Second

// Run shows window until the user closes it, and returns the exit code.
func Run(window string, opts cli.Options) int {
	cli.Harden(os.Stderr) // every window may come to hold a password, or a picture of one
	// A window outlives a closed terminal: its log lines are lost, the
	// window (the countdown, the privacy screen) stays.
	signal.Ignore(syscall.SIGPIPE)
	if !hasDisplay() {
		fmt.Fprintf(os.Stderr, "grendel: %s\n", lang.X("ui.no_display", "no display: windows cannot be shown here"))
		return cli.ExitFailure
	}
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	switch window {
	case "status":
		showStatus(a, opts)
	case "warning":
		showWarning(a)
	case "settings":
		showSettings(a, opts)
	case "privacy":
		showPrivacy(a)
	case "check":
		newPasswordWindows(a, opts).showCheck()
	case "generate":
		newPasswordWindows(a, opts).showGenerate()
	case "shares":
		newPasswordWindows(a, opts).showShares(opts)
	case "clipboard":
		if !serveClipboard(a, opts) {
			return cli.ExitUsage
		}
	default:
		fmt.Fprintf(os.Stderr, "grendel: %s\n", lang.X("cli.error.unknown_window", "unknown window {{.Window}}; use one of {{.Windows}}",
			map[string]string{"Window": window, "Windows": strings.Join(agent.Windows, ", ")}))
		return cli.ExitUsage
	}
	a.Run()
	return cli.ExitOK
}

func showStatus(a fyne.App, opts cli.Options) {
	w := a.NewWindow(lang.X("status.title", "Grendel — status"))
	ctx, cancel := context.WithCancel(context.Background())
	var v *statuswin.View
	refresh := func() {
		go func() {
			s := fetchState(opts)
			fyne.Do(func() { v.Update(s) })
		}()
	}
	v = statuswin.New(refresh, w.Close)
	v.Update(fetchState(opts))
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(880, 640))
	w.SetOnClosed(cancel)
	w.CenterOnScreen()
	w.Show()
	go func() {
		t := time.NewTicker(refreshEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				refresh()
			}
		}
	}()
}

// fetchState asks the agent for its status, or reads the policy locally
// when no agent answers.
func fetchState(opts cli.Options) statuswin.State {
	st, err := cli.AgentStatus()
	if err == nil {
		return statuswin.State{Status: st, Running: true}
	}
	local := agent.Status{Version: opts.Version, Policy: policy.Load(opts.Paths()).Report()}
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
func showWarning(a fyne.App) {
	w := a.NewWindow(lang.X("warning.title", "Grendel — locking soon"))
	v := warnwin.New(func() { go cli.AskAgent(ipc.OpLock, "") })
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(480, 300))
	w.CenterOnScreen()
	go func() {
		start, shown := time.Now(), false
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for range t.C {
			st, err := cli.AgentStatus()
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
func showSettings(a fyne.App, opts cli.Options) {
	w := a.NewWindow(lang.X("settings.title", "Grendel — settings"))
	v := settingswin.New(settingswin.Load(opts.Paths()), w, func() {
		go cli.AskAgent(ipc.OpReload, "")
		w.Close()
	}, w.Close)
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(640, 760))
	w.CenterOnScreen()
	w.Show()
}

// showPrivacy covers every display with the fallback privacy screen until
// real input; the app quits when its last window closes. What the platform
// could not do (place or grab) goes to standard error for the agent's log.
func showPrivacy(a fyne.App) {
	privacy.Show(a, privacy.Options{
		Logf: func(format string, args ...any) { fmt.Fprintf(os.Stderr, "grendel: "+format+"\n", args...) },
	})
}
