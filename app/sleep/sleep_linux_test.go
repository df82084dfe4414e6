package sleep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"golang.org/x/sys/unix"

	"grendel/app/internal/dbustest"
	"grendel/internal/testdir"
)

// fakeManager is org.freedesktop.login1.Manager with Inhibit alone. Each
// inhibitor is a file of its own; the fake keeps its own descriptor of it
// open, so a file that two descriptors of this process point to is held
// by the watcher too.
type fakeManager struct {
	dir string

	mu    sync.Mutex
	files []*os.File
	args  [][]string
}

func (m *fakeManager) Inhibit(what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.args = append(m.args, []string{what, who, why, mode})
	f, err := os.Create(filepath.Join(m.dir, fmt.Sprintf("inhibit-%d", len(m.files)+1)))
	if err != nil {
		return -1, dbus.MakeFailedError(err)
	}
	m.files = append(m.files, f)
	return dbus.UnixFD(f.Fd()), nil
}

// holders returns, for each inhibitor so far, the descriptors of this
// process other than the fake's own that point to it.
func (m *fakeManager) holders(t *testing.T) []int {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, len(m.files))
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		for i, f := range m.files {
			if target == f.Name() {
				counts[i]++
			}
		}
	}
	for i := range counts {
		counts[i]-- // the fake's own
	}
	return counts
}

// waitHolders waits until holders is want.
func (m *fakeManager) waitHolders(t *testing.T, want ...int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := m.holders(t)
		if fmt.Sprint(got) == fmt.Sprint(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("inhibitors held by the watcher = %v, want %v", got, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestWatchLogind runs Watch against a fake logind on a bus of the test's
// own: the real D-Bus protocol, descriptor passing included.
func TestWatchLogind(t *testing.T) {
	addr := dbustest.Bus(t, "system")
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	m := &fakeManager{dir: testdir.New(t)}
	t.Cleanup(func() {
		for _, f := range m.files {
			_ = f.Close()
		}
	})
	if err := conn.Export(m, login1Path, login1Manager); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(login1, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName(%s) = %v, %v", login1, reply, err)
	}
	emit := func(going bool) {
		t.Helper()
		if err := conn.Emit(login1Path, login1Manager+".PrepareForSleep", going); err != nil {
			t.Fatalf("Emit(PrepareForSleep %v) = %v", going, err)
		}
	}

	locking := make(chan chan struct{}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{Getenv: func(k string) string {
		if k == "DBUS_SYSTEM_BUS_ADDRESS" {
			return addr
		}
		return ""
	}}
	done := make(chan error, 1)
	go func() {
		done <- w.Watch(ctx, func(ctx context.Context) {
			proceed := make(chan struct{})
			locking <- proceed
			select {
			case <-proceed:
			case <-ctx.Done():
			}
		})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})

	m.waitHolders(t, 1)
	m.mu.Lock()
	if got, want := strings.Join(m.args[0], "|"), "sleep|Grendel|Lock the screen before sleep|delay"; got != want {
		t.Errorf("Inhibit(%s), want Inhibit(%s)", got, want)
	}
	m.mu.Unlock()
	checkCloexec(t, m)

	for cycle := 1; cycle <= 2; cycle++ {
		emit(true)
		var proceed chan struct{}
		select {
		case proceed = <-locking:
		case <-time.After(5 * time.Second):
			t.Fatalf("cycle %d: no call before sleep within 5s of PrepareForSleep(true)", cycle)
		}
		// Still locking: the inhibitor must be held.
		time.Sleep(50 * time.Millisecond)
		want := make([]int, cycle)
		want[cycle-1] = 1
		m.waitHolders(t, want...)
		close(proceed)
		want[cycle-1] = 0
		m.waitHolders(t, want...)
		emit(false)
		m.waitHolders(t, append(want, 1)...)
	}

	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Watch() = %v, want Canceled", err)
	}
	done <- nil // for the cleanup
	m.waitHolders(t, 0, 0, 0)
}

// checkCloexec checks that the watcher's descriptor of the first inhibitor
// will not pass to the programs the agent starts.
func checkCloexec(t *testing.T, m *fakeManager) {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	m.mu.Lock()
	own, name := int(m.files[0].Fd()), m.files[0].Name()
	m.mu.Unlock()
	for _, e := range entries {
		var fd int
		if _, err := fmt.Sscan(e.Name(), &fd); err != nil || fd == own {
			continue
		}
		if target, _ := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); target != name {
			continue
		}
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil {
			t.Fatal(err)
		}
		if flags&unix.FD_CLOEXEC == 0 {
			t.Errorf("the inhibitor's descriptor %d lacks FD_CLOEXEC", fd)
		}
		return
	}
	t.Error("found no descriptor of the watcher's inhibitor")
}

func TestWatchNoLogind(t *testing.T) {
	tests := []struct {
		name string
		addr func(t *testing.T) string
		want string
	}{
		{"no bus", func(t *testing.T) string { return "unix:path=" + filepath.Join(testdir.New(t), "none") }, "no system bus at unix:path="},
		{"no logind on the bus", func(t *testing.T) string { return dbustest.Bus(t, "system") }, "org.freedesktop.login1 is not on the system bus: lock before sleep not supported here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := tt.addr(t)
			w := &Watcher{Getenv: func(string) string { return addr }}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := w.Watch(ctx, func(context.Context) { t.Error("called without a sleep") })
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Watch() = %v, want %q wrapping ErrUnsupported", err, tt.want)
			}
		})
	}
}
