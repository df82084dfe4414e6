package lock

import (
	"os"
	"runtime"
	"strings"
)

// Env is what [Platform]'s chain reads from its surroundings: the
// environment of the desktop session.
type Env struct {
	// Vars is the environment, "KEY=value" as os.Environ returns it. The
	// lock commands run with it, and it gives PATH (where programs are
	// looked up, except on Windows), DISPLAY (the X server),
	// DBUS_SESSION_BUS_ADDRESS, DBUS_SYSTEM_BUS_ADDRESS, XDG_RUNTIME_DIR and
	// XDG_SESSION_ID. Nil means the process's own environment, read at each
	// use.
	Vars []string
}

// OSEnv returns the process's environment as it is now.
func OSEnv() Env {
	return Env{Vars: os.Environ()}
}

// Get returns the value of key, "" when it is unset. When key appears more
// than once the last one counts, as for os/exec. Keys ignore case on
// Windows.
func (e Env) Get(key string) string {
	vars := e.environ()
	for i := len(vars) - 1; i >= 0; i-- {
		k, v, ok := strings.Cut(vars[i], "=")
		if !ok {
			continue
		}
		if k == key || (runtime.GOOS == "windows" && strings.EqualFold(k, key)) {
			return v
		}
	}
	return ""
}

func (e Env) environ() []string {
	if e.Vars == nil {
		return os.Environ()
	}
	return e.Vars
}
