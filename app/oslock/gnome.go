package oslock

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Gsettings reads one key as `gsettings get SCHEMA KEY` prints it
// ("true", "uint32 300", "5").
type Gsettings func(schema, key string) (string, error)

// gsettingsLock says where a GNOME-like desktop keeps its lock settings.
type gsettingsLock struct {
	desktop string
	// screensaver holds lock-enabled and lock-delay (and, where the
	// desktop has it, idle-activation-enabled); session holds idle-delay.
	screensaver, session string
	// activation is true where the screen saver starts when idle only if
	// idle-activation-enabled says so (Cinnamon, MATE).
	activation bool
	// unit is the unit of idle-delay and lock-delay: seconds, or minutes
	// for MATE.
	unit time.Duration
}

var (
	gnomeLock    = gsettingsLock{"GNOME", "org.gnome.desktop.screensaver", "org.gnome.desktop.session", false, time.Second}
	cinnamonLock = gsettingsLock{"Cinnamon", "org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", true, time.Second}
	mateLock     = gsettingsLock{"MATE", "org.mate.screensaver", "org.mate.session", true, time.Minute}
)

// GNOME reads GNOME's lock: it locks lock-delay after the screen blanks,
// which is idle-delay after the last input (0: never), when lock-enabled.
func GNOME(get Gsettings) Setting { return gnomeLock.read(get) }

// Cinnamon reads Cinnamon's lock, kept as GNOME's in its own schemas,
// where the screen saver also starts only if idle-activation-enabled.
func Cinnamon(get Gsettings) Setting { return cinnamonLock.read(get) }

// MATE reads MATE's lock (mate-screensaver): as Cinnamon's, but with
// idle-delay and lock-delay in minutes.
func MATE(get Gsettings) Setting { return mateLock.read(get) }

// read reads the lock from gsettings.
func (g gsettingsLock) read(get Gsettings) Setting {
	s := Setting{Desktop: g.desktop, Source: "gsettings"}
	fail := func(err error) Setting {
		s.Error = err.Error()
		return s
	}
	enabled, err := gvariantBool(get, g.screensaver, "lock-enabled")
	if err != nil {
		return fail(err)
	}
	if g.activation {
		active, err := gvariantBool(get, g.screensaver, "idle-activation-enabled")
		if err != nil {
			return fail(err)
		}
		enabled = enabled && active
	}
	idle, err := get(g.session, "idle-delay")
	if err != nil {
		return fail(err)
	}
	idleN, err := gvariantUint(idle)
	if err != nil {
		return fail(fmt.Errorf("idle-delay: %v", err))
	}
	var delayN uint64
	if delay, err := get(g.screensaver, "lock-delay"); err == nil {
		if delayN, err = gvariantUint(delay); err != nil {
			return fail(fmt.Errorf("lock-delay: %v", err))
		}
	}
	s.Known = true
	s.Enabled = enabled && idleN > 0
	if s.Enabled {
		s.After = time.Duration(idleN+delayN) * g.unit
	}
	return s
}

// gvariantBool reads a boolean key.
func gvariantBool(get Gsettings, schema, key string) (bool, error) {
	v, err := get(schema, key)
	if err != nil {
		return false, err
	}
	switch strings.TrimSpace(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%s: unexpected %q", key, v)
}

// gvariantUint reads gsettings' text of a non-negative integer: "uint32
// 300", "300", or MATE's int32 "5".
func gvariantUint(v string) (uint64, error) {
	v = strings.TrimSpace(v)
	if f := strings.Fields(v); len(f) == 2 && (strings.HasPrefix(f[0], "uint") || strings.HasPrefix(f[0], "int")) {
		v = f[1]
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", v)
	}
	return n, nil
}
