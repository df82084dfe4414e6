package lock

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
)

const (
	// waitDelay is how long a finished command's output may stay open
	// (held by a child it left behind) before it is closed on it.
	waitDelay = 200 * time.Millisecond
	// maxStderr and maxLine bound what is kept of a command's stderr.
	maxStderr = 4 << 10
	maxLine   = 200
)

// command is a [Method] that starts a program and does not wait for it:
// the chain watches its end while it polls the verifiers.
type command struct {
	name string
	argv []string
	env  Env
	// extra holds more "KEY=value" settings for the program alone.
	extra []string
	// probe tells, without locking, whether the method can lock now;
	// nil means whenever the program is installed.
	probe func(ctx context.Context) error
}

// newCommand returns a method named name that runs argv with env.
func newCommand(name string, env Env, argv ...string) *command {
	return &command{name: name, argv: argv, env: env}
}

// policyCommand is the method for the policy's lock.command.
func policyCommand(argv []string, env Env) *command {
	name := "lock.command"
	if len(argv) > 0 && argv[0] != "" {
		name += ":" + filepath.Base(argv[0])
	}
	return newCommand(name, env, argv...)
}

// Name implements [Method].
func (c *command) Name() string { return c.name }

// Probe implements [Prober].
func (c *command) Probe(ctx context.Context) error {
	if c.probe != nil {
		return c.probe(ctx)
	}
	if len(c.argv) == 0 || c.argv[0] == "" {
		return errors.New("empty command")
	}
	_, err := lookPath(c.argv[0], c.env)
	return err
}

// Lock implements [Method]. It starts the program and returns; the chain
// uses start, which also reports the program's end and can end it.
func (c *command) Lock(ctx context.Context) error {
	_, _, err := c.start(ctx)
	return err
}

// start starts the program in a group of its own (a process group on
// Unix, a job object on Windows): giveUp ends the group, so that nothing
// the program started outlives an attempt the chain gave up on.
func (c *command) start(ctx context.Context) (exited <-chan error, giveUp func(), err error) {
	if len(c.argv) == 0 || c.argv[0] == "" {
		return nil, nil, errors.New("empty command")
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	prog := c.argv[0]
	path, err := lookPath(prog, c.env)
	if err != nil {
		return nil, nil, err
	}
	stderr := new(firstLine)
	// Not exec.CommandContext: the locker must outlive ctx, and the agent.
	cmd := &exec.Cmd{
		Path:        path,
		Args:        c.argv,
		Env:         slices.Concat(c.env.environ(), c.extra),
		Stderr:      stderr,
		WaitDelay:   waitDelay,
		SysProcAttr: detached(),
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start %s: %w", prog, err)
	}
	g := newGroup(cmd.Process)
	done := make(chan error, 1)
	go func() {
		done <- exitError(prog, cmd.Wait(), stderr.String())
		g.exited()
	}()
	return done, g.end, nil
}

// exitError describes how a program ended: nil for success, else its exit
// status (or signal) and the first line of its stderr.
func exitError(prog string, err error, stderr string) error {
	if err == nil {
		return nil
	}
	prog = filepath.Base(prog)
	if stderr == "" {
		return fmt.Errorf("%s failed (%w)", prog, err)
	}
	return fmt.Errorf("%s failed (%w): %s", prog, err, stderr)
}

// firstLine keeps the first non-blank line written to it, cleaned for a log.
type firstLine struct {
	b []byte
}

// Write implements io.Writer; it never fails.
func (f *firstLine) Write(p []byte) (int, error) {
	if room := maxStderr - len(f.b); room > 0 {
		f.b = append(f.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// String returns the first non-blank line, trimmed, with control and
// non-printable characters replaced, at most maxLine bytes long.
func (f *firstLine) String() string {
	for line := range strings.Lines(string(f.b)) {
		line = strings.TrimSpace(strings.ToValidUTF8(line, "?"))
		if line == "" {
			continue
		}
		line = strings.Map(func(r rune) rune {
			if unicode.IsPrint(r) {
				return r
			}
			return '?'
		}, line)
		if len(line) > maxLine {
			line = strings.ToValidUTF8(line[:maxLine], "") + "…"
		}
		return line
	}
	return ""
}
