package policy

import "context"

// Notifier is a [Store] that can tell when what it holds may have changed:
// the Windows registry (Group Policy's notification, a change notification
// on the keys, a periodic re-read as a backstop) and macOS managed
// preferences (the files under /Library/Managed Preferences). The
// [Watcher] runs Notify for every store of [Paths.Platform] that has it and
// reloads the policy, after its debounce, each time changed is called.
type Notifier interface {
	Store
	// Notify calls changed whenever the store may hold something new,
	// until ctx is done; it returns ctx's error, or an error if it cannot
	// watch at all (the watcher then relies on its other sources).
	// changed must be safe to call from any goroutine.
	Notify(ctx context.Context, changed func()) error
}

// stores returns every store paths names: the policy files, then the
// platform's own stores ([Paths.Platform]) in their order, so that among
// managed layers a platform store wins over a managed file.
func (paths Paths) stores() []Store {
	return append([]Store{FileStore{Paths: paths}}, paths.Platform...)
}
