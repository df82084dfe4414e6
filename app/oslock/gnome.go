package oslock

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Gsettings reads one key as `gsettings get SCHEMA KEY` prints it
// ("true", "uint32 300").
type Gsettings func(schema, key string) (string, error)

// GNOME reads GNOME's lock: it locks lock-delay after the screen blanks,
// which is idle-delay after the last input (0: never), when lock-enabled.
func GNOME(get Gsettings) Setting {
	s := Setting{Desktop: "GNOME", Source: "gsettings"}
	enabled, err := get("org.gnome.desktop.screensaver", "lock-enabled")
	if err != nil {
		s.Error = err.Error()
		return s
	}
	idle, err := get("org.gnome.desktop.session", "idle-delay")
	if err != nil {
		s.Error = err.Error()
		return s
	}
	idleSec, err := gvariantUint(idle)
	if err != nil {
		s.Error = fmt.Sprintf("idle-delay: %v", err)
		return s
	}
	var delaySec uint64
	if delay, err := get("org.gnome.desktop.screensaver", "lock-delay"); err == nil {
		if delaySec, err = gvariantUint(delay); err != nil {
			s.Error = fmt.Sprintf("lock-delay: %v", err)
			return s
		}
	}
	switch strings.TrimSpace(enabled) {
	case "true":
		s.Enabled = idleSec > 0
	case "false":
	default:
		s.Error = fmt.Sprintf("lock-enabled: unexpected %q", enabled)
		return s
	}
	s.Known = true
	if s.Enabled {
		s.After = time.Duration(idleSec+delaySec) * time.Second
	}
	return s
}

// gvariantUint reads gsettings' text of an unsigned integer: "uint32 300"
// or "300".
func gvariantUint(v string) (uint64, error) {
	v = strings.TrimSpace(v)
	if f := strings.Fields(v); len(f) == 2 && strings.HasPrefix(f[0], "uint") {
		v = f[1]
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", v)
	}
	return n, nil
}
