package policy

import (
	"sync"
	"time"
)

// Loader loads the policy again and again for a long-running process (the
// agent), and keeps order: each load gets a generation when it starts, so
// that a load that started earlier but ended later (a reload request that
// waited on a slow file while the watcher read a newer state) is known to
// be older. It also knows whether a load is due or under way and has not
// finished, so the agent never calls a policy in force that may be stale.
//
// The zero Loader with Paths set is ready to use.
type Loader struct {
	// Paths are the files to read.
	Paths Paths
	// Now tells the time; nil means time.Now.
	Now func() time.Time

	mu    sync.Mutex
	next  uint64    // the last generation handed out
	done  uint64    // the newest generation whose load finished
	since time.Time // since when a change or load has waited for a load to finish; zero when none
}

// Load reads the policy files, as [Load] does, and gives the snapshot the
// next generation.
func (l *Loader) Load() *Snapshot {
	gen := l.begin()
	s := Load(l.Paths)
	s.Generation = gen
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done = max(l.done, gen)
	if l.done == l.next {
		l.since = time.Time{}
	}
	return s
}

// Changed records that the files changed: until a load that starts after
// this finishes, [Loader.Pending] reports the policy as not up to date.
func (l *Loader) Changed() { l.begin() }

func (l *Loader) begin() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	if l.since.IsZero() {
		l.since = l.now()
	}
	return l.next
}

// Pending reports since when the newest change or load has waited for a
// load to finish, and whether one has.
func (l *Loader) Pending() (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.since, !l.since.IsZero()
}

func (l *Loader) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}
