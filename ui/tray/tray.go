// Package tray shows the resident agent's icon and menu in the system tray
// (the notification area on Windows, the menu bar on macOS, a
// StatusNotifierItem over D-Bus on Linux and the BSDs).
//
// It is built on [fyne.io/systray] alone and never starts Fyne's GL driver:
// the resident agent must stay small (a Fyne app with only a tray icon costs
// about 99 MB and keeps a CPU busy; systray over D-Bus costs about 22 MB and
// none). Its labels are translated with [fyne.io/fyne/v2/lang], which the
// program loads from [grendel/assets.Translations] before it calls [Run].
//
// # Using it
//
// Call [Available] first; if it fails, run the agent without a tray and
// say why. Then call [Run] once, with a [Menu], and keep the [*Tray] it hands
// to the ready callback to change the menu later with [Tray.Update], for
// example when the policy is reloaded.
//
// # Threads
//
// On macOS, [Run] must be called from the main goroutine (systray locks it to
// the main thread in its init, and Cocoa runs there). On Windows and Linux it
// may be called from any goroutine; it locks its OS thread itself because the
// Windows message loop must run on the thread that made the tray's window.
//
// # D-Bus
//
// On Linux, systray talks over godbus's shared connection
// (dbus.SessionBus) and closes it when it quits. Other code in the same
// process should open a connection of its own (dbus.ConnectSessionBus)
// instead of sharing that one.
//
// # Once per process
//
// fyne.io/systray keeps its state in package variables and cannot be
// started again after it quit, so [Run] works once per process; a second
// call returns [ErrAlreadyRun].
package tray

import (
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/ui/i18n"
)

// appName is the program's name. It is a brand, so it is not translated.
const appName = "Grendel"

// Icon names under assets/icons.
const (
	iconNormal  = "tray.png"
	iconWarning = "tray-warning.png"
	iconPaused  = "tray-paused.png"
)

// ErrNoSessionBus reports that there is no D-Bus session bus to show a
// StatusNotifierItem on. [Available] and [Run] wrap it with the reason.
var ErrNoSessionBus = errors.New("no D-Bus session bus")

// ErrNoHost reports that no tray host is there to show the icon: on Linux
// nothing owns org.kde.StatusNotifierWatcher on the session bus (GNOME
// shows tray icons only with the AppIndicator extension). The icon appears
// by itself once a host starts. [WatchHost] reports it.
var ErrNoHost = errors.New("no panel on this desktop shows tray icons")

// ErrNoNotificationArea reports that Windows has no taskbar notification
// area to show the icon in: Explorer's taskbar (the window class
// Shell_TrayWnd) is not running, as under Wine without a display.
// systray would then fail to add its icon, log it, and never end its
// loop, so [Run] returns this error first.
var ErrNoNotificationArea = errors.New("no taskbar notification area (Explorer's taskbar is not running)")

// ErrAlreadyRun reports a second call of [Run] in one process; systray cannot
// be started twice.
var ErrAlreadyRun = errors.New("tray: Run was already called in this process")

// Menu is what the tray shows and what its items do. The package translates
// its own labels; Menu holds only state and actions.
//
// The callbacks run one at a time on a goroutine of the tray, never on the
// platform's event loop, so they may take a moment; a click that arrives
// while the same callback is still running is merged into one more call.
type Menu struct {
	// OnStatus opens the status window. The "Status…" item is shown only
	// when OnStatus is set. If it is set when [Run] starts, the primary
	// click on the icon calls it too where the platform has one (Windows,
	// macOS, and Linux hosts that call Activate), and the menu opens on the
	// secondary click; that choice is made once, as systray allows.
	OnStatus func()

	// OnQuit is called when the user picks "Quit Grendel"; [Run] returns
	// after it. It may be nil.
	OnQuit func()

	// AskQuit, when set, is called instead of OnQuit when the user picks
	// "Quit Grendel…": it asks the user to confirm, in a window of its
	// own, and the tray keeps running; the caller ends [Run] through its
	// context once the user has confirmed.
	AskQuit func()

	// AllowQuit shows the "Quit Grendel" item. When it is false (the policy
	// forbids quitting) the item is hidden and a click that raced with the
	// change is ignored.
	AllowQuit bool

	// Warning shows the icon with an amber mark and a tooltip saying that
	// the policy has a problem.
	Warning bool

	// OnLock locks the session now; the "Lock now" item is shown only when
	// it is set.
	OnLock func()

	// OnPresent starts presentation mode for PresentMax, or ends it while
	// PresentLeft > 0. The item is shown only when OnPresent is set and
	// PresentMax > 0 (the policy allows presentation mode).
	OnPresent   func()
	PresentMax  time.Duration
	PresentLeft time.Duration

	// OnSettings opens the user's own settings; the "Settings…" item is
	// shown only when it is set.
	OnSettings func()

	// OnCheck and OnGenerate open the password check and the generator;
	// their items are shown only when they are set.
	OnCheck, OnGenerate func()

	// OnShares opens the share passwords; the item is shown only when it
	// is set.
	OnShares func()

	// OnFile opens "Check a file" (personal data in a CSV or XLSX file);
	// the item is shown only when it is set.
	OnFile func()

	// OnSend opens "Send a file safely" (encrypt, verify, the texts for
	// e-mail and SMS); the item is shown only when it is set.
	OnSend func()

	// Countdown, when positive, is the time left before the idle lock: the
	// icon and tooltip say the lock is coming.
	Countdown time.Duration

	// Lock is what the idle lock will do, as the agent's last look at its
	// lock chain found; the tooltip says it, and when nothing can lock the
	// icon warns. The zero value says nothing.
	Lock LockOutlook
}

// LockOutlook is what the idle lock will do.
type LockOutlook struct {
	// Verdict is "locks" (a locker is ready), "maybe" (one may lock, which
	// cannot be checked beforehand), "none" (nothing can lock: the screen
	// will only be covered) or "" (not known yet).
	Verdict string
	// Locker names the locker in the user's words ("i3lock", "GNOME's
	// screen lock").
	Locker string
	// After is the time without input before the lock; 0 when the agent
	// cannot tell idle time, and locks only when asked.
	After time.Duration
}

// itemID names the fixed items of the menu, in the order they appear.
type itemID int

const (
	itemLock itemID = iota
	itemPresent
	itemCheck
	itemGenerate
	itemShares
	itemFile
	itemSend
	itemSettings
	itemStatus
	itemQuit
	itemCount
)

// entry is one menu item as the tray shows it.
type entry struct {
	label   string
	visible bool
}

// view is everything the tray shows for a [Menu]: icon, texts and items.
// It holds no functions, so two views can be compared with ==.
type view struct {
	icon    string // name under assets/icons
	title   string // StatusNotifierItem title; unused on macOS, where it would show as text
	tooltip string
	items   [itemCount]entry
}

// render decides what the tray shows for m. It is pure apart from reading
// the translations loaded into [lang].
func render(m Menu) view {
	v := view{
		icon:    iconNormal,
		title:   appName,
		tooltip: lang.X("tray.tooltip.ok", "Grendel is active"),
	}
	switch {
	case m.Countdown > 0:
		v.icon = iconWarning
		v.tooltip = lang.X("tray.tooltip.countdown", "Grendel: locking in {{.Left}}",
			map[string]string{"Left": seconds(m.Countdown)})
	case m.PresentLeft > 0:
		v.icon = iconPaused
		v.tooltip = lang.X("tray.tooltip.presenting", "Grendel: presentation mode, auto-lock paused ({{.Left}} left)",
			map[string]string{"Left": minutes(m.PresentLeft)})
	case m.Lock.Verdict == "none":
		v.icon = iconWarning
		v.tooltip = lang.X("tray.tooltip.no_lock", "Grendel: no screen locker found — the screen will only be covered, not locked")
	case m.Warning:
		v.icon = iconWarning
		v.tooltip = lang.X("tray.tooltip.warning", "Grendel: there is a problem with the policy")
	case m.Lock.Verdict == "locks" && m.Lock.After > 0:
		v.tooltip = lang.X("tray.tooltip.locks", "Grendel: locks with {{.Locker}} after {{.After}} without input",
			map[string]string{"Locker": m.Lock.Locker, "After": i18n.Duration(m.Lock.After)})
	case m.Lock.Verdict == "maybe" && m.Lock.After > 0:
		v.tooltip = lang.X("tray.tooltip.maybe", "Grendel: tries to lock with {{.Locker}} after {{.After}} without input; if that fails, the screen is only covered",
			map[string]string{"Locker": m.Lock.Locker, "After": i18n.Duration(m.Lock.After)})
	}
	v.items[itemLock] = entry{
		label:   lang.X("tray.lock", "Lock now"),
		visible: m.OnLock != nil,
	}
	present := entry{
		label:   lang.X("tray.present", "Presentation mode ({{.Max}})", map[string]string{"Max": minutes(m.PresentMax)}),
		visible: m.OnPresent != nil && m.PresentMax > 0,
	}
	if m.PresentLeft > 0 {
		present.label = lang.X("tray.present_end", "End presentation mode ({{.Left}} left)", map[string]string{"Left": minutes(m.PresentLeft)})
	}
	v.items[itemPresent] = present
	v.items[itemCheck] = entry{
		label:   lang.X("tray.check", "Check a password…"),
		visible: m.OnCheck != nil,
	}
	v.items[itemGenerate] = entry{
		label:   lang.X("tray.generate", "Generate a password…"),
		visible: m.OnGenerate != nil,
	}
	v.items[itemShares] = entry{
		label:   lang.X("tray.shares", "Share passwords…"),
		visible: m.OnShares != nil,
	}
	v.items[itemFile] = entry{
		label:   lang.X("tray.file", "Check a file…"),
		visible: m.OnFile != nil,
	}
	v.items[itemSend] = entry{
		label:   lang.X("tray.send", "Send a file safely…"),
		visible: m.OnSend != nil,
	}
	v.items[itemSettings] = entry{
		label:   lang.X("tray.settings", "Settings…"),
		visible: m.OnSettings != nil,
	}
	v.items[itemStatus] = entry{
		label:   lang.X("tray.status", "Status…"),
		visible: m.OnStatus != nil,
	}
	v.items[itemQuit] = entry{
		label:   lang.X("tray.quit", "Quit Grendel"),
		visible: m.AllowQuit,
	}
	if m.AskQuit != nil {
		v.items[itemQuit].label = lang.X("tray.quit_ask", "Quit Grendel…")
	}
	return v
}

// Tray is a running tray icon. [Run] hands it to its ready callback; its
// methods are safe to call from any goroutine, also after Run returned.
type Tray struct {
	mu    sync.Mutex
	menu  Menu
	shown view
	// apply shows next on the platform's tray, given what it shows now.
	// It is nil before the tray is ready and after it stopped.
	apply func(shown, next view)

	// statusReq, quitReq, lockReq, presentReq and settingsReq hold at most
	// one pending click each.
	statusReq, quitReq, lockReq, presentReq, settingsReq chan struct{}
	checkReq, generateReq, sharesReq, fileReq, sendReq   chan struct{}
}

// minutes writes a duration for the menu in words, rounded up to whole
// minutes: "1 hour", "45 minutes", "1 hour 30 minutes".
func minutes(d time.Duration) string {
	return i18n.Duration((d + time.Minute - 1).Truncate(time.Minute))
}

// seconds writes a duration in words, rounded up to whole seconds, so that
// a countdown never says 0 before its end: "30 seconds", "1 minute 5
// seconds".
func seconds(d time.Duration) string {
	return i18n.Duration((d + time.Second - 1).Truncate(time.Second))
}

// newTray returns a Tray for m that shows nothing yet.
func newTray(m Menu) *Tray {
	return &Tray{
		menu:       m,
		statusReq:  make(chan struct{}, 1),
		quitReq:    make(chan struct{}, 1),
		lockReq:    make(chan struct{}, 1),
		presentReq: make(chan struct{}, 1),

		settingsReq: make(chan struct{}, 1),
		checkReq:    make(chan struct{}, 1),
		generateReq: make(chan struct{}, 1),
		sharesReq:   make(chan struct{}, 1),
		fileReq:     make(chan struct{}, 1),
		sendReq:     make(chan struct{}, 1),
	}
}

// Update replaces the menu: its callbacks, whether Quit is shown and whether
// the warning is shown. It does nothing once the tray has stopped.
func (t *Tray) Update(m Menu) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.menu = m
	if t.apply == nil {
		return
	}
	next := render(m)
	if next != t.shown {
		t.apply(t.shown, next)
		t.shown = next
	}
}

// current returns the menu as last set.
func (t *Tray) current() Menu {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.menu
}

// start installs apply and shows the current menu with it; from then on
// [Tray.Update] shows changes. initial is what the platform shows already.
func (t *Tray) start(initial view, apply func(shown, next view)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.apply = apply
	t.shown = initial
	next := render(t.menu)
	apply(initial, next)
	t.shown = next
}

// stop makes [Tray.Update] a no-op.
func (t *Tray) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.apply = nil
}

// request records a click on item without blocking the caller, which is the
// platform's event loop; clicks on the same item merge while one is pending.
// A click on Quit while quitting is not allowed is dropped here, and again
// by serve if the policy changed while it was pending.
func (t *Tray) request(item itemID) {
	ch := t.statusReq
	switch item {
	case itemQuit:
		if !t.current().AllowQuit {
			return
		}
		ch = t.quitReq
	case itemLock:
		ch = t.lockReq
	case itemPresent:
		ch = t.presentReq
	case itemSettings:
		ch = t.settingsReq
	case itemCheck:
		ch = t.checkReq
	case itemGenerate:
		ch = t.generateReq
	case itemShares:
		ch = t.sharesReq
	case itemFile:
		ch = t.fileReq
	case itemSend:
		ch = t.sendReq
	}
	select {
	case ch <- struct{}{}:
	default:
	}
}

// serve runs the callbacks for recorded clicks until done is closed. It
// calls quit after OnQuit when the user chose to quit while that was
// allowed, unless AskQuit is set: then it calls AskQuit and goes on.
func (t *Tray) serve(done <-chan struct{}, quit func()) {
	for {
		select {
		case <-done:
			return
		case <-t.statusReq:
			if f := t.current().OnStatus; f != nil {
				f()
			}
		case <-t.lockReq:
			if f := t.current().OnLock; f != nil {
				f()
			}
		case <-t.settingsReq:
			if f := t.current().OnSettings; f != nil {
				f()
			}
		case <-t.checkReq:
			if f := t.current().OnCheck; f != nil {
				f()
			}
		case <-t.generateReq:
			if f := t.current().OnGenerate; f != nil {
				f()
			}
		case <-t.sharesReq:
			if f := t.current().OnShares; f != nil {
				f()
			}
		case <-t.fileReq:
			if f := t.current().OnFile; f != nil {
				f()
			}
		case <-t.sendReq:
			if f := t.current().OnSend; f != nil {
				f()
			}
		case <-t.presentReq:
			if m := t.current(); m.OnPresent != nil && (m.PresentMax > 0 || m.PresentLeft > 0) {
				m.OnPresent()
			}
		case <-t.quitReq:
			m := t.current()
			if !m.AllowQuit {
				continue
			}
			if m.AskQuit != nil {
				m.AskQuit()
				continue
			}
			if m.OnQuit != nil {
				m.OnQuit()
			}
			quit()
			return
		}
	}
}
