package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/oslock"
	"grendel/policy"
)

// The status never calls a policy in force that is not: not while a load
// has not finished, nor when a file was left out because it did not answer
// (issue 8, point 2).
func TestStatusPolicyState(t *testing.T) {
	since := time.Date(2026, 11, 22, 9, 30, 5, 0, time.Local)
	timeout := policy.Problem{File: "/home/u/.config/grendel/settings.json", Code: policy.CodeReadTimeout, Args: map[string]string{"Seconds": "3"}}
	for _, tc := range []struct {
		name string
		st   agent.Status
		want string
	}{
		{"stale", agent.Status{PolicyStale: &since}, "Policy: not up to date: the policy files changed at 09:30:05"},
		{"file left out", agent.Status{Policy: policy.Report{Problems: []policy.Problem{timeout}}}, "Policy: in force without a file that did not answer"},
		{"in force", agent.Status{}, "Policy: in force; files read: 0"},
	} {
		var b bytes.Buffer
		writeStatus(&b, tc.st)
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%s: status lacks %q:\n%s", tc.name, tc.want, b.String())
		}
		if tc.name != "in force" && strings.Contains(b.String(), "Policy: in force;") {
			t.Errorf("%s: status says in force:\n%s", tc.name, b.String())
		}
	}
}

// The status says first what happens when the workstation is left idle,
// and lists what the look at each lock method found; it never says
// "protects" when nothing can lock (issue 13).
func TestStatusLockReadiness(t *testing.T) {
	rep := policy.Load(policy.Paths{}).Report()
	methods := []agent.MethodReadiness{
		{Method: "gnome-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotOnBus, Error: "org.gnome.ScreenSaver is not on the session bus"},
		{Method: "xscreensaver-command", State: agent.MethodMissing, Code: agent.AttemptNotInstalled, Error: "xscreensaver-command: not installed"},
	}
	for _, tc := range []struct {
		name   string
		r      *agent.Readiness
		want   []string
		avoid  string
		second string // the line right after the first
	}{
		{"i3lock", &agent.Readiness{Verdict: agent.VerdictLocks, Method: "i3lock", Methods: append(methods, agent.MethodReadiness{Method: "i3lock", State: agent.MethodReady})},
			[]string{"  i3lock: ready", "  gnome-screensaver: not available on this desktop"}, "covered",
			"Grendel protects this workstation: after 5 minutes without input it locks the screen with i3lock."},
		{"nothing", &agent.Readiness{Verdict: agent.VerdictNone, Methods: methods},
			[]string{"  xscreensaver-command: not installed"}, "protects",
			"No screen locker found: after 5 minutes without input the screen will only be covered, not locked."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := agent.Status{Version: "1", Policy: rep, Lock: &agent.LockStatus{
				RunnerStatus: agent.RunnerStatus{State: agent.StateActive, IdleSource: "x11"},
				Methods:      []string{"gnome-screensaver", "xscreensaver-command", "i3lock"}, Readiness: tc.r}}
			var b bytes.Buffer
			writeStatus(&b, st)
			out := b.String()
			lines := strings.Split(out, "\n")
			if len(lines) < 2 || !strings.HasPrefix(lines[1], tc.second) {
				t.Errorf("second line = %q, want it to start %q", lines[1], tc.second)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("status lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, tc.avoid) {
				t.Errorf("status says %q:\n%s", tc.avoid, out)
			}
		})
	}
}

// sampleStatus is an agent's status with every date, time and duration
// that `grendel status` writes.
func sampleStatus() agent.Status {
	at := time.Date(2026, 12, 11, 15, 4, 5, 0, time.Local)
	stale := at.Add(-time.Hour)
	return agent.Status{Version: "9.9.9", PID: 4242, Started: at, Tray: true, Display: ":0",
		Policy: policy.Load(policy.Paths{}).Report(), PolicyStale: &stale,
		Lock: &agent.LockStatus{
			RunnerStatus: agent.RunnerStatus{State: agent.StateActive, IdleSource: "x11", Idle: 95*time.Second + 300*time.Millisecond,
				LastLock: &agent.LockRecord{At: at, Reason: "idle", Verified: true, Method: "i3lock", VerifiedBy: "i3lock", Took: 1200 * time.Millisecond}},
			IdleSources: []agent.AttemptRecord{{Method: "mutter", Error: "mutter: org.gnome.Mutter.IdleMonitor is not on the session bus"}},
			Methods:     []string{"i3lock"},
		},
		// What TestStartupLanguages looks for.
		StartedBy: agent.StartedBySystemd,
		Autostart: &autostart.Status{Methods: []autostart.Method{{Kind: autostart.KindSystemd, State: autostart.OffByUser}, {Kind: autostart.KindXDG, State: autostart.SkippedUnderSystemd}}},
		OSLock: &oslock.Status{Setting: oslock.Setting{Desktop: "GNOME", Known: true, Enabled: true, After: 15*time.Minute + 30*time.Second},
			Verdict: oslock.TooLate, Limit: 10 * time.Minute},
	}
}

// TestStatusLanguages: `grendel status` writes dates, times and durations
// as people of its language do, with no English in Dutch and German.
func TestStatusLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Grendel 9.9.9: the agent runs (process 4242) since 11/12/2026 15:04\n",
			"the policy files changed at 14:04:05 ",
			"Locks after: 5 minutes without input (default), warning 30 seconds before\n",
			"Idle watch: x11, idle for 1 minute 35 seconds\n",
			"  mutter: does not work here\n",
			"Last lock: 11/12/2026 15:04:05: ", " after 1.2 seconds\n"},
		"nl": {"Grendel 9.9.9: de agent draait (proces 4242) sinds 11-12-2026 15:04\n",
			" 14:04:05 ",
			"Vergrendelt na: 5 minuten zonder invoer (standaard), waarschuwing 30 seconden van tevoren\n",
			"Inactiviteit: x11, al 1 minuut 35 seconden inactief\n",
			"  mutter: werkt hier niet\n",
			": 11-12-2026 15:04:05: ", " na 1,2 seconden\n"},
		"de": {"Grendel 9.9.9: der Agent läuft (Prozess 4242) seit 11.12.2026 15:04\n",
			" 14:04:05 ",
			"Sperrt nach: 5 Minuten ohne Eingabe (Standard), Warnung 30 Sekunden vorher\n",
			"Inaktivität: x11, seit 1 Minute 35 Sekunden inaktiv\n",
			"  mutter: funktioniert hier nicht\n",
			": 11.12.2026 15:04:05: ", " nach 1,2 Sekunden\n"},
	}
	for l, lines := range want {
		out, errOut, code := runIn(t, append([]string{envStatus + "=1"}, locales[l]...), "")
		for _, w := range lines {
			if !strings.Contains(out, w) {
				t.Errorf("%s: status lacks %q (exit %d):\n%s%s", l, w, code, out, errOut)
			}
		}
		if strings.Contains(out, "session bus") || strings.Contains(out, "2026-12") {
			t.Errorf("%s: status holds English or ISO dates:\n%s", l, out)
		}
	}
}
