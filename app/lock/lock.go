// Package lock locks the desktop session and checks that it really is
// locked.
//
// A [Chain] holds the ways to lock this desktop ([Method]s), in order of
// preference, and the ways to tell whether it is locked ([Verifier]s).
// [Chain.Lock] first asks the verifiers: a session that is already locked is
// left alone (Method [AlreadyLocked]). Otherwise it tries the methods in
// turn; after each it polls every verifier, every [DefaultPoll], for up to
// [Chain.Timeout]. The first method whose lock a verifier confirms wins; a
// method that fails, or whose lock nobody confirms in time, is recorded as a
// failed [Attempt] and the next one is tried. A method "succeeding" is never
// taken as proof: only a verifier is. [Chain.Locked] asks the verifiers
// alone, as the agent does while it waits for the unlock.
//
// [Platform] builds the chain of the running OS. Its first method is the
// policy's lock.command, when IT set one.
//
// The package is Fyne-free and never prints: results are values, errors are
// lowercase, wrapped around the sentinels below ([ErrNotInstalled],
// [ErrNotOnBus], [ErrNotVerified], …) so that the UI can translate them.
//
// # Linux
//
// Methods, in order (names as in [Attempt.Method]):
//
//   - "lock.command:PROGRAM": the policy's lock.command (argv, not a shell
//     line), started and not waited for: `i3lock -n` stays in the foreground
//     until the unlock. The process gets its own process group (a Ctrl-C
//     meant for the agent must not unlock the screen) and is reaped in the
//     background. If it exits with an error before the lock is verified,
//     the attempt fails at once with the first line of its stderr. When its
//     attempt fails, because it exited with an error or because a verifier
//     answered "not locked" until the Timeout, the chain gives up on it and
//     ends its whole process group (SIGTERM, then SIGKILL for what is left
//     a second later): a hanging locker would otherwise leave one more
//     process behind at every lock. It is left running when it is verified
//     (`i3lock -n` runs until the unlock), when no verifier could answer at
//     all (it may be a locker nobody can see, and ending it could unlock
//     the screen), and when the chain stops waiting because its context
//     ended.
//   - "freedesktop-screensaver", "gnome-screensaver": Lock on
//     org.freedesktop.ScreenSaver and org.gnome.ScreenSaver over the session
//     bus (KDE answers on the first, GNOME Shell on the second).
//   - "loginctl": `loginctl lock-session`, which asks logind to tell the
//     session's locker (xss-lock, the desktop's own) to lock.
//   - "xdg-screensaver": `xdg-screensaver lock`.
//   - "xscreensaver-command": `xscreensaver-command -lock`.
//   - The standalone screen lockers that are installed when the chain is
//     built, in this order, started like lock.command (and given up on
//     the same way): on X11 "i3lock" (`i3lock -n`), "xsecurelock" (with
//     XSECURELOCK_NO_COMPOSITE=1, so that it maps a window over the
//     screen that the x11-grab check sees, rather than draw into the
//     Composite overlay window, where it cannot; its README warns that
//     notifications may then show above it) and "slock"; on Wayland
//     "swaylock" (`swaylock -f`, which detaches once it has asked the
//     compositor for the lock). One that is lock.command already is left
//     out. The X11 lockers are not used in a Wayland session, where they
//     would cover only the X11 windows.
//
// A method whose program or D-Bus name is absent fails at once
// ("xscreensaver-command: not installed", "org.gnome.ScreenSaver is not on
// the session bus"). Programs are looked up in the PATH of the [Env], never
// in relative PATH entries. The programs other than lock.command are started
// the same way, so a slow one never holds up the chain.
//
// Verifiers, all asked at once; the first in this order that says locked
// is named in [Result.VerifiedBy]:
//
//   - "freedesktop-screensaver", "gnome-screensaver": GetActive over the
//     session bus. Caveat: with a screensaver that may blank without locking
//     (Xfce's when its lock is off), "active" is not "locked".
//   - "logind": the LockedHint of our logind session, over the system bus.
//     Only lockers that set it (GNOME's and KDE's do) make it true.
//   - "xscreensaver": `xscreensaver-command -time` says "screen locked"
//     ("blanked" and "non-blanked" are not locked).
//   - "x11-grab": an X11 probe that sees lockers which tell nobody, such as
//     i3lock, slock or xscreensaver. It says locked only when both (1) the
//     topmost mapped windows of the root window are override-redirect
//     windows that together cover every monitor (RandR CRTCs, or the root
//     window without RandR), and (2) a GrabKeyboard on the root window
//     answers AlreadyGrabbed or Frozen: another client holds the keyboard.
//     Grendel's own privacy screen looks just like that, so a window
//     marked with [CoverMarker] among those on top makes the probe answer
//     [ErrCovered] (cannot tell) instead: a cover is never a lock, also not
//     an orphaned one left by an agent that was killed.
//     Check (1) keeps an open menu, which also grabs the keyboard, from
//     passing for a locker, and spares an unlocked desktop any grab. Before
//     any method runs, [Chain.Lock]'s first look also asks for the keyboard
//     when nothing covers the screen: if a menu holds it then, a locker's
//     window over that grab proves nothing (i3lock puts up its window, then
//     waits seconds for the keyboard before it gives up), and the probe
//     says it cannot tell until it has seen the keyboard free. When the
//     probe does get the keyboard it lets go in the very next request, so
//     a locker starting at that moment (i3lock and xscreensaver both retry
//     their grab) is not in its way. Blind spots: a locker that draws into
//     the Composite overlay window (xsecurelock with a compositor), a
//     Wayland locker, screens other than the default one, and a grab that
//     a menu takes after the first look; a fullscreen override-redirect
//     game that holds the keyboard would pass for a lock.
//   - "swaylock", only with swaylock in the chain: a swaylock process of
//     ours that detached into a session of its own, as `swaylock -f` does
//     once it asked for the lock (a lock the compositor refuses ends it
//     before). This is swaylock's word, not a look at the screen: no
//     Wayland compositor tells other clients whether it is locked.
//
// # Readiness
//
// [Chain.Probe] tells, without locking, which methods could lock now
// ([Prober]): lock.command and the standalone lockers when their program
// is installed; the D-Bus screensavers when their name has an owner on
// the session bus ([Unknown] when the bus could only start one);
// loginctl when a program that locks on logind's request runs for our
// user (xss-lock, light-locker, xfce4-screensaver, mate-screensaver,
// cinnamon-screensaver, gnome-shell, ksmserver, xscreensaver-systemd,
// swayidle, hypridle); xdg-screensaver when one of the screensavers it
// hands the lock to is on the bus or runs (it only blanks the screen on
// other desktops); xscreensaver-command when the xscreensaver daemon
// runs. Running programs are read from /proc, by argv[0].
//
// The probe connects with github.com/jezek/xgb, which reports a connection
// without an Xauthority entry (as under Xvfb) through its package-level
// xgb.Logger, on stderr by default; this package leaves that global to the
// program's wiring.
//
// Every D-Bus call goes over a connection of its own, closed after use,
// never over the shared dbus.SessionBus (which fyne.io/systray closes).
//
// # Windows
//
// One method, "LockWorkStation" (user32.dll, loaded from System32),
// ready unless the policy "Remove Lock Computer" (DisableLockWorkstation)
// turns it off for the user or the machine. One
// verifier, "wts-session": WTSQuerySessionInformation(WTSSessionInfoEx)
// reports the session's SessionFlags, WTS_SESSIONSTATE_LOCK when it is
// locked (on Windows 7 and Server 2008 R2 the flag's two values are
// swapped, and this is corrected). It is preferred to asking whether the
// input desktop is "Winlogon", which is also true while a UAC prompt is up
// on the secure desktop: a false "locked" would leave the screen open.
// This code is vet-clean for windows and its parser is tested on every OS,
// but it has not been run on Windows here.
//
// # macOS
//
// Methods ([Unknown] to [Chain.Probe]: whether they lock depends on
// settings it cannot read): "osascript", which sends the lock shortcut Control-Command-Q to
// System Events (a real lock, but only once the agent has the Accessibility
// permission; without it osascript fails at once), then "pmset", `pmset
// displaysleepnow`, which needs no permission but locks only when "require
// password after the display is turned off" is set to immediately. Trying
// both in this order lets the verifier decide which one worked. Verifier
// "ioreg": `ioreg -n Root -d1 -a` has IOConsoleLocked true, or our console
// user's entry has CGSSessionScreenIsLocked true. This code is vet-clean
// for darwin and its parser is tested on every OS, but it has not been run
// on a Mac here.
//
// # Other systems
//
// Only the policy's lock.command is tried, and nothing can verify it, so
// [Chain.Lock] never reports a lock as verified there, and [Chain.Probe]
// never reports it [Ready]; with no lock.command its one method fails
// naming the OS ([ErrUnsupported]).
package lock

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Defaults for the zero fields of a [Chain].
const (
	// DefaultTimeout is how long a method's lock may take to be verified.
	DefaultTimeout = 3 * time.Second
	// DefaultPoll is how often the verifiers are asked while waiting.
	DefaultPoll = 75 * time.Millisecond
	// CheckTimeout bounds one verifier's answer; a verifier that takes
	// longer counts as unable to answer in that round.
	CheckTimeout = time.Second
)

// AlreadyLocked is the [Result.Method] of a session that was locked before
// any method was tried.
const AlreadyLocked = "already-locked"

// Sentinel errors, wrapped by the errors in [Attempt.Err] and [Result.Err].
var (
	// ErrNotInstalled: a method's or verifier's program is not in PATH.
	ErrNotInstalled = errors.New("not installed")
	// ErrNotOnBus: a D-Bus name has no owner and cannot be activated.
	ErrNotOnBus = errors.New("not on the session bus")
	// ErrNotVerified: a method ran, but no verifier confirmed the lock in time.
	ErrNotVerified = errors.New("not verified")
	// ErrNoMethod: the chain has no method to try.
	ErrNoMethod = errors.New("no lock method")
	// ErrUnsupported: this OS has no built-in way to lock or to check.
	ErrUnsupported = errors.New("unsupported on this platform")
)

// Method is one way to lock the session.
type Method interface {
	// Name names the method in results, e.g. "loginctl".
	Name() string
	// Lock asks for the lock. A nil error means the request was made, not
	// that the session is locked: the [Chain] checks that with its
	// verifiers.
	Lock(ctx context.Context) error
}

// Verifier is one way to tell whether the session is locked.
type Verifier interface {
	// Name names the verifier in results, e.g. "x11-grab".
	Name() string
	// Locked reports whether the session is locked. An error means this
	// verifier cannot tell (its service is absent, say), not "unlocked".
	Locked(ctx context.Context) (bool, error)
}

// baseliner is a [Verifier] that learns from a look at the session before
// any method runs: [Chain.Lock] calls baseline instead of Locked for its
// first check.
type baseliner interface {
	baseline(ctx context.Context) (bool, error)
}

// starter is a [Method] that leaves a process running when it returns.
// The chain calls start instead of Lock, and watches exited while it
// waits for the verification: a value there is the process's end, with an
// error when it failed. The channel is buffered, so nobody has to read it.
// The chain calls giveUp when it gives up on the process: giveUp ends it
// and everything it started, and returns at once.
type starter interface {
	start(ctx context.Context) (exited <-chan error, giveUp func(), err error)
}

// Chain is a verified locker: methods to try in order and verifiers to
// confirm them. The zero values of Timeout, Poll, Now and Sleep mean the
// defaults; tests replace the clock. A Chain may be used by several
// goroutines at once, provided its methods and verifiers allow it.
type Chain struct {
	// Methods are tried in order until one is verified.
	Methods []Method
	// Verifiers are asked, all at once, after each method; the first in
	// this order that says "locked" is the one reported.
	Verifiers []Verifier
	// Timeout is how long to wait for a verifier to confirm each method's
	// lock, and how long a method's own call may take; 0 means
	// [DefaultTimeout].
	Timeout time.Duration
	// Poll is the wait between two rounds of verification; 0 means
	// [DefaultPoll].
	Poll time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Sleep waits for d or until ctx is done, returning ctx's error then;
	// nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Attempt is one method's try.
type Attempt struct {
	// Method is the method's name.
	Method string
	// Err says why the attempt failed; nil when it was verified.
	Err error
	// Verified is true when a verifier confirmed the lock.
	Verified bool
	// VerifiedBy names that verifier.
	VerifiedBy string
	// Took is the time from the method's start to its verification, or to
	// giving up on it.
	Took time.Duration
}

// Result is the outcome of [Chain.Lock].
type Result struct {
	// Verified is true when a verifier confirmed that the session is locked.
	Verified bool
	// Method locked the session ([AlreadyLocked] if it was locked before);
	// VerifiedBy confirmed it. Both are empty when Verified is false.
	Method, VerifiedBy string
	// Attempts holds every method tried, in order.
	Attempts []Attempt
	// Err is set when the chain stopped before trying every method (the
	// context ended) or had none to try; the attempts hold the rest.
	Err error
	// Took is the time from the call to the verification, or to giving up.
	Took time.Duration
}

// Lock locks the session and verifies it; see the package documentation
// for the order of things. It returns when a lock is verified, every method
// has failed, or ctx is done.
func (c *Chain) Lock(ctx context.Context) Result {
	start := c.now()
	if locked, by, _ := c.check(ctx, true); locked {
		return Result{Verified: true, Method: AlreadyLocked, VerifiedBy: by, Took: c.now().Sub(start)}
	}
	var r Result
	if len(c.Methods) == 0 {
		r.Err = ErrNoMethod
	}
	for _, m := range c.Methods {
		if err := ctx.Err(); err != nil {
			r.Err = fmt.Errorf("stopped before %s: %w", m.Name(), err)
			break
		}
		a := c.attempt(ctx, m)
		r.Attempts = append(r.Attempts, a)
		if a.Verified {
			r.Verified, r.Method, r.VerifiedBy = true, a.Method, a.VerifiedBy
			break
		}
	}
	r.Took = c.now().Sub(start)
	return r
}

// Locked reports whether the session is locked now, and which verifier
// says so. It is false with no verifier, or when none can tell.
func (c *Chain) Locked(ctx context.Context) (bool, string) {
	locked, by, _ := c.check(ctx, false)
	return locked, by
}

// MethodNames returns the names of the chain's methods, in order.
func (c *Chain) MethodNames() []string {
	names := make([]string, len(c.Methods))
	for i, m := range c.Methods {
		names[i] = m.Name()
	}
	return names
}

// VerifierNames returns the names of the chain's verifiers, in order.
func (c *Chain) VerifierNames() []string {
	names := make([]string, len(c.Verifiers))
	for i, v := range c.Verifiers {
		names[i] = v.Name()
	}
	return names
}

// attempt runs one method and waits for its verification.
func (c *Chain) attempt(ctx context.Context, m Method) (a Attempt) {
	start := c.now()
	a.Method = m.Name()
	defer func() { a.Took = c.now().Sub(start) }()

	mctx, cancel := context.WithTimeout(ctx, c.timeout())
	var exited <-chan error
	giveUp := func() {}
	var err error
	if s, ok := m.(starter); ok {
		exited, giveUp, err = s.start(mctx)
	} else {
		err = m.Lock(mctx)
	}
	cancel()
	if err != nil {
		a.Err = err
		return a
	}

	deadline := c.now().Add(c.timeout())
	for {
		locked, by, errs := c.check(ctx, false)
		if locked {
			a.Verified, a.VerifiedBy = true, by
			return a
		}
		select {
		case err := <-exited:
			if err != nil {
				giveUp() // what it started before it failed
				a.Err = err
				return a
			}
			exited = nil // it ended well, having handed over (or daemonized)
		default:
		}
		if err := ctx.Err(); err != nil {
			a.Err = fmt.Errorf("%w: stopped waiting: %w", ErrNotVerified, err)
			return a
		}
		if !c.now().Before(deadline) {
			if len(errs) < len(c.Verifiers) {
				giveUp() // a verifier saw no lock for the whole Timeout: it hangs
			}
			a.Err = c.notVerified(errs)
			return a
		}
		if err := c.sleep(ctx, c.poll()); err != nil {
			a.Err = fmt.Errorf("%w: stopped waiting: %w", ErrNotVerified, err)
			return a
		}
	}
}

// notVerified explains a timeout with what the verifiers of the last round
// could not answer: all their reasons when none could, else those that are
// not plain absence (a program not installed, a name not on the bus).
func (c *Chain) notVerified(errs []error) error {
	err := fmt.Errorf("%w within %v", ErrNotVerified, c.timeout())
	for _, e := range errs {
		if errors.Is(e, ErrCovered) {
			// Nothing else matters: our own cover holds the keyboard.
			return fmt.Errorf("%w: %w", err, e)
		}
	}
	if len(c.Verifiers) == 0 {
		return fmt.Errorf("%w: the chain has no verifier", err)
	}
	if len(errs) == len(c.Verifiers) {
		return fmt.Errorf("%w; no verifier could answer: %s", err, joinErrors(errs))
	}
	var unsure []error
	for _, e := range errs {
		if !errors.Is(e, ErrNotInstalled) && !errors.Is(e, ErrNotOnBus) {
			unsure = append(unsure, e)
		}
	}
	if len(unsure) > 0 {
		return fmt.Errorf("%w; could not answer: %s", err, joinErrors(unsure))
	}
	return err
}

// check asks every verifier at once, each for at most [CheckTimeout], and
// returns the first in the chain's order that says "locked", or the errors
// of those that could not tell. first marks the look before any method.
func (c *Chain) check(ctx context.Context, first bool) (locked bool, by string, errs []error) {
	type answer struct {
		locked bool
		err    error
	}
	answers := make([]answer, len(c.Verifiers))
	var wg sync.WaitGroup
	for i, v := range c.Verifiers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vctx, cancel := context.WithTimeout(ctx, CheckTimeout)
			defer cancel()
			var ok bool
			var err error
			if b, isB := v.(baseliner); first && isB {
				ok, err = b.baseline(vctx)
			} else {
				ok, err = v.Locked(vctx)
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", v.Name(), err)
			}
			answers[i] = answer{ok && err == nil, err}
		}()
	}
	wg.Wait()
	for i, a := range answers {
		if a.locked {
			return true, c.Verifiers[i].Name(), nil
		}
		if a.err != nil {
			errs = append(errs, a.err)
		}
	}
	return false, "", errs
}

func (c *Chain) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Chain) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Chain) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Chain) poll() time.Duration {
	if c.Poll > 0 {
		return c.Poll
	}
	return DefaultPoll
}

// joinErrors writes errors on one line, for logs and status lines.
func joinErrors(errs []error) string {
	s := make([]string, len(errs))
	for i, err := range errs {
		s[i] = err.Error()
	}
	return strings.Join(s, "; ")
}
