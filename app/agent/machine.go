package agent

import (
	"errors"
	"fmt"
	"time"
)

// State is where the idle → warn → lock cycle stands.
type State string

// The states of the cycle.
const (
	// StateActive: the user is at work; the machine sleeps until the earliest
	// moment the warning could be due.
	StateActive State = "active"
	// StateWarning: the countdown runs; any input goes back to active.
	StateWarning State = "warning"
	// StateLocking: a lock is being attempted and verified.
	StateLocking State = "locking"
	// StateLocked: the system lock is verified; waiting for the unlock.
	StateLocked State = "locked"
	// StatePrivacy: no system lock could be verified; the fallback privacy
	// screen covers the displays until real input.
	StatePrivacy State = "privacy"
	// StatePresenting: presentation mode; auto-lock paused until it ends.
	StatePresenting State = "presenting"
)

// Timing is what the policy says about idle locking.
type Timing struct {
	// IdleTimeout is how long without input before the lock.
	IdleTimeout time.Duration
	// Warning is how long the countdown runs before the lock; it is part of
	// IdleTimeout.
	Warning time.Duration
	// SnoozeMax is the longest presentation mode allowed; 0 forbids it.
	SnoozeMax time.Duration
}

// The machine's pacing.
const (
	// prepareLead is how long before the warning the machine asks for the
	// warning window, so that its process is up when the countdown starts.
	prepareLead = 2 * time.Second
	// warningTick is how often the idle time is read during the warning.
	warningTick = time.Second
	// lockedPoll is how often a locked session is checked for its unlock.
	lockedPoll = 2 * time.Second
	// retryAfterError is how long to wait after the idle source failed.
	retryAfterError = 5 * time.Second
	// minWake keeps a sleep from being zero or negative.
	minWake = 50 * time.Millisecond
	// unlockSlack is how much input the idle time may show, at most,
	// since a lock was verified when the locker is found gone, for the
	// machine still to conclude that nobody came back to unlock: a real
	// unlock takes typing a password, well over a second.
	unlockSlack = time.Second
	// presenceWindow is how recent the user's last input must be to start
	// or renew presentation mode: a script cannot keep it going for a
	// user who left.
	presenceWindow = time.Minute
)

// ReasonLockerEnded is the [LockRecord.Reason] of a lock started because
// the locker ended while nobody had come back: it crashed or was killed,
// and the session would otherwise stand open.
const ReasonLockerEnded = "locker-ended"

// Input is what the machine needs to know at one moment.
type Input struct {
	// Now is the current time.
	Now time.Time
	// Idle is how long the user has been idle, valid when IdleErr is nil.
	Idle    time.Duration
	IdleErr error
	// SessionLocked reports, in StateLocked, whether the session is still
	// locked; the driver fills it in only then.
	SessionLocked bool
	// Timing is the policy in force.
	Timing Timing
}

// Action is something the driver must do after a step.
type Action int

// The actions.
const (
	// ActionNone: just sleep until Decision.Wake.
	ActionNone Action = iota
	// ActionPrepareWarning: start the warning window's process now.
	ActionPrepareWarning
	// ActionLock: run the verified lock chain, then call [Machine.LockDone].
	ActionLock
	// ActionShowPrivacy: no lock was verified: show the privacy screen.
	ActionShowPrivacy
)

// Decision is the outcome of one step.
type Decision struct {
	// Wake is how long the driver may sleep before the next [Machine.Step]
	// (earlier if something happens, such as a policy change).
	Wake time.Duration
	// Action is what to do now.
	Action Action
	// Changed is true when the state changed in this step.
	Changed bool
	// Reason, with ActionLock, is why the machine locks when it is not the
	// driver's own ("idle" or the user's request): [ReasonLockerEnded].
	Reason string
}

// Machine is the idle → warn → lock state machine. It is pure: it reads no
// clock, calls nothing and starts nothing; a driver feeds it [Input] and
// carries out its [Decision]s. That keeps every transition testable with a
// table of inputs.
type Machine struct {
	state State
	// lockAt is when the lock is due (in StateWarning).
	lockAt time.Time
	// warnIdle is the idle time read when the warning began; a smaller
	// reading later means the user came back.
	warnIdle time.Duration
	// prepared is true once the warning window was asked for in this idle
	// stretch.
	prepared bool
	// privacySince is when the privacy screen went up.
	privacySince time.Time
	// lockedAt is when the lock was verified (in StateLocked).
	lockedAt time.Time
	// presentUntil ends presentation mode; presentBase is the user's
	// last input known to the machine during it: presentation mode never
	// lasts longer than the policy's SnoozeMax past it, also when the
	// policy lowers SnoozeMax while it runs.
	presentUntil, presentBase time.Time
	// lastErr is the idle source's last error, nil when it answered.
	lastErr error
}

// NewMachine returns a machine in StateActive.
func NewMachine() *Machine { return &Machine{state: StateActive} }

// State returns the current state.
func (m *Machine) State() State { return m.state }

// LockAt returns when the lock is due during the warning, else zero.
func (m *Machine) LockAt() time.Time {
	if m.state != StateWarning {
		return time.Time{}
	}
	return m.lockAt
}

// PresentUntil returns when presentation mode ends, else zero.
func (m *Machine) PresentUntil() time.Time {
	if m.state != StatePresenting {
		return time.Time{}
	}
	return m.presentUntil
}

// IdleErr returns the idle source's last error, nil if it answered.
func (m *Machine) IdleErr() error { return m.lastErr }

func (m *Machine) set(s State, d *Decision) {
	if m.state != s {
		m.state = s
		d.Changed = true
	}
}

// Step advances the machine to in.Now.
func (m *Machine) Step(in Input) Decision {
	var d Decision
	t := in.Timing
	switch m.state {
	case StateLocking:
		// Waiting for LockDone; nothing to do meanwhile.
		d.Wake = time.Hour
		return d
	case StateLocked:
		if in.SessionLocked {
			d.Wake = lockedPoll
			return d
		}
		if in.IdleErr == nil && in.Idle+unlockSlack >= in.Now.Sub(m.lockedAt) {
			// The locker is gone, but nobody touched the machine since
			// the lock: it crashed or was killed, not unlocked. Lock
			// again at once; a warning would hand the session to
			// whoever is at the machine.
			m.set(StateLocking, &d)
			d.Action = ActionLock
			d.Reason = ReasonLockerEnded
			return d
		}
		m.set(StateActive, &d)
		m.prepared = false
		return m.active(in, d)
	case StatePrivacy:
		// Input since the privacy screen went up: the user is back.
		if in.IdleErr == nil && in.Idle < in.Now.Sub(m.privacySince) {
			m.set(StateActive, &d)
			m.prepared = false
			return m.active(in, d)
		}
		d.Wake = lockedPoll
		return d
	case StatePresenting:
		if in.IdleErr == nil {
			m.presentBase = latest(m.presentBase, in.Now.Add(-in.Idle))
		}
		if end := m.presentEnd(t); in.Now.Before(end) {
			d.Wake = max(end.Sub(in.Now), minWake)
			return d
		}
		m.set(StateActive, &d)
		m.prepared = false
		if in.IdleErr != nil {
			d.Wake = retryAfterError
			return d
		}
		return m.active(in, d)
	}

	if in.IdleErr != nil {
		// Without an idle time nothing can be decided: keep the state, say
		// why, and ask again soon. A warning already running still ends in
		// a lock on time.
		m.lastErr = in.IdleErr
		if m.state == StateWarning && !in.Now.Before(m.lockAt) {
			m.set(StateLocking, &d)
			d.Action = ActionLock
			return d
		}
		d.Wake = retryAfterError
		if m.state == StateWarning {
			d.Wake = min(d.Wake, max(m.lockAt.Sub(in.Now), minWake))
		}
		return d
	}
	m.lastErr = nil

	if m.state == StateWarning {
		if in.Idle < m.warnIdle {
			// Input during the warning: cancel it.
			m.set(StateActive, &d)
			m.prepared = false
			return m.active(in, d)
		}
		if !in.Now.Before(m.lockAt) {
			m.set(StateLocking, &d)
			d.Action = ActionLock
			return d
		}
		d.Wake = max(min(warningTick, m.lockAt.Sub(in.Now)), minWake)
		return d
	}
	return m.active(in, d)
}

// active handles StateActive: sleep until the warning could be due, ask for
// the warning window shortly before, and start the warning on time. A
// deadline that passed while nobody was warned (the agent just started,
// the policy's timing just changed, presentation mode just ended, or the
// agent was stopped or starved past it) gets the full warning rather than
// an immediate lock: the lock never comes without the warning the policy
// promises. Only with no warning configured does an overdue lock come at
// once.
func (m *Machine) active(in Input, d Decision) Decision {
	t := in.Timing
	untilLock := t.IdleTimeout - in.Idle
	untilWarning := untilLock - t.Warning
	if t.Warning > 0 {
		untilLock = max(untilLock, t.Warning)
		untilWarning = max(untilWarning, 0)
	}
	if in.Idle < prepareLead {
		m.prepared = false // the user is active again
	}
	switch {
	case untilLock <= 0:
		// The deadline has passed (no warning configured, or the driver
		// slept through it, as across a suspend): lock now.
		m.set(StateLocking, &d)
		d.Action = ActionLock
	case untilWarning <= 0:
		m.set(StateWarning, &d)
		m.warnIdle = in.Idle
		m.lockAt = in.Now.Add(untilLock)
		d.Wake = max(min(warningTick, untilLock), minWake)
		if !m.prepared {
			m.prepared = true
			d.Action = ActionPrepareWarning
		}
	case untilWarning <= prepareLead && !m.prepared && t.Warning > 0:
		m.prepared = true
		d.Action = ActionPrepareWarning
		d.Wake = max(untilWarning, minWake)
	case untilWarning <= prepareLead && t.Warning > 0:
		d.Wake = max(untilWarning, minWake)
	case t.Warning == 0:
		d.Wake = untilLock
	default:
		// Idle time cannot grow faster than the clock: nothing can happen
		// before the warning's lead time.
		d.Wake = untilWarning - prepareLead
	}
	return d
}

// LockDone records, at now, the result of the lock chain started by
// ActionLock.
func (m *Machine) LockDone(now time.Time, verified bool) Decision {
	var d Decision
	if m.state != StateLocking {
		return Decision{Wake: minWake}
	}
	if verified {
		m.set(StateLocked, &d)
		m.lockedAt = now
		d.Wake = lockedPoll
		return d
	}
	m.set(StatePrivacy, &d)
	m.privacySince = now
	d.Action = ActionShowPrivacy
	d.Wake = lockedPoll
	return d
}

// LockNow starts a lock from any state but StateLocking.
func (m *Machine) LockNow() Decision {
	var d Decision
	if m.state == StateLocking {
		return Decision{Wake: time.Hour}
	}
	m.set(StateLocking, &d)
	d.Action = ActionLock
	return d
}

// ErrPresentationNotAllowed is returned when the policy forbids presentation
// mode (lock.snooze_max is 0).
var ErrPresentationNotAllowed = errors.New("presentation mode is not allowed by policy")

// ErrNotPresent is returned when presentation mode is asked for while the
// user has given no input for [presenceWindow]: it needs someone at the
// machine, so that a script cannot keep auto-lock off for a user who left.
var ErrNotPresent = errors.New("presentation mode needs recent input at this computer")

// Present starts, renews (or, with d == 0, ends) presentation mode for d,
// as of in.Now with in's idle reading and timing. It lasts until d from now
// but never longer than the policy's SnoozeMax past the user's last input:
// renewing it without input gains nothing, and starting or renewing needs
// input within [presenceWindow]. With no idle reading (no idle source, and
// so no idle lock either) it counts from now. It returns the time it ends.
func (m *Machine) Present(in Input, d time.Duration) (time.Time, Decision, error) {
	var dec Decision
	t := in.Timing
	if d <= 0 {
		if m.state == StatePresenting {
			// Back to active: an overdue deadline gets the full warning
			// (see active).
			m.set(StateActive, &dec)
			m.prepared = false
		}
		dec.Wake = minWake
		return time.Time{}, dec, nil
	}
	if t.SnoozeMax <= 0 {
		return time.Time{}, dec, ErrPresentationNotAllowed
	}
	if m.state == StateLocking || m.state == StateLocked || m.state == StatePrivacy {
		return time.Time{}, dec, fmt.Errorf("cannot start presentation mode while %s", m.state)
	}
	base := in.Now
	if in.IdleErr == nil {
		if in.Idle > presenceWindow {
			return time.Time{}, dec, fmt.Errorf("%w (idle for %v)", ErrNotPresent, in.Idle.Round(time.Second))
		}
		base = in.Now.Add(-in.Idle)
	}
	if m.state == StatePresenting {
		base = latest(base, m.presentBase)
	}
	m.presentBase = base
	m.presentUntil = in.Now.Add(d)
	m.presentUntil = m.presentEnd(t)
	m.set(StatePresenting, &dec)
	dec.Wake = minWake
	return m.presentUntil, dec, nil
}

// presentEnd is when presentation mode ends under timing t: at its
// planned end, or SnoozeMax after the user's last input if that is
// sooner (a policy that lowers SnoozeMax, or forbids presentation mode,
// cuts a running one short).
func (m *Machine) presentEnd(t Timing) time.Time {
	if t.SnoozeMax <= 0 {
		return time.Time{}
	}
	end := m.presentBase.Add(t.SnoozeMax)
	if m.presentUntil.Before(end) {
		return m.presentUntil
	}
	return end
}

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
