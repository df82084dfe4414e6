package policy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher reloads the policy when its files change.
type Watcher struct {
	// Paths are the files and directories to watch.
	Paths Paths
	// Debounce is how long the files must be quiet before a reload; a save
	// that writes several events costs one reload. Zero means 200ms.
	Debounce time.Duration
	// Poll is how often directories that do not exist yet are looked for.
	// Zero means half a second.
	Poll time.Duration
	// OnChange receives each new Snapshot that differs from the last one.
	// It runs on the watcher's goroutine.
	OnChange func(*Snapshot)
}

// Run watches until ctx is done, starting from last, the snapshot the caller
// already has (nil if none). Once its watches are in place it loads the policy
// again and reports it if it differs from last, so no change is lost between
// the caller's load and the watch. It returns ctx's error,
// or an error if the watching library cannot start.
func (w *Watcher) Run(ctx context.Context, last *Snapshot) error {
	debounce, poll := w.Debounce, w.Poll
	if debounce <= 0 {
		debounce = 200 * time.Millisecond
	}
	if poll <= 0 {
		poll = 500 * time.Millisecond
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch policy files: %w", err)
	}
	defer fw.Close()

	dirs := w.dirs()
	watched := map[string]bool{}
	// sync adds watches for directories that exist now and forgets removed
	// ones; it reports whether anything changed.
	sync := func() bool {
		changed := false
		for _, d := range dirs {
			info, err := os.Stat(d)
			exists := err == nil && info.IsDir()
			switch {
			case exists && !watched[d]:
				if fw.Add(d) == nil {
					watched[d], changed = true, true
				}
			case !exists && watched[d]:
				_ = fw.Remove(d)
				delete(watched, d)
				changed = true
			}
		}
		return changed
	}
	sync()

	reload := func() {
		s := Load(w.Paths)
		if !s.Equal(last) {
			last = s
			w.OnChange(s)
		}
	}
	// Files may have changed between the caller's load and the watches.
	reload()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	ticker := time.NewTicker(poll)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if ev.Op&(fsnotify.Remove|fsnotify.Rename) != 0 && watched[ev.Name] {
				delete(watched, ev.Name)
			}
			timer.Reset(debounce)
		case _, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events: reload to be sure.
			timer.Reset(debounce)
		case <-ticker.C:
			if sync() {
				timer.Reset(debounce)
			}
		case <-timer.C:
			reload()
		}
	}
}

// dirs returns the directories that hold the watched files, without repeats.
func (w *Watcher) dirs() []string {
	var out []string
	add := func(d string) {
		if d == "" {
			return
		}
		d = filepath.Clean(d)
		for _, o := range out {
			if o == d {
				return
			}
		}
		out = append(out, d)
	}
	add(w.Paths.Managed)
	add(w.Paths.Recommended)
	if w.Paths.User != "" {
		add(filepath.Dir(w.Paths.User))
	}
	for _, f := range w.Paths.Extra {
		add(filepath.Dir(f))
	}
	return out
}
