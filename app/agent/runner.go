package agent

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"grendel/app/audit"
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
	// AttemptNotRunning: the method's program is installed, but the
	// screensaver or locker it hands the lock to is not running.
	AttemptNotRunning = "not_running"
	// AttemptCannotTell: whether the method locks cannot be told before
	// it is tried (a readiness code, never an attempt's).
	AttemptCannotTell = "cannot_tell"
	// AttemptDisabled: a policy of the system turns its lock off.
	AttemptDisabled = "disabled"
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
// reports events. Create it with its fields set, then call Run once.
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
	// Audit records the warnings, locks and presentation mode
	// ([grendel/app/audit]); nil records nothing.
	Audit audit.Recorder

	machine  *Machine
	requests chan func()
	lockDone chan LockRecord // unbuffered: a send succeeds only while Run receives
	stopped  chan struct{}   // closed when Run has returned
	stepped  chan struct{}   // closed when the first step is recorded
	ctx      context.Context // Run's, for locks started by requests

	mu       sync.Mutex
	status   RunnerStatus
	history  []LockRecord
	presents []PresentRecord
	waiters  []*lockWaiter // LockNow callers still waiting for an outcome
	halted   bool          // Run has returned
	startReq sync.Once
}

// lockWaiter is one [Runner.LockNow] caller. It is armed once its request
// has run: the next outcome is then its own lock's, or that of the lock
// that was already running.
type lockWaiter struct {
	ch      chan LockRecord // buffered: one outcome, then closed
	armed   bool
	unwatch func() bool // stops watching the caller's context
}

// ErrStopped is the error of [Runner.LockNow] and [Runner.Present] once
// Run has returned: no lock or presentation mode will follow.
var ErrStopped = errors.New("the idle watch has stopped")

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
		r.lockDone = make(chan LockRecord)
		r.stopped = make(chan struct{})
		r.stepped = make(chan struct{})
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

// Run drives the machine until ctx is done. When it returns, every
// [Runner.LockNow] channel still waiting is closed without an outcome, and
// later requests fail with [ErrStopped]; a lock still running then ends
// with ctx and reports nothing.
func (r *Runner) Run(ctx context.Context) error {
	r.init()
	r.ctx = ctx
	defer r.halt()
	wake := r.step(ctx)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case req := <-r.requests:
			req()
			wake = r.step(ctx)
		case rec := <-r.lockDone:
			r.finishLock(rec)
			wake = r.step(ctx)
		case <-r.After(wake):
			wake = r.step(ctx)
		}
	}
}

// halt marks the runner stopped and lets every waiting caller go.
func (r *Runner) halt() {
	r.mu.Lock()
	r.halted = true
	waiters := r.waiters
	r.waiters = nil
	r.mu.Unlock()
	for _, w := range waiters {
		w.unwatch()
		close(w.ch)
	}
	close(r.stopped)
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
	switch now := r.machine.State(); {
	case st != StateWarning && now == StateWarning:
		audit.Record(r.Audit, audit.WarningShown{LockIn: r.machine.LockAt().Sub(in.Now)})
	case st == StateWarning && now == StateActive:
		audit.Record(r.Audit, audit.WarningCancelled{})
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
	if r.status.Steps == 1 {
		close(r.stepped)
	}
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
	audit.Record(r.Audit, audit.LockRequested{Reason: reason})
	go func() {
		rec := r.Lock(ctx)
		rec.Reason = reason
		// lockDone is unbuffered: the outcome is taken by Run or by nobody.
		select {
		case r.lockDone <- rec:
		case <-r.stopped:
		}
	}()
}

// finishLock records a finished lock, on Run's goroutine, and hands its
// outcome to the armed waiters.
func (r *Runner) finishLock(rec LockRecord) {
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
	if rec.Verified {
		audit.Record(r.Audit, audit.LockVerified{Reason: rec.Reason, Method: rec.Method, VerifiedBy: rec.VerifiedBy, Latency: rec.Took})
	} else {
		fallback := audit.FallbackNone
		if rec.Privacy {
			fallback = audit.FallbackCovered
		}
		audit.Record(r.Audit, audit.LockFailed{Reason: rec.Reason, Tried: len(rec.Attempts), Fallback: fallback, Latency: rec.Took})
	}
	r.mu.Lock()
	r.history = append(r.history, rec)
	if len(r.history) > historySize {
		r.history = r.history[1:]
	}
	r.status.LastLock = &rec
	var done []*lockWaiter
	r.waiters = slices.DeleteFunc(r.waiters, func(w *lockWaiter) bool {
		if w.armed {
			done = append(done, w)
		}
		return w.armed
	})
	r.mu.Unlock()
	for _, w := range done {
		w.unwatch()
		w.ch <- rec
		close(w.ch)
	}
	r.emit(Event{State: r.machine.State(), Action: d.Action, Lock: &rec})
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

// LockNow asks for a lock now. The channel receives the outcome (of this
// lock, or of the one already running) and is then closed; it is closed
// without one when ctx is done first or Run returns. The error is not nil
// when the request could not be made: ctx was done first (Run is busy or
// not running), or Run has returned ([ErrStopped]).
func (r *Runner) LockNow(ctx context.Context, reason string) (<-chan LockRecord, error) {
	r.init()
	w := &lockWaiter{ch: make(chan LockRecord, 1)}
	r.mu.Lock()
	if r.halted {
		r.mu.Unlock()
		close(w.ch)
		return w.ch, ErrStopped
	}
	r.waiters = append(r.waiters, w)
	w.unwatch = context.AfterFunc(ctx, func() { r.dropWaiter(w) })
	r.mu.Unlock()
	err := r.submit(ctx, func() {
		r.mu.Lock()
		w.armed = true
		r.mu.Unlock()
		was := r.machine.State()
		d := r.machine.LockNow()
		if was == StatePresenting {
			r.recordPresent(was, time.Time{}, "lock")
		}
		r.carryOut(r.ctx, d, reason)
	})
	if err != nil {
		r.dropWaiter(w)
	}
	return w.ch, err
}

// dropWaiter closes w's channel unless an outcome or Run's end has.
func (r *Runner) dropWaiter(w *lockWaiter) {
	r.mu.Lock()
	n := len(r.waiters)
	r.waiters = slices.DeleteFunc(r.waiters, func(x *lockWaiter) bool { return x == w })
	mine := len(r.waiters) < n
	r.mu.Unlock()
	if mine {
		w.unwatch()
		close(w.ch)
	}
}

// submit hands req to Run, unless ctx is done or Run has returned first.
func (r *Runner) submit(ctx context.Context, req func()) error {
	select {
	case <-r.stopped:
		return ErrStopped
	default:
	}
	select {
	case r.requests <- req:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-r.stopped:
		return ErrStopped
	}
}

// Present starts or renews presentation mode for d (0 ends it) and returns
// when it ends; see [Machine.Present] for its limits, for which it reads
// the idle source. It returns ctx's error when ctx is done before Run has
// answered, and [ErrStopped] once Run has returned.
func (r *Runner) Present(ctx context.Context, d time.Duration) (time.Time, error) {
	r.init()
	type result struct {
		until time.Time
		err   error
	}
	ch := make(chan result, 1)
	err := r.submit(ctx, func() {
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
	})
	if err != nil {
		return time.Time{}, err
	}
	select {
	case res := <-ch:
		return res.until, res.err
	case <-ctx.Done():
		return time.Time{}, ctx.Err()
	case <-r.stopped:
		select {
		case res := <-ch: // answered just before Run returned
			return res.until, res.err
		default:
			return time.Time{}, ErrStopped
		}
	}
}

// Poke makes the runner look again now, as after a policy change.
func (r *Runner) Poke() {
	r.init()
	select {
	case r.requests <- func() {}:
	default: // a request is pending already; it will step
	}
}

// Stepped returns a channel closed once the runner has taken its first
// step: before it, [Runner.Status] holds no idle reading and says the
// state is active only because nothing was measured yet.
func (r *Runner) Stepped() <-chan struct{} {
	r.init()
	return r.stepped
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
		audit.Record(r.Audit, audit.PresentationEnded{Lasted: now.Sub(last.Start), EndedBy: by})
	}
	if !until.IsZero() {
		audit.Record(r.Audit, audit.PresentationStarted{For: until.Sub(now)})
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
