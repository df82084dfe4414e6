package idle

import "os"

// Platform returns the sources of this Linux desktop in order of
// preference: "x11", "mutter", "kde", "logind" in an X11 session, and
// "mutter", "kde", "x11", "logind" when WAYLAND_DISPLAY is set. Nothing is
// opened until a source is asked.
func Platform(env Env) []Source {
	x := newX11(env.get("DISPLAY"), env.get("WAYLAND_DISPLAY"))
	m := mutter{newBus("mutter", env, false)}
	k := kde{newBus("kde", env, false)}
	l := newLogind(env)
	if x.wayland != "" {
		return []Source{m, k, x, l}
	}
	return []Source{x, m, k, l}
}

// get returns the variable key.
func (e Env) get(key string) string {
	if e.Getenv == nil {
		return os.Getenv(key)
	}
	return e.Getenv(key)
}
