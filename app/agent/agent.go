// Package agent is the resident agent's core: it holds the effective policy,
// knows what the agent can do on this desktop (tray, display), and answers
// the requests that UI processes and CLI commands send over the local
// channel (package [grendel/app/ipc]).
//
// It imports no Fyne: the tray, the windows and the process that shows them
// are plugged in as functions, so the agent is tested without a display.
package agent

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"grendel/app/autostart"
	"grendel/app/ipc"
	"grendel/app/oslock"
	"grendel/policy"
)

// Status is what the agent reports about itself: the data of an
// [ipc.OpStatus] response.
type Status struct {
	// Version is Grendel's version: the agent's.
	Version string `json:"version"`
	// PID is the agent's process id; a status made without an agent (a
	// compliance document, package [grendel/app/compliance]) has none.
	PID int `json:"pid,omitempty"`
	// Started is when the agent started; without an agent, absent.
	Started time.Time `json:"started,omitzero"`
	// Tray is true while the tray icon is shown.
	Tray bool `json:"tray"`
	// TrayProblem says why there is no tray icon (English, from the OS).
	TrayProblem string `json:"tray_problem,omitempty"`
	// Display names the display the agent watches, "" for none.
	Display string `json:"display,omitempty"`
	// Policy is the effective policy: every key's value and source, the
	// problems found, the files read.
	Policy policy.Report `json:"policy"`
	// PolicyStale is set when the policy files changed (or a reload was
	// asked for) this long ago and reading them has not finished: Policy
	// is then the last one read in full, and may not be the one IT set.
	PolicyStale *time.Time `json:"policy_stale_since,omitempty"`
	// Lock is the idle watch and lock chain, nil when the agent runs none.
	Lock *LockStatus `json:"lock,omitempty"`
	// StartedBy says how the agent was started.
	StartedBy Starter `json:"started_by,omitempty"`
	// Autostart is whether Grendel starts at this user's login; nil when
	// the agent does not read it.
	Autostart *autostart.Status `json:"autostart,omitempty"`
	// OSLock is the desktop's own lock, the backstop when Grendel is
	// gone, weighed against lock.idle_timeout; nil when not read.
	OSLock *oslock.Status `json:"os_lock,omitempty"`
}

// LockStatus is the state of the idle watch and the lock chain.
type LockStatus struct {
	RunnerStatus
	// IdleSources lists the idle sources tried, with why each was not used.
	IdleSources []AttemptRecord `json:"idle_sources,omitempty"`
	// Methods lists the lock chain's methods in order.
	Methods []string `json:"methods"`
	// Readiness is what the last look at the chain, without locking,
	// found: whether the next lock will lock, or only cover the screen.
	// Nil before the first look.
	Readiness *Readiness `json:"readiness,omitempty"`
	// History holds the last lock outcomes, oldest first.
	History []LockRecord `json:"history,omitempty"`
	// Presentations holds the last stretches of presentation mode.
	Presentations []PresentRecord `json:"presentations,omitempty"`
}

// Agent is the resident agent's state. Create it with [New].
type Agent struct {
	version  string
	now      func() time.Time
	show     func(Window) error
	reload   func() *policy.Snapshot
	pending  func() (time.Time, bool)
	runner   *Runner
	lockInfo func() LockStatus
	quit     func()

	startedBy Starter
	around    surroundings

	mu          sync.Mutex
	started     time.Time
	snap        *policy.Snapshot
	tray        bool
	trayProblem string
	display     string
	onPolicy    []func(*policy.Snapshot)
}

// Config is what an Agent needs from its surroundings.
type Config struct {
	// Version is the program's version, reported in Status.
	Version string
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// Show opens a window in a UI process; nil refuses show requests.
	Show func(Window) error
	// Reload reads the policy files again (a reload request); nil refuses.
	Reload func() *policy.Snapshot
	// Pending reports since when a policy load has been due or under way
	// without finishing ([policy.Loader.Pending]); nil for never.
	Pending func() (time.Time, bool)
	// Policy is the policy at start.
	Policy *policy.Snapshot
	// Display names the display, "" for none.
	Display string
	// Runner is the idle watch; nil when there is none.
	Runner *Runner
	// LockInfo adds what the runner does not know (idle sources tried,
	// the chain's methods, their readiness) to the status; nil for none.
	LockInfo func() LockStatus
	// Quit stops the agent (a quit request the policy allows); it must
	// return at once. Nil refuses quit requests.
	Quit func()
	// StartedBy is how the agent was started; "" means [StartedBy].
	StartedBy Starter
	// Autostart reads whether Grendel starts at the user's login
	// ([autostart.Read]); nil leaves it out of the status.
	Autostart func() autostart.Status
	// OSLock reads the desktop's own lock ([oslock.Read]); nil leaves it
	// out of the status.
	OSLock func() oslock.Setting
}

// New returns an agent that starts now.
func New(c Config) *Agent {
	now := c.Now
	if now == nil {
		now = time.Now
	}
	snap := c.Policy
	if snap == nil {
		snap = policy.Load(policy.Paths{})
	}
	startedBy := c.StartedBy
	if startedBy == "" {
		startedBy = StartedBy()
	}
	a := &Agent{version: c.Version, now: now, show: c.Show, reload: c.Reload, pending: c.Pending, started: now(), snap: snap, display: c.Display,
		runner: c.Runner, lockInfo: c.LockInfo, quit: c.Quit,
		startedBy: startedBy, around: surroundings{autostart: c.Autostart, oslock: c.OSLock}}
	if c.Autostart != nil || c.OSLock != nil {
		// Read them at once, beside the rest of the start, not in the first
		// status request: on Windows the autostart reader runs schtasks,
		// whose first call may start the Task Scheduler (seconds under Wine).
		a.around.prime(now())
	}
	return a
}

// Policy returns the effective policy.
func (a *Agent) Policy() *policy.Snapshot {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.snap
}

// SetPolicy replaces the effective policy and tells every OnPolicy function,
// unless the agent holds a newer one: a snapshot whose load started before
// that of the one in force (a lower [policy.Snapshot.Generation]) never
// replaces it, however late it arrives.
func (a *Agent) SetPolicy(s *policy.Snapshot) {
	a.mu.Lock()
	if s.Generation < a.snap.Generation {
		a.mu.Unlock()
		return
	}
	a.snap = s
	fns := append([]func(*policy.Snapshot){}, a.onPolicy...)
	a.mu.Unlock()
	for _, f := range fns {
		f(s)
	}
}

// OnPolicy registers f to be called with each new policy. It runs on the
// goroutine that calls SetPolicy.
func (a *Agent) OnPolicy(f func(*policy.Snapshot)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.onPolicy = append(a.onPolicy, f)
}

// SetTray records whether the tray icon is shown, and if not, why.
func (a *Agent) SetTray(shown bool, problem error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.tray, a.trayProblem = shown, ""
	if problem != nil {
		a.trayProblem = problem.Error()
	}
}

// Status reports the agent's state.
func (a *Agent) Status() Status {
	a.mu.Lock()
	st := Status{
		Version: a.version, PID: os.Getpid(), Started: a.started,
		Tray: a.tray, TrayProblem: a.trayProblem, Display: a.display,
		Policy: a.snap.Report(),
	}
	a.mu.Unlock()
	a.addStartup(&st)
	if a.pending != nil {
		if since, ok := a.pending(); ok && a.now().Sub(since) >= StaleAfter {
			st.PolicyStale = &since
		}
	}
	if a.runner != nil {
		ls := LockStatus{}
		if a.lockInfo != nil {
			ls = a.lockInfo()
		}
		ls.RunnerStatus = a.runner.Status()
		ls.History = a.runner.History()
		ls.Presentations = a.runner.Presentations()
		if n := len(ls.History); n > 5 {
			ls.History = ls.History[n-5:]
		}
		st.Lock = &ls
	}
	return st
}

// firstStepWait bounds how long a status request waits for the idle
// watch's first step: an idle source that hangs has its own timeout, and
// the status then shows no reading yet (Steps 0) rather than no answer.
const firstStepWait = 3 * time.Second

// awaitFirstStep waits until the idle watch has taken its first step, so a
// status request at the agent's start never reports an idle state nobody
// measured (an agent restarted past the idle deadline would otherwise say
// "active, idle 0s" for its first moments).
func (a *Agent) awaitFirstStep(ctx context.Context) {
	if a.runner == nil {
		return
	}
	t := time.NewTimer(firstStepWait)
	defer t.Stop()
	select {
	case <-a.FirstStep():
	case <-ctx.Done():
	case <-t.C:
	}
}

// FirstStep returns a channel closed once the idle watch has taken its
// first step (read the idle time once); nil, which never closes, for an
// agent without one.
func (a *Agent) FirstStep() <-chan struct{} {
	if a.runner == nil {
		return nil
	}
	return a.runner.Stepped()
}

// StaleAfter is how long a policy load may be due or under way before the
// status calls the policy in force stale: longer than a read may take
// ([policy.ReadTimeout]), plus the watcher's debounce.
const StaleAfter = policy.ReadTimeout + 2*time.Second

// ErrUnknownWindow is returned for a show request naming no known window.
var ErrUnknownWindow = errors.New("unknown window")

// ErrQuitForbidden is the error of a quit request while the policy's
// app.allow_quit is false.
var ErrQuitForbidden = errors.New("the policy does not allow quitting Grendel (app.allow_quit)")

// Handle answers one request from the local channel; it is an [ipc.Handler].
func (a *Agent) Handle(ctx context.Context, req ipc.Request) ipc.Response {
	switch req.Op {
	case ipc.OpPing:
		return ipc.Success(nil)
	case ipc.OpStatus:
		a.awaitFirstStep(ctx)
		return ipc.Success(a.Status())
	case ipc.OpShow:
		w, ok := ParseWindow(req.Window)
		if !ok {
			return ipc.Failure(fmt.Errorf("%w %q", ErrUnknownWindow, req.Window))
		}
		if a.show == nil {
			return ipc.Failure(errors.New("this agent cannot show windows"))
		}
		if err := a.show(w); err != nil {
			return ipc.Failure(fmt.Errorf("show %s: %w", req.Window, err))
		}
		return ipc.Success(nil)
	case ipc.OpLock:
		if a.runner == nil {
			return ipc.Failure(errors.New("this agent has no lock chain"))
		}
		// The chain may take longer than a request may last: start it and
		// answer at once; the outcome shows in the status.
		if _, err := a.runner.LockNow(ctx, "user"); err != nil {
			return ipc.Failure(err)
		}
		return ipc.Success(nil)
	case ipc.OpPresent:
		if a.runner == nil {
			return ipc.Failure(errors.New("this agent has no idle watch"))
		}
		d, err := time.ParseDuration(req.Duration)
		if err != nil {
			return ipc.Failure(err)
		}
		until, err := a.runner.Present(ctx, d)
		if err != nil {
			return ipc.Failure(err)
		}
		return ipc.Success(until)
	case ipc.OpQuit:
		if !a.Policy().Settings.App.AllowQuit {
			return ipc.Failure(ErrQuitForbidden)
		}
		if a.quit == nil {
			return ipc.Failure(errors.New("this agent cannot quit on request"))
		}
		// The agent stops after this answer: its server waits for the
		// connections it is answering before it closes.
		a.quit()
		return ipc.Success(nil)
	case ipc.OpReload:
		if a.reload == nil {
			return ipc.Failure(errors.New("this agent cannot reload"))
		}
		a.SetPolicy(a.reload())
		// The policy in force, which is newer if a load that started
		// later has finished first.
		return ipc.Success(a.Policy().Report())
	}
	return ipc.Failure(fmt.Errorf("unknown op %q", req.Op))
}
