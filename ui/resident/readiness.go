package resident

import (
	"context"
	"slices"
	"time"

	"grendel/app/agent"
	"grendel/app/notify"
	"grendel/ui/i18n"
)

// How often, and from when, the agent looks at its lock chain.
const (
	// probeEvery: a locker installed, started or stopped since the last
	// look shows within this time.
	probeEvery = time.Minute
	// noticeGrace: no "nothing can lock" notification before this long
	// after the agent started. At login the desktop's screensaver may
	// start a moment after Grendel; a look after the grace sees it.
	noticeGrace = 10 * time.Second
)

// readinessWatch looks at the lock chain without locking ([agent.LockSetup.Probe]):
// at start, after each policy change (recheck), at the end of the grace
// and every so often. It logs each change of what an idle lock will do,
// keeps the tray in step, tells the status file of each change of the
// readiness, and tells the user once when nothing can lock
// ([agent.NoLockNotice]).
type readinessWatch struct {
	agent   *agent.Agent
	locks   *agent.LockSetup
	say     func(string)
	changed func() // after each look
	// readinessChanged, when set, is called after a look that found
	// another readiness than the look before (the time of the look aside):
	// the status file for compliance tools is rewritten then, not at its
	// next heartbeat.
	readinessChanged func()
	// notify sends a desktop notification; nil means notify.Send.
	notify       func(title, body string) (uint32, error)
	every, grace time.Duration
	recheck      chan struct{}
}

func newReadinessWatch(a *agent.Agent, locks *agent.LockSetup, say func(string), changed func()) *readinessWatch {
	return &readinessWatch{agent: a, locks: locks, say: say, changed: changed,
		notify: notify.Send, every: probeEvery, grace: noticeGrace, recheck: make(chan struct{}, 1)}
}

// again asks for a look soon (a policy change); it never blocks.
func (w *readinessWatch) again() {
	select {
	case w.recheck <- struct{}{}:
	default: // one is pending already
	}
}

// run looks until ctx is done.
func (w *readinessWatch) run(ctx context.Context) {
	start := time.Now()
	grace := time.NewTimer(w.grace)
	defer grace.Stop()
	tick := time.NewTicker(w.every)
	defer tick.Stop()
	var notice agent.NoLockNotice
	var last agent.Verdict
	var before *agent.Readiness
	for {
		r := w.locks.Probe(ctx)
		if ctx.Err() != nil {
			return
		}
		if before == nil || !sameReadiness(*before, r) {
			before = &r
			if w.readinessChanged != nil {
				w.readinessChanged()
			}
		}
		idle := w.agent.Policy().Settings.Lock.IdleTimeout
		if r.Verdict != last {
			w.say(i18n.Protection(w.agent.Status().Lock, idle))
			last = r.Verdict
		}
		if time.Since(start) >= w.grace && notice.Due(r.Verdict) {
			title, body := i18n.NoLockNotice(idle)
			if _, err := w.notify(title, body); err != nil {
				w.say(notifyProblem(err))
			}
		}
		if w.changed != nil {
			w.changed()
		}
		select {
		case <-ctx.Done():
			return
		case <-w.recheck:
		case <-grace.C:
		case <-tick.C:
		}
	}
}

// sameReadiness reports whether a and b found the same, whenever each
// look was taken.
func sameReadiness(a, b agent.Readiness) bool {
	return a.Verdict == b.Verdict && a.Method == b.Method && slices.Equal(a.Methods, b.Methods)
}
