package resident

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/policy"
)

// fakeAgent is an agent with a runner on a fake lock chain and no idle
// source; it records the windows it was asked to show.
type fakeAgent struct {
	mu    sync.Mutex
	shown []agent.Window
}

func (f *fakeAgent) show(w agent.Window) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shown = append(f.shown, w)
	return nil
}

func (f *fakeAgent) windows() []agent.Window {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.shown)
}

func newTrayState(t *testing.T, f *fakeAgent) *trayState {
	t.Helper()
	r := &agent.Runner{
		Lock:          func(context.Context) agent.LockRecord { return agent.LockRecord{Verified: true, Method: "fake"} },
		SessionLocked: func(context.Context) bool { return true },
		Timing: func() agent.Timing {
			return agent.Timing{IdleTimeout: time.Hour, Warning: time.Minute, SnoozeMax: time.Hour}
		},
	}
	snap := policy.Load(policy.Paths{})
	snap.Settings.Lock.SnoozeMax = time.Hour // the default, 0, forbids presentation mode
	a := agent.New(agent.Config{Version: "test", Policy: snap, Show: f.show, Runner: r})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = r.Run(ctx) }()
	return &trayState{agent: a, runner: r, ctx: ctx}
}

// TestTrayMenu: each window item asks the agent for its window, Lock now
// locks (and returns with the outcome), presentation mode starts from the
// menu and shows its time left, and a second click ends it.
func TestTrayMenu(t *testing.T) {
	f := &fakeAgent{}
	ts := newTrayState(t, f)
	m := ts.menu()
	if m.PresentLeft != 0 || m.Countdown != 0 || m.Warning {
		t.Errorf("menu at start = %+v, want no countdown, no presentation, no warning", m)
	}
	for _, click := range []func(){m.OnStatus, m.OnSettings, m.OnCheck, m.OnGenerate, m.OnShares, m.OnFile, m.OnSend} {
		click()
	}
	want := []agent.Window{agent.WindowStatus, agent.WindowSettings, agent.WindowCheck, agent.WindowGenerate, agent.WindowShares, agent.WindowFile, agent.WindowSend}
	if got := f.windows(); !slices.Equal(got, want) {
		t.Errorf("the window items showed %v, want %v", got, want)
	}

	m.OnPresent()
	if m = ts.menu(); m.PresentLeft <= 0 || m.PresentLeft > time.Hour {
		t.Errorf("after Presentation mode: time left %v, want up to an hour", m.PresentLeft)
	}
	m.OnPresent()
	if m = ts.menu(); m.PresentLeft != 0 {
		t.Errorf("after a second click: time left %v, want presentation mode ended", m.PresentLeft)
	}

	m.OnLock()
	if h := ts.runner.History(); len(h) != 1 || h[0].Reason != "user" || h[0].Outcome != agent.OutcomeLocked {
		t.Errorf("after Lock now: history %+v, want one lock by the user", h)
	}
}

// TestEvents: the runner's events bring up the countdown and the privacy
// screen, lock outcomes and presentation mode are logged.
func TestEvents(t *testing.T) {
	ts := newTrayState(t, &fakeAgent{})
	launched := &fakeAgent{}
	var log []string
	say := func(s string) { log = append(log, s) }
	onEvent(ts.ctx, agent.Event{State: agent.StateWarning, Action: agent.ActionPrepareWarning}, launched.show, ts, say)
	onEvent(ts.ctx, agent.Event{State: agent.StatePrivacy, Action: agent.ActionShowPrivacy,
		Lock: &agent.LockRecord{Outcome: agent.OutcomeCovered, Privacy: true}}, launched.show, ts, say)
	if got, want := launched.windows(), []agent.Window{agent.WindowWarning, agent.WindowPrivacy}; !slices.Equal(got, want) {
		t.Errorf("windows started %v, want %v", got, want)
	}
	if len(log) != 1 {
		t.Errorf("log = %q, want one line for the lock", log)
	}
	log = nil
	onEvent(ts.ctx, agent.Event{State: agent.StatePresenting}, launched.show, ts, say)
	onEvent(ts.ctx, agent.Event{State: agent.StateActive}, launched.show, ts, say)
	if len(log) != 2 || !strings.Contains(log[0], "presentation mode") || !strings.Contains(log[1], "presentation mode ended") {
		t.Errorf("log = %q, want the start and the end of presentation mode", log)
	}
}

// TestTrayQuitAndOutlook: Quit asks in a window of its own and quits
// nothing by itself; the tooltip's outlook follows the last look at the
// lock chain.
func TestTrayQuitAndOutlook(t *testing.T) {
	f := &fakeAgent{}
	ts := newTrayState(t, f)
	m := ts.menu()
	if m.OnQuit != nil || m.AskQuit == nil {
		t.Fatalf("menu quits without asking: OnQuit %v, AskQuit %v", m.OnQuit != nil, m.AskQuit != nil)
	}
	m.AskQuit()
	if got := f.windows(); !slices.Equal(got, []agent.Window{agent.WindowQuit}) {
		t.Errorf("Quit showed %v, want the quit window", got)
	}
	if ts.ctx.Err() != nil {
		t.Error("the agent's context ended before the user confirmed")
	}
	if m.Lock.Verdict != "" {
		t.Errorf("outlook before any look = %+v, want none", m.Lock)
	}
	r := &agent.Readiness{Verdict: agent.VerdictNone}
	ts.readiness = func() *agent.Readiness { return r }
	if m := ts.menu(); m.Lock.Verdict != "none" || m.Lock.After != 0 {
		t.Errorf("outlook = %+v, want none, and no time (there is no idle source)", m.Lock)
	}
	r = &agent.Readiness{Verdict: agent.VerdictLocks, Method: "gnome-screensaver"}
	if m := ts.menu(); m.Lock.Verdict != "locks" || m.Lock.Locker != "GNOME's screen lock" {
		t.Errorf("outlook = %+v, want locks with GNOME's screen lock", m.Lock)
	}
}
