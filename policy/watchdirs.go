package policy

import (
	"slices"

	"github.com/fsnotify/fsnotify"
)

// watchDirs makes fw watch each target directory, or its nearest existing
// parent while it does not exist, and drops the watches in watched (which
// it keeps up to date) no longer needed. A directory created between
// looking and adding the watch sends no event to the new watch, so it
// looks again after adding, until what it watches is what exists (bounded:
// a tree being created and removed in a loop must not hold the caller).
// The [Watcher] and the platform stores' Notify share it.
func watchDirs(fw *fsnotify.Watcher, targets []string, watched map[string]bool) {
	for range 32 {
		want := map[string]bool{}
		for _, d := range targets {
			want[nearestExisting(d)] = true
		}
		for d := range watched {
			if !want[d] {
				_ = fw.Remove(d)
				delete(watched, d)
			}
		}
		for d := range want {
			if !watched[d] && fw.Add(d) == nil {
				watched[d] = true
			}
		}
		if !slices.ContainsFunc(targets, func(d string) bool { return !watched[nearestExisting(d)] }) {
			return
		}
	}
}
