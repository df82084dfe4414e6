package agent

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is the runner's clock in tests ([Runner.Now], [Runner.After]).
// Its time moves only when a test advances it, firing the sleeps that have
// ended; an automatic clock instead moves on at once by each sleep, up to a
// horizon past which a sleep never ends (the runner then waits for a
// request), so that the runner goes through its states in no real time.
type fakeClock struct {
	mu           sync.Mutex
	now, horizon time.Time
	auto         bool
	timers       []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
}

// newAutoClock returns an automatic clock whose horizon is a minute on.
func newAutoClock() *fakeClock {
	c := newFakeClock()
	c.auto, c.horizon = true, c.now.Add(time.Minute)
	return c
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	switch {
	case c.auto && c.now.Add(d).After(c.horizon):
		return nil // never fires
	case c.auto:
		c.now = c.now.Add(d)
		ch <- c.now
	case d <= 0:
		ch <- c.now
	default:
		c.timers = append(c.timers, fakeTimer{c.now.Add(d), ch})
	}
	return ch
}

// advance moves the time (and an automatic clock's horizon) on by d, and
// fires the sleeps that end by then.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now, c.horizon = c.now.Add(d), c.horizon.Add(d)
	c.timers = slices.DeleteFunc(c.timers, func(t fakeTimer) bool {
		if t.at.After(c.now) {
			return false
		}
		t.ch <- t.at
		return true
	})
}

// fakeIdle is an idle source whose idle time is the time since the last
// touch, on the fake clock.
type fakeIdle struct {
	clock *fakeClock
	mu    sync.Mutex
	last  time.Time
}

func newFakeIdle(c *fakeClock, idle time.Duration) *fakeIdle {
	return &fakeIdle{clock: c, last: c.Now().Add(-idle)}
}

func (f *fakeIdle) Name() string { return "fake" }
func (f *fakeIdle) Idle(context.Context) (time.Duration, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.clock.Now().Sub(f.last), nil
}
func (f *fakeIdle) touch() { f.mu.Lock(); f.last = f.clock.Now(); f.mu.Unlock() }

// TestRunnerLocksAndRecords runs the real driver on the fake clock: no
// input → prepare, warning, lock, privacy when the locker fails; input
// during the warning → no lock.
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
			clock := newAutoClock()
			src := newFakeIdle(clock, 0)
			var locks atomic.Int32
			events := make(chan Event, 64)
			r := &Runner{
				Source: src,
				Lock: func(context.Context) LockRecord {
					locks.Add(1)
					return LockRecord{At: clock.Now(), Verified: tc.verified, Method: "fake"}
				},
				SessionLocked: func(context.Context) bool { return true },
				Timing:        func() Timing { return Timing{IdleTimeout: 1500 * time.Millisecond, Warning: 700 * time.Millisecond} },
				OnEvent: func(e Event) {
					if e.State == StateWarning && tc.input {
						src.touch() // on the runner's goroutine: seen by its next step
					}
					events <- e
				},
				Now:   clock.Now,
				After: clock.After,
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
					if e.Lock != nil || (tc.input && sawWarning && e.State == StateActive) {
						break loop
					}
				case <-deadline:
					break loop
				}
			}
			// The clock runs on after the loop: judge by the events.
			if got := seen[len(seen)-1]; got != tc.want {
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
	clock := newFakeClock()
	r := &Runner{
		Lock:          func(context.Context) LockRecord { return LockRecord{Verified: true, Method: "fake"} },
		SessionLocked: func(context.Context) bool { return false },
		Timing:        func() Timing { return std },
		Now:           clock.Now,
		After:         clock.After,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	select {
	case rec := <-lockNow(t, r):
		if !rec.Verified || rec.Reason != "user" {
			t.Errorf("LockNow = %+v", rec)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LockNow never answered")
	}
	if _, err := r.Present(ctx, time.Minute); err != nil {
		t.Errorf("Present: %v", err)
	}
	if st := r.Status(); st.State != StatePresenting || st.PresentUntil.IsZero() {
		t.Errorf("after Present: %+v", st)
	}
}

// TestRunnerRecordsPresentations: presentation mode is recorded when it
// starts, when the user ends it, and when it runs out.
func TestRunnerRecordsPresentations(t *testing.T) {
	clock := newFakeClock()
	src := newFakeIdle(clock, 0)
	r := &Runner{
		Source: src,
		Lock:   func(context.Context) LockRecord { return LockRecord{Verified: true} },
		Timing: func() Timing {
			return Timing{IdleTimeout: time.Hour, Warning: time.Minute, SnoozeMax: 300 * time.Millisecond}
		},
		Now:   clock.Now,
		After: clock.After,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)

	if _, err := r.Present(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Present(ctx, 0); err != nil {
		t.Fatal(err)
	}
	until, err := r.Present(ctx, time.Hour) // capped at SnoozeMax
	if err != nil {
		t.Fatal(err)
	}
	if d := until.Sub(src.last); d > 300*time.Millisecond {
		t.Errorf("presentation until %v from now, want at most SnoozeMax", d)
	}
	waitFor(t, func() bool {
		clock.advance(100 * time.Millisecond)
		return r.Status().State != StatePresenting
	}, "presentation mode to run out")
	p := r.Presentations()
	if len(p) != 2 || p[0].EndedBy != "user" || p[1].EndedBy != "time" || p[1].Ended.IsZero() || p[0].Start.After(p[1].Start) {
		t.Errorf("presentations = %+v, want one ended by the user, one that ran out", p)
	}
}

// TestRunnerPresentationEndedByLock: a lock asked for during presentation
// mode ends it, and the record says so (it said "user"); renewing records
// the old stretch as renewed.
func TestRunnerPresentationEndedByLock(t *testing.T) {
	clock := newFakeClock()
	src := newFakeIdle(clock, 0)
	r := &Runner{
		Source:        src,
		Lock:          func(context.Context) LockRecord { return LockRecord{Verified: true} },
		SessionLocked: func(context.Context) bool { return true },
		Timing:        func() Timing { return std },
		Now:           clock.Now,
		After:         clock.After,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	for range 2 {
		if _, err := r.Present(ctx, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	<-lockNow(t, r)
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
	clock := newFakeClock()
	src := newFakeIdle(clock, time.Minute)
	var locked atomic.Bool
	var locks atomic.Int32
	r := &Runner{
		Source: src,
		Lock: func(context.Context) LockRecord {
			locks.Add(1)
			locked.Store(true)
			return LockRecord{At: clock.Now(), Verified: true, Method: "fake"}
		},
		SessionLocked: func(context.Context) bool { return locked.Load() },
		Timing:        func() Timing { return std },
		Now:           clock.Now,
		After:         clock.After,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	<-lockNow(t, r)

	locked.Store(false) // the locker was killed; no input
	r.Poke()
	waitFor(t, func() bool { return len(r.History()) == 2 }, "a second lock")
	if h := r.History(); h[1].Reason != ReasonLockerEnded || !h[1].Verified {
		t.Errorf("second lock = %+v, want reason %q", h[1], ReasonLockerEnded)
	}

	// The user comes back a while later and types the password (an
	// unlock within a second of the lock would pass for no input).
	clock.advance(unlockSlack + 200*time.Millisecond)
	src.touch()
	clock.advance(10 * time.Millisecond)
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

// lockNow asks r for a lock by the user and fails the test if it cannot.
func lockNow(t *testing.T, r *Runner) <-chan LockRecord {
	t.Helper()
	ch, err := r.LockNow(context.Background(), "user")
	if err != nil {
		t.Fatalf("LockNow: %v", err)
	}
	return ch
}

// TestRunnerNotRunning: with Run not running, LockNow and Present give up
// when their context ends; they never block for good. A LockNow queued
// before the end has its channel closed without an outcome.
func TestRunnerNotRunning(t *testing.T) {
	r := &Runner{Lock: func(context.Context) LockRecord { return LockRecord{} }, Timing: func() Timing { return std }}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	var queued []<-chan LockRecord
	var err error
	for range 100 {
		var ch <-chan LockRecord
		if ch, err = r.LockNow(ctx, "user"); err != nil {
			break
		}
		queued = append(queued, ch)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("LockNow with the queue full = %v, want %v", err, context.DeadlineExceeded)
	}
	for i, ch := range queued {
		if rec, ok := <-ch; ok {
			t.Errorf("queued LockNow %d received %+v, want its channel closed", i, rec)
		}
	}
	if _, err := r.Present(ctx, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Present = %v, want %v", err, context.DeadlineExceeded)
	}
}

// TestRunnerStopped: when Run returns during a lock, the waiting LockNow
// channel closes without an outcome, later requests fail with ErrStopped,
// and the lock that ends afterwards records and sends nothing.
func TestRunnerStopped(t *testing.T) {
	started, release, returned := make(chan struct{}), make(chan struct{}), make(chan struct{})
	r := &Runner{
		Lock: func(context.Context) LockRecord {
			defer close(returned)
			close(started)
			<-release // a locker that ignores its context: the worst case
			return LockRecord{Verified: true}
		},
		Timing: func() Timing { return std },
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error)
	go func() { ran <- r.Run(ctx) }()
	ch := lockNow(t, r)
	<-started
	cancel()
	if err := <-ran; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want %v", err, context.Canceled)
	}
	if rec, ok := <-ch; ok {
		t.Errorf("LockNow received %+v after Run returned, want its channel closed", rec)
	}
	if _, err := r.LockNow(context.Background(), "user"); !errors.Is(err, ErrStopped) {
		t.Errorf("LockNow after Run = %v, want %v", err, ErrStopped)
	}
	if _, err := r.Present(context.Background(), time.Minute); !errors.Is(err, ErrStopped) {
		t.Errorf("Present after Run = %v, want %v", err, ErrStopped)
	}
	close(release)
	<-returned
	time.Sleep(20 * time.Millisecond) // the lock goroutine's last steps
	if h, st := r.History(), r.Status(); len(h) != 0 || st.LastLock != nil || len(r.requests) != 0 {
		t.Errorf("after Run returned: history %+v, last lock %+v, %d requests queued; want none", h, st.LastLock, len(r.requests))
	}
}
