//go:build unix

package supervisor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/app/ipc"
	"grendel/app/supervise"
	"grendel/internal/syncbuf"
)

// newSupervisor returns a supervisor of the shell script agent, in a
// private runtime directory of its own.
func newSupervisor(t *testing.T, agent string) (*supervisor, string, *syncbuf.Buffer) {
	t.Helper()
	dir, err := os.MkdirTemp("", "g") // short: a socket path has a length limit
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	log := &syncbuf.Buffer{}
	return &supervisor{
		argv:     []string{"/bin/sh", "-c", agent},
		env:      supervisedEnv(append(os.Environ(), "DIR="+dir), filepath.Join(dir, "quit")),
		quitMark: filepath.Join(dir, "quit"),
		addr:     filepath.Join(dir, "run", "agent.sock"),
		out:      log,
		notify:   func(string, string) (uint32, error) { return 0, nil },
		stopWait: 5 * time.Second,
		poll:     100 * time.Millisecond,
	}, dir, log
}

// An agent that finds another agent running is no crash: the supervisor
// waits for the other agent to end, without starting one a second and
// without backing off, then starts its own.
func TestOtherAgentRunning(t *testing.T) {
	s, dir, log := newSupervisor(t, `echo run >> "$DIR/runs"; [ "$GRENDEL_SUPERVISED" = 1 ] || exit 1; [ -e "$DIR/other" ] && exit 13; : > "$GRENDEL_QUIT_MARK"; exit 0`)
	other, err := ipc.Listen(s.addr) // the other agent holds the lock
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	backoffs := 0
	done := make(chan int)
	go func() {
		done <- s.run(context.Background(), supervise.Config{OnBackoff: func(int, time.Duration) { backoffs++ }})
	}()
	time.Sleep(2 * time.Second)
	runs := func() int {
		b, _ := os.ReadFile(filepath.Join(dir, "runs"))
		return strings.Count(string(b), "run")
	}
	if n := runs(); n != 1 {
		t.Errorf("%d runs while another agent held the lock, want 1", n)
	}
	os.Remove(filepath.Join(dir, "other"))
	other.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("supervisor exit %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the supervisor did not start its agent after the other ended; it said:\n%s", log)
	}
	if n := runs(); n != 2 || backoffs != 0 {
		t.Errorf("%d runs and %d back-offs, want 2 and none; it said:\n%s", n, backoffs, log)
	}
}

// Stopped (SIGTERM to the supervisor), the supervisor passes SIGTERM to the
// agent, waits for it, and returns; a second supervisor of the same user
// does not start while the first runs.
func TestStopPassesSIGTERM(t *testing.T) {
	s, dir, log := newSupervisor(t, `trap 'echo term > "$DIR/term"; exit 12' TERM; echo up > "$DIR/up"; while :; do sleep 0.05; done`)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- s.run(ctx, supervise.Config{}) }()
	deadline := time.Now().Add(5 * time.Second)
	for _, err := os.Stat(filepath.Join(dir, "up")); err != nil; _, err = os.Stat(filepath.Join(dir, "up")) {
		if time.Now().After(deadline) {
			t.Fatalf("the agent did not start; the supervisor said:\n%s", log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	second := *s
	second.out = &syncbuf.Buffer{}
	if code := second.run(context.Background(), supervise.Config{}); code != 0 || !strings.Contains(second.out.(*syncbuf.Buffer).String(), "already supervised") {
		t.Errorf("a second supervisor: exit %d, said %q; want 0 and that it is already supervised", code, second.out)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the supervisor did not stop")
	}
	if _, err := os.Stat(filepath.Join(dir, "term")); err != nil {
		t.Errorf("the agent got no SIGTERM: %v", err)
	}
}

// TestRestartAudited: each restart of an agent that stopped goes into the
// audit trail with its exit code; the clean exit that ends supervision
// does not.
func TestRestartAudited(t *testing.T) {
	s, dir, log := newSupervisor(t, `echo run >> "$DIR/runs"; [ "$(wc -l < "$DIR/runs")" -ge 3 ] && { : > "$GRENDEL_QUIT_MARK"; exit 0; }; exit 2`)
	auditDir := filepath.Join(dir, "state")
	s.audit = audit.New(audit.Config{Role: audit.RoleSupervisor, Sinks: []audit.Sink{&audit.FileSink{Dir: auditDir}}})
	done := make(chan int)
	go func() { done <- s.run(context.Background(), supervise.Config{Delay: time.Millisecond}) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("the supervisor did not end; it said:\n%s", log)
	}
	entries, err := audittest.Entries(auditDir)
	if err != nil || len(entries) != 2 {
		t.Fatalf("audit entries %+v (%v), want two restarts", entries, err)
	}
	for _, e := range entries {
		if code, _ := e.Int("exit_code"); e.Event != audit.NameAgentRestarted || code != 2 || e.Role != audit.RoleSupervisor {
			t.Errorf("entry %+v, want a restart after exit code 2", e)
		}
	}
}

// TestExitZeroWithoutQuit: an agent that ends with exit code 0 without
// its quit mark was ended from outside (on Windows TerminateProcess takes
// any exit code; Wine's taskkill /F gives 0) and is started again; one
// that quit as the user asked (the mark) stays down, and the mark is
// taken away.
func TestExitZeroWithoutQuit(t *testing.T) {
	s, dir, log := newSupervisor(t, `echo run >> "$DIR/runs"; [ "$(wc -l < "$DIR/runs")" -ge 3 ] && { echo "$GRENDEL_QUIT_MARK" > "$DIR/mark"; : > "$GRENDEL_QUIT_MARK"; }; exit 0`)
	done := make(chan int)
	go func() { done <- s.run(context.Background(), supervise.Config{Delay: time.Millisecond}) }()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("supervisor exit %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the supervisor did not end after the quit; it said:\n%s", log)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "runs"))
	if n := strings.Count(string(b), "run"); n != 3 {
		t.Errorf("%d runs, want 3: two ended from outside, then a quit; it said:\n%s", n, log)
	}
	if n := strings.Count(log.String(), "nobody quit it"); n != 2 {
		t.Errorf("the supervisor said %d times that the agent ended unasked, want 2:\n%s", n, log)
	}
	mark, _ := os.ReadFile(filepath.Join(dir, "mark"))
	if path := strings.TrimSpace(string(mark)); path != s.quitMark {
		t.Errorf("the agent's quit mark is %q, want %q", path, s.quitMark)
	} else if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the quit mark stayed after the quit was seen: %v", err)
	}
}
