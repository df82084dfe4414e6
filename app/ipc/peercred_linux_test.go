package ipc

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// helperAddrEnv, when set, makes TestHelperCall call the agent there.
const helperAddrEnv = "GRENDEL_IPC_HELPER_ADDR"

// TestHelperCall is not a test: TestPeerCredOtherUser runs the test binary
// as another user to call its agent from there.
func TestHelperCall(t *testing.T) {
	addr := os.Getenv(helperAddrEnv)
	if addr == "" {
		t.Skip("helper for TestPeerCredOtherUser")
	}
	_, err := Call(context.Background(), addr, Request{Op: OpStatus})
	fmt.Printf("helper: uid %d: %v\n", os.Geteuid(), err)
}

func TestPeerCredOtherUser(t *testing.T) {
	const otherUID = 65534 // nobody
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a client as another user")
	}
	srv, logs := listenLogged(t)
	addr := srv.Addr()
	called := make(chan struct{}, 1)
	start(t, srv, func(ctx context.Context, req Request) Response {
		called <- struct{}{}
		return echo(ctx, req)
	})
	// Undo the filesystem guard, so that only the peer checks are left.
	dir := filepath.Dir(addr)
	for path, mode := range map[string]os.FileMode{filepath.Dir(dir): 0o755, dir: 0o755, addr: 0o666} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatalf("Chmod(%s) = %v", path, err)
		}
	}
	// The test binary's own directory is private: run a copy.
	exe := copyExecutable(t, filepath.Dir(dir))
	cmd := exec.Command(exe, "-test.run=^TestHelperCall$", "-test.v")
	cmd.Env = append(os.Environ(), helperAddrEnv+"="+addr)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: otherUID, Gid: otherUID}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper as uid %d = %v\n%s", otherUID, err, out)
	}

	// The client refuses an agent of another user ...
	if want := fmt.Sprintf("helper: uid %d: socket %s is served by uid 0, not by uid %d (the current user)", otherUID, addr, otherUID); !strings.Contains(string(out), want) {
		t.Errorf("helper output:\n%s\nwant a line %q", out, want)
	}
	// ... and the agent a client of another user. The client may have
	// hung up before the agent got to it.
	want := fmt.Sprintf("ipc: dropped connection from uid %d, want uid 0", otherUID)
	if !logs.waitFor(want) {
		t.Errorf("logs = %q, want a line %q", logs.Lines(), want)
	}
	select {
	case <-called:
		t.Errorf("handler called for a client of another user")
	default:
	}
}

// copyExecutable copies the running test binary into dir, mode 0755, and
// returns its path.
func copyExecutable(t *testing.T, dir string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatalf("Executable = %v", err)
	}
	src, err := os.Open(self)
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer src.Close()
	path := filepath.Join(dir, "ipc.test")
	dst, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatalf("OpenFile = %v", err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		t.Fatalf("copying test binary: %v", err)
	}
	if err := dst.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	return path
}
