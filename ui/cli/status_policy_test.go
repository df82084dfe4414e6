package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
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
