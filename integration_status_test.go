//go:build integration

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/compliance"
	"grendel/app/compliance/statusschema"
)

// TestIntegrationStatusFile: the real agent writes its status file where
// a root script finds it, valid against the schema and 0600; rewrites it
// when a managed file changes the policy; `grendel status --from FILE`
// reads it as such a script does; and the stopped agent leaves running
// false behind.
func TestIntegrationStatusFile(t *testing.T) {
	s := newSandbox(t)
	a := s.startAgent(s.env)
	st, _ := s.status(s.env, 10*time.Second, func(agent.Status) bool { return true })
	file := filepath.Join(s.state, "grendel", "status.json")

	read := func(what string, ok func(compliance.Document) bool) compliance.Document {
		t.Helper()
		var last error
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			d, err := compliance.ReadFile(file)
			if err == nil && ok(d) {
				return d
			}
			last = err
		}
		t.Fatalf("the status file never showed %s: %v", what, last)
		return compliance.Document{}
	}
	first := read("the running agent", func(d compliance.Document) bool { return d.Running && d.PID == st.PID })
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v, %v; want mode 0600", file, fi.Mode(), err)
	}
	if out, errOut, code := s.run(s.env, "status", "--from", file, "--field", "AgentPID"); code != 0 || out != strconv.Itoa(st.PID)+"\n" {
		t.Errorf("status --from FILE --field AgentPID = %d, %q, %q", code, out, errOut)
	}

	s.write("managed/10.json", `{"lock": {"idle_timeout": "2m"}}`)
	changed := read("the managed file's policy", func(d compliance.Document) bool { return d.PolicyFingerprint != first.PolicyFingerprint })
	if v, _ := changed.Field("PolicyLockIdleTimeoutSeconds", time.Now()); v != int64(120) {
		t.Errorf("PolicyLockIdleTimeoutSeconds = %v, want 120", v)
	}
	out, _, _ := s.run(s.env, "status", "--field", "PolicyFingerprint")
	if strings.TrimSpace(out) != changed.PolicyFingerprint {
		t.Errorf("status --field PolicyFingerprint = %q, the file says %s", out, changed.PolicyFingerprint)
	}

	if err := a.stop(t); err != nil {
		t.Errorf("agent exit after SIGTERM: %v\n%s", err, a.stderr)
	}
	if d, err := compliance.ReadFile(file); err != nil || d.Running {
		t.Errorf("after the stop: %v, running %v", err, d.Running)
	}
	// Without an agent, status --json is still a document, with exit 3.
	out, _, code := s.run(s.env, "status", "--json")
	if err := statusschema.Validate([]byte(out)); code != 3 || err != nil {
		t.Errorf("status --json without an agent = %d, %v", code, err)
	}
}
