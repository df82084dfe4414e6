package resident

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/lock"
	"grendel/policy"
)

// switchable is a lock method whose probe says ready while on is set.
type switchable struct{ on *atomic.Bool }

func (switchable) Name() string               { return "i3lock" }
func (switchable) Lock(context.Context) error { return errors.New("a probe must not lock") }
func (s switchable) Probe(context.Context) error {
	if s.on.Load() {
		return nil
	}
	return fmt.Errorf("i3lock: %w", lock.ErrNotInstalled)
}

// noCheck is a verifier that never sees a lock.
type noCheck struct{}

func (noCheck) Name() string                         { return "check" }
func (noCheck) Locked(context.Context) (bool, error) { return false, nil }

// switchableAgent returns an agent on the default policy whose lock chain
// is one switchable method (ready while on is set) and a verifier, and
// whose status shows the chain's last readiness.
func switchableAgent(on *atomic.Bool) (*agent.Agent, *agent.LockSetup) {
	snap := policy.Load(policy.Paths{})
	locks := agent.NewLockSetup(snap, func([]string) *agent.Locker {
		return agent.NewLocker(&lock.Chain{Methods: []lock.Method{switchable{on}}, Verifiers: []lock.Verifier{noCheck{}}})
	})
	r := &agent.Runner{Lock: func(context.Context) agent.LockRecord { return agent.LockRecord{} }, Timing: locks.Timing}
	a := agent.New(agent.Config{Version: "t", Policy: snap, Runner: r,
		LockInfo: func() agent.LockStatus { return agent.LockStatus{Readiness: locks.Readiness()} }})
	return a, locks
}

// TestReadinessWatch: the watch tells the user once that nothing can
// lock, not before the grace; again only after a locker came and went;
// it logs each change and refreshes after each look; it tells of a
// change of the readiness (for the status file) only when there is one.
func TestReadinessWatch(t *testing.T) {
	var on atomic.Bool
	a, locks := switchableAgent(&on)

	var mu sync.Mutex
	var log, notes []string
	looks := make(chan struct{}, 100)
	w := newReadinessWatch(a, locks, func(s string) { mu.Lock(); log = append(log, s); mu.Unlock() }, func() { looks <- struct{}{} })
	w.every, w.grace = time.Hour, 300*time.Millisecond
	var readinessChanges atomic.Int32
	w.readinessChanged = func() { readinessChanges.Add(1) }
	w.notify = func(title, body string) (uint32, error) {
		mu.Lock()
		notes = append(notes, title+"|"+body)
		mu.Unlock()
		return 1, nil
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	start := time.Now()
	go w.run(ctx)
	look := func(what string) {
		t.Helper()
		select {
		case <-looks:
		case <-time.After(5 * time.Second):
			t.Fatalf("no look %s", what)
		}
	}
	count := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		return len(log), len(notes)
	}

	look("at start")
	if l, n := count(); l != 1 || n != 0 {
		t.Fatalf("after the first look: %d log lines, %d notifications; want 1 and none (the grace)", l, n)
	}
	look("after the grace")
	if took := time.Since(start); took < w.grace {
		t.Errorf("second look after %v, before the grace", took)
	}
	if _, n := count(); n != 1 {
		t.Fatalf("after the grace: %d notifications, want 1", n)
	}
	w.again()
	look("on request")
	if l, n := count(); l != 1 || n != 1 {
		t.Errorf("the same verdict again: %d log lines, %d notifications; want 1 and 1", l, n)
	}
	if n := readinessChanges.Load(); n != 1 {
		t.Errorf("three looks that found the same: %d readiness changes, want 1 (the first look)", n)
	}

	on.Store(true) // i3lock installed
	w.again()
	look("with i3lock")
	if got := a.Status().Lock.Readiness; got == nil || got.Verdict != agent.VerdictLocks {
		t.Errorf("status readiness = %+v, want locks", got)
	}
	on.Store(false) // and removed
	w.again()
	look("without i3lock again")
	if n := readinessChanges.Load(); n != 3 {
		t.Errorf("i3lock came and went: %d readiness changes, want 3", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "Grendel cannot lock this workstation|No screen locker found") {
		t.Errorf("notifications = %q, want two: at the start and after i3lock went", notes)
	}
	if len(log) != 3 || !strings.Contains(log[1], "with i3lock") {
		t.Errorf("log = %q, want a line for each change", log)
	}
}
