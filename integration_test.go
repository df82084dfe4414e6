//go:build integration

// Integration tests of the real grendel binary: a real X server (Xvfb), a
// real D-Bus session bus, a real Secret Service (gnome-keyring) and real
// files. Run them through scripts/with-session.sh (make integration), which
// provides DISPLAY, the session bus and an unlocked keyring.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/godbus/dbus/v5"

	"grendel/app/agent"
	"grendel/internal/syncbuf"
	"grendel/policy"
)

// bin is the grendel binary under test, built with the grendel_testhooks
// tag so that GRENDEL_TEST_POLICY_ROOT can stand in for /etc/grendel.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "grendel-it")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "grendel")
	build := exec.Command("go", "build", "-tags", "grendel_testhooks", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sandbox is one test's private world: its own system policy root, config
// directory, runtime directory (so agents of different tests never meet)
// and state directory (the audit trail).
type sandbox struct {
	t       *testing.T
	root    string // system policy root: managed/ and recommended/
	config  string // XDG_CONFIG_HOME
	runtime string // XDG_RUNTIME_DIR
	state   string // XDG_STATE_HOME: the agent's status file
	env     []string
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	base, err := os.MkdirTemp("", "g") // short: the socket path has a length limit
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	s := &sandbox{t: t, root: filepath.Join(base, "etc"), config: filepath.Join(base, "cfg"), runtime: filepath.Join(base, "run"), state: filepath.Join(base, "state")}
	for _, d := range []string{s.root, s.config} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(s.runtime, 0o700); err != nil {
		t.Fatal(err)
	}
	s.env = append(os.Environ(),
		"GRENDEL_TEST_POLICY_ROOT="+s.root, "XDG_CONFIG_HOME="+s.config, "XDG_RUNTIME_DIR="+s.runtime, "XDG_STATE_HOME="+s.state, // the status file and the audit trail
		"LANG=en_US.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	// Each sandbox is a Grendel of its own, but all share the session's
	// keyring, whose items under the service "grendel" a vault lists and
	// adopts: start and end with none. Only in the throwaway keyring of
	// scripts/with-session.sh, which alone sets the password file.
	if os.Getenv("GRENDEL_TEST_KEYRING_PASSWORD_FILE") != "" {
		clearShares(t)
		t.Cleanup(func() { clearShares(t) })
	}
	return s
}

// clearShares removes every item of the service "grendel" from the
// session's keyring.
func clearShares(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("secret-tool"); err != nil {
		return
	}
	out, err := exec.Command("secret-tool", "clear", "service", "grendel").CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1 && len(out) == 0) { // 1, silent: nothing matched
		t.Errorf("secret-tool clear service grendel: %v: %s", err, out)
	}
}

// with returns the sandbox's environment with changes: "KEY=value" sets,
// "KEY" alone removes.
func (s *sandbox) with(changes ...string) []string {
	env := []string{}
	drop := map[string]bool{}
	for _, c := range changes {
		k, _, _ := strings.Cut(c, "=")
		drop[k] = true
	}
	for _, e := range s.env {
		k, _, _ := strings.Cut(e, "=")
		if !drop[k] {
			env = append(env, e)
		}
	}
	for _, c := range changes {
		if strings.Contains(c, "=") {
			env = append(env, c)
		}
	}
	return env
}

func (s *sandbox) write(rel, content string) string {
	s.t.Helper()
	p := filepath.Join(s.root, rel)
	if strings.HasPrefix(rel, "user:") {
		p = filepath.Join(s.config, "grendel", "settings.json")
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		s.t.Fatal(err)
	}
	return p
}

// run runs grendel to completion and returns stdout, stderr and exit code.
func (s *sandbox) run(env []string, args ...string) (string, string, int) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		s.t.Fatalf("grendel %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// agentProc is a running resident agent.
type agentProc struct {
	cmd    *exec.Cmd
	stderr *syncbuf.Buffer
	exited chan struct{} // closed when the process has ended
	err    error         // its exit error, once exited is closed
}

func (s *sandbox) startAgent(env []string, args ...string) *agentProc {
	s.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	a := &agentProc{cmd: cmd, stderr: &syncbuf.Buffer{}, exited: make(chan struct{})}
	cmd.Stderr = a.stderr
	cmd.Stdout = a.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its UI processes too
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	go func() { a.err = cmd.Wait(); close(a.exited) }()
	s.t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-a.exited:
		case <-time.After(5 * time.Second):
		}
	})
	return a
}

// stop sends SIGTERM and returns the exit error within 10 s.
func (a *agentProc) stop(t *testing.T) error {
	t.Helper()
	_ = a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.exited:
		return a.err
	case <-time.After(10 * time.Second):
		// What still runs in its process group (its UI processes hold its
		// output open), then every Go stack in it, for the log.
		left, _ := exec.Command("pgrep", "-a", "-g", strconv.Itoa(a.cmd.Process.Pid)).CombinedOutput()
		_ = syscall.Kill(-a.cmd.Process.Pid, syscall.SIGQUIT)
		select {
		case <-a.exited:
		case <-time.After(3 * time.Second):
		}
		t.Fatalf("agent did not stop within 10 s of SIGTERM; still running:\n%s\nit said:\n%s", left, a.stderr)
		return nil
	}
}

// status polls `grendel status --json` until ok(status) or the deadline.
func (s *sandbox) status(env []string, within time.Duration, ok func(agent.Status) bool) (agent.Status, time.Duration) {
	s.t.Helper()
	start := time.Now()
	var last string
	for time.Since(start) < within {
		out, errOut, code := s.run(env, "status", "--json")
		if code == 0 {
			var st agent.Status
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				s.t.Fatalf("status --json: %v\n%s", err, out)
			}
			if ok(st) {
				return st, time.Since(start)
			}
			last = out
		} else {
			last = errOut
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("no matching status within %v; last: %s", within, last)
	return agent.Status{}, 0
}

func keyValue(st agent.Status, key policy.Key) policy.KeyReport {
	for _, k := range st.Policy.Keys {
		if k.Key == key {
			return k
		}
	}
	return policy.KeyReport{}
}

func TestIntegrationPolicyValidate(t *testing.T) {
	s := newSandbox(t)
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := file("big.json", `{"lock": {"command": ["`+strings.Repeat("x", 10<<20)+`"]}}`)
	unreadable := file("secret.json", `{}`)
	if err := os.Chmod(unreadable, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		path string
		want string // regexp of the one expected line
	}{
		{"broken json", file("broken.json", "{\n  \"lock\": {\"idle_timeout\": \"5m\",\n}"), `broken\.json:3:2: the file ends before the JSON is complete`},
		{"unknown key", file("unknown.json", "{\"lock\": {\n  \"idle_timout\": \"1m\"}}"), `unknown\.json:2:3: lock\.idle_timout: unknown key \(did you mean lock\.idle_timeout\?\)`},
		{"wrong type", file("type.json", `{"app": {"allow_quit": "no"}}`), `type\.json:1:24: app\.allow_quit: is a string, want true or false`},
		{"out of bounds", file("bounds.json", `{"lock": {"idle_timeout": "5h"}}`), `bounds\.json:1:27: lock\.idle_timeout: 5h is out of bounds \(10s to 4h\)`},
		{"warning not less", file("warning.json", "{\"lock\": {\"idle_timeout\": \"1m\",\n \"warning\": \"1m\"}}"), `warning\.json:2:13: lock\.warning: lock\.warning \(1m\) must be less than lock\.idle_timeout \(1m\)`},
		{"10 MB", big, `big\.json:1:1: file is too large \(10485787 bytes, at most 262144\)`},
		{"invalid utf-8", file("utf8.json", "{\"lock\": {\"command\": [\"\xc3\x28\"]}}"), `utf8\.json:1:24: the text is not valid UTF-8`},
		{"directory", dir, regexp.QuoteMeta(dir) + `:1:1: not a regular file`},
		{"missing", filepath.Join(dir, "nope.json"), `nope\.json:1:1: cannot read the file: no such file or directory`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, code := s.run(s.env, "policy", "validate", tc.path)
			if code != 1 || !regexp.MustCompile(tc.want).MatchString(out) || strings.Count(out, "\n") != 1 {
				t.Errorf("policy validate %s = %d\n%s\nwant exit 1 and one line matching %s", tc.path, code, out, tc.want)
			}
		})
	}
	t.Run("unreadable", func(t *testing.T) {
		env, args := s.env, []string{"policy", "validate", unreadable}
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if os.Geteuid() == 0 {
			// Root reads everything: check as an ordinary user instead.
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		out, _ := cmd.Output()
		code := cmd.ProcessState.ExitCode()
		if code != 1 || !strings.Contains(string(out), "secret.json:1:1: cannot read the file: permission denied") {
			t.Errorf("validate of an unreadable file = %d\n%s", code, out)
		}
	})
	t.Run("several files and problems at once", func(t *testing.T) {
		good := file("good.json", `{"lock": {"idle_timeout": "3m"}} // fine`)
		bad := file("two.json", `{"share": {"words": 99, "language": "fr"}}`)
		out, _, code := s.run(s.env, "policy", "validate", good, bad)
		if code != 1 || strings.Count(out, "two.json:") != 2 || strings.Contains(out, "good.json") {
			t.Errorf("validate good+bad = %d\n%s", code, out)
		}
		out, _, code = s.run(s.env, "policy", "validate", good)
		if code != 0 {
			t.Errorf("validate good = %d\n%s", code, out)
		}
	})
	t.Run("usage", func(t *testing.T) {
		if _, errOut, code := s.run(s.env, "policy", "validate"); code != 2 || !strings.Contains(errOut, "name at least one policy file") {
			t.Errorf("validate without files = %d, %q", code, errOut)
		}
		if _, _, code := s.run(s.env, "frobnicate"); code != 2 {
			t.Errorf("unknown command = %d, want 2", code)
		}
	})
	t.Run("dutch and german", func(t *testing.T) {
		p := file("nl.json", `{"lock": {"idle_timeout": "5h"}}`)
		out, _, _ := s.run(s.with("LANG=nl_NL.UTF-8"), "policy", "validate", p)
		if !strings.Contains(out, "lock.idle_timeout: 5h valt buiten de grenzen (10s tot 4h)") {
			t.Errorf("Dutch: %s", out)
		}
		out, _, _ = s.run(s.with("LANG=de_DE.UTF-8"), "policy", "validate", p)
		if !strings.Contains(out, "lock.idle_timeout: 5h liegt außerhalb der Grenzen (10s bis 4h)") {
			t.Errorf("German: %s", out)
		}
	})
}

func TestIntegrationPolicyShowFailsClosed(t *testing.T) {
	s := newSandbox(t)
	s.write("user:", `{"lock": {"idle_timeout": "2h", "snooze_max": "10m"}, "share": {"words": 7}}`)
	s.write("managed/10-base.json", `{"lock": {"snooze_max": "30m"}, "app": {"allow_quit": false}}`)
	s.write("managed/20-broken.json", `{"lock": {"idle_timeout": "1m"`)
	out, _, code := s.run(s.env, "policy", "show", "--json")
	if code != 0 {
		t.Fatalf("policy show = %d", code)
	}
	var r policy.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	want := map[policy.Key]string{
		// The broken file poisons every key: the built-in default, or a valid
		// managed value where that is stricter; the user may still be stricter.
		policy.LockIdleTimeout: "5m strict-default", policy.LockSnoozeMax: "0 strict-default", policy.AppAllowQuit: "false managed",
		policy.PasswordMinScore: "3 strict-default",
	}
	for _, k := range r.Keys {
		if k.Key == policy.ShareWords && k.Display+" "+k.Source != "7 user" {
			t.Errorf("a stricter user value must survive: %s = %s %s", k.Key, k.Display, k.Source)
		}
		if w, ok := want[k.Key]; ok && k.Display+" "+k.Source != w {
			t.Errorf("%s = %s %s, want %s", k.Key, k.Display, k.Source, w)
		}
	}
	if !r.FailedClosed {
		t.Error("FailedClosed = false")
	}
	text, _, _ := s.run(s.env, "policy", "show")
	if !strings.Contains(text, "strict default (invalid managed policy: "+filepath.Join(s.root, "managed", "20-broken.json")+")") {
		t.Errorf("policy show does not say why:\n%s", text)
	}
	// --policy can only tighten.
	loose := filepath.Join(t.TempDir(), "loose.json")
	os.WriteFile(loose, []byte(`{"lock": {"idle_timeout": "4h", "warning": "10s"}, "share": {"max_age": "1d"}}`), 0o644)
	out, _, _ = s.run(s.env, "--policy", loose, "policy", "show", "--json")
	json.Unmarshal([]byte(out), &r)
	for _, k := range r.Keys {
		if k.Key == policy.LockIdleTimeout && k.Display != "5m" || k.Key == policy.ShareMaxAge && k.Display != "1d" {
			t.Errorf("with --policy: %s = %s (%s)", k.Key, k.Display, k.Source)
		}
	}
}

func TestIntegrationSchema(t *testing.T) {
	s := newSandbox(t)
	out, _, code := s.run(s.with("LANG=de_DE.UTF-8"), "policy", "schema")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || !strings.Contains(out, "Den Arbeitsplatz nach so langer Zeit") {
		t.Errorf("policy schema = %d\n%.300s", code, out)
	}
}

func TestIntegrationAgent(t *testing.T) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("run through scripts/with-session.sh: DISPLAY and DBUS_SESSION_BUS_ADDRESS are needed")
	}
	s := newSandbox(t)
	if _, errOut, code := s.run(s.env, "status"); code != 3 || !strings.Contains(errOut, "not running") {
		t.Fatalf("status without an agent = %d %q, want 3", code, errOut)
	}
	a := s.startAgent(s.env)
	// The tray comes up a moment after the channel. A throwaway session
	// has no panel to show it (TestIntegrationTrayHost brings one); a
	// desktop may.
	hosted := trayHostRuns(t)
	st, _ := s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.Tray == hosted && (hosted || st.TrayProblem != "") })
	if (!hosted && !strings.Contains(st.TrayProblem, "no panel on this desktop shows tray icons")) ||
		st.Display != os.Getenv("DISPLAY") || st.PID != a.cmd.Process.Pid || st.Policy.FailedClosed {
		t.Errorf("status = %+v", st)
	}
	info, err := os.Stat(filepath.Join(s.runtime, "grendel", "agent.sock"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("socket: %v %v, want mode 0600", info, err)
	}

	// Hot reload: a managed file takes effect within 2 s, no restart.
	s.write("managed/10.json", `{"lock": {"idle_timeout": "2m"}}`)
	_, took := s.status(s.env, 2*time.Second, func(st agent.Status) bool { return keyValue(st, policy.LockIdleTimeout).Display == "2m" })
	t.Logf("managed file applied after %v", took)
	s.write("managed/10.json", `{"lock": {"idle_timeout": "2 minutes"}}`)
	st, _ = s.status(s.env, 2*time.Second, func(st agent.Status) bool { return st.Policy.FailedClosed })
	if k := keyValue(st, policy.LockIdleTimeout); k.Display != "5m" || k.Source != "strict-default" {
		t.Errorf("broken managed file: idle_timeout = %+v", k)
	}

	// A second start tells the first to show its status window.
	out, errOut, code := s.run(s.env)
	if code != 0 || !strings.Contains(errOut+out, "already running") {
		t.Errorf("second start = %d %q", code, errOut)
	}
	win := waitWindow(t, "Grendel — status", 15*time.Second)
	screenshot(t, "agent-status-en")
	clickClose(t, win)

	if err := a.stop(t); err != nil {
		t.Errorf("agent exit after SIGTERM: %v\n%s", err, a.stderr)
	}
	if strings.Contains(a.stderr.String(), "panic") {
		t.Errorf("agent panicked:\n%s", a.stderr)
	}
	if _, err := os.Stat(filepath.Join(s.runtime, "grendel", "agent.sock")); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
}

func TestIntegrationAgentWithoutSessionBus(t *testing.T) {
	s := newSandbox(t)
	env := s.with("DBUS_SESSION_BUS_ADDRESS")
	a := s.startAgent(env)
	st, _ := s.status(env, 10*time.Second, func(st agent.Status) bool { return st.Tray || st.TrayProblem != "" })
	if st.Tray || st.TrayProblem == "" {
		t.Errorf("status without a bus: tray=%v problem=%q", st.Tray, st.TrayProblem)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	log := a.stderr.String()
	if !strings.Contains(log, "no tray icon") || strings.Contains(log, "panic") {
		t.Errorf("agent said:\n%s", log)
	}
}

func TestIntegrationAgentWithoutDisplay(t *testing.T) {
	s := newSandbox(t)
	env := s.with("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
	a := s.startAgent(env)
	st, _ := s.status(env, 10*time.Second, func(agent.Status) bool { return true })
	if st.Display != "" {
		t.Errorf("display = %q, want none", st.Display)
	}
	// CLI commands keep working without a display.
	if _, _, code := s.run(env, "policy", "show"); code != 0 {
		t.Errorf("policy show without display = %d", code)
	}
	if _, errOut, code := s.run(env, "ui", "status"); code != 1 || !strings.Contains(errOut, "no display") {
		t.Errorf("ui status without display = %d %q", code, errOut)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	if log := a.stderr.String(); !strings.Contains(log, "no display") {
		t.Errorf("agent did not say there is no display:\n%s", log)
	}
}

// TestIntegrationStatusWindow opens the status window in each language in a
// real X server and checks its title; screenshots go to $GRENDEL_SHOTS.
func TestIntegrationStatusWindow(t *testing.T) {
	s := newSandbox(t)
	s.write("managed/10.json", `{"lock": {"idle_timeout": "3m", "warning": "5m"}}`)
	for _, tc := range []struct{ lang, title string }{
		{"en_US.UTF-8", "Grendel — status"}, {"nl_NL.UTF-8", "Grendel — status"}, {"de_DE.UTF-8", "Grendel — Status"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			cmd := exec.Command(bin, "ui", "status")
			cmd.Env = s.with("LANG=" + tc.lang)
			var errb syncbuf.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			win := waitWindow(t, tc.title, 20*time.Second)
			time.Sleep(700 * time.Millisecond) // let it paint
			screenshot(t, "status-"+tc.lang[:2])
			clickClose(t, win)
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("ui status exit: %v\n%s", err, errb.String())
				}
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Errorf("the UI process did not exit when its window closed")
			}
		})
	}
}

// TestIntegrationSecretService checks the session's real Secret Service,
// which the share vault will use: go-keyring stores, secret-tool (an
// independent client) reads back, go-keyring deletes.
func TestIntegrationSecretService(t *testing.T) {
	const service, user, secret = "grendel-it", "probe", "Zomer2024! not really"
	if err := keyring.Set(service, user, secret); err != nil {
		t.Fatalf("keyring.Set: %v", err)
	}
	out, err := exec.Command("secret-tool", "lookup", "service", service, "username", user).Output()
	if err != nil || string(out) != secret {
		t.Errorf("secret-tool lookup = %q, %v", out, err)
	}
	if err := keyring.Delete(service, user); err != nil {
		t.Errorf("keyring.Delete: %v", err)
	}
	if _, err := keyring.Get(service, user); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("after Delete, Get = %v, want ErrNotFound", err)
	}
}

// waitWindow waits for a visible window with exactly this title (its UTF-8
// _NET_WM_NAME) and returns its id.
func waitWindow(t *testing.T, title string, within time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(within)
	var seen []string
	for time.Now().Before(deadline) {
		// xdotool's regular expressions are byte-wise: find candidates by
		// the title's first word, then compare the whole title exactly.
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", strings.Fields(title)[0]).Output()
		for _, id := range strings.Fields(string(out)) {
			name, _ := exec.Command("xdotool", "getwindowname", id).Output()
			if got := strings.TrimSpace(string(name)); got == title {
				return id
			} else {
				seen = append(seen, got)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no window titled %q within %v; saw %q", title, within, seen)
	return ""
}

// windowGeometry returns the window's X, Y, WIDTH and HEIGHT on screen.
func windowGeometry(t *testing.T, win string) map[string]int {
	t.Helper()
	out, err := exec.Command("xdotool", "getwindowgeometry", "--shell", win).Output()
	if err != nil {
		t.Fatalf("geometry of %s: %v", win, err)
	}
	geo := map[string]int{}
	for _, line := range strings.Fields(string(out)) {
		k, v, _ := strings.Cut(line, "=")
		geo[k], _ = strconv.Atoi(v)
	}
	return geo
}

// clickClose clicks the window's Close button, the rightmost button of its
// bottom row, with real X input.
func clickClose(t *testing.T, win string) {
	t.Helper()
	geo := windowGeometry(t, win)
	x, y := geo["X"]+geo["WIDTH"]-45, geo["Y"]+geo["HEIGHT"]-22
	// --sync waits for the pointer to move, so start from elsewhere: it may
	// already rest on the spot where the last window's button was.
	if err := exec.Command("xdotool", "mousemove", "0", "0", "mousemove", "--sync", strconv.Itoa(x), strconv.Itoa(y), "click", "1").Run(); err != nil {
		t.Fatalf("click Close: %v", err)
	}
}

// screenshot saves the whole X screen to $GRENDEL_SHOTS/name.png, if set.
func screenshot(t *testing.T, name string) {
	dir := os.Getenv("GRENDEL_SHOTS")
	if dir == "" {
		return
	}
	if err := exec.Command("import", "-window", "root", filepath.Join(dir, name+".png")).Run(); err != nil {
		t.Logf("screenshot: %v", err)
	}
}

// TestIntegrationCLocaleIsQuiet: under LANG=C.UTF-8, the default of CI
// machines and containers, the CLI speaks English and logs nothing about
// the locale (Fyne's locale library cannot parse "C.UTF-8").
func TestIntegrationCLocaleIsQuiet(t *testing.T) {
	s := newSandbox(t)
	for _, args := range [][]string{{"version"}, {"policy", "show"}, {"status"}} {
		out, errOut, _ := s.run(s.with("LANG=C.UTF-8"), args...)
		if strings.Contains(errOut, "Fyne error") || strings.Contains(errOut, "locale") {
			t.Errorf("grendel %v under LANG=C.UTF-8 logged:\n%s", args, errOut)
		}
		if args[0] == "policy" && !strings.Contains(out, "lock.idle_timeout") {
			t.Errorf("grendel policy show under LANG=C.UTF-8 = %q, want the English report", out)
		}
	}
}

// trayWatcher is a tray host's org.kde.StatusNotifierWatcher of the
// test's own: it records who registers a tray icon with it.
type trayWatcher struct {
	registered chan dbus.Sender
}

// RegisterStatusNotifierItem implements the watcher's D-Bus method.
func (w *trayWatcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	select {
	case w.registered <- sender:
	default:
	}
	return nil
}

// TestIntegrationTrayHost: the agent's status tells whether a panel shows
// its tray icon. Without one it says "not shown" and why; when a tray host
// (StatusNotifierWatcher) starts on the session bus, the agent's icon
// registers with it by itself and the status says "shown"; when the host
// goes, "not shown" again.
func TestIntegrationTrayHost(t *testing.T) {
	if trayHostRuns(t) {
		t.Skip("a tray host runs in this session already; run under scripts/with-session.sh")
	}
	s := newSandbox(t)
	a := s.startAgent(s.env)
	st, _ := s.status(s.env, 10*time.Second, func(st agent.Status) bool { return st.TrayProblem != "" })
	if st.Tray {
		t.Fatalf("status without a panel: tray shown")
	}
	if out, _, _ := s.run(s.env, "status"); !strings.Contains(out, "Tray icon: not shown (no panel on this desktop shows tray icons") {
		t.Errorf("grendel status without a panel said:\n%s", out)
	}

	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w := &trayWatcher{registered: make(chan dbus.Sender, 4)}
	if err := conn.Export(w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claiming the watcher's name: %v %v", reply, err)
	}
	select {
	case sender := <-w.registered:
		var pid uint32
		if err := conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, string(sender)).Store(&pid); err != nil || int(pid) != a.cmd.Process.Pid {
			t.Errorf("registered by process %d (%v), want the agent %d", pid, err, a.cmd.Process.Pid)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the agent's tray icon did not register with the new host")
	}
	s.status(s.env, 5*time.Second, func(st agent.Status) bool { return st.Tray && st.TrayProblem == "" })
	if out, _, _ := s.run(s.env, "status"); !strings.Contains(out, "Tray icon: shown") {
		t.Errorf("grendel status with a panel said:\n%s", out)
	}

	if _, err := conn.ReleaseName("org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	s.status(s.env, 5*time.Second, func(st agent.Status) bool { return !st.Tray && st.TrayProblem != "" })
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v\n%s", err, a.stderr)
	}
	if log := a.stderr.String(); !strings.Contains(log, "a panel that shows tray icons started") {
		t.Errorf("the agent's log does not say the panel came:\n%s", log)
	}
}

// trayHostRuns reports whether a tray host (StatusNotifierWatcher) runs on
// the session bus.
func trayHostRuns(t *testing.T) bool {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var owned bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&owned); err != nil {
		t.Fatal(err)
	}
	return owned
}
