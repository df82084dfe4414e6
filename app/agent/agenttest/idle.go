// Package agenttest holds test doubles for the agent's interfaces that
// tests of several packages use.
package agenttest

import (
	"context"
	"time"
)

// GatedIdle is an idle source whose readings wait until Release is closed
// (or their context ends), then give Reading: it holds the idle watch
// before its first reading.
type GatedIdle struct {
	Release chan struct{}
	Reading time.Duration
}

// NewGatedIdle returns a source whose gate is shut and whose readings,
// once it is opened, are idle.
func NewGatedIdle(idle time.Duration) *GatedIdle {
	return &GatedIdle{Release: make(chan struct{}), Reading: idle}
}

// Name names the source in the agent's status.
func (g *GatedIdle) Name() string { return "gated" }

// Idle waits for Release and returns g.Reading, or the context's error.
func (g *GatedIdle) Idle(ctx context.Context) (time.Duration, error) {
	select {
	case <-g.Release:
		return g.Reading, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
