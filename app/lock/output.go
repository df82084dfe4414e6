//go:build linux || darwin

package lock

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
)

// maxStdout bounds what a verifier reads of a command's output.
const maxStdout = 1 << 20

// output runs argv with env until it ends or ctx is done, and returns its
// stdout. A failure is described with the first line of its stderr.
func output(ctx context.Context, env Env, argv ...string) ([]byte, error) {
	path, err := lookPath(argv[0], env)
	if err != nil {
		return nil, err
	}
	stdout := &capped{max: maxStdout}
	stderr := new(firstLine)
	cmd := exec.CommandContext(ctx, path, argv[1:]...)
	cmd.Args[0] = argv[0]
	cmd.Env = env.environ()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = waitDelay
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(argv[0]), ctx.Err())
		}
		return nil, exitError(argv[0], err, stderr.String())
	}
	if stdout.over {
		return nil, fmt.Errorf("%s: more than %d bytes of output", filepath.Base(argv[0]), maxStdout)
	}
	return stdout.buf.Bytes(), nil
}

// capped is a buffer that keeps at most max bytes and notes an overflow.
type capped struct {
	buf  bytes.Buffer
	max  int
	over bool
}

// Write implements io.Writer; it never fails.
func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room < len(p) {
		c.over = true
		p = p[:max(room, 0)]
	}
	c.buf.Write(p)
	return len(p), nil
}
