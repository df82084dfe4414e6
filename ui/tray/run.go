//go:build ((linux || freebsd || openbsd || netbsd) && !android) || windows || (darwin && !ios && cgo)

package tray

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"fyne.io/systray"
)

// ran records that systray was started in this process. systray keeps its
// own state in package variables and cannot run twice, so this mirrors it.
var ran atomic.Bool

// Run shows the tray icon with menu m and blocks until ctx is done or the
// user picks Quit (after [Menu.OnQuit] returned). It returns nil then, and
// at once, showing nothing, if ctx is done already.
//
// It first checks, as [Available] does, that a tray can be shown, and
// returns that error otherwise; it also turns a panic inside systray into an
// error. On Linux it sets DBUS_SESSION_BUS_ADDRESS when it found the bus
// another way, so that systray uses the bus that was checked rather than
// launching one.
//
// ready, if not nil, is called once the menu exists, with the [*Tray] to
// update it; it must return promptly, because on Linux the menu is served
// to the desktop only after it returned. Before Run returns it waits for a
// running callback of the menu to finish. See the package documentation for
// the thread Run must be called on, and why it runs once per process.
func Run(ctx context.Context, m Menu, ready func(*Tray)) error {
	if ctx.Err() != nil {
		return nil
	}
	if !ran.CompareAndSwap(false, true) {
		return ErrAlreadyRun
	}
	if err := prepare(); err != nil {
		ran.Store(false) // systray was not touched; a later try may work
		return err
	}
	return run(ctx, m, ready)
}

// run is [Run] without the checks.
func run(ctx context.Context, m Menu, ready func(*Tray)) error {
	// The Windows message loop must run on the thread that created the
	// tray's window, and systray does both in this goroutine.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	icons := make(map[string][]byte)
	for _, name := range []string{iconNormal, iconWarning, iconPaused} {
		b, err := iconBytes(name, runtime.GOOS)
		if err != nil {
			return fmt.Errorf("tray: icon %s: %w", name, err)
		}
		icons[name] = b
	}

	t := newTray(m)
	var (
		done      = make(chan struct{}) // closed once systray's loop returned
		readyDone = make(chan struct{}) // closed once onReady returned
		userQuit  = make(chan struct{}) // closed when the user picked Quit
		quitOnce  sync.Once
		wg        sync.WaitGroup // goroutines started by onReady
	)
	quit := func() { quitOnce.Do(func() { close(userQuit) }) }

	if setBeforeRun {
		// The D-Bus backend reads icon, title and tooltip when it exports
		// the item, concurrently with onReady; a change made during the
		// export would be lost, so set them before.
		show(icons, nil, view{}, render(m))
	}
	if m.OnStatus != nil {
		systray.SetOnTapped(func() { t.request(itemStatus) })
	}

	onReady := func() {
		defer close(readyDone)
		// Stopping is armed only now: on Windows, Quit before the window
		// exists would be lost and the loop would never end.
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case <-userQuit:
			case <-done:
				return
			}
			systray.Quit()
		}()

		var items [itemCount]*systray.MenuItem
		var initial view // what systray shows before the first apply
		for i := range items {
			items[i] = systray.AddMenuItem("", "")
			initial.items[i].visible = true
		}
		t.start(initial, func(shown, next view) { show(icons, &items, shown, next) })

		wg.Add(2)
		go func() {
			defer wg.Done()
			relay(t, &items, done)
		}()
		go func() {
			defer wg.Done()
			t.serve(done, quit)
		}()
		if ready != nil {
			ready(t)
		}
	}

	err := loop(onReady)
	t.stop()
	close(done)
	// systray calls onReady before its loop can end, so this cannot block
	// for long; after it, wg has all its goroutines.
	<-readyDone
	wg.Wait()
	return err
}

// loop runs systray's event loop and turns a panic in it into an error:
// on Linux, systray closes a nil D-Bus connection when it quits after it
// failed to connect.
func loop(onReady func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("tray: systray failed: %v", r)
		}
	}()
	systray.Run(onReady, nil)
	return nil
}

// show changes what systray shows from shown to next. items is nil before
// the menu exists.
func show(icons map[string][]byte, items *[itemCount]*systray.MenuItem, shown, next view) {
	if next.icon != shown.icon {
		systray.SetIcon(icons[next.icon])
	}
	if next.tooltip != shown.tooltip {
		systray.SetTooltip(next.tooltip)
	}
	// On macOS the title is text beside the icon in the menu bar.
	if next.title != shown.title && runtime.GOOS != "darwin" {
		systray.SetTitle(next.title)
	}
	if items == nil {
		return
	}
	for i, item := range items {
		was, is := shown.items[i], next.items[i]
		if is.label != was.label {
			item.SetTitle(is.label)
		}
		if is.visible != was.visible {
			if is.visible {
				item.Show()
			} else {
				item.Hide()
			}
		}
	}
}

// relay passes clicks from systray's channels to t until done is closed.
// systray drops a click that nobody is waiting for, so relay never blocks.
func relay(t *Tray, items *[itemCount]*systray.MenuItem, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-items[itemStatus].ClickedCh:
			t.request(itemStatus)
		case <-items[itemQuit].ClickedCh:
			t.request(itemQuit)
		case <-items[itemLock].ClickedCh:
			t.request(itemLock)
		case <-items[itemPresent].ClickedCh:
			t.request(itemPresent)
		case <-items[itemSettings].ClickedCh:
			t.request(itemSettings)
		case <-items[itemCheck].ClickedCh:
			t.request(itemCheck)
		case <-items[itemGenerate].ClickedCh:
			t.request(itemGenerate)
		case <-items[itemShares].ClickedCh:
			t.request(itemShares)
		case <-items[itemFile].ClickedCh:
			t.request(itemFile)
		case <-items[itemSend].ClickedCh:
			t.request(itemSend)
		}
	}
}
