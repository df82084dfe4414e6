package agent

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/audit/audittest"

	"grendel/internal/testdir"
)

// TestRunnerAudit: the runner records the idle cycle in the audit trail —
// a warning that input cancels, a warning that ends in a verified lock, a
// lock asked for that fails and leaves the privacy screen, presentation
// mode started and ended — with the lock's method and latency, and
// nothing of what the lock chain reported in its own words: a method's
// name that is a path, an error text with a user's name.
func TestRunnerAudit(t *testing.T) {
	dir := testdir.New(t)
	log := audit.New(audit.Config{Role: audit.RoleAgent, Sinks: []audit.Sink{&audit.FileSink{Dir: dir}}})
	clock := newAutoClock()
	src := newFakeIdle(clock, 0)
	var verified, cancelOnce atomic.Bool
	verified.Store(true)
	cancelOnce.Store(true)
	events := make(chan Event, 64)
	const secretMethod = "/home/jan.de.vries/bin/lock-Welkom123"
	const secretError = "jan.de.vries: Welkom123 refused"
	r := &Runner{
		Source: src,
		Lock: func(context.Context) LockRecord {
			if verified.Load() {
				return LockRecord{At: clock.Now(), Verified: true, Method: "loginctl", VerifiedBy: "logind", Took: 1200 * time.Millisecond,
					Attempts: []AttemptRecord{{Method: "loginctl", Verified: true}}}
			}
			return LockRecord{At: clock.Now(), Method: secretMethod, Took: 3 * time.Second,
				Attempts: []AttemptRecord{{Method: secretMethod, Code: AttemptFailed, Error: secretError}, {Method: "xdg-screensaver", Code: AttemptNotInstalled}}}
		},
		SessionLocked: func(context.Context) bool { return true },
		Timing: func() Timing {
			return Timing{IdleTimeout: 1500 * time.Millisecond, Warning: 700 * time.Millisecond, SnoozeMax: time.Hour}
		},
		OnEvent: func(e Event) {
			if e.State == StateWarning && cancelOnce.CompareAndSwap(true, false) {
				src.touch() // the first warning is cancelled by input
			}
			events <- e
		},
		Now:   clock.Now,
		After: clock.After,
		Audit: log,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	deadline := time.After(5 * time.Second)
	for locked := false; !locked; {
		select {
		case e := <-events:
			locked = e.Lock != nil
		case <-deadline:
			t.Fatal("no lock")
		}
	}
	verified.Store(false)
	if rec := <-lockNow(t, r); rec.Verified {
		t.Fatalf("LockNow = %+v", rec)
	}
	cancel()
	// Presentation mode, on a clock that stands still.
	still := newFakeClock()
	p := &Runner{Source: newFakeIdle(still, 0), Lock: r.Lock, Timing: func() Timing { return std }, Now: still.Now, After: still.After, Audit: log}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)
	if _, err := p.Present(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	still.advance(90 * time.Second)
	if _, err := p.Present(ctx, 0); err != nil {
		t.Fatal(err)
	}
	cancel()

	got, err := audittest.Entries(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []audit.Name
	for _, e := range got {
		names = append(names, e.Event)
	}
	want := []audit.Name{audit.NameWarningShown, audit.NameWarningCancelled, audit.NameWarningShown, audit.NameLockRequested, audit.NameLockVerified,
		audit.NameLockRequested, audit.NameLockFailed, audit.NamePresentationStarted, audit.NamePresentationEnded}
	if !slices.Equal(names, want) {
		t.Fatalf("events %v, want %v", names, want)
	}
	if d, _ := got[0].Duration("lock_in_ms"); d != 700*time.Millisecond {
		t.Errorf("warning shown: lock in %v, want 700ms", d)
	}
	if m, _ := got[4].Word("method"); m != "loginctl" {
		t.Errorf("lock verified: method %q", m)
	}
	if d, _ := got[4].Duration("latency_ms"); d != 1200*time.Millisecond {
		t.Errorf("lock verified: latency %v", d)
	}
	if r, _ := got[5].Word("reason"); r != "user" {
		t.Errorf("lock requested: reason %q, want user", r)
	}
	if f, _ := got[6].Word("fallback"); f != audit.FallbackCovered {
		t.Errorf("lock failed: fallback %q, want covered", f)
	}
	if n, _ := got[6].Int("tried"); n != 2 {
		t.Errorf("lock failed: tried %d, want 2", n)
	}
	if d, _ := got[7].Duration("for_ms"); d != time.Hour {
		t.Errorf("presentation started for %v, want 1h", d)
	}
	if by, _ := got[8].Word("ended_by"); by != "user" {
		t.Errorf("presentation ended by %q, want user", by)
	}
	if d, _ := got[8].Duration("duration_ms"); d != 90*time.Second {
		t.Errorf("presentation lasted %v, want 1m30s", d)
	}
	leaks, err := audittest.Leaks(dir, "jan.de.vries", "Welkom123", secretMethod, secretError)
	if err != nil || leaks != nil {
		t.Errorf("the audit file holds %q (%v)", leaks, err)
	}
}
