//go:build integration

// End-to-end tests of the agent against what ends enforcement without a
// word: ordinary signals, a closed terminal, a locker that dies while the
// user is away. The real binary, the real X server's idle time and the
// real i3lock; whether the screen is locked is checked by the test's own
// keyboard-grab probe.
package main

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/app/agent"
)

// TestIntegrationSignals: SIGHUP (the terminal that started the agent was
// closed) and a standard error whose reader is gone do not end the agent;
// after SIGSTOP past the deadline and SIGCONT it warns in full before it
// locks, as for any overdue deadline (it locked at once, with no warning).
func TestIntegrationSignals(t *testing.T) {
	requireProgram(t, "i3lock")
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config, "i3lock", "-n")
	t.Cleanup(func() { _ = exec.Command("pkill", "-x", "i3lock").Run() })

	logR, logW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--policy", pol)
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = logW, logW
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	input(t)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logW.Close()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
	})
	alive := func(when string) {
		t.Helper()
		select {
		case err := <-exited:
			t.Fatalf("the agent ended %s: %v", when, err)
		default:
		}
		s.status(s.env, 5*time.Second, func(st agent.Status) bool { return st.Lock != nil })
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(logR)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.Lock != nil && st.Lock.State == agent.StateActive })

	// SIGHUP: a reload, said in the log, and the agent stays.
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for seen := false; !seen; {
		select {
		case l := <-lines:
			seen = strings.Contains(l, "SIGHUP")
		case <-time.After(10 * time.Second):
			t.Fatal("no log line for SIGHUP within 10 s")
		}
	}
	alive("after SIGHUP")

	// Its standard error goes nowhere now (the terminal is gone); the next
	// log line (another SIGHUP's) must not kill it with SIGPIPE.
	logR.Close()
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	alive("when its standard error was closed (SIGPIPE)")

	// Stopped well past the deadline: on SIGCONT the warning comes first.
	input(t)
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(itIdleTimeout + 2*time.Second)
	if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	cont := time.Now()
	st, _ := s.status(s.env, 5*time.Second, func(st agent.Status) bool { return st.Lock.State != agent.StateActive })
	if st.Lock.State != agent.StateWarning {
		t.Fatalf("after SIGCONT past the deadline: state %s, want %s (the full warning first)", st.Lock.State, agent.StateWarning)
	}
	if keyboardGrabbed(t) {
		t.Fatal("the screen is locked at once after SIGCONT, without the warning")
	}
	waitWindow(t, "Grendel — locking soon", itWarning+2*time.Second)
	grabbed := waitUntil(t, itWarning+5*time.Second, "keyboard grabbed by i3lock after the warning", func() bool { return keyboardGrabbed(t) })
	if d := grabbed.Sub(cont); d < itWarning-500*time.Millisecond {
		t.Errorf("locked %v after SIGCONT, want the full %v warning first", d, itWarning)
	}
	alive("after the lock")
}

// TestIntegrationLockerKilled: i3lock is killed while nobody is at the
// machine (a crash, an OOM kill). The agent sees no input since the lock
// and locks again at once (the session stood open for idle_timeout −
// warning), recording why.
func TestIntegrationLockerKilled(t *testing.T) {
	s, a := startI3lockAgent(t)
	input(t)
	waitUntil(t, itIdleTimeout+itWarning+5*time.Second, "keyboard grabbed by i3lock", func() bool { return keyboardGrabbed(t) })
	s.status(s.env, 5*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateLocked })
	first := lockerRoots("i3lock")

	if err := exec.Command("pkill", "-KILL", "-x", "i3lock").Run(); err != nil {
		t.Fatalf("pkill -KILL i3lock: %v", err)
	}
	killed := time.Now()
	waitUntil(t, 5*time.Second, "the killed i3lock to be gone", func() bool {
		for _, pid := range lockerRoots("i3lock") {
			for _, old := range first {
				if pid == old {
					return false
				}
			}
		}
		return true
	})
	relocked := waitUntil(t, 10*time.Second, "a new i3lock holding the keyboard", func() bool {
		return len(lockerRoots("i3lock")) > 0 && keyboardGrabbed(t)
	})
	lockFigure(t, "locker-killed-to-locked-again", relocked.Sub(killed))
	st, _ := s.status(s.env, 10*time.Second, func(st agent.Status) bool {
		return st.Lock.State == agent.StateLocked && st.Lock.LastLock != nil && st.Lock.LastLock.Reason == agent.ReasonLockerEnded
	})
	if r := st.Lock.LastLock; !r.Verified || r.Outcome != agent.OutcomeLocked {
		t.Errorf("last lock = %+v, want verified, outcome locked", r)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
}
