package resident

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/compliance"
	"grendel/internal/testdir"
	"grendel/policy"
)

// TestStatusFile: the agent's status file appears, valid and 0600, is
// rewritten after a policy change and after a change that the idle watch
// reports, and says running false after the stop.
func TestStatusFile(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "grendel", compliance.FileName)
	a := agent.New(agent.Config{Version: "t", Policy: policy.Load(policy.Paths{})})
	ctx, cancel := context.WithCancel(context.Background())
	var said []string
	changed, done := statusFile(ctx, a, path, nil, func(s string) { said = append(said, s) })

	read := func(what string, ok func(compliance.Document) bool) compliance.Document {
		t.Helper()
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
			if d, err := compliance.ReadFile(path); err == nil && ok(d) {
				return d
			}
		}
		t.Fatalf("the status file never showed %s", what)
		return compliance.Document{}
	}
	first := read("the agent", func(d compliance.Document) bool { return d.Running && d.PID == os.Getpid() && d.Version == "t" })
	if fi, err := os.Stat(path); runtime.GOOS != "windows" && (err != nil || fi.Mode().Perm() != 0o600) {
		t.Errorf("%s: %v, %v; want mode 0600", path, fi.Mode(), err)
	}

	policyFile := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(policyFile, []byte(`{"lock": {"idle_timeout": "2m"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	a.SetPolicy(policy.Load(policy.Paths{Extra: []string{policyFile}}))
	second := read("the new policy", func(d compliance.Document) bool { return d.PolicyFingerprint != first.PolicyFingerprint })
	if v, _ := second.Field("PolicyLockIdleTimeoutSeconds", time.Now()); v != int64(120) {
		t.Errorf("PolicyLockIdleTimeoutSeconds = %v, want 120", v)
	}
	// What the idle watch reports (a lock's outcome) rewrites it too.
	time.Sleep(10 * time.Millisecond)
	changed()
	read("a later document", func(d compliance.Document) bool { return d.WrittenAt.After(second.WrittenAt) })

	cancel()
	<-done
	if d, err := compliance.ReadFile(path); err != nil || d.Running {
		t.Errorf("after the stop: running %v, %v", d.Running, err)
	}
	if len(said) != 0 {
		t.Errorf("said %q", said)
	}
}

// TestStatusFileNowhere: without a state directory the agent says so once
// and runs on.
func TestStatusFileNowhere(t *testing.T) {
	a := agent.New(agent.Config{Version: "t", Policy: policy.Load(policy.Paths{})})
	var said []string
	changed, done := statusFile(context.Background(), a, "", errors.New("no home"), func(s string) { said = append(said, s) })
	changed()
	<-done
	if len(said) != 1 || !strings.Contains(said[0], "no status file") {
		t.Errorf("said %q", said)
	}
}
