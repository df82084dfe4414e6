package i18n

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
)

// attemptText holds the English reason of each failed lock attempt
// ("lock.attempt." + code).
var attemptText = map[string]string{
	agent.AttemptNotInstalled: "not installed",
	agent.AttemptNotOnBus:     "not available on this desktop (its service is not on the session bus)",
	agent.AttemptNotVerified:  "ran, but no check confirmed the lock",
	agent.AttemptCovered:      "Grendel's privacy screen is up, and it is no lock",
	agent.AttemptUnsupported:  "not supported on this system",
	agent.AttemptNoMethod:     "no lock method to try",
	agent.AttemptNotRunning:   "installed, but the screensaver or locker it needs is not running",
	agent.AttemptCannotTell:   "cannot be checked before it is tried",
	agent.AttemptDisabled:     "turned off by a policy of the system",
	agent.AttemptFailed:       "failed",
}

// lockReasonText holds the English words for why a lock was started
// ("lock.reason." + reason).
var lockReasonText = map[string]string{
	"idle":                  "idle",
	"user":                  "asked for",
	"sleep":                 "before sleep",
	agent.ReasonLockerEnded: "the screen locker ended without an unlock",
}

// LockAttempt writes why one method of the lock chain failed, in the
// user's language: "xscreensaver-command: not installed". The program's
// own English words follow in brackets where they say more than the code
// (an error a program printed); an unknown code gives those words alone.
func LockAttempt(a agent.AttemptRecord) string {
	text, ok := attemptText[a.Code]
	if !ok {
		return a.Method + ": " + a.Error
	}
	reason := lang.X("lock.attempt."+a.Code, text)
	if a.Code == agent.AttemptFailed && a.Error != "" {
		reason += " (" + a.Error + ")"
	}
	return a.Method + ": " + reason
}

// LockOutcome writes in one sentence what one run of the lock chain gave
// the user — verified lock, privacy screen (covered, not locked) or
// nothing — for the agent's log, `grendel lock` and `grendel status`
// alike. The attempts are for [LockAttempts].
func LockOutcome(r agent.LockRecord) string {
	switch {
	case r.Verified:
		data := map[string]string{"Method": r.Method, "VerifiedBy": r.VerifiedBy, "Took": took(r.Took)}
		if why, ok := lockReasonText[r.Reason]; ok {
			data["Reason"] = lang.X("lock.reason."+r.Reason, why)
			return lang.X("lock.outcome.locked_because", "locked ({{.Reason}}) by {{.Method}}, verified by {{.VerifiedBy}} after {{.Took}}", data)
		}
		return lang.X("lock.outcome.locked", "locked by {{.Method}}, verified by {{.VerifiedBy}} after {{.Took}}", data)
	case r.Privacy:
		return lang.X("lock.outcome.covered", "no lock method could be verified: the screen is only covered by the privacy screen, NOT locked")
	default:
		return lang.X("lock.outcome.failed", "the session could not be locked: no lock method could be verified")
	}
}

// took writes how long a lock took, in words: to a tenth of a second
// (at least one) under a minute ("1.2 seconds", "1,2 Sekunden"), else as
// [Duration] does, as it does for whole seconds ("1 second").
func took(d time.Duration) string {
	if d >= time.Minute {
		return Duration(d.Round(time.Second))
	}
	d = max(d.Round(100*time.Millisecond), 100*time.Millisecond)
	if d%time.Second == 0 {
		return Duration(d)
	}
	return lang.X("lock.took", "{{.Seconds}} seconds", map[string]string{"Seconds": Decimal(d.Seconds(), 1)})
}

// LockAttempts writes the failed attempts of r, one per line, each
// starting with indent.
func LockAttempts(r agent.LockRecord, indent string) string {
	var lines []string
	for _, a := range r.Attempts {
		if a.Error != "" || a.Code != "" {
			lines = append(lines, indent+LockAttempt(a))
		}
	}
	return strings.Join(lines, "\n")
}
