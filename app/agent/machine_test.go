package agent

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// step is one event in a scenario: at time t (from the start) the machine
// is stepped with this idle time (or error), or told a lock result, or asked
// to lock now or present.
type step struct {
	at      time.Duration
	idle    time.Duration
	err     error
	locked  bool          // SessionLocked, in StateLocked
	do      string        // "" (Step), "done-ok", "done-fail", "lock-now", "present", "unpresent"
	present time.Duration // for "present"
	// presentErr is the error "present" must return.
	presentErr error
	// reason is the Decision's Reason to expect, when set.
	reason string
	timing Timing // the zero value: the scenario's timing
	// expected outcome
	state  State
	action Action
	wake   time.Duration // 0: not checked
}

var std = Timing{IdleTimeout: 5 * time.Minute, Warning: 30 * time.Second, SnoozeMax: time.Hour}

func TestMachine(t *testing.T) {
	m, s := time.Minute, time.Second
	tests := []struct {
		name   string
		timing Timing
		steps  []step
	}{
		{"active user: sleeps until the warning's lead time", std, []step{
			{at: 0, idle: 10 * s, state: StateActive, wake: 5*m - 30*s - 10*s - prepareLead},
		}},
		{"no input: prepare, warn, lock, verified, unlock", std, []step{
			{at: 0, idle: 0, state: StateActive, wake: 4*m + 28*s},
			{at: 4*m + 28*s, idle: 4*m + 28*s, state: StateActive, action: ActionPrepareWarning, wake: prepareLead},
			{at: 4*m + 30*s, idle: 4*m + 30*s, state: StateWarning, wake: s},
			{at: 4*m + 31*s, idle: 4*m + 31*s, state: StateWarning, wake: s},
			{at: 5*m - 500*time.Millisecond, idle: 5*m - 500*time.Millisecond, state: StateWarning, wake: 500 * time.Millisecond},
			{at: 5 * m, idle: 5 * m, state: StateLocking, action: ActionLock},
			{at: 5 * m, do: "done-ok", state: StateLocked, wake: lockedPoll},
			{at: 5*m + 2*s, locked: true, idle: 5*m + 2*s, state: StateLocked, wake: lockedPoll},
			{at: 9 * m, locked: false, idle: s, state: StateActive},
		}},
		{"input during the warning cancels it", std, []step{
			{at: 4*m + 31*s, idle: 4*m + 31*s, state: StateWarning, action: ActionPrepareWarning},
			{at: 4*m + 40*s, idle: 300 * time.Millisecond, state: StateActive, wake: 4*m + 30*s - 300*time.Millisecond - prepareLead},
			{at: 4*m + 41*s, idle: 1300 * time.Millisecond, state: StateActive},
		}},
		{"the warning window is asked for once per idle stretch", std, []step{
			{at: 4*m + 29*s, idle: 4*m + 29*s, state: StateActive, action: ActionPrepareWarning},
			{at: 4*m + 30*s, idle: 4*m + 30*s, state: StateWarning, action: ActionNone},
		}},
		{"locker fails: privacy screen until real input", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: 4*m + 30*s, idle: 4*m + 30*s, state: StateWarning, action: ActionPrepareWarning},
			{at: 5 * m, idle: 5 * m, state: StateLocking, action: ActionLock},
			{at: 5*m + 7*s, do: "done-fail", state: StatePrivacy, action: ActionShowPrivacy},
			{at: 5*m + 9*s, idle: 5*m + 9*s, state: StatePrivacy, wake: lockedPoll},
			{at: 5*m + 30*s, idle: 5*m + 30*s, state: StatePrivacy},
			{at: 5*m + 32*s, idle: 26 * s, state: StatePrivacy}, // input before the screen went up

			{at: 6 * m, idle: 200 * time.Millisecond, state: StateActive},
		}},
		{"no warning configured: lock at the timeout", Timing{IdleTimeout: time.Minute}, []step{
			{at: 0, idle: 0, state: StateActive, wake: m},
			{at: m, idle: m, state: StateLocking, action: ActionLock},
		}},
		{"idle past the deadline at the first reading (agent start): the full warning first", std, []step{
			{at: 0, idle: time.Hour, state: StateWarning, action: ActionPrepareWarning, wake: s},
			{at: 29 * s, idle: time.Hour + 29*s, state: StateWarning},
			{at: 30 * s, idle: time.Hour + 30*s, state: StateLocking, action: ActionLock},
		}},
		{"idle past the deadline at the first reading, and input during the warning", std, []step{
			{at: 0, idle: time.Hour, state: StateWarning, action: ActionPrepareWarning},
			{at: 10 * s, idle: 100 * time.Millisecond, state: StateActive},
		}},
		{"a new policy timing already passed: the full warning, not a sudden lock", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: 2 * m, idle: 2 * m, state: StateActive},
			{at: 2*m + s, idle: 2*m + s, timing: Timing{IdleTimeout: m, Warning: 20 * s}, state: StateWarning, action: ActionPrepareWarning},
			{at: 2*m + 21*s, idle: 2*m + 21*s, timing: Timing{IdleTimeout: m, Warning: 20 * s}, state: StateLocking, action: ActionLock},
		}},
		{"stopped past the deadline (SIGSTOP, then SIGCONT): the full warning, not a sudden lock", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: 2 * time.Hour, idle: 2 * time.Hour, state: StateWarning, action: ActionPrepareWarning, wake: s},
			{at: 2*time.Hour + 10*s, idle: 2*time.Hour + 10*s, state: StateWarning},
			{at: 2*time.Hour + 30*s, idle: 2*time.Hour + 30*s, state: StateLocking, action: ActionLock},
		}},
		{"stopped past the deadline, input during the warning: no lock", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: 2 * time.Hour, idle: 2 * time.Hour, state: StateWarning, action: ActionPrepareWarning},
			{at: 2*time.Hour + 5*s, idle: 300 * time.Millisecond, state: StateActive},
		}},
		{"the locker ends with nobody back (crash, OOM kill): lock again at once", std, []step{
			{at: 5 * m, idle: 5 * m, state: StateWarning, action: ActionPrepareWarning},
			{at: 5*m + 30*s, idle: 5*m + 30*s, state: StateLocking, action: ActionLock},
			{at: 5*m + 31*s, do: "done-ok", state: StateLocked},
			{at: 5*m + 33*s, locked: true, state: StateLocked, wake: lockedPoll},
			{at: 7 * m, locked: false, idle: 7 * m, state: StateLocking, action: ActionLock, reason: ReasonLockerEnded},
			{at: 7*m + s, do: "done-ok", state: StateLocked},
			{at: 9 * m, locked: false, idle: 500 * time.Millisecond, state: StateActive},
		}},
		{"the locker ends after a user's Lock now and no input since: lock again", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: s, do: "lock-now", state: StateLocking, action: ActionLock},
			{at: 2 * s, do: "done-ok", state: StateLocked},
			{at: 10 * s, locked: false, idle: 10 * s, state: StateLocking, action: ActionLock, reason: ReasonLockerEnded},
		}},
		{"the locker ends after the user typed the password: an unlock", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: s, do: "lock-now", state: StateLocking, action: ActionLock},
			{at: 2 * s, do: "done-ok", state: StateLocked},
			{at: 10 * s, locked: false, idle: 1500 * time.Millisecond, state: StateActive},
		}},
		{"the locker ends and the idle source fails: taken as an unlock, the watch goes on", std, []step{
			{at: 0, do: "lock-now", state: StateLocking, action: ActionLock},
			{at: s, do: "done-ok", state: StateLocked},
			{at: m, locked: false, err: errors.New("gone"), state: StateActive},
		}},
		{"idle source fails: retry, keep state", std, []step{
			{at: 0, err: errors.New("x11: connection lost"), state: StateActive, wake: retryAfterError},
			{at: 5 * s, idle: 10 * s, state: StateActive},
		}},
		{"idle source fails during the warning: the lock still comes on time", std, []step{
			{at: 4*m + 30*s, idle: 4*m + 30*s, state: StateWarning, action: ActionPrepareWarning},
			{at: 4*m + 50*s, err: errors.New("gone"), state: StateWarning, wake: retryAfterError},
			{at: 5 * m, err: errors.New("gone"), state: StateLocking, action: ActionLock},
		}},
		{"lock now from active", std, []step{
			{at: 0, idle: 0, state: StateActive},
			{at: s, do: "lock-now", state: StateLocking, action: ActionLock},
			{at: 2 * s, do: "lock-now", state: StateLocking, action: ActionNone},
		}},
		{"presentation mode pauses auto-lock, capped, then warns in full", Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 20 * m}, []step{
			{at: 0, do: "present", present: time.Hour, state: StatePresenting},
			{at: 10 * m, idle: 10 * m, state: StatePresenting, wake: 10 * m},
			{at: 20 * m, idle: 20 * m, state: StateWarning, action: ActionPrepareWarning, wake: s},
			{at: 20*m + 30*s, idle: 20*m + 30*s, state: StateLocking, action: ActionLock},
		}},
		{"presentation mode cannot be renewed without input: the cap counts from the last input", Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 20 * m}, []step{
			{at: 0, do: "present", present: 20 * m, state: StatePresenting},
			// A script renews it every 10 minutes; nobody touches the machine.
			{at: 10 * m, do: "present", present: 20 * m, idle: 10 * m, presentErr: ErrNotPresent, state: StatePresenting},
			{at: 19 * m, idle: 19 * m, state: StatePresenting, wake: m},
			{at: 20 * m, idle: 20 * m, state: StateWarning, action: ActionPrepareWarning},
		}},
		{"renewing with input just under the presence window still ends at the cap from the last input", Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 20 * m}, []step{
			{at: 0, do: "present", present: 20 * m, state: StatePresenting},
			{at: 19*m + 30*s, do: "present", idle: 50 * s, present: 20 * m, state: StatePresenting},
			// The last input was at 18m40s: the stretch ends at 38m40s, not 39m30s.
			{at: 38 * m, idle: 19*m + 20*s, state: StatePresenting, wake: 40 * s},
		}},
		{"a lower snooze_max from the policy ends a running presentation at the new limit", Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: time.Hour}, []step{
			{at: 0, do: "present", present: time.Hour, state: StatePresenting},
			{at: 10 * m, idle: 10 * m, timing: Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 30 * m}, state: StatePresenting, wake: 20 * m},
			{at: 31 * m, idle: 31 * m, timing: Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 30 * m}, state: StateWarning, action: ActionPrepareWarning},
			{at: 31*m + 30*s, idle: 31*m + 30*s, timing: Timing{IdleTimeout: 5 * m, Warning: 30 * s, SnoozeMax: 30 * m}, state: StateLocking, action: ActionLock},
		}},
		{"ending presentation mode while idle past the timeout: the full warning first", std, []step{
			{at: 0, do: "present", present: time.Hour, state: StatePresenting},
			{at: 20 * m, do: "unpresent", idle: 20 * m, state: StateActive},
			{at: 20 * m, idle: 20 * m, state: StateWarning, action: ActionPrepareWarning},
		}},
		{"presentation mode ends early when the policy forbids it", std, []step{
			{at: 0, do: "present", present: 30 * m, state: StatePresenting},
			// Policy changed to snooze_max 0 (see the timing override below).
			{at: m, idle: s, state: StateActive},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mach := NewMachine()
			start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
			for i, st := range tc.steps {
				timing := tc.timing
				if st.timing != (Timing{}) {
					timing = st.timing
				}
				if tc.name == "presentation mode ends early when the policy forbids it" && i > 0 {
					timing.SnoozeMax = 0
				}
				now := start.Add(st.at)
				var d Decision
				switch st.do {
				case "":
					d = mach.Step(Input{Now: now, Idle: st.idle, IdleErr: st.err, SessionLocked: st.locked, Timing: timing})
				case "done-ok", "done-fail":
					d = mach.LockDone(now, st.do == "done-ok")
				case "lock-now":
					d = mach.LockNow()
				case "present":
					var err error
					_, d, err = mach.Present(Input{Now: now, Idle: st.idle, IdleErr: st.err, Timing: timing}, st.present)
					if !errors.Is(err, st.presentErr) || (err != nil) != (st.presentErr != nil) {
						t.Fatalf("step %d: Present: %v, want %v", i, err, st.presentErr)
					}
				case "unpresent":
					_, d, _ = mach.Present(Input{Now: now, Idle: st.idle, Timing: timing}, 0)
				}
				if st.reason != "" && d.Reason != st.reason {
					t.Errorf("step %d: reason %q, want %q", i, d.Reason, st.reason)
				}
				where := fmt.Sprintf("step %d (%s at +%v)", i, st.do, st.at)
				if mach.State() != st.state {
					t.Fatalf("%s: state %s, want %s", where, mach.State(), st.state)
				}
				if d.Action != st.action {
					t.Errorf("%s: action %v, want %v", where, d.Action, st.action)
				}
				if st.wake != 0 && d.Wake != st.wake {
					t.Errorf("%s: wake in %v, want %v", where, d.Wake, st.wake)
				}
				if d.Wake < 0 {
					t.Errorf("%s: negative wake %v", where, d.Wake)
				}
			}
		})
	}
}

func TestPresentRefused(t *testing.T) {
	m := NewMachine()
	now := time.Now()
	at := func(tm Timing) Input { return Input{Now: now, Timing: tm} }
	if _, _, err := m.Present(at(Timing{IdleTimeout: time.Minute}), time.Hour); !errors.Is(err, ErrPresentationNotAllowed) {
		t.Errorf("Present with snooze_max 0 = %v, want ErrPresentationNotAllowed", err)
	}
	if _, _, err := m.Present(Input{Now: now, Idle: 2 * time.Minute, Timing: std}, time.Hour); !errors.Is(err, ErrNotPresent) {
		t.Errorf("Present after 2 minutes without input = %v, want ErrNotPresent", err)
	}
	m.LockNow()
	if _, _, err := m.Present(at(std), time.Minute); err == nil {
		t.Error("Present while locking succeeded")
	}
	until, _, err := NewMachine().Present(at(std), 2*time.Hour)
	if err != nil || !until.Equal(now.Add(time.Hour)) {
		t.Errorf("Present(2h) with snooze_max 1h ends %v (%v), want in 1h", until, err)
	}
	// With no idle reading (no idle source) it counts from now.
	until, _, err = NewMachine().Present(Input{Now: now, IdleErr: errNoSource, Timing: std}, 10*time.Minute)
	if err != nil || !until.Equal(now.Add(10*time.Minute)) {
		t.Errorf("Present(10m) with no idle source ends %v (%v), want in 10m", until, err)
	}
}

// TestWakeUpsWhileActive counts the steps a busy user costs: with input
// every few seconds the machine wakes about once per (timeout - warning).
func TestWakeUpsWhileActive(t *testing.T) {
	m := NewMachine()
	start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	now, wakes := start, 0
	for now.Before(start.Add(time.Hour)) {
		idle := time.Duration(now.Sub(start).Seconds())%7*time.Second + 500*time.Millisecond // input every 7 s
		d := m.Step(Input{Now: now, Idle: idle, Timing: std})
		if m.State() != StateActive {
			t.Fatalf("state %s with an active user", m.State())
		}
		now = now.Add(d.Wake)
		wakes++
	}
	if wakes > 20 {
		t.Errorf("%d wake-ups in an hour of activity, want at most 20", wakes)
	}
	t.Logf("%d wake-ups in an hour with input every 7 s (%.2f per minute)", wakes, float64(wakes)/60)
}
