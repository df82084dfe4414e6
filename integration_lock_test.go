//go:build integration

// End-to-end tests of idle locking with the real binary, the real X
// server's idle time, real input (xdotool) and real screen lockers
// (i3lock, xscreensaver). Whether the screen is locked is checked
// independently of Grendel: by this file's own keyboard-grab probe, by
// `xscreensaver-command -time`, and by a screenshot of the X root.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"grendel/app/agent"
	"grendel/internal/syncbuf"
)

// The timing every test here runs the agent with, through --policy.
const (
	itIdleTimeout = 10 * time.Second
	itWarning     = 3 * time.Second
)

// lockPolicy writes a --policy file with the tests' timing, and lock.command
// when command is not empty, readable by every user.
func lockPolicy(t *testing.T, dir string, command ...string) string {
	t.Helper()
	lock := map[string]any{"idle_timeout": "10s", "warning": "3s"}
	if len(command) > 0 {
		lock["command"] = command
	}
	b, err := json.Marshal(map[string]any{"lock": lock})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "it-policy.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// input moves the pointer with xdotool, a real input event for the X
// server, and returns the moment it was made.
func input(t *testing.T) time.Time {
	t.Helper()
	// Two moves, so that the pointer really moves wherever it was.
	if out, err := exec.Command("xdotool", "mousemove", "11", "13", "mousemove", "--sync", "640", "400").CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v\n%s", err, out)
	}
	return time.Now()
}

// keyboardGrabbed reports whether another X client holds the keyboard, as
// every X screen locker must: a GrabKeyboard of our own answers
// AlreadyGrabbed. This is the test's own probe, independent of Grendel's.
func keyboardGrabbed(t *testing.T) bool {
	t.Helper()
	c, err := xgb.NewConnDisplay(os.Getenv("DISPLAY"))
	if err != nil {
		t.Fatalf("connect to the X server: %v", err)
	}
	defer c.Close()
	root := xproto.Setup(c).DefaultScreen(c).Root
	r, err := xproto.GrabKeyboard(c, false, root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
	if err != nil {
		t.Fatalf("GrabKeyboard: %v", err)
	}
	switch r.Status {
	case xproto.GrabStatusSuccess:
		xproto.UngrabKeyboard(c, xproto.TimeCurrentTime)
		c.Sync()
		return false
	case xproto.GrabStatusAlreadyGrabbed, xproto.GrabStatusFrozen:
		return true
	default:
		t.Fatalf("GrabKeyboard status %d", r.Status)
		return false
	}
}

// waitUntil polls cond every 10 ms until it holds, and returns the moment
// it first did; it fails the test after within.
func waitUntil(t *testing.T, within time.Duration, what string, cond func() bool) time.Time {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if cond() {
			return time.Now()
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v", what, within)
	return time.Time{}
}

// lockFigure logs one measured figure in a line that is easy to collect
// from the test log: "FIGURE name value".
func lockFigure(t *testing.T, name string, d time.Duration) {
	t.Logf("FIGURE %s %v", name, d.Round(time.Millisecond))
}

// pgrep lists the PIDs of processes named name.
func pgrep(name string) []string {
	out, _ := exec.Command("pgrep", "-x", name).Output()
	return strings.Fields(string(out))
}

// lockerRoots lists the PIDs of processes named name whose parent is not
// also named name (i3lock -n forks a child of its own).
func lockerRoots(name string) []string {
	var roots []string
	for _, pid := range pgrep(name) {
		stat, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 2 {
			continue
		}
		comm, _ := os.ReadFile("/proc/" + f[1] + "/comm")
		if strings.TrimSpace(string(comm)) != name {
			roots = append(roots, pid)
		}
	}
	return roots
}

func init() {
	// xgb logs every connection made without an Xauthority file.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// requireUnlocked fails the test when something already holds the keyboard.
func requireUnlocked(t *testing.T) {
	t.Helper()
	if keyboardGrabbed(t) {
		t.Fatalf("the keyboard is grabbed before the test: a locker of an earlier test is still running (%v %v)", pgrep("i3lock"), pgrep("xscreensaver"))
	}
}

// startI3lockAgent starts an agent in a new sandbox on the tests' timing
// with lock.command = i3lock -n, and returns once it watches an active user.
func startI3lockAgent(t *testing.T) (*sandbox, *agentProc) {
	t.Helper()
	requireProgram(t, "i3lock")
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config, "i3lock", "-n")
	t.Cleanup(func() { _ = exec.Command("pkill", "-x", "i3lock").Run() })
	input(t)
	a := s.startAgent(s.env, "--policy", pol)
	s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.Lock != nil && st.Lock.State == agent.StateActive })
	return s, a
}

// TestIntegrationIdleLockI3lock: with no input, the agent warns (the
// countdown window appears), then locks through lock.command = i3lock -n,
// and the keyboard grab confirms it. When i3lock ends, the agent is back.
func TestIntegrationIdleLockI3lock(t *testing.T) {
	s, a := startI3lockAgent(t)
	last := input(t)
	deadline := last.Add(itIdleTimeout)

	// The warning: the agent's state, then the countdown window.
	st, _ := s.status(s.env, itIdleTimeout, func(st agent.Status) bool { return st.Lock.State == agent.StateWarning })
	if want := deadline; st.Lock.LockAt.Before(want.Add(-time.Second)) || st.Lock.LockAt.After(want.Add(time.Second)) {
		t.Errorf("warning: lock_at = %v, want about %v", st.Lock.LockAt, want)
	}
	waitWindow(t, "Grendel — locking soon", itWarning)
	shown := time.Now()
	lockFigure(t, "warning-decision-to-window", shown.Sub(deadline.Add(-itWarning)))
	screenshot(t, "warning-en")
	if keyboardGrabbed(t) {
		t.Fatal("the keyboard is grabbed during the warning, before the deadline")
	}

	// The lock, seen from outside.
	grabbed := waitUntil(t, itWarning+5*time.Second, "keyboard grabbed by i3lock", func() bool { return keyboardGrabbed(t) })
	if n := len(lockerRoots("i3lock")); n != 1 {
		t.Errorf("%d i3lock process trees, want 1", n)
	}
	lockFigure(t, "deadline-to-verified-lock(i3lock)", grabbed.Sub(deadline))
	if grabbed.Before(deadline.Add(-100 * time.Millisecond)) {
		t.Errorf("locked %v before the deadline", deadline.Sub(grabbed))
	}
	st, _ = s.status(s.env, 5*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateLocked })
	r := st.Lock.LastLock
	if r == nil || !r.Verified || r.Reason != "idle" || r.Method != "lock.command:i3lock" || r.VerifiedBy == "" || r.Privacy {
		t.Fatalf("last lock = %+v, want idle, lock.command:i3lock, verified", r)
	}
	t.Logf("agent: %s verified by %s in %v", r.Method, r.VerifiedBy, r.Took)
	lockFigure(t, "agent-lock-call-to-verified(i3lock)", r.Took)
	// The countdown's process sees the lock on its next look at the agent
	// (five times a second) and quits; the lock never waited for it.
	waitUntil(t, 3*time.Second, "the countdown window to close after the lock", func() bool { return len(waitWindows("Grendel — locking soon")) == 0 })

	// Unlocking: the user is back (real input, as typing the password
	// is), then i3lock ends: the agent sees it and watches again.
	time.Sleep(1500 * time.Millisecond) // an unlock takes longer than the agent's slack
	input(t)
	if err := exec.Command("pkill", "-x", "i3lock").Run(); err != nil {
		t.Fatalf("pkill i3lock: %v", err)
	}
	waitUntil(t, 5*time.Second, "keyboard released", func() bool { return !keyboardGrabbed(t) })
	st, _ = s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateActive })
	if n := len(st.Lock.History); n != 1 {
		t.Errorf("%d locks after a real unlock, want 1: %+v", n, st.Lock.History)
	}

	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
	if log := a.stderr.String(); strings.Contains(log, "XGB:") || strings.Contains(log, "panic") {
		t.Errorf("the agent's log has X library noise or a panic:\n%s", log)
	}
}

// TestIntegrationInputCancelsWarning: real input during the warning
// cancels it; nothing locks, not even well after the first deadline.
func TestIntegrationInputCancelsWarning(t *testing.T) {
	s, a := startI3lockAgent(t)
	first := input(t)
	s.status(s.env, itIdleTimeout, func(st agent.Status) bool { return st.Lock.State == agent.StateWarning })
	waitWindow(t, "Grendel — locking soon", itWarning)

	input(t)
	st, took := s.status(s.env, 2*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateActive })
	t.Logf("input during the warning: active again after %v", took)
	waitUntil(t, 5*time.Second, "the countdown window to close", func() bool { return len(waitWindows("Grendel — locking soon")) == 0 })

	// Past the first deadline, and then some: still not locked.
	for time.Now().Before(first.Add(itIdleTimeout + 2*time.Second)) {
		if keyboardGrabbed(t) {
			t.Fatal("the keyboard is grabbed although input cancelled the warning")
		}
		time.Sleep(200 * time.Millisecond)
	}
	st, _ = s.status(s.env, time.Second, func(agent.Status) bool { return true })
	if st.Lock.LastLock != nil || len(pgrep("i3lock")) != 0 {
		t.Errorf("after cancelled warning: last lock %+v, i3lock %v; want none", st.Lock.LastLock, pgrep("i3lock"))
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
}

// TestIntegrationStopDuringWarning: an agent stopped while the countdown's
// UI process runs — started ahead of the warning, or showing it — takes
// that process with it and does not lock. (A warning process that outlived
// its agent kept the agent's output open for ten seconds, waiting for a
// countdown that would never come.)
func TestIntegrationStopDuringWarning(t *testing.T) {
	warningProcs := func() []string {
		out, _ := exec.Command("pgrep", "-f", regexp.QuoteMeta(bin)+" .*ui warning$").Output()
		return strings.Fields(string(out))
	}
	for _, tc := range []struct {
		name  string
		shown bool // stop once the window is on screen, else before
	}{
		{"before the warning", false},
		{"during the warning", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, a := startI3lockAgent(t)
			input(t)
			waitUntil(t, itIdleTimeout, "the countdown's UI process", func() bool { return len(warningProcs()) > 0 })
			if tc.shown {
				waitWindow(t, "Grendel — locking soon", itWarning+2*time.Second)
			} else if st, _ := s.status(s.env, time.Second, func(agent.Status) bool { return true }); st.Lock.State != agent.StateActive {
				t.Fatalf("state %s when the countdown's process started, want %s (it starts ahead of the warning)", st.Lock.State, agent.StateActive)
			}

			if err := a.stop(t); err != nil {
				t.Errorf("agent exit: %v\n%s", err, a.stderr)
			}
			if left := warningProcs(); len(left) != 0 {
				t.Errorf("the countdown's UI process %v outlived the agent", left)
			}
			if len(waitWindows("Grendel — locking soon")) != 0 {
				t.Error("the countdown window is still on screen after the agent stopped")
			}
			if len(pgrep("i3lock")) != 0 {
				t.Error("the agent locked while it was being stopped")
			}
		})
	}
}

// TestIntegrationIdleLockXScreenSaver: the xscreensaver daemon and the agent
// both run as an unprivileged user (xscreensaver will not lock for root);
// the agent has no lock.command and finds xscreensaver by itself.
// `xscreensaver-command -time` and the keyboard grab confirm the lock.
func TestIntegrationIdleLockXScreenSaver(t *testing.T) {
	requireProgram(t, "xscreensaver")
	requireProgram(t, "xscreensaver-command")
	requireUnlocked(t)
	u := unprivilegedUser(t)

	// A world the user owns: binary, HOME, config and runtime directories.
	base, err := os.MkdirTemp("", "gx")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	ubin := filepath.Join(base, "grendel")
	if err := copyExecutable(bin, ubin); err != nil {
		t.Fatal(err)
	}
	dirs := map[string]string{}
	for _, d := range []string{"home", "cfg", "run", "etc"} {
		p := filepath.Join(base, d)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if u.cred != nil {
			if err := os.Chown(p, int(u.cred.Uid), int(u.cred.Gid)); err != nil {
				t.Fatal(err)
			}
		}
		dirs[d] = p
	}
	pol := lockPolicy(t, base)
	env := []string{
		"DISPLAY=" + os.Getenv("DISPLAY"), "HOME=" + dirs["home"], "PATH=" + os.Getenv("PATH"),
		"XDG_CONFIG_HOME=" + dirs["cfg"], "XDG_RUNTIME_DIR=" + dirs["run"], "GRENDEL_TEST_POLICY_ROOT=" + dirs["etc"],
		"LANG=en_US.UTF-8",
		// A bus address that leads nowhere: with none at all, xscreensaver
		// would autolaunch a session bus of its own and leave it running.
		"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(base, "no-bus"),
	}
	asUser := func(cmd *exec.Cmd) *exec.Cmd {
		cmd.Env = env
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: u.cred}
		return cmd
	}

	var saverLog syncbuf.Buffer
	saver := asUser(exec.Command("xscreensaver", "-no-splash"))
	saver.Stdout, saver.Stderr = &saverLog, &saverLog
	if err := saver.Start(); err != nil {
		t.Fatalf("start xscreensaver: %v", err)
	}
	saverDone := make(chan struct{})
	go func() { _ = saver.Wait(); close(saverDone) }()
	stopSaver := func() {
		_ = syscall.Kill(-saver.Process.Pid, syscall.SIGTERM)
		select {
		case <-saverDone:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-saver.Process.Pid, syscall.SIGKILL)
			<-saverDone
		}
	}
	t.Cleanup(stopSaver)
	saverTime := func() string {
		out, _ := exec.Command("xscreensaver-command", "-time").CombinedOutput()
		return string(out)
	}
	waitUntil(t, 15*time.Second, "xscreensaver to answer -time", func() bool { return strings.Contains(saverTime(), "non-blanked") })

	var agentLog syncbuf.Buffer
	ag := asUser(exec.Command(ubin, "--policy", pol))
	ag.Stdout, ag.Stderr = &agentLog, &agentLog
	if err := ag.Start(); err != nil {
		t.Fatal(err)
	}
	agentDone := make(chan struct{})
	go func() { _ = ag.Wait(); close(agentDone) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-ag.Process.Pid, syscall.SIGKILL)
		<-agentDone
		if t.Failed() {
			t.Logf("agent said:\n%s\nxscreensaver said:\n%s", agentLog.String(), saverLog.String())
		}
	})
	status := func(within time.Duration, ok func(agent.Status) bool) agent.Status {
		t.Helper()
		var last string
		for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			var out bytes.Buffer
			cmd := asUser(exec.Command(ubin, "status", "--json"))
			cmd.Stdout = &out
			if cmd.Run() == nil {
				var st agent.Status
				if err := json.Unmarshal(out.Bytes(), &st); err == nil && st.Lock != nil && ok(st) {
					return st
				}
				last = out.String()
			}
		}
		t.Fatalf("no matching status within %v; last: %s", within, last)
		return agent.Status{}
	}

	input(t)
	status(10*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateActive })
	deadline := input(t).Add(itIdleTimeout)
	status(itIdleTimeout, func(st agent.Status) bool { return st.Lock.State == agent.StateWarning })

	grabbed := waitUntil(t, itWarning+10*time.Second, "keyboard grabbed by xscreensaver", func() bool { return keyboardGrabbed(t) })
	lockFigure(t, "deadline-to-keyboard-grab(xscreensaver)", grabbed.Sub(deadline))
	saysLocked := waitUntil(t, 10*time.Second, "xscreensaver-command -time to say locked", func() bool {
		return strings.Contains(saverTime(), " locked since")
	})
	lockFigure(t, "deadline-to-xscreensaver-says-locked", saysLocked.Sub(deadline))
	st := status(10*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateLocked })
	r := st.Lock.LastLock
	if r == nil || !r.Verified || r.Reason != "idle" || r.Privacy {
		t.Fatalf("last lock = %+v, want a verified idle lock", r)
	}
	if r.Method != "xscreensaver-command" && r.Method != "xdg-screensaver" {
		t.Errorf("locked by %q, want xscreensaver's own command (or xdg-screensaver calling it)", r.Method)
	}
	t.Logf("agent as uid %d: %s verified by %s in %v", u.uid, r.Method, r.VerifiedBy, r.Took)
	lockFigure(t, "agent-lock-call-to-verified(xscreensaver)", r.Took)
	input(t) // the user is back: the agent must not lock again when the saver goes
	stopSaver()
}

// TestIntegrationPrivacyScreen: with no locker at all (an empty PATH and no
// screensaver service on the bus), the agent covers the screen with the
// privacy screen. A screenshot of the X root shows no pixel of a window
// drawn with a known pattern before it; real input ends it.
func TestIntegrationPrivacyScreen(t *testing.T) {
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config)
	empty := t.TempDir()
	env := s.with("PATH=" + empty)

	// The known pattern: a 2-pixel checkerboard of pure red and pure green,
	// drawn by a client of our own.
	closePattern := drawPattern(t, image.Rect(100, 100, 700, 500))
	defer closePattern()
	before := rootShot(t, "privacy-before")
	if n := countPattern(before); n < 100000 {
		t.Fatalf("the pattern window shows only %d pattern pixels before the test", n)
	}

	input(t)
	a := s.startAgent(env, "--policy", pol)
	s.status(env, 10*time.Second, func(st agent.Status) bool { return st.Lock != nil && st.Lock.State == agent.StateActive })
	deadline := input(t).Add(itIdleTimeout)
	st, _ := s.status(env, itIdleTimeout+itWarning+10*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StatePrivacy })
	r := st.Lock.LastLock
	if r == nil || r.Verified || !r.Privacy || len(r.Attempts) == 0 {
		t.Fatalf("last lock = %+v, want unverified, privacy screen, with the attempts", r)
	}
	for _, at := range r.Attempts {
		if at.Error == "" {
			t.Errorf("attempt %s has no error", at.Method)
		}
	}
	waitWindow(t, "Grendel — privacy screen", 10*time.Second)
	covered := waitUntil(t, 10*time.Second, "the privacy screen to grab the keyboard", func() bool { return keyboardGrabbed(t) })
	lockFigure(t, "deadline-to-privacy-screen", covered.Sub(deadline))
	time.Sleep(time.Second) // let it paint
	after := rootShot(t, "privacy-en")
	if n := countPattern(after); n != 0 {
		t.Errorf("the screenshot with the privacy screen shows %d pixels of the pattern, want none", n)
	}
	if dark := meanLuma(after); dark > 110 {
		t.Errorf("the privacy screen's mean brightness is %.0f, want a darkened screen", dark)
	}

	// The cover holds the keyboard under windows that cover the screen,
	// as a locker does, but it is no lock: `grendel lock` must not take it
	// for one (it exited 0 with "locked by already-locked, verified by
	// x11-grab"), and the agent still says covered.
	out, errOut, code := s.run(env, "--policy", pol, "lock")
	if code == 0 || strings.Contains(out+errOut, "already-locked") {
		t.Errorf("grendel lock under the privacy screen: exit %d, %q %q; want a failure, not already-locked", code, out, errOut)
	}
	if st, _ := s.status(env, 5*time.Second, func(agent.Status) bool { return true }); st.Lock.State != agent.StatePrivacy {
		t.Errorf("state under the privacy screen after grendel lock = %s, want %s", st.Lock.State, agent.StatePrivacy)
	}
	if r := st.Lock.LastLock; r.Outcome != agent.OutcomeCovered {
		t.Errorf("last lock's outcome = %q, want %q", r.Outcome, agent.OutcomeCovered)
	}

	// Real input ends it, and the agent watches again.
	if out, err := exec.Command("xdotool", "key", "shift").CombinedOutput(); err != nil {
		t.Fatalf("xdotool key: %v\n%s", err, out)
	}
	waitUntil(t, 5*time.Second, "the privacy screen to go", func() bool { return len(waitWindows("Grendel — privacy screen")) == 0 })
	s.status(env, 5*time.Second, func(st agent.Status) bool { return st.Lock.State == agent.StateActive })
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
}

// waitWindows lists the visible windows titled exactly title, now.
func waitWindows(title string) []string {
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", strings.Fields(title)[0]).Output()
	var ids []string
	for _, id := range strings.Fields(string(out)) {
		name, _ := exec.Command("xdotool", "getwindowname", id).Output()
		if strings.TrimSpace(string(name)) == title {
			ids = append(ids, id)
		}
	}
	return ids
}

var (
	patternA = color.RGBA{255, 0, 0, 255}
	patternB = color.RGBA{0, 255, 0, 255}
)

// drawPattern maps an override-redirect window over r whose background is
// a checkerboard of patternA and patternB in 2×2 squares, and returns a
// function that destroys it.
func drawPattern(t *testing.T, r image.Rectangle) func() {
	t.Helper()
	c, err := xgb.NewConnDisplay(os.Getenv("DISPLAY"))
	if err != nil {
		t.Fatal(err)
	}
	scr := xproto.Setup(c).DefaultScreen(c)
	if scr.RootDepth != 24 {
		c.Close()
		t.Skipf("the X screen has depth %d; the pattern test needs 24", scr.RootDepth)
	}
	pix, _ := xproto.NewPixmapId(c)
	xproto.CreatePixmap(c, scr.RootDepth, pix, xproto.Drawable(scr.Root), 4, 4)
	gc, _ := xproto.NewGcontextId(c)
	rgb := func(col color.RGBA) uint32 { return uint32(col.R)<<16 | uint32(col.G)<<8 | uint32(col.B) }
	xproto.CreateGC(c, gc, xproto.Drawable(pix), xproto.GcForeground, []uint32{rgb(patternA)})
	xproto.PolyFillRectangle(c, xproto.Drawable(pix), gc, []xproto.Rectangle{{X: 0, Y: 0, Width: 4, Height: 4}})
	xproto.ChangeGC(c, gc, xproto.GcForeground, []uint32{rgb(patternB)})
	xproto.PolyFillRectangle(c, xproto.Drawable(pix), gc, []xproto.Rectangle{{X: 2, Y: 0, Width: 2, Height: 2}, {X: 0, Y: 2, Width: 2, Height: 2}})
	win, _ := xproto.NewWindowId(c)
	err = xproto.CreateWindowChecked(c, scr.RootDepth, win, scr.Root, int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0,
		xproto.WindowClassInputOutput, scr.RootVisual, xproto.CwBackPixmap|xproto.CwOverrideRedirect, []uint32{uint32(pix), 1}).Check()
	if err != nil {
		c.Close()
		t.Fatalf("create the pattern window: %v", err)
	}
	xproto.MapWindow(c, win)
	xproto.ClearArea(c, false, win, 0, 0, 0, 0)
	c.Sync()
	time.Sleep(300 * time.Millisecond)
	return func() {
		xproto.DestroyWindow(c, win)
		xproto.FreePixmap(c, pix)
		c.Sync()
		c.Close()
	}
}

// rootShot takes a screenshot of the X root with ImageMagick's import (an
// independent tool), keeps it in $GRENDEL_SHOTS if set, and decodes it.
func rootShot(t *testing.T, name string) image.Image {
	t.Helper()
	dir := os.Getenv("GRENDEL_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name+".png")
	if out, err := exec.Command("import", "-window", "root", p).CombinedOutput(); err != nil {
		t.Fatalf("import -window root: %v\n%s", err, out)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", p, err)
	}
	return img
}

// countPattern counts the pixels of img that have exactly a pattern colour.
func countPattern(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			px := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}
			if px == patternA || px == patternB {
				n++
			}
		}
	}
	return n
}

// meanLuma is the image's mean brightness, 0–255.
func meanLuma(img image.Image) float64 {
	var sum float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum += (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
		}
	}
	return sum / float64(b.Dx()*b.Dy())
}

// requireProgram fails (never skips) when a program the tests need is
// missing: scripts/install-deps.sh installs them all.
func requireProgram(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed; run scripts/install-deps.sh", name)
	}
}

// osUser is the unprivileged user the xscreensaver test runs as.
type osUser struct {
	uid  int
	cred *syscall.Credential // nil: ourselves
}

// unprivilegedUser returns nobody when we are root, else ourselves.
func unprivilegedUser(t *testing.T) osUser {
	t.Helper()
	if os.Geteuid() != 0 {
		return osUser{uid: os.Getuid()}
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Fatalf("no user nobody to run xscreensaver as: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return osUser{uid: uid, cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
}

// copyExecutable copies the binary to a place another user can run it from.
func copyExecutable(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return errors.Join(out.Close(), os.Chmod(to, 0o755))
}

// TestIntegrationOrphanedCover: an agent killed while its privacy screen
// is up may leave the screen behind. A new agent's first idle lock must
// not take that cover for a lock (it did: "already-locked, verified by
// x11-grab", and the session stood open behind a cover a mouse move ends).
func TestIntegrationOrphanedCover(t *testing.T) {
	requireUnlocked(t)
	s := newSandbox(t)
	pol := lockPolicy(t, s.config)
	env := s.with("PATH=" + t.TempDir())

	input(t)
	first := s.startAgent(env, "--policy", pol)
	s.status(env, itIdleTimeout+itWarning+10*time.Second, func(st agent.Status) bool {
		return st.Lock != nil && st.Lock.State == agent.StatePrivacy
	})
	waitUntil(t, 10*time.Second, "the privacy screen to grab the keyboard", func() bool { return keyboardGrabbed(t) })
	if err := first.cmd.Process.Kill(); err != nil { // the agent alone, not its UI processes
		t.Fatal(err)
	}
	// Its UI processes hold its output open, so Wait would wait for them:
	// wait for the agent itself to be dead (a zombie, or reaped).
	waitUntil(t, 10*time.Second, "the killed agent to be gone", func() bool {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(first.cmd.Process.Pid) + "/stat")
		if err != nil {
			return true
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		return len(f) > 0 && f[0] == "Z"
	})
	t.Logf("after the agent was killed, the keyboard is grabbed: %v (the cover outlived it)", keyboardGrabbed(t))

	second := s.startAgent(env, "--policy", pol)
	st, _ := s.status(env, itIdleTimeout+itWarning+15*time.Second, func(st agent.Status) bool {
		return st.Lock != nil && st.Lock.LastLock != nil
	})
	if r := st.Lock.LastLock; r.Verified || r.Method == "already-locked" || r.Outcome != agent.OutcomeCovered {
		t.Errorf("the new agent's first lock = %+v; want not verified, outcome covered", r)
	}
	if st.Lock.State == agent.StateLocked {
		t.Errorf("the new agent says locked behind a cover")
	}

	// Real input ends every cover. The new agent's own cover may still be
	// waiting for the keyboard the old one held, and come up after the
	// first key: press again until none is left.
	covers := func() []string {
		out, _ := exec.Command("pgrep", "-f", regexp.QuoteMeta(bin)+" .*ui privacy$").Output()
		return strings.Fields(string(out))
	}
	waitUntil(t, 20*time.Second, "the privacy screens to go", func() bool {
		if out, err := exec.Command("xdotool", "key", "shift").CombinedOutput(); err != nil {
			t.Fatalf("xdotool key: %v\n%s", err, out)
		}
		time.Sleep(500 * time.Millisecond)
		return len(covers()) == 0 && len(waitWindows("Grendel — privacy screen")) == 0 && !keyboardGrabbed(t)
	})
	if err := second.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, second.stderr)
	}
}
