package idle

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/screensaver"
	"github.com/jezek/xgb/xproto"
)

// screenSaverExt is the name of the X extension that knows the idle time.
const screenSaverExt = "MIT-SCREEN-SAVER"

// x11 is the "x11" [Source]: see the package documentation.
type x11 struct {
	display string
	// wayland is WAYLAND_DISPLAY; when set, the source refuses to answer.
	wayland string
	turn    serial

	// conn and root belong to the goroutine holding turn.
	conn *xgb.Conn
	root xproto.Window
}

// newX11 returns the source for the X server display.
func newX11(display, wayland string) *x11 {
	return &x11{display: display, wayland: wayland, turn: newSerial()}
}

// Name implements [Source].
func (*x11) Name() string { return "x11" }

// Idle implements [Source].
func (x *x11) Idle(ctx context.Context) (time.Duration, error) {
	switch {
	case x.wayland != "":
		return 0, fmt.Errorf("x11: the session is Wayland (WAYLAND_DISPLAY=%s), and Xwayland sees only the input that goes to X windows: %w", x.wayland, ErrUnsupported)
	case x.display == "":
		return 0, fmt.Errorf("x11: DISPLAY is not set: %w", ErrUnsupported)
	}
	return do(ctx, x.turn, "x11: waiting for the X server "+x.display, x.query)
}

// query asks the server for the idle time, connecting first if need be. A
// connection found broken is replaced once.
func (x *x11) query() (time.Duration, error) {
	for retry := true; ; retry = false {
		fresh := x.conn == nil
		if fresh {
			if err := x.connect(); err != nil {
				return 0, err
			}
		}
		reply, err := screensaver.QueryInfo(x.conn, xproto.Drawable(x.root)).Reply()
		x.drainEvents()
		var xerr xgb.Error
		switch {
		case err == nil && reply != nil:
			return time.Duration(reply.MsSinceUserInput) * time.Millisecond, nil
		case errors.As(err, &xerr):
			// The server refused the request; the connection is fine.
			return 0, fmt.Errorf("x11: QueryInfo on %s: %w", x.display, err)
		}
		// The connection is gone (the reply is io.EOF, or nothing).
		x.closeConn()
		if !retry || fresh {
			if err == nil {
				err = errors.New("no reply")
			}
			return 0, fmt.Errorf("x11: connection to %s lost: %w", x.display, err)
		}
	}
}

// connect opens the connection and checks for the extension. It registers
// the extension on this connection alone: screensaver.Init would also write
// xgb's process-wide event and error tables, which the reading goroutines of
// other connections read without a lock.
func (x *x11) connect() error {
	c, err := xgb.NewConnDisplay(x.display)
	if err != nil {
		return fmt.Errorf("x11: connecting to %s: %w", x.display, err)
	}
	ext, err := xproto.QueryExtension(c, uint16(len(screenSaverExt)), screenSaverExt).Reply()
	switch {
	case err != nil:
		c.Close()
		return fmt.Errorf("x11: asking %s for %s: %w", x.display, screenSaverExt, err)
	case ext == nil:
		c.Close()
		return fmt.Errorf("x11: asking %s for %s: no reply", x.display, screenSaverExt)
	case !ext.Present:
		c.Close()
		return fmt.Errorf("x11: the X server %s has no %s extension: %w", x.display, screenSaverExt, ErrUnsupported)
	}
	c.ExtLock.Lock()
	c.Extensions[screenSaverExt] = ext.MajorOpcode
	c.ExtLock.Unlock()

	setup := xproto.Setup(c)
	if setup == nil || c.DefaultScreen < 0 || c.DefaultScreen >= len(setup.Roots) {
		c.Close()
		return fmt.Errorf("x11: display %s has no screen %d", x.display, c.DefaultScreen)
	}
	x.conn, x.root = c, setup.Roots[c.DefaultScreen].Root
	return nil
}

// drainEvents throws away what the server sent unasked (MappingNotify goes
// to every client). xgb queues such events until they are read, and a full
// queue would stall the connection.
func (x *x11) drainEvents() {
	for {
		ev, err := x.conn.PollForEvent()
		if ev == nil && err == nil {
			return
		}
	}
}

// closeConn drops the connection.
func (x *x11) closeConn() {
	if x.conn != nil {
		x.conn.Close()
		x.conn = nil
	}
}

// Close implements [Source]. It waits for a call in progress, but not for
// longer than [DetectTimeout].
func (x *x11) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), DetectTimeout)
	defer cancel()
	_, err := do(ctx, x.turn, "x11: closing the connection to "+x.display, func() (struct{}, error) {
		x.closeConn()
		return struct{}{}, nil
	})
	return err
}
