package sharewin

import (
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"grendel/app/vault"
)

// settle is how long the index must stay quiet before changed runs: one
// write is a create, a write and a rename, and a burst is one change.
const settle = 150 * time.Millisecond

// WatchIndex calls changed, on a goroutine of its own, after the share
// index in dir changed: a share made, rotated or deleted by the command
// line or another window while this one is open. It watches the directory,
// since the index is replaced by a rename. stop ends the watch.
func WatchIndex(dir string, changed func()) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, err
	}
	go func() {
		var timer *time.Timer
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					if timer != nil {
						timer.Stop()
					}
					return
				}
				if filepath.Base(ev.Name) != vault.IndexFile {
					continue
				}
				if timer == nil {
					timer = time.AfterFunc(settle, changed)
				} else {
					timer.Reset(settle)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}
