package vault

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Janitor keeps the shares tidy for the resident agent: at start and then
// every Every it deletes the expired shares (from the keychain and the
// index) and reminds the user once of each share that expires within
// RemindBefore ("retire or extend"). While the keychain is locked it
// deletes nothing, and tells Failed so: deleting would bring up the unlock
// prompt unasked.
type Janitor struct {
	// Open opens the vault for one sweep, under the policy of the moment.
	Open func() (*Vault, error)
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// Every is the time between sweeps; 0 means an hour.
	Every time.Duration
	// RemindBefore is how long before its expiry a share is reminded of;
	// 0 means a day.
	RemindBefore time.Duration
	// Purged is told of the shares a sweep deleted; Due of a share to
	// remind the user of; Failed of a sweep that could not be done. Any
	// may be nil.
	Purged func([]Share)
	Due    func(Share)
	Failed func(error)

	mu       sync.Mutex
	reminded map[string]time.Time // share ID → the expiry it was reminded of
}

// Run sweeps at once and then every Every until ctx is done.
func (j *Janitor) Run(ctx context.Context) {
	every := j.Every
	if every <= 0 {
		every = time.Hour
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		j.Sweep()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Sweep purges the expired shares and reminds of those due soon, once per
// share and expiry (an extended share is reminded of again before its new
// expiry).
func (j *Janitor) Sweep() {
	now := time.Now()
	if j.Now != nil {
		now = j.Now()
	}
	before := j.RemindBefore
	if before <= 0 {
		before = 24 * time.Hour
	}
	v, err := j.Open()
	if err != nil {
		if j.Failed != nil {
			j.Failed(err)
		}
		return
	}
	if n := expiredCount(v, now); n > 0 && v.KeychainLocked() {
		// Deleting would bring up the keychain's unlock prompt out of the
		// blue, every hour; a locked keychain keeps the passwords locked
		// away until the first sweep after it is unlocked.
		if j.Failed != nil {
			j.Failed(fmt.Errorf("%d expired shares wait until the keychain is unlocked: %w", n, ErrKeychainLocked))
		}
	} else {
		gone, err := v.Purge(now)
		if err != nil && j.Failed != nil {
			j.Failed(err)
		}
		if len(gone) > 0 && j.Purged != nil {
			j.Purged(gone)
		}
	}
	due, err := v.DueSoon(now, before)
	if err != nil {
		if j.Failed != nil {
			j.Failed(err)
		}
		return
	}
	j.mu.Lock()
	if j.reminded == nil {
		j.reminded = map[string]time.Time{}
	}
	var tell []Share
	for _, s := range due {
		if exp, ok := j.reminded[s.ID]; ok && exp.Equal(s.Expires) {
			continue
		}
		j.reminded[s.ID] = s.Expires
		tell = append(tell, s)
	}
	j.mu.Unlock()
	if j.Due != nil {
		for _, s := range tell {
			j.Due(s)
		}
	}
}

// expiredCount returns how many of v's shares have expired at now.
func expiredCount(v *Vault, now time.Time) int {
	shares, err := v.List()
	if err != nil {
		return 0
	}
	n := 0
	for _, s := range shares {
		if s.Expired(now) {
			n++
		}
	}
	return n
}
