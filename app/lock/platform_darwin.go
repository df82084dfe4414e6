package lock

import (
	"context"
	"fmt"
	"os"
)

// Platform returns the macOS chain: command first when it is not empty
// (the policy's lock.command, an argv), then the lock shortcut through
// osascript and `pmset displaysleepnow`, verified with ioreg; see the
// package documentation. None of it has been run on a Mac by this
// package's tests.
func Platform(command []string, env Env) *Chain {
	var methods []Method
	if len(command) > 0 {
		methods = append(methods, policyCommand(command, env))
	}
	shortcut := newCommand("osascript", env, "/usr/bin/osascript", "-e",
		`tell application "System Events" to keystroke "q" using {control down, command down}`)
	shortcut.probe = cannotTell(shortcut, "it needs the Accessibility permission")
	sleep := newCommand("pmset", env, "/usr/bin/pmset", "displaysleepnow")
	sleep.probe = cannotTell(sleep, `it locks only with "require password after the display is turned off" set to immediately`)
	methods = append(methods, shortcut, sleep)
	return &Chain{Methods: methods, Verifiers: []Verifier{&ioregConsole{env}}}
}

// cannotTell is the probe of a method whose lock depends on a setting
// that cannot be read: [Unknown] when its program is installed.
func cannotTell(c *command, why string) func(context.Context) error {
	return func(context.Context) error {
		if _, err := lookPath(c.argv[0], c.env); err != nil {
			return err
		}
		return fmt.Errorf("%s: %s: %w", c.name, why, ErrCannotTell)
	}
}

// ioregConsole is the "ioreg" [Verifier].
type ioregConsole struct {
	env Env
}

// Name implements [Verifier].
func (*ioregConsole) Name() string { return "ioreg" }

// Locked implements [Verifier]: see consoleLocked.
func (v *ioregConsole) Locked(ctx context.Context) (bool, error) {
	out, err := output(ctx, v.env, "/usr/sbin/ioreg", "-n", "Root", "-d1", "-a")
	if err != nil {
		return false, err
	}
	return consoleLocked(out, os.Getuid())
}
