package policy

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"grendel/internal/testdir"
)

// TestWatcherReloads changes real files on disk and waits for the watcher to
// report the change (real inotify through fsnotify).
func TestWatcherReloads(t *testing.T) {
	skipFsnotifyUnderWine(t)
	root := testdir.New(t)
	// Neither the managed directory nor its parent exists yet.
	paths := Paths{Managed: filepath.Join(root, "etc", "grendel", "managed"), User: filepath.Join(root, "user", "settings.json")}
	changes := make(chan *Snapshot, 16)
	w := &Watcher{Paths: paths, Debounce: 50 * time.Millisecond, OnChange: func(s *Snapshot) { changes <- s }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := Load(paths)
	go func() { done <- w.Run(ctx, start) }()
	defer func() {
		cancel()
		if err := <-done; err != context.Canceled {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	}()

	waitFor := func(what string, ok func(*Snapshot) bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case s := <-changes:
				if ok(s) {
					return
				}
			case <-deadline:
				t.Fatalf("no reload showing %s", what)
			}
		}
	}
	write := func(p, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		// Write then rename, as editors and config management do.
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}

	// The managed directory does not exist yet: creating it is noticed.
	write(filepath.Join(paths.Managed, "10.json"), `{"lock": {"idle_timeout": "2m"}}`)
	waitFor("managed 2m", func(s *Snapshot) bool { return s.Settings.Lock.IdleTimeout == 2*time.Minute })

	write(filepath.Join(paths.Managed, "10.json"), `{"lock": {"idle_timeout": "3m"}}`)
	waitFor("managed 3m", func(s *Snapshot) bool { return s.Settings.Lock.IdleTimeout == 3*time.Minute })

	write(filepath.Join(paths.Managed, "10.json"), `{"lock": {"idle_timeout": `)
	waitFor("fail closed", func(s *Snapshot) bool { return s.FailedClosed && s.Settings.Lock.IdleTimeout == 5*time.Minute })

	if err := os.Remove(filepath.Join(paths.Managed, "10.json")); err != nil {
		t.Fatal(err)
	}
	write(paths.User, `{"lock": {"idle_timeout": "1m"}}`)
	waitFor("user 1m", func(s *Snapshot) bool { return !s.FailedClosed && s.Settings.Lock.IdleTimeout == time.Minute })

	if err := os.RemoveAll(paths.Managed); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(paths.Managed, "20.json"), `{"app": {"allow_quit": false}}`)
	waitFor("recreated dir", func(s *Snapshot) bool { return !s.Settings.App.AllowQuit })
}

func TestRelevant(t *testing.T) {
	// Written with slashes, compared in the platform's own form.
	targets := []string{filepath.FromSlash("/etc/grendel/policies/managed"), filepath.FromSlash("/home/a/.config/grendel")}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/etc/grendel/policies/managed", true},
		{"/etc/grendel/policies/managed/10.json", true},
		{"/etc/grendel", true},
		{"/etc/grendel/policies", true},
		{"/etc/passwd", false},
		{"/etc/grendelx", false},
		{"/home/a/.config/grendel/settings.json", true},
		{"/home/a/.config/chromium", false},
		{"/etc/grendel/policies/managed/sub/x.json", false},
	} {
		if got := relevant(filepath.FromSlash(tc.path), targets); got != tc.want {
			t.Errorf("relevant(%q) = %v, want %v", filepath.FromSlash(tc.path), got, tc.want)
		}
	}
}

// notifyingStore is a platform store held in memory that tells of its
// changes, as the registry's and managed preferences' stores do.
type notifyingStore struct {
	mu      sync.Mutex
	values  map[Key]any
	changed chan func()
}

func (s *notifyingStore) ReadPolicy() []Layer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []Layer{{Kind: SourceManaged, Origin: `HKLM\Software\Policies\Test`, Values: maps.Clone(s.values)}}
}

func (s *notifyingStore) Notify(ctx context.Context, changed func()) error {
	s.changed <- changed
	<-ctx.Done()
	return ctx.Err()
}

func (s *notifyingStore) set(k Key, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[k] = v
}

// TestWatcherPlatformNotifier: a platform store's notification reloads the
// policy, and its values join the managed layers after the files.
func TestWatcherPlatformNotifier(t *testing.T) {
	skipFsnotifyUnderWine(t)
	root := testdir.New(t)
	store := &notifyingStore{values: map[Key]any{LockIdleTimeout: 4 * time.Minute}, changed: make(chan func(), 1)}
	paths := Paths{Managed: filepath.Join(root, "managed"), Platform: []Store{store}}
	if err := os.MkdirAll(paths.Managed, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(paths.Managed, "10.json"), []byte(`{"lock": {"idle_timeout": "2m"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	start := Load(paths)
	if got, src := start.Settings.Lock.IdleTimeout, start.Sources[LockIdleTimeout]; got != 4*time.Minute || src.File != `HKLM\Software\Policies\Test` {
		t.Fatalf("start: idle_timeout %v from %+v, want 4m from the platform store (it comes after the files)", got, src)
	}
	changes := make(chan *Snapshot, 16)
	w := &Watcher{Paths: paths, Debounce: 20 * time.Millisecond, OnChange: func(s *Snapshot) { changes <- s }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, start) }()
	defer func() {
		cancel()
		<-done
	}()
	storeChangeReloads(t, store, changes)
}

// storeChangeReloads sets the idle timeout in store to 1m30s, tells the
// watcher of the change, and checks that a reload shows it.
func storeChangeReloads(t *testing.T, store *notifyingStore, changes <-chan *Snapshot) {
	t.Helper()
	notify := <-store.changed
	store.set(LockIdleTimeout, 90*time.Second)
	notify()
	select {
	case s := <-changes:
		if s.Settings.Lock.IdleTimeout != 90*time.Second {
			t.Errorf("after the notification: idle_timeout %v, want 1m30s", s.Settings.Lock.IdleTimeout)
		}
	case <-time.After(10 * time.Second):
		t.Error("the platform store's notification caused no reload")
	}
}

// TestWatcherWithoutFileWatching: when the file watching cannot start
// (inotify's instances used up, say), the watcher says so once and goes
// on with the platform store's notifications: a registry change still
// applies without a restart.
func TestWatcherWithoutFileWatching(t *testing.T) {
	defer func(orig func() (*fsnotify.Watcher, error)) { newFileWatcher = orig }(newFileWatcher)
	newFileWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("too many open files") }

	store := &notifyingStore{values: map[Key]any{LockIdleTimeout: 4 * time.Minute}, changed: make(chan func(), 1)}
	paths := Paths{Managed: filepath.Join(testdir.New(t), "managed"), Platform: []Store{store}}
	start := Load(paths)
	changes := make(chan *Snapshot, 16)
	var unwatched []error
	w := &Watcher{Paths: paths, Debounce: 20 * time.Millisecond,
		OnChange:         func(s *Snapshot) { changes <- s },
		OnFilesUnwatched: func(err error) { unwatched = append(unwatched, err) }, // on Run's goroutine
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, start) }()
	storeChangeReloads(t, store, changes)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if len(unwatched) != 1 || !strings.Contains(unwatched[0].Error(), "too many open files") {
		t.Errorf("OnFilesUnwatched got %v, want the one error", unwatched)
	}
}

// skipFsnotifyUnderWine skips a test of the file watcher under Wine 8.0,
// where fsnotify's Windows backend deadlocks: Wine's CancelIo fails, the
// backend's I/O thread blocks sending that error while Watcher.Add waits
// for the thread, and Run never returns. Real Windows is not affected.
func skipFsnotifyUnderWine(t *testing.T) {
	t.Helper()
	if testdir.UnderWine() {
		t.Skip("under Wine 8.0 fsnotify deadlocks (CancelIo fails, its I/O thread blocks on the error while Add waits)")
	}
}
