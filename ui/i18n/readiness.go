package i18n

import (
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
)

// lockerText holds the English names of the lock methods that are not
// programs a user knows by name ("lock.locker." + method), as they follow
// "with": "locks with GNOME's screen lock". German gives them in the
// dative ("mit der Bildschirmsperre von GNOME").
var lockerText = map[string]string{
	"freedesktop-screensaver": "the desktop's screen lock",
	"gnome-screensaver":       "GNOME's screen lock",
	"loginctl":                "the session's screen locker (through loginctl)",
	"xdg-screensaver":         "the desktop's screensaver (through xdg-screensaver)",
	"xscreensaver-command":    "xscreensaver",
	"LockWorkStation":         "the lock of Windows",
	"osascript":               "the lock of macOS",
	"pmset":                   "the lock of macOS",
}

// LockerName names a lock method for people, as it follows "with":
// "i3lock", "GNOME's screen lock", or for IT's lock.command the program
// it runs.
func LockerName(method string) string {
	if text, ok := lockerText[method]; ok {
		return lang.X("lock.locker."+method, text)
	}
	if prog, ok := strings.CutPrefix(method, "lock.command:"); ok {
		return prog
	}
	return method
}

// lockHint says what would make a lock possible on goos.
func lockHint(goos string) string {
	switch goos {
	case "linux":
		return lang.X("lock.ready.hint.linux", "Ask IT, or install a screen locker such as i3lock or xsecurelock (swaylock on Wayland).")
	case "windows":
		return lang.X("lock.ready.hint.windows", "Ask IT to allow locking this workstation: the policy \"Remove Lock Computer\" must be off.")
	case "darwin":
		return lang.X("lock.ready.hint.darwin", "Ask IT to turn on the lock screen of this Mac.")
	}
	return lang.X("lock.ready.hint.other", "Ask IT to set a lock command (lock.command) for this system.")
}

// Protection says in one or two sentences what happens when this
// workstation is left idle, from the agent's lock status and
// lock.idle_timeout: locked (and with what), perhaps locked, or only
// covered. The status window, `grendel status` and the agent's log say
// it alike. It never says "protects" when nothing can lock.
func Protection(l *agent.LockStatus, idle time.Duration) string {
	if l == nil || l.Readiness == nil {
		return lang.X("lock.ready.checking", "Grendel is checking which screen locker this workstation has.")
	}
	r := l.Readiness
	data := map[string]string{"Locker": LockerName(r.Method), "Idle": Duration(idle), "Hint": lockHint(runtime.GOOS)}
	noIdle := l.IdleSource == ""
	switch {
	case r.Verdict == agent.VerdictLocks && noIdle:
		return lang.X("lock.ready.locks_no_idle", "Grendel can lock this workstation with {{.Locker}} when you ask (Lock now), but not by itself: it cannot tell here when the workstation is idle.", data)
	case r.Verdict == agent.VerdictLocks:
		return lang.X("lock.ready.locks", "Grendel protects this workstation: after {{.Idle}} without input it locks the screen with {{.Locker}}.", data)
	case r.Verdict == agent.VerdictMaybe && noIdle:
		return lang.X("lock.ready.maybe_no_idle", "Grendel cannot tell here when this workstation is idle, so it does not lock it by itself. Lock now tries {{.Locker}}, which cannot be checked beforehand.", data)
	case r.Verdict == agent.VerdictMaybe:
		return lang.X("lock.ready.maybe", "After {{.Idle}} without input Grendel tries to lock the screen with {{.Locker}}, but it cannot check beforehand that this works. If it does not, the screen will only be covered, not locked.", data)
	case noIdle:
		return lang.X("lock.ready.none_no_idle", "No screen locker found, and Grendel cannot tell here when this workstation is idle: it neither locks nor covers the screen by itself. {{.Hint}}", data)
	}
	return lang.X("lock.ready.none", "No screen locker found: after {{.Idle}} without input the screen will only be covered, not locked. {{.Hint}}", data)
}

// NoLockNotice is the desktop notification the agent sends when it
// finds that nothing can lock.
func NoLockNotice(idle time.Duration) (title, body string) {
	return lang.X("lock.ready.notify.title", "Grendel cannot lock this workstation"),
		lang.X("lock.ready.none", "No screen locker found: after {{.Idle}} without input the screen will only be covered, not locked. {{.Hint}}",
			map[string]string{"Idle": Duration(idle), "Hint": lockHint(runtime.GOOS)})
}

// ReadinessLines writes each method of r with what the look found, one
// per line, each starting with indent: "i3lock: ready",
// "xscreensaver-command: installed, but the screensaver it needs is not
// running".
func ReadinessLines(r *agent.Readiness, indent string) string {
	if r == nil {
		return ""
	}
	lines := make([]string, len(r.Methods))
	for i, m := range r.Methods {
		if m.State == agent.MethodReady {
			lines[i] = indent + m.Method + ": " + lang.X("lock.ready.state.ready", "ready")
			continue
		}
		lines[i] = indent + LockAttempt(agent.AttemptRecord{Method: m.Method, Code: m.Code, Error: m.Error})
	}
	return strings.Join(lines, "\n")
}
