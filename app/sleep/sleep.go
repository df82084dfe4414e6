// Package sleep runs a function, the screen lock, before the computer goes
// to sleep, and holds the sleep back until it is done: what xss-lock does
// for X11 lockers, and what the policy's lock.on_sleep asks for.
//
// [Watch] (or [Watcher.Watch], to set a timeout or a logger) runs until its
// context ends.
//
// # Linux
//
// Over a private connection to the system bus (never the shared
// dbus.SystemBus), Watch subscribes to logind's PrepareForSleep signal, then
// takes a delay inhibitor lock:
//
//	org.freedesktop.login1.Manager.Inhibit("sleep", "Grendel", "Lock the screen before sleep", "delay")
//
// which is a file descriptor: while Grendel holds it, logind waits before
// suspending (or hibernating), for at most its InhibitDelayMaxSec (5 s
// unless configured). On PrepareForSleep(true) Watch calls the function and
// waits until it returns or [Watcher.Timeout] passes, then closes the
// descriptor, and the sleep goes on. On PrepareForSleep(false), the
// resume, it takes a new inhibitor for the next sleep. Where there is no
// system bus, or logind is not on it, Watch fails at once with an error
// wrapping [ErrUnsupported].
//
// # Windows and macOS
//
// Not done yet: Watch returns an error wrapping [ErrUnsupported] at once.
// Windows tells a window about a suspend with WM_POWERBROADCAST
// (PBT_APMSUSPEND), and gives it about two seconds without a way to delay;
// macOS tells IORegisterForSystemPower's callback (kIOMessageSystemWillSleep),
// which may delay the sleep until IOAllowPowerChange, but needs IOKit
// through cgo or a trampoline.
package sleep

import (
	"context"
	"errors"
	"io"
	"time"
)

// ErrUnsupported is wrapped by the error of Watch where it cannot work: on
// an OS it does not support, or without logind.
var ErrUnsupported = errors.New("lock before sleep not supported here")

// ErrDisconnected is wrapped by the error of Watch when the connection to
// logind ends under it.
var ErrDisconnected = errors.New("connection to logind lost")

// DefaultTimeout is how long the function may take before the sleep goes
// on without waiting for it: logind's default InhibitDelayMaxSec, after
// which it would not wait any longer anyway.
const DefaultTimeout = 5 * time.Second

// Watcher runs a function before each sleep. The zero Watcher is ready to
// use.
type Watcher struct {
	// Timeout bounds the wait for the function; 0 means [DefaultTimeout].
	// The function's context ends when it passes.
	Timeout time.Duration
	// Logf reports what does not end the watch (a new inhibitor refused
	// after a resume, a function that overran); nil discards it.
	Logf func(format string, args ...any)
	// Getenv reads DBUS_SYSTEM_BUS_ADDRESS; nil means os.Getenv.
	Getenv func(key string) string
}

// Watch is [Watcher.Watch] of the zero Watcher.
func Watch(ctx context.Context, beforeSleep func(ctx context.Context)) error {
	var w Watcher
	return w.Watch(ctx, beforeSleep)
}

// Watch calls beforeSleep before each sleep, on a goroutine of its own, and
// holds the sleep back until it returns or the timeout passes; see the
// package documentation for how. It runs until ctx ends, and then returns
// ctx's error. It returns early with an error when it cannot start (one
// wrapping [ErrUnsupported] where there is no way to watch) or when the
// connection to logind ends (one wrapping [ErrDisconnected]).
func (w *Watcher) Watch(ctx context.Context, beforeSleep func(ctx context.Context)) error {
	return w.watch(ctx, beforeSleep)
}

// manager is the part of logind that the watch uses; the tests drive the
// watch through a fake.
type manager interface {
	// Inhibit takes a delay inhibitor lock on sleep, released by closing
	// it.
	Inhibit(ctx context.Context) (io.Closer, error)
	// PrepareForSleep delivers the signal's argument: true before a sleep,
	// false after the resume. It is closed when the connection ends.
	PrepareForSleep() <-chan bool
}

func (w *Watcher) timeout() time.Duration {
	if w.Timeout > 0 {
		return w.Timeout
	}
	return DefaultTimeout
}

func (w *Watcher) logf(format string, args ...any) {
	if w.Logf != nil {
		w.Logf(format, args...)
	}
}

// overran logs that beforeSleep ran out of time, when err, its ctx's
// error as it returned, says so.
func (w *Watcher) overran(err error) {
	if errors.Is(err, context.DeadlineExceeded) {
		w.logf("the call before sleep did not finish within %v; letting the sleep go on", w.timeout())
	}
}

// run is the protocol: hold an inhibitor while awake; before a sleep, call
// beforeSleep and release the inhibitor when it returns or the timeout
// passes; after the resume, take a new one. The first inhibitor must be
// granted; a later refusal is logged, and the next sleep still calls
// beforeSleep, only without holding the sleep back.
func (w *Watcher) run(ctx context.Context, m manager, beforeSleep func(context.Context)) error {
	lock, err := m.Inhibit(ctx)
	if err != nil {
		return err
	}
	release := func() {
		if lock != nil {
			if err := lock.Close(); err != nil {
				w.logf("releasing the sleep inhibitor: %v", err)
			}
			lock = nil
		}
	}
	defer release()
	take := func() {
		if lock != nil {
			return
		}
		l, err := m.Inhibit(ctx)
		if err != nil {
			if ctx.Err() == nil {
				w.logf("taking a sleep inhibitor after the resume: %v; the next sleep will not wait for the lock", err)
			}
			return
		}
		lock = l
	}

	var (
		events  = m.PrepareForSleep()
		asleep  bool        // between PrepareForSleep(true) and (false)
		running chan error  // gets beforeSleep's ctx.Err() when it returns; nil when it is not running
		holding *time.Timer // set while the sleep waits for beforeSleep
		overrun <-chan time.Time
	)
	// letGo lets the sleep go on, and takes a new inhibitor if the resume
	// has come already.
	letGo := func() {
		holding.Stop()
		holding, overrun = nil, nil
		release()
		if !asleep {
			take()
		}
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()

		case going, ok := <-events:
			if !ok {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return ErrDisconnected
			}
			asleep = going
			switch {
			case going && holding != nil:
				// A second "sleep" while waiting: keep waiting.
			case going && running != nil:
				w.logf("going to sleep while the last call before sleep still runs; not waiting for it")
				release()
			case going:
				cctx, cancel := context.WithTimeout(ctx, w.timeout())
				done := make(chan error, 1)
				go func() {
					defer cancel()
					beforeSleep(cctx)
					done <- cctx.Err()
				}()
				running = done
				holding = time.NewTimer(w.timeout())
				overrun = holding.C
			case holding == nil:
				// Resumed: ready for the next sleep. While still waiting
				// for beforeSleep, letGo takes the new inhibitor instead.
				take()
			}

		case err := <-running:
			running = nil
			if holding != nil {
				w.overran(err)
				letGo()
			}

		case <-overrun:
			select {
			case err := <-running: // returned just now
				running = nil
				w.overran(err)
			default:
				w.overran(context.DeadlineExceeded)
			}
			letGo()
		}
	}
}
