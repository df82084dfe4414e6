package agent

import (
	"context"
	"slices"
	"time"

	"grendel/app/lock"
)

// Readiness is what a look at the lock chain, made without locking, says
// the next lock will do: lock the session, perhaps lock it, or only cover
// the screen. [LockSetup.Probe] makes it; the status reports it.
type Readiness struct {
	// Verdict sums it up.
	Verdict Verdict `json:"verdict"`
	// Method is the first method that is ready (VerdictLocks), or the
	// first that the chain will try without knowing (VerdictMaybe);
	// empty for VerdictNone.
	Method string `json:"method,omitempty"`
	// Methods holds every method of the chain, in order.
	Methods []MethodReadiness `json:"methods"`
	// Checked is when the look was taken.
	Checked time.Time `json:"checked"`
}

// Verdict sums up a [Readiness].
type Verdict string

// The verdicts.
const (
	// VerdictLocks: a method is ready; the lock will use it, or one
	// before it in the chain (each lock is still verified).
	VerdictLocks Verdict = "locks"
	// VerdictMaybe: no method is known to be ready, but some cannot be
	// checked before they are tried (macOS's, a screensaver the bus would
	// have to start): they may lock, or the screen will only be covered.
	VerdictMaybe Verdict = "maybe"
	// VerdictNone: nothing can lock: the privacy screen will only cover
	// the screen.
	VerdictNone Verdict = "none"
)

// The states of a [MethodReadiness], as [lock.Availability] names them.
const (
	MethodReady   = string(lock.Ready)
	MethodUnknown = string(lock.Unknown)
	MethodMissing = string(lock.Missing)
)

// MethodReadiness is one method's readiness.
type MethodReadiness struct {
	Method string `json:"method"`
	// State is MethodReady, MethodUnknown or MethodMissing.
	State string `json:"state"`
	// Code says in one word why it is not ready, as for an
	// [AttemptRecord]; empty when it is.
	Code string `json:"code,omitempty"`
	// Error says it in English, with the system's words.
	Error string `json:"error,omitempty"`
}

// Probe looks, without locking, at which of the chain's methods could lock
// now.
func (l *Locker) Probe(ctx context.Context) Readiness {
	return readiness(l.chain.Probe(ctx), time.Now())
}

// readiness sums up a probe of the chain taken at at.
func readiness(probes []lock.Readiness, at time.Time) Readiness {
	r := Readiness{Verdict: VerdictNone, Methods: make([]MethodReadiness, len(probes)), Checked: at}
	maybe := ""
	for i, p := range probes {
		m := MethodReadiness{Method: p.Method, State: string(p.Availability)}
		if p.Err != nil {
			m.Code, m.Error = attemptCode(p.Err), p.Err.Error()
		}
		r.Methods[i] = m
		switch {
		case p.Availability == lock.Ready && r.Verdict != VerdictLocks:
			r.Verdict, r.Method = VerdictLocks, p.Method
		case p.Availability == lock.Unknown && maybe == "":
			maybe = p.Method
		}
	}
	if r.Verdict == VerdictNone && maybe != "" {
		r.Verdict, r.Method = VerdictMaybe, maybe
	}
	return r
}

// Probe looks at the chain for the policy in force, without locking, and
// keeps what it found for [LockSetup.Readiness]. When the chain it would
// build now differs from the one in use (a standalone locker was installed
// or removed since), the new one takes its place first.
func (l *LockSetup) Probe(ctx context.Context) Readiness {
	l.mu.Lock()
	command := slices.Clone(l.settings.Command)
	current := l.locker
	l.mu.Unlock()

	fresh := l.build(command)
	if current != nil && slices.Equal(fresh.Methods(), current.Methods()) {
		fresh = current
	}
	r := fresh.Probe(ctx)

	l.mu.Lock()
	defer l.mu.Unlock()
	if !slices.Equal(l.settings.Command, command) {
		// The policy changed meanwhile: its own chain and probe follow.
		return r
	}
	l.locker, l.readiness = fresh, &r
	return r
}

// Readiness returns what the last [LockSetup.Probe] found, nil before the
// first.
func (l *LockSetup) Readiness() *Readiness {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.readiness
}

// NoLockNotice decides when to tell the user that nothing can lock: at the
// first look that finds nothing, and again only after a later look found a
// locker and a still later one lost it. Its zero value is ready to use.
type NoLockNotice struct {
	told bool // since the last look that found a locker
}

// Due takes the verdict of a new look and reports whether to tell the
// user now.
func (n *NoLockNotice) Due(v Verdict) bool {
	switch v {
	case VerdictLocks:
		n.told = false
	case VerdictNone:
		if !n.told {
			n.told = true
			return true
		}
	}
	return false
}
