package resident

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/agent/agenttest"
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
	changed, done := statusFile(ctx, a, nil, path, nil, func(s string) { said = append(said, s) })

	read := func(what string, ok func(compliance.Document) bool) compliance.Document {
		t.Helper()
		return readStatusFile(t, path, what, ok)
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

// TestStatusFileFirstReading: the document written at the start, before
// the idle watch has read the idle time, is replaced as soon as it has,
// not at the next heartbeat, also when the reading is no event (idle, but
// not yet long enough for the warning).
func TestStatusFileFirstReading(t *testing.T) {
	path := filepath.Join(testdir.New(t), "grendel", compliance.FileName)
	src := agenttest.NewGatedIdle(42 * time.Second)
	r := &agent.Runner{
		Source:  src,
		Lock:    func(context.Context) agent.LockRecord { return agent.LockRecord{} },
		Timing:  func() agent.Timing { return agent.Timing{IdleTimeout: 5 * time.Minute, Warning: 30 * time.Second} },
		OnEvent: func(agent.Event) {},
	}
	a := agent.New(agent.Config{Version: "t", Policy: policy.Load(policy.Paths{}), Runner: r})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = r.Run(ctx) }()
	_, done := statusFile(ctx, a, nil, path, nil, func(s string) { t.Errorf("said %q", s) })
	t.Cleanup(func() { cancel(); <-done }) // before the directory goes

	first := readStatusFile(t, path, "the agent", func(d compliance.Document) bool { return d.Running })
	if first.Lock == nil || first.Lock.Steps != 0 {
		t.Fatalf("first document: lock %+v, want no reading yet", first.Lock)
	}
	close(src.Release)
	d := readStatusFile(t, path, "the first reading", func(d compliance.Document) bool { return d.Lock != nil && d.Lock.Steps > 0 })
	if d.Lock.Idle != src.Reading || d.Lock.State != agent.StateActive {
		t.Errorf("after the first reading: idle %v, state %q; want %v, active", d.Lock.Idle, d.Lock.State, src.Reading)
	}
}

// readStatusFile waits (at most 5 s, far less than a heartbeat) for the
// status file at path to hold a document for which ok is true, and
// returns it.
func readStatusFile(t *testing.T, path, what string, ok func(compliance.Document) bool) compliance.Document {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if d, err := compliance.ReadFile(path); err == nil && ok(d) {
			return d
		}
	}
	t.Fatalf("the status file never showed %s", what)
	return compliance.Document{}
}

// TestStatusFileReadiness: a change of the lock chain's readiness that the
// readiness watch finds is in the status file at once, not at the next
// heartbeat (five minutes; the watch's own period is an hour here).
func TestStatusFileReadiness(t *testing.T) {
	var on atomic.Bool
	a, locks := switchableAgent(&on)
	w := newReadinessWatch(a, locks, func(string) {}, nil)
	w.every, w.grace = time.Hour, time.Hour
	w.notify = func(string, string) (uint32, error) { return 1, nil }

	path := filepath.Join(testdir.New(t), "grendel", compliance.FileName)
	ctx, cancel := context.WithCancel(t.Context())
	_, done := statusFile(ctx, a, w, path, nil, func(s string) { t.Errorf("said %q", s) })
	defer func() { cancel(); <-done }()
	go w.run(ctx)

	verdict := func(want agent.Verdict) func(compliance.Document) bool {
		return func(d compliance.Document) bool {
			v, _ := d.Field("LockReadiness", time.Now())
			return v == string(want)
		}
	}
	readStatusFile(t, path, "nothing can lock", verdict(agent.VerdictNone))
	on.Store(true) // i3lock installed
	w.again()
	readStatusFile(t, path, "i3lock ready", verdict(agent.VerdictLocks))
	on.Store(false) // and removed
	w.again()
	readStatusFile(t, path, "nothing can lock again", verdict(agent.VerdictNone))
}

// TestStatusFileNowhere: without a state directory the agent says so once
// and runs on.
func TestStatusFileNowhere(t *testing.T) {
	a := agent.New(agent.Config{Version: "t", Policy: policy.Load(policy.Paths{})})
	var said []string
	changed, done := statusFile(context.Background(), a, nil, "", errors.New("no home"), func(s string) { said = append(said, s) })
	changed()
	<-done
	if len(said) != 1 || !strings.Contains(said[0], "no status file") {
		t.Errorf("said %q", said)
	}
}
