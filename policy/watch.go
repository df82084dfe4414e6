package policy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher reloads the policy when its files change, or a platform store
// says it may have ([Notifier]). For files it uses inotify (or the
// platform's equivalent) only, never a timer, so an idle agent does not
// wake up: a directory that does not exist yet is awaited by watching its
// nearest existing parent.
type Watcher struct {
	// Paths are the files and directories to watch, when Loader is nil.
	Paths Paths
	// Loader, if not nil, loads the policy (from its Paths) and learns of
	// each change as it is seen, so that it can tell a load is due.
	Loader *Loader
	// Debounce is how long the files must be quiet before a reload; a save
	// that writes several events costs one reload. Zero means 200ms.
	Debounce time.Duration
	// OnChange receives each new Snapshot that differs from the last one.
	// It runs on the watcher's goroutine.
	OnChange func(*Snapshot)
	// OnFilesUnwatched, if not nil, learns why the policy files cannot be
	// watched (the platform's file watching cannot start). Run then goes
	// on with the platform stores' notifications ([Notifier]) alone.
	OnFilesUnwatched func(error)
}

// newFileWatcher starts the platform's file watching; a variable so that
// a test can make it fail.
var newFileWatcher = fsnotify.NewWatcher

// Run watches until ctx is done, starting from last, the snapshot the caller
// already has (nil if none). Once its watches are in place it loads the policy
// again and reports it if it differs from last, so no change is lost between
// the caller's load and the watch. It returns ctx's error. When the policy
// files cannot be watched it says so to OnFilesUnwatched and watches the
// platform's stores alone: the registry's notifications and its periodic
// re-read do not depend on the file watching.
func (w *Watcher) Run(ctx context.Context, last *Snapshot) error {
	debounce := w.Debounce
	if debounce <= 0 {
		debounce = 200 * time.Millisecond
	}
	loader := w.Loader
	if loader == nil {
		loader = &Loader{Paths: w.Paths}
	}

	// The platform's stores tell of their changes on notes; they are
	// listened to first, so that nothing of the files' watching can hold
	// them up.
	notes := make(chan struct{}, 1)
	for _, st := range loader.Paths.Platform {
		if n, ok := st.(Notifier); ok {
			go func() {
				_ = n.Notify(ctx, func() {
					select {
					case notes <- struct{}{}:
					default:
					}
				})
			}()
		}
	}

	// With no file watching, events and errs stay nil: they never deliver.
	var events <-chan fsnotify.Event
	var errs <-chan error
	targets := dirs(loader.Paths)
	sync := func() {}
	if fw, err := newFileWatcher(); err != nil {
		if w.OnFilesUnwatched != nil {
			w.OnFilesUnwatched(fmt.Errorf("watch policy files: %w", err))
		}
	} else {
		defer fw.Close()
		events, errs = fw.Events, fw.Errors
		watched := map[string]bool{}
		sync = func() { watchDirs(fw, targets, watched) }
	}
	sync()

	reload := func() {
		s := loader.Load()
		if !s.Equal(last) {
			last = s
			w.OnChange(s)
		}
	}
	reload()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if relevant(ev.Name, targets) {
				loader.Changed()
				sync()
				timer.Reset(debounce)
			}
		case <-notes:
			loader.Changed()
			timer.Reset(debounce)
		case _, ok := <-errs:
			if !ok {
				return nil
			}
			// An overflow loses events: look again to be sure.
			loader.Changed()
			sync()
			timer.Reset(debounce)
		case <-timer.C:
			reload()
		}
	}
}

// relevant reports whether an event on path can matter: it is a target
// directory, inside one, or a parent on the way to one.
func relevant(path string, targets []string) bool {
	path = filepath.Clean(path)
	for _, t := range targets {
		if path == t || filepath.Dir(path) == t || strings.HasPrefix(t, path+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// nearestExisting returns dir if it is a directory, else its nearest parent
// that is.
func nearestExisting(dir string) string {
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// dirs returns the directories that hold the watched files, without repeats.
func dirs(paths Paths) []string {
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
	add(paths.Managed)
	add(paths.Recommended)
	if paths.User != "" {
		add(filepath.Dir(paths.User))
	}
	for _, f := range paths.Extra {
		add(filepath.Dir(f))
	}
	return out
}
