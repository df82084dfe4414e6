// Package idle tells how long the user of this desktop has been idle: the
// time since the last keyboard or pointer input.
//
// A [Source] is one way to ask. [Platform] lists the sources of the running
// OS in order of preference; [Detect] tries them in turn and keeps the first
// that answers, and reports every [Attempt] so that the agent can say why
// the others were passed over. A source that cannot work here at all fails
// with an error wrapping [ErrUnsupported] that names the source and the
// reason ("mutter: org.gnome.Mutter.IdleMonitor is not on the session bus").
//
// The package is Fyne-free and never prints. Sources keep their connection
// open between calls, so that [Source.Idle] is cheap enough to call every
// second; every call honours its context, even when the X server or a bus
// stops answering.
//
// # Linux
//
// Sources, in order (names as in [Source.Name]):
//
//   - "x11": the MIT-SCREEN-SAVER extension of the X server in $DISPLAY
//     (QueryInfo's ms-since-user-input), over one connection kept open and
//     reopened if it breaks. Unsupported without DISPLAY, without the
//     extension, and in a Wayland session (WAYLAND_DISPLAY set): on Xwayland
//     the X server sees only the input that goes to X windows, so its idle
//     time keeps growing while the user types into Wayland windows.
//   - "mutter": GetIdletime of org.gnome.Mutter.IdleMonitor at
//     /org/gnome/Mutter/IdleMonitor/Core on the session bus, in
//     milliseconds: GNOME, on Wayland and on X11.
//   - "kde": GetSessionIdleTime of org.freedesktop.ScreenSaver at
//     /org/freedesktop/ScreenSaver on the session bus. The interface has no
//     specification; KDE's implementation (ksmserver, later kscreenlocker)
//     answers KIdleTime's idle time, in milliseconds, and that is how it is
//     read here (gnome-screensaver's GetSessionIdleTime, on its own
//     org.gnome.ScreenSaver name, counted seconds). Plasma on Wayland
//     answers NotSupported, and KDE 4 always answered 0.
//   - "logind": the IdleHint and IdleSinceHintMonotonic of our logind
//     session on the system bus; the session is $XDG_SESSION_ID, else the
//     session of this process, else the user's display session. A last
//     resort, and a coarse one: logind knows only what the desktop tells it
//     (GNOME sets the hint when its own idle delay expires; many desktops
//     never do), so the idle time reads 0 until then.
//
// On an X11 session "x11" comes first; when WAYLAND_DISPLAY is set "mutter"
// and "kde" come first and "x11" says why it does not apply. The D-Bus
// sources use connections of their own, never the shared dbus.SessionBus
// (which fyne.io/systray closes when it quits), and call with
// NO_AUTO_START: asking for an idle time never starts a service.
//
// # Windows
//
// One source, "windows": GetLastInputInfo (user32.dll) against
// GetTickCount (kernel32.dll), both loaded from System32. Both count
// milliseconds in 32 bits; the difference is taken modulo 2³², so the
// wraparound every 49.7 days does not matter.
//
// # macOS
//
// One source, "macos": the HIDIdleTime (nanoseconds) of IOHIDSystem, read
// without cgo by running /usr/sbin/ioreg -c IOHIDSystem -d 4 -r -k
// HIDIdleTime. Each call starts a process, a few milliseconds.
//
// # Other systems
//
// One source, "none", that fails naming the OS.
package idle

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// ErrUnsupported is wrapped by the errors of a source that cannot work on
// this system or in this session, as opposed to one that failed this time.
var ErrUnsupported = errors.New("idle source not supported here")

// Source tells how long the user has been idle.
type Source interface {
	// Name is the source's stable id: "x11", "mutter", "kde", "logind",
	// "windows", "macos" or "none".
	Name() string
	// Idle returns the time since the user's last input. It may be called
	// from several goroutines; calls are served one at a time. It returns
	// when ctx ends even if the system it asks does not answer.
	Idle(ctx context.Context) (time.Duration, error)
	// Close releases the source's connection. A later Idle opens a new one.
	Close() error
}

// Attempt is what came of trying one source in [Detect].
type Attempt struct {
	// Name is the source's name.
	Name string
	// Err is why the source was not used, nil for the one chosen.
	Err error
}

// DetectTimeout bounds each candidate's first answer in [Detect], so that
// one that hangs does not keep the others from being tried.
const DetectTimeout = 2 * time.Second

// Detect asks each candidate in turn for the idle time and returns the
// first that answers, with an attempt for each candidate tried, the chosen
// one last. The candidates that failed are closed; the ones after the
// chosen one are left untouched. Each candidate gets at most
// [DetectTimeout] of ctx. When none answers the source is nil.
func Detect(ctx context.Context, candidates []Source) (Source, []Attempt) {
	attempts := make([]Attempt, 0, len(candidates))
	for _, s := range candidates {
		tctx, cancel := context.WithTimeout(ctx, DetectTimeout)
		_, err := s.Idle(tctx)
		cancel()
		attempts = append(attempts, Attempt{Name: s.Name(), Err: err})
		if err == nil {
			return s, attempts
		}
		_ = s.Close()
	}
	return nil, attempts
}

// Env is what [Platform] reads from its surroundings.
type Env struct {
	// Getenv returns an environment variable of the desktop session, ""
	// when unset: DISPLAY, WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS,
	// DBUS_SYSTEM_BUS_ADDRESS, XDG_RUNTIME_DIR, XDG_SESSION_ID. Nil means
	// os.Getenv.
	Getenv func(key string) string
}

// unsupported is the [Source] of an OS that has none.
type unsupported struct{}

// Name implements [Source].
func (unsupported) Name() string { return "none" }

// Idle implements [Source].
func (unsupported) Idle(context.Context) (time.Duration, error) {
	return 0, fmt.Errorf("none: no idle source for %s: %w", runtime.GOOS, ErrUnsupported)
}

// Close implements [Source].
func (unsupported) Close() error { return nil }

// serial lets one call at a time do a source's work, and lets a caller give
// up when its context ends while work that cannot be interrupted (a dial, an
// X request) goes on in the background and keeps the turn until it is done.
// So however long a server hangs, at most one goroutine waits on it.
type serial chan struct{}

// newSerial returns a free serial.
func newSerial() serial { return make(serial, 1) }

// do runs work in s's turn and returns its result, or ctx's error (wrapped
// with what) once ctx ends. Work whose caller has given up still runs to its
// end. With a context that never ends, work runs on the caller's goroutine.
func do[T any](ctx context.Context, s serial, what string, work func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	select {
	case s <- struct{}{}:
	case <-ctx.Done():
		return zero, fmt.Errorf("%s: the previous call is still waiting: %w", what, ctx.Err())
	}
	if ctx.Done() == nil {
		defer func() { <-s }()
		return work()
	}
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() { <-s }()
		v, err := work()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return zero, fmt.Errorf("%s: %w", what, ctx.Err())
	}
}
