package lock

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when the chain sleeps.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	return nil
}

// screen is the fake session: methods lock it, verifiers look at it.
type screen struct {
	clock    *fakeClock
	mu       sync.Mutex
	lockedAt time.Time // zero: not locked
}

func (s *screen) lockIn(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lockedAt = s.clock.Now().Add(d)
}

func (s *screen) locked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.lockedAt.IsZero() && !s.clock.Now().Before(s.lockedAt)
}

// fakeMethod locks the screen after a delay, or fails, and counts calls.
type fakeMethod struct {
	name   string
	err    error
	lockIn time.Duration // <0: never locks
	do     func()        // called on Lock, if set
	scr    *screen
	calls  int
}

func (m *fakeMethod) Name() string { return m.name }

func (m *fakeMethod) Lock(ctx context.Context) error {
	m.calls++
	if m.do != nil {
		m.do()
	}
	if m.err != nil {
		return m.err
	}
	if m.lockIn >= 0 {
		m.scr.lockIn(m.lockIn)
	}
	return nil
}

// fakeStarter is a method whose process ends, after Lock, with err.
type fakeStarter struct {
	fakeMethod
	exit error
}

func (m *fakeStarter) start(ctx context.Context) (<-chan error, func(), error) {
	ch := make(chan error, 1)
	if err := m.Lock(ctx); err != nil {
		return nil, nil, err
	}
	ch <- m.exit
	return ch, func() {}, nil
}

// fakeVerifier sees the screen, or cannot tell.
type fakeVerifier struct {
	name string
	err  error
	scr  *screen
}

func (v *fakeVerifier) Name() string { return v.name }

func (v *fakeVerifier) Locked(ctx context.Context) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if v.err != nil {
		return false, v.err
	}
	return v.scr.locked(), nil
}

// wantAttempt is the expected shape of an Attempt.
type wantAttempt struct {
	method     string
	verifiedBy string        // "" when not verified
	errIs      error         // nil: any error, when not verified
	errHas     string        // part of the error text
	took       time.Duration // on the fake clock
}

func TestChainLock(t *testing.T) {
	const ms = time.Millisecond
	down := errors.New("service down")
	tests := []struct {
		name string
		// build makes the chain's methods and verifiers over the screen;
		// ctx may be cancelled by a method through cancel.
		build        func(s *screen, cancel context.CancelFunc) ([]Method, []Verifier)
		wantVerified bool
		wantMethod   string
		wantBy       string
		wantErrIs    error
		wantTook     time.Duration
		want         []wantAttempt
	}{
		{
			name: "first method verified after three polls",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", lockIn: 200 * ms, scr: s}, &fakeMethod{name: "b", scr: s}},
					[]Verifier{&fakeVerifier{name: "broken", err: down}, &fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: "a", wantBy: "eye", wantTook: 225 * ms,
			want: []wantAttempt{{method: "a", verifiedBy: "eye", took: 225 * ms}},
		},
		{
			name: "a method error moves on to the next at once",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", err: down, scr: s}, &fakeMethod{name: "b", scr: s}},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: "b", wantBy: "eye",
			want: []wantAttempt{{method: "a", errIs: down, errHas: "service down"}, {method: "b", verifiedBy: "eye"}},
		},
		{
			name: "a method that never verifies is given up after Timeout",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", lockIn: -1, scr: s}, &fakeMethod{name: "b", lockIn: 100 * ms, scr: s}},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: "b", wantBy: "eye", wantTook: 3*time.Second + 150*ms,
			want: []wantAttempt{
				{method: "a", errIs: ErrNotVerified, errHas: "not verified within 3s", took: 3 * time.Second},
				{method: "b", verifiedBy: "eye", took: 150 * ms},
			},
		},
		{
			name: "nothing verified: every attempt recorded",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", err: down, scr: s}, &fakeMethod{name: "b", lockIn: -1, scr: s}, &fakeMethod{name: "c", err: ErrNotInstalled, scr: s}},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantTook: 3 * time.Second,
			want: []wantAttempt{
				{method: "a", errIs: down},
				{method: "b", errIs: ErrNotVerified, took: 3 * time.Second},
				{method: "c", errIs: ErrNotInstalled},
			},
		},
		{
			name: "no verifier can answer: the reasons are given",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", scr: s}},
					[]Verifier{&fakeVerifier{name: "v1", err: down}, &fakeVerifier{name: "v2", err: ErrNotOnBus}}
			},
			wantTook: 3 * time.Second,
			want: []wantAttempt{{method: "a", errIs: ErrNotVerified,
				errHas: "no verifier could answer: v1: service down; v2: not on the session bus", took: 3 * time.Second}},
		},
		{
			name: "some verifiers cannot answer: the reasons other than absence are given",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", lockIn: -1, scr: s}},
					[]Verifier{&fakeVerifier{name: "v1", err: down}, &fakeVerifier{name: "v2", err: ErrNotInstalled}, &fakeVerifier{name: "eye", scr: s}}
			},
			wantTook: 3 * time.Second,
			want: []wantAttempt{{method: "a", errIs: ErrNotVerified,
				errHas: "not verified within 3s; could not answer: v1: service down", took: 3 * time.Second}},
		},
		{
			name: "no verifier at all",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", scr: s}}, nil
			},
			wantTook: 3 * time.Second,
			want:     []wantAttempt{{method: "a", errIs: ErrNotVerified, errHas: "no verifier", took: 3 * time.Second}},
		},
		{
			name: "already locked: no method is tried",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				s.lockIn(0)
				return []Method{&fakeMethod{name: "a", err: errors.New("must not run"), scr: s}},
					[]Verifier{&fakeVerifier{name: "broken", err: down}, &fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: AlreadyLocked, wantBy: "eye",
		},
		{
			name: "the first verifier in order is credited",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", scr: s}},
					[]Verifier{&fakeVerifier{name: "first", scr: s}, &fakeVerifier{name: "second", scr: s}}
			},
			wantVerified: true, wantMethod: "a", wantBy: "first",
			want: []wantAttempt{{method: "a", verifiedBy: "first"}},
		},
		{
			name: "context cancelled during an attempt stops the chain",
			build: func(s *screen, cancel context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeMethod{name: "a", lockIn: -1, do: cancel, scr: s}, &fakeMethod{name: "b", err: errors.New("must not run"), scr: s}},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantErrIs: context.Canceled,
			want:      []wantAttempt{{method: "a", errIs: context.Canceled}},
		},
		{
			name: "a started process that fails ends its attempt before Timeout",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{
						&fakeStarter{fakeMethod{name: "a", lockIn: -1, scr: s}, errors.New("a failed (exit status 1): cannot grab keyboard")},
						&fakeMethod{name: "b", scr: s},
					},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: "b", wantBy: "eye",
			want: []wantAttempt{{method: "a", errHas: "cannot grab keyboard"}, {method: "b", verifiedBy: "eye"}},
		},
		{
			name: "a started process that ends well is still waited for",
			build: func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) {
				return []Method{&fakeStarter{fakeMethod{name: "a", lockIn: 500 * ms, scr: s}, nil}},
					[]Verifier{&fakeVerifier{name: "eye", scr: s}}
			},
			wantVerified: true, wantMethod: "a", wantBy: "eye", wantTook: 525 * ms,
			want: []wantAttempt{{method: "a", verifiedBy: "eye", took: 525 * ms}},
		},
		{
			name:      "no method",
			build:     func(s *screen, _ context.CancelFunc) ([]Method, []Verifier) { return nil, nil },
			wantErrIs: ErrNoMethod,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			s := &screen{clock: clock}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			methods, verifiers := tc.build(s, cancel)
			c := &Chain{Methods: methods, Verifiers: verifiers, Now: clock.Now, Sleep: clock.Sleep}
			r := c.Lock(ctx)

			if r.Verified != tc.wantVerified || r.Method != tc.wantMethod || r.VerifiedBy != tc.wantBy {
				t.Errorf("Lock() = Verified %v, Method %q, VerifiedBy %q; want %v, %q, %q",
					r.Verified, r.Method, r.VerifiedBy, tc.wantVerified, tc.wantMethod, tc.wantBy)
			}
			if r.Took != tc.wantTook {
				t.Errorf("Lock().Took = %v, want %v", r.Took, tc.wantTook)
			}
			if (r.Err == nil) != (tc.wantErrIs == nil) || (tc.wantErrIs != nil && !errors.Is(r.Err, tc.wantErrIs)) {
				t.Errorf("Lock().Err = %v, want %v", r.Err, tc.wantErrIs)
			}
			checkAttempts(t, r.Attempts, tc.want)
		})
	}
}

func checkAttempts(t *testing.T, got []Attempt, want []wantAttempt) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("Lock() made %d attempts, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		a := got[i]
		if a.Method != w.method {
			t.Errorf("attempt %d: Method = %q, want %q", i, a.Method, w.method)
		}
		if w.verifiedBy != "" {
			if !a.Verified || a.VerifiedBy != w.verifiedBy || a.Err != nil {
				t.Errorf("attempt %d (%s) = Verified %v by %q, Err %v; want verified by %q", i, a.Method, a.Verified, a.VerifiedBy, a.Err, w.verifiedBy)
			}
		} else {
			if a.Verified || a.Err == nil {
				t.Errorf("attempt %d (%s) = Verified %v, Err %v; want a failure", i, a.Method, a.Verified, a.Err)
			}
			if w.errIs != nil && !errors.Is(a.Err, w.errIs) {
				t.Errorf("attempt %d (%s): Err = %v, want one wrapping %v", i, a.Method, a.Err, w.errIs)
			}
		}
		if w.errHas != "" && (a.Err == nil || !strings.Contains(a.Err.Error(), w.errHas)) {
			t.Errorf("attempt %d (%s): Err = %v, want it to contain %q", i, a.Method, a.Err, w.errHas)
		}
		if a.Took != w.took {
			t.Errorf("attempt %d (%s): Took = %v, want %v", i, a.Method, a.Took, w.took)
		}
	}
}

func TestChainLockCancelledBefore(t *testing.T) {
	s := &screen{clock: newFakeClock()}
	m := &fakeMethod{name: "a", scr: s}
	c := &Chain{Methods: []Method{m}, Verifiers: []Verifier{&fakeVerifier{name: "eye", scr: s}}}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := c.Lock(ctx)
	if r.Verified || len(r.Attempts) != 0 || !errors.Is(r.Err, context.Canceled) {
		t.Errorf("Lock(cancelled) = %+v, want unverified, no attempt, Err wrapping context.Canceled", r)
	}
	if m.calls != 0 {
		t.Errorf("the method was called %d times, want 0", m.calls)
	}
}

// TestChainLockUnderCover: with Grendel's privacy screen up, the X11
// probe answers ErrCovered; the chain is neither "already locked" nor
// verified, and the attempt's error says why (it is what the UI shows).
func TestChainLockUnderCover(t *testing.T) {
	clock := newFakeClock()
	s := &screen{clock: clock}
	c := &Chain{
		Methods:   []Method{&fakeMethod{name: "i3lock", lockIn: -1, scr: s}},
		Verifiers: []Verifier{&fakeVerifier{name: "x11-grab", err: ErrCovered, scr: s}},
		Now:       clock.Now, Sleep: clock.Sleep,
	}
	r := c.Lock(t.Context())
	if r.Verified || r.Method == AlreadyLocked || len(r.Attempts) != 1 {
		t.Fatalf("Lock under the cover = %+v, want one unverified attempt", r)
	}
	if err := r.Attempts[0].Err; !errors.Is(err, ErrNotVerified) || !errors.Is(err, ErrCovered) {
		t.Errorf("attempt error = %v, want ErrNotVerified wrapping ErrCovered", err)
	}
}

func TestChainLocked(t *testing.T) {
	down := errors.New("down")
	tests := []struct {
		name      string
		locked    bool
		verifiers func(s *screen) []Verifier
		want      bool
		wantBy    string
	}{
		{"no verifier", true, func(*screen) []Verifier { return nil }, false, ""},
		{"none can tell", true, func(*screen) []Verifier {
			return []Verifier{&fakeVerifier{name: "a", err: down}}
		}, false, ""},
		{"unlocked", false, func(s *screen) []Verifier {
			return []Verifier{&fakeVerifier{name: "a", scr: s}}
		}, false, ""},
		{"locked, second says so", true, func(s *screen) []Verifier {
			return []Verifier{&fakeVerifier{name: "a", err: down}, &fakeVerifier{name: "b", scr: s}}
		}, true, "b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &screen{clock: newFakeClock()}
			if tc.locked {
				s.lockIn(0)
			}
			c := &Chain{Verifiers: tc.verifiers(s)}
			got, by := c.Locked(t.Context())
			if got != tc.want || by != tc.wantBy {
				t.Errorf("Locked() = %v, %q; want %v, %q", got, by, tc.want, tc.wantBy)
			}
		})
	}
}

// slowVerifier never answers before its context ends.
type slowVerifier struct{}

func (slowVerifier) Name() string { return "slow" }

func (slowVerifier) Locked(ctx context.Context) (bool, error) {
	<-ctx.Done()
	return false, ctx.Err()
}

// A verifier that hangs costs one CheckTimeout, not the whole chain.
func TestChainLockedSlowVerifier(t *testing.T) {
	s := &screen{clock: newFakeClock()}
	s.lockIn(0)
	c := &Chain{Verifiers: []Verifier{slowVerifier{}, &fakeVerifier{name: "eye", scr: s}}}
	start := time.Now()
	got, by := c.Locked(t.Context())
	if !got || by != "eye" {
		t.Errorf("Locked() = %v, %q; want true, %q", got, by, "eye")
	}
	if d := time.Since(start); d > CheckTimeout+time.Second {
		t.Errorf("Locked() took %v, want about CheckTimeout (%v)", d, CheckTimeout)
	}
}

func TestChainNames(t *testing.T) {
	c := &Chain{
		Methods:   []Method{&fakeMethod{name: "a"}, &fakeMethod{name: "b"}},
		Verifiers: []Verifier{&fakeVerifier{name: "v"}},
	}
	if got, want := fmt.Sprint(c.MethodNames()), "[a b]"; got != want {
		t.Errorf("MethodNames() = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(c.VerifierNames()), "[v]"; got != want {
		t.Errorf("VerifierNames() = %s, want %s", got, want)
	}
}

func TestEnvGet(t *testing.T) {
	e := Env{Vars: []string{"PATH=/a", "EMPTY=", "NOEQUALS", "PATH=/b", "X=1=2"}}
	tests := []struct{ key, want string }{
		{"PATH", "/b"},
		{"EMPTY", ""},
		{"NOEQUALS", ""},
		{"X", "1=2"},
		{"MISSING", ""},
	}
	for _, tc := range tests {
		if got := e.Get(tc.key); got != tc.want {
			t.Errorf("Get(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}
