package agent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"grendel/app/ipc"
	"grendel/app/lock"
	"grendel/policy"
)

func TestReadinessVerdict(t *testing.T) {
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	ready := func(m string) lock.Readiness { return lock.Readiness{Method: m, Availability: lock.Ready} }
	unknown := func(m string) lock.Readiness {
		return lock.Readiness{Method: m, Availability: lock.Unknown, Err: fmt.Errorf("%s: %w", m, lock.ErrCannotTell)}
	}
	missing := func(m string, err error) lock.Readiness {
		return lock.Readiness{Method: m, Availability: lock.Missing, Err: fmt.Errorf("%s: %w", m, err)}
	}
	tests := []struct {
		name    string
		probes  []lock.Readiness
		verdict Verdict
		method  string
		codes   []string
	}{
		{"nothing at all", nil, VerdictNone, "", nil},
		{"nothing installed", []lock.Readiness{missing("gnome-screensaver", lock.ErrNotOnBus), missing("loginctl", lock.ErrNotRunning)},
			VerdictNone, "", []string{AttemptNotOnBus, AttemptNotRunning}},
		{"i3lock after the desktop's", []lock.Readiness{missing("gnome-screensaver", lock.ErrNotOnBus), ready("i3lock"), ready("slock")},
			VerdictLocks, "i3lock", []string{AttemptNotOnBus, "", ""}},
		{"a ready one after one that cannot tell", []lock.Readiness{unknown("freedesktop-screensaver"), ready("xscreensaver-command")},
			VerdictLocks, "xscreensaver-command", []string{AttemptCannotTell, ""}},
		{"only ones that cannot tell", []lock.Readiness{missing("lock.command:xlock", lock.ErrNotInstalled), unknown("osascript"), unknown("pmset")},
			VerdictMaybe, "osascript", []string{AttemptNotInstalled, AttemptCannotTell, AttemptCannotTell}},
		{"disabled by IT", []lock.Readiness{missing("LockWorkStation", lock.ErrDisabled)}, VerdictNone, "", []string{AttemptDisabled}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := readiness(tc.probes, at)
			if r.Verdict != tc.verdict || r.Method != tc.method || !r.Checked.Equal(at) || len(r.Methods) != len(tc.probes) {
				t.Fatalf("readiness = %+v, want %s %q", r, tc.verdict, tc.method)
			}
			for i, m := range r.Methods {
				if m.Method != tc.probes[i].Method || m.State != string(tc.probes[i].Availability) || m.Code != tc.codes[i] || (m.Code == "") != (m.Error == "") {
					t.Errorf("method %d = %+v, want %s %s code %q", i, m, tc.probes[i].Method, tc.probes[i].Availability, tc.codes[i])
				}
			}
		})
	}
}

func TestNoLockNotice(t *testing.T) {
	tests := []struct {
		name     string
		verdicts []Verdict
		want     []bool
	}{
		{"nothing, at every look", []Verdict{VerdictNone, VerdictNone, VerdictNone}, []bool{true, false, false}},
		{"a locker all along", []Verdict{VerdictLocks, VerdictLocks}, []bool{false, false}},
		{"locker gone, back, gone", []Verdict{VerdictLocks, VerdictNone, VerdictNone, VerdictLocks, VerdictNone}, []bool{false, true, false, false, true}},
		{"uncertain in between is no recovery", []Verdict{VerdictNone, VerdictMaybe, VerdictNone}, []bool{true, false, false}},
		{"uncertain is never told", []Verdict{VerdictMaybe, VerdictMaybe}, []bool{false, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n NoLockNotice
			for i, v := range tc.verdicts {
				if got := n.Due(v); got != tc.want[i] {
					t.Errorf("look %d (%s): Due = %v, want %v", i, v, got, tc.want[i])
				}
			}
		})
	}
}

// probed is a lock method whose probe answers err.
type probed struct {
	name string
	err  error
}

func (m probed) Name() string                       { return m.name }
func (m probed) Lock(context.Context) error         { return errors.New("a probe must not lock") }
func (m probed) Probe(context.Context) error        { return m.err }
func (probed) Locked(context.Context) (bool, error) { return false, nil }

// TestLockSetupProbe: a probe keeps its readiness for the status, takes a
// new chain when the installed lockers changed, keeps the chain in use
// when not, and a new lock.command forgets the old chain's readiness.
func TestLockSetupProbe(t *testing.T) {
	installed := []lock.Method{probed{name: "gnome-screensaver", err: fmt.Errorf("x: %w", lock.ErrNotOnBus)}}
	build := func(command []string) *Locker {
		c := &lock.Chain{Methods: slices.Clone(installed), Verifiers: []lock.Verifier{probed{name: "check"}}}
		if len(command) > 0 {
			c.Methods = append([]lock.Method{probed{name: "lock.command:" + command[0]}}, c.Methods...)
		}
		return &Locker{chain: c}
	}
	snap := func(command ...string) *policy.Snapshot {
		s := policy.Load(policy.Paths{})
		s.Settings.Lock.Command = command
		return s
	}
	l := NewLockSetup(snap(), build)
	if l.Readiness() != nil {
		t.Fatal("Readiness() before the first probe is not nil")
	}
	first := l.Locker()
	r := l.Probe(t.Context())
	if r.Verdict != VerdictNone || l.Readiness() == nil || l.Readiness().Verdict != VerdictNone || l.Locker() != first {
		t.Errorf("probe with nothing installed: %+v, kept %+v, same chain %v", r, l.Readiness(), l.Locker() == first)
	}

	installed = append(installed, probed{name: "i3lock"})
	r = l.Probe(t.Context())
	if r.Verdict != VerdictLocks || r.Method != "i3lock" || l.Locker() == first || !slices.Equal(l.Locker().Methods(), []string{"gnome-screensaver", "i3lock"}) {
		t.Errorf("probe after i3lock was installed: %+v, chain %q", r, l.Locker().Methods())
	}
	second := l.Locker()
	l.Probe(t.Context())
	if l.Locker() != second {
		t.Error("a probe that found the same lockers replaced the chain")
	}

	l.SetPolicy(snap("xlock"))
	if l.Readiness() != nil {
		t.Errorf("after a new lock.command, Readiness() = %+v, want nil until the next probe", l.Readiness())
	}
	if r := l.Probe(t.Context()); r.Methods[0].Method != "lock.command:xlock" || r.Verdict != VerdictLocks {
		t.Errorf("probe with lock.command: %+v", r)
	}
}

func TestHandleQuit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		allow   bool
		quit    bool // the agent can quit
		ok      bool
		errPart string
	}{
		{"allowed", true, true, true, ""},
		{"forbidden by policy", false, true, false, ErrQuitForbidden.Error()},
		{"an agent that cannot quit", true, false, false, "cannot quit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := policy.Load(policy.Paths{})
			snap.Settings.App.AllowQuit = tc.allow
			quitted := 0
			c := Config{Policy: snap}
			if tc.quit {
				c.Quit = func() { quitted++ }
			}
			resp := New(c).Handle(t.Context(), ipc.Request{Op: ipc.OpQuit})
			if resp.OK != tc.ok || !strings.Contains(resp.Error, tc.errPart) {
				t.Errorf("quit = %+v, want ok=%v error %q", resp, tc.ok, tc.errPart)
			}
			if want := map[bool]int{true: 1, false: 0}[tc.ok]; quitted != want {
				t.Errorf("Quit called %d times, want %d", quitted, want)
			}
		})
	}
}
