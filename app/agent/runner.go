package agent

import (
	"context"
	"errors"
	"sync"
	"time"
)

// IdleSource tells how long the user has been idle; [grendel/app/idle]
// provides the real ones.
type IdleSource interface {
	Name() string
	Idle(ctx context.Context) (time.Duration, error)
}

// LockRecord is the outcome of one run of the lock chain, as the agent
// records and reports it.
type LockRecord struct {
	// At is when the lock was started.
	At time.Time `json:"at"`
	// Reason says why: "idle", "user" (Lock now, grendel lock), "sleep",
	// or [ReasonLockerEnded] (the locker of the last lock ended while
	// nobody had come back).
	Reason string `json:"reason"`
	// Verified is true when some check confirmed the session is locked.
	Verified bool `json:"verified"`
	// Outcome says in one word what the user's screen got:
	// [OutcomeLocked], [OutcomeCovered] (the privacy screen: covered, not
	// locked) or [OutcomeFailed]. The agent sets it.
	Outcome string `json:"outcome,omitempty"`
	// Method locked the session; VerifiedBy confirmed it.
	Method     string `json:"method,omitempty"`
	VerifiedBy string `json:"verified_by,omitempty"`
	// Attempts lists every method tried, with its error if it failed.
	Attempts []AttemptRecord `json:"attempts"`
	// Took is the time from the start to the verification (or giving up).
	Took time.Duration `json:"took_ns"`
	// Privacy is true when the fallback privacy screen was shown instead.
	Privacy bool `json:"privacy,omitempty"`
}

// The outcomes of a lock, as [LockRecord.Outcome] says them.
const (
	// OutcomeLocked: a verifier confirmed the system's lock.
	OutcomeLocked = "locked"
	// OutcomeCovered: no lock was verified; the privacy screen covers the
	// displays until real input. It is not a lock.
	OutcomeCovered = "covered"
	// OutcomeFailed: no lock was verified, and nothing covers the screen.
	OutcomeFailed = "failed"
)

// AttemptRecord is one method's try.
type AttemptRecord struct {
	Method string `json:"method"`
	// Code says in one word why the attempt failed, for the UI to
	// translate: one of the Attempt* codes; empty when it did not fail.
	Code string `json:"code,omitempty"`
	// Error is the failure in English, with the OS's or the program's own
	// words, for logs and support.
	Error    string `json:"error,omitempty"`
	Verified bool   `json:"verified"`
}

// The codes of a failed [AttemptRecord], from the lock package's
// sentinel errors.
const (
	// AttemptNotInstalled: the method's program is not installed.
	AttemptNotInstalled = "not_installed"
	// AttemptNotOnBus: the method's D-Bus service is not on the bus.
	AttemptNotOnBus = "not_on_bus"
	// AttemptNotVerified: it ran, but no check confirmed the lock in time.
	AttemptNotVerified = "not_verified"
	// AttemptCovered: Grendel's own privacy screen is up, which is no lock.
	AttemptCovered = "covered"
	// AttemptUnsupported: this OS has no such way to lock.
	AttemptUnsupported = "unsupported"
	// AttemptNoMethod: the chain had no method to try.
	AttemptNoMethod = "no_method"
	// AttemptFailed: anything else (the program failed; see Error).
	AttemptFailed = "failed"
)

// Event tells the agent's surroundings what the machine did.
type Event struct {
	// State is the state after the event.
	State State
	// Action is what the surroundings should do (prepare the warning window,
	// show the privacy screen); ActionNone for a plain state change.
	Action Action
	// Lock is set when a lock chain run has finished.
	Lock *LockRecord
}

// Runner drives a [Machine] with real time: it reads the idle source when
// the machine asks, sleeps in between, runs the lock chain off its loop and
// reports events. Create it with its fields set, then call Run.
type Runner struct {
	// Source is the idle source; nil disables idle locking (Lock now still works).
	Source IdleSource
	// Lock runs the verified lock chain.
	Lock func(ctx context.Context) LockRecord
	// SessionLocked reports whether the session is still locked.
	SessionLocked func(ctx context.Context) bool
	// Timing returns the policy's timing, read at every step.
	Timing func() Timing
	// OnEvent receives every event, on the runner's goroutine; it must not block.
	OnEvent func(Event)
	// Now and After stand in for the clock; nil means the real one.
	Now   func() time.Time
	After func(time.Duration) <-chan time.Time

	machine  *Machine
	requests chan func()
	ctx      context.Context // Run's, for locks started by requests

	mu       sync.Mutex
	status   RunnerStatus
	history  []LockRecord
	presents []PresentRecord
	waiters  []chan LockRecord
	startReq sync.Once
}

// RunnerStatus is a snapshot of the runner for the status report.
type RunnerStatus struct {
	State        State         `json:"state"`
	IdleSource   string        `json:"idle_source,omitempty"`
	IdleError    string        `json:"idle_error,omitempty"`
	Idle         time.Duration `json:"idle_ns"`
	IdleAt       time.Time     `json:"idle_at"`
	LockAt       time.Time     `json:"lock_at,omitzero"`
	PresentUntil time.Time     `json:"present_until,omitzero"`
	LastLock     *LockRecord   `json:"last_lock,omitempty"`
	// Steps counts the machine's steps since the start: each one is a
	// wake-up of the agent (and at most one idle reading).
	Steps uint64 `json:"steps"`
}

// PresentRecord is one stretch of presentation mode.
type PresentRecord struct {
	// Start is when it began; Until when it was due to end.
	Start time.Time `json:"start"`
	Until time.Time `json:"until"`
	// Ended is when it ended, zero while it lasts; EndedBy says how:
	// "user" (ended from the tray), "renewed" (replaced by a new stretch),
	// "lock" (a lock was asked for), "time" (it ran out, or the policy
	// shortened or forbade it).
	Ended   time.Time `json:"ended,omitzero"`
	EndedBy string    `json:"ended_by,omitempty"`
}

// historySize is how many lock records the runner keeps.
const historySize = 20

func (r *Runner) init() {
	r.startReq.Do(func() {
		r.requests = make(chan func(), 16)
		r.machine = NewMachine()
		if r.Now == nil {
			r.Now = time.Now
		}
		if r.After == nil {
			r.After = time.After
		}
		r.status.State = StateActive
		if r.Source != nil {
			r.status.IdleSource = r.Source.Name()
		}
	})
}

// Run drives the machine until ctx is done.
func (r *Runner) Run(ctx context.Context) error {
	r.init()
	r.ctx = ctx
	wake := r.step(ctx)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case req := <-r.requests:
			req()
			wake = r.step(ctx)
		case <-r.After(wake):
			wake = r.step(ctx)
		}
	}
}

// step feeds the machine one input and carries out its decision; it
// returns how long to sleep.
func (r *Runner) step(ctx context.Context) time.Duration {
	in := Input{Now: r.Now(), Timing: r.Timing()}
	st := r.machine.State()
	read := false
	if st == StateLocked && r.SessionLocked != nil {
		in.SessionLocked = r.SessionLocked(ctx)
	}
	switch {
	case st == StateLocking || (st == StateLocked && in.SessionLocked):
		// The locker's state matters now, not the idle time.
	case r.Source == nil:
		// No idle source: only Lock now, presentation and unlocks matter.
		in.IdleErr = errNoSource
	default:
		// Also when a locker is found gone: whether the user came back
		// tells an unlock from a locker that crashed or was killed.
		in.Idle, in.IdleErr = r.Source.Idle(ctx)
		read = in.IdleErr == nil
	}
	d := r.machine.Step(in)
	if st == StatePresenting && r.machine.State() != StatePresenting {
		r.recordPresent(st, time.Time{}, "time")
	}
	r.record(in, read)
	reason := "idle"
	if d.Reason != "" {
		reason = d.Reason
	}
	r.carryOut(ctx, d, reason)
	if r.Source == nil && r.machine.State() == StateActive {
		return time.Hour
	}
	return d.Wake
}

// errNoSource stands in for an idle reading when there is no source.
var errNoSource = errors.New("no idle source")

// record updates the status snapshot.
func (r *Runner) record(in Input, read bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status.Steps++
	r.status.State = r.machine.State()
	r.status.LockAt = r.machine.LockAt()
	r.status.PresentUntil = r.machine.PresentUntil()
	if read {
		r.status.Idle, r.status.IdleAt = in.Idle, in.Now
	}
	r.status.IdleError = ""
	if err := r.machine.IdleErr(); err != nil && err != errNoSource {
		r.status.IdleError = err.Error()
	}
}

// carryOut performs a decision's action and reports it.
func (r *Runner) carryOut(ctx context.Context, d Decision, reason string) {
	if d.Changed || d.Action != ActionNone {
		r.emit(Event{State: r.machine.State(), Action: d.Action})
	}
	if d.Action != ActionLock {
		return
	}
	go func() {
		rec := r.Lock(ctx)
		rec.Reason = reason
		r.requests <- func() {
			d := r.machine.LockDone(r.Now(), rec.Verified)
			rec.Privacy = d.Action == ActionShowPrivacy
			switch {
			case rec.Verified:
				rec.Outcome = OutcomeLocked
			case rec.Privacy:
				rec.Outcome = OutcomeCovered
			default:
				rec.Outcome = OutcomeFailed
			}
			r.mu.Lock()
			r.history = append(r.history, rec)
			if len(r.history) > historySize {
				r.history = r.history[1:]
			}
			r.status.LastLock = &rec
			waiters := r.waiters
			r.waiters = nil
			r.mu.Unlock()
			for _, w := range waiters {
				w <- rec
			}
			r.emit(Event{State: r.machine.State(), Action: d.Action, Lock: &rec})
		}
	}()
}

func (r *Runner) emit(e Event) {
	r.mu.Lock()
	r.status.State = e.State
	r.status.LockAt = r.machine.LockAt()
	r.status.PresentUntil = r.machine.PresentUntil()
	r.mu.Unlock()
	if r.OnEvent != nil {
		r.OnEvent(e)
	}
}

// LockNow asks for a lock now and returns a channel that receives the
// outcome (of this lock, or of the one already running).
func (r *Runner) LockNow(reason string) <-chan LockRecord {
	r.init()
	ch := make(chan LockRecord, 1)
	r.requests <- func() {
		r.mu.Lock()
		r.waiters = append(r.waiters, ch)
		r.mu.Unlock()
		was := r.machine.State()
		d := r.machine.LockNow()
		if was == StatePresenting {
			r.recordPresent(was, time.Time{}, "lock")
		}
		r.carryOut(r.ctx, d, reason)
	}
	return ch
}

// Present starts or renews presentation mode for d (0 ends it) and returns
// when it ends; see [Machine.Present] for its limits, for which it reads
// the idle source.
func (r *Runner) Present(d time.Duration) (time.Time, error) {
	r.init()
	type result struct {
		until time.Time
		err   error
	}
	ch := make(chan result, 1)
	r.requests <- func() {
		was := r.machine.State()
		in := Input{Now: r.Now(), Timing: r.Timing(), IdleErr: errNoSource}
		if r.Source != nil && d > 0 {
			in.Idle, in.IdleErr = r.Source.Idle(r.ctx)
		}
		until, dec, err := r.machine.Present(in, d)
		if err == nil {
			by := "user"
			if !until.IsZero() {
				by = "renewed"
			}
			r.recordPresent(was, until, by)
			r.carryOut(r.ctx, dec, "user")
		}
		ch <- result{until, err}
	}
	res := <-ch
	return res.until, res.err
}

// Poke makes the runner look again now, as after a policy change.
func (r *Runner) Poke() {
	r.init()
	select {
	case r.requests <- func() {}:
	default: // a request is pending already; it will step
	}
}

// Status returns a snapshot for the status report.
func (r *Runner) Status() RunnerStatus {
	r.init()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// Presentations returns the last stretches of presentation mode, oldest
// first.
func (r *Runner) Presentations() []PresentRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]PresentRecord(nil), r.presents...)
}

// recordPresent notes a start of presentation mode (until is set) or its
// end (until is zero) after the state was was.
func (r *Runner) recordPresent(was State, until time.Time, by string) {
	now := r.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	open := len(r.presents) > 0 && r.presents[len(r.presents)-1].Ended.IsZero()
	if open && (was == StatePresenting || !until.IsZero()) {
		// Ended, or replaced by a new stretch.
		last := &r.presents[len(r.presents)-1]
		last.Ended, last.EndedBy = now, by
	}
	if !until.IsZero() {
		r.presents = append(r.presents, PresentRecord{Start: now, Until: until})
		if len(r.presents) > historySize {
			r.presents = r.presents[1:]
		}
	}
}

// History returns the recorded lock outcomes, oldest first.
func (r *Runner) History() []LockRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]LockRecord(nil), r.history...)
}
