package ipc

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// testAddr returns a pipe name no other test uses.
func testAddr(t *testing.T) string {
	t.Helper()
	return pipePrefix + "grendel-test-" + rand.Text()
}

func TestDefaultAddress(t *testing.T) {
	got, err := DefaultAddress()
	if err != nil {
		t.Fatalf("DefaultAddress = %v", err)
	}
	if want := pipePrefix + "grendel-S-1-"; !strings.HasPrefix(got, want) {
		t.Errorf("DefaultAddress = %q, want a name starting with %q", got, want)
	}
	if err := checkAddr(got); err != nil {
		t.Errorf("checkAddr(DefaultAddress()) = %v", err)
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr    string
		wantErr string
	}{
		{addr: `\\.\pipe\grendel-S-1-5-21-1-2-3-1001`},
		{addr: `\\.\PIPE\grendel`},
		{addr: ``, wantErr: "empty pipe name"},
		{addr: `\\.\pipe\`, wantErr: "does not start with"},
		{addr: `C:\grendel`, wantErr: "does not start with"},
		{addr: `\\server\pipe\grendel`, wantErr: "does not start with"},
		{addr: `\\.\pipe\` + strings.Repeat("x", 250), wantErr: "the limit is 256"},
	}
	for _, tt := range tests {
		err := checkAddr(tt.addr)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("checkAddr(%q) = %v, want error containing %q", tt.addr, err, tt.wantErr)
		}
	}
}

// TestFirstCallAnswered: the first call after the agent starts is served
// at once (go-winio's listener left its first pipe instance unserved, and
// Wine connected clients to it, so the first call timed out).
func TestFirstCallAnswered(t *testing.T) {
	srv, _ := serve(t, echo)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := Call(ctx, srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Fatalf("first Call(ping) = %v after %s", err, time.Since(start))
	}
}

// TestMutexIsTheSingleInstance: the named mutex alone keeps a second agent
// out, with no pipe of that name at all, and AgentRunning sees it.
func TestMutexIsTheSingleInstance(t *testing.T) {
	addr := testAddr(t)
	if AgentRunning(addr) {
		t.Fatalf("AgentRunning(%s) = true before any agent", addr)
	}
	unlock, err := lockMutex(mutexName(addr, ""))
	if err != nil {
		t.Fatalf("lockMutex = %v", err)
	}
	if !AgentRunning(addr) {
		t.Errorf("AgentRunning = false while the mutex is held")
	}
	if s, err := Listen(addr); !errors.Is(err, ErrAgentRunning) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Listen with the mutex held elsewhere = %v, want ErrAgentRunning", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if AgentRunning(addr) {
		t.Errorf("AgentRunning = true after the mutex was released")
	}
	srv := mustListen(t, addr)
	if !AgentRunning(addr) {
		t.Errorf("AgentRunning = false while an agent listens")
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if AgentRunning(addr) {
		t.Errorf("AgentRunning = true after the agent closed")
	}
	// The name is free again.
	mustListen(t, addr).Close()
}

// TestSquattedPipe: a pipe of the agent's name made by someone without
// the mutex leaves the agent holding the mutex without a channel. Wine
// 8.0 ignores FILE_FLAG_FIRST_PIPE_INSTANCE, so there the second pipe is
// made and the test cannot tell.
func TestSquattedPipe(t *testing.T) {
	if testdir.UnderWine() {
		t.Skip("Wine 8.0 ignores FILE_FLAG_FIRST_PIPE_INSTANCE: a second first instance is made")
	}
	addr := testAddr(t)
	squat, err := listenPipe(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer squat.Close()
	srv, err := Listen(addr)
	if !errors.Is(err, ErrNoChannel) || srv == nil {
		t.Fatalf("Listen on a squatted pipe = %v, %v; want a Server and ErrNoChannel", srv, err)
	}
	defer srv.Close()
	if !AgentRunning(addr) {
		t.Errorf("AgentRunning = false while the agent holds the mutex without a channel")
	}
}
