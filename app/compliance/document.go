// Package compliance is Grendel's status as compliance tools read it: one
// versioned document ([Document], schema [SchemaID]) that `grendel status
// --json` prints and the agent writes to a file that a machine-wide
// script can read ([Writer]); its flat form for Intune's custom compliance
// and Jamf's extension attributes ([Document.Flat], [Fields]); and its
// strict reader for the files ([Parse], [ReadFile]). The JSON Schema of the
// document, generated from its Go types, is package
// [grendel/app/compliance/statusschema]'s, which only tests import.
//
// # Stability
//
// The document is [agent.Status], the agent's own report, with the
// schema's name, whether the agent runs, when the document was written
// and the fingerprint of the effective policy beside it. Readers of
// "grendel.status/1" may rely on every field the committed schema
// (docs/status.schema.json) names; a test fails when the Go types and the
// committed schema part, so a change is always a decision: a new optional
// field keeps the version, anything else takes a new one.
//
// # Personal data
//
// The document holds what an administrator needs to judge the machine:
// the agent, the policy, the lock and the desktop's own lock. It never
// holds the user's name: paths under the user's home directory are
// written with "~" in its place, and there are no share labels,
// recipients or file names in the agent's status to begin with.
//
// The document is self-reported: a program running as the user writes
// it, and the user could write another. Its age ([Document.WrittenAt],
// rewritten at least every [Heartbeat]) is the signal that the agent runs.
package compliance

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/oslock"
	"grendel/policy"
)

// SchemaID names the document's schema and its version. It changes only
// when a field changes its meaning or goes away.
const SchemaID = "grendel.status/1"

// Document is Grendel's status for compliance tools, as `grendel status
// --json` prints it and the agent's status file holds it.
type Document struct {
	// Schema names the schema and its version: "grendel.status/1"
	// ([SchemaID]).
	Schema string `json:"schema" jsonschema:"enum=grendel.status/1"`
	// Running is true when the agent answered (or, in the agent's status
	// file, when the agent wrote it while running). When false, the
	// policy is the one the process that printed the document read, and
	// the agent's own fields (pid, started, tray, lock) are absent.
	Running bool `json:"running"`
	// WrittenAt is when the document was made, in UTC. In the status
	// file its age is the heartbeat: the agent rewrites it at least every
	// 5 minutes ([Heartbeat]).
	WrittenAt time.Time `json:"written_at"`
	// PolicyFingerprint is "sha256:" and the hex SHA-256 of every key's
	// effective value ([policy.Report.Fingerprint]): the same string on
	// every machine that enforces the same values.
	PolicyFingerprint string `json:"policy_fingerprint" jsonschema:"pattern=^sha256:[0-9a-f]{64}$"`
	agent.Status
}

// FromAgent returns the document of a running agent's status, made at now.
func FromAgent(st agent.Status, now time.Time) Document {
	d := Document{Schema: SchemaID, Running: true, WrittenAt: now.UTC(), Status: st}
	d.finish()
	return d
}

// Surroundings reads what a process other than the agent can still tell
// about the user's session: whether Grendel starts at login and the
// desktop's own lock. A nil function leaves its part out.
type Surroundings struct {
	Autostart func() autostart.Status
	OSLock    func() oslock.Setting
}

// NotRunning returns the document of a session whose agent does not
// answer: the program's version, the policy as this process read it, and
// what around tells, made at now.
func NotRunning(version string, r policy.Report, around Surroundings, now time.Time) Document {
	st := agent.Status{Version: version, Policy: r}
	if around.Autostart != nil {
		a := around.Autostart()
		st.Autostart = &a
	}
	if around.OSLock != nil {
		idle, _ := r.Duration(policy.LockIdleTimeout)
		c := oslock.Check(around.OSLock(), idle)
		st.OSLock = &c
	}
	d := Document{Schema: SchemaID, WrittenAt: now.UTC(), Status: st}
	d.finish()
	return d
}

// finish sets the fingerprint and takes the user's home out of paths.
func (d *Document) finish() {
	d.PolicyFingerprint = d.Policy.Fingerprint()
	home, _ := os.UserHomeDir()
	d.withoutHome(home)
	d.noNulls()
}

// noNulls makes every list the schema requires a list, empty rather than
// null: an agent that read no policy file has no list of files read.
func (d *Document) noNulls() {
	p := &d.Policy
	p.Read = orEmpty(p.Read)
	p.Keys = orEmpty(p.Keys)
	p.Problems = orEmpty(p.Problems)
	if d.Lock == nil {
		return
	}
	l := *d.Lock
	l.Methods = orEmpty(l.Methods)
	if l.LastLock != nil {
		last := *l.LastLock
		last.Attempts = orEmpty(last.Attempts)
		l.LastLock = &last
	}
	l.History = append([]agent.LockRecord(nil), l.History...)
	for i := range l.History {
		l.History[i].Attempts = orEmpty(l.History[i].Attempts)
	}
	if l.Readiness != nil {
		r := *l.Readiness
		r.Methods = orEmpty(r.Methods)
		l.Readiness = &r
	}
	d.Lock = &l
}

// orEmpty returns s, or an empty slice for nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// withoutHome writes every path under home as "~" and the rest, on copies:
// the slices of a Status may be shared with the agent's policy snapshot.
func (d *Document) withoutHome(home string) {
	tilde := func(p string) string { return Tilde(p, home) }
	p := &d.Policy
	p.Read = mapped(p.Read, tilde)
	p.Keys = append([]policy.KeyReport(nil), p.Keys...)
	for i := range p.Keys {
		p.Keys[i].File = tilde(p.Keys[i].File)
	}
	p.Problems = append([]policy.Problem{}, p.Problems...)
	for i, pr := range p.Problems {
		p.Problems[i].File = tilde(pr.File)
		if path, ok := pr.Args["Path"]; ok {
			args := make(map[string]string, len(pr.Args))
			for k, v := range pr.Args {
				args[k] = v
			}
			args["Path"] = tilde(path)
			p.Problems[i].Args = args
		}
	}
	if d.Autostart != nil {
		a := *d.Autostart
		a.Methods = append([]autostart.Method(nil), a.Methods...)
		for i := range a.Methods {
			a.Methods[i].Path = tilde(a.Methods[i].Path)
		}
		d.Autostart = &a
	}
}

func mapped(ss []string, f func(string) string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// Tilde writes path with "~" in place of home when it lies under home
// (or is home), and unchanged otherwise; an empty home changes nothing.
func Tilde(path, home string) string {
	if home == "" || path == "" {
		return path
	}
	home = filepath.Clean(home)
	if path == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}
