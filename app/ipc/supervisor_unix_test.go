//go:build unix

package ipc

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// One supervisor per user: a second lock fails with ErrSupervisorRunning
// until the first is released. The lock lives beside agent.lock, in a
// directory made private as Listen makes it, and is not the agent's: a
// supervisor and its agent both hold theirs.
func TestLockSupervisor(t *testing.T) {
	addr := testAddr(t)
	release, err := LockSupervisor(addr)
	if err != nil {
		t.Fatalf("LockSupervisor = %v", err)
	}
	fi, err := os.Stat(filepath.Dir(addr))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("runtime directory %v (%v), want mode 0700", fi, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(addr), "supervisor.lock")); err != nil {
		t.Errorf("no supervisor.lock beside the socket: %v", err)
	}
	if _, err := LockSupervisor(addr); !errors.Is(err, ErrSupervisorRunning) {
		t.Errorf("second LockSupervisor = %v, want ErrSupervisorRunning", err)
	}
	if AgentRunning(addr) {
		t.Error("AgentRunning with no agent = true")
	}
	srv, err := Listen(addr)
	if err != nil {
		t.Fatalf("Listen beside the supervisor's lock = %v", err)
	}
	if !AgentRunning(addr) {
		t.Error("AgentRunning with an agent = false")
	}
	srv.Close()
	if AgentRunning(addr) {
		t.Error("AgentRunning after the agent closed = true")
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	again, err := LockSupervisor(addr)
	if err != nil {
		t.Fatalf("LockSupervisor after release = %v", err)
	}
	again()
	if _, err := LockSupervisor("run/agent.sock"); err == nil {
		t.Error("LockSupervisor of a relative path succeeded")
	}
}
