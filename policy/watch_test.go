package policy

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatcherReloads changes real files on disk and waits for the watcher to
// report the change (real inotify through fsnotify).
func TestWatcherReloads(t *testing.T) {
	root := t.TempDir()
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
	targets := []string{"/etc/grendel/policies/managed", "/home/a/.config/grendel"}
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
		if got := relevant(tc.path, targets); got != tc.want {
			t.Errorf("relevant(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
