//go:build (linux || freebsd || openbsd || netbsd) && !android

package tray

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// listenUnix serves a unix socket at dir/bus that accepts connections and
// hands each to handle, until the test ends.
func listenUnix(t *testing.T, dir string, handle func(net.Conn)) string {
	t.Helper()
	sock := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go handle(c)
		}
	}()
	return sock
}

// env returns a getenv over vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestSessionBusAddress(t *testing.T) {
	withSocket := t.TempDir()
	sock := listenUnix(t, withSocket, func(c net.Conn) { c.Close() })
	empty := t.TempDir()

	tests := []struct {
		name     string
		vars     map[string]string
		want     string
		wantFrom string
		wantErr  []string // substrings of the error
	}{
		{
			name:     "variable set",
			vars:     map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "XDG_RUNTIME_DIR": withSocket},
			want:     "unix:path=/run/user/1000/bus",
			wantFrom: "DBUS_SESSION_BUS_ADDRESS",
		},
		{
			name:     "variable unset, socket in runtime dir",
			vars:     map[string]string{"XDG_RUNTIME_DIR": withSocket},
			want:     "unix:path=" + sock,
			wantFrom: sock,
		},
		{
			name:     "autolaunch is not an address",
			vars:     map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:", "XDG_RUNTIME_DIR": withSocket},
			want:     "unix:path=" + sock,
			wantFrom: sock,
		},
		{
			name:    "variable unset, no socket",
			vars:    map[string]string{"XDG_RUNTIME_DIR": empty},
			wantErr: []string{"no D-Bus session bus", "DBUS_SESSION_BUS_ADDRESS is not set", filepath.Join(empty, "bus")},
		},
		{
			name:    "runtime dir is not a directory",
			vars:    map[string]string{"XDG_RUNTIME_DIR": filepath.Join(withSocket, "bus", "x")},
			wantErr: []string{"DBUS_SESSION_BUS_ADDRESS is not set"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, from, err := sessionBusAddress(env(tt.vars))
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("sessionBusAddress() = %q, want an error", got)
				}
				checkError(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("sessionBusAddress(): %v", err)
			}
			if got != tt.want || from != tt.wantFrom {
				t.Errorf("sessionBusAddress() = %q from %q, want %q from %q", got, from, tt.want, tt.wantFrom)
			}
		})
	}
}

// checkError fails t unless err wraps ErrNoSessionBus and contains each
// of parts.
func checkError(t *testing.T, err error, parts []string) {
	t.Helper()
	if !errors.Is(err, ErrNoSessionBus) {
		t.Errorf("error %q does not wrap ErrNoSessionBus", err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}

func TestAvailableWithoutBus(t *testing.T) {
	tests := []struct {
		name    string
		address string
		want    []string
	}{
		{"unset", "", []string{"DBUS_SESSION_BUS_ADDRESS is not set", "no bus socket at"}},
		{"no such socket", "unix:path=/nonexistent/grendel-test-bus", []string{`"unix:path=/nonexistent/grendel-test-bus"`, "from DBUS_SESSION_BUS_ADDRESS", "no such file"}},
		{"no transport", "nonsense", []string{`"nonsense"`, "invalid bus address"}},
		{"unknown transport", "carrier-pigeon:coop=1", []string{"unsupported transport"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", tt.address)
			t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
			start := time.Now()
			err := Available()
			if err == nil {
				t.Fatal("Available() = nil, want an error")
			}
			checkError(t, err, tt.want)
			if d := time.Since(start); d > busTimeout {
				t.Errorf("Available() took %v", d)
			}
		})
	}
}

// TestFindSessionBusBadServers checks buses that accept a connection but
// do not speak D-Bus: one hangs up, one never answers.
func TestFindSessionBusBadServers(t *testing.T) {
	tests := []struct {
		name   string
		handle func(net.Conn)
		want   []string
	}{
		{"hangs up", func(c net.Conn) { c.Close() }, []string{"cannot connect to"}},
		{"never answers", func(c net.Conn) {
			time.Sleep(10 * time.Second)
			c.Close()
		}, []string{"cannot connect to", "no answer within 200ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sock := listenUnix(t, t.TempDir(), tt.handle)
			getenv := env(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=" + sock})
			start := time.Now()
			_, err := findSessionBus(getenv, 200*time.Millisecond)
			if err == nil {
				t.Fatal("findSessionBus() = nil error, want one")
			}
			checkError(t, err, tt.want)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("findSessionBus() took %v, want about the 200ms timeout", d)
			}
		})
	}
}

// TestRunWithoutBus checks that Run fails with the reason instead of
// starting systray (which would panic when it quits), and that it leaves
// Run usable.
func TestRunWithoutBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/grendel-test-bus")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Run(ctx, Menu{AllowQuit: true}, func(*Tray) { t.Error("ready was called") })
	if !errors.Is(err, ErrNoSessionBus) {
		t.Fatalf("Run() = %v, want ErrNoSessionBus", err)
	}
	if ran.Load() {
		t.Error("a failed Run used up the process's one run")
	}
}

// TestRunCancelledBefore checks that Run with a finished context returns at
// once without starting systray.
func TestRunCancelledBefore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Run(ctx, Menu{}, func(*Tray) { t.Error("ready was called") }); err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if ran.Load() {
		t.Error("Run with a finished context used up the process's one run")
	}
}
