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

// surroundings reads autostart and the desktop's lock at most once per
// SurroundingsTTL.
type surroundings struct {
	autostart func() autostart.Status
	oslock    func() oslock.Setting

	mu   sync.Mutex
	at   time.Time
	auto *autostart.Status
	lock *oslock.Setting
}

// get returns the autostart status and the desktop's lock, each nil when
// there is no reader for it.
func (s *surroundings) get(now time.Time) (*autostart.Status, *oslock.Setting) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.at.IsZero() && now.Sub(s.at) < SurroundingsTTL && !now.Before(s.at) {
		return s.auto, s.lock
	}
	s.auto, s.lock = nil, nil
	if s.autostart != nil {
		a := s.autostart()
		s.auto = &a
	}
	if s.oslock != nil {
		l := s.oslock()
		s.lock = &l
	}
	s.at = now
	return s.auto, s.lock
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
