// Package oslock reads the desktop's own screen lock: the backstop that
// locks the workstation when Grendel is not running. It tells whether that
// lock is on and whether it comes no later than Grendel's own
// (lock.idle_timeout) plus [Margin].
//
// Grendel only reads these settings, and never changes them: they are the
// user's or IT's (README, "The desktop's own lock").
//
//   - GNOME: org.gnome.desktop.screensaver lock-enabled and lock-delay,
//     org.gnome.desktop.session idle-delay, read with `gsettings get`
//     ([Gsettings]); without gsettings or the schemas: unknown.
//   - Cinnamon and MATE: the same keys in their own schemas
//     (org.cinnamon.desktop.screensaver and …session; org.mate.screensaver
//     and org.mate.session, in minutes there), where the screen saver
//     also starts only if idle-activation-enabled.
//   - KDE Plasma: kscreenlockerrc, [Daemon] Autolock, Timeout (minutes)
//     and LockGrace (seconds), from $XDG_CONFIG_DIRS and ~/.config as
//     KConfig cascades them, [$i] included ([KDE]).
//   - Windows: the machine inactivity limit (InactivityTimeoutSecs), else
//     a secure screensaver, the policy's values before the user's.
//   - macOS: not read yet (unknown).
package oslock

import "time"

// Margin is how much later than Grendel's lock the desktop's may come and
// still count as a backstop.
const Margin = 5 * time.Minute

// Setting is the desktop's own lock as configured.
type Setting struct {
	// Desktop names the desktop or system read: "GNOME", "Cinnamon",
	// "MATE", "KDE", "Windows"; the current desktop's name when it is not one Grendel
	// can read, "" when there is none.
	Desktop string `json:"desktop,omitempty"`
	// Known is false when the setting could not be read.
	Known bool `json:"known"`
	// Enabled is true when the desktop locks by itself after a time
	// without input.
	Enabled bool `json:"enabled"`
	// After is that time, until a password is needed.
	After time.Duration `json:"after_ns,omitempty"`
	// Source says where it was read (a file, a registry value, gsettings).
	Source string `json:"source,omitempty"`
	// Error says why it could not be read (English, for support).
	Error string `json:"error,omitempty"`
}

// Verdict is what the desktop's lock is worth as a backstop.
type Verdict string

// The verdicts of [Check].
const (
	// Backstop: on, and no later than Grendel's lock plus the margin.
	Backstop Verdict = "ok"
	// TooLate: on, but later than Grendel's lock plus the margin.
	TooLate Verdict = "too-late"
	// NoBackstop: the desktop does not lock by itself.
	NoBackstop Verdict = "off"
	// Unknown: not read (an unknown desktop, no gsettings, macOS).
	Unknown Verdict = "unknown"
)

// Status is the desktop's own lock with its verdict.
type Status struct {
	Setting
	Verdict Verdict `json:"verdict"`
	// Limit is the latest it may lock: Grendel's idle timeout plus [Margin].
	Limit time.Duration `json:"limit_ns"`
}

// Check weighs the setting s against Grendel's idle timeout.
func Check(s Setting, idleTimeout time.Duration) Status {
	st := Status{Setting: s, Limit: idleTimeout + Margin}
	switch {
	case !s.Known:
		st.Verdict = Unknown
	case !s.Enabled:
		st.Verdict = NoBackstop
	case s.After > st.Limit:
		st.Verdict = TooLate
	default:
		st.Verdict = Backstop
	}
	return st
}
