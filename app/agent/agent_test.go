package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/app/agent/agenttest"
	"grendel/app/ipc"
	"grendel/internal/testdir"
	"grendel/policy"
)

func TestHandle(t *testing.T) {
	var shown []Window
	start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	a := New(Config{
		Version: "1.2.3", Now: func() time.Time { return start },
		Show: func(w Window) error {
			if w == "status" && len(shown) > 0 {
				return errors.New("boom")
			}
			shown = append(shown, w)
			return nil
		},
		Reload: func() *policy.Snapshot { return policy.Load(policy.Paths{}) },
	})
	tests := []struct {
		req     ipc.Request
		ok      bool
		errPart string
	}{
		{ipc.Request{Op: ipc.OpPing}, true, ""},
		{ipc.Request{Op: ipc.OpStatus}, true, ""},
		{ipc.Request{Op: ipc.OpShow, Window: "status"}, true, ""},
		{ipc.Request{Op: ipc.OpShow, Window: "status"}, false, "boom"},
		{ipc.Request{Op: ipc.OpShow, Window: "nope"}, false, "unknown window"},
		{ipc.Request{Op: ipc.OpReload}, true, ""},
		{ipc.Request{Op: "dance"}, false, "unknown op"},
	}
	for _, tc := range tests {
		resp := a.Handle(context.Background(), tc.req)
		if resp.OK != tc.ok || !strings.Contains(resp.Error, tc.errPart) {
			t.Errorf("Handle(%+v) = %+v, want ok=%v error containing %q", tc.req, resp, tc.ok, tc.errPart)
		}
	}
	if len(shown) != 1 || shown[0] != WindowStatus {
		t.Errorf("shown = %v, want [status]", shown)
	}
}

func TestStatusCarriesPolicy(t *testing.T) {
	dir := testdir.New(t)
	managed := filepath.Join(dir, "managed")
	if err := os.MkdirAll(managed, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(managed, "10.json"), []byte(`{"lock": {"idle_timeout": "oops"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a := New(Config{Version: "v", Policy: policy.Load(policy.Paths{Managed: managed})})
	a.SetTray(false, errors.New("no D-Bus session bus"))
	resp := a.Handle(context.Background(), ipc.Request{Op: ipc.OpStatus})
	var st Status
	if err := json.Unmarshal(resp.Data, &st); err != nil {
		t.Fatal(err)
	}
	if st.Tray || st.TrayProblem != "no D-Bus session bus" || !st.Policy.FailedClosed || st.PID != os.Getpid() {
		t.Errorf("status = %+v", st)
	}
	if len(st.Policy.Problems) == 0 || st.Policy.Problems[0].Code != policy.CodeBadDuration {
		t.Errorf("problems = %+v, want a bad_duration first", st.Policy.Problems)
	}
}

func TestSetPolicyNotifies(t *testing.T) {
	a := New(Config{})
	var got []*policy.Snapshot
	a.OnPolicy(func(s *policy.Snapshot) { got = append(got, s) })
	s := policy.Load(policy.Paths{})
	a.SetPolicy(s)
	if len(got) != 1 || got[0] != s || a.Policy() != s {
		t.Errorf("OnPolicy saw %v, Policy() = %p, want [%p]", got, a.Policy(), s)
	}
}

func TestLauncherOneProcessPerWindow(t *testing.T) {
	marker := filepath.Join(testdir.New(t), "count")
	l := &Launcher{Command: func(w Window) []string {
		return helperCommand(t, "append", marker, string(w), "300ms")
	}}
	for range 3 {
		if err := l.Show("status"); err != nil {
			t.Fatal(err)
		}
	}
	l.Wait()
	if err := l.Show("status"); err != nil { // the first has ended: a new one starts
		t.Fatal(err)
	}
	l.Wait()
	b, _ := os.ReadFile(marker)
	if got := strings.Count(string(b), "status"); got != 2 {
		t.Errorf("started %d processes, want 2", got)
	}
}

func TestLauncherStop(t *testing.T) {
	var logged []string
	var mu sync.Mutex
	l := &Launcher{
		Command: func(Window) []string { return helperCommand(t, "sleep", "60s") },
		Logf: func(f string, a ...any) {
			mu.Lock()
			defer mu.Unlock()
			logged = append(logged, fmt.Sprintf(f, a...))
		},
	}
	l.Stop("warning") // nothing runs: returns at once
	for _, w := range []Window{WindowWarning, WindowStatus} {
		if err := l.Show(w); err != nil {
			t.Fatal(err)
		}
	}
	l.Stop("warning")
	l.mu.Lock()
	_, warning := l.running["warning"]
	_, status := l.running["status"]
	l.mu.Unlock()
	if warning || !status {
		t.Errorf("after Stop(warning): warning runs %v, status runs %v; want false, true", warning, status)
	}
	if err := l.Show("warning"); err != nil { // a stopped window can start again
		t.Fatal(err)
	}
	l.Close("warning", "status")
	if err := l.Show("warning"); !errors.Is(err, ErrLauncherClosed) {
		t.Errorf("Show after Close = %v, want ErrLauncherClosed", err)
	}
	l.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 0 {
		t.Errorf("a process that Stop ended was logged as failed: %q", logged)
	}
}

// A reload request whose load started before the watcher's but ended after
// it must not bring back the older policy (issue 8, point 2: the agent went
// back from IT's new 20s to the old 4h).
func TestReloadNeverRollsBack(t *testing.T) {
	file := filepath.Join(testdir.New(t), "it.json")
	write := func(timeout string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(`{"lock": {"idle_timeout": "`+timeout+`"}}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("4h")
	loader := &policy.Loader{Paths: policy.Paths{Extra: []string{file}}}
	started, release := make(chan struct{}), make(chan struct{})
	a := New(Config{Policy: loader.Load(), Reload: func() *policy.Snapshot {
		s := loader.Load() // reads the old file ...
		close(started)
		<-release // ... and is held up, as by a file that does not answer
		return s
	}})
	answer := make(chan ipc.Response)
	go func() { answer <- a.Handle(context.Background(), ipc.Request{Op: ipc.OpReload}) }()
	<-started
	write("20s")
	a.SetPolicy(loader.Load()) // the watcher's load: started later, done first
	close(release)
	resp := <-answer
	if got := a.Policy().Settings.Lock.IdleTimeout; got != 20*time.Second {
		t.Errorf("after a late reload the agent locks after %v, want 20s", got)
	}
	var r policy.Report
	if err := json.Unmarshal(resp.Data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Keys[0].Key != policy.LockIdleTimeout || r.Keys[0].Display != "20s" {
		t.Errorf("the reload answered %s = %s, want the policy in force, 20s", r.Keys[0].Key, r.Keys[0].Display)
	}
}

// While a policy load is due and has not finished, the status says so
// instead of calling an old policy in force.
func TestStatusStalePolicy(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	loader := &policy.Loader{Now: clock}
	a := New(Config{Now: clock, Policy: loader.Load(), Pending: loader.Pending})
	if st := a.Status(); st.PolicyStale != nil {
		t.Fatalf("after a finished load: stale since %v, want not stale", st.PolicyStale)
	}
	loader.Changed() // the watcher saw a change; the load that follows hangs
	changed := now
	now = now.Add(time.Second)
	if st := a.Status(); st.PolicyStale != nil {
		t.Errorf("a second after a change: stale since %v, want not yet", st.PolicyStale)
	}
	now = now.Add(StaleAfter)
	if st := a.Status(); st.PolicyStale == nil || !st.PolicyStale.Equal(changed) {
		t.Errorf("%v after a change with no load: PolicyStale = %v, want %v", StaleAfter, st.PolicyStale, changed)
	}
	a.SetPolicy(loader.Load())
	if st := a.Status(); st.PolicyStale != nil {
		t.Errorf("after the load finished: stale since %v, want not stale", st.PolicyStale)
	}
}

// agentWithGatedIdle starts an agent whose idle watch (5 minutes, warning
// 30 s) reads src, and returns it with a context that ends with the test.
func agentWithGatedIdle(t *testing.T, src *agenttest.GatedIdle) (*Agent, context.Context) {
	t.Helper()
	r := &Runner{
		Source:  src,
		Lock:    func(context.Context) LockRecord { return LockRecord{} },
		Timing:  func() Timing { return Timing{IdleTimeout: 5 * time.Minute, Warning: 30 * time.Second} },
		OnEvent: func(Event) {},
	}
	a := New(Config{Version: "1", Runner: r})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = r.Run(ctx) }()
	return a, ctx
}

// TestStatusWaitsForFirstReading: a status request that reaches an agent
// before its idle watch has read the idle time once waits for that reading,
// so an agent started past the idle deadline never reports "active, idle 0s"
// (as a restarted agent did in TestIntegrationSupervisedIdleContinues).
func TestStatusWaitsForFirstReading(t *testing.T) {
	src := agenttest.NewGatedIdle(10 * time.Minute)
	a, ctx := agentWithGatedIdle(t, src)
	answered := make(chan ipc.Response, 1)
	go func() { answered <- a.Handle(ctx, ipc.Request{Op: ipc.OpStatus}) }()
	select {
	case <-answered:
		t.Fatal("status answered before the first idle reading")
	case <-time.After(100 * time.Millisecond):
	}
	close(src.Release)
	resp := <-answered
	if !resp.OK {
		t.Fatalf("status: %+v", resp)
	}
	var st Status
	if err := json.Unmarshal(resp.Data, &st); err != nil {
		t.Fatal(err)
	}
	if st.Lock == nil || st.Lock.Steps == 0 || st.Lock.Idle != src.Reading || st.Lock.State != StateWarning {
		t.Errorf("first status = %+v, want the first reading (idle %v) and the warning at once", st.Lock, src.Reading)
	}
}

// TestStatusFirstReadingBounded: an idle source that never answers holds a
// status request only for firstStepWait, then the status says no step was
// taken (Steps 0, no reading time).
func TestStatusFirstReadingBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("waits firstStepWait")
	}
	src := agenttest.NewGatedIdle(0)
	a, ctx := agentWithGatedIdle(t, src)
	resp := a.Handle(ctx, ipc.Request{Op: ipc.OpStatus})
	var st Status
	if err := json.Unmarshal(resp.Data, &st); err != nil {
		t.Fatal(err)
	}
	if !resp.OK || st.Lock == nil || st.Lock.Steps != 0 || !st.Lock.IdleAt.IsZero() {
		t.Errorf("status with a hung idle source = %+v, want an answer with no step taken", resp)
	}
}
