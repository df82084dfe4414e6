package lock_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"grendel/app/lock"
)

// A locker of the example's own: it either fails or locks the pretend
// session.
type pretendLocker struct {
	name    string
	err     error
	session *bool
}

func (m pretendLocker) Name() string { return m.name }

func (m pretendLocker) Lock(context.Context) error {
	if m.err != nil {
		return m.err
	}
	*m.session = true
	return nil
}

// A check of the example's own: it looks at the pretend session.
type pretendCheck struct{ session *bool }

func (pretendCheck) Name() string { return "pretend-check" }

func (v pretendCheck) Locked(context.Context) (bool, error) { return *v.session, nil }

// A chain tries its methods in order until a verifier confirms the lock;
// every attempt is kept for the record.
func ExampleChain_Lock() {
	locked := false
	c := &lock.Chain{
		Methods: []lock.Method{
			pretendLocker{name: "broken", err: fmt.Errorf("broken: %w", lock.ErrNotInstalled)},
			pretendLocker{name: "working", session: &locked},
		},
		Verifiers: []lock.Verifier{pretendCheck{&locked}},
		Timeout:   time.Second,
	}
	r := c.Lock(context.Background())
	fmt.Printf("verified: %v, by %s, confirmed by %s\n", r.Verified, r.Method, r.VerifiedBy)
	for _, a := range r.Attempts {
		fmt.Printf("  %s: verified=%v err=%v not-installed=%v\n", a.Method, a.Verified, a.Err, errors.Is(a.Err, lock.ErrNotInstalled))
	}

	// Asked again, the chain finds the session locked and leaves it be.
	r = c.Lock(context.Background())
	fmt.Printf("again: %s, confirmed by %s\n", r.Method, r.VerifiedBy)
	// Output:
	// verified: true, by working, confirmed by pretend-check
	//   broken: verified=false err=broken: not installed not-installed=true
	//   working: verified=true err=<nil> not-installed=false
	// again: already-locked, confirmed by pretend-check
}

// The chain for this computer, with IT's lock.command first.
func ExamplePlatform() {
	c := lock.Platform([]string{"i3lock", "-n"}, lock.OSEnv())
	r := c.Lock(context.Background())
	if !r.Verified {
		for _, a := range r.Attempts {
			fmt.Printf("%s: %v\n", a.Method, a.Err)
		}
		return
	}
	fmt.Printf("locked by %s, verified by %s after %v\n", r.Method, r.VerifiedBy, r.Took)
}
