package ipc

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// attackerName is the local user that TestSquatRuntimeDir creates to play
// the attacker.
const attackerName = "grendel-squat"

// attacker returns the uid of a second local user, created with useradd for
// the test and removed after it; it skips the test unless run as root.
func attacker(t *testing.T) int {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a second user")
	}
	if _, err := exec.LookPath("useradd"); err != nil {
		t.Skip("no useradd")
	}
	if _, err := user.Lookup(attackerName); err != nil {
		if out, err := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", attackerName).CombinedOutput(); err != nil {
			t.Skipf("useradd %s = %v: %s", attackerName, err, out)
		}
		t.Cleanup(func() { exec.Command("userdel", attackerName).Run() })
	}
	u, err := user.Lookup(attackerName)
	if err != nil {
		t.Fatalf("Lookup(%s) = %v", attackerName, err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		t.Fatalf("uid %q: %v", u.Uid, err)
	}
	return uid
}

// asUser runs a command as uid and fails the test if it fails.
func asUser(t *testing.T, uid int, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %q as uid %d = %v: %s", name, args, uid, err, out)
	}
}

// TestSquatRuntimeDir plays issue 8, point 9: with XDG_RUNTIME_DIR unset,
// another local user creates the shared directory names the agent might
// use, as a directory and as a symlink, before the agent starts. The agent
// must still get a channel and single instance, and status must reach it.
func TestSquatRuntimeDir(t *testing.T) {
	evil := attacker(t)
	base, err := os.MkdirTemp("", "g")
	if err != nil {
		t.Fatalf("MkdirTemp = %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(base, "tmp") // a /tmp of the test's own
	mkdir(0o777|os.ModeSticky)(t, shared)
	home := filepath.Join(base, "home")
	mkdir(0o700)(t, home)

	t.Setenv("TMPDIR", shared)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("XDG_RUNTIME_DIR", "")
	os.Unsetenv("XDG_RUNTIME_DIR")
	old := runUserDir
	runUserDir = filepath.Join(base, "no-run-user")
	t.Cleanup(func() { runUserDir = old })

	// The attacker gets there first: the directory the agent used to take
	// (TMPDIR/grendel-UID), and TMPDIR/grendel as a symlink to a directory
	// of the attacker's, both open to all.
	uid := strconv.Itoa(os.Geteuid())
	asUser(t, evil, "mkdir", "-m", "0777", filepath.Join(shared, "grendel-"+uid), filepath.Join(shared, "evil"))
	asUser(t, evil, "ln", "-s", filepath.Join(shared, "evil"), filepath.Join(shared, "grendel"))
	asUser(t, evil, "ln", "-s", filepath.Join(shared, "evil"), filepath.Join(shared, "grendel-"+uid, "run"))

	addr, err := DefaultAddress()
	if err != nil {
		t.Fatalf("DefaultAddress = %v", err)
	}
	if strings.HasPrefix(addr, shared+"/") {
		t.Errorf("DefaultAddress = %s, in the shared directory %s", addr, shared)
	}
	srv, err := Listen(addr)
	if err != nil {
		t.Fatalf("Listen(%s) beside the attacker's directories = %v", addr, err)
	}
	start(t, srv, echo)
	if _, err := Call(context.Background(), addr, Request{Op: OpStatus}); err != nil {
		t.Errorf("Call(status) = %v", err)
	}
	if other, err := Listen(addr); !errors.Is(err, ErrAgentRunning) {
		if other != nil {
			other.Close()
		}
		t.Errorf("second Listen = %v, want an error wrapping ErrAgentRunning", err)
	}
	entries, _ := os.ReadDir(filepath.Join(shared, "evil"))
	if len(entries) != 0 {
		t.Errorf("the attacker's directory holds %v, want nothing of ours", entries)
	}
}
