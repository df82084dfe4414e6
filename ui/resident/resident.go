// Package resident runs Grendel's resident agent: the light process that
// `grendel` with no arguments starts. It wires the core (policy, the agent's
// state, the local channel) to the tray icon, and starts a UI process for
// each window. It never starts Fyne's GL driver.
package resident

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/autostart"
	"grendel/app/compliance"
	"grendel/app/ipc"
	"grendel/app/memtrim"
	"grendel/app/oslock"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
	"grendel/ui/tray"
)

// Run runs the resident agent until SIGINT or SIGTERM, or until the user
// quits from the tray, and returns the exit code: [exit.OK] for a quit
// the user confirmed and for a signal while policy allows quitting,
// [exit.Signalled] for a signal while it does not (so that a supervisor
// brings the agent back), [exit.AlreadyRunning] for an agent that `grendel
// supervise` started while another runs. A panic exits with Go's 2.
//
// No other ordinary signal ends it, since an agent that is gone protects
// nothing: SIGHUP (the terminal that started it was closed) reloads the
// policy, as daemons do; SIGPIPE is ignored, so that a closed standard
// error (the terminal gone, a log pipe whose reader died) only loses the
// log lines, where Go would otherwise end the program on the next write.
// After SIGSTOP and SIGCONT the state machine treats the deadline it
// slept through like any other overdue one: the full warning first.
func Run(opts agent.Options) int {
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return run(ctx, opts, realPlatform(opts), os.Stderr, hup)
}

// platform is what the agent takes from the system. Run gives the real
// one; tests give their own, so that none starts a UI process or reads
// the real idle time. (The UI process is os.Executable, which in a test
// is the test binary: on Windows, where a desktop is always there, the
// agent's warning started it, and it started another agent, and so on.)
type platform struct {
	// display names the display, "" for none: agent.DisplayName.
	display func() string
	// uiCommand is the command line of the UI process that shows a
	// window: agent.Options.UICommand.
	uiCommand func(agent.Window) []string
	// idle finds the idle source: agent.PlatformIdle.
	idle func(context.Context) (agent.IdleSource, []agent.AttemptRecord)
}

// realPlatform is the system's own platform for opts.
func realPlatform(opts agent.Options) platform {
	return platform{display: agent.DisplayName, uiCommand: opts.UICommand, idle: agent.PlatformIdle}
}

// run is the agent's body; each value on reload (SIGHUP) reloads the
// policy.
func run(ctx context.Context, opts agent.Options, sys platform, log io.Writer, reload <-chan os.Signal) int {
	say := func(s string) { fmt.Fprintf(log, "grendel: %s\n", s) }
	logf := func(f string, a ...any) { say(fmt.Sprintf(f, a...)) }
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// One agent per user: a second start asks the first to show its status.
	var srv *ipc.Server
	addr, err := ipc.DefaultAddress()
	if err == nil {
		srv, err = ipc.Listen(addr)
	}
	switch {
	case errors.Is(err, ipc.ErrAgentRunning) && agent.Supervised():
		// The supervisor started this one, not the user: no status window,
		// and an exit code that tells the supervisor to wait for the
		// other agent rather than count a crash.
		say(lang.X("supervise.agent_running", "another Grendel agent is running; this one does not start, and the supervisor starts one when that one ends"))
		return exit.AlreadyRunning
	case errors.Is(err, ipc.ErrAgentRunning):
		say(lang.X("agent.already_running", "Grendel is already running; showing its status"))
		if resp, err := agent.Ask(ctx, agent.ShowRequest(agent.WindowStatus)); err != nil || !resp.OK {
			say(lang.X("agent.show_failed", "the running agent could not show its status: {{.Error}}", map[string]string{"Error": errText(err, resp)}))
			return exit.Failure
		}
		return exit.OK
	case err != nil:
		say(lang.X("agent.no_channel", "cannot open the local channel, so windows and \"grendel status\" will not reach this agent: {{.Error}}", map[string]string{"Error": i18n.OSError(err)}))
	}
	crashForTest()
	// The audit trail: what this agent enforced, without personal data.
	rec := audit.Open(audit.RoleAgent, func(sink string, err error) { say(i18n.AuditFailure(sink, err)) })
	rec.Record(audit.AgentStarted{StartedBy: string(agent.StartedBy())})

	// One loader for the watcher and reload requests: it orders their
	// snapshots, so a slow reload never brings back an older policy, and
	// tells the status when a load has not finished.
	loader := &policy.Loader{Paths: opts.Paths()}
	snap := loader.Load()
	reportProblems(say, snap)
	// A reload that finds the same policy with the same problems (the
	// periodic re-read of the registry, a watcher's event) records nothing.
	policyTrail := &audit.PolicyTrail{Recorder: rec}
	policyTrail.Record(snap)

	display := sys.display()
	launcher := &agent.Launcher{Command: sys.uiCommand, Logf: logf}
	show := launcher.Show
	if display == "" {
		say(lang.X("agent.no_display", "no display: there is no screen to watch or lock, and no windows can be shown; policy and \"grendel\" commands keep working"))
		show = func(agent.Window) error { return errors.New("no display") }
	}
	var quitting atomic.Bool // the user confirmed a quit that policy allows
	locks := agent.NewLockSetup(snap, nil)
	runner, lockInfo := newRunner(ctx, locks, sys.idle, say)
	runner.Audit = rec
	a := agent.New(agent.Config{
		Version: opts.Version, Policy: snap, Display: display, Show: show,
		Reload:   loader.Load,
		Pending:  loader.Pending,
		Runner:   runner,
		LockInfo: lockInfo,
		// How it was started, whether it starts at login, and the
		// desktop's own lock: for grendel status and the status window.
		StartedBy: agent.StartedBy(),
		Autostart: autostart.Read,
		OSLock:    oslock.Read,
		Quit: func() {
			quitting.Store(true)
			say(lang.X("agent.quit", "quitting, as the user confirmed: this workstation is no longer locked automatically"))
			cancel()
		},
	})
	t := &trayState{agent: a, runner: runner, ctx: ctx, readiness: locks.Readiness}
	ready := newReadinessWatch(a, locks, say, t.refresh)
	a.OnPolicy(func(s *policy.Snapshot) {
		locks.SetPolicy(s)
		say(lang.X("agent.policy_reloaded", "policy reloaded"))
		reportProblems(say, s)
		policyTrail.Record(s)
		runner.Poke()
		ready.again()
	})
	statusPath, statusErr := compliance.Path()
	statusChanged, statusWritten := statusFile(ctx, a, ready, statusPath, statusErr, say)
	runner.OnEvent = func(e agent.Event) { onEvent(ctx, e, show, t, say); statusChanged() }
	go func() { _ = runner.Run(ctx) }()
	go ready.run(ctx)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-reload:
				say(lang.X("agent.sighup", "SIGHUP: reloading the policy; Grendel keeps running (stop it with SIGTERM)"))
				_ = a.Handle(ctx, ipc.Request{Op: ipc.OpReload})
			}
		}
	}()
	go watchSleep(ctx, a, runner, say)
	go newJanitor(opts, a, say, rec).Run(ctx)

	done := make(chan struct{})
	go func() {
		defer close(done)
		w := &policy.Watcher{Loader: loader, OnChange: a.SetPolicy, OnFilesUnwatched: func(err error) {
			say(lang.X("agent.no_watch", "policy files are not watched; restart to apply changes: {{.Error}}", map[string]string{"Error": i18n.OSError(err)}))
		}}
		_ = w.Run(ctx, snap) // ctx's error
	}()
	served := make(chan struct{})
	if srv != nil {
		// Rejected peers, bad requests and handler panics are logged; a
		// line never holds more of a request than its op.
		srv.Logf = logf
		defer srv.Close()
		go func() {
			defer close(served)
			if err := srv.Serve(ctx, a.Handle); err != nil && !errors.Is(err, context.Canceled) {
				say(err.Error())
			}
		}()
	} else {
		close(served)
	}

	// Settled: let go of what the start left resident (app/memtrim).
	trim := time.AfterFunc(10*time.Second, memtrim.AfterStart)
	defer trim.Stop()
	runTray(ctx, t, say)
	cancel()
	// A countdown outlives its agent by nothing: no lock would follow. The
	// privacy screen stays until real input, and the user's windows work
	// without an agent.
	launcher.Close(agent.WindowWarning)
	<-done
	// Serve returns once the answers it was writing are out: the quit
	// request's among them.
	<-served
	<-statusWritten // the last document: running false
	if !quitting.Load() && !a.Policy().Settings.App.AllowQuit {
		// A signal, while policy does not allow quitting: not a success,
		// so that a supervisor brings the agent back.
		say(lang.X("supervise.agent_signalled", "stopped by a signal although the policy does not allow quitting: exit code 12, so that a supervisor starts Grendel again"))
		rec.Record(audit.AgentStopped{Reason: "signal", ExitCode: exit.Signalled})
		return exit.Signalled
	}
	stopped := audit.AgentStopped{Reason: "signal", ExitCode: exit.OK}
	if quitting.Load() {
		stopped.Reason = "quit"
		if err := agent.MarkQuit(); err != nil {
			say(lang.X("supervise.no_quit_mark", "cannot tell the supervisor that this was a quit, so it will start Grendel again: {{.Error}}", map[string]string{"Error": err.Error()}))
		}
	}
	rec.Record(stopped)
	return exit.OK
}

// runTray shows the tray icon until ctx is done (the user confirmed
// quitting, or a signal came); with no tray available it says why and
// waits for ctx.
func runTray(ctx context.Context, t *trayState, say func(string)) {
	a := t.agent
	noTray := func(err error) {
		why := trayProblem(err)
		a.SetTray(false, errors.New(why))
		say(noTrayMessage(why))
		<-ctx.Done()
	}
	if err := tray.Available(); err != nil {
		noTray(err)
		return
	}
	err := tray.Run(ctx, t.menu(), func(tr *tray.Tray) {
		a.SetTray(true, nil)
		t.set(tr)
		a.OnPolicy(func(*policy.Snapshot) { t.refresh() })
		go watchTrayHost(ctx, a, say)
	})
	if err != nil {
		noTray(err)
	}
}

// trayProblem says in the user's language why the tray icon cannot be
// shown: the common case in words of its own; a rarer one (systray
// failed) with the error's text.
func trayProblem(err error) string {
	if errors.Is(err, tray.ErrNoSessionBus) {
		return lang.X("agent.tray_no_bus", "there is no D-Bus session bus, which the tray icon needs")
	}
	if errors.Is(err, tray.ErrNoNotificationArea) {
		return lang.X("agent.tray_no_taskbar", "Windows has no taskbar notification area to show the icon in (Explorer's taskbar is not running)")
	}
	return err.Error()
}

// watchTrayHost keeps the agent's status true to what the user sees: an
// icon that no panel shows is "not shown", and says why, until a panel
// that shows tray icons starts (systray then registers with it by itself).
func watchTrayHost(ctx context.Context, a *agent.Agent, say func(string)) {
	hosted, watched := true, false
	err := tray.WatchHost(ctx, func(err error) {
		watched = true
		if err == nil {
			a.SetTray(true, nil)
			if !hosted {
				say(lang.X("agent.tray_host", "a panel that shows tray icons started: the tray icon is shown"))
			}
			hosted = true
			return
		}
		why := lang.X("agent.no_tray_host",
			"no panel on this desktop shows tray icons; the icon appears when one starts (on GNOME, the AppIndicator extension shows them)")
		a.SetTray(false, errors.New(why))
		if hosted {
			say(why)
		}
		hosted = false
	})
	if err != nil && ctx.Err() == nil {
		msg := lang.X("agent.tray_host_unknown", "cannot tell whether a panel shows the tray icon: {{.Error}}", map[string]string{"Error": trayProblem(err)})
		if watched {
			// The bus went away while watched, and the icon with it.
			a.SetTray(false, errors.New(msg))
		}
		say(msg)
	}
}

func reportProblems(say func(string), s *policy.Snapshot) {
	for _, p := range s.Problems {
		say(i18n.Problem(p))
	}
}

func errText(err error, resp ipc.Response) string {
	if err != nil {
		return err.Error()
	}
	return resp.Error
}
