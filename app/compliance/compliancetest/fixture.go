// Package compliancetest holds what the tests of the status document share:
// a busy agent's status and policies read from files. Only tests import it.
package compliancetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/oslock"
	"grendel/policy"
)

// T0 is the time the fixtures are made at.
var T0 = time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)

// Loaded returns the report of the policy in files written to dir: name →
// content, the one named "extra.json" given as --policy, "user.json" as
// the user's settings; the managed and recommended directories are empty.
func Loaded(t testing.TB, dir string, files map[string]string) policy.Report {
	t.Helper()
	paths := policy.Paths{Managed: filepath.Join(dir, "managed"), Recommended: filepath.Join(dir, "recommended")}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		switch name {
		case "extra.json":
			paths.Extra = []string{p}
		case "user.json":
			paths.User = p
		}
	}
	return policy.Load(paths).Report()
}

// Busy is the status of a busy agent with the policy r: an idle watch, a
// verified lock, readiness, history, autostart, the desktop's own lock, a
// stale policy.
func Busy(r policy.Report) agent.Status {
	last := &agent.LockRecord{At: T0.Add(-time.Hour), Reason: "idle", Verified: true, Outcome: agent.OutcomeLocked, Method: "loginctl", VerifiedBy: "logind",
		Attempts: []agent.AttemptRecord{{Method: "gnome", Code: "failed", Error: "exit status 1"}, {Method: "loginctl", Verified: true}}, Took: 300 * time.Millisecond}
	stale := T0.Add(-time.Minute)
	return agent.Status{
		Version: "1.2.3", PID: 4242, Started: T0.Add(-2 * time.Hour), Tray: true, Display: ":0", Policy: r, PolicyStale: &stale,
		Lock: &agent.LockStatus{
			RunnerStatus: agent.RunnerStatus{State: agent.StateActive, IdleSource: "mutter", Idle: 3 * time.Second, IdleAt: T0, LastLock: last, Steps: 9},
			IdleSources:  []agent.AttemptRecord{{Method: "x11", Error: "no display"}, {Method: "mutter"}},
			Methods:      []string{"gnome", "loginctl", "privacy"},
			Readiness:    &agent.Readiness{Verdict: agent.VerdictLocks, Method: "loginctl", Methods: []agent.MethodReadiness{{Method: "loginctl", State: agent.MethodReady}}, Checked: T0},
			History:      []agent.LockRecord{*last},
		},
		StartedBy: agent.StartedBySystemd,
		Autostart: &autostart.Status{InPlace: true, Methods: []autostart.Method{{Kind: "systemd", State: "enabled", Path: "/home/ann/.config/systemd/user/grendel.service"}}},
		OSLock:    &oslock.Status{Setting: oslock.Setting{Desktop: "gnome", Known: true, Enabled: true, After: 5 * time.Minute, Source: "gsettings"}, Verdict: oslock.Backstop, Limit: 10 * time.Minute},
	}
}

// NotDocuments returns texts that are not status documents, each named,
// made from good, the JSON text of one that is.
func NotDocuments(good []byte) map[string]string {
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		_ = json.Unmarshal(good, &m)
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	return map[string]string{
		"not JSON":          `{"schema":`,
		"an array":          `[]`,
		"two objects":       string(good) + "{}",
		"no schema":         edit(func(m map[string]any) { delete(m, "schema") }),
		"other version":     edit(func(m map[string]any) { m["schema"] = "grendel.status/2" }),
		"unknown field":     edit(func(m map[string]any) { m["user"] = "ann" }),
		"pid as text":       edit(func(m map[string]any) { m["pid"] = "4242" }),
		"short fingerprint": edit(func(m map[string]any) { m["policy_fingerprint"] = "sha256:00" }),
		"no written_at":     edit(func(m map[string]any) { delete(m, "written_at") }),
		"no policy":         edit(func(m map[string]any) { delete(m, "policy") }),
	}
}
