// Package supervise keeps the resident agent running where the platform
// has no supervisor of its own (Windows' Run key, the XDG autostart entry
// on desktops without systemd user sessions): it starts the agent, and
// starts it again within seconds when it dies — killed, crashed, or
// exited with an error — with a back-off, so that a crash loop does not
// burn the battery. An agent that exits with success (a quit that policy
// allowed) stays down until the next login.
//
// The package holds the rule only; starting and waiting for the process
// is the caller's [Start], and time is [Config]'s, so tests run without a
// process or a clock.
package supervise

import (
	"context"
	"time"
)

// Start starts one run of the agent and returns a function that waits for
// it to end and reports its exit code (-1 for a signal or a run that could
// not be waited for), or an error if it could not start.
type Start func(ctx context.Context) (wait func() int, err error)

// Config is how the supervisor restarts. The zero value of each field is
// its default.
type Config struct {
	// Delay is the wait before a restart (default 1 s): a killed agent
	// answers again within 5 s.
	Delay time.Duration
	// Burst restarts are allowed within Window (defaults 4 and 1 minute);
	// one more backs off.
	Burst  int
	Window time.Duration
	// Backoff is the first wait after a burst (default 1 minute); it
	// doubles with each burst in a row, up to MaxBackoff (default 15
	// minutes), and starts again once a run outlives Window.
	Backoff, MaxBackoff time.Duration
	// OnBackoff runs when the supervisor backs off, with the number of
	// runs that ended within Window and the wait before the next start:
	// the place to tell the user once.
	OnBackoff func(failures int, wait time.Duration)
	// OnRestart runs before each restart with the exit code of the run
	// that ended (for the log).
	OnRestart func(code int)
	// Now and Sleep are the clock (defaults time.Now and a timer that
	// ends early when ctx is done, reporting false).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) bool
}

func (c *Config) defaults() {
	if c.Delay <= 0 {
		c.Delay = time.Second
	}
	if c.Burst <= 0 {
		c.Burst = 4
	}
	if c.Window <= 0 {
		c.Window = time.Minute
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Minute
	}
	if c.MaxBackoff < c.Backoff {
		c.MaxBackoff = max(15*time.Minute, c.Backoff)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Run starts the agent and keeps it running until it exits with code 0 or
// ctx is done; it returns nil then. A run that fails to start counts as a
// run that died at once. Run never gives up: after a burst of failures it
// waits longer, and tries again.
func Run(ctx context.Context, cfg Config, start Start) error {
	cfg.defaults()
	var ends []time.Time // when the recent runs ended, within Window
	backoff := cfg.Backoff
	for ctx.Err() == nil {
		began := cfg.Now()
		code := -1
		if wait, err := start(ctx); err == nil {
			code = wait()
		}
		if code == 0 || ctx.Err() != nil {
			return nil
		}
		now := cfg.Now()
		if now.Sub(began) >= cfg.Window {
			ends, backoff = ends[:0], cfg.Backoff // it ran well for a while
		}
		ends = append(ends, now)
		for len(ends) > 0 && now.Sub(ends[0]) > cfg.Window {
			ends = ends[1:]
		}
		wait := cfg.Delay
		if len(ends) > cfg.Burst {
			wait = backoff
			if cfg.OnBackoff != nil {
				cfg.OnBackoff(len(ends), wait)
			}
			backoff = min(2*backoff, cfg.MaxBackoff)
			ends = ends[:0]
		}
		if !cfg.Sleep(ctx, wait) {
			return nil
		}
		if cfg.OnRestart != nil {
			cfg.OnRestart(code)
		}
	}
	return nil
}
