package lock

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// probedMethod is a method whose probe answers err after delay.
type probedMethod struct {
	name  string
	err   error
	delay time.Duration
}

func (m probedMethod) Name() string               { return m.name }
func (m probedMethod) Lock(context.Context) error { return errors.New("a probe must not lock") }

func (m probedMethod) Probe(ctx context.Context) error {
	select {
	case <-time.After(m.delay):
		return m.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unprobed is a method that cannot tell beforehand.
type unprobed struct{ name string }

func (m unprobed) Name() string               { return m.name }
func (m unprobed) Lock(context.Context) error { return errors.New("a probe must not lock") }

func TestChainProbe(t *testing.T) {
	anyVerifier := []Verifier{&fakeVerifier{name: "check"}}
	tests := []struct {
		name      string
		methods   []Method
		verifiers []Verifier
		want      []Availability
		is        []error // what each Err wraps; nil for no error
	}{
		{
			name: "each kind of answer",
			methods: []Method{
				probedMethod{name: "bus", err: fmt.Errorf("org.gnome.ScreenSaver is %w", ErrNotOnBus)},
				probedMethod{name: "maybe", err: fmt.Errorf("activatable: %w", ErrCannotTell)},
				unprobed{name: "unprobed"},
				probedMethod{name: "daemon", err: fmt.Errorf("xscreensaver: %w", ErrNotRunning)},
				probedMethod{name: "ready"},
			},
			verifiers: anyVerifier,
			want:      []Availability{Missing, Unknown, Unknown, Missing, Ready},
			is:        []error{ErrNotOnBus, ErrCannotTell, ErrCannotTell, ErrNotRunning, nil},
		},
		{
			name:      "a probe that hangs",
			methods:   []Method{probedMethod{name: "slow", delay: time.Hour}, probedMethod{name: "ready"}},
			verifiers: anyVerifier,
			want:      []Availability{Unknown, Ready},
			is:        []error{ErrCannotTell, nil},
		},
		{
			name:    "nothing to verify with",
			methods: []Method{probedMethod{name: "ready"}, probedMethod{name: "gone", err: fmt.Errorf("x: %w", ErrNotInstalled)}},
			want:    []Availability{Unknown, Missing},
			is:      []error{ErrCannotTell, ErrNotInstalled},
		},
		{
			name:      "no method",
			verifiers: anyVerifier,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Chain{Methods: tc.methods, Verifiers: tc.verifiers}
			start := time.Now()
			got := c.Probe(t.Context())
			if took := time.Since(start); took > CheckTimeout+500*time.Millisecond {
				t.Errorf("Probe took %v, want at most about CheckTimeout (%v)", took, CheckTimeout)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("Probe() = %+v, want %d results", got, len(tc.want))
			}
			for i, r := range got {
				if r.Method != tc.methods[i].Name() || r.Availability != tc.want[i] {
					t.Errorf("result %d = %s %s (%v), want %s %s", i, r.Method, r.Availability, r.Err, tc.methods[i].Name(), tc.want[i])
				}
				if tc.is[i] == nil && r.Err != nil || tc.is[i] != nil && !errors.Is(r.Err, tc.is[i]) {
					t.Errorf("result %d (%s): Err = %v, want it to wrap %v", i, r.Method, r.Err, tc.is[i])
				}
			}
		})
	}
}
