package resident

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/sleep"
	"grendel/ui/i18n"
	"grendel/ui/tray"
)

// newRunner sets up the idle watch on locks, the agent's one lock chain
// under the policy in force, with the idle source findIdle finds.
func newRunner(ctx context.Context, locks *agent.LockSetup, findIdle func(context.Context) (agent.IdleSource, []agent.AttemptRecord), say func(string)) (*agent.Runner, func() agent.LockStatus) {
	source, tried := findIdle(ctx)
	if source == nil {
		say(lang.X("agent.no_idle", "no idle source works here, so Grendel cannot lock on idle; Lock now still works"))
	}
	r := &agent.Runner{
		Source: source,
		Lock:   func(ctx context.Context) agent.LockRecord { return locks.Locker().Lock(ctx) },
		SessionLocked: func(ctx context.Context) bool {
			locked, _ := locks.Locker().Locked(ctx)
			return locked
		},
		Timing: locks.Timing,
	}
	info := func() agent.LockStatus {
		return agent.LockStatus{IdleSources: tried, Methods: locks.Locker().Methods(), Readiness: locks.Readiness()}
	}
	return r, info
}

// onEvent carries out what the state machine asks of the surroundings.
func onEvent(ctx context.Context, e agent.Event, show func(agent.Window) error, t *trayState, say func(string)) {
	switch e.Action {
	case agent.ActionPrepareWarning:
		// The lock never waits for the window: a failure is only logged.
		if err := show(agent.WindowWarning); err != nil && !errors.Is(err, agent.ErrLauncherClosed) {
			say(err.Error())
		}
	case agent.ActionShowPrivacy:
		if err := show(agent.WindowPrivacy); err != nil {
			say(err.Error())
		}
	}
	if r := e.Lock; r != nil {
		say(describeLock(*r))
	}
	t.mu.Lock()
	was := t.last
	t.last = e.State
	t.mu.Unlock()
	switch {
	case e.State == agent.StatePresenting && was != agent.StatePresenting:
		say(presenting(t.runner.Status().PresentUntil))
	case was == agent.StatePresenting && e.State != agent.StatePresenting:
		say(lang.X("agent.present_end", "presentation mode ended; auto-lock is on again"))
	}
	t.refresh()
}

// presenting says that presentation mode runs until until, a time of day
// in the user's locale.
func presenting(until time.Time) string {
	return lang.X("agent.present_start", "presentation mode: auto-lock paused until {{.Until}}", map[string]string{"Until": i18n.Clock(until)})
}

// describeLock writes one lock outcome as a log line.
func describeLock(r agent.LockRecord) string {
	if r.Verified {
		return i18n.LockOutcome(r)
	}
	return i18n.LockOutcome(r) + "; " + lang.X("agent.lock_tried", "tried: {{.Tried}}",
		map[string]string{"Tried": strings.ReplaceAll(i18n.LockAttempts(r, ""), "\n", "; ")})
}

// watchSleep locks before suspend while the policy's lock.on_sleep is true.
func watchSleep(ctx context.Context, a *agent.Agent, r *agent.Runner, say func(string)) {
	err := sleep.Watch(ctx, func(ctx context.Context) {
		if !a.Policy().Settings.Lock.OnSleep {
			return
		}
		if done, err := r.LockNow(ctx, "sleep"); err == nil {
			<-done // closed when ctx ends first
		}
	})
	if err != nil && ctx.Err() == nil {
		say(sleepProblem(err))
	}
}

// sleepProblem says in the user's language why Grendel cannot lock before
// sleep. The error's own text is the core's English, and names D-Bus
// services; it is not shown.
func sleepProblem(err error) string {
	if errors.Is(err, sleep.ErrUnsupported) {
		return lang.X("agent.no_sleep_watch", "Grendel cannot lock before sleep here: the system does not announce sleep (there is no logind on the system bus); lock the screen yourself before the computer sleeps")
	}
	return lang.X("agent.sleep_watch_failed", "Grendel cannot lock before sleep: logind, which announces sleep, did not answer as expected; lock the screen yourself before the computer sleeps")
}

// trayState keeps the tray's menu in step with the agent: Lock now,
// presentation mode with its time left, the countdown.
type trayState struct {
	agent  *agent.Agent
	runner *agent.Runner
	ctx    context.Context
	// readiness is what the last look at the lock chain found; nil (or
	// a nil answer) before the first.
	readiness func() *agent.Readiness

	mu      sync.Mutex
	tray    *tray.Tray
	ticking bool
	last    agent.State // the state of the last event, for the log
}

func (t *trayState) set(tr *tray.Tray) {
	t.mu.Lock()
	t.tray = tr
	t.mu.Unlock()
	t.refresh()
}

// menu returns the menu for the agent's present state.
func (t *trayState) menu() tray.Menu {
	s := t.agent.Policy()
	st := t.runner.Status()
	now := time.Now()
	m := tray.Menu{
		OnStatus:   t.show(agent.WindowStatus),
		OnSettings: t.show(agent.WindowSettings),
		OnCheck:    t.show(agent.WindowCheck),
		OnGenerate: t.show(agent.WindowGenerate),
		OnShares:   t.show(agent.WindowShares),
		OnFile:     t.show(agent.WindowFile),
		OnSend:     t.show(agent.WindowSend),
		// Quitting is confirmed in a window of its own, which says that
		// automatic locking stops; the agent quits when it is confirmed
		// there (a quit request over the local channel).
		AskQuit:   t.show(agent.WindowQuit),
		AllowQuit: s.Settings.App.AllowQuit,
		Warning:   len(s.Problems) > 0,
		OnLock: func() {
			if done, err := t.runner.LockNow(t.ctx, "user"); err == nil {
				<-done
			}
		},
		PresentMax: s.Settings.Lock.SnoozeMax,
		OnPresent: func() {
			d := s.Settings.Lock.SnoozeMax
			if !t.runner.Status().PresentUntil.IsZero() {
				d = 0
			}
			_, _ = t.runner.Present(t.ctx, d)
			t.refresh()
		},
	}
	if t.readiness != nil {
		if r := t.readiness(); r != nil {
			m.Lock = tray.LockOutlook{Verdict: string(r.Verdict), Locker: i18n.LockerName(r.Method)}
			if st.IdleSource != "" {
				m.Lock.After = s.Settings.Lock.IdleTimeout
			}
		}
	}
	if !st.PresentUntil.IsZero() {
		m.PresentLeft = st.PresentUntil.Sub(now)
	}
	if st.State == agent.StateWarning && !st.LockAt.IsZero() {
		m.Countdown = st.LockAt.Sub(now)
	}
	return m
}

// show returns what a menu item for w does: ask the agent to show it, as
// a show request over the local channel would.
func (t *trayState) show(w agent.Window) func() {
	return func() { _ = t.agent.Handle(t.ctx, agent.ShowRequest(w)) }
}

// refresh shows the current menu, and keeps a one-second ticker running
// while a countdown or presentation mode needs its time updated.
func (t *trayState) refresh() {
	t.mu.Lock()
	tr := t.tray
	t.mu.Unlock()
	if tr == nil {
		return
	}
	m := t.menu()
	tr.Update(m)
	if m.Countdown > 0 || m.PresentLeft > 0 {
		t.tick()
	}
}

func (t *trayState) tick() {
	t.mu.Lock()
	if t.ticking {
		t.mu.Unlock()
		return
	}
	t.ticking = true
	t.mu.Unlock()
	go func() {
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		defer func() { t.mu.Lock(); t.ticking = false; t.mu.Unlock() }()
		for {
			select {
			case <-t.ctx.Done():
				return
			case <-tk.C:
				m := t.menu()
				t.mu.Lock()
				tr := t.tray
				t.mu.Unlock()
				tr.Update(m)
				if m.Countdown <= 0 && m.PresentLeft <= 0 {
					return
				}
			}
		}
	}()
}
