package lock

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"
)

// x11Grab is the "x11-grab" [Verifier]: see the package documentation.
type x11Grab struct {
	env Env

	mu sync.Mutex
	// heldBefore: at the start of [Chain.Lock] a client with no covering
	// window (an open menu) held the keyboard, and the keyboard has not
	// been seen free since. A covering window with a held keyboard then
	// proves nothing: the locker may be up but still waiting for the
	// keyboard, as i3lock does for a while before it gives up.
	heldBefore bool
}

// Name implements [Verifier].
func (*x11Grab) Name() string { return "x11-grab" }

// Locked implements [Verifier]. The probe runs on a connection of its own,
// closed when ctx ends; a server that does not answer is left to the
// goroutine and reported as ctx's error.
func (x *x11Grab) Locked(ctx context.Context) (bool, error) {
	return x.look(ctx, false)
}

// baseline implements baseliner: the look before any method runs also
// asks for the keyboard when nothing covers the screen, to learn whether
// someone else holds it already.
func (x *x11Grab) baseline(ctx context.Context) (bool, error) {
	return x.look(ctx, true)
}

// errHeldBefore is the answer to a covering window while a keyboard grab
// that predates the lock may still be in place.
var errHeldBefore = errors.New("another client (an open menu?) held the keyboard when the lock began, " +
	"and it has not been free since: cannot tell whether the locker holds it")

func (x *x11Grab) look(ctx context.Context, first bool) (bool, error) {
	display := x.env.Get("DISPLAY")
	if display == "" {
		return false, errors.New("no X display (DISPLAY is unset)")
	}
	x.mu.Lock()
	// While an old grab may linger, look at the keyboard even when
	// nothing covers the screen, to see it go.
	askUncovered := first || x.heldBefore
	x.mu.Unlock()

	ch := make(chan x11Answer, 1)
	go func() { ch <- probeX11(ctx, display, askUncovered) }()
	var a x11Answer
	select {
	case a = <-ch:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	if a.err != nil {
		return false, a.err
	}

	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case a.asked && !a.held:
		x.heldBefore = false
	case first && !a.covered && a.held:
		x.heldBefore = true
	}
	if !a.covered || !a.held {
		return false, nil
	}
	if x.heldBefore {
		return false, errHeldBefore
	}
	return true, nil
}

// x11Answer is what one probe saw: whether override-redirect windows cover
// the screen, and, if it asked (asked), whether another client holds the
// keyboard (held).
type x11Answer struct {
	covered, asked, held bool
	err                  error
}

// probeX11 connects to display and looks: first for covering windows, then,
// if they cover the screen or askUncovered is set, at the keyboard.
func probeX11(ctx context.Context, display string, askUncovered bool) x11Answer {
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return x11Answer{err: err}
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, c.Close)
	defer stop()

	setup := xproto.Setup(c)
	if c.DefaultScreen < 0 || c.DefaultScreen >= len(setup.Roots) {
		return x11Answer{err: fmt.Errorf("display %s has no screen %d", display, c.DefaultScreen)}
	}
	screen := &setup.Roots[c.DefaultScreen]
	var a x11Answer
	a.covered, a.err = lockerOnTop(c, screen)
	if a.err != nil || (!a.covered && !askUncovered) {
		return a
	}
	a.asked = true
	a.held, a.err = keyboardHeld(c, screen.Root)
	return a
}

// lockerOnTop reports whether the topmost mapped children of the root
// window are override-redirect windows that together cover every monitor:
// what a locker's windows look like, and an open menu's do not.
func lockerOnTop(c *xgb.Conn, screen *xproto.ScreenInfo) (bool, error) {
	tree, err := xproto.QueryTree(c, screen.Root).Reply()
	if err != nil {
		return false, fmt.Errorf("query the window tree: %w", err)
	}
	kids := tree.Children // bottom to top
	attrs := make([]xproto.GetWindowAttributesCookie, len(kids))
	for i, w := range kids {
		attrs[i] = xproto.GetWindowAttributes(c, w)
	}
	marker, err := xproto.InternAtom(c, false, uint16(len(CoverMarker)), CoverMarker).Reply()
	if err != nil {
		return false, fmt.Errorf("look up the %s atom: %w", CoverMarker, err)
	}
	var top []xproto.GetGeometryCookie
	var marks []xproto.GetPropertyCookie
	for i := len(kids) - 1; i >= 0; i-- {
		a, err := attrs[i].Reply()
		if err != nil || a.MapState != xproto.MapStateViewable {
			continue // gone since QueryTree, or not shown
		}
		if !a.OverrideRedirect {
			break
		}
		top = append(top, xproto.GetGeometry(c, xproto.Drawable(kids[i])))
		marks = append(marks, xproto.GetProperty(c, false, kids[i], marker.Atom, xproto.GetPropertyTypeAny, 0, 1))
	}
	if len(top) == 0 {
		return false, nil
	}
	for _, m := range marks {
		// A window gone since QueryTree answers with an error: it covers
		// nothing, and its geometry is skipped below too.
		if p, err := m.Reply(); err == nil && p.Type != xproto.AtomNone {
			return false, ErrCovered
		}
	}
	have := make([]rect, 0, len(top))
	for _, g := range top {
		r, err := g.Reply()
		if err != nil {
			continue
		}
		b := 2 * int(r.BorderWidth)
		have = append(have, rect{int(r.X), int(r.Y), int(r.X) + int(r.Width) + b, int(r.Y) + int(r.Height) + b})
	}
	return covers(monitors(c, screen), have), nil
}

// monitors returns the screen's active CRTCs, clipped to the root window,
// or the root window itself when RandR cannot tell.
func monitors(c *xgb.Conn, screen *xproto.ScreenInfo) []rect {
	root := rect{0, 0, int(screen.WidthInPixels), int(screen.HeightInPixels)}
	if randr.Init(c) != nil {
		return []rect{root}
	}
	if _, err := randr.QueryVersion(c, 1, 5).Reply(); err != nil {
		return []rect{root}
	}
	res, err := randr.GetScreenResourcesCurrent(c, screen.Root).Reply()
	if err != nil {
		return []rect{root}
	}
	infos := make([]randr.GetCrtcInfoCookie, len(res.Crtcs))
	for i, crtc := range res.Crtcs {
		infos[i] = randr.GetCrtcInfo(c, crtc, res.ConfigTimestamp)
	}
	var mons []rect
	for _, ck := range infos {
		info, err := ck.Reply()
		if err != nil || info.Mode == 0 {
			continue
		}
		r := rect{
			max(int(info.X), root.x0), max(int(info.Y), root.y0),
			min(int(info.X)+int(info.Width), root.x1), min(int(info.Y)+int(info.Height), root.y1),
		}
		if !r.empty() {
			mons = append(mons, r)
		}
	}
	if len(mons) == 0 {
		return []rect{root}
	}
	return mons
}

// keyboardHeld asks for the keyboard and reports whether another client
// holds it. The ungrab goes out right behind the grab, before the answer
// is read, so that a grab we do get lasts no longer than the server takes
// to read the next request; a grab we got is known to be released when
// keyboardHeld returns.
func keyboardHeld(c *xgb.Conn, root xproto.Window) (bool, error) {
	grab := xproto.GrabKeyboard(c, false, root, xproto.TimeCurrentTime, xproto.GrabModeAsync, xproto.GrabModeAsync)
	xproto.UngrabKeyboard(c, xproto.TimeCurrentTime)
	r, err := grab.Reply()
	if err != nil {
		return false, fmt.Errorf("grab the keyboard: %w", err)
	}
	switch r.Status {
	case xproto.GrabStatusAlreadyGrabbed, xproto.GrabStatusFrozen:
		return true, nil
	case xproto.GrabStatusSuccess:
		// The server has read the ungrab but may not have carried it out
		// yet: a round trip makes sure that the keyboard is free again
		// before the caller (or the next client) looks.
		c.Sync()
		return false, nil
	}
	return false, fmt.Errorf("grab the keyboard: unexpected status %d", r.Status)
}
