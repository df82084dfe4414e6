package agent

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"grendel/app/idle"
	"grendel/app/lock"
	"grendel/policy"
)

// PlatformIdle finds the idle source that works on this desktop, and says
// why each one tried before it did not. The source is nil when none works.
func PlatformIdle(ctx context.Context) (IdleSource, []AttemptRecord) {
	src, attempts := idle.Detect(ctx, idle.Platform(idle.Env{}))
	tried := make([]AttemptRecord, len(attempts))
	for i, a := range attempts {
		tried[i] = AttemptRecord{Method: a.Name}
		if a.Err != nil {
			tried[i].Error = a.Err.Error()
		}
	}
	if src == nil {
		return nil, tried
	}
	return src, tried
}

// Locker is this desktop's verified lock chain in the agent's terms.
type Locker struct {
	chain *lock.Chain
}

// NewLocker returns the agent's Locker for chain: a chain of fakes in
// tests, or one built for a platform.
func NewLocker(chain *lock.Chain) *Locker { return &Locker{chain: chain} }

// PlatformLock returns a new lock chain for this desktop, with the
// policy's lock.command first when it is set. The agent keeps one in its
// [LockSetup]; a command that locks once builds its own.
func PlatformLock(command []string) *Locker {
	return &Locker{chain: lock.Platform(command, lock.Env{})}
}

// LockSetup is the agent's one lock chain and idle timing under the policy
// in force: [LockSetup.SetPolicy] rebuilds the chain when lock.command
// changes, so a new command applies to the next lock, and
// [LockSetup.Probe] when the lockers installed have changed. Create it
// with [NewLockSetup]; it is safe for concurrent use.
type LockSetup struct {
	build func(command []string) *Locker

	mu        sync.Mutex
	settings  policy.LockSettings
	locker    *Locker
	readiness *Readiness
}

// NewLockSetup returns the lock setup for snap's policy; build makes a
// chain for a lock.command (nil means [PlatformLock]).
func NewLockSetup(snap *policy.Snapshot, build func(command []string) *Locker) *LockSetup {
	if build == nil {
		build = PlatformLock
	}
	l := &LockSetup{build: build}
	l.SetPolicy(snap)
	return l
}

// SetPolicy takes snap's lock settings, and builds a new chain when its
// lock.command differs from the one in use.
func (l *LockSetup) SetPolicy(snap *policy.Snapshot) {
	s := snap.Settings.Lock
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.locker == nil || !slices.Equal(l.settings.Command, s.Command) {
		l.locker = l.build(slices.Clone(s.Command))
		l.readiness = nil // of the old chain; the next Probe tells
	}
	l.settings = s
}

// Locker returns the chain in use.
func (l *LockSetup) Locker() *Locker {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.locker
}

// Timing returns the idle timing of the policy in force, for [Runner.Timing].
func (l *LockSetup) Timing() Timing {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Timing{IdleTimeout: l.settings.IdleTimeout, Warning: l.settings.Warning, SnoozeMax: l.settings.SnoozeMax}
}

// Lock locks the session, verifies it and returns the record.
func (l *Locker) Lock(ctx context.Context) LockRecord {
	r := l.chain.Lock(ctx)
	rec := LockRecord{Verified: r.Verified, Method: r.Method, VerifiedBy: r.VerifiedBy, Took: r.Took}
	rec.At = time.Now().Add(-r.Took)
	for _, a := range r.Attempts {
		ar := AttemptRecord{Method: a.Method, Verified: a.Verified}
		if a.Err != nil {
			ar.Code, ar.Error = attemptCode(a.Err), a.Err.Error()
		}
		rec.Attempts = append(rec.Attempts, ar)
	}
	if r.Err != nil && !r.Verified {
		rec.Attempts = append(rec.Attempts, AttemptRecord{Method: "chain", Code: attemptCode(r.Err), Error: r.Err.Error()})
	}
	return rec
}

// attemptCode names the reason of a lock attempt's error, for the UI to
// translate ([AttemptRecord.Code]). The privacy screen is named first: it
// is the reason that matters when a verifier saw it.
func attemptCode(err error) string {
	for _, c := range []struct {
		sentinel error
		code     string
	}{
		{lock.ErrCovered, AttemptCovered},
		{lock.ErrNotInstalled, AttemptNotInstalled},
		{lock.ErrNotOnBus, AttemptNotOnBus},
		{lock.ErrNotVerified, AttemptNotVerified},
		{lock.ErrUnsupported, AttemptUnsupported},
		{lock.ErrNoMethod, AttemptNoMethod},
		{lock.ErrNotRunning, AttemptNotRunning},
		{lock.ErrCannotTell, AttemptCannotTell},
		{lock.ErrDisabled, AttemptDisabled},
	} {
		if errors.Is(err, c.sentinel) {
			return c.code
		}
	}
	return AttemptFailed
}

// Locked reports whether the session is locked now, and which check says so.
func (l *Locker) Locked(ctx context.Context) (bool, string) {
	return l.chain.Locked(ctx)
}

// Methods names the chain's methods in order.
func (l *Locker) Methods() []string { return l.chain.MethodNames() }
