package privacy

import (
	"errors"
	"fmt"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"

	"grendel/app/lock"
)

// perDisplay reports whether this platform can put a window on each
// display: under X11 it can, through the window's X id.
const perDisplay = true

const (
	// tick is how often the X side checks on its windows while it is
	// trying to grab the input; after grabFor it checks every raiseEvery.
	tick       = 50 * time.Millisecond
	grabFor    = 2 * time.Second
	raiseEvery = 500 * time.Millisecond
	// unframeWait is how long a window manager gets to hand an unmapped
	// window back to the root.
	unframeWait = time.Second
	// releaseWait is how long the grabs outlive stop when the windows
	// are not destroyed.
	releaseWait = 3 * time.Second
	// raiseGap keeps two of our own windows that overlap (displays that
	// overlap) from raising each other in a loop.
	raiseGap = 100 * time.Millisecond
)

var errNotX11 = errors.New("the windows are not X11 windows")

// cover places each window over its display on X11, keeps it on top and
// grabs the keyboard and pointer. The work runs on its own goroutine with
// its own X connection; ev hears how it went, and the input it grabs.
//
// Each window is unmapped, handed back to the root by any window manager
// that framed it, made override-redirect (window managers then leave it
// alone: no frame, no move, no restacking) and mapped again exactly over
// its display. rects are in screenshot's coordinates, relative to the
// first Xinerama screen; X wants them relative to the root.
func cover(ws []fyne.Window, rects []image.Rectangle, ev events) (stop func(), err error) {
	ids := make([]xproto.Window, len(ws))
	for i, w := range ws {
		nw, ok := w.(driver.NativeWindow)
		if !ok {
			return nil, errNotX11
		}
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.X11WindowContext); ok {
				ids[i] = xproto.Window(c.WindowHandle)
			}
		})
		if ids[i] == 0 {
			return nil, errNotX11
		}
		if rects[i].Empty() {
			return nil, errors.New("the displays' bounds are unknown")
		}
	}
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("connect to the X server: %w", err)
	}
	x := &x11Cover{
		conn:     conn,
		root:     xproto.Setup(conn).DefaultScreen(conn).Root,
		ids:      ids,
		raised:   make([]time.Time, len(ids)),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
		ev:       ev,
		display:  rects,
	}
	go x.run()
	return x.stop, nil
}

// x11Cover is the X side of one privacy screen. Only its own goroutine
// uses it, except for stop.
type x11Cover struct {
	conn    *xgb.Conn
	root    xproto.Window
	ids     []xproto.Window
	display []image.Rectangle // screenshot's coordinates
	raised  []time.Time
	ev      events

	keyboard, pointer bool // grabbed

	stopOnce sync.Once
	done     chan struct{} // closed by stop
	finished chan struct{} // closed when run returns
}

// stop ends the X side. It keeps the grabs until Fyne has destroyed the
// windows (or for releaseWait at most): once the pointer is free, X sends
// the windows crossing events, and Fyne 2.7 crashes on a pointer event for
// a window that is closing but not yet destroyed.
func (x *x11Cover) stop() {
	x.stopOnce.Do(func() { close(x.done) })
}

func (x *x11Cover) stopped() bool {
	select {
	case <-x.done:
		return true
	default:
		return false
	}
}

func (x *x11Cover) logf(format string, args ...any) {
	if !x.stopped() {
		x.ev.logf("privacy: "+format, args...)
	}
}

func (x *x11Cover) run() {
	defer close(x.finished)
	events := make(chan xgb.Event)
	go x.read(events)

	off := x.primaryOrigin()
	placed := true
	for i, id := range x.ids {
		if err := x.place(id, x.display[i].Add(off)); err != nil {
			x.logf("place a window over display %v: %v", x.display[i], err)
			placed = false
		}
	}
	x.grab()
	deadline := time.Now().Add(grabFor)
	reported := false
	report := func() {
		reported = true
		if x.pointer {
			// Where the pointer is now, so that its first move counts.
			if p, err := xproto.QueryPointer(x.conn, x.root).Reply(); err == nil {
				x.ev.input(Input{Kind: PointerAt, At: image.Pt(int(p.RootX), int(p.RootY))})
			}
		}
		if !x.keyboard || !x.pointer {
			x.logf("could not grab the keyboard (%v) or the pointer (%v): another program holds it; input may reach the windows underneath",
				x.keyboard, x.pointer)
			if !x.keyboard {
				// At least let the keys reach the privacy screen.
				xproto.SetInputFocus(x.conn, xproto.InputFocusParent, x.ids[0], xproto.TimeCurrentTime)
			}
		}
		x.ev.shown(Shown{Windows: len(x.ids), Placed: placed, Grabbed: x.keyboard && x.pointer})
	}
	if x.keyboard && x.pointer {
		report()
	}

	t := time.NewTicker(tick)
	defer t.Stop()
	var ticks int
	done := x.done
	var releaseBy time.Time // set once stopped
	for {
		select {
		case <-done:
			done = nil
			releaseBy = time.Now().Add(releaseWait)
		case e, ok := <-events:
			if !ok {
				return
			}
			if releaseBy.IsZero() {
				x.handle(e)
			}
		case now := <-t.C:
			if !releaseBy.IsZero() {
				if x.gone() || now.After(releaseBy) {
					xproto.UngrabKeyboard(x.conn, xproto.TimeCurrentTime)
					xproto.UngrabPointer(x.conn, xproto.TimeCurrentTime)
					x.conn.Close()
					return
				}
				continue
			}
			ticks++
			if !reported && (x.keyboard && x.pointer || now.After(deadline)) {
				report()
			}
			if now.Before(deadline) || ticks%int(raiseEvery/tick) == 0 {
				x.grab()
				x.raiseAll()
			}
		}
	}
}

// gone reports whether every window has been destroyed.
func (x *x11Cover) gone() bool {
	for _, id := range x.ids {
		if _, err := xproto.GetGeometry(x.conn, xproto.Drawable(id)).Reply(); err == nil {
			return false
		}
	}
	return true
}

// read passes the connection's events on until it closes.
func (x *x11Cover) read(out chan<- xgb.Event) {
	defer close(out)
	for {
		e, err := x.conn.WaitForEvent()
		if e == nil && err == nil {
			return // the connection is closed
		}
		if err != nil {
			x.logf("X error: %v", err)
			continue
		}
		select {
		case out <- e:
		case <-x.finished:
			return
		}
	}
}

func (x *x11Cover) handle(e xgb.Event) {
	switch e := e.(type) {
	case xproto.KeyPressEvent:
		x.ev.input(Input{Kind: KeyDown})
	case xproto.KeyReleaseEvent:
		x.ev.input(Input{Kind: KeyUp})
	case xproto.ButtonPressEvent:
		x.ev.input(Input{Kind: ButtonDown, At: image.Pt(int(e.RootX), int(e.RootY))})
	case xproto.ButtonReleaseEvent:
		x.ev.input(Input{Kind: ButtonUp, At: image.Pt(int(e.RootX), int(e.RootY))})
	case xproto.MotionNotifyEvent:
		x.ev.input(Input{Kind: PointerMove, At: image.Pt(int(e.RootX), int(e.RootY))})
	case xproto.VisibilityNotifyEvent:
		if e.State != xproto.VisibilityUnobscured {
			x.raise(e.Window)
		}
	case xproto.UnmapNotifyEvent:
		// Some other program unmapped a window: show it again. The
		// server dropped a grab whose window is no longer viewable.
		if i := x.index(e.Window); i >= 0 && e.Event == e.Window {
			xproto.MapWindow(x.conn, e.Window)
			x.raise(e.Window)
			x.keyboard, x.pointer = false, false
			x.grab()
		}
	}
}

func (x *x11Cover) index(id xproto.Window) int {
	for i, w := range x.ids {
		if w == id {
			return i
		}
	}
	return -1
}

// primaryOrigin returns the first Xinerama screen's top-left corner in
// the root: the origin of screenshot's coordinates.
func (x *x11Cover) primaryOrigin() image.Point {
	if err := xinerama.Init(x.conn); err != nil {
		return image.Point{}
	}
	r, err := xinerama.QueryScreens(x.conn).Reply()
	if err != nil || len(r.ScreenInfo) == 0 {
		return image.Point{}
	}
	return image.Pt(int(r.ScreenInfo[0].XOrg), int(r.ScreenInfo[0].YOrg))
}

// markCover sets [lock.CoverMarker] on window id, with our process id, so
// that the lock chain's X11 probe never takes this screen for a lock: it
// holds the keyboard under windows that cover every monitor, as a locker
// does, but a mouse move ends it. It is set before the window is mapped
// over the display, so no moment exists when the cover is up unmarked.
func markCover(c *xgb.Conn, id xproto.Window) error {
	a, err := xproto.InternAtom(c, false, uint16(len(lock.CoverMarker)), lock.CoverMarker).Reply()
	if err != nil {
		return fmt.Errorf("intern %s: %w", lock.CoverMarker, err)
	}
	pid := make([]byte, 4)
	xgb.Put32(pid, uint32(os.Getpid()))
	if err := xproto.ChangePropertyChecked(c, xproto.PropModeReplace, id, a.Atom, xproto.AtomCardinal, 32, 1, pid).Check(); err != nil {
		return fmt.Errorf("mark the window as Grendel's cover: %w", err)
	}
	return nil
}

// place makes window id override-redirect and maps it over r, on top.
func (x *x11Cover) place(id xproto.Window, r image.Rectangle) error {
	if err := xproto.UnmapWindowChecked(x.conn, id).Check(); err != nil {
		return fmt.Errorf("unmap: %w", err)
	}
	// A window manager that framed the window reparents it to the root
	// once it sees the unmap; without one it is there already.
	for deadline := time.Now().Add(unframeWait); ; {
		t, err := xproto.QueryTree(x.conn, id).Reply()
		if err != nil {
			return fmt.Errorf("query tree: %w", err)
		}
		if t.Parent == x.root {
			break
		}
		if time.Now().After(deadline) {
			xproto.ReparentWindow(x.conn, id, x.root, int16(r.Min.X), int16(r.Min.Y))
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := markCover(x.conn, id); err != nil {
		return err
	}
	err := xproto.ChangeWindowAttributesChecked(x.conn, id,
		xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{1, xproto.EventMaskVisibilityChange | xproto.EventMaskStructureNotify}).Check()
	if err != nil {
		return fmt.Errorf("set override-redirect: %w", err)
	}
	err = xproto.ConfigureWindowChecked(x.conn, id,
		xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight|
			xproto.ConfigWindowBorderWidth|xproto.ConfigWindowStackMode,
		[]uint32{uint32(int32(r.Min.X)), uint32(int32(r.Min.Y)), uint32(r.Dx()), uint32(r.Dy()), 0, xproto.StackModeAbove}).Check()
	if err != nil {
		return fmt.Errorf("configure: %w", err)
	}
	if err := xproto.MapWindowChecked(x.conn, id).Check(); err != nil {
		return fmt.Errorf("map: %w", err)
	}
	return nil
}

// grab tries to take whichever of the keyboard and the pointer the
// privacy screen does not hold yet. Grabbed, their events come to this
// connection, relative to the root, and to no other program.
func (x *x11Cover) grab() {
	w := x.ids[0]
	if !x.keyboard {
		r, err := xproto.GrabKeyboard(x.conn, false, w, xproto.TimeCurrentTime,
			xproto.GrabModeAsync, xproto.GrabModeAsync).Reply()
		x.keyboard = err == nil && r.Status == xproto.GrabStatusSuccess
	}
	if !x.pointer {
		r, err := xproto.GrabPointer(x.conn, false, w,
			xproto.EventMaskButtonPress|xproto.EventMaskButtonRelease|xproto.EventMaskPointerMotion,
			xproto.GrabModeAsync, xproto.GrabModeAsync, xproto.WindowNone, xproto.CursorNone, xproto.TimeCurrentTime).Reply()
		x.pointer = err == nil && r.Status == xproto.GrabStatusSuccess
	}
}

// raise puts window id above every other window, unless it was raised a
// moment ago.
func (x *x11Cover) raise(id xproto.Window) {
	i := x.index(id)
	if i < 0 || time.Since(x.raised[i]) < raiseGap {
		return
	}
	x.raised[i] = time.Now()
	xproto.ConfigureWindow(x.conn, id, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove})
}

func (x *x11Cover) raiseAll() {
	for _, id := range x.ids {
		x.raise(id)
	}
}
