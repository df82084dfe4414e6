package lock

import (
	"context"
	"path/filepath"
)

// Platform returns the Linux chain: command first when it is not empty
// (the policy's lock.command, an argv), then the desktop's own ways to
// lock, then the standalone screen lockers that are installed; see the
// package documentation. Everything it runs or asks is found through env.
func Platform(command []string, env Env) *Chain {
	return platform(command, env, osFacts{env})
}

// platform builds the Linux chain from the facts f.
func platform(command []string, env Env, f facts) *Chain {
	var methods []Method
	if len(command) > 0 {
		c := policyCommand(command, env)
		if command[0] != "" {
			c.probe = func(context.Context) error { return installed(f, command[0]) }
		}
		methods = append(methods, c)
	}
	loginctl := newCommand("loginctl", env, "loginctl", "lock-session")
	loginctl.probe = needsDaemon(f, "loginctl", logindListeners...)
	xdg := newCommand("xdg-screensaver", env, "xdg-screensaver", "lock")
	xdg.probe = xdgProbe(f)
	saver := newCommand("xscreensaver-command", env, "xscreensaver-command", "-lock")
	saver.probe = needsDaemon(f, "xscreensaver-command", "xscreensaver")
	methods = append(methods,
		&screenSaverLock{freedesktopScreenSaver, env, f},
		&screenSaverLock{gnomeScreenSaver, env, f},
		loginctl, xdg, saver,
	)
	verifiers := []Verifier{
		&screenSaverActive{freedesktopScreenSaver, env},
		&screenSaverActive{gnomeScreenSaver, env},
		&logindLocked{env},
		&saverTime{env},
		&x11Grab{env: env},
	}
	kind := session(env)
	for _, s := range standalone {
		prog := s.argv[0]
		if s.session != kind || installed(f, prog) != nil ||
			(len(command) > 0 && filepath.Base(command[0]) == prog) { // IT's command tries it already
			continue
		}
		c := newCommand(prog, env, s.argv...)
		c.extra = s.extra
		c.probe = func(context.Context) error { return installed(f, prog) }
		methods = append(methods, c)
		if prog == "swaylock" {
			verifiers = append(verifiers, &swaylockDaemon{f})
		}
	}
	return &Chain{Methods: methods, Verifiers: verifiers}
}

// saverTime is the "xscreensaver" [Verifier]: `xscreensaver-command -time`.
type saverTime struct {
	env Env
}

// Name implements [Verifier].
func (*saverTime) Name() string { return "xscreensaver" }

// Locked implements [Verifier]: only "screen locked" is locked.
func (v *saverTime) Locked(ctx context.Context) (bool, error) {
	out, err := output(ctx, v.env, "xscreensaver-command", "-time")
	if err != nil {
		return false, err
	}
	state, err := parseSaverTime(string(out))
	return state == saverLocked, err
}
