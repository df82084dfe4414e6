package lock

import "context"

// Platform returns the Linux chain: command first when it is not empty
// (the policy's lock.command, an argv), then the desktop's own ways to
// lock; see the package documentation. Everything it runs or asks is found
// through env.
func Platform(command []string, env Env) *Chain {
	var methods []Method
	if len(command) > 0 {
		methods = append(methods, policyCommand(command, env))
	}
	methods = append(methods,
		&screenSaverLock{freedesktopScreenSaver, env},
		&screenSaverLock{gnomeScreenSaver, env},
		newCommand("loginctl", env, "loginctl", "lock-session"),
		newCommand("xdg-screensaver", env, "xdg-screensaver", "lock"),
		newCommand("xscreensaver-command", env, "xscreensaver-command", "-lock"),
	)
	return &Chain{
		Methods: methods,
		Verifiers: []Verifier{
			&screenSaverActive{freedesktopScreenSaver, env},
			&screenSaverActive{gnomeScreenSaver, env},
			&logindLocked{env},
			&saverTime{env},
			&x11Grab{env: env},
		},
	}
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
