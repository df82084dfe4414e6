package supervise

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// fake is a clock and an agent whose runs last and end as scripted.
type fake struct {
	now    time.Time
	waits  []time.Duration // what the supervisor slept
	runs   []run           // the runs still to come
	starts int
	backed []int
}

type run struct {
	lasts time.Duration
	code  int
	fails bool // does not start
}

func (f *fake) config() Config {
	return Config{
		Now: func() time.Time { return f.now },
		Sleep: func(_ context.Context, d time.Duration) bool {
			f.waits = append(f.waits, d)
			f.now = f.now.Add(d)
			return true
		},
		OnBackoff: func(n int, _ time.Duration) { f.backed = append(f.backed, n) },
	}
}

func (f *fake) start(context.Context) (func() int, error) {
	f.starts++
	r := f.runs[0]
	f.runs = f.runs[1:]
	if r.fails {
		return nil, errors.New("no such file")
	}
	return func() int { f.now = f.now.Add(r.lasts); return r.code }, nil
}

func TestRun(t *testing.T) {
	crash := run{lasts: time.Second, code: 2}
	killed := run{lasts: 10 * time.Minute, code: -1}
	quit := run{lasts: time.Hour, code: 0}
	for _, tc := range []struct {
		name   string
		runs   []run
		waits  []time.Duration
		backed []int
	}{
		{"a quit stays quit", []run{quit}, nil, nil},
		{"a kill comes back at once", []run{killed, killed, quit}, []time.Duration{time.Second, time.Second}, nil},
		{"a run that cannot start is retried", []run{{fails: true}, quit}, []time.Duration{time.Second}, nil},
		{"a crash loop backs off, longer each time, and never gives up",
			[]run{crash, crash, crash, crash, crash, crash, crash, crash, crash, crash, quit},
			[]time.Duration{time.Second, time.Second, time.Second, time.Second, time.Minute,
				time.Second, time.Second, time.Second, time.Second, 2 * time.Minute},
			[]int{5, 5}},
		{"a run that lasts resets the back-off",
			[]run{crash, crash, crash, crash, crash, killed, crash, crash, crash, crash, crash, quit},
			// The kill after ten minutes counts as a failure, but the next
			// back-off is the first one again, not twice it.
			[]time.Duration{time.Second, time.Second, time.Second, time.Second, time.Minute,
				time.Second, time.Second, time.Second, time.Second, time.Minute, time.Second},
			[]int{5, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fake{now: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC), runs: tc.runs}
			if err := Run(context.Background(), f.config(), f.start); err != nil {
				t.Fatal(err)
			}
			if f.starts != len(tc.runs) || len(f.runs) != 0 {
				t.Errorf("started %d times, want %d", f.starts, len(tc.runs))
			}
			if !slices.Equal(f.waits, tc.waits) {
				t.Errorf("waited %v, want %v", f.waits, tc.waits)
			}
			if !slices.Equal(f.backed, tc.backed) {
				t.Errorf("backed off after %v failures, want %v", f.backed, tc.backed)
			}
		})
	}
}

// The back-off doubles up to its maximum.
func TestBackoffCapped(t *testing.T) {
	crash := run{lasts: time.Second, code: 1}
	var runs []run
	for range 5 * 7 {
		runs = append(runs, crash)
	}
	f := &fake{now: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC), runs: append(runs, run{code: 0})}
	cfg := f.config()
	cfg.MaxBackoff = 5 * time.Minute
	if err := Run(context.Background(), cfg, f.start); err != nil {
		t.Fatal(err)
	}
	var long []time.Duration
	for _, w := range f.waits {
		if w > time.Second {
			long = append(long, w)
		}
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute, 5 * time.Minute, 5 * time.Minute}
	if !slices.Equal(long, want) {
		t.Errorf("back-offs %v, want %v", long, want)
	}
}

// When the supervisor is told to stop (the session ends), it stops while
// the agent runs and while it waits to restart it.
func TestRunStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error)
	started := make(chan struct{}, 10)
	go func() {
		stopped <- Run(ctx, Config{Delay: time.Hour}, func(ctx context.Context) (func() int, error) {
			started <- struct{}{}
			return func() int { <-ctx.Done(); return -1 }, nil
		})
	}()
	<-started
	cancel()
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
	if len(started) != 0 {
		t.Error("restarted after it was told to stop")
	}
}
