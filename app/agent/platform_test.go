package agent

import (
	"slices"
	"testing"
	"time"

	"grendel/policy"
)

// TestLockSetup: the agent's one chain is built at start and again only
// when a new policy changes lock.command; the timing follows every policy.
func TestLockSetup(t *testing.T) {
	var built [][]string
	build := func(command []string) *Locker {
		built = append(built, command)
		return &Locker{}
	}
	snap := func(timeout time.Duration, command ...string) *policy.Snapshot {
		s := policy.Load(policy.Paths{})
		s.Settings.Lock.IdleTimeout, s.Settings.Lock.Command = timeout, command
		return s
	}
	l := NewLockSetup(snap(time.Minute), build)
	first := l.Locker()
	l.SetPolicy(snap(2 * time.Minute))
	if l.Locker() != first || len(built) != 1 {
		t.Errorf("same lock.command: chains built %v, want one", built)
	}
	if got := l.Timing().IdleTimeout; got != 2*time.Minute {
		t.Errorf("Timing().IdleTimeout = %v, want the new policy's 2m", got)
	}
	l.SetPolicy(snap(2*time.Minute, "xsecurelock"))
	if l.Locker() == first || len(built) != 2 || !slices.Equal(built[1], []string{"xsecurelock"}) {
		t.Errorf("new lock.command: chains built %v, want a second for [xsecurelock]", built)
	}
}
