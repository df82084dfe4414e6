package idle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"time"
)

// ioregPath is the program that reads the IORegistry.
const ioregPath = "/usr/sbin/ioreg"

// Platform returns the one source of macOS, "macos".
func Platform(Env) []Source {
	return []Source{macos{}}
}

// macos is the "macos" [Source]: see the package documentation.
type macos struct{}

// Name implements [Source].
func (macos) Name() string { return "macos" }

// Idle implements [Source]. ioreg is killed when ctx ends.
func (macos) Idle(ctx context.Context) (time.Duration, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, ioregPath, "-c", "IOHIDSystem", "-d", "4", "-r", "-k", "HIDIdleTime")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("macos: ioreg: %w", ctx.Err())
		}
		if errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("macos: %w (%w)", ErrUnsupported, err)
		}
		if msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); msg != "" {
			return 0, fmt.Errorf("macos: ioreg: %w: %s", err, msg)
		}
		return 0, fmt.Errorf("macos: ioreg: %w", err)
	}
	return parseHIDIdleTime(stdout.Bytes())
}

// Close implements [Source]; there is nothing to release.
func (macos) Close() error { return nil }
