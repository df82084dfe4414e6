//go:build unix

package ipc

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"grendel/internal/testdir"
)

// testAddr returns a socket address in a fresh directory that does not exist
// yet, so Listen creates it. The path is kept short: t.TempDir's can exceed
// the socket path limit.
func testAddr(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "g")
	if err != nil {
		t.Fatalf("MkdirTemp = %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "run", socketName)
}

func TestDefaultAddress(t *testing.T) {
	uid := os.Geteuid()
	long := strings.Repeat("d", 100)
	// Each test builds its directories below base, a private directory
	// reached through trusted ones (as /tmp/gNNN is).
	tests := []struct {
		name    string
		setup   func(t *testing.T, base string)
		xdg     string // relative names are below base, except "rel/..."
		runUser string
		tmp     string
		cache   string
		want    string // below base
		wantErr string
	}{
		{name: "xdg runtime dir", setup: dirs("x:0700"), xdg: "x", runUser: "r", tmp: "t", cache: "c", want: "x/grendel/agent.sock"},
		{name: "xdg with trailing slash", setup: dirs("x:0700"), xdg: "x/", cache: "c", want: "x/grendel/agent.sock"},
		{name: "relative xdg ignored", setup: dirs("x:0700"), xdg: "rel/x", cache: "c", want: "c/grendel/run/agent.sock"},
		{name: "missing xdg ignored", xdg: "x", cache: "c", want: "c/grendel/run/agent.sock"},
		{name: "group may read xdg", setup: dirs("x:0750", "r:0700"), xdg: "x", runUser: "r", cache: "c", want: "r/grendel/agent.sock"},
		{name: "xdg of another user", setup: dirs("x:0700:other", "r:0700"), xdg: "x", runUser: "r", cache: "c", want: "r/grendel/agent.sock"},
		{name: "xdg below a directory others may change", setup: dirs("p:0777", "p/x:0700", "r:0700"), xdg: "p/x", runUser: "r", cache: "c", want: "r/grendel/agent.sock"},
		{name: "xdg below a sticky shared directory", setup: dirs("p:1777", "p/x:0700"), xdg: "p/x", cache: "c", want: "p/x/grendel/agent.sock"},
		{name: "xdg below a directory of another user", setup: dirs("p:0755:other", "p/x:0700", "r:0700"), xdg: "p/x", runUser: "r", cache: "c", want: "r/grendel/agent.sock"},
		{name: "xdg a symlink", setup: all(dirs("x:0700"), link("l", "x")), xdg: "l", cache: "c", want: "c/grendel/run/agent.sock"},
		{name: "xdg below a symlink of ours", setup: all(dirs("p:0755", "p/x:0700"), link("l", "p")), xdg: "l/x", cache: "c", want: "l/x/grendel/agent.sock"},
		{name: "xdg too long", setup: dirs(long + ":0700"), xdg: long, cache: "c", want: "c/grendel/run/agent.sock"},
		{name: "run user dir", setup: dirs("r:0700"), xdg: "", runUser: "r", tmp: "t", cache: "c", want: "r/grendel/agent.sock"},
		{name: "private tmp", setup: dirs("t:0700"), tmp: "t", cache: "c", want: "t/grendel/agent.sock"},
		{name: "shared tmp never", setup: dirs("t:1777"), tmp: "t", cache: "c", want: "c/grendel/run/agent.sock"},
		{name: "cache path too long still named", cache: long, want: long + "/grendel/run/agent.sock"},
		{name: "nothing", setup: dirs("t:1777"), tmp: "t", wantErr: "no private directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, err := os.MkdirTemp("", "g")
			if err != nil {
				t.Fatalf("MkdirTemp = %v", err)
			}
			t.Cleanup(func() { os.RemoveAll(base) })
			if tt.setup != nil {
				tt.setup(t, base)
			}
			in := func(name string) string {
				switch {
				case name == "":
					return ""
				case strings.HasPrefix(name, "rel/"):
					return name
				}
				return filepath.Join(base, name) + strings.Repeat("/", len(name)-len(strings.TrimRight(name, "/")))
			}
			got, err := defaultAddress([]string{in(tt.xdg), in(tt.runUser), in(tt.tmp)}, in(tt.cache), uid)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("defaultAddress = %q, %v; want error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if want := filepath.Join(base, tt.want); err != nil || got != want {
				t.Fatalf("defaultAddress = %q, %v; want %q, nil", got, err, want)
			}
		})
	}
}

// dirs returns a setup func that makes directories below base, each given
// as "path:mode" or "path:mode:other" (owned by nobody; the test is skipped
// when it cannot be).
func dirs(specs ...string) func(t *testing.T, base string) {
	return func(t *testing.T, base string) {
		t.Helper()
		for _, spec := range specs {
			f := strings.Split(spec, ":")
			mode, err := strconv.ParseUint(f[1], 8, 32)
			if err != nil {
				t.Fatalf("bad spec %q", spec)
			}
			perm := fs.FileMode(mode).Perm()
			if mode&0o1000 != 0 {
				perm |= fs.ModeSticky
			}
			path := filepath.Join(base, f[0])
			if len(f) == 3 {
				chowned(perm, 65534)(t, path)
				continue
			}
			mkdir(perm)(t, path)
		}
	}
}

// link returns a setup func that makes the symlink name below base,
// pointing at target below base.
func link(name, target string) func(t *testing.T, base string) {
	return func(t *testing.T, base string) {
		t.Helper()
		if err := os.Symlink(filepath.Join(base, target), filepath.Join(base, name)); err != nil {
			t.Fatalf("Symlink = %v", err)
		}
	}
}

// all returns a setup func that runs each of fs in turn.
func all(fs ...func(t *testing.T, base string)) func(t *testing.T, base string) {
	return func(t *testing.T, base string) {
		t.Helper()
		for _, f := range fs {
			f(t, base)
		}
	}
}

func TestDefaultAddressOfThisProcess(t *testing.T) {
	got, err := DefaultAddress()
	if err != nil {
		t.Skipf("DefaultAddress = %v (environment paths too long?)", err)
	}
	if !filepath.IsAbs(got) || filepath.Base(got) != socketName {
		t.Errorf("DefaultAddress = %q, want an absolute path ending in %s", got, socketName)
	}
}

func TestListenRelativePath(t *testing.T) {
	if _, err := Listen("agent.sock"); err == nil || !strings.Contains(err.Error(), "is not absolute") {
		t.Errorf("Listen(agent.sock) = %v, want an error about the relative path", err)
	}
}

func TestListenTooLong(t *testing.T) {
	addr := filepath.Join(filepath.Dir(testAddr(t)), strings.Repeat("x", maxSocketPath)+".sock")
	srv, err := Listen(addr)
	if !errors.Is(err, ErrNoChannel) || !strings.Contains(err.Error(), "the limit is") {
		t.Errorf("Listen(%d-byte path) = %v, want a path length error wrapping ErrNoChannel", len(addr), err)
	}
	if srv == nil {
		t.Fatalf("Listen(%d-byte path) returned no Server to hold the lock", len(addr))
	}
	// The lock is held: a client is told that much, and a second agent
	// does not start.
	if _, err := Call(context.Background(), addr, Request{Op: OpPing}); !errors.Is(err, ErrNoChannel) || errors.Is(err, ErrNoAgent) {
		t.Errorf("Call(%d-byte path) = %v, want an error wrapping ErrNoChannel and not ErrNoAgent", len(addr), err)
	}
	if other, err := Listen(addr); !errors.Is(err, ErrAgentRunning) {
		if other != nil {
			other.Close()
		}
		t.Errorf("second Listen(%d-byte path) = %v, want an error wrapping ErrAgentRunning", len(addr), err)
	}
	srv.Close()
	if _, err := Call(context.Background(), addr, Request{Op: OpPing}); errors.Is(err, ErrNoChannel) || !strings.Contains(err.Error(), "the limit is") {
		t.Errorf("Call(%d-byte path) after Close = %v, want the path length error", len(addr), err)
	}
}

func TestListenRefusesSharedDir(t *testing.T) {
	dir := filepath.Dir(testAddr(t))
	mkdir(0o1777|fs.ModeSticky)(t, dir)
	srv, err := Listen(filepath.Join(dir, socketName))
	if err == nil || srv != nil || !strings.Contains(err.Error(), "shared (sticky) directory") {
		t.Errorf("Listen in a sticky directory = %v, %v; want an error saying it is shared", srv, err)
	}
	if fi, err := os.Lstat(dir); err != nil || fi.Mode().Perm() != 0o777 || fi.Mode()&fs.ModeSticky == 0 {
		t.Errorf("after Listen, the sticky directory is %v, %v; want it untouched", fi.Mode(), err)
	}
}

func TestListenModes(t *testing.T) {
	srv, _ := serve(t, echo)
	addr := srv.Addr()
	tests := []struct {
		path     string
		wantType fs.FileMode
		wantPerm fs.FileMode
	}{
		{path: filepath.Dir(addr), wantType: fs.ModeDir, wantPerm: 0o700},
		{path: addr, wantType: fs.ModeSocket, wantPerm: 0o600},
		{path: lockPath(addr), wantType: 0, wantPerm: 0o600},
	}
	for _, tt := range tests {
		fi, err := os.Stat(tt.path)
		if err != nil {
			t.Fatalf("Stat(%s) = %v", tt.path, err)
		}
		if typ, perm := fi.Mode().Type(), fi.Mode().Perm(); typ != tt.wantType || perm != tt.wantPerm {
			t.Errorf("Stat(%s) mode = %v %#o, want %v %#o", tt.path, typ, perm, tt.wantType, tt.wantPerm)
		}
	}
	if got, want := filepath.Base(lockPath(addr)), "agent.lock"; got != want {
		t.Errorf("lock file = %s, want %s", got, want)
	}
}

func TestListenSocketModeIgnoresUmask(t *testing.T) {
	// A umask of 0 would leave a socket 0777 if Listen did not chmod it.
	old := unix.Umask(0)
	defer unix.Umask(old)
	srv, err := Listen(testAddr(t))
	if err != nil {
		t.Fatalf("Listen = %v", err)
	}
	defer srv.Close()
	fi, err := os.Stat(srv.Addr())
	if err != nil {
		t.Fatalf("Stat = %v", err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("socket mode = %#o with umask 0, want 0600", perm)
	}
}

func TestPrepareDir(t *testing.T) {
	const otherUID = 65534 // nobody
	tests := []struct {
		name     string
		setup    func(t *testing.T, dir string)
		wantErr  string
		wantPerm fs.FileMode
	}{
		{name: "missing", setup: func(*testing.T, string) {}, wantPerm: 0o700},
		{name: "private", setup: mkdir(0o700), wantPerm: 0o700},
		{name: "group writable", setup: mkdir(0o770), wantPerm: 0o700},
		{name: "world readable", setup: mkdir(0o755), wantPerm: 0o700},
		{name: "too private", setup: mkdir(0o500), wantPerm: 0o500},
		{name: "symlink to a private dir", setup: func(t *testing.T, dir string) {
			target := dir + "-target"
			mkdir(0o700)(t, target)
			if err := os.Symlink(target, dir); err != nil {
				t.Fatalf("Symlink = %v", err)
			}
		}, wantErr: "is a symlink"},
		{name: "dangling symlink", setup: func(t *testing.T, dir string) {
			if err := os.Symlink(dir+"-nowhere", dir); err != nil {
				t.Fatalf("Symlink = %v", err)
			}
		}, wantErr: "is a symlink"},
		{name: "regular file", setup: func(t *testing.T, dir string) {
			if err := os.WriteFile(dir, nil, 0o600); err != nil {
				t.Fatalf("WriteFile = %v", err)
			}
		}, wantErr: "is not a directory"},
		{name: "owned by someone else", setup: chowned(0o700, otherUID), wantErr: "is owned by uid 65534"},
		{name: "group writable and owned by someone else", setup: chowned(0o770, otherUID), wantErr: "is owned by uid 65534"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, err := os.MkdirTemp("", "g")
			if err != nil {
				t.Fatalf("MkdirTemp = %v", err)
			}
			t.Cleanup(func() { os.RemoveAll(parent) })
			dir := filepath.Join(parent, "run")
			tt.setup(t, dir)

			err = prepareDir(dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), dir) {
					t.Fatalf("prepareDir(%s) = %v, want an error naming the path and containing %q", dir, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("prepareDir(%s) = %v, want nil", dir, err)
			}
			fi, err := os.Lstat(dir)
			if err != nil {
				t.Fatalf("Lstat = %v", err)
			}
			if !fi.IsDir() || fi.Mode().Perm() != tt.wantPerm {
				t.Errorf("after prepareDir, %s has mode %v, want a directory of mode %#o", dir, fi.Mode(), tt.wantPerm)
			}
		})
	}
}

// mkdir returns a setup func that creates dir with mode perm.
func mkdir(perm fs.FileMode) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatalf("Mkdir = %v", err)
		}
		if err := os.Chmod(dir, perm); err != nil {
			t.Fatalf("Chmod = %v", err)
		}
	}
}

// chowned returns a setup func that creates dir with mode perm and gives it
// to uid, skipping the test if this process may not.
func chowned(perm fs.FileMode, uid int) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if os.Geteuid() == uid {
			t.Skipf("running as uid %d", uid)
		}
		mkdir(perm)(t, dir)
		if err := os.Lchown(dir, uid, -1); err != nil {
			t.Skipf("cannot give a directory to uid %d: %v", uid, err)
		}
	}
}

func TestListenRefusesUnsafeDir(t *testing.T) {
	addr := testAddr(t)
	dir := filepath.Dir(addr)
	if err := os.Symlink(os.TempDir(), dir); err != nil {
		t.Fatalf("Symlink = %v", err)
	}
	srv, err := Listen(addr)
	if err == nil {
		srv.Close()
		t.Fatalf("Listen in a symlinked directory = nil, want an error")
	}
	if !strings.Contains(err.Error(), "is a symlink") {
		t.Errorf("Listen in a symlinked directory = %v, want it to say so", err)
	}
}

func TestStaleSocketReplaced(t *testing.T) {
	addr := testAddr(t)
	if err := prepareDir(filepath.Dir(addr)); err != nil {
		t.Fatalf("prepareDir = %v", err)
	}
	// A socket file that nobody listens on, as a killed agent leaves behind.
	ln, err := net.Listen("unix", addr)
	if err != nil {
		t.Fatalf("net.Listen = %v", err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(addr); err != nil {
		t.Fatalf("stale socket missing: %v", err)
	}
	if _, err := Call(context.Background(), addr, Request{Op: OpPing}); !errors.Is(err, ErrNoAgent) {
		t.Errorf("Call to a stale socket = %v, want error wrapping ErrNoAgent", err)
	}

	srv, _ := start(t, mustListen(t, addr), echo)
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Errorf("Call(ping) after replacing a stale socket = %v", err)
	}
}

func TestListenRefusesNonSocket(t *testing.T) {
	addr := testAddr(t)
	if err := prepareDir(filepath.Dir(addr)); err != nil {
		t.Fatalf("prepareDir = %v", err)
	}
	if err := os.WriteFile(addr, []byte("keep me"), 0o600); err != nil {
		t.Fatalf("WriteFile = %v", err)
	}
	srv, err := Listen(addr)
	if !errors.Is(err, ErrNoChannel) || !strings.Contains(err.Error(), "is not a socket") {
		t.Errorf("Listen over a regular file = %v, want it to say so, wrapping ErrNoChannel", err)
	}
	if b, err := os.ReadFile(addr); err != nil || string(b) != "keep me" {
		t.Errorf("file at the address = %q, %v; want it untouched", b, err)
	}
	if srv == nil {
		t.Fatalf("Listen over a regular file returned no Server to hold the lock")
	}
	// Without a channel the agent still holds its lock until Close.
	if other, err := Listen(addr); !errors.Is(err, ErrAgentRunning) {
		if other != nil {
			other.Close()
		}
		t.Errorf("second Listen beside an agent without channel = %v, want an error wrapping ErrAgentRunning", err)
	}
	srv.Close()
	os.Remove(addr)
	mustListen(t, addr).Close()
}

func TestLiveAgentWithoutLock(t *testing.T) {
	srv, _ := serve(t, echo)
	// An agent whose lock file is gone is still found by its ping.
	if err := os.Remove(lockPath(srv.Addr())); err != nil {
		t.Fatalf("Remove(lock) = %v", err)
	}
	other, err := Listen(srv.Addr())
	if !errors.Is(err, ErrAgentRunning) {
		if other != nil {
			other.Close()
		}
		t.Fatalf("Listen beside a live agent without lock = %v, want error wrapping ErrAgentRunning", err)
	}
	if _, err := Call(context.Background(), srv.Addr(), Request{Op: OpPing}); err != nil {
		t.Errorf("Call(ping) to the first agent = %v", err)
	}
}

func TestCloseRemovesOnlyItsOwnSocket(t *testing.T) {
	srv := mustListen(t, testAddr(t))
	addr := srv.Addr()
	if err := srv.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if _, err := os.Lstat(addr); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Close, Lstat(socket) = %v, want it gone", err)
	}
	if _, err := os.Stat(lockPath(addr)); err != nil {
		t.Errorf("after Close, Stat(lock) = %v, want the lock file kept", err)
	}

	srv = mustListen(t, addr)
	// Someone replaces our socket file.
	if err := os.Remove(addr); err != nil {
		t.Fatalf("Remove = %v", err)
	}
	if err := os.WriteFile(addr, []byte("not yours"), 0o600); err != nil {
		t.Fatalf("WriteFile = %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if b, err := os.ReadFile(addr); err != nil || string(b) != "not yours" {
		t.Errorf("after Close, file at the address = %q, %v; want it untouched", b, err)
	}
}

func TestServeRemovesSocketOnCancel(t *testing.T) {
	srv, stop := serve(t, echo)
	if err := stop(); err != nil {
		t.Fatalf("Serve = %v", err)
	}
	if _, err := os.Lstat(srv.Addr()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after cancel, Lstat(socket) = %v, want it gone", err)
	}
}

func TestCallNoAgentMissingDir(t *testing.T) {
	addr := filepath.Join(testdir.New(t), "nope", socketName)
	if len(addr) > maxSocketPath {
		t.Skipf("temp path too long for a socket: %s", addr)
	}
	if _, err := Call(context.Background(), addr, Request{Op: OpPing}); !errors.Is(err, ErrNoAgent) {
		t.Errorf("Call(%s) = %v, want error wrapping ErrNoAgent", addr, err)
	}
}
