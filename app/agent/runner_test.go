package agent

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeIdle is an idle source whose idle time is the time since the last
// touch, on the real clock.
type fakeIdle struct {
	mu   sync.Mutex
	last time.Time
}

func (f *fakeIdle) Name() string { return "fake" }
func (f *fakeIdle) Idle(context.Context) (time.Duration, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return time.Since(f.last), nil
}
func (f *fakeIdle) touch() { f.mu.Lock(); f.last = time.Now(); f.mu.Unlock() }

// TestRunnerLocksAndRecords runs the real driver on the real clock with
// short timings: no input → prepare, warning, lock, privacy when the locker
// fails; input during the warning → no lock.
func TestRunnerLocksAndRecords(t *testing.T) {
	for _, tc := range []struct {
		name     string
		verified bool
		input    bool // touch the idle source during the warning
		want     State
	}{
		{"verified lock", true, false, StateLocked},
		{"locker fails: privacy", false, false, StatePrivacy},
		{"input cancels the warning", true, true, StateActive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &fakeIdle{last: time.Now()}
			var locks atomic.Int32
			events := make(chan Event, 64)
			r := &Runner{
				Source: src,
				Lock: func(context.Context) LockRecord {
					locks.Add(1)
					return LockRecord{At: time.Now(), Verified: tc.verified, Method: "fake"}
				},
				SessionLocked: func(context.Context) bool { return true },
				Timing:        func() Timing { return Timing{IdleTimeout: 1500 * time.Millisecond, Warning: 700 * time.Millisecond} },
				OnEvent:       func(e Event) { events <- e },
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go r.Run(ctx)
			var seen []State
			var sawPrepare, sawWarning bool
			deadline := time.After(5 * time.Second)
		loop:
			for {
				select {
				case e := <-events:
					seen = append(seen, e.State)
					sawPrepare = sawPrepare || e.Action == ActionPrepareWarning
					sawWarning = sawWarning || e.State == StateWarning
					if e.State == StateWarning && tc.input {
						src.touch()
						r.Poke()
					}
					if e.Lock != nil || (tc.input && sawWarning && e.State == StateActive) {
						break loop
					}
				case <-deadline:
					break loop
				}
			}
			if got := r.Status().State; got != tc.want {
				t.Errorf("state %s, want %s (saw %v)", got, tc.want, seen)
			}
			if !sawPrepare {
				t.Errorf("no prepare-warning event (saw %v)", seen)
			}
			// The first reading and the one that began the warning are
			// steps; a lock's outcome arrives without one.
			if n := r.Status().Steps; n < 2 {
				t.Errorf("Steps = %d, want at least 2 (start, warning)", n)
			}
			if tc.input && locks.Load() != 0 {
				t.Errorf("locked %d times although input came during the warning", locks.Load())
			}
			if !tc.input {
				h := r.History()
				if len(h) != 1 || h[0].Reason != "idle" || h[0].Privacy == tc.verified {
					t.Errorf("history = %+v", h)
				}
			}
		})
	}
}

func TestRunnerLockNowWithoutSource(t *testing.T) {
	r := &Runner{
		Lock:          func(context.Context) LockRecord { return LockRecord{Verified: true, Method: "fake"} },
		SessionLocked: func(context.Context) bool { return false },
		Timing:        func() Timing { return std },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	select {
	case rec := <-r.LockNow("user"):
		if !rec.Verified || rec.Reason != "user" {
			t.Errorf("LockNow = %+v", rec)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LockNow never answered")
	}
	if _, err := r.Present(time.Minute); err != nil {
		t.Errorf("Present: %v", err)
	}
	if st := r.Status(); st.State != StatePresenting || st.PresentUntil.IsZero() {
		t.Errorf("after Present: %+v", st)
	}
}

// TestRunnerRecordsPresentations: presentation mode is recorded when it
// starts, when the user ends it, and when it runs out.
func TestRunnerRecordsPresentations(t *testing.T) {
	src := &fakeIdle{last: time.Now()}
	r := &Runner{
		Source: src,
		Lock:   func(context.Context) LockRecord { return LockRecord{Verified: true} },
		Timing: func() Timing {
			return Timing{IdleTimeout: time.Hour, Warning: time.Minute, SnoozeMax: 300 * time.Millisecond}
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)

	if _, err := r.Present(time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Present(0); err != nil {
		t.Fatal(err)
	}
	until, err := r.Present(time.Hour) // capped at SnoozeMax
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(until); d > 300*time.Millisecond {
		t.Errorf("presentation until %v from now, want at most SnoozeMax", d)
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.Status().State == StatePresenting && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p := r.Presentations()
	if len(p) != 2 || p[0].EndedBy != "user" || p[1].EndedBy != "time" || p[1].Ended.IsZero() || p[0].Start.After(p[1].Start) {
		t.Errorf("presentations = %+v, want one ended by the user, one that ran out", p)
	}
}

// TestRunnerPresentationEndedByLock: a lock asked for during presentation
// mode ends it, and the record says so (it said "user"); renewing records
// the old stretch as renewed.
func TestRunnerPresentationEndedByLock(t *testing.T) {
	src := &fakeIdle{last: time.Now()}
	r := &Runner{
		Source:        src,
		Lock:          func(context.Context) LockRecord { return LockRecord{Verified: true} },
		SessionLocked: func(context.Context) bool { return true },
		Timing:        func() Timing { return std },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	for range 2 {
		if _, err := r.Present(time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	<-r.LockNow("user")
	p := r.Presentations()
	if len(p) != 2 || p[0].EndedBy != "renewed" || p[1].EndedBy != "lock" || p[1].Ended.IsZero() {
		t.Errorf("presentations = %+v, want one renewed, one ended by the lock", p)
	}
	if h := r.History(); len(h) != 1 || h[0].Outcome != OutcomeLocked {
		t.Errorf("history = %+v, want one lock with outcome %q", h, OutcomeLocked)
	}
}

// TestRunnerLockerEnded: when the locker ends with nobody back (it was
// killed), the runner reads the idle time, sees no input since the lock
// and locks again at once, recording why; after a real unlock (input) it
// does not.
func TestRunnerLockerEnded(t *testing.T) {
	src := &fakeIdle{last: time.Now().Add(-time.Minute)}
	var locked atomic.Bool
	var locks atomic.Int32
	r := &Runner{
		Source: src,
		Lock: func(context.Context) LockRecord {
			locks.Add(1)
			locked.Store(true)
			return LockRecord{At: time.Now(), Verified: true, Method: "fake"}
		},
		SessionLocked: func(context.Context) bool { return locked.Load() },
		Timing:        func() Timing { return std },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	<-r.LockNow("user")

	locked.Store(false) // the locker was killed; no input
	r.Poke()
	waitFor(t, func() bool { return len(r.History()) == 2 }, "a second lock")
	if h := r.History(); h[1].Reason != ReasonLockerEnded || !h[1].Verified {
		t.Errorf("second lock = %+v, want reason %q", h[1], ReasonLockerEnded)
	}

	// The user comes back a while later and types the password (an
	// unlock within a second of the lock would pass for no input).
	time.Sleep(unlockSlack + 200*time.Millisecond)
	src.touch()
	time.Sleep(10 * time.Millisecond)
	locked.Store(false)
	r.Poke()
	waitFor(t, func() bool { return r.Status().State == StateActive }, "the unlock to be seen")
	if n := locks.Load(); n != 2 {
		t.Errorf("%d locks, want 2: a real unlock must not lock again", n)
	}
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waiting for %s: timed out", what)
}
