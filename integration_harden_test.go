//go:build integration

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dumpFacts is what the kernel shows others of a process about core dumps.
type dumpFacts struct {
	core  string // "soft hard" from the "Max core file size" line of /proc/PID/limits
	owner int    // owner of /proc/PID/status: root (0) while the process is not dumpable, else its user
	uid   int    // the process's real uid, from /proc/PID/status
}

func readDumpFacts(pid int) (dumpFacts, error) {
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	var f dumpFacts
	limits, err := os.ReadFile(filepath.Join(dir, "limits"))
	if err != nil {
		return f, err
	}
	for line := range strings.Lines(string(limits)) {
		if rest, ok := strings.CutPrefix(line, "Max core file size"); ok {
			if v := strings.Fields(rest); len(v) >= 2 {
				f.core = v[0] + " " + v[1]
			}
		}
	}
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return f, err
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			f.uid, _ = strconv.Atoi(strings.Fields(rest)[0])
		}
	}
	// The kernel gives a non-dumpable process's files under /proc/PID to
	// root (task_dump_owner); the directory itself keeps the user.
	fi, err := os.Stat(filepath.Join(dir, "status"))
	if err != nil {
		return f, err
	}
	f.owner = int(fi.Sys().(*syscall.Stat_t).Uid)
	return f, nil
}

// wantDumpFacts waits up to 10 s for process pid, of user uid, to show the
// given state: hardened (no core file, not dumpable) or not.
func wantDumpFacts(t *testing.T, pid, uid int, hardened bool) {
	t.Helper()
	want := dumpFacts{core: "0 0", owner: 0, uid: uid}
	var got dumpFacts
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err = readDumpFacts(pid)
		if err == nil && (got == want) == hardened && (hardened || got.owner == uid) {
			return
		}
	}
	if hardened {
		t.Errorf("process %d shows %+v (%v), want %+v: no core file, and /proc/%d/status owned by root because it is not dumpable", pid, got, err, want, pid)
	} else {
		t.Errorf("process %d shows %+v (%v), want /proc/%d/status owned by its user %d: the check itself is wrong", pid, got, err, pid, uid)
	}
}

// userWorld makes a world user u owns, removed when the test ends: a
// directory base that u may enter, holding a copy of the binary under test
// that u may run, and one private directory, owned by u, for each
// environment variable in vars; env sets those variables.
func userWorld(t *testing.T, u osUser, vars ...string) (ubin, base string, env []string) {
	t.Helper()
	base, err := os.MkdirTemp("", "gw")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	ubin = filepath.Join(base, "grendel")
	if err := errors.Join(os.Chmod(base, 0o755), copyExecutable(bin, ubin)); err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		dir := filepath.Join(base, strings.ToLower(v))
		err := os.Mkdir(dir, 0o700)
		if err == nil && u.cred != nil {
			err = os.Chown(dir, int(u.cred.Uid), int(u.cred.Gid))
		}
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+dir)
	}
	return ubin, base, env
}

// TestIntegrationHardenedProcesses runs the processes that hold passwords
// as an unprivileged user, so that /proc/PID/status of a non-dumpable one
// is owned by root and not by that user, and checks each from outside: the
// generator window, the clipboard keeper, check and gen.
func TestIntegrationHardenedProcesses(t *testing.T) {
	u := unprivilegedUser(t)
	if u.uid == 0 {
		t.Fatal("no unprivileged user to run as")
	}
	ubin, base, env := userWorld(t, u, "HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "GRENDEL_TEST_POLICY_ROOT")
	env = append(env, "DISPLAY="+os.Getenv("DISPLAY"), "PATH="+os.Getenv("PATH"), "LANG=en_US.UTF-8",
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(base, "no-bus"))
	// start runs the program as the user, in a process group of its own
	// that the test kills when it ends.
	start := func(t *testing.T, name string, args ...string) (*exec.Cmd, io.WriteCloser, *bufio.Reader) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		cmd.Stderr = os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: u.cred}
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			_ = cmd.Wait()
		})
		return cmd, in, bufio.NewReader(out)
	}

	t.Run("control: an ordinary process is dumpable", func(t *testing.T) {
		cmd, _, _ := start(t, "sleep", "30")
		wantDumpFacts(t, cmd.Process.Pid, u.uid, false)
	})
	t.Run("check", func(t *testing.T) {
		cmd, in, out := start(t, ubin, "check")
		fmt.Fprintln(in, "Welkom123")
		if line, err := out.ReadString('\n'); err != nil {
			t.Fatalf("check answered %q, %v", line, err)
		}
		// It holds the next password typed while stdin stays open.
		wantDumpFacts(t, cmd.Process.Pid, u.uid, true)
	})
	t.Run("gen", func(t *testing.T) {
		// 1000 passwords of 128 characters fill the unread pipe: gen
		// waits with its passwords in memory.
		cmd, _, out := start(t, ubin, "gen", "--kind", "random", "--length", "128", "--count", "1000")
		if _, err := out.Peek(128); err != nil {
			t.Fatalf("gen printed nothing: %v", err)
		}
		wantDumpFacts(t, cmd.Process.Pid, u.uid, true)
	})
	t.Run("ui clipboard", func(t *testing.T) {
		cmd, in, out := start(t, ubin, "ui", "clipboard")
		fmt.Fprint(in, "correct-horse-battery-staple")
		in.Close()
		if ok, err := out.ReadString(0); ok != "ok" {
			t.Fatalf("the clipboard keeper said %q, %v; want ok", ok, err)
		}
		wantDumpFacts(t, cmd.Process.Pid, u.uid, true)
	})
	t.Run("ui generate", func(t *testing.T) {
		cmd, _, _ := start(t, ubin, "ui", "generate")
		waitWindow(t, "Grendel — generate a password", 20*time.Second)
		wantDumpFacts(t, cmd.Process.Pid, u.uid, true)
	})
}
