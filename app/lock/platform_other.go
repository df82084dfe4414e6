//go:build !linux && !windows && !darwin

package lock

import (
	"context"
	"fmt"
	"runtime"
)

// Platform returns the chain of an OS Grendel has no built-in locker for:
// command alone, when it is not empty, and no verifier, so that a lock is
// never reported as verified; an empty command gives a method that fails
// naming the OS.
func Platform(command []string, env Env) *Chain {
	if len(command) > 0 {
		return &Chain{Methods: []Method{policyCommand(command, env)}}
	}
	return &Chain{Methods: []Method{unsupported{}}}
}

// unsupported is a [Method] that says this OS has none.
type unsupported struct{}

// Name implements [Method].
func (unsupported) Name() string { return "none" }

// Lock implements [Method].
func (unsupported) Lock(context.Context) error {
	return fmt.Errorf("locking on %s: %w", runtime.GOOS, ErrUnsupported)
}

// Probe implements [Prober]: it never can.
func (u unsupported) Probe(ctx context.Context) error { return u.Lock(ctx) }
