package i18n

import (
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/strength"
)

// TestLockOutcome: the one text of a lock's outcome that the agent's log,
// `grendel lock` and `grendel status` share; a cover is never called a
// lock.
func TestLockOutcome(t *testing.T) {
	// The texts below are the English ones (no translations are loaded
	// here); so are the numbers in them, whatever the tester's locale.
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "en_US.UTF-8")
	tests := []struct {
		name  string
		rec   agent.LockRecord
		want  []string
		avoid []string
	}{
		{"verified, from the CLI", agent.LockRecord{Verified: true, Method: "lock.command:i3lock", VerifiedBy: "x11-grab", Took: 81 * time.Millisecond},
			[]string{"locked by lock.command:i3lock, verified by x11-grab after 0.1 seconds"}, []string{"("}},
		{"verified after idle", agent.LockRecord{Verified: true, Reason: "idle", Method: "loginctl", VerifiedBy: "logind", Took: time.Second},
			[]string{"locked (idle) by loginctl, verified by logind after 1 second"}, nil},
		{"locked again after the locker died", agent.LockRecord{Verified: true, Reason: agent.ReasonLockerEnded, Method: "m", VerifiedBy: "v"},
			[]string{"locked (the screen locker ended without an unlock)"}, nil},
		{"covered", agent.LockRecord{Privacy: true}, []string{"only covered by the privacy screen, NOT locked"}, []string{"locked by"}},
		{"failed", agent.LockRecord{}, []string{"could not be locked"}, []string{"locked by"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LockOutcome(tt.rec)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("LockOutcome = %q, want it to hold %q", got, w)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(got, a) {
					t.Errorf("LockOutcome = %q, want it without %q", got, a)
				}
			}
		})
	}
}

func TestLockAttempts(t *testing.T) {
	rec := agent.LockRecord{Attempts: []agent.AttemptRecord{
		{Method: "xscreensaver-command", Code: agent.AttemptNotInstalled, Error: "xscreensaver-command: not installed"},
		{Method: "gnome-screensaver", Code: agent.AttemptNotOnBus, Error: "org.gnome.ScreenSaver is not on the session bus"},
		{Method: "lock.command:i3lock", Code: agent.AttemptCovered, Error: "not verified within 3s: x11-grab: …"},
		{Method: "lock.command:mylock", Code: agent.AttemptFailed, Error: "exit status 1: cannot open display"},
		{Method: "old", Error: "an agent of an older version wrote no code"},
		{Method: "fine", Verified: true},
	}}
	want := strings.Join([]string{
		"  xscreensaver-command: not installed",
		"  gnome-screensaver: not available on this desktop (its service is not on the session bus)",
		"  lock.command:i3lock: Grendel's privacy screen is up, and it is no lock",
		"  lock.command:mylock: failed (exit status 1: cannot open display)",
		"  old: an agent of an older version wrote no code",
	}, "\n")
	if got := LockAttempts(rec, "  "); got != want {
		t.Errorf("LockAttempts =\n%s\nwant\n%s", got, want)
	}
}

// TestVerdict: the check window's sentence and the CLI's column come from
// one decision.
func TestVerdict(t *testing.T) {
	p := strength.Policy{MinScore: 3, MinLength: 12}
	for _, tc := range []struct {
		v        strength.Verdict
		sentence string
		column   string
	}{
		{strength.Verdict{Pass: true}, PassMark + " Meets", "pass"},
		{strength.Verdict{TooShort: true}, "at least 12 characters", "fail: too short"},
		{strength.Verdict{TooWeak: true}, `"strong"`, "fail: too weak"},
		{strength.Verdict{TooWeak: true, TooShort: true}, `12 characters and "strong"`, "fail: too weak and too short"},
		{strength.Verdict{TooWeak: true, Banned: true}, "does not allow", "fail: holds a word your organisation does not allow"},
	} {
		got := Verdict(p, tc.v)
		if !strings.Contains(got.Sentence, tc.sentence) || got.Column != tc.column {
			t.Errorf("Verdict(%+v) = %+v, want %q in the sentence and column %q", tc.v, got, tc.sentence, tc.column)
		}
	}
}
