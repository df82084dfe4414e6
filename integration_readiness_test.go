//go:build integration

// End-to-end tests of what the agent says before any lock, and of quitting
// it: the real binary finds the real i3lock by itself and says so, says
// plainly when nothing can lock and notifies once, and quits only when the
// quit window is confirmed.
package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/ipc"
)

// onlyPrograms returns a PATH directory that holds links to the named
// installed programs and nothing else.
func onlyPrograms(t *testing.T, progs ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range progs {
		target, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("%s is not installed; run scripts/install-deps.sh", p)
		}
		if err := os.Symlink(target, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// stopSandboxProcs ends, by PID, the processes named name that run in the
// sandbox s (their environment holds its runtime directory): the lockers
// its agent started, and nobody else's.
func stopSandboxProcs(t *testing.T, s *sandbox, name string) {
	t.Helper()
	mark := []byte("XDG_RUNTIME_DIR=" + s.runtime + "\x00")
	for _, pid := range pgrep(name) {
		env, err := os.ReadFile("/proc/" + pid + "/environ")
		if err != nil || !bytes.Contains(env, mark) {
			continue
		}
		if n, err := strconv.Atoi(pid); err == nil {
			_ = syscall.Kill(n, syscall.SIGTERM)
		}
	}
}

// TestIntegrationFindsI3lock: with no lock.command and nothing of the
// desktop's, the agent finds the installed i3lock by itself, says before
// any lock that it locks with it, and locks with it on idle, verified by
// the keyboard grab.
func TestIntegrationFindsI3lock(t *testing.T) {
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config) // no lock.command
	env := s.with("PATH=" + onlyPrograms(t, "i3lock"))
	t.Cleanup(func() { stopSandboxProcs(t, s, "i3lock") })

	input(t)
	a := s.startAgent(env, "--policy", pol)
	st, _ := s.status(env, 10*time.Second, func(st agent.Status) bool {
		return st.Lock != nil && st.Lock.Readiness != nil && st.Lock.State == agent.StateActive
	})
	if r := st.Lock.Readiness; r.Verdict != agent.VerdictLocks || r.Method != "i3lock" {
		t.Fatalf("readiness = %+v, want locks with i3lock", r)
	}
	out, _, _ := s.run(env, "status")
	if !strings.Contains(out, "Grendel protects this workstation: after 10 seconds without input it locks the screen with i3lock.") ||
		!strings.Contains(out, "  i3lock: ready") || strings.Contains(out, "covered") {
		t.Errorf("grendel status said:\n%s", out)
	}

	deadline := input(t).Add(itIdleTimeout)
	grabbed := waitUntil(t, itIdleTimeout+itWarning+5*time.Second, "keyboard grabbed by i3lock", func() bool { return keyboardGrabbed(t) })
	lockFigure(t, "deadline-to-keyboard-grab(i3lock found by itself)", grabbed.Sub(deadline))
	st, _ = s.status(env, 5*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateLocked })
	if r := st.Lock.LastLock; r == nil || !r.Verified || r.Method != "i3lock" || r.VerifiedBy != "x11-grab" || r.Outcome != agent.OutcomeLocked {
		t.Fatalf("last lock = %+v, want i3lock, verified by x11-grab", r)
	}

	input(t) // the user is back
	stopSandboxProcs(t, s, "i3lock")
	waitUntil(t, 5*time.Second, "keyboard released", func() bool { return !keyboardGrabbed(t) })
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
	if log := a.stderr.String(); !strings.Contains(log, "locks the screen with i3lock") {
		t.Errorf("the agent's log does not say what it locks with:\n%s", log)
	}
}

// TestIntegrationNothingCanLock: with no locker in PATH and none on the
// bus, the agent says at once that the screen will only be covered (never
// that it protects the workstation), and a desktop notification says so
// once: not again at the next look.
func TestIntegrationNothingCanLock(t *testing.T) {
	s := newSandbox(t)
	// Long enough that no lock, and no privacy screen, comes during the test.
	pol := filepath.Join(s.config, "long.json")
	if err := os.WriteFile(pol, []byte(`{"lock": {"idle_timeout": "5m"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := s.with("PATH=" + t.TempDir())

	srv := ownNotifications(t)

	start := time.Now()
	a := s.startAgent(env, "--policy", pol)
	st, took := s.status(env, 10*time.Second, func(st agent.Status) bool { return st.Lock != nil && st.Lock.Readiness != nil })
	t.Logf("readiness known %v after the first status answer", took)
	if r := st.Lock.Readiness; r.Verdict != agent.VerdictNone || r.Method != "" {
		t.Fatalf("readiness = %+v, want none", r)
	}
	for _, m := range st.Lock.Readiness.Methods {
		if m.State != agent.MethodMissing || m.Code == "" {
			t.Errorf("method %+v, want missing, with why", m)
		}
	}
	out, _, _ := s.run(env, "status")
	if !strings.Contains(out, "No screen locker found: after 5 minutes without input the screen will only be covered, not locked.") ||
		strings.Contains(out, "protects") || !strings.Contains(out, "  xscreensaver-command: not installed") {
		t.Errorf("grendel status said:\n%s", out)
	}

	select {
	case n := <-srv.got:
		t.Logf("notified after %v: %s", time.Since(start).Round(time.Millisecond), n)
		if !strings.HasPrefix(n, "Grendel cannot lock this workstation|No screen locker found: after 5 minutes") {
			t.Errorf("notification %q", n)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no notification within 30 s; the agent said:\n%s", a.stderr)
	}
	// Another look (a policy reload makes one) finds nothing again, and
	// says nothing again.
	if err := a.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-srv.got:
		t.Errorf("a second notification: %q", n)
	case <-time.After(3 * time.Second):
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
	if log := a.stderr.String(); strings.Count(log, "No screen locker found") != 1 {
		t.Errorf("the agent's log should say once that nothing can lock:\n%s", log)
	}
}

// quitRequest sends a quit request to the sandbox's agent, and returns
// the agent's refusal.
func quitRequest(s *sandbox) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := ipc.Call(ctx, filepath.Join(s.runtime, "grendel", "agent.sock"), ipc.Request{Op: ipc.OpQuit})
	return err
}

// TestIntegrationQuit: the quit window says that automatic locking stops;
// closing it keeps the agent, confirming it ends the agent; a policy that
// forbids quitting makes the agent refuse.
func TestIntegrationQuit(t *testing.T) {
	s := newSandbox(t)
	a := s.startAgent(s.env)
	s.status(s.env, 10*time.Second, func(agent.Status) bool { return true })

	// Keep running: the rightmost button.
	ui := exec.Command(bin, "ui", "quit")
	ui.Env = s.env
	if err := ui.Start(); err != nil {
		t.Fatal(err)
	}
	win := waitWindow(t, "Grendel — quit", 20*time.Second)
	time.Sleep(700 * time.Millisecond) // let it paint
	screenshot(t, "quit-en")
	clickClose(t, win)
	if err := ui.Wait(); err != nil {
		t.Errorf("ui quit after Keep running: %v", err)
	}
	if _, _, code := s.run(s.env, "status"); code != 0 {
		t.Fatalf("after Keep running, grendel status = %d, want the agent still running", code)
	}

	// Quit Grendel: the first button, from the keyboard.
	ui = exec.Command(bin, "ui", "quit")
	ui.Env = s.env
	if err := ui.Start(); err != nil {
		t.Fatal(err)
	}
	win = waitWindow(t, "Grendel — quit", 20*time.Second)
	time.Sleep(700 * time.Millisecond)
	// With no window manager the keyboard follows the pointer: rest it
	// on the window, away from the buttons, then Tab to the first button.
	pos := windowGeometry(t, win)
	if out, err := exec.Command("xdotool", "mousemove", "--sync", strconv.Itoa(pos["X"]+30), strconv.Itoa(pos["Y"]+30), "key", "Tab", "space").CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v\n%s", err, out)
	}
	select {
	case <-a.exited:
		if a.err != nil {
			t.Errorf("agent exit after quitting: %v", a.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the agent did not quit after Quit Grendel was confirmed; it said:\n%s", a.stderr)
	}
	if err := ui.Wait(); err != nil {
		t.Errorf("ui quit after Quit Grendel: %v", err)
	}
	if log := a.stderr.String(); !strings.Contains(log, "quitting, as the user confirmed") {
		t.Errorf("the agent's log does not say why it quit:\n%s", log)
	}

	// A policy that forbids quitting.
	s2 := newSandbox(t)
	s2.write("managed/10.json", `{"app": {"allow_quit": false}}`)
	b := s2.startAgent(s2.env)
	s2.status(s2.env, 10*time.Second, func(agent.Status) bool { return true })
	if err := quitRequest(s2); err == nil || !strings.Contains(err.Error(), "does not allow quitting") {
		t.Errorf("quit under allow_quit false = %v, want refused", err)
	}
	if _, _, code := s2.run(s2.env, "status"); code != 0 {
		t.Errorf("after a refused quit, grendel status = %d, want the agent running", code)
	}
	// SIGTERM while policy does not allow quitting: exit code 12, so that
	// a supervisor brings the agent back.
	var ee *exec.ExitError
	if err := b.stop(t); !errors.As(err, &ee) || ee.ExitCode() != 12 {
		t.Errorf("agent exit after SIGTERM under allow_quit false: %v, want exit status 12", err)
	}
}
