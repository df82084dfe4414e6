package agent

import (
	"sync"
	"time"

	"grendel/app/autostart"
	"grendel/app/oslock"
	"grendel/policy"
)

// SurroundingsTTL is how long the agent keeps what it read about autostart
// and the desktop's own lock: reading them reads files and runs gsettings
// three times, and an open status window asks every 2 seconds. A change
// (grendel autostart off) shows in the status within this time.
const SurroundingsTTL = 10 * time.Second

// surroundingsWait bounds how long a status request waits for a reading
// of the surroundings under way: past it, the request reports the last
// reading (none yet: unknown) rather than keep the caller waiting on a
// program that hangs.
const surroundingsWait = time.Second

// surroundings reads autostart and the desktop's lock at most once per
// SurroundingsTTL, off the caller's goroutine.
type surroundings struct {
	autostart func() autostart.Status
	oslock    func() oslock.Setting

	mu      sync.Mutex
	at      time.Time
	auto    *autostart.Status
	lock    *oslock.Setting
	reading chan struct{} // while a reading runs; closed when it ends
}

// get returns the autostart status and the desktop's lock, each nil when
// there is no reader for it or nothing was read yet. When the last
// reading is older than SurroundingsTTL it starts a new one and waits for
// it at most surroundingsWait.
func (s *surroundings) get(now time.Time) (*autostart.Status, *oslock.Setting) {
	s.mu.Lock()
	if !s.at.IsZero() && now.Sub(s.at) < SurroundingsTTL && !now.Before(s.at) {
		defer s.mu.Unlock()
		return s.auto, s.lock
	}
	done := s.reading
	if done == nil {
		done = make(chan struct{})
		s.reading = done
		go s.read(now, done)
	}
	s.mu.Unlock()
	t := time.NewTimer(surroundingsWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auto, s.lock
}

// prime starts the first reading, as of now, off the caller's goroutine,
// unless one was made or is under way. It is started at once, not by a
// goroutine of the caller's that might run late and then take a reading
// as of a time long past.
func (s *surroundings) prime(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at.IsZero() && s.reading == nil {
		s.reading = make(chan struct{})
		go s.read(now, s.reading)
	}
}

// read reads the surroundings, keeps what it found as of now, and closes
// done.
func (s *surroundings) read(now time.Time, done chan struct{}) {
	var auto *autostart.Status
	var lock *oslock.Setting
	if s.autostart != nil {
		a := s.autostart()
		auto = &a
	}
	if s.oslock != nil {
		l := s.oslock()
		lock = &l
	}
	s.mu.Lock()
	s.auto, s.lock, s.at, s.reading = auto, lock, now, nil
	s.mu.Unlock()
	close(done)
}

// addStartup fills in how the agent was started, whether it starts at
// login, and the desktop's own lock weighed against the policy's idle
// timeout.
func (a *Agent) addStartup(st *Status) {
	st.StartedBy = a.startedBy
	auto, lock := a.around.get(a.now())
	st.Autostart = auto
	if lock != nil {
		idle, _ := st.Policy.Duration(policy.LockIdleTimeout)
		c := oslock.Check(*lock, idle)
		st.OSLock = &c
	}
}
