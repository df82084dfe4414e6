//go:build integration

// End-to-end tests of `grendel supervise`, started as the XDG autostart
// entry starts it: in a private runtime and config directory, in the
// Xvfb and D-Bus session of the other integration tests. The crash loop
// uses the test hook GRENDEL_TEST_CRASH_AGENT=1 (binaries built with
// -tags grendel_testhooks only), which makes the agent panic once it holds
// its lock.
package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/audit/audittest"
)

// startSupervisor starts `grendel supervise` with args as a process of
// its own group (its agent and the agent's windows share it, and the
// sandbox's cleanup kills the group), and returns it once its agent
// answers, with the agent's PID.
func startSupervisor(t *testing.T, s *sandbox, env []string, args ...string) (*agentProc, int) {
	t.Helper()
	sup := s.startAgent(env, append(args, "supervise")...)
	st, _ := s.status(env, 15*time.Second, func(agent.Status) bool { return true })
	return sup, st.PID
}

// alive reports whether the process pid exists and is no zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(stat), ')')
	return i < 0 || !strings.HasPrefix(string(stat[i+1:]), " Z")
}

// supervisorExit waits for the supervisor to end and returns its exit
// error.
func supervisorExit(t *testing.T, sup *agentProc, within time.Duration, why string) error {
	t.Helper()
	select {
	case <-sup.exited:
		return sup.err
	case <-time.After(within):
		t.Fatalf("the supervisor did not exit within %v %s; it said:\n%s", within, why, sup.stderr)
		return nil
	}
}

// TestIntegrationSupervisorKill: the agent that `grendel supervise`
// started is marked as supervised; SIGKILLed, it answers `grendel status`
// again within 5 s (the time is logged as a FIGURE); SIGTERM to it alone
// while policy does not allow quitting (exit code 12) brings it back too;
// a second supervisor does not start; SIGTERM to the supervisor ends both.
func TestIntegrationSupervisorKill(t *testing.T) {
	s := newSandbox(t)
	s.write("managed/10.json", `{"app": {"allow_quit": false}}`)
	sup, pid := startSupervisor(t, s, s.env)
	env, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil || !strings.Contains("\x00"+string(env), "\x00"+agent.SupervisedEnv+"=1\x00") {
		t.Errorf("the supervised agent's environment lacks %s=1 (%v)", agent.SupervisedEnv, err)
	}

	// A second supervisor of the same user exits at once.
	if out, errOut, code := s.run(s.env, "supervise"); code != 0 || !strings.Contains(errOut, "already supervised") {
		t.Errorf("a second grendel supervise = %d, %q %q; want 0 and that Grendel is already supervised", code, out, errOut)
	}

	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGKILL, syscall.SIGTERM} {
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatal(err)
		}
		killed := time.Now()
		st, _ := s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.PID != pid })
		back := time.Since(killed)
		lockFigure(t, "supervised-"+strings.ToLower(sig.String())+"-to-answer", back)
		if back > 5*time.Second {
			t.Errorf("after %v the agent answered only after %v, want within 5 s", sig, back)
		}
		if alive(pid) {
			t.Errorf("the agent %d is still there after %v", pid, sig)
		}
		pid = st.PID
	}
	log := sup.stderr.String()
	if n := strings.Count(log, "the agent was ended by a signal; starting it again"); n != 2 {
		t.Errorf("the supervisor logged %d restarts after a kill, want 2:\n%s", n, log)
	}
	if !strings.Contains(log, "the agent stopped with exit code 12; starting it again") {
		t.Errorf("the supervisor did not log the agent's exit code 12 after SIGTERM under allow_quit false:\n%s", log)
	}

	// The session ends: SIGTERM to the supervisor ends the agent too.
	if err := sup.stop(t); err != nil {
		t.Errorf("supervisor exit after SIGTERM: %v", err)
	}
	waitUntil(t, 5*time.Second, "the agent ends with its supervisor", func() bool { return !alive(pid) })
	if _, _, code := s.run(s.env, "status"); code != 3 {
		t.Errorf("grendel status after the supervisor stopped = %d, want 3 (not running)", code)
	}
}

// TestIntegrationSupervisorCrashLoop: an agent that crashes at once (a
// panic: exit code 2) is started 5 times (4 restarts) within seconds,
// then the supervisor backs off for a minute and says so once, in a
// desktop notification and in its log; SIGTERM ends it during the wait.
func TestIntegrationSupervisorCrashLoop(t *testing.T) {
	s := newSandbox(t)
	srv := ownNotifications(t)
	env := s.with("GRENDEL_TEST_CRASH_AGENT=1")
	began := time.Now()
	sup := s.startAgent(env, "supervise")
	select {
	case n := <-srv.got:
		t.Logf("notification after %v: %s", time.Since(began).Round(time.Millisecond), n)
		if n != "Grendel keeps stopping|Grendel stopped 5 times within a minute and tries again in 1 minute. Until then your workstation is not locked automatically." {
			t.Errorf("notification %q", n)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("no notification within 20 s; the supervisor said:\n%s", sup.stderr)
	}
	time.Sleep(3 * time.Second) // the back-off: nothing starts, nothing more is said
	select {
	case n := <-srv.got:
		t.Errorf("a second notification: %q", n)
	default:
	}
	log := sup.stderr.String()
	if n := strings.Count(log, "crashing on purpose"); n != 5 {
		t.Errorf("the agent ran %d times, want 5 (4 restarts):\n%s", n, log)
	}
	if n := strings.Count(log, "the agent stopped with exit code 2; starting it again"); n != 4 {
		t.Errorf("%d restarts after a panic (exit code 2) logged, want 4:\n%s", n, log)
	}
	if !strings.Contains(log, "the agent stopped 5 times within a minute; starting it again in 1 minute") {
		t.Errorf("the back-off is not in the log:\n%s", log)
	}
	stopped := time.Now()
	if err := sup.stop(t); err != nil {
		t.Errorf("supervisor exit after SIGTERM during the back-off: %v", err)
	}
	if d := time.Since(stopped); d > 2*time.Second {
		t.Errorf("the supervisor took %v to stop during its back-off", d)
	}
	// The audit trail holds the 4 restarts, each after exit code 2.
	entries, err := audittest.Entries(filepath.Join(filepath.Dir(s.root), "state", "grendel"))
	restarts := 0
	for _, e := range entries {
		if code, _ := e.Int("exit_code"); e.Event == audit.NameAgentRestarted && e.Role == audit.RoleSupervisor && code == 2 {
			restarts++
		}
	}
	if err != nil || restarts != 4 {
		t.Errorf("the audit trail holds %d restarts after exit code 2 (%v), want 4: %+v", restarts, err, entries)
	}
}

// TestIntegrationSupervisorQuit: a quit that policy allows ends the agent
// with exit code 0, and the supervisor with it: Grendel stays quit. In
// Dutch: a supervisor that loaded only some texts hung in Fyne's log of a
// missing one.
func TestIntegrationSupervisorQuit(t *testing.T) {
	s := newSandbox(t)
	s.env = s.with("LANG=nl_NL.UTF-8")
	sup, pid := startSupervisor(t, s, s.env)
	if err := quitRequest(s); err != nil {
		t.Fatalf("quit: %v", err)
	}
	if err := supervisorExit(t, sup, 10*time.Second, "after the agent quit"); err != nil {
		t.Errorf("supervisor exit after a quit: %v", err)
	}
	if alive(pid) {
		t.Error("the agent still runs after it quit")
	}
	time.Sleep(2 * time.Second) // longer than a restart would take
	if _, _, code := s.run(s.env, "status"); code != 3 {
		t.Errorf("grendel status after a quit = %d, want 3 (not running): Grendel came back", code)
	}
}

// TestIntegrationSupervisorOtherAgent: with an agent already running (one
// started by hand), the supervisor's agent does not start (exit code 13,
// and no status window) and the supervisor neither spins nor backs off;
// once the other agent ends, the supervisor starts its own.
func TestIntegrationSupervisorOtherAgent(t *testing.T) {
	s := newSandbox(t)
	other := s.startAgent(s.env)
	st, _ := s.status(s.env, 10*time.Second, func(agent.Status) bool { return true })
	sup := s.startAgent(s.env, "supervise")
	time.Sleep(4 * time.Second)
	log := sup.stderr.String()
	if n := strings.Count(log, "another Grendel agent is running"); n != 1 {
		t.Errorf("the supervised agent started %d times beside the other agent, want once:\n%s", n, log)
	}
	if strings.Contains(log, "starting it again") {
		t.Errorf("the other agent counted as a crash:\n%s", log)
	}
	if len(waitWindows("Grendel — status")) != 0 {
		t.Error("the supervised agent asked the other to show its status")
	}
	if err := other.stop(t); err != nil {
		t.Errorf("the other agent's exit: %v", err)
	}
	stopped := time.Now()
	now, _ := s.status(s.env, 10*time.Second, func(now agent.Status) bool { return now.PID != st.PID })
	lockFigure(t, "supervised-takes-over", time.Since(stopped))
	if err := sup.stop(t); err != nil {
		t.Errorf("supervisor exit: %v", err)
	}
	waitUntil(t, 5*time.Second, "the supervised agent ends", func() bool { return !alive(now.PID) })
}

// TestIntegrationSupervisedIdleContinues: an agent restarted after the
// idle deadline passed reads the real idle time from the X server (MIT-
// SCREEN-SAVER), so it does not start a fresh timeout: the full warning
// starts at once, and the lock (i3lock) follows. The agent is killed
// during its warning; SIGSTOP first keeps it from locking before the
// kill, past the deadline.
func TestIntegrationSupervisedIdleContinues(t *testing.T) {
	requireProgram(t, "i3lock")
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config, "i3lock", "-n")
	t.Cleanup(func() { _ = exec.Command("pkill", "-x", "i3lock").Run() })
	last := input(t)
	sup, pid := startSupervisor(t, s, s.env, "--policy", pol)
	s.status(s.env, itIdleTimeout, func(st agent.Status) bool { return st.Lock != nil && st.Lock.State == agent.StateWarning })
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Until(last.Add(itIdleTimeout + time.Second)))
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	st, _ := s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.PID != pid })
	t.Logf("restarted agent: state %s, idle %v, %v after the kill", st.Lock.State, st.Lock.Idle, time.Since(killed).Round(time.Millisecond))
	// The restarted agent's idle time is the X server's, past the deadline,
	// so it warns at once, and in full: the lock is due a whole warning
	// after the kill at the earliest (a machine slow to answer may show the
	// lock already under way, but never a fresh idle timeout).
	switch st.Lock.State {
	case agent.StateWarning:
		if due := st.Lock.LockAt.Sub(killed); due < itWarning {
			t.Errorf("the restarted agent's lock is due %v after the kill, want at least the full %v warning", due, itWarning)
		}
	case agent.StateLocking, agent.StateLocked:
		if since := time.Since(killed); since < itWarning {
			t.Errorf("the restarted agent is %s %v after the kill, before a full %v warning", st.Lock.State, since, itWarning)
		}
	default:
		t.Errorf("the restarted agent's first state is %s, want %s at once (idle %v past the %v deadline)", st.Lock.State, agent.StateWarning, st.Lock.Idle, itIdleTimeout)
	}
	if st.Lock.Idle < itIdleTimeout {
		t.Errorf("the restarted agent reads %v idle, want the X server's, past %v", st.Lock.Idle, itIdleTimeout)
	}
	waitUntil(t, itWarning+5*time.Second, "the lock after the warning", func() bool { return keyboardGrabbed(t) })
	if err := sup.stop(t); err != nil {
		t.Errorf("supervisor exit: %v", err)
	}
}
