package lock

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// More sentinel errors, for what a probe finds ([Chain.Probe]).
var (
	// ErrNotRunning: a method's program is installed, but the screensaver
	// or locker it hands the lock to is not running.
	ErrNotRunning = errors.New("not running")
	// ErrCannotTell: whether a method can lock cannot be told without
	// trying it.
	ErrCannotTell = errors.New("cannot be checked without locking")
	// ErrDisabled: the system's own lock is turned off by a policy.
	ErrDisabled = errors.New("turned off by a policy")
)

// Prober is a [Method] that can tell, without locking, whether it is able
// to lock now: its service is on the bus, its program is installed, the
// daemon it hands the lock to runs.
type Prober interface {
	// Probe returns nil when the method can lock now, an error wrapping
	// [ErrCannotTell] when that cannot be known without trying, and any
	// other error (wrapping [ErrNotInstalled], [ErrNotOnBus],
	// [ErrNotRunning], …) when it cannot lock.
	Probe(ctx context.Context) error
}

// Availability is what a probe found about one method.
type Availability string

// The availabilities of a [Readiness].
const (
	// Ready: the method can lock now (its lock is still verified when it
	// is used).
	Ready Availability = "ready"
	// Unknown: it cannot be told without trying; the chain will try it.
	Unknown Availability = "unknown"
	// Missing: the method cannot lock here; the chain will try it anyway,
	// and it will fail at once.
	Missing Availability = "missing"
)

// Readiness is one method's availability, as [Chain.Probe] found it.
type Readiness struct {
	// Method is the method's name.
	Method string
	// Availability is what the probe found.
	Availability Availability
	// Err says why the method is not [Ready]; nil when it is.
	Err error
}

// errNoVerifier is the reason a chain with no verifier has no method
// that is ready: nothing could confirm its lock.
var errNoVerifier = fmt.Errorf("nothing can confirm its lock: %w", ErrCannotTell)

// Probe asks every method, without locking, whether it could lock now:
// all at once, each for at most [CheckTimeout]. The results are in the
// chain's order. A method that is not a [Prober] is [Unknown], and so is
// one whose probe does not answer in time. A chain with no verifier has
// no [Ready] method, as nothing could confirm its lock.
func (c *Chain) Probe(ctx context.Context) []Readiness {
	out := make([]Readiness, len(c.Methods))
	var wg sync.WaitGroup
	for i, m := range c.Methods {
		out[i].Method = m.Name()
		p, ok := m.(Prober)
		if !ok {
			out[i].Availability, out[i].Err = Unknown, fmt.Errorf("%s: %w", m.Name(), ErrCannotTell)
			continue
		}
		wg.Go(func() {
			pctx, cancel := context.WithTimeout(ctx, CheckTimeout)
			defer cancel()
			ch := make(chan error, 1)
			go func() { ch <- p.Probe(pctx) }()
			var err error
			select {
			case err = <-ch:
			case <-pctx.Done():
				err = fmt.Errorf("%s: no answer: %w (%w)", m.Name(), ErrCannotTell, pctx.Err())
			}
			out[i].Availability, out[i].Err = availability(err), err
		})
	}
	wg.Wait()
	if len(c.Verifiers) == 0 {
		for i := range out {
			if out[i].Availability == Ready {
				out[i].Availability, out[i].Err = Unknown, fmt.Errorf("%s: %w", out[i].Method, errNoVerifier)
			}
		}
	}
	return out
}

// availability classifies a probe's answer.
func availability(err error) Availability {
	switch {
	case err == nil:
		return Ready
	case errors.Is(err, ErrCannotTell):
		return Unknown
	}
	return Missing
}
